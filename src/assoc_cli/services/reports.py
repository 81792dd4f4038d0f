"""Figures of the requests (诉求统计), in SQL: counts by category, source, month or handler,
and the rates — 办结率 (closed of those taken up), 按期办结率 (closed by the deadline of those
closed), 回访率 (followed up of those closed) and 满意率 (satisfied of those followed up,
"satisfied" as the setting says) — with the 超期 list and the seed-004 sentence.

Definitions (the property test's plain-Python model in tests/services repeats them):
- taken up (受理数): every request received in the year but 不予受理;
- closed (办结数): status 已办结;
- on time (按期办结数): closed on or before ``judged_due_on`` (none set: on time);
- overdue (超期): still open after ``judged_due_on``, or closed after it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, TextIO

from sqlalchemy import Integer, case, cast, extract, func, literal, select
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session

from assoc_cli.db import core as tables
from assoc_cli.db.sql import write_csv_query
from assoc_cli.i18n import t
from assoc_cli.listing import Column, Listing, Report, SheetChart
from assoc_cli.output import percent
from assoc_cli.services.choices import (
    CLOSED,
    FAIRLY_SATISFIED,
    OPEN_STATUSES,
    REFUSED,
    SATISFIED,
    choices,
)
from assoc_cli.services.settings import BROAD

GROUPINGS = ("category", "source", "month", "handler")

r = tables.service_request_t.c


def _sum(condition: ColumnElement[bool]) -> ColumnElement[Any]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def figure_columns(satisfied: tuple[str, ...], as_of: date) -> list[ColumnElement[Any]]:
    """The counts of one group of requests, as SQL aggregates."""
    closed = r.status == CLOSED
    on_time = closed & (r.judged_due_on.is_(None) | (r.closed_on <= r.judged_due_on))
    overdue = (r.status.in_(OPEN_STATUSES) & (r.judged_due_on < as_of)) | (
        closed & (r.closed_on > r.judged_due_on)
    )
    return [
        func.count().label("received"),
        _sum(r.status != REFUSED).label("taken_up"),
        _sum(closed).label("closed"),
        _sum(on_time).label("on_time"),
        _sum(overdue).label("overdue"),
        _sum(closed & r.followup.is_not(None)).label("followed_up"),
        _sum(closed & r.followup.in_(satisfied)).label("satisfied"),
    ]


def satisfied_answers(definition: str) -> tuple[str, ...]:
    """The follow-up answers 满意率 counts: 满意, and 基本满意 when the setting is broad."""
    return (SATISFIED, FAIRLY_SATISFIED) if definition == BROAD else (SATISFIED,)


@dataclass(frozen=True)
class Rates:
    """A group's counts and its rates (percent, one decimal; None when nothing to divide)."""

    received: int
    taken_up: int
    closed: int
    on_time: int
    overdue: int
    followed_up: int
    satisfied: int

    @property
    def closing_rate(self) -> Decimal | None:
        """办结率."""
        return percent(self.closed, self.taken_up)

    @property
    def on_time_rate(self) -> Decimal | None:
        """按期办结率."""
        return percent(self.on_time, self.closed)

    @property
    def followup_rate(self) -> Decimal | None:
        """回访率."""
        return percent(self.followed_up, self.closed)

    @property
    def satisfaction_rate(self) -> Decimal | None:
        """满意率."""
        return percent(self.satisfied, self.followed_up)

    def row(self) -> dict[str, Any]:
        """The counts and rates as a listing row."""
        return {
            "received": self.received,
            "taken_up": self.taken_up,
            "closed": self.closed,
            "on_time": self.on_time,
            "overdue": self.overdue,
            "followed_up": self.followed_up,
            "satisfied": self.satisfied,
            "closing_rate": self.closing_rate,
            "on_time_rate": self.on_time_rate,
            "followup_rate": self.followup_rate,
            "satisfaction_rate": self.satisfaction_rate,
        }


def _group_key(by: str | None) -> ColumnElement[Any]:
    if by == "month":
        return cast(extract("month", r.received_on), Integer)
    if by in ("category", "source", "handler"):
        column: ColumnElement[Any] = r[by]
        return column
    return literal(None)


def figures_query(*, year: int, as_of: date, definition: str, by: str) -> Any:
    """The one GROUP BY query of the figures per group of *by* (bench/requests.py times
    exactly this SQL raw)."""
    key = _group_key(by).label("grp")
    return (
        select(key, *figure_columns(satisfied_answers(definition), as_of))
        .where(r.year == year)
        .group_by(key)
        .order_by(key)
    )


def request_figures(
    session: Session, *, year: int, as_of: date, definition: str, by: str | None = None
) -> list[tuple[Any, Rates]]:
    """(group, figures) for the requests received in *year*, one GROUP BY query per group
    of *by* (category, source, month, handler); with *by* None, one row for all: the sum of
    the per-category rows (one scan serves the total, the category table and the
    sentence)."""
    query = figures_query(year=year, as_of=as_of, definition=definition, by=by or "category")
    rows = [
        (row.grp, Rates(*(int(value) for value in row[1:])))
        for row in session.connection().execute(query)
    ]
    if by is not None:
        return rows
    return [(None, total_of(rows))]


def total_of(rows: list[tuple[Any, Rates]]) -> Rates:
    """The figures of several groups together (counts add up; rates are recomputed)."""
    return Rates(*(sum(getattr(figures, key) for _, figures in rows) for key in COUNT_KEYS))


COUNT_KEYS = ("received", "taken_up", "closed", "on_time", "overdue", "followed_up", "satisfied")


FIGURE_COLUMNS = [
    Column("received", "col.sq_received", kind="int"),
    Column("taken_up", "col.sq_taken_up", kind="int"),
    Column("closed", "col.sq_closed", kind="int"),
    Column("on_time", "col.sq_on_time", kind="int"),
    Column("overdue", "col.sq_overdue", kind="int"),
    Column("followed_up", "col.sq_followed_up", kind="int"),
    Column("satisfied", "col.sq_satisfied", kind="int"),
    Column("closing_rate", "col.sq_closing_rate", kind="percent"),
    Column("on_time_rate", "col.sq_on_time_rate", kind="percent"),
    Column("followup_rate", "col.sq_followup_rate", kind="percent"),
    Column("satisfaction_rate", "col.sq_satisfaction_rate", kind="percent"),
]


def _group_label(by: str, value: Any, lang: str) -> str:
    if value is None:
        return t("sq.no_handler", lang)
    if by == "month":
        return t("sq.month", lang, month=value)
    return str(value)


def requests_report(
    session: Session, *, year: int, as_of: date, definition: str, by: str | None, lang: str
) -> Report:
    """``assoc requests report``: the year's figures in total (and per *by* group), with
    the sentence read out in a work report."""
    by_category = request_figures(
        session, year=year, as_of=as_of, definition=definition, by="category"
    )
    total = total_of(by_category)
    parts: list[tuple[str, Listing]] = []
    if by is not None:
        groups = (
            by_category
            if by == "category"
            else request_figures(session, year=year, as_of=as_of, definition=definition, by=by)
        )
        rows = [
            {"group": _group_label(by, value, lang), **figures.row()} for value, figures in groups
        ]
        rows.append({"group": t("stats.total", lang), **total.row()})
        # In an .xlsx (-o), a native chart of received, closed and overdue per group.
        chart = SheetChart(
            t(f"col.sq_by_{by}", lang),
            "group",
            ("received", "closed", "overdue"),
            skip_last=True,
        )
        columns = [Column("group", f"col.sq_by_{by}"), *FIGURE_COLUMNS]
        parts.append((by, Listing(columns, rows, charts=[chart])))
    else:
        parts.append(
            (
                "total",
                Listing([Column("year"), *FIGURE_COLUMNS], [{"year": year, **total.row()}]),
            )
        )
    closed = {str(category): figures.closed for category, figures in by_category}
    lines = [
        solved_sentence(session, year=year, as_of=as_of, lang=lang, closed=closed),
        t(
            "sq.rates_sentence",
            lang,
            closing=_rate(total.closing_rate),
            on_time=_rate(total.on_time_rate),
            followup=_rate(total.followup_rate),
            satisfaction=_rate(total.satisfaction_rate),
            definition=t(f"sq.definition_{definition}", lang),
        ),
    ]
    return Report(parts=parts, lines=lines)


def _rate(value: Decimal | None) -> str:
    return "—" if value is None else f"{value}%"


def solved_sentence(
    session: Session, *, year: int, as_of: date, lang: str, closed: dict[str, int] | None = None
) -> str:
    """Seed 004's sentence from the record: "今年来，为会员企业协调解决涵盖用工、人才引进……等
    各类问题89个。" — the closed requests of *year*, their categories in the list's order
    (其他 left out of the naming). *closed* (per category) when the caller has counted it."""
    if closed is None:
        query = (
            select(r.category, func.count())
            .where(r.year == year, r.status == CLOSED)
            .group_by(r.category)
        )
        closed = {category: int(n) for category, n in session.connection().execute(query)}
    counts = {category: n for category, n in closed.items() if n}
    total = sum(counts.values())
    order = choices(session, "category")
    named = [c for c in order if c in counts and c != "其他"]
    named += sorted(c for c in counts if c not in order)
    when = t("sq.this_year", lang) if year == as_of.year else t("sq.in_year", lang, year=year)
    if not total:
        return t("sq.solved_none", lang, when=when)
    joiner = ", " if lang == "en" else "、"
    return t("sq.solved", lang, when=when, categories=joiner.join(named), count=total)


OVERDUE_COLUMNS = [
    Column("number", "col.sq_number"),
    Column("member"),
    Column("category", "col.sq_category"),
    Column("handler", "col.sq_handler"),
    Column("status", "col.sq_status"),
    Column("judged_due_on", "col.sq_judged_due_on", kind="date"),
    Column("due_on", "col.sq_due_on", kind="date"),
    Column("closed_on", "col.sq_closed_on", kind="date"),
]


def overdue_query(*, year: int | None, as_of: date) -> Any:
    """SELECT the 超期 list (bench/requests.py times exactly this SQL raw)."""
    m = tables.member_t.c
    query = (
        select(
            r.number,
            m.name.label("member"),
            r.category,
            r.handler,
            r.status,
            r.judged_due_on,
            r.due_on,
            r.closed_on,
        )
        .join_from(tables.service_request_t, tables.member_t, m.id == r.member_id)
        .where(
            (r.status.in_(OPEN_STATUSES) & (r.judged_due_on < as_of))
            | ((r.status == CLOSED) & (r.closed_on > r.judged_due_on))
        )
        .order_by(r.judged_due_on, r.year, r.seq)
    )
    if year is not None:
        query = query.where(r.year == year)
    return query


def overdue_listing(session: Session, *, year: int | None, as_of: date) -> Listing:
    """The 超期 list: requests still open after their deadline, or closed after it (an
    extension granted late does not take a request off it)."""
    query = overdue_query(year=year, as_of=as_of)

    def write_csv(out: TextIO) -> int:
        # -f csv straight from the query, cells made in SQL (hundreds of thousands of rows
        # at a large federation: bench/requests.py).
        return write_csv_query(session, query, OVERDUE_COLUMNS, out)

    def rows() -> Iterator[dict[str, Any]]:
        # (run only when the rows are read: for -f csv the query above runs instead)
        for row in session.connection().execute(query):
            yield dict(row._mapping)

    return Listing(OVERDUE_COLUMNS, rows(), csv_writer=write_csv)
