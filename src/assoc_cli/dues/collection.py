"""The collection rate (收缴率): who owed a year's dues, who paid in full, partly or not
at all, and the amounts — per tier or segment and in total, as of a day — and the
sentence the secretariat reads out at meetings (``assoc dues report``, the agenda's dues
item). One GROUP BY query on the one-year ledger."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, case, func, select

from assoc_cli.db.core import member_t
from assoc_cli.db.sql import int_sum
from assoc_cli.dues.choices import ReportBy
from assoc_cli.dues.ledger import adjustments_note, year_ledger
from assoc_cli.dues.policy import DuesPolicy, dues_policy
from assoc_cli.dues.rates import require_rates
from assoc_cli.i18n import t
from assoc_cli.i18n.dates import format_date
from assoc_cli.i18n.money import format_money
from assoc_cli.listing import Column, Listing, Report, SheetChart
from assoc_cli.output import percent

if TYPE_CHECKING:
    from assoc_cli.db.reader import DbSession


COUNT_KEYS = ("members_owing", "paid_full", "partial", "unpaid")
AMOUNT_KEYS = ("due", "waived", "net_due", "collected", "outstanding")


@dataclass
class CollectionFigures:
    """One group's collection figures (or the total)."""

    group: str | None
    members_owing: int = 0
    paid_full: int = 0
    partial: int = 0
    unpaid: int = 0
    due: int = 0
    waived: int = 0
    net_due: int = 0
    collected: int = 0
    outstanding: int = 0

    @property
    def rate_count(self) -> Decimal | None:
        """收缴率 by count: members paid in full / members owing dues."""
        return percent(self.paid_full, self.members_owing)

    @property
    def rate_amount(self) -> Decimal | None:
        """金额收缴率: collected / net amount due."""
        return percent(self.collected, self.net_due)

    def as_row(self) -> dict[str, Any]:
        """The figures as an output row."""
        row: dict[str, Any] = {"group": self.group}
        for key in (*COUNT_KEYS, *AMOUNT_KEYS):
            row[key] = getattr(self, key)
        row["rate_count"] = self.rate_count
        row["rate_amount"] = self.rate_amount
        return row


def collection_figures(
    session: DbSession, policy: DuesPolicy, *, year: int, as_of: date, by: str | None
) -> tuple[list[CollectionFigures], CollectionFigures]:
    """Per group (tier or segment) and in total: who owed dues for *year*, who paid in
    full, partly or not at all, and the amounts — as of *as_of*. One GROUP BY query.

    Members whose dues were waived entirely owe nothing and are not counted as owing.
    Reads :func:`year_ledger` (one year, no window functions), not the whole ledger.
    """
    ledger_q = year_ledger(session, policy, as_of, year)
    owing = ledger_q.c.net_due > 0
    if by == "segment":
        group: Any = member_t.c.segment
        order: Any = member_t.c.segment
    elif by == "tier":
        group, order = ledger_q.c.tier, ledger_q.c.tier_rank
    else:
        group = order = None
    columns = [
        func.coalesce(int_sum(case((owing, 1), else_=0)), 0).label("members_owing"),
        func.coalesce(int_sum(case((and_(owing, ledger_q.c.balance == 0), 1), else_=0)), 0).label(
            "paid_full"
        ),
        func.coalesce(
            int_sum(case((and_(ledger_q.c.paid > 0, ledger_q.c.balance > 0), 1), else_=0)), 0
        ).label("partial"),
        func.coalesce(int_sum(case((and_(owing, ledger_q.c.paid == 0), 1), else_=0)), 0).label(
            "unpaid"
        ),
        func.coalesce(int_sum(ledger_q.c.due), 0).label("due"),
        func.coalesce(int_sum(ledger_q.c.waived), 0).label("waived"),
        func.coalesce(int_sum(ledger_q.c.net_due), 0).label("net_due"),
        func.coalesce(int_sum(ledger_q.c.paid), 0).label("collected"),
        func.coalesce(int_sum(ledger_q.c.balance), 0).label("outstanding"),
    ]
    # The member row is read only for its segment: a million rowid lookups are a large
    # share of a by-tier report's query (bench/RESULTS.md).
    source = (
        ledger_q.join(member_t, member_t.c.id == ledger_q.c.member_id)
        if by == "segment"
        else ledger_q
    )
    query = select(*columns).select_from(source).where(ledger_q.c.year == year)
    if group is not None:
        query = (
            select(group.label("group"), *columns)
            .select_from(source)
            .where(ledger_q.c.year == year)
            .group_by(group, order)
            .order_by(order)
        )
    groups = []
    for row in session.connection().execute(query).mappings():
        figures = CollectionFigures(group=row.get("group"))
        for key in (*COUNT_KEYS, *AMOUNT_KEYS):
            setattr(figures, key, int(row[key] or 0))
        groups.append(figures)
    total = CollectionFigures(group=None)
    for figures in groups:
        for key in (*COUNT_KEYS, *AMOUNT_KEYS):
            setattr(total, key, getattr(total, key) + getattr(figures, key))
    return (groups if group is not None else []), total


def collection_sentence(
    figures: Any, lang: str, as_of: date, compare: tuple[int, Any] | None = None
) -> str:
    """The sentence the secretariat reads out: 截至…,应缴会费会员单位…家,已缴清…家,收缴率…%…"""

    def rate(value: Any) -> str:
        return f"{value}%" if value is not None else "—"

    sentence = t(
        "report.sentence",
        lang,
        date=format_date(as_of, lang),
        owing=figures.members_owing,
        full=figures.paid_full,
        rate=rate(figures.rate_count),
        partial=figures.partial,
        unpaid=figures.unpaid,
        net_due=format_money(figures.net_due),
        collected=format_money(figures.collected),
        rate_amount=rate(figures.rate_amount),
    )
    if compare is not None:
        year, previous = compare
        sentence += t(
            "report.compare",
            lang,
            year=year,
            rate=rate(previous.rate_count),
            rate_amount=rate(previous.rate_amount),
        )
        if lang == "en":
            sentence = sentence.replace(".At", ". At")
    return sentence


def same_day_in(year: int, day: date) -> date:
    """*day* moved to *year* (29 February becomes 28 February)."""
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)


def collection_report(
    session: DbSession,
    *,
    year: int,
    as_of: date,
    by: ReportBy,
    compare: int | None,
    lang: str,
    for_machines: bool,
) -> Report:
    """``assoc dues report``: the collection figures of *year* as of *as_of* per tier or
    segment and in total, with the rates as bars for people, and the sentence read out at
    meetings; with *compare*, that year's rates on the same day beside them.

    People get the figures they read out; machines (CSV, JSON) and files (``-o``) get
    every column and no bars."""
    warnings = require_rates(session, lang, year)
    policy = dues_policy(session)
    groups, total = collection_figures(session, policy, year=year, as_of=as_of, by=by)
    previous_groups: dict[Any, CollectionFigures] = {}
    previous_total = None
    if compare is not None:
        then = same_day_in(compare + (as_of.year - year), as_of)
        earlier, previous_total = collection_figures(
            session, policy, year=compare, as_of=then, by=by
        )
        previous_groups = {g.group: g for g in earlier}
    rows = []
    for figures in [*groups, total]:
        row = figures.as_row()
        if figures is total:
            row["group"] = t("report.total", lang)
        row["rate_count_bar"] = row["rate_count"]
        row["rate_amount_bar"] = row["rate_amount"]
        if compare is not None:
            previous = previous_total if figures is total else previous_groups.get(figures.group)
            row["compare_rate_count"] = previous.rate_count if previous else None
            row["compare_rate_amount"] = previous.rate_amount if previous else None
        rows.append(row)
    machine = for_machines
    columns = [
        Column("group", "col.tier" if by is ReportBy.tier else "col.segment"),
        Column("members_owing", kind="int"),
        Column("paid_full", kind="int"),
        Column("partial", kind="int"),
        Column("unpaid", kind="int"),
        *([Column("due", kind="money"), Column("waived", kind="money")] if machine else []),
        Column("net_due", kind="money"),
        Column("collected", kind="money"),
        *([Column("outstanding", kind="money")] if machine else []),
        Column("rate_count", kind="percent"),
        *([] if machine else [Column("rate_count_bar", "col.bar", kind="bar")]),
        Column("rate_amount", kind="percent"),
        *([] if machine else [Column("rate_amount_bar", "col.bar", kind="bar")]),
        *(
            [
                Column("compare_rate_count", kind="percent"),
                Column("compare_rate_amount", kind="percent"),
            ]
            if compare is not None
            else []
        ),
    ]
    title = t("report.title", lang, year=year, date=format_date(as_of, lang))
    # (-f csv and -f json print neither the title nor the sentence; a workbook shows both)
    adjusted = adjustments_note(session, year, as_of, lang)
    # In an .xlsx (-o), a native chart of both rates per group under the table.
    chart = SheetChart(
        t("report.chart", lang, year=year),
        "group",
        ("rate_count", "rate_amount"),
        skip_last=bool(groups),
        y_title="%",
    )
    listing = Listing(
        columns,
        rows,
        title=title,
        warnings=warnings,
        notes=[adjusted] if adjusted else [],
        charts=[chart],
    )
    said = collection_sentence(
        total, lang, as_of, (compare, previous_total) if compare is not None else None
    )
    return Report(parts=[("groups", listing)], lines=[said])
