"""The request figures computed in SQL (办结率, 按期办结率, 回访率, 满意率, 超期) equal a
plain-Python model of their definitions, on both engines, for any set of requests."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import Cli
from tests.strategies import FUZZ

STATUSES = ("受理", "办理中", "已答复", "已办结", "不予受理", "已转办")
OPEN = ("受理", "办理中", "已答复")
START = date(2026, 1, 1)


def _day(n: int) -> date:
    return START + timedelta(days=n)


request = st.fixed_dictionaries(
    {
        "received": st.integers(0, 364),
        "status": st.sampled_from(STATUSES),
        "judged": st.one_of(st.none(), st.integers(0, 400)),
        "closed": st.integers(0, 400),
        "followup": st.sampled_from([None, "满意", "基本满意"]),
        "category": st.sampled_from(["用工", "融资", "其他"]),
    }
)


def _percent(part: int, whole: int) -> str | None:
    if whole == 0:
        return None
    value = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return str(value)


def model(rows: list[dict[str, Any]], as_of: date, broad: bool) -> dict[str, Any]:
    """The definitions in plain Python (services/reports.py's docstring)."""
    satisfied_answers = ("满意", "基本满意") if broad else ("满意",)
    closed = [r for r in rows if r["status"] == "已办结"]
    on_time = [r for r in closed if r["judged"] is None or r["closed"] <= r["judged"]]
    overdue = [
        r
        for r in rows
        if r["judged"] is not None
        and (
            (r["status"] in OPEN and r["judged"] < as_of)
            or (r["status"] == "已办结" and r["closed"] > r["judged"])
        )
    ]
    followed = [r for r in closed if r["followup"] is not None]
    satisfied = [r for r in followed if r["followup"] in satisfied_answers]
    taken_up = [r for r in rows if r["status"] != "不予受理"]
    return {
        "received": len(rows),
        "taken_up": len(taken_up),
        "closed": len(closed),
        "on_time": len(on_time),
        "overdue": len(overdue),
        "followed_up": len(followed),
        "satisfied": len(satisfied),
        "closing_rate": _percent(len(closed), len(taken_up)),
        "on_time_rate": _percent(len(on_time), len(closed)),
        "followup_rate": _percent(len(followed), len(closed)),
        "satisfaction_rate": _percent(len(satisfied), len(followed)),
    }


def _sql_date(value: date | None) -> str:
    return "NULL" if value is None else f"'{value.isoformat()}'"


@FUZZ
@given(
    generated=st.lists(request, max_size=25),
    as_of_day=st.integers(0, 420),
    broad=st.booleans(),
)
def test_sql_rates_equal_the_model(
    cli: Cli, generated: list[dict[str, Any]], as_of_day: int, broad: bool
) -> None:
    if not cli.sql("SELECT id FROM member"):
        cli.ok("members", "add", "山东双涵石化装备有限公司", "--short-name", "双涵")
    (member_id,) = cli.sql("SELECT id FROM member")[0]
    cli.sql("DELETE FROM service_request")
    rows = []
    for seq, g in enumerate(generated, start=1):
        status = g["status"]
        closed = _day(g["closed"]) if status in ("已办结", "不予受理", "已转办") else None
        row = {
            "status": status,
            "judged": None if g["judged"] is None else _day(g["judged"]),
            "closed": closed,
            "followup": g["followup"] if status == "已办结" else None,
        }
        rows.append(row)
        cli.sql(
            "INSERT INTO service_request (year, seq, number, received_on, source, member_id, "
            "category, description, status, due_on, judged_due_on, closed_on, followup, "
            "reopened, created_at) VALUES "
            f"(2026, {seq}, 'SQ2026-{seq:04d}', '{_day(g['received'])}', '走访', {member_id}, "
            f"'{g['category']}', 'x', '{status}', {_sql_date(row['judged'])}, "
            f"{_sql_date(row['judged'])}, {_sql_date(closed)}, "
            f"{'NULL' if row['followup'] is None else repr(row['followup'])}, 0, "
            "'2026-01-01 00:00:00')"
        )
    cli.ok("services", "settings", "--satisfied", "broad" if broad else "strict")
    as_of = _day(as_of_day)
    out = json.loads(
        cli.ok(
            "requests", "report", "--year", "2026", "--as-of", as_of.isoformat(), "-f", "json"
        ).stdout
    )
    (total,) = out
    expected = model(rows, as_of, broad)
    assert {key: total[key] for key in expected} == expected
    # the per-category rows add up to the total
    by = json.loads(
        cli.ok(
            "requests",
            "report",
            "--year",
            "2026",
            "--by",
            "category",
            "--as-of",
            as_of.isoformat(),
            "-f",
            "json",
        ).stdout
    )
    for key in ("received", "closed", "on_time", "overdue", "satisfied"):
        assert sum(row[key] for row in by[:-1]) == by[-1][key] == expected[key]
