"""Working days (工作日) on China's official calendar: weekends and the State Council's
holidays are off, and the 调休 make-up Saturdays and Sundays are working days. The
calendar comes from chinese-calendar (``chinese_calendar``), which holds each year's
notice once it is published; a year it does not hold is refused, never guessed."""

from __future__ import annotations

from datetime import date, timedelta

from assoc_cli.errors import InvalidValueError


def covered_years() -> tuple[int, int]:
    """The first and last year the calendar library holds the official notices for."""
    from chinese_calendar import constants

    return min(constants.holidays).year, max(constants.holidays).year


def _uncovered(day: date) -> InvalidValueError:
    first, last = covered_years()
    return InvalidValueError(
        f"the official holiday calendar for {day.year} is not known (chinese-calendar covers "
        f"{first}–{last}); give the due date by hand with --due, or upgrade chinesecalendar "
        "once the State Council has published that year's holidays",
        zh=f"尚无{day.year}年的法定节假日安排（chinese-calendar 只含 {first}—{last} 年）；"
        "请用 --due 直接给出办理期限，或在国务院公布该年放假安排后升级 chinesecalendar",
    )


def is_working_day(day: date) -> bool:
    """Whether *day* is a working day (make-up 调休 weekend days are)."""
    import chinese_calendar

    first, last = covered_years()
    if not first <= day.year <= last:
        raise _uncovered(day)
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError as error:  # the library's own "no data for year" refusal
        raise _uncovered(day) from error


def add_working_days(start: date, days: int) -> date:
    """The *days*-th working day after *start* (the day of receipt is not counted:
    "自受理之日起N个工作日内" ends on the N-th working day after it)."""
    if days < 1:
        raise InvalidValueError(
            f"a time limit is at least 1 working day, not {days}",
            zh=f"办理时限至少为1个工作日，不能是{days}",
        )
    day = start
    left = days
    while left:
        day += timedelta(days=1)
        if is_working_day(day):
            left -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after *start* up to and including *end* (0 when end <= start)."""
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count
