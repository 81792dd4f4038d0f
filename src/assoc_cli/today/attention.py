"""The attention page: its items, and the registry of the providers that find them.

A provider is one function per kind of item: given a unit of work, the day the page is
for and the output language, it returns the items of its kind (none when all is well).
It reads only: the page is made in one read-only transaction.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from assoc_cli.listing import Column, Listing
from assoc_cli.today.item import Attention, Provider

if TYPE_CHECKING:
    from assoc_cli.db.reader import DbSession


def registry() -> dict[str, Provider | None]:
    """Every kind of item, in the order of the page, with its provider.

    A slot may hold None (a kind not yet provided): the page skips it. ``requests`` are
    member requests (诉求) due within three working days or overdue (``assoc requests
    remind``); ``statistics`` the latest statistics period past its due day with members
    who have not reported (``assoc stats overdue``/``remind``).
    """
    from assoc_cli.today import providers

    return {
        "dues": providers.dues_collection,
        "notices": providers.notices_not_sent,
        "meetings": providers.meetings_soon,
        "actions": providers.overdue_actions,
        "requests": providers.requests_due,
        "statistics": providers.statistics_overdue,
        "election": providers.election_due,
        "backup": providers.backup_stale,
    }


def attention_items(session: DbSession, on: date, lang: str) -> list[Attention]:
    """Everything that needs attention on *on*, kind by kind in the registry's order."""
    items: list[Attention] = []
    for provider in registry().values():
        if provider is not None:
            items.extend(provider(session, on, lang))
    return items


TODAY_COLUMNS = [
    Column("kind", "today.col.kind", kind="enum", enum_prefix="today.kind."),
    Column("text", "today.col.text"),
    Column("commands", "today.col.commands"),
]


def attention_listing(items: list[Attention], title: str, lang: str) -> Listing:
    """The page as a listing: kind, what, the commands (JSON: kind text commands)."""
    return Listing(
        columns=TODAY_COLUMNS,
        rows=[
            {"kind": item.kind, "text": item.text, "commands": "\n".join(item.commands)}
            for item in items
        ],
        title=title,
    )
