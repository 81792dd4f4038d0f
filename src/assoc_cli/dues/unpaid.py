"""Who still owes: the unpaid list (欠费名单) for phoning, the members in arrears for more
than one year (多年欠费), and the members a dues notice or reminder goes to. Each is one
query on the SQL ledger, streamed out."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, TextIO

from sqlalchemy import Select, and_, case, exists, func, select

from assoc_cli.db.core import dues_notice_t, member_t
from assoc_cli.db.sql import YearList, int_sum, write_csv_query
from assoc_cli.dues.choices import UnpaidSort
from assoc_cli.dues.ledger import adjustments_note, ledger, rate_years, stream
from assoc_cli.dues.policy import DuesPolicy, dues_policy
from assoc_cli.dues.rates import require_rates
from assoc_cli.listing import Column, Listing
from assoc_cli.organisation.tiers import find_tier_id

if TYPE_CHECKING:
    from assoc_cli.db.reader import DbSession


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
    sort: UnpaidSort = UnpaidSort.balance,
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
    if sort == UnpaidSort.number:
        return query.order_by(func.length(member_t.c.number), member_t.c.number)
    if sort == UnpaidSort.name:
        return query.order_by(member_t.c.name_pinyin, member_t.c.number)
    if sort == UnpaidSort.strokes:
        return query.order_by(member_t.c.name_strokes, member_t.c.number)
    return query.order_by(
        ledger_q.c.balance.desc(), arrears.c.total_owing.desc(), member_t.c.number
    )


UNPAID_COLUMNS = [
    Column("number"),
    Column("name"),
    Column("tier"),
    Column("due", kind="money"),
    Column("paid", kind="money"),
    Column("waived", kind="money"),
    Column("balance", kind="money"),
    Column("status", kind="enum", enum_prefix="dues_status."),
    Column("representative"),
    Column("phone"),
    Column("years_in_arrears"),
    Column("total_owing", kind="money"),
]


def unpaid_listing(
    session: DbSession,
    *,
    year: int,
    as_of: date,
    tier: str | None = None,
    segment: str | None = None,
    sort: UnpaidSort = UnpaidSort.balance,
    lang: str,
) -> Listing:
    """``assoc dues unpaid``: the members still owing for *year* as of *as_of*, streamed;
    a warning first when some tiers have no rate for the year. Its CSV is written straight
    from the query (hundreds of thousands of rows for a federation: the cells are made in
    SQL)."""
    warnings = require_rates(session, lang, year)
    if tier is not None:
        find_tier_id(session, tier)
    query = unpaid_select(
        session, dues_policy(session), year=year, as_of=as_of, tier=tier, segment=segment, sort=sort
    )

    def write_csv(out: TextIO) -> int:
        # (The years owing are a list assoc builds: "2024、2025".)
        return write_csv_query(session, query, UNPAID_COLUMNS, out, own_text=["years_in_arrears"])

    adjusted = adjustments_note(session, year, as_of, lang)
    return Listing(
        UNPAID_COLUMNS,
        stream(session, query),
        warnings=warnings,
        notes=[adjusted] if adjusted else [],
        csv_writer=write_csv,
    )


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


ARREARS_COLUMNS = [
    Column("number"),
    Column("name"),
    Column("years_owing", kind="int"),
    Column("years"),
    Column("total_owing", kind="money"),
    Column("years_unpaid", kind="int"),
    Column("rule_crossed", kind="bool"),
    Column("representative"),
    Column("phone"),
    Column("member_status", kind="enum", enum_prefix="status."),
]


def arrears_listing(session: DbSession, *, as_of: date, min_years: int) -> Listing:
    """``assoc dues arrears``: members owing for at least *min_years* years, or past the
    charter's withdrawal rule, streamed (see :func:`arrears_select`)."""
    require_rates(session, "en")
    query = arrears_select(session, dues_policy(session), as_of=as_of, min_years=min_years)
    # (No head, as for the unpaid list: the rows are sorted by an aggregate of the whole
    # ledger, so reading the first ones alone and counting would compute it twice.)
    return Listing(ARREARS_COLUMNS, stream(session, query))


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
