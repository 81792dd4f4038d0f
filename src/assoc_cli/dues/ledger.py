"""The dues ledger as SQL: what each member owed, paid and still owes for each year, as
of the end of any day.

The rules, computed in the database (never by looping over members in Python):

- **Due.** A member owes a year's dues if it was a member during that year (by its
  membership periods; under the ``next-year`` policy only if it joined by 1 January) and
  had joined by the as-of date. The amount is the rate of its tier for that year; the tier
  is the explicit one, else the highest office held in the term in force on 31 December
  of that year, else the lowest tier.
- **Closed years** (``assoc dues close``) follow their snapshot instead: the members,
  tiers and amounts fixed in ``dues_year_due`` when the year was closed (still only
  once the member had joined by the as-of date). ``adjustment`` entries (signed) change a
  closed year's due: ``due = snapshot + adjustments``, never below zero.
- **Entries count** when dated on or before the as-of date and not voided by then.
- **Waivers** (减免) reduce a year's due: ``net_due = due - waived``.
- **Payments** for a named year settle that year first. Everything else — payments
  without a year and any excess over a named year — forms a pool that settles the oldest
  outstanding years first (FIFO, a window sum over the years before). What the pool
  cannot place is credit, used by the next year that falls due.

``assoc dues verify`` recomputes all of this independently in Python and compares.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    BigInteger,
    Connection,
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

from assoc_cli.db import core as tables
from assoc_cli.db.core import member_t, office_t, tier_t
from assoc_cli.db.core import office_holding_t as holding_t
from assoc_cli.db.sql import int_sum
from assoc_cli.dues.choices import JoinPolicy
from assoc_cli.dues.policy import DuesPolicy
from assoc_cli.dues.stored import stored_ledger
from assoc_cli.organisation.tiers import lowest_tier_rank

if TYPE_CHECKING:
    # Any unit of work: an ORM Session, or the Reader of a read-only command.
    from assoc_cli.db.reader import DbSession as Session

entry_t: Table = tables.dues_entry_t
close_t: Table = tables.dues_year_close_t
snapshot_t: Table = tables.dues_year_due_t
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
    closed: bool = False


def rate_years(session: Session, up_to: int | None = None) -> list[int]:
    """The years that have a rate (the ledger's years), oldest first."""
    query = select(rate_t.c.year).distinct().order_by(rate_t.c.year)
    if up_to is not None:
        query = query.where(rate_t.c.year <= up_to)
    return [int(year) for year in session.connection().execute(query).scalars()]


def dues_years(session: Session, policy: DuesPolicy, as_of: date) -> list[DuesYear]:
    """Every year that has a rate, with what the ledger needs to know about it."""
    connection = session.connection()
    years = rate_years(session)
    closed = set(connection.execute(select(close_t.c.year)).scalars())
    terms = list(
        connection.execute(select(term_t.c.id, term_t.c.number, term_t.c.start_on, term_t.c.end_on))
    )
    result = []
    for year in years:
        start, end = date(year, 1, 1), date(year, 12, 31)
        covering = [t for t in terms if t.start_on <= end <= t.end_on]
        # 换届 late: no term covers the year's end, so the last term begun by then is still
        # in force (its officers keep their offices and their tiers until the new term).
        begun = [t for t in terms if t.start_on <= end]
        in_force = covering or begun
        term_id = max(in_force, key=lambda t: t.number).id if in_force else None
        join_by = start if policy.join_policy == JoinPolicy.next_year else end
        result.append(
            DuesYear(year, start, end, term_id, min(join_by, as_of), closed=year in closed)
        )
    return result


def voided_ids(as_of: date, members: Members = None) -> Select[Any]:
    """Ids of the entries voided by *as_of*: a small list (voids are rare) that the
    database builds once and probes per entry — not a lookup per entry into the table.
    For some *members*, only their voids: one member's payment does not read the voids
    of the whole roster (60,000 of them at 1,000,000 members)."""
    void = entry_t.alias("void")
    query = select(void.c.reverses_id).where(
        void.c.kind == "void", void.c.entry_on <= as_of, void.c.reverses_id.is_not(None)
    )
    if members is not None:
        query = query.where(only(void.c.member_id, members))
    return query


# Whose ledger: one member id, a list of ids, a ``range`` of ids (a stretch of the
# roster in id order: ``dues verify``'s batches), or None (everyone).
Members = int | Sequence[int] | None


def only(column: Any, members: Members) -> Any:
    """The condition "*column* is one of *members*" (a range: BETWEEN its ends, one index
    range instead of a list of a thousand bound values)."""
    if members is None:
        return true()
    if isinstance(members, int):
        return column == members
    if isinstance(members, range) and members.step == 1:
        return column.between(members.start, members.stop - 1)
    return column.in_(members)


def next_stretch(connection: Connection, after: int, size: int) -> tuple[range, int] | None:
    """The next *size* members after id *after*, in id order, as the range of ids from
    the first to the last (for :func:`only`) and how many members it holds; None when
    none is left. One index read — how ``dues verify`` and ``db refresh`` walk the roster
    without holding a list of every id."""
    ids = select(member_t.c.id).where(member_t.c.id > after).order_by(member_t.c.id).limit(size)
    stretch = ids.subquery()
    first, last, count = connection.execute(
        select(func.min(stretch.c.id), func.max(stretch.c.id), func.count())
    ).one()
    return (range(first, last + 1), int(count)) if count else None


def entry_sums(as_of: date, members: Members = None) -> Any:
    """Per member and year (NULL: payments without a year), the waivers and payments that
    count as of *as_of* — one pass over ``ix_dues_entry_ledger`` in member order."""
    amount, kind = entry_t.c.amount_fen, entry_t.c.kind
    query = (
        select(
            entry_t.c.member_id,
            entry_t.c.year,
            int_sum(case((kind == "waiver", amount), else_=0)).label("waived"),
            int_sum(case((kind == "payment", amount), else_=0)).label("paid"),
            int_sum(case((kind == "adjustment", amount), else_=0)).label("adjusted"),
        )
        .where(
            kind.in_(("payment", "waiver", "adjustment")),
            entry_t.c.entry_on <= as_of,
            entry_t.c.id.not_in(voided_ids(as_of, members)),
        )
        .group_by(entry_t.c.member_id, entry_t.c.year)
    )
    if members is not None:
        query = query.where(only(entry_t.c.member_id, members))
    # A CTE: the member-year join and the per-member payment total both read it, and the
    # database computes it once.
    return query.cte("entry_sums")


def office_ranks(members: Members = None) -> Any:
    """Per member and term, the rank of the highest office held: one GROUP BY over the
    (few) office holders, joined to the member-years — not a subquery per member-year.
    For some *members*, only their offices (a federation has 50,000 office holders)."""
    office_tier = tier_t.alias("office_tier")
    query = (
        select(
            holding_t.c.member_id,
            holding_t.c.term_id,
            func.min(office_tier.c.rank).label("rank"),
        )
        .select_from(
            holding_t.join(office_t, office_t.c.id == holding_t.c.office_id).join(
                office_tier, office_tier.c.id == office_t.c.tier_id
            )
        )
        .where(only(holding_t.c.member_id, members))
        .group_by(holding_t.c.member_id, holding_t.c.term_id)
    )
    return query.subquery("office_rank")


def _window_int(window: Any) -> Any:
    # Window sums are NUMERIC on PostgreSQL; fen stay integers.
    return cast(window, BigInteger)


def _least(a: Any, b: Any) -> Any:
    return case((a < b, a), else_=b)


def _positive(value: Any) -> Any:
    return case((value > 0, value), else_=0)


def member_years(
    session: Session, policy: DuesPolicy, as_of: date, members: Members = None
) -> tuple[Any, Any] | None:
    """What every ledger query builds on, or None when no rates are set yet:

    - rows (member_id, year, tier_rank, tier, due, waived, net_due, direct_applied), one
      per member and dues year it owed, in member order;
    - rows (member_id, amount): each member's valid payments in total (the FIFO pool's
      source), joined per member by the caller — once per member, not per member-year.
    """
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
                literal(1 if y.closed else 0, Integer).label("closed"),
            )
            for y in years
        )
    ).subquery("dues_year")
    explicit = tier_t.alias("explicit_tier")
    snapshot = snapshot_t.alias("snapshot")
    fixed_tier = tier_t.alias("fixed_tier")
    office_rank = office_ranks(members)
    sums = entry_sums(as_of, members)
    paid_total = (
        select(sums.c.member_id, int_sum(sums.c.paid).label("amount"))
        .group_by(sums.c.member_id)
        .subquery("paid_total")
    )
    joined = or_(period_t.c.joined_on.is_(None), period_t.c.joined_on <= year_t.c.join_by)
    was_member = exists().where(
        period_t.c.member_id == member_t.c.id,
        joined,
        or_(period_t.c.left_on.is_(None), period_t.c.left_on >= year_t.c.year_start),
    )
    # A closed year: the members of its snapshot, once they had joined by the as-of date.
    in_snapshot = and_(
        snapshot.c.member_id.is_not(None),
        exists().where(period_t.c.member_id == member_t.c.id, joined),
    )
    owes_year = or_(and_(year_t.c.closed == 0, was_member), and_(year_t.c.closed == 1, in_snapshot))
    base = (
        select(
            member_t.c.id.label("member_id"),
            year_t.c.year,
            func.coalesce(
                fixed_tier.c.rank,
                explicit.c.rank,
                office_rank.c.rank,
                lowest_tier_rank(session),
            ).label("tier_rank"),
            snapshot.c.due_fen.label("fixed_due"),
        )
        .select_from(
            member_t.join(year_t, true())
            .outerjoin(
                snapshot,
                and_(snapshot.c.member_id == member_t.c.id, snapshot.c.year == year_t.c.year),
            )
            .outerjoin(fixed_tier, fixed_tier.c.id == snapshot.c.tier_id)
            .outerjoin(explicit, explicit.c.id == member_t.c.tier_id)
            .outerjoin(
                office_rank,
                and_(
                    office_rank.c.member_id == member_t.c.id,
                    office_rank.c.term_id == year_t.c.term_id,
                ),
            )
        )
        .where(owes_year)
    )
    if members is not None:
        base = base.where(only(member_t.c.id, members))
    base_q = base.subquery("member_year")
    due = _positive(
        func.coalesce(base_q.c.fixed_due, rate_t.c.amount_fen, 0)
        + func.coalesce(sums.c.adjusted, 0)
    )
    waived = func.coalesce(sums.c.waived, 0)
    net_due = _positive(due - waived)
    step1 = (
        select(
            base_q.c.member_id,
            base_q.c.year,
            base_q.c.tier_rank,
            tier_t.c.name.label("tier"),
            due.label("due"),
            waived.label("waived"),
            net_due.label("net_due"),
            _least(func.coalesce(sums.c.paid, 0), net_due).label("direct_applied"),
        )
        .select_from(
            # An outer join although every tier_rank names a tier: PostgreSQL has no
            # statistics for the COALESCE and would guess 1/200 of the rows, then pick
            # nested loops that re-aggregate per row (many times slower; bench/RESULTS.md).
            base_q.outerjoin(tier_t, tier_t.c.rank == base_q.c.tier_rank)
            .outerjoin(
                rate_t, and_(rate_t.c.year == base_q.c.year, rate_t.c.tier_id == tier_t.c.id)
            )
            .outerjoin(
                sums, and_(sums.c.member_id == base_q.c.member_id, sums.c.year == base_q.c.year)
            )
        )
        .subquery("step1")
    )
    return step1, paid_total


def ledger_select(
    session: Session, policy: DuesPolicy, as_of: date, members: Members = None
) -> Select[Any] | None:
    """Rows (member_id, year, tier, tier_rank, due, waived, net_due, paid, balance, credit)
    for every member (or *members*: one id or a list of ids) and dues year, computed from
    the entries; None when no rates are set yet."""
    built = member_years(session, policy, as_of, members)
    if built is None:
        return None
    years, paid_total = built
    step1 = (
        select(years, func.coalesce(paid_total.c.amount, 0).label("paid_total"))
        .select_from(years.outerjoin(paid_total, paid_total.c.member_id == years.c.member_id))
        .subquery("step1")
    )
    remaining = step1.c.net_due - step1.c.direct_applied
    member, year = step1.c.member_id, step1.c.year
    # Both windows share one PARTITION BY/ORDER BY, so the database sorts once.
    whole: dict[str, Any] = {"partition_by": member, "order_by": year, "rows": (None, None)}
    step2 = select(
        step1,
        remaining.label("remaining"),
        (step1.c.paid_total - _window_int(func.sum(step1.c.direct_applied).over(**whole))).label(
            "pool"
        ),
        func.coalesce(
            _window_int(
                func.sum(remaining).over(partition_by=member, order_by=year, rows=(None, -1))
            ),
            0,
        ).label("before"),
        _window_int(func.sum(remaining).over(**whole)).label("remaining_total"),
    ).subquery("step2")
    available = step2.c.pool - step2.c.before
    pool_applied = case(
        (available <= 0, 0), (available >= step2.c.remaining, step2.c.remaining), else_=available
    )
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
        _positive(step2.c.pool - step2.c.remaining_total).label("credit"),
    )


def year_ledger_select(
    session: Session, policy: DuesPolicy, as_of: date, year: int, *, computed: bool = False
) -> Select[Any] | None:
    """The ledger's rows for one *year* only — (member_id, year, tier, tier_rank, due,
    waived, net_due, paid, balance) — without window functions: one GROUP BY per member
    over its member-years gives what the FIFO needs (the pool, and what the years before
    still owed). Same figures as :func:`ledger_select` for that year (a test compares);
    None when no rates are set yet."""
    stored = None if computed else stored_ledger(session, as_of, year=year)
    if stored is not None:
        return stored
    built = member_years(session, policy, as_of)
    if built is None:
        return None
    step1, paid_total = built
    this_year = step1.c.year == year

    def in_year(column: Any) -> Any:
        return int_sum(case((this_year, column), else_=0))

    remaining = step1.c.net_due - step1.c.direct_applied
    per_member = (
        select(
            step1.c.member_id,
            func.max(case((this_year, step1.c.tier_rank))).label("tier_rank"),
            in_year(step1.c.due).label("due"),
            in_year(step1.c.waived).label("waived"),
            in_year(step1.c.net_due).label("net_due"),
            in_year(step1.c.direct_applied).label("direct_applied"),
            int_sum(case((step1.c.year < year, remaining), else_=0)).label("before"),
            int_sum(step1.c.direct_applied).label("direct_total"),
        )
        .group_by(step1.c.member_id)
        .having(func.max(case((this_year, 1), else_=0)) == 1)
        .subquery("year_member")
    )
    remaining_y = per_member.c.net_due - per_member.c.direct_applied
    pool = func.coalesce(paid_total.c.amount, 0) - per_member.c.direct_total
    available = pool - per_member.c.before
    pool_applied = case(
        (available <= 0, 0), (available >= remaining_y, remaining_y), else_=available
    )
    return select(
        per_member.c.member_id,
        literal(year, Integer).label("year"),
        tier_t.c.name.label("tier"),
        per_member.c.tier_rank,
        per_member.c.due,
        per_member.c.waived,
        per_member.c.net_due,
        (per_member.c.direct_applied + pool_applied).label("paid"),
        (remaining_y - pool_applied).label("balance"),
    ).select_from(
        per_member.outerjoin(tier_t, tier_t.c.rank == per_member.c.tier_rank).outerjoin(
            paid_total, paid_total.c.member_id == per_member.c.member_id
        )
    )


def year_ledger(session: Session, policy: DuesPolicy, as_of: date, year: int) -> Any:
    """:func:`year_ledger_select` as a subquery (empty when no rates are set)."""
    query = year_ledger_select(session, policy, as_of, year)
    if query is None:
        return empty_ledger().subquery("year_ledger")
    return query.subquery("year_ledger")


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


def ledger(
    session: Session,
    policy: DuesPolicy,
    as_of: date,
    member_id: int | None = None,
    *,
    computed: bool = False,
) -> Any:
    """The ledger as a CTE (empty when no rates are set): the stored rows when they are
    exact for *as_of* (``dues/balances.py``), else computed from the entries — always
    computed with *computed* (``assoc dues verify`` checks the computation itself).

    A CTE, not a subquery: the unpaid list reads it twice (the year's rows and the
    arrears), and SQLite then computes it once — much quicker for a large association
    (bench/RESULTS.md), with identical output."""
    stored = None if computed else stored_ledger(session, as_of, member_id=member_id)
    if stored is not None:
        # Inlined where it is read, so each reader's conditions (this year, only owing
        # rows) reach the table's key and indexes.
        return stored.cte("ledger").prefix_with("NOT MATERIALIZED")
    query = ledger_select(session, policy, as_of, member_id)
    return (query if query is not None else empty_ledger()).cte("ledger")


def stream(session: Session, query: Select[Any]) -> Iterator[dict[str, Any]]:
    """Rows of *query* as dicts, fetched in batches."""
    result = session.connection().execute(query, execution_options={"yield_per": 1000})
    keys = list(result.keys())
    try:
        for row in result:
            yield dict(zip(keys, row, strict=True))
    finally:
        result.close()


def adjustments_note(session: Session, year: int, as_of: date, lang: str) -> str | None:
    """For a report of *year*: how many members' dues of that closed year were adjusted by
    *as_of* and by how much in all (``assoc dues adjust``), or None when none were — so a
    figure that differs from the rate says why."""
    from assoc_cli.i18n import t
    from assoc_cli.i18n.money import format_money

    adjusted = select(
        func.count(func.distinct(entry_t.c.member_id)), int_sum(entry_t.c.amount_fen)
    ).where(
        entry_t.c.kind == "adjustment",
        entry_t.c.year == year,
        entry_t.c.entry_on <= as_of,
        entry_t.c.id.not_in(voided_ids(as_of)),
    )
    members, total = session.connection().execute(adjusted).one()
    if not members:
        return None
    return t("msg.dues_adjusted", lang, year=year, members=members, amount=format_money(int(total)))
