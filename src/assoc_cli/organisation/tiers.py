"""Dues tiers (会长单位, 副会长单位, 理事单位, 会员单位): the one place a tier is looked up.

Core SQL on ``db/core.py`` so that read-only commands can use it without loading the ORM;
it takes any ``DbSession`` (a Reader or an ORM Session).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import func, select

from assoc_cli.db.core import tier_t
from assoc_cli.errors import NotFoundError

if TYPE_CHECKING:
    from assoc_cli.db.reader import DbSession


def find_tier_id(session: DbSession, name: str) -> int:
    """The id of the dues tier called *name*; a clear error listing the tiers if none is."""
    connection = session.connection()
    found = connection.execute(select(tier_t.c.id).where(tier_t.c.name == name.strip())).scalar()
    if found is not None:
        return int(found)
    names = ", ".join(connection.execute(select(tier_t.c.name).order_by(tier_t.c.rank)).scalars())
    raise NotFoundError(
        f'there is no dues tier "{name}"; the tiers are: {names} (or "auto")',
        zh=f"没有会费档次“{name}”;现有档次:{names}(或 auto)",
    )


def lowest_tier_rank(session: DbSession) -> int:
    """The rank of the plain member tier (会员单位), the default for units without office."""
    rank = session.connection().execute(select(func.max(tier_t.c.rank))).scalar()
    return int(rank or 4)
