"""The dues ledger kept ready: ``dues_balance`` holds every member's figures per year, so
reports read one row per member instead of recomputing the ledger from every entry.

How it stays right:

- **Triggers note every change** (migration 0006): a payment, waiver, void, join, leave,
  office or tier change of a member puts that member in ``ledger_dirty``; a change of a
  rate, tier, term, office or the join policy puts member 0 there ("everyone"). They fire
  whatever made the change, in the same transaction.
- **Commands refresh before they commit** (``db.engine.unit_of_work``): the noted members'
  rows are recomputed with the ledger's own SQL (:func:`reports.ledger.ledger_select`) and
  the notes cleared. Up to ``AUTO_LIMIT`` members at a time — a bigger change (importing
  a whole province, a rate change for a million members) is left noted and done by
  ``assoc db refresh``, so a routine command never turns into a minutes-long one.
- **Reports use it only when it is exact** (:func:`stored_ledger`): nothing noted, and no
  entry or join dated after the report's as-of date (the rows are the ledger as of the end
  of time, which equals the ledger as of any date on or after the latest dated fact).
  Otherwise they compute the ledger as before — slower, never different.

``assoc db check`` compares the stored rows with the computed ledger.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Select, delete, exists, func, insert, select, text

from assoc_cli.db import tables

if TYPE_CHECKING:
    from assoc_cli.db.reader import DbSession

balance_t = tables.dues_balance_t
dirty_t = tables.ledger_dirty_t

# The as-of date of the stored rows: after every entry and join there will ever be.
END_OF_TIME = date(9999, 12, 31)
# The most members a command refreshes before it commits (about 5 s of work at 100 µs a
# member); beyond that the notes wait for `assoc db refresh`.
AUTO_LIMIT = 50_000
# PostgreSQL: refreshes take this transaction-level advisory lock, so two commands
# committing at once refresh one after the other (SQLite's write lock does this already).
LOCK_KEY = 0x61_73_73_6F  # "asso"
# Members recomputed per statement (a list of ids each query names).
CHUNK = 500

COLUMNS = (
    "member_id",
    "year",
    "tier",
    "tier_rank",
    "due",
    "waived",
    "net_due",
    "paid",
    "balance",
    "credit",
)


def is_current(session: DbSession, as_of: date) -> bool:
    """Whether the stored rows are the ledger as of *as_of*: nothing noted stale, and
    no entry or join dated after it. One round trip of three index lookups."""
    entry_t, period_t = tables.dues_entry_t, tables.membership_period_t
    row = (
        session.connection()
        .execute(
            select(
                ~exists(select(dirty_t.c.member_id)),
                select(func.max(entry_t.c.entry_on)).scalar_subquery(),
                select(func.max(period_t.c.joined_on)).scalar_subquery(),
            )
        )
        .one()
    )
    clean, last_entry, last_join = row
    return bool(clean) and all(d is None or d <= as_of for d in (last_entry, last_join))


def stored_ledger(
    session: DbSession, as_of: date, member_id: int | None = None, year: int | None = None
) -> Select[Any] | None:
    """The stored rows, with the columns of ``ledger_select``, when they are exact as of
    *as_of* (see :func:`is_current`); None when the ledger must be computed."""
    if not is_current(session, as_of):
        return None
    query = select(*(balance_t.c[name] for name in COLUMNS))
    if member_id is not None:
        query = query.where(balance_t.c.member_id == member_id)
    if year is not None:
        query = query.where(balance_t.c.year == year)
    return query


def stale_members(session: DbSession) -> tuple[int, bool]:
    """(members noted stale, whether that is everyone)."""
    connection = session.connection()
    count, lowest = connection.execute(
        select(func.count(dirty_t.c.member_id.distinct()), func.min(dirty_t.c.member_id))
    ).one()
    if lowest == 0:
        total = connection.execute(select(func.count()).select_from(tables.member_t)).scalar()
        return int(total or 0), True
    return int(count or 0), False


def note_everyone(connection: Connection) -> None:
    """Note every member stale (what a rate change's trigger does)."""
    noted = select(dirty_t.c.member_id).where(dirty_t.c.member_id == 0)
    if connection.execute(noted).first() is None:
        connection.execute(insert(dirty_t).values(member_id=0))


def _take_notes(connection: Connection) -> set[int]:
    """Remove the notes this transaction can see and return their members — one
    statement on PostgreSQL (DELETE … RETURNING), so a note another transaction commits
    meanwhile stays for its own refresh. (SQLite has one writer at a time.)"""
    if connection.dialect.name == "postgresql":
        taken = connection.execute(delete(dirty_t).returning(dirty_t.c.member_id)).scalars()
        return set(taken)
    members = set(connection.execute(select(dirty_t.c.member_id)).scalars())
    connection.execute(delete(dirty_t))
    return members


def refresh(session: DbSession, *, limit: int | None) -> int | None:
    """Recompute the rows of the members noted stale and clear those notes, in the
    caller's transaction. Returns how many members were refreshed, or None when more than
    *limit* are stale (then nothing is done and the reports compute the ledger until
    ``assoc db refresh``)."""
    from assoc_cli.reports.ledger import ledger_select
    from assoc_cli.services.settings import dues_policy

    connection = session.connection()
    if connection.execute(select(dirty_t.c.id).limit(1)).first() is None:
        return 0  # most commands: nothing they changed concerns the ledger
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
    count, everyone = stale_members(session)
    if not count and not everyone:
        return 0
    if limit is not None and count > limit:
        if everyone:
            # Note 0 stands for every other note: keep it alone. (On PostgreSQL each row
            # of a bulk copy or import writes its own note; millions of them would be
            # counted by every later command until `assoc db refresh`.) Safe under the
            # lock: whoever takes note 0 recomputes everyone.
            connection.execute(delete(dirty_t).where(dirty_t.c.member_id != 0))
        return None
    members = _take_notes(connection)
    policy = dues_policy(session)
    columns = list(COLUMNS)
    if 0 in members:
        connection.execute(delete(balance_t))
        query = ledger_select(session, policy, END_OF_TIME)
        if query is not None:
            connection.execute(insert(balance_t).from_select(columns, query))
        return count
    ordered = sorted(members)
    for start in range(0, len(ordered), CHUNK):
        chunk = ordered[start : start + CHUNK]
        connection.execute(delete(balance_t).where(balance_t.c.member_id.in_(chunk)))
        query = ledger_select(session, policy, END_OF_TIME, members=chunk)
        if query is not None:
            connection.execute(insert(balance_t).from_select(columns, query))
    return len(ordered)
