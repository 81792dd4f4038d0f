"""Dues rates (会费标准) read for the reports: whether any is set, which tiers lack one for
a year, and the rates listing. Core SQL, so the read-only commands need no ORM; setting a
rate is a write (``dues/service.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from assoc_cli.db.core import dues_rate_t, tier_t
from assoc_cli.errors import NotFoundError
from assoc_cli.i18n import t
from assoc_cli.listing import Column, Listing

if TYPE_CHECKING:
    from assoc_cli.db.reader import DbSession


def any_rate(session: DbSession) -> bool:
    """Whether any dues rate has been set."""
    return session.connection().execute(select(dues_rate_t.c.id).limit(1)).first() is not None


def rate_tiers(session: DbSession, year: int) -> tuple[list[str], list[str]]:
    """The tiers (names) with a rate for *year*, and those without one."""
    connection = session.connection()
    rated = select(tier_t.c.name).join(dues_rate_t, dues_rate_t.c.tier_id == tier_t.c.id)
    have = set(connection.execute(rated.where(dues_rate_t.c.year == year)).scalars())
    every = list(connection.execute(select(tier_t.c.name)).scalars())
    return [n for n in every if n in have], [n for n in every if n not in have]


def require_rates(session: DbSession, lang: str, year: int | None = None) -> list[str]:
    """Fail clearly when no rates exist; for *year*, the warning naming the tiers that
    lack a rate while others have one (empty when there is nothing to say)."""
    if not any_rate(session):
        raise NotFoundError(t("msg.no_rates", "en"), zh=t("msg.no_rates", "zh-Hans"))
    if year is not None:
        have, missing = rate_tiers(session, year)
        if missing and have:
            return [t("msg.missing_rates", lang, year=year, tiers="、".join(missing))]
    return []


RATE_COLUMNS = [
    Column("year"),
    Column("tier"),
    Column("amount", kind="money"),
    Column("adopted_by"),
]


def rates_listing(session: DbSession, *, year: int | None) -> Listing:
    """``assoc dues rates list``: the rates by year, then tier rank."""
    query = (
        select(
            dues_rate_t.c.year,
            tier_t.c.name.label("tier"),
            dues_rate_t.c.amount_fen.label("amount"),
            dues_rate_t.c.adopted_by,
        )
        .join(tier_t, tier_t.c.id == dues_rate_t.c.tier_id)
        .order_by(dues_rate_t.c.year, tier_t.c.rank)
    )
    if year is not None:
        query = query.where(dues_rate_t.c.year == year)
    rows = [dict(row) for row in session.connection().execute(query).mappings()]
    return Listing(RATE_COLUMNS, rows)
