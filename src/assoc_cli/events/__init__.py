"""Events (活动、培训班): a meeting's programme — organisers, sessions with their 主持,
speakers, guests, the people at it in their roles — and the news release written from it."""
