"""Order of precedence for people lists (排名顺序): the association's own officers by their
office (the offices' ranks: 会长 first), then guests by the rank given them (officials
first, as the articles list them), then everyone else; within each, by surname strokes
(按姓氏笔画). ``given`` keeps the order typed."""

from __future__ import annotations

from typing import Protocol, TypeVar

from sqlmodel import Session, select

from assoc_cli.db.models import Office
from assoc_cli.events.choices import Order

_UNRANKED = 1_000_000


class Ranked(Protocol):
    """What precedence reads of a person."""

    @property
    def name(self) -> str: ...
    @property
    def organisation(self) -> str: ...
    @property
    def post(self) -> str | None: ...
    @property
    def rank(self) -> int | None: ...
    @property
    def position(self) -> int: ...


T = TypeVar("T", bound=Ranked)


def office_ranks(session: Session) -> dict[str, int]:
    """The association's offices by name, with their rank (1 first)."""
    return {name: rank for name, rank in session.exec(select(Office.name, Office.rank))}


def in_precedence(people: list[T], ranks: dict[str, int], order: str) -> list[T]:
    """*people* in order of precedence (``office``) or as typed (``given``)."""
    if order == Order.given:
        return sorted(people, key=lambda p: p.position)
    from assoc_cli.i18n.sorting import stroke_key

    def key(person: T) -> tuple[int, int, str, str]:
        if not person.organisation and person.post in ranks:
            return (0, ranks[person.post or ""], stroke_key(person.name), person.name)
        if person.rank is not None:
            return (1, person.rank, stroke_key(person.name), person.name)
        return (2, _UNRANKED, stroke_key(person.name), person.name)

    return sorted(people, key=key)
