"""The dues ledger as SQL: what each member owed, paid and still owes for each year, as
of the end of any day.

The rules, computed in the database (never by looping over members in Python):

- **Due.** A member owes a year's dues if it was a member during that year (by its
  membership periods; under the ``next-year`` policy only if it joined by 1 January) and
  had joined by the as-of date. The amount is the rate of its tier for that year; the tier
  is the explicit one, else the highest office held in the term in force on 31 December
  of that year, else the lowest tier.
- **Entries count** when dated on or before the as-of date and not voided by then.
- **Waivers** (减免) reduce a year's due: ``net_due = due - waived``.
- **Payments** for a named year settle that year first. Everything else — payments
  without a year and any excess over a named year — forms a pool that settles the oldest
  outstanding years first (FIFO, a window sum over the years before). What the pool
  cannot place is credit, used by the next year that falls due.

``assoc dues verify`` recomputes all of this independently in Python and compares.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    BigInteger,
    Date,
    Integer,
    Select,
    Table,
    and_,
    case,
    cast,
    exists,
    func,
    literal,
    or_,
    select,
    true,
    union_all,
)

from assoc_cli.db import tables
from assoc_cli.reports.roster import (
    holding_t,
    int_sum,
    lowest_tier_rank,
    member_t,
    office_t,
    tier_t,
)
from assoc_cli.services.settings import JOIN_NEXT_YEAR, DuesPolicy

if TYPE_CHECKING:
    # Any unit of work: an ORM Session, or the Reader of a read-only command.
    from assoc_cli.db.reader import DbSession as Session

entry_t: Table = tables.dues_entry_t
rate_t: Table = tables.dues_rate_t
period_t: Table = tables.membership_period_t
term_t: Table = tables.term_t


@dataclass(frozen=True)
class DuesYear:
    """One dues year: its bounds, the term in force at its end, the join cut-off."""

    year: int
    year_start: date
    year_end: date
    term_id: int | None
    join_by: date


def dues_years(session: Session, policy: DuesPolicy, as_of: date) -> list[DuesYear]:
    """Every year that has a rate, with what the ledger needs to know about it."""
    connection = session.connection()
    years = [
        row[0]
        for row in connection.execute(select(rate_t.c.year).distinct().order_by(rate_t.c.year))
    ]
    terms = list(
        connection.execute(select(term_t.c.id, term_t.c.number, term_t.c.start_on, term_t.c.end_on))
    )
    result = []
    for year in years:
        start, end = date(year, 1, 1), date(year, 12, 31)
        covering = [t for t in terms if t.start_on <= end <= t.end_on]
        term_id = max(covering, key=lambda t: t.number).id if covering else None
        join_by = start if policy.join_policy == JOIN_NEXT_YEAR else end
        result.append(DuesYear(year, start, end, term_id, min(join_by, as_of)))
    return result


def valid_entries(as_of: date) -> Select[Any]:
    """Payments and waivers dated by *as_of* and not voided by then."""
    void = entry_t.alias("void")
    voided = exists().where(void.c.reverses_id == entry_t.c.id, void.c.entry_on <= as_of)
    return select(entry_t).where(
        entry_t.c.kind.in_(("payment", "waiver")),
        entry_t.c.entry_on <= as_of,
        ~voided,
    )


def _window_int(window: Any) -> Any:
    # Window sums are NUMERIC on PostgreSQL; fen stay integers.
    return cast(window, BigInteger)


def _least(a: Any, b: Any) -> Any:
    return case((a < b, a), else_=b)


def ledger_select(
    session: Session, policy: DuesPolicy, as_of: date, member_id: int | None = None
) -> Select[Any] | None:
    """Rows (member_id, year, tier, tier_rank, due, waived, net_due, paid, balance, credit)
    for every member and dues year; None when no rates are set yet."""
    years = dues_years(session, policy, as_of)
    if not years:
        return None
    # The few dues years as an inline table (UNION ALL of literal rows: portable to
    # SQLite and PostgreSQL alike).
    year_t = union_all(
        *(
            select(
                literal(y.year, Integer).label("year"),
                literal(y.year_start, Date).label("year_start"),
                literal(y.term_id, Integer).label("term_id"),
                literal(y.join_by, Date).label("join_by"),
            )
            for y in years
        )
    ).subquery("dues_year")
    explicit = tier_t.alias("explicit_tier")
    office_tier = tier_t.alias("office_tier")
    office_rank = (
        select(func.min(office_tier.c.rank))
        .select_from(
            holding_t.join(office_t, office_t.c.id == holding_t.c.office_id).join(
                office_tier, office_tier.c.id == office_t.c.tier_id
            )
        )
        .where(holding_t.c.member_id == member_t.c.id, holding_t.c.term_id == year_t.c.term_id)
        .scalar_subquery()
    )
    was_member = exists().where(
        period_t.c.member_id == member_t.c.id,
        or_(period_t.c.joined_on.is_(None), period_t.c.joined_on <= year_t.c.join_by),
        or_(period_t.c.left_on.is_(None), period_t.c.left_on >= year_t.c.year_start),
    )
    base = (
        select(
            member_t.c.id.label("member_id"),
            year_t.c.year,
            func.coalesce(explicit.c.rank, office_rank, lowest_tier_rank(session)).label(
                "tier_rank"
            ),
        )
        .select_from(
            member_t.join(year_t, true()).outerjoin(explicit, explicit.c.id == member_t.c.tier_id)
        )
        .where(was_member)
    )
    if member_id is not None:
        base = base.where(member_t.c.id == member_id)
    base_q = base.subquery("member_year")
    with_due = (
        select(
            base_q.c.member_id,
            base_q.c.year,
            base_q.c.tier_rank,
            tier_t.c.name.label("tier"),
            func.coalesce(rate_t.c.amount_fen, 0).label("due"),
        )
        .select_from(
            base_q.join(tier_t, tier_t.c.rank == base_q.c.tier_rank).outerjoin(
                rate_t, and_(rate_t.c.year == base_q.c.year, rate_t.c.tier_id == tier_t.c.id)
            )
        )
        .subquery("with_due")
    )
    valid = valid_entries(as_of)
    if member_id is not None:
        valid = valid.where(entry_t.c.member_id == member_id)
    valid_q = valid.subquery("valid")
    waived = (
        select(valid_q.c.member_id, valid_q.c.year, int_sum(valid_q.c.amount_fen).label("amount"))
        .where(valid_q.c.kind == "waiver")
        .group_by(valid_q.c.member_id, valid_q.c.year)
        .subquery("waived")
    )
    direct = (
        select(valid_q.c.member_id, valid_q.c.year, int_sum(valid_q.c.amount_fen).label("amount"))
        .where(valid_q.c.kind == "payment", valid_q.c.year.is_not(None))
        .group_by(valid_q.c.member_id, valid_q.c.year)
        .subquery("direct")
    )
    paid_total = (
        select(valid_q.c.member_id, int_sum(valid_q.c.amount_fen).label("amount"))
        .where(valid_q.c.kind == "payment")
        .group_by(valid_q.c.member_id)
        .subquery("paid_total")
    )
    waived_amount = func.coalesce(waived.c.amount, 0)
    net_due = case((with_due.c.due - waived_amount > 0, with_due.c.due - waived_amount), else_=0)
    direct_amount = func.coalesce(direct.c.amount, 0)
    step1 = (
        select(
            with_due,
            waived_amount.label("waived"),
            net_due.label("net_due"),
            _least(direct_amount, net_due).label("direct_applied"),
            func.coalesce(paid_total.c.amount, 0).label("paid_total"),
        )
        .select_from(
            with_due.outerjoin(
                waived,
                and_(waived.c.member_id == with_due.c.member_id, waived.c.year == with_due.c.year),
            )
            .outerjoin(
                direct,
                and_(direct.c.member_id == with_due.c.member_id, direct.c.year == with_due.c.year),
            )
            .outerjoin(paid_total, paid_total.c.member_id == with_due.c.member_id)
        )
        .subquery("step1")
    )
    remaining = step1.c.net_due - step1.c.direct_applied
    member = step1.c.member_id
    step2 = select(
        step1,
        remaining.label("remaining"),
        (
            step1.c.paid_total
            - _window_int(func.sum(step1.c.direct_applied).over(partition_by=member))
        ).label("pool"),
        func.coalesce(
            _window_int(
                func.sum(remaining).over(
                    partition_by=member, order_by=step1.c.year, rows=(None, -1)
                )
            ),
            0,
        ).label("before"),
        _window_int(func.sum(remaining).over(partition_by=member)).label("remaining_total"),
    ).subquery("step2")
    available = step2.c.pool - step2.c.before
    pool_applied = case(
        (available <= 0, 0), (available >= step2.c.remaining, step2.c.remaining), else_=available
    )
    credit = step2.c.pool - step2.c.remaining_total
    return select(
        step2.c.member_id,
        step2.c.year,
        step2.c.tier,
        step2.c.tier_rank,
        step2.c.due,
        step2.c.waived,
        step2.c.net_due,
        (step2.c.direct_applied + pool_applied).label("paid"),
        (step2.c.remaining - pool_applied).label("balance"),
        case((credit > 0, credit), else_=0).label("credit"),
    )


def empty_ledger() -> Select[Any]:
    """A ledger query with the right columns and no rows (before any rate is set)."""
    zero = literal(0)
    query = select(
        zero.label("member_id"),
        zero.label("year"),
        literal("").label("tier"),
        zero.label("tier_rank"),
        zero.label("due"),
        zero.label("waived"),
        zero.label("net_due"),
        zero.label("paid"),
        zero.label("balance"),
        zero.label("credit"),
    ).where(literal(False))
    return query  # type: ignore[return-value]


def ledger(session: Session, policy: DuesPolicy, as_of: date, member_id: int | None = None) -> Any:
    """The ledger as a CTE (empty when no rates are set). A CTE, not a subquery: the unpaid
    list reads it twice (the year's rows and the arrears), and SQLite then computes it once —
    11.05 s → 6.54 s for 100,000 members (bench/), with identical output."""
    query = ledger_select(session, policy, as_of, member_id)
    return (query if query is not None else empty_ledger()).cte("ledger")
