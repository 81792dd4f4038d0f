"""The audit log (操作日志): every insert, update and delete made through the ORM is
recorded after each flush — operator, command, table, row, before and after — in the
same transaction, so a command that fails leaves no log entry either. Rows written in
bulk without the ORM (``members import`` adding new members) are recorded by their
writer with ``record``: one entry saying what was added.

The operator is whoever the database server says is logged in, when there is a server:
on PostgreSQL the session's user (``SELECT session_user``, once per unit of work), with a
name given by ``--operator`` only added after it, "zhang (as 李会计)". A SQLite file has
no users: there it is ``--operator``, else the operating-system user. On a server set up
with ``assoc db roles`` the log is append-only for every role but the admin."""

from __future__ import annotations

import getpass
import json
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    String,
    Table,
    bindparam,
    func,
    literal,
    null,
    text,
)
from sqlalchemy import select as core_select

from assoc_cli.db.core import audit_log_t
from assoc_cli.listing import Column, Listing

if TYPE_CHECKING:
    from assoc_cli.db.reader import DbSession, Unit


@dataclass(frozen=True)
class Actor:
    """Who is making changes (the name given by --operator, if any), with which command."""

    named: str | None
    command: str

    @property
    def operator(self) -> str:
        """The name given, else the operating-system user."""
        return self.named or default_operator()


def default_operator() -> str:
    """The operating-system user, when no --operator is given."""
    try:
        return getpass.getuser()
    except Exception:  # no user name in this environment
        return "unknown"


current_actor: ContextVar[Actor | None] = ContextVar("current_actor", default=None)


def actor() -> Actor:
    """Who is acting now (the OS user and no command name, unless the CLI said otherwise)."""
    return current_actor.get() or Actor(None, "")


OPERATOR_LENGTH = 100  # audit_log.operator


def operator(session: Unit) -> str:
    """Who the audit log names for this unit of work: on PostgreSQL the session's user
    (the server knows who logged in), with a different --operator name after it; on
    SQLite the --operator name or the OS user. Asked once per session."""
    known = session.info.get("audit_operator")
    if isinstance(known, str):
        return known
    who = actor()
    name = who.operator
    if session.get_bind().dialect.name == "postgresql":
        user = str(session.connection().execute(text("SELECT session_user")).scalar())
        name = user if who.named in (None, user) else f"{user} (as {who.named})"
    name = name[:OPERATOR_LENGTH]
    session.info["audit_operator"] = name
    return name


audit_t: Table = audit_log_t


def plain_value(value: Any) -> Any:
    """*value* as the log's JSON holds it (dates and times in ISO form)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _dump(values: dict[str, Any] | None) -> str | None:
    return None if values is None else json.dumps(values, ensure_ascii=False, sort_keys=True)


def audit_row(
    who: str,
    entity: str,
    entity_id: Any,
    action: str,
    member_id: int | None,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    *,
    at: datetime | None = None,
) -> dict[str, Any]:
    """One audit_log row, by operator *who* with the current command."""
    return {
        "at": at or datetime.now(UTC),
        "operator": who,
        "command": actor().command,
        "entity": entity,
        "entity_id": entity_id if isinstance(entity_id, int) else None,
        "action": action,
        "member_id": member_id,
        "before": _dump(before),
        "after": _dump(after),
    }


def record(
    session: Unit,
    *,
    entity: str,
    action: str,
    after: dict[str, Any],
    entity_id: int | None = None,
    member_id: int | None = None,
) -> None:
    """Write one audit entry for a change made outside the ORM (a bulk insert, which the
    flush hook below never sees), in the session's transaction."""
    values = {key: plain_value(value) for key, value in after.items()}
    entry = audit_row(operator(session), entity, entity_id, action, member_id, None, values)
    session.connection().execute(audit_t.insert(), [entry])


def insert_logged(session: Unit, table: Table, values: dict[str, Any]) -> dict[str, Any]:
    """Insert one row of *table* without the ORM and log it as the flush hook would;
    returns the row as written (every column, the id and defaults included)."""
    written = session.connection().execute(table.insert().values(values).returning(*table.c))
    row = dict(written.one()._mapping)
    record_inserts(session, table, [row])
    return row


def record_inserts(session: Unit, table: Table, rows: list[dict[str, Any]]) -> None:
    """Log rows inserted in bulk (one Core INSERT for many rows, which the flush hook does
    not see) exactly as the hook logs an ORM insert. *rows* are the new rows as read back
    from *table*, every column."""
    if not rows:
        return
    now = datetime.now(UTC)
    who = operator(session)
    entries = [
        audit_row(
            who,
            table.name,
            row.get("id"),
            "insert",
            row["id"] if table.name == "member" else row.get("member_id"),
            None,
            {key: plain_value(value) for key, value in row.items()},
            at=now,
        )
        for row in rows
    ]
    session.connection().execute(audit_t.insert(), entries)


def _json_value(column: Any, dialect: str) -> ColumnElement[str]:
    """*column* as the JSON text ``json.dumps`` writes for it (numbers and strings;
    null for NULL)."""
    if dialect == "postgresql":
        return func.coalesce(func.cast(func.to_json(column), String), literal("null"))
    return func.json_quote(column)


def record_inserted(session: Unit, table: Table, where: ColumnElement[bool]) -> int:
    """Log the rows of *table* matching *where* (just inserted by an INSERT … SELECT) in
    one INSERT … SELECT: the same entries :func:`record_inserts` makes, the row's JSON
    built by the database, so nothing is read into Python however many rows there are.
    For tables of integer and text columns only (dates and booleans would be written as
    the database holds them). Returns how many were logged."""
    dialect = session.get_bind().dialect.name
    names = sorted(column.name for column in table.columns)
    after: ColumnElement[str] = literal("{")
    for index, name in enumerate(names):
        column = table.c[name]
        stored = getattr(column.type, "impl", column.type)  # (AutoString is a String)
        assert isinstance(stored, Integer | String), f"{table.name}.{name}"
        key = ("" if index == 0 else ", ") + json.dumps(name) + ": "
        after = after + literal(key) + _json_value(column, dialect)
    after = after + literal("}")
    member = table.c.id if table.name == "member" else table.c.get("member_id")
    rows = core_select(
        bindparam("at", datetime.now(UTC), type_=audit_t.c.at.type),
        literal(operator(session)),
        literal(actor().command),
        literal(table.name),
        table.c.id,
        literal("insert"),
        member if member is not None else null(),
        null(),
        after,
    ).where(where)
    columns = [
        "at", "operator", "command", "entity", "entity_id", "action", "member_id", "before",
        "after",
    ]  # fmt: skip
    connection = session.connection()
    connection.execute(audit_t.insert().from_select(columns, rows))
    # (rowcount is -1 for an INSERT … SELECT on PostgreSQL's driver)
    return int(connection.execute(core_select(func.count()).where(where)).scalar_one())


LOG_COLUMNS = [
    Column("at", "log.at"),
    Column("operator", "log.operator"),
    Column("command", "log.command"),
    Column("entity", "log.entity"),
    Column("entity_id", "log.entity_id"),
    Column("action", "log.action"),
    Column("before", "log.before"),
    Column("after", "log.after"),
]


def audit_listing(
    session: DbSession,
    *,
    member_id: int | None = None,
    since: date | None = None,
    entity: str | None = None,
    limit: int = 200,
) -> Listing:
    """``assoc log``: the newest *limit* entries, newest first — only those about member
    *member_id*, made on or after *since* (UTC), about table *entity*, when given."""
    log = audit_t.c
    query = core_select(audit_t)
    if member_id is not None:
        query = query.where(log.member_id == member_id)
    if since:
        query = query.where(log.at >= datetime.combine(since, time.min, tzinfo=UTC))
    if entity:
        query = query.where(log.entity == entity)
    query = query.order_by(log.id.desc()).limit(limit)
    rows = [
        {
            "at": entry.at.replace(microsecond=0).isoformat(sep=" "),
            "operator": entry.operator,
            "command": entry.command,
            "entity": entry.entity,
            "entity_id": entry.entity_id,
            "action": entry.action,
            "before": entry.before,
            "after": entry.after,
        }
        for entry in session.connection().execute(query)
    ]
    return Listing(LOG_COLUMNS, rows)
