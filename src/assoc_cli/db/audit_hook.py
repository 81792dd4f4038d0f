"""The audit log's hook on the ORM (``db/audit.py`` says what is logged): every insert,
update and delete flushed by a session is logged in the same transaction. Imported by
``db.engine.unit_of_work``; Core writers log what they write themselves."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import event, inspect
from sqlmodel import Session

from assoc_cli.db.audit import audit_row, audit_t, operator, plain_value
from assoc_cli.db.models import AuditLog


def _values(obj: Any) -> dict[str, Any]:
    mapper = inspect(obj).mapper
    return {column.key: plain_value(getattr(obj, column.key)) for column in mapper.column_attrs}


def _member_id(obj: Any) -> int | None:
    if obj.__class__.__name__ == "Member":
        return int(obj.id) if obj.id is not None else None
    value = getattr(obj, "member_id", None)
    return int(value) if value is not None else None


def _entity_id(obj: Any) -> int | None:
    value = getattr(obj, "id", None)
    return value if isinstance(value, int) else None


def _after_flush(session: Session, _context: Any) -> None:
    now = datetime.now(UTC)
    rows: list[dict[str, Any]] = []
    who: list[str] = []  # asked of the server only when there is something to log

    def record(
        obj: Any, action: str, before: dict[str, Any] | None, after: dict[str, Any] | None
    ) -> None:
        if isinstance(obj, AuditLog):
            return
        table = obj.__class__.__tablename__
        entity_id = getattr(obj, "id", None)
        if not who:
            who.append(operator(session))
        rows.append(
            audit_row(who[0], table, entity_id, action, _member_id(obj), before, after, at=now)
        )

    for obj in session.new:
        record(obj, "insert", None, _values(obj))
    # session.dirty is a set; log updates in a stable order (table, then row id).
    for obj in sorted(
        session.dirty, key=lambda o: (str(o.__class__.__tablename__), _entity_id(o) or 0)
    ):
        state = inspect(obj)
        before: dict[str, Any] = {}
        after: dict[str, Any] = {}
        for attr in state.mapper.column_attrs:
            history = state.attrs[attr.key].history
            if history.has_changes():
                before[attr.key] = plain_value(history.deleted[0]) if history.deleted else None
                after[attr.key] = plain_value(history.added[0]) if history.added else None
        if after:
            record(obj, "update", before, after)
    for obj in session.deleted:
        record(obj, "delete", _values(obj), None)
    if rows:
        session.connection().execute(audit_t.insert(), rows)


event.listen(Session, "after_flush", _after_flush)
