"""Dues reports on top of the SQL ledger: unpaid list, collection rate, arrears, the
payments ledger and one member's statement. Each is one query (or a few) aggregated in
the database and streamed out."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, String, and_, case, cast, exists, func, literal, select

from assoc_cli.db.core import dues_notice_t
from assoc_cli.db.sql import YearList, int_sum
from assoc_cli.dues.ledger import entry_t, ledger, rate_years, year_ledger
from assoc_cli.dues.policy import DuesPolicy
from assoc_cli.i18n import t
from assoc_cli.i18n.dates import format_date
from assoc_cli.i18n.money import format_money
from assoc_cli.listing import Column, Listing, Report
from assoc_cli.members.roster import member_t

if TYPE_CHECKING:
    from assoc_cli.db.reader import DbSession

UNPAID_SORTS = ("balance", "number", "name", "strokes")


def percent(part: int, whole: int) -> Decimal | None:
    """part/whole as a percentage with one decimal, rounded half up (None when whole is 0)."""
    if whole <= 0:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _arrears_of_owing(session: DbSession, ledger_q: Any, year: int) -> tuple[Any, Any]:
    """Per member owing for *year*: how many years up to *year* still owe, which, and how
    much; and the text of which years (an expression on the subquery). Only this year's
    owing members are looked at, each with an index search for its owing years (quicker
    at a million members than grouping everyone's owing years first: bench/RESULTS.md)."""
    this_year, owing = ledger_q.alias("this_year"), ledger_q.alias("owing")
    years = YearList(rate_years(session, year))
    arrears = (
        select(
            this_year.c.member_id,
            func.count().label("years_owing"),
            *years.masks(owing.c.year),
            int_sum(owing.c.balance).label("total_owing"),
        )
        .select_from(
            this_year.join(
                owing,
                and_(
                    owing.c.member_id == this_year.c.member_id,
                    owing.c.balance > 0,
                    owing.c.year <= year,
                ),
            )
        )
        .where(this_year.c.year == year, this_year.c.balance > 0)
        .group_by(this_year.c.member_id)
        .subquery("arrears")
    )
    return arrears, years.text(arrears)


def unpaid_select(
    session: DbSession,
    policy: DuesPolicy,
    *,
    year: int,
    as_of: date,
    tier: str | None = None,
    segment: str | None = None,
    sort: str = "balance",
) -> Select[Any]:
    """Members still owing for *year* as of *as_of*, with contacts, for phoning."""
    ledger_q = ledger(session, policy, as_of)
    arrears, arrears_years = _arrears_of_owing(session, ledger_q, year)
    query = (
        select(
            member_t.c.number,
            member_t.c.name,
            ledger_q.c.tier,
            ledger_q.c.due,
            ledger_q.c.paid,
            ledger_q.c.waived,
            ledger_q.c.balance,
            case((ledger_q.c.paid > 0, "partial"), else_="unpaid").label("status"),
            member_t.c.representative,
            member_t.c.phone,
            arrears.c.years_owing,
            arrears_years.label("years_in_arrears"),
            arrears.c.total_owing,
            member_t.c.status.label("member_status"),
        )
        .select_from(
            ledger_q.join(member_t, member_t.c.id == ledger_q.c.member_id).join(
                arrears, arrears.c.member_id == ledger_q.c.member_id
            )
        )
        .where(ledger_q.c.year == year, ledger_q.c.balance > 0)
    )
    if tier:
        query = query.where(ledger_q.c.tier == tier)
    if segment:
        query = query.where(member_t.c.segment == segment)
    if sort == "number":
        return query.order_by(func.length(member_t.c.number), member_t.c.number)
    if sort == "name":
        return query.order_by(member_t.c.name_pinyin, member_t.c.number)
    if sort == "strokes":
        return query.order_by(member_t.c.name_strokes, member_t.c.number)
    return query.order_by(
        ledger_q.c.balance.desc(), arrears.c.total_owing.desc(), member_t.c.number
    )


def stream(session: DbSession, query: Select[Any]) -> Iterator[dict[str, Any]]:
    """Rows of *query* as dicts, fetched in batches."""
    result = session.connection().execute(query, execution_options={"yield_per": 1000})
    keys = list(result.keys())
    try:
        for row in result:
            yield dict(zip(keys, row, strict=True))
    finally:
        result.close()


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


def arrears_select(
    session: DbSession, policy: DuesPolicy, *, as_of: date, min_years: int
) -> Select[Any]:
    """Members owing for at least *min_years* years, or who have crossed the charter rule
    (nothing paid for ``withdraw_after_years`` ended years), with the years and the total."""
    ledger_q = ledger(session, policy, as_of)
    ended = ledger_q.c.year < as_of.year
    nothing_paid = and_(ended, ledger_q.c.net_due > 0, ledger_q.c.paid == 0)
    years = YearList(rate_years(session))
    per_member = (
        select(
            ledger_q.c.member_id,
            int_sum(case((ledger_q.c.balance > 0, 1), else_=0)).label("years_owing"),
            *years.masks(ledger_q.c.year, ledger_q.c.balance > 0),
            int_sum(ledger_q.c.balance).label("total_owing"),
            int_sum(case((nothing_paid, 1), else_=0)).label("years_unpaid"),
            func.max(ledger_q.c.credit).label("credit"),
        )
        .group_by(ledger_q.c.member_id)
        .subquery("per_member")
    )
    crossed = per_member.c.years_unpaid >= policy.withdraw_after_years
    return (
        select(
            member_t.c.number,
            member_t.c.name,
            per_member.c.years_owing,
            years.text(per_member).label("years"),
            per_member.c.total_owing,
            per_member.c.years_unpaid,
            crossed.label("rule_crossed"),
            member_t.c.representative,
            member_t.c.phone,
            member_t.c.status.label("member_status"),
        )
        .select_from(per_member.join(member_t, member_t.c.id == per_member.c.member_id))
        .where((per_member.c.years_owing >= min_years) | (crossed & (per_member.c.total_owing > 0)))
        .order_by(per_member.c.total_owing.desc(), member_t.c.number)
    )


def payments_select(*, year: int | None) -> Select[Any]:
    """The payments ledger: every payment and waiver, with its void if any, by receipt."""
    void = entry_t.alias("void")
    query = (
        select(
            case(
                (entry_t.c.kind == "waiver", literal("W", String) + cast(entry_t.c.id, String)),
                else_=entry_t.c.receipt,
            ).label("receipt"),
            entry_t.c.kind,
            entry_t.c.entry_on,
            member_t.c.number,
            member_t.c.name,
            entry_t.c.year,
            entry_t.c.amount_fen.label("amount"),
            entry_t.c.method,
            entry_t.c.payer,
            case((void.c.id.is_(None), "valid"), else_="void").label("state"),
            void.c.entry_on.label("voided_on"),
            void.c.reason.label("void_reason"),
            entry_t.c.reason,
            entry_t.c.approved_by,
            entry_t.c.note,
        )
        .select_from(
            entry_t.join(member_t, member_t.c.id == entry_t.c.member_id).outerjoin(
                void, void.c.reverses_id == entry_t.c.id
            )
        )
        .where(entry_t.c.kind.in_(("payment", "waiver")))
    )
    if year is not None:
        query = query.where(
            (func.coalesce(entry_t.c.receipt_year, -1) == year)
            | (entry_t.c.entry_on.between(date(year, 1, 1), date(year, 12, 31)))
        )
    return query.order_by(entry_t.c.entry_on, entry_t.c.id)


def member_ledger(
    session: DbSession, policy: DuesPolicy, *, member_id: int, as_of: date
) -> list[dict[str, Any]]:
    """One member's rows of the ledger (a year each)."""
    ledger_q = ledger(session, policy, as_of, member_id=member_id)
    query = select(ledger_q).order_by(ledger_q.c.year)
    return [dict(row) for row in session.connection().execute(query).mappings()]


def member_entries(session: DbSession, *, member_id: int, as_of: date) -> list[dict[str, Any]]:
    """One member's ledger entries up to *as_of*, oldest first (a statement's lines)."""
    original = entry_t.alias("original")
    query = (
        select(
            entry_t.c.id,
            entry_t.c.kind,
            entry_t.c.year,
            entry_t.c.amount_fen,
            entry_t.c.entry_on,
            entry_t.c.receipt,
            entry_t.c.method,
            entry_t.c.reason,
            original.c.kind.label("reverses_kind"),
            original.c.receipt.label("reverses_receipt"),
            original.c.id.label("reverses_id"),
        )
        .select_from(entry_t.outerjoin(original, original.c.id == entry_t.c.reverses_id))
        .where(entry_t.c.member_id == member_id, entry_t.c.entry_on <= as_of)
        .order_by(entry_t.c.entry_on, entry_t.c.id)
    )
    return [dict(row) for row in session.connection().execute(query).mappings()]


def member_statement(
    session: DbSession, policy: DuesPolicy, *, member_id: int, joined_on: date | None, as_of: date
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], int, int]:
    """One member's statement: (lines with a running balance, year rows, owing, credit).

    Lines are the dues of each year that has begun, then every payment, waiver and void,
    in date order. Years not yet begun are left out; money paid for them shows as credit.
    """
    years = [
        row
        for row in member_ledger(session, policy, member_id=member_id, as_of=as_of)
        if row["year"] <= as_of.year
    ]
    lines: list[dict[str, Any]] = []
    for row in years:
        starts = date(row["year"], 1, 1)
        if joined_on is not None and joined_on.year == row["year"]:
            starts = joined_on
        if row["due"]:
            lines.append(
                {
                    "date": starts,
                    "kind": "due",
                    "year": row["year"],
                    "reference": None,
                    "amount": row["due"],
                    "note": row["tier"],
                    "order": 0,
                }
            )
    payments = 0
    voided_payments = 0
    for entry in member_entries(session, member_id=member_id, as_of=as_of):
        sign = -1
        reference = entry["receipt"] or f"W{entry['id']}"
        note = entry["method"] or entry["reason"]
        if entry["kind"] == "void":
            sign = 1
            reference = entry["reverses_receipt"] or f"W{entry['reverses_id']}"
            if entry["reverses_kind"] == "payment":
                voided_payments += entry["amount_fen"]
        elif entry["kind"] == "payment":
            payments += entry["amount_fen"]
        lines.append(
            {
                "date": entry["entry_on"],
                "kind": entry["kind"],
                "year": entry["year"],
                "reference": reference,
                "amount": sign * entry["amount_fen"],
                "note": note,
                "order": 1,
            }
        )
    lines.sort(key=lambda line: (line["date"], line["order"]))
    running = 0
    for line in lines:
        running += line["amount"]
        line["running_balance"] = running
    owing = sum(row["balance"] for row in years)
    credit = (payments - voided_payments) - sum(row["paid"] for row in years)
    return lines, years, owing, max(credit, 0)


def notice_select(
    session: DbSession,
    policy: DuesPolicy,
    *,
    year: int,
    as_of: date,
    kind: str,
    member_id: int | None,
    only_owing: bool,
) -> Select[Any]:
    """Members to receive a dues notice or reminder for *year*: their figures, arrears
    from earlier years, credit, and whether this kind of notice was already sent."""
    notice_t = dues_notice_t
    ledger_q = ledger(session, policy, as_of, member_id=member_id)
    earlier = ledger_q.alias("earlier")
    years = YearList(rate_years(session, year - 1))
    arrears = (
        select(
            earlier.c.member_id,
            *years.masks(earlier.c.year),
            int_sum(earlier.c.balance).label("arrears"),
        )
        .where(earlier.c.year < year, earlier.c.balance > 0)
        .group_by(earlier.c.member_id)
        .subquery("earlier_arrears")
    )
    sent = exists().where(
        notice_t.c.member_id == ledger_q.c.member_id,
        notice_t.c.year == year,
        notice_t.c.kind == kind,
    )
    query = (
        select(
            ledger_q.c.member_id,
            member_t.c.number,
            member_t.c.name,
            ledger_q.c.tier,
            ledger_q.c.due,
            ledger_q.c.waived,
            ledger_q.c.paid,
            ledger_q.c.balance,
            ledger_q.c.credit,
            years.text(arrears).label("arrears_years"),
            arrears.c.arrears,
            sent.label("already_sent"),
        )
        .select_from(
            ledger_q.join(member_t, member_t.c.id == ledger_q.c.member_id).outerjoin(
                arrears, arrears.c.member_id == ledger_q.c.member_id
            )
        )
        .where(ledger_q.c.year == year, ledger_q.c.net_due > 0)
        .order_by(func.length(member_t.c.number), member_t.c.number)
    )
    if only_owing:
        query = query.where(ledger_q.c.balance > 0)
    return query


def collection_sentence(
    figures: Any, lang: str, as_of: date, compare: tuple[int, Any] | None = None
) -> str:
    """The sentence the secretariat reads out: 截至…,应缴会费会员单位…家,已缴清…家,收缴率…%…"""
    from assoc_cli.i18n import t
    from assoc_cli.i18n.dates import format_date
    from assoc_cli.i18n.money import format_money

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


STATEMENT_LINE_COLUMNS = [
    Column("date", kind="date"),
    Column("kind", "col.action", kind="enum", enum_prefix="entry."),
    Column("year"),
    Column("reference"),
    Column("amount", kind="money"),
    Column("running_balance", kind="money"),
    Column("note"),
]
STATEMENT_YEAR_COLUMNS = [
    Column("year"),
    Column("tier"),
    Column("due", kind="money"),
    Column("waived", kind="money"),
    Column("paid", kind="money"),
    Column("balance", kind="money"),
]


def statement_report(
    session: DbSession,
    policy: DuesPolicy,
    *,
    member: Mapping[str, Any],
    as_of: date,
    lang: str,
) -> Report:
    """``assoc dues statement``: the member's lines and years (``member_statement``), and
    the sentence saying what it owes or holds in credit on *as_of*. *member* has the
    member's ``id``, ``number``, ``name`` and ``joined_on``."""
    lines, years, owing, credit = member_statement(
        session, policy, member_id=member["id"], joined_on=member["joined_on"], as_of=as_of
    )
    day = format_date(as_of, lang)
    said = []
    if owing > 0:
        said.append(t("msg.statement_owing", lang, date=day, amount=format_money(owing)))
    if credit > 0:
        said.append(t("msg.statement_credit", lang, date=day, amount=format_money(credit)))
    if owing == 0 and credit == 0:
        said.append(t("msg.statement_clear", lang, date=day))
    title = f"{member['number']} {member['name']}"
    return Report(
        parts=[
            ("lines", Listing(STATEMENT_LINE_COLUMNS, lines, title=title)),
            ("years", Listing(STATEMENT_YEAR_COLUMNS, years)),
        ],
        fields=[
            (Column("number"), member["number"]),
            (Column("name"), member["name"]),
            (Column("as_of"), as_of.isoformat()),
        ],
        totals=[(Column("owing", kind="money"), owing), (Column("credit", kind="money"), credit)],
        lines=said,
    )
