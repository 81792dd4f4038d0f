"""The stored dues balances as the reports read them (``dues_balance``): the columns of
``dues.ledger.ledger_select``, one row per member and year, as of the end of time. They
are used only when exact for the report's as-of date; ``dues/balances.py`` keeps them
up to date.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, exists, func, select

from assoc_cli.db import core
from assoc_cli.db.ledger_notes import dirty_t

if TYPE_CHECKING:
    from assoc_cli.db.reader import DbSession

balance_t = core.dues_balance_t

# The as-of date of the stored rows: after every entry and join there will ever be.
END_OF_TIME = date(9999, 12, 31)

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


# Set while `assoc db refresh` works through the members (dues/balances.py): the
# highest member id whose rows it has recomputed. The stored rows are not read meanwhile.
REFRESH_MARK = "balances.refresh_upto"


def is_current(session: DbSession, as_of: date) -> bool:
    """Whether the stored rows are the ledger as of *as_of*: nothing noted stale, no
    refresh under way, and no entry or join dated after it. One round trip of four index
    lookups."""
    entry_t, period_t = core.dues_entry_t, core.membership_period_t
    refreshing = select(core.setting_t.c.key).where(core.setting_t.c.key == REFRESH_MARK)
    row = (
        session.connection()
        .execute(
            select(
                ~exists(select(dirty_t.c.member_id)) & ~exists(refreshing),
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
