"""Terms and offices read without the ORM, for the read-only commands (Core SQL on
``db/core.py``): the term in force, a term by number, whether an office exists. They take
any ``DbSession`` (a Reader or an ORM Session).

Their error messages are the ones of the ORM services (``organisation/terms.py``,
``organisation/offices.py``) — the same user mistakes, the same words.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select

from assoc_cli.db.core import office_t, term_t
from assoc_cli.errors import NotFoundError

if TYPE_CHECKING:
    from assoc_cli.db.reader import DbSession


@dataclass(frozen=True)
class ExpiredTerm:
    """A term used after its end because no later term has begun (换届 is late)."""

    number: int
    end_on: date


# The expired terms a command has fallen back on, for it to say once (``expired_terms``);
# None outside such a command: nothing is collected.
_expired: ContextVar[set[ExpiredTerm] | None] = ContextVar("assoc_expired_terms", default=None)


@contextmanager
def expired_terms() -> Iterator[set[ExpiredTerm]]:
    """Collect the expired terms the lookups inside the block fall back on."""
    token = _expired.set(set())
    try:
        found = _expired.get()
        assert found is not None
        yield found
    finally:
        _expired.reset(token)


def note_expired_term(number: int, end_on: date) -> None:
    """Note that term *number*, ended on *end_on*, stands in for the term in force."""
    noted = _expired.get()
    if noted is not None:
        noted.add(ExpiredTerm(number, end_on))


def current_term_id(session: DbSession, as_of: date) -> int | None:
    """The id of the term in force on *as_of*: the newest that has started and not ended;
    when every term begun by then has ended (换届 is late), the last of them, noted for
    the command to say so (``note_expired_term``). None before the first term."""
    connection = session.connection()
    query = (
        select(term_t.c.id)
        .where(term_t.c.start_on <= as_of, term_t.c.end_on >= as_of)
        .order_by(term_t.c.number.desc())
        .limit(1)
    )
    found = connection.execute(query).scalar()
    if found is not None:
        return int(found)
    last = connection.execute(
        select(term_t.c.id, term_t.c.number, term_t.c.end_on)
        .where(term_t.c.start_on <= as_of)
        .order_by(term_t.c.number.desc())
        .limit(1)
    ).first()
    if last is None:
        return None
    note_expired_term(int(last.number), last.end_on)
    return int(last.id)


def term_id(session: DbSession, number: int) -> int:
    """The id of term *number* (as ``organisation.terms.get_term``)."""
    query = select(term_t.c.id).where(term_t.c.number == number)
    found = session.connection().execute(query).scalar()
    if found is None:
        raise NotFoundError(
            f"there is no term {number}; add it with: assoc terms add {number} --start …",
            zh=f"没有第 {number} 届;请添加:assoc terms add {number} --start …",
        )
    return int(found)


def term_id_for(session: DbSession, number: int | None, as_of: date) -> int | None:
    """The id of term *number*, or without a number of the term covering *as_of* (None
    when no term does): the term a listing's offices and tiers are read in."""
    if number is not None:
        return term_id(session, number)
    return current_term_id(session, as_of)


def require_office(session: DbSession, name: str) -> None:
    """Fail unless an office is called *name* (as ``organisation.offices.find_office``)."""
    connection = session.connection()
    if connection.execute(select(office_t.c.id).where(office_t.c.name == name.strip())).first():
        return
    query = select(office_t.c.name).order_by(office_t.c.rank, office_t.c.id)
    names = ", ".join(connection.execute(query).scalars())
    raise NotFoundError(
        f'there is no office "{name}"; the offices are: {names} '
        "(add one with: assoc offices define NAME --rank N)",
        zh=f"没有职务“{name}”;现有职务:{names}(可用 assoc offices define 名称 --rank N 添加)",
    )
