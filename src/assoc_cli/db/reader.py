"""The read-only unit of work of the reports: one connection, no ORM.

Reports and lookups take a ``DbSession``: anything with ``connection()`` and
``get_bind()``. A SQLModel ``Session`` is one (write commands pass theirs); a ``Reader``
is the other, for read-only commands: a plain SQLAlchemy connection, so those commands
import neither SQLModel nor pydantic.
"""

from __future__ import annotations

from typing import Any, Protocol

from sqlalchemy import Connection, Engine


class DbSession(Protocol):
    """What reports need of a unit of work (an ORM Session and a Reader both fit)."""

    def connection(self) -> Connection:
        """The connection of the transaction."""
        ...

    def get_bind(self) -> Engine | Connection:
        """What the unit of work runs on (reports ask it for the dialect)."""
        ...


class Reader:
    """A read-only unit of work on one connection in one transaction (see
    ``db.engine.read_only``)."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def connection(self) -> Connection:
        """The connection of the transaction."""
        return self._connection

    def get_bind(self) -> Connection:
        """The connection (it carries the dialect)."""
        return self._connection


class Unit(DbSession, Protocol):
    """A unit of work that writes: an ORM Session, or a :class:`Writer`. ``info`` keeps
    what is asked once per unit (the audit log's operator, balances left for later)."""

    @property
    def info(self) -> dict[Any, Any]:
        """Per-unit notes."""
        ...


class Writer(Reader):
    """A writing unit of work on one connection in one transaction, without the ORM
    (see ``db.engine.writing``): for the commands at the counter, which must not wait
    for SQLModel and the models to load. What it inserts it logs itself
    (``db.audit.record_inserts``)."""

    def __init__(self, connection: Connection) -> None:
        super().__init__(connection)
        self._info: dict[Any, Any] = {}

    @property
    def info(self) -> dict[Any, Any]:
        """Per-unit notes."""
        return self._info
