"""db/core.py — the Core copy of the schema the read-only commands use — is current and
says exactly what the SQLModel models say: every table, column, type, nullability,
default, key, constraint and index."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import ForeignKeyConstraint, MetaData, PrimaryKeyConstraint, UniqueConstraint
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.schema import CreateIndex, CreateTable

from assoc_cli.db import core as tables
from assoc_cli.db.types import UTCDateTime
from tools.core_tables import core_tables_source, model_metadata

ROOT = Path(__file__).resolve().parents[2]
DIALECTS = [sqlite.dialect(), postgresql.dialect()]


def test_tables_module_is_current() -> None:
    committed = (ROOT / "src" / "assoc_cli" / "db" / "core.py").read_text(encoding="utf-8")
    assert committed == core_tables_source(), (
        "db/core.py is stale: run python -m tools.core_tables > src/assoc_cli/db/core.py"
    )


def _type(column: Any) -> tuple[object, ...]:
    """What a column's type is, with SQLModel's AutoString read as the String it wraps."""
    kind = type(column.type).__name__
    kind = "String" if kind == "AutoString" else kind
    return (
        kind,
        getattr(column.type, "length", None),
        getattr(column.type, "timezone", None),
        *(str(column.type.compile(dialect=dialect)) for dialect in DIALECTS),
    )


def _column(column: Any) -> tuple[object, ...]:
    default = column.default
    return (
        column.name,
        _type(column),
        column.nullable,
        column.primary_key,
        column.autoincrement,
        None if default is None else (default.is_scalar, default.arg),
        None if column.server_default is None else str(column.server_default.arg),
        # SQLModel says False where Core leaves None: both mean "no".
        bool(column.unique),
        bool(column.index),
        sorted(
            (fk.target_fullname, fk.ondelete, fk.onupdate, fk.name) for fk in column.foreign_keys
        ),
    )


def _constraints(table: Any) -> list[tuple[object, ...]]:
    found = []
    for constraint in table.constraints:
        columns = tuple(c.name for c in constraint.columns)
        if isinstance(constraint, ForeignKeyConstraint):
            targets = tuple(element.target_fullname for element in constraint.elements)
            found.append(("fk", columns, targets, constraint.ondelete, constraint.name))
        elif isinstance(constraint, UniqueConstraint | PrimaryKeyConstraint):
            found.append((type(constraint).__name__, columns, constraint.name))
        else:
            found.append((type(constraint).__name__, columns, str(constraint)))
    return sorted(found, key=repr)


def _indexes(table: Any) -> list[tuple[object, ...]]:
    return sorted(
        (index.name, tuple(c.name for c in index.columns), index.unique) for index in table.indexes
    )


def _ddl(table: Any) -> list[str]:
    statements = []
    for dialect in DIALECTS:
        statements.append(str(CreateTable(table).compile(dialect=dialect)).strip())
        for index in table.indexes:
            ddl = str(CreateIndex(index).compile(dialect=dialect))
            if dialect.name == "postgresql":  # the Core copy keeps SQLite's WHERE only
                ddl = ddl.split(" WHERE ")[0]
            statements.append(ddl)
    return sorted(statements)


def test_partial_indexes_have_one_condition_on_both_databases() -> None:
    """The Core copy keeps only SQLite's WHERE of a partial index; the models must give
    PostgreSQL the same one."""
    partial = 0
    metadata = model_metadata()
    from assoc_cli.db.models import postgresql_partial_indexes

    postgresql_partial_indexes()
    for table in metadata.tables.values():
        for index in table.indexes:
            wheres = {str(index.dialect_options[d]["where"]) for d in ("sqlite", "postgresql")}
            assert len(wheres) == 1, index.name
            partial += wheres != {"None"}
    assert partial > 0


def test_core_tables_match_the_models() -> None:
    models: MetaData = model_metadata()
    assert list(tables.metadata.tables) == list(models.tables)
    for name, model_table in models.tables.items():
        core_table = tables.metadata.tables[name]
        assert [_column(c) for c in core_table.columns] == [
            _column(c) for c in model_table.columns
        ], name
        assert _constraints(core_table) == _constraints(model_table), name
        assert _indexes(core_table) == _indexes(model_table), name
        assert _ddl(core_table) == _ddl(model_table), name
        assert getattr(tables, f"{name}_t") is core_table


def test_the_generator_refuses_a_type_it_does_not_know() -> None:
    from sqlalchemy import Float

    from tools.core_tables import type_source

    with pytest.raises(ValueError, match="no Core type"):
        type_source(Float())


@pytest.mark.parametrize(
    "value",
    [
        None,
        datetime(2022, 11, 30, 8, 30, tzinfo=UTC),
        datetime(2022, 11, 30, 16, 30, tzinfo=timezone(timedelta(hours=8))),
        datetime(2022, 11, 30, 8, 30),
    ],
)
def test_utc_datetime_is_sqlmodels(value: datetime | None) -> None:
    """The Core tables' UTCDateTime writes and reads datetimes as SQLModel's does."""
    from sqlmodel.sql.sqltypes import UTCDateTime as SQLModelUTCDateTime

    ours, theirs = UTCDateTime(), SQLModelUTCDateTime()
    assert repr(ours) == repr(theirs)
    for dialect in DIALECTS:
        assert str(ours.compile(dialect=dialect)) == str(theirs.compile(dialect=dialect))
        assert ours.process_result_value(value, dialect) == theirs.process_result_value(
            value, dialect
        )
        if value is not None and value.tzinfo is None:
            for column_type in (ours, theirs):
                with pytest.raises(ValueError):
                    column_type.process_bind_param(value, dialect)
        else:
            assert ours.process_bind_param(value, dialect) == theirs.process_bind_param(
                value, dialect
            )
    assert type(ours.coerce_compared_value(None, timedelta(days=1))).__name__ == "Interval"
    assert ours.coerce_compared_value(None, value) is ours
