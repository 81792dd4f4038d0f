"""Which members' stored dues balances are out of date: the ``ledger_dirty`` notes.

Triggers (migration 0006) note a member whenever something the ledger reads changes —
member 0 stands for "everyone". Bulk writers that set those triggers aside (a big import,
a copy) note everyone themselves. The dues feature reads and clears the notes when it
recomputes the balances (``dues/balances.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Connection, func, insert, select

from assoc_cli.db import core

if TYPE_CHECKING:
    from assoc_cli.db.reader import DbSession

dirty_t = core.ledger_dirty_t

# The most members a command refreshes before it commits (a few seconds of work, see
# bench/RESULTS.md); beyond that the notes wait for `assoc db refresh`, and a bigger import notes
# everyone at once instead of one member per row.
AUTO_LIMIT = 50_000


def stale_members(session: DbSession) -> tuple[int, bool]:
    """(members noted stale, whether that is everyone)."""
    connection = session.connection()
    count, lowest = connection.execute(
        select(func.count(dirty_t.c.member_id.distinct()), func.min(dirty_t.c.member_id))
    ).one()
    if lowest == 0:
        total = connection.execute(select(func.count()).select_from(core.member_t)).scalar()
        return int(total or 0), True
    return int(count or 0), False


def note_everyone(connection: Connection) -> None:
    """Note every member stale (what a rate change's trigger does)."""
    noted = select(dirty_t.c.member_id).where(dirty_t.c.member_id == 0)
    if connection.execute(noted).first() is None:
        connection.execute(insert(dirty_t).values(member_id=0))
