"""Move a whole association between databases (SQLite ⇄ PostgreSQL), and portable
backup bundles that either engine can read back.

The target gets the schema from the migrations, then every table is copied in
foreign-key order in batches inside one transaction; PostgreSQL sequences are moved past
the copied ids; a count check compares every table at the end.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Date, DateTime, Engine, Table, func, select, text
from sqlmodel import SQLModel

import assoc_cli.db.models  # noqa: F401  (registers every table)
from assoc_cli.errors import ConflictError, DatabaseError

BATCH = 2000
BUNDLE_FORMAT = "assoc-bundle-1"
# Tables the migrations fill with defaults; a database holding only these is "empty".
SEEDED = {"tier", "office", "meeting_kind", "alembic_version"}


# Tables derived from the others (dues/balances.py): never copied; the caller's
# *rebuild* (``dues.balances.rebuild``) makes them again inside the copy's transaction.
DERIVED = {"dues_balance", "ledger_dirty"}
Rebuild = Callable[[Connection], object]


def tables() -> list[Table]:
    """Every assoc table that holds data of its own, parents before children."""
    return [t for t in SQLModel.metadata.sorted_tables if t.name not in DERIVED]


def counts(connection: Connection) -> dict[str, int]:
    """Rows per table."""
    return {
        table.name: int(connection.execute(select(func.count()).select_from(table)).scalar_one())
        for table in tables()
    }


def has_user_data(connection: Connection) -> bool:
    """Whether the database holds anything beyond the seeded defaults."""
    return any(n for name, n in counts(connection).items() if name not in SEEDED)


def _clear(connection: Connection) -> None:
    for table in reversed(tables()):
        connection.execute(table.delete())


def _reset_sequences(connection: Connection) -> None:
    if connection.dialect.name != "postgresql":
        return
    for table in tables():
        key = [
            c
            for c in table.primary_key.columns
            if c.autoincrement is not False and c.type.python_type is int
        ]
        if len(key) != 1:
            continue
        connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', '{key[0].name}'), "
                f"COALESCE((SELECT MAX({key[0].name}) FROM {table.name}), 0) + 1, false)"
            )
        )


def _write_rows(connection: Connection, table: Table, rows: Iterator[dict[str, Any]]) -> None:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            connection.execute(table.insert(), batch)
            batch = []
    if batch:
        connection.execute(table.insert(), batch)


def copy_database(
    source: Engine, target: Engine, *, force: bool, rebuild: Rebuild
) -> dict[str, int]:
    """Copy every row from *source* to *target* (both at the current schema); returns the
    row counts, which match on both sides or nothing is committed."""
    with source.connect() as reader, target.begin() as writer:
        if has_user_data(writer) and not force:
            raise ConflictError(
                "the target database already holds an association; add --force to replace it",
                zh="目标数据库已有协会数据;如要替换,请加 --force",
            )
        _clear(writer)
        for table in tables():
            rows = reader.execute(select(table)).mappings()
            _write_rows(writer, table, (dict(row) for row in rows))
        _reset_sequences(writer)
        rebuild(writer)
        expected, copied = counts(reader), counts(writer)
        if expected != copied:
            different = {
                k: (expected[k], copied.get(k)) for k in expected if expected[k] != copied.get(k)
            }
            raise DatabaseError(
                f"the copy does not match the source: {different}; nothing was written",
                zh=f"副本与源数据库不一致:{different};未写入任何内容",
            )
    return copied


# ---------------------------------------------------------------- portable bundles


def _encode(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _decoder(table: Table) -> dict[str, Any]:
    decoders: dict[str, Any] = {}
    for column in table.columns:
        kind = getattr(column.type, "impl", column.type)  # SQLModel wraps DateTime
        if isinstance(kind, DateTime):
            decoders[column.name] = datetime.fromisoformat
        elif isinstance(kind, Date):
            decoders[column.name] = date.fromisoformat
    return decoders


def write_bundle(source: Engine, path: Path) -> dict[str, int]:
    """A consistent, engine-neutral backup: gzip'd JSON lines, one table after another,
    read inside one transaction (a snapshot on PostgreSQL)."""
    written: dict[str, int] = {}
    with source.connect() as reader, reader.begin(), gzip.open(path, "wt", encoding="utf-8") as out:
        if reader.dialect.name == "postgresql":
            reader.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"))
        revision = reader.execute(text("SELECT version_num FROM alembic_version")).scalar()
        out.write(json.dumps({"format": BUNDLE_FORMAT, "revision": revision}) + "\n")
        for table in tables():
            count = 0
            for row in reader.execute(select(table)).mappings():
                out.write(
                    json.dumps(
                        {"t": table.name, "r": {k: _encode(v) for k, v in row.items()}},
                        ensure_ascii=False,
                    )
                    + "\n"
                )
                count += 1
            written[table.name] = count
        out.write(json.dumps({"counts": written}) + "\n")
    return written


def is_bundle(path: Path) -> bool:
    """Whether *path* is an assoc backup bundle."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            return bool(json.loads(handle.readline()).get("format") == BUNDLE_FORMAT)
    except (OSError, ValueError, EOFError, UnicodeDecodeError):
        return False


def read_bundle(path: Path, target: Engine, *, force: bool, rebuild: Rebuild) -> dict[str, int]:
    """Restore a bundle into *target* (at the current schema); all or nothing."""
    by_name = {table.name: table for table in tables()}
    decoders = {name: _decoder(table) for name, table in by_name.items()}
    with gzip.open(path, "rt", encoding="utf-8") as handle, target.begin() as writer:
        header = json.loads(handle.readline())
        if header.get("format") != BUNDLE_FORMAT:
            raise DatabaseError(f"{path} is not an assoc backup", zh=f"{path} 不是 assoc 备份")
        current = writer.execute(text("SELECT version_num FROM alembic_version")).scalar()
        if header.get("revision") != current:
            raise DatabaseError(
                f"{path} was made at schema revision {header.get('revision')}, this database is at "
                f"{current}; restore it with the assoc version that made it, then upgrade",
                zh=f"{path} 的结构版本为 {header.get('revision')},"
                f"本数据库为 {current};请用建立该备份的 assoc 版本恢复,再升级",
            )
        if has_user_data(writer) and not force:
            raise ConflictError(
                "the database is not empty; add --force to replace everything in it",
                zh="数据库不是空的;如要替换其中全部内容,请加 --force",
            )
        _clear(writer)
        expected: dict[str, int] = {}
        pending: dict[str, list[dict[str, Any]]] = {}
        for line in handle:
            record = json.loads(line)
            if "counts" in record:
                expected = record["counts"]
                continue
            name = record["t"]
            row = {
                k: (decoders[name][k](v) if v is not None and k in decoders[name] else v)
                for k, v in record["r"].items()
            }
            pending.setdefault(name, []).append(row)
            if len(pending[name]) >= BATCH:
                writer.execute(by_name[name].insert(), pending.pop(name))
        for table in tables():
            if pending.get(table.name):
                writer.execute(table.insert(), pending[table.name])
        _reset_sequences(writer)
        rebuild(writer)
        restored = counts(writer)
        if not expected or {k: v for k, v in restored.items() if k in expected} != expected:
            raise DatabaseError(
                f"{path} is incomplete or damaged (counts differ); nothing was restored",
                zh=f"{path} 不完整或已损坏(行数不符);未恢复任何内容",
            )
    return restored
