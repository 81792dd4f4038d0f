"""Many rows into one table at once, for imports of large files.

SQLAlchemy converts every value of every row through its column type when it inserts
(dates to text on SQLite, booleans to 0/1, aware datetimes to UTC). That per-row work costs
more than SQLite's own insert, so on SQLite the same conversions are applied by the caller
with the column types' own bind processors (``BulkInsert.converter``, which remembers the
result for values that repeat), and the rows go to the driver's ``executemany`` as plain
tuples. Other databases get SQLAlchemy's ordinary executemany. Either way the rows are
stored exactly as an ORM insert stores them.

Rows inserted here do not pass through the ORM, so the audit hook does not see them: the
caller records what it did (see ``assoc_cli.db.audit.record``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, Table, insert

# Converted values remembered per column (dates, flags, timestamps repeat a great deal).
MEMO_LIMIT = 50_000
CACHE_KIB = 64 * 1024


def _same(value: Any) -> Any:
    return value


class BulkInsert:
    """An INSERT of *columns* into *table*, run for batches of rows given as tuples whose
    values went through ``converter`` (SQLite) — so each value is converted once, where
    the row is made, and not again in a second pass over the batch."""

    def __init__(self, connection: Connection, table: Table, columns: Sequence[str]) -> None:
        self.connection = connection
        self.table = table
        self.columns = tuple(columns)
        dialect = connection.dialect
        self.raw = dialect.name == "sqlite"
        self.statement = insert(table)
        self.processors: dict[str, Callable[[Any], Any]] = {}
        self.deferred_indexes: list[str] = []
        if self.raw:
            compiled = self.statement.compile(dialect=dialect, column_keys=list(self.columns))
            if not compiled.positional or tuple(compiled.positiontup or ()) != self.columns:
                raise ValueError(f"columns must be given in the order of table {table.name}")
            self.sql = compiled.string
            # Rows land all over big indexes; SQLite's default 2 MiB page cache would read
            # the same pages again and again. For this connection (this command) only.
            connection.exec_driver_sql(f"PRAGMA cache_size = -{CACHE_KIB}")
            for key in self.columns:
                column_type = table.c[key].type
                process = column_type.dialect_impl(dialect).bind_processor(dialect)
                if process is not None:
                    self.processors[key] = process

    def converter(self, key: str) -> Callable[[Any], Any]:
        """What turns a value of column *key* into what the driver is given: the column
        type's bind processor on SQLite (results remembered: dates, flags and timestamps
        repeat), nothing elsewhere (SQLAlchemy converts as it inserts)."""
        process = self.processors.get(key)
        if process is None:
            return _same
        memo: dict[Any, Any] = {}

        def convert(value: Any) -> Any:
            if value is None:
                return None
            done = memo.get(value, memo)
            if done is memo:
                done = process(value)
                if len(memo) < MEMO_LIMIT:
                    memo[value] = done
            return done

        return convert

    def run(self, rows: Sequence[tuple[Any, ...]]) -> None:
        """Insert *rows* (values in the order of the columns, made with ``converter``)."""
        if not rows:
            return
        if self.raw:
            self.connection.exec_driver_sql(self.sql, list(rows))
            return
        keys = self.columns
        self.connection.execute(self.statement, [dict(zip(keys, row, strict=True)) for row in rows])

    def defer_indexes(self) -> None:
        """SQLite: drop the table's plain indexes (not those enforcing uniqueness) until
        ``restore_indexes``, which builds each again in one sorted pass — far quicker than
        updating them row by row for hundreds of thousands of rows. The schema change is
        part of the transaction: rolled back, the indexes are there as before."""
        if not self.raw or self.deferred_indexes:
            return
        name = self.table.name
        plain = {
            row[1]
            for row in self.connection.exec_driver_sql(f'PRAGMA index_list("{name}")')
            if not row[2] and row[3] == "c"  # not unique, made by CREATE INDEX
        }
        found = self.connection.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master "
            "WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY rowid",
            (name,),
        ).all()
        for index_name, sql in found:
            if index_name in plain:
                self.connection.exec_driver_sql(f'DROP INDEX "{index_name}"')
                self.deferred_indexes.append(sql)

    def restore_indexes(self) -> None:
        """Build the indexes ``defer_indexes`` dropped, exactly as they were defined
        (SQLite may sort with a helper thread per spare core meanwhile)."""
        if self.deferred_indexes:
            threads = min(os.cpu_count() or 1, 4)
            self.connection.exec_driver_sql(f"PRAGMA threads = {threads}")
        for sql in self.deferred_indexes:
            self.connection.exec_driver_sql(sql)
        self.deferred_indexes = []


def defer_triggers(connection: Connection, tables: Sequence[str]) -> list[str]:
    """SQLite: drop the triggers on *tables* and return their definitions for
    ``restore_triggers``. Only for a bulk write whose every effect those triggers would
    record is recorded already (a big import notes every member's balance stale first,
    so the ledger triggers' per-row lookup and note are wasted work: bench/RESULTS.md has what
    they cost a million-row import). Like ``defer_indexes`` the drop is part of the transaction:
    rolled back, the triggers are there as before. Elsewhere nothing is dropped."""
    if connection.dialect.name != "sqlite":
        return []
    marks = ", ".join("?" for _ in tables)
    found = connection.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master "
        f"WHERE type = 'trigger' AND tbl_name IN ({marks}) ORDER BY rowid",
        tuple(tables),
    ).all()
    for name, _ in found:
        connection.exec_driver_sql(f'DROP TRIGGER "{name}"')
    return [sql for _, sql in found]


def restore_triggers(connection: Connection, definitions: Sequence[str]) -> None:
    """Create again the triggers ``defer_triggers`` dropped, exactly as they were."""
    for sql in definitions:
        connection.exec_driver_sql(sql)
