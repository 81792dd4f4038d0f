"""Closed years (结账): ``assoc dues close YEAR`` fixes each member's tier and amount due
for a year in a snapshot (``dues_year_due``); from then on the ledger reads that year's
dues from the snapshot, so a later change of offices, tiers or rates leaves it — and every
report of it — as it was. An adjustment (``assoc dues adjust``: a signed ``adjustment``
entry with reason and approver, in the audit log like every entry) is the one way to
change a closed year's dues. Open years keep following the reference data.

The policy ``dues.close_after`` (``assoc dues policy --close-after 03-31``) closes each
year with a rate on that day of the following year: the first command that changes
anything on or after it closes the year, before it commits.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import and_, insert, literal, select

from assoc_cli.db.audit import insert_logged
from assoc_cli.db.core import dues_year_close_t, dues_year_due_t, tier_t
from assoc_cli.dues.ledger import entry_t, ledger_select, rate_years
from assoc_cli.dues.payment import check_year
from assoc_cli.dues.policy import dues_policy, get_setting
from assoc_cli.dues.stored import END_OF_TIME
from assoc_cli.errors import ConflictError, InvalidValueError
from assoc_cli.i18n.money import format_money

if TYPE_CHECKING:
    from sqlmodel import Session

    from assoc_cli.db.models import DuesEntry, Member
    from assoc_cli.db.reader import DbSession, Unit

ADJUSTMENT = "adjustment"
POLICY_CLOSER = "close-after policy"


def closed_years(session: DbSession) -> set[int]:
    """The years closed so far."""
    query = select(dues_year_close_t.c.year)
    return set(session.connection().execute(query).scalars())


def close_year(*, session: Unit, year: int, on: date, closed_by: str) -> int:
    """Close *year* on *on*: every member's tier and due for it, as the ledger has them
    now, go into the snapshot. Returns how many members it fixed. Refused for a year
    already closed, without a rate, or not yet ended on *on*."""
    check_year(year)
    if year in closed_years(session):
        raise ConflictError(
            f"{year} is closed already; change its dues with assoc dues adjust",
            zh=f"{year}年度已结账；如需变更应缴会费，请用 assoc dues adjust",
        )
    if year not in rate_years(session):
        raise InvalidValueError(
            f"{year} has no dues rate; there is nothing to close",
            zh=f"{year}年度没有会费标准，无可结账",
        )
    if on < date(year, 12, 31):
        raise InvalidValueError(
            f"{year} can be closed once it has ended (on or after {year}-12-31), not on {on}",
            zh=f"{year}年度须在年度结束后（{year}-12-31 起）结账，不能在 {on}",
        )
    if not closed_by.strip():
        raise InvalidValueError(
            "closing a year needs who closed it (--by)", zh="结账需注明结账人（--by）"
        )
    # Built while the year is still open: the ledger as the reference data make it now.
    query = ledger_select(session, dues_policy(session), END_OF_TIME)
    assert query is not None  # the year has a rate
    rows = query.subquery("closing")
    snapshot = (
        select(rows.c.year, rows.c.member_id, tier_t.c.id, rows.c.due)
        .select_from(rows.outerjoin(tier_t, tier_t.c.rank == rows.c.tier_rank))
        .where(rows.c.year == literal(year))
    )
    close = {"year": year, "closed_on": on, "closed_by": closed_by.strip()}
    insert_logged(session, dues_year_close_t, {**close, "created_at": datetime.now(UTC)})
    columns = ["year", "member_id", "tier_id", "due_fen"]
    result = session.connection().execute(insert(dues_year_due_t).from_select(columns, snapshot))
    return int(result.rowcount or 0)


def close_due_years(session: Unit, today: date) -> list[int]:
    """Under the ``dues.close_after`` policy (MM-DD; empty: off), close every year with a
    rate whose closing day in the next year has come. Returns the years closed."""
    month_day = get_setting(session, "dues.close_after")
    if not month_day:
        return []
    closed = closed_years(session)
    done = []
    for year in rate_years(session):
        when = date.fromisoformat(f"{year + 1}-{month_day}")
        if year not in closed and when <= today:
            close_year(session=session, year=year, on=when, closed_by=POLICY_CLOSER)
            done.append(year)
    return done


def fixed_due(session: DbSession, member_id: int, year: int) -> int | None:
    """A closed year's due for a member: its snapshot plus every adjustment (None: the
    member owed nothing for that year when it was closed)."""
    connection = session.connection()
    base = connection.execute(
        select(dues_year_due_t.c.due_fen).where(
            and_(dues_year_due_t.c.member_id == member_id, dues_year_due_t.c.year == year)
        )
    ).scalar()
    if base is None:
        return None
    adjusted = connection.execute(
        select(entry_t.c.amount_fen).where(
            entry_t.c.member_id == member_id,
            entry_t.c.year == year,
            entry_t.c.kind == ADJUSTMENT,
        )
    ).scalars()
    return int(base) + sum(int(amount) for amount in adjusted)


def record_adjustment(
    *,
    session: Session,
    member: Member,
    year: int,
    amount_fen: int,
    on: date,
    reason: str,
    approved_by: str,
) -> tuple[DuesEntry, int]:
    """Change a closed year's dues for *member* by *amount_fen* (more when positive, less
    when negative) with an ``adjustment`` entry. Returns the entry and the new due.
    Refused for an open year (its dues follow the tiers and rates), a member with no
    dues for the year, a date before the close, a missing reason or approver, or a due
    that would fall below zero."""
    check_year(year)
    assert member.id is not None
    from assoc_cli.db.models import DuesEntry, DuesYearClose

    close = session.get(DuesYearClose, year)
    if close is None:
        raise InvalidValueError(
            f"{year} is not closed: its dues follow the tiers, offices and rates; "
            "only a closed year takes an adjustment (assoc dues close)",
            zh=f"{year}年度尚未结账，其应缴会费随档次、职务和会费标准而定；"
            "只有已结账年度才能调整（assoc dues close）",
        )
    if not reason.strip() or not approved_by.strip():
        raise InvalidValueError(
            "an adjustment needs a reason (--reason) and who approved it (--approved-by)",
            zh="调整需要说明理由（--reason）和批准人（--approved-by）",
        )
    if amount_fen == 0:
        raise InvalidValueError("an adjustment of zero changes nothing", zh="调整金额不能为零")
    if on < close.closed_on:
        raise InvalidValueError(
            f"{year} was closed on {close.closed_on}; an adjustment is dated on or after it",
            zh=f"{year}年度于 {close.closed_on} 结账；调整日期不能早于结账日",
        )
    due = fixed_due(session, member.id, year)
    if due is None:
        raise InvalidValueError(
            f"{member.name} ({member.number}) owed no dues for {year} when it was closed",
            zh=f"{member.name}（{member.number}）在{year}年度结账时没有应缴会费",
        )
    if due + amount_fen < 0:
        raise InvalidValueError(
            f"the {year} dues are {format_money(due)}; they cannot be reduced by "
            f"{format_money(-amount_fen)}",
            zh=f"{year}年度应缴会费为 {format_money(due)}，不能调减 {format_money(-amount_fen)}",
        )
    entry = DuesEntry(
        member_id=member.id,
        kind=ADJUSTMENT,
        year=year,
        amount_fen=amount_fen,
        entry_on=on,
        reason=reason.strip(),
        approved_by=approved_by.strip(),
        created_at=datetime.now(UTC),
    )
    session.add(entry)
    session.flush()
    return entry, due + amount_fen
