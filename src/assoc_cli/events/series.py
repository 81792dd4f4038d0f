"""Recurring events (例会): 三会一课, 半月一碰头, 一月一茶叙, a monthly 座谈会. A series is a
kind of meeting and a rule — every N days, weeks or months (on the start date's day), or
the nth weekday of every N months (每月第二个周四) — that creates real meetings ahead of
time, numbered and titled as any meeting of the kind. One occurrence can be moved (it
keeps the day the rule gave it) or cancelled (it keeps its number); a year's report says
how many were planned, held, cancelled and still to come.

The API for other features (issue 19's 三会一课 calls it): :func:`plan_series` creates a
series and its meetings up to a date, :func:`extend_series` creates more,
:func:`move_occurrence` and :func:`cancel_occurrence` change one, :func:`series_year`
reports on a year. Rules are computed here with :mod:`calendar` (the few patterns
secretariats use; no RRULE text to parse).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, col, select

from assoc_cli.db.models import EventOccurrence, EventSeries, Meeting
from assoc_cli.errors import ConflictError, InvalidValueError, NotFoundError
from assoc_cli.i18n.controls import one_line

UNITS = ("day", "week", "month")
# The most meetings one command creates ahead (a daily rule over years is a mistake).
MAX_AHEAD = 400


@dataclass(frozen=True)
class Rule:
    """Every *every* days, weeks or months; for months, on the *nth* (1-5, -1 last)
    *weekday* (0 Monday … 6 Sunday), else on the start date's day of the month."""

    unit: str
    every: int = 1
    nth: int | None = None
    weekday: int | None = None

    def checked(self) -> Rule:
        """The rule, or an error saying what is wrong with it."""
        if self.unit not in UNITS:
            raise InvalidValueError(
                f'a series repeats by day, week or month, not "{self.unit}"',
                zh=f"例会按日（day）、周（week）或月（month）重复，不能是“{self.unit}”",
            )
        if not 1 <= self.every <= 366:
            raise InvalidValueError("--every is 1 to 366", zh="--every 的取值为 1 到 366")
        if (self.nth is None) != (self.weekday is None):
            raise InvalidValueError(
                "give --nth and --weekday together (每月第二个周四: --nth 2 --weekday 4)",
                zh="--nth 与 --weekday 需一起给出（每月第二个周四：--nth 2 --weekday 4）",
            )
        if self.nth is not None:
            if self.unit != "month":
                raise InvalidValueError(
                    "--nth and --weekday go with --unit month",
                    zh="--nth 与 --weekday 只用于按月重复（--unit month）",
                )
            if self.nth not in (1, 2, 3, 4, 5, -1):
                raise InvalidValueError(
                    "--nth is 1 to 5, or -1 for the last", zh="--nth 为 1 到 5，或 -1 表示最后一个"
                )
            if self.weekday is None or not 0 <= self.weekday <= 6:
                raise InvalidValueError(
                    "--weekday is 1 (Monday) to 7 (Sunday)", zh="--weekday 为 1（周一）到 7（周日）"
                )
        return self


def _nth_weekday(year: int, month: int, nth: int, weekday: int) -> date | None:
    days = [week[weekday] for week in calendar.monthcalendar(year, month) if week[weekday] != 0]
    if nth == -1:
        return date(year, month, days[-1])
    return date(year, month, days[nth - 1]) if nth <= len(days) else None


def _add_months(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def occurrence_dates(rule: Rule, starts_on: date, until: date) -> list[date]:
    """The days *rule* gives from *starts_on* to *until* inclusive. A day of the month
    that a month lacks (the 31st) falls on its last day; a fifth weekday a month lacks is
    skipped."""
    days: list[date] = []
    step = 0
    while len(days) <= MAX_AHEAD:
        if rule.unit == "day":
            day: date | None = starts_on + timedelta(days=step * rule.every)
        elif rule.unit == "week":
            day = starts_on + timedelta(weeks=step * rule.every)
        else:
            year, month = _add_months(starts_on, step * rule.every)
            if rule.nth is not None and rule.weekday is not None:
                day = _nth_weekday(year, month, rule.nth, rule.weekday)
                if day is not None and day < starts_on:
                    day = None
            else:
                last = calendar.monthrange(year, month)[1]
                day = date(year, month, min(starts_on.day, last))
            if date(year, month, 1) > until:
                break
        step += 1
        if day is None:
            continue
        if day > until:
            break
        days.append(day)
    if len(days) > MAX_AHEAD:
        raise InvalidValueError(
            f"the rule gives more than {MAX_AHEAD} meetings up to {until}; plan less far ahead",
            zh=f"到 {until} 为止该规则会产生超过 {MAX_AHEAD} 次会议；请缩短提前安排的时间",
        )
    return days


def _rule(series: EventSeries) -> Rule:
    return Rule(series.unit, series.every, series.nth, series.weekday)


def plan_series(
    *,
    session: Session,
    name: str,
    kind: str,
    rule: Rule,
    starts_on: date,
    until: date,
    ends_on: date | None = None,
    starts_at: str | None = None,
    venue: str | None = None,
    topic: str | None = None,
) -> tuple[EventSeries, list[Meeting]]:
    """Create the series *name* of meetings of *kind* by *rule* from *starts_on*, and its
    meetings up to *until* (and not after *ends_on*); returns the series and the meetings."""
    from assoc_cli.meetings.kinds import find_kind

    name = one_line(name, "the series name")
    if not name:
        raise InvalidValueError("a series needs a name", zh="例会需要名称")
    if session.exec(select(EventSeries).where(EventSeries.name == name)).first():
        raise ConflictError(f'there is already a series "{name}"', zh=f"已有例会“{name}”")
    if ends_on is not None and ends_on < starts_on:
        raise InvalidValueError(
            f"the series ends ({ends_on}) before it starts ({starts_on})",
            zh=f"例会结束日期（{ends_on}）早于开始日期（{starts_on}）",
        )
    found = find_kind(session=session, name=kind)
    rule = rule.checked()
    series = EventSeries(
        name=name,
        kind_id=found.id,  # type: ignore[arg-type]
        unit=rule.unit,
        every=rule.every,
        nth=rule.nth,
        weekday=rule.weekday,
        starts_on=starts_on,
        ends_on=ends_on,
        starts_at=starts_at,
        venue=one_line(venue or "", "the venue") or None,
        topic=one_line(topic or "", "the topic") or None,
    )
    session.add(series)
    session.flush()
    return series, extend_series(session=session, series=series, until=until)


def extend_series(*, session: Session, series: EventSeries, until: date) -> list[Meeting]:
    """Create the series' meetings the rule gives up to *until* that it has not created
    yet (never past its end date); returns them."""
    from assoc_cli.meetings.kinds import list_kinds
    from assoc_cli.meetings.service import MeetingInput, create_meeting

    last = min(until, series.ends_on) if series.ends_on else until
    planned = set(
        session.exec(
            select(col(EventOccurrence.planned_on)).where(EventOccurrence.series_id == series.id)
        )
    )
    kind = next(k for k in list_kinds(session=session) if k.id == series.kind_id)
    made = []
    for day in occurrence_dates(_rule(series), series.starts_on, last):
        if day in planned:
            continue
        meeting = create_meeting(
            session=session,
            data=MeetingInput(
                kind=kind.name,
                held_on=day,
                starts_at=series.starts_at,
                venue=series.venue,
                topic=series.topic,
                use_template=False,
            ),
        )
        session.add(
            EventOccurrence(
                meeting_id=meeting.id,  # type: ignore[arg-type]
                series_id=series.id,  # type: ignore[arg-type]
                planned_on=day,
            )
        )
        made.append(meeting)
    session.flush()
    return made


def find_series(*, session: Session, name: str) -> EventSeries:
    """A series by its name."""
    series = session.exec(select(EventSeries).where(EventSeries.name == name.strip())).first()
    if series is None:
        raise NotFoundError(
            f'there is no series "{name}"; see: assoc events series list',
            zh=f"没有例会“{name}”；请查看：assoc events series list",
        )
    return series


def occurrence_on(*, session: Session, series: EventSeries, day: date) -> Meeting:
    """The series' meeting planned for, or now held on, *day*."""
    rows = session.exec(
        select(Meeting, EventOccurrence)
        .join(EventOccurrence, col(EventOccurrence.meeting_id) == Meeting.id)
        .where(EventOccurrence.series_id == series.id)
    ).all()
    for meeting, _ in rows:
        if meeting.held_on == day:
            return meeting
    for meeting, occurrence in rows:
        if occurrence.planned_on == day:
            return meeting
    raise NotFoundError(
        f'"{series.name}" has no meeting on {day}', zh=f"例会“{series.name}”在 {day} 没有会议"
    )


def move_occurrence(*, session: Session, meeting: Meeting, to: date) -> Meeting:
    """Move one meeting of a series to another day (it keeps the day the rule gave it, so
    extending the series does not plan that day again)."""
    from assoc_cli.meetings.service import change_meeting

    return change_meeting(session=session, meeting=meeting, changes={"held_on": to}).meeting


def cancel_occurrence(*, session: Session, meeting: Meeting, reason: str) -> Meeting:
    """Cancel one meeting of a series (it keeps its number)."""
    from assoc_cli.meetings.service import cancel_meeting

    return cancel_meeting(session=session, meeting=meeting, reason=reason)


@dataclass(frozen=True)
class SeriesYear:
    """A series' year: meetings planned, held (dated by the as-of day and not cancelled),
    cancelled, and still to come."""

    series: str
    year: int
    planned: int
    held: int
    cancelled: int
    to_come: int


def series_year(*, session: Session, series: EventSeries, year: int, as_of: date) -> SeriesYear:
    """How the series went in *year*, as of *as_of* (counted in SQL)."""
    from sqlalchemy import case, func

    from assoc_cli.meetings.choices import MeetingStatus

    cancelled = col(Meeting.status) == MeetingStatus.cancelled.value
    held = (col(Meeting.status) != MeetingStatus.cancelled.value) & (col(Meeting.held_on) <= as_of)
    row = session.exec(
        select(
            func.count(),
            func.sum(case((cancelled, 1), else_=0)),
            func.sum(case((held, 1), else_=0)),
        )
        .select_from(EventOccurrence)
        .join(Meeting, col(Meeting.id) == EventOccurrence.meeting_id)
        .where(
            EventOccurrence.series_id == series.id,
            col(Meeting.held_on) >= date(year, 1, 1),
            col(Meeting.held_on) <= date(year, 12, 31),
        )
    ).one()
    planned, gone, done = (int(value or 0) for value in row)
    return SeriesYear(series.name, year, planned, done, gone, planned - done - gone)


def all_series(*, session: Session) -> list[EventSeries]:
    """Every series, by name."""
    return list(session.exec(select(EventSeries).order_by(col(EventSeries.name))))
