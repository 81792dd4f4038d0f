"""The dues ledger kept ready: ``dues_balance`` holds every member's figures per year, so
reports read one row per member instead of recomputing the ledger from every entry.

How it stays right:

- **Triggers note every change** (migration 0006): a payment, waiver, void, join, leave,
  office or tier change of a member puts that member in ``ledger_dirty``; a change of a
  rate, tier, term, office or the join policy puts member 0 there ("everyone"). They fire
  whatever made the change, in the same transaction.
- **Commands refresh before they commit** (``db.engine.unit_of_work``): the noted members'
  rows are recomputed with the ledger's own SQL (:func:`dues.ledger.ledger_select`) and
  the notes cleared. Up to ``AUTO_LIMIT`` members at a time — a bigger change (importing
  a whole province, a rate change for a million members) is left noted and done by
  ``assoc db refresh``, so a routine command never turns into a minutes-long one.
- **Reports use it only when it is exact** (``dues.stored.stored_ledger``): nothing noted, and no
  entry or join dated after the report's as-of date (the rows are the ledger as of the end
  of time, which equals the ledger as of any date on or after the latest dated fact).
  Otherwise they compute the ledger as before — slower, never different.

``assoc db check`` compares the stored rows with the computed ledger.

``assoc db refresh`` works through the members in chunks, one short transaction each
(:func:`refresh_in_chunks`), so other commands write in between. While it runs, the
setting ``REFRESH_MARK`` says how far it got, and reports compute the ledger. A command that
commits meanwhile recomputes the members it touched as always; a change that concerns
everyone (a rate) is left noted when too big for one command, and the refresh, seeing
it, starts again from the first member.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, delete, func, insert, select, text

from assoc_cli.db import ledger_notes
from assoc_cli.db.core import member_t, setting_t
from assoc_cli.db.ledger_notes import stale_members
from assoc_cli.dues.ledger import ledger_select, next_stretch, only
from assoc_cli.dues.stored import COLUMNS, END_OF_TIME, REFRESH_MARK, balance_t

if TYPE_CHECKING:
    from assoc_cli.db.reader import DbSession, Unit

dirty_t = ledger_notes.dirty_t

# PostgreSQL: refreshes take this transaction-level advisory lock, so two commands
# committing at once refresh one after the other (SQLite's write lock does this already).
LOCK_KEY = 0x61_73_73_6F  # "asso"
# Members recomputed per statement (a list of ids each query names).
CHUNK = 500
# Members per transaction of `assoc db refresh` (about a second each at 1,000,000).
REFRESH_CHUNK = 5_000


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
    from assoc_cli.dues.policy import dues_policy

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
    _recompute(session, ordered)
    return len(ordered)


def _recompute(session: DbSession, members: list[int] | range) -> None:
    """Recompute the stored rows of *members*: a list of ids CHUNK at a time, or a
    ``range`` of ids (a stretch of the roster, ``db refresh``) at once — BETWEEN its ends,
    one index range instead of a list of bound ids."""
    from assoc_cli.dues.policy import dues_policy

    connection = session.connection()
    policy = dues_policy(session)
    chunks = (
        [members]
        if isinstance(members, range)
        else [members[start : start + CHUNK] for start in range(0, len(members), CHUNK)]
    )
    for chunk in chunks:
        connection.execute(delete(balance_t).where(only(balance_t.c.member_id, chunk)))
        query = ledger_select(session, policy, END_OF_TIME, members=chunk)
        if query is not None:
            connection.execute(insert(balance_t).from_select(list(COLUMNS), query))


def _read_mark(connection: Connection) -> int | None:
    value = connection.execute(
        select(setting_t.c.value).where(setting_t.c.key == REFRESH_MARK)
    ).scalar()
    return None if value is None else int(value)


def _write_mark(connection: Connection, upto: int) -> None:
    connection.execute(delete(setting_t).where(setting_t.c.key == REFRESH_MARK))
    connection.execute(insert(setting_t).values(key=REFRESH_MARK, value=str(upto)))


Progress = Callable[[int, int], None]


# What the ledger reads (for ANALYZE before a full refresh on PostgreSQL).
LEDGER_TABLES = (
    "member",
    "membership_period",
    "dues_entry",
    "dues_rate",
    "office_holding",
    "office",
    "tier",
    "term",
    "dues_year_due",
    "dues_balance",
)


def refresh_in_chunks(
    engine: Engine, *, chunk: int = REFRESH_CHUNK, progress: Progress | None = None
) -> int:
    """``assoc db refresh``: every member's stored rows recomputed, *chunk* members per
    transaction, so other commands write in between (SQLite's write lock and
    PostgreSQL's refresh lock are held for one chunk at a time, not for the whole run).
    Meanwhile every stored row is noted stale, so reports compute the ledger: slower,
    never wrong. *progress* hears (members done, of how many). Returns how many members
    were recomputed."""
    from assoc_cli.db.reader import Reader

    with engine.begin() as connection:
        _lock(connection)
        _write_mark(connection, 0)
        # Every note so far is answered by this pass (the mark keeps reports computing
        # meanwhile). Left in place, a copy's or an import's note per member was
        # recomputed a second time at the end, 500 at a time: 33 of 38 s at 100,000
        # members on PostgreSQL.
        connection.execute(delete(dirty_t))
        total = int(connection.execute(select(func.count()).select_from(member_t)).scalar_one())
    if engine.dialect.name == "postgresql":
        # Fresh statistics first: after a copy or a big import the planner knows nothing
        # of the tables yet, and plans each chunk's ledger badly (63 s to refresh 100,000
        # members straight after `db copy`; ANALYZE samples, in a fraction of a second).
        with engine.begin() as connection:
            connection.execute(text(f"ANALYZE {', '.join(LEDGER_TABLES)}"))
    done = 0
    while True:
        with engine.begin() as connection:
            _lock(connection)
            everyone = dirty_t.c.member_id == 0
            if connection.execute(select(dirty_t.c.id).where(everyone).limit(1)).first():
                # A change that concerns everyone (a rate, a big import) was committed
                # meanwhile and left for this refresh: start again from the first member
                # (which answers every note so far).
                connection.execute(delete(dirty_t))
                _write_mark(connection, 0)
                done = 0
            upto = _read_mark(connection)
            assert upto is not None
            stretch = next_stretch(connection, upto, chunk)
            if stretch is None:
                # Done: the mark goes, with any member noted since (recomputed here).
                connection.execute(delete(setting_t).where(setting_t.c.key == REFRESH_MARK))
                refresh(Reader(connection), limit=None)
                return done
            members, count = stretch
            _recompute(Reader(connection), members)
            _write_mark(connection, members.stop - 1)
            done += count
        if progress is not None:
            progress(done, total)


def _lock(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})


def refresh_before_commit(session: Unit) -> None:
    """What a command does before it commits (``db.engine.unit_of_work``'s hook): the
    stored balances of the members it touched, recomputed in the same transaction; more
    than ``ledger_notes.AUTO_LIMIT`` of them are left noted for ``assoc db refresh``, and
    the session says how many (``session.info["balances_deferred"]``). First, the years
    the close-after policy says are due to close are closed (``dues.closing``)."""
    from assoc_cli.dues.closing import close_due_years

    close_due_years(session, date.today())
    if refresh(session, limit=ledger_notes.AUTO_LIMIT) is None:
        session.info["balances_deferred"] = stale_members(session)[0]


def rebuild(connection: Connection, *, limit: int | None = ledger_notes.AUTO_LIMIT) -> int | None:
    """Every stored balance noted stale (so none is read), then recomputed — after a copy
    or restore when that is quick enough for one command (*limit*; else `assoc db
    refresh` does it), and by `assoc db refresh` itself with no limit. Returns how many
    members were recomputed (None: left for `assoc db refresh`)."""
    from assoc_cli.db.reader import Reader

    ledger_notes.note_everyone(connection)
    return refresh(Reader(connection), limit=limit)
