"""Member services: requests (诉求台账) with working-day deadlines, services and visits
(服务台账/走访台账), their reports, reminders and the year-end work summary."""
