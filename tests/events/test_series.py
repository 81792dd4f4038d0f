"""Recurring series through the CLI on both engines: rules (nth weekday of the month, every
two weeks, a day the month lacks), real meetings created ahead, one moved and one cancelled,
held vs planned per year; refused inputs change nothing. And the rule arithmetic alone."""

from __future__ import annotations

import json
from datetime import date

import pytest

from assoc_cli.errors import InvalidValueError
from assoc_cli.events.series import Rule, occurrence_dates
from tests.conftest import Cli


def _json(cli: Cli, *args: str) -> list[dict[str, object]]:
    return json.loads(cli.ok(*args, "-f", "json").stdout)  # type: ignore[no-any-return]


def test_rules() -> None:
    # 每月第二个周四 in 2022.
    second_thursdays = occurrence_dates(Rule("month", 1, 2, 3), date(2022, 1, 1), date(2022, 4, 30))
    assert second_thursdays == [
        date(2022, 1, 13),
        date(2022, 2, 10),
        date(2022, 3, 10),
        date(2022, 4, 14),
    ]
    # The last Friday (一月一茶叙), every two months.
    last_fridays = occurrence_dates(Rule("month", 2, -1, 4), date(2022, 1, 1), date(2022, 6, 30))
    assert last_fridays == [date(2022, 1, 28), date(2022, 3, 25), date(2022, 5, 27)]
    # The 31st falls on a month's last day; the rule keeps counting from the start date.
    month_ends = occurrence_dates(Rule("month"), date(2022, 1, 31), date(2022, 4, 30))
    assert month_ends == [
        date(2022, 1, 31),
        date(2022, 2, 28),
        date(2022, 3, 31),
        date(2022, 4, 30),
    ]
    # 半月一碰头: every 14 days, or every other week.
    assert occurrence_dates(Rule("day", 14), date(2022, 1, 3), date(2022, 2, 14)) == [
        date(2022, 1, 3),
        date(2022, 1, 17),
        date(2022, 1, 31),
        date(2022, 2, 14),
    ]
    assert occurrence_dates(Rule("week", 2), date(2022, 1, 3), date(2022, 1, 31))[-1] == date(
        2022, 1, 31
    )
    # A fifth Monday is skipped in months without one; a start after the month's nth day too.
    fifth = occurrence_dates(Rule("month", 1, 5, 0), date(2022, 1, 1), date(2022, 6, 30))
    assert fifth == [date(2022, 1, 31), date(2022, 5, 30)]
    late = occurrence_dates(Rule("month", 1, 1, 0), date(2022, 1, 15), date(2022, 3, 31))
    assert late == [date(2022, 2, 7), date(2022, 3, 7)]
    with pytest.raises(InvalidValueError):
        occurrence_dates(Rule("day"), date(2022, 1, 1), date(2024, 1, 1))
    with pytest.raises(InvalidValueError):
        Rule("week", 1, 2, 3).checked()


def test_series_through_the_cli(cli: Cli) -> None:
    made = cli.ok(
        "events",
        "series",
        "add",
        "月度座谈会",
        "--kind",
        "座谈会",
        "--unit",
        "month",
        "--nth",
        "2",
        "--weekday",
        "4",
        "--start",
        "2022-01-01",
        "--until",
        "2022-06-30",
        "--time",
        "14:30",
        "--venue",
        "协会会议室",
    ).stdout.strip()
    assert made == "6"
    meetings = _json(cli, "meetings", "list")
    assert [m["held_on"] for m in meetings][:2] == ["2022-01-13", "2022-02-10"]
    assert all(m["venue"] == "协会会议室" and m["starts_at"] == "14:30" for m in meetings)
    cli.ok("events", "series", "move", "月度座谈会", "2022-02-10", "--to", "2022-02-11")
    cli.ok("events", "series", "cancel", "月度座谈会", "2022-03-10", "--reason", "疫情")
    # The moved one keeps its planned day: extending does not plan 10 February again.
    assert (
        cli.ok("events", "series", "extend", "月度座谈会", "--until", "2022-12-31").stdout.strip()
        == "6"
    )
    assert (
        cli.ok("events", "series", "extend", "月度座谈会", "--until", "2022-12-31").stdout.strip()
        == "0"
    )
    rows = _json(cli, "events", "series", "list", "--year", "2022", "--as-of", "2022-06-30")
    assert rows == [
        {
            "name": "月度座谈会",
            "kind": "座谈会",
            "rule": "每月第2个周四",
            "year": 2022,
            "planned": 12,
            "held": 5,
            "cancelled": 1,
            "to_come": 6,
        }
    ]
    assert "already a series" in cli.fails(
        "events",
        "series",
        "add",
        "月度座谈会",
        "--kind",
        "座谈会",
        "--start",
        "2022-01-01",
        "--until",
        "2022-02-01",
        lang="en",
    )
    assert "go with --unit month" in cli.fails(
        "events",
        "series",
        "add",
        "x",
        "--kind",
        "座谈会",
        "--unit",
        "week",
        "--nth",
        "1",
        "--weekday",
        "1",
        "--start",
        "2022-01-01",
        "--until",
        "2022-02-01",
        lang="en",
    )
    assert "more than 400" in cli.fails(
        "events",
        "series",
        "add",
        "x",
        "--kind",
        "座谈会",
        "--unit",
        "day",
        "--start",
        "2022-01-01",
        "--until",
        "2030-01-01",
        lang="en",
    )
    assert "no meeting on 2022-03-11" in cli.fails(
        "events", "series", "cancel", "月度座谈会", "2022-03-11", "--reason", "x", lang="en"
    )
    assert "no series" in cli.fails(
        "events", "series", "extend", "无", "--until", "2023-01-01", lang="en"
    )
    # A term-numbered kind numbers its meetings: 二届一次, 二届二次….
    cli.ok("terms", "add", "2", "--start", "2021-06-18")
    cli.ok(
        "events",
        "series",
        "add",
        "季度会长办公会",
        "--kind",
        "会长办公会",
        "--unit",
        "month",
        "--every",
        "3",
        "--start",
        "2022-01-15",
        "--until",
        "2022-12-31",
    )
    titles = [m["title"] for m in _json(cli, "meetings", "list", "--kind", "会长办公会")]
    assert titles[:2] == [
        "淄博市装备制造业协会二届一次会长办公会",
        "淄博市装备制造业协会二届二次会长办公会",
    ]
