"""Engine creation (SQLite pragmas, file permissions) and the one-transaction session."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from assoc_cli.db.location import display_location, sqlite_path
from assoc_cli.db.migrate import ensure_schema
from assoc_cli.errors import DatabaseError

# How long a writer waits for another writer's lock before failing (milliseconds).
BUSY_TIMEOUT_MS = 10_000


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Foreign keys are off by default in SQLite; WAL lets readers run beside a writer.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _create_private_file(path: os.PathLike[str]) -> None:
    # A new database file is readable by its owner only: it holds contacts and money.
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def make_engine(url: str, *, create: bool = True) -> Engine:
    """An engine for *url*; for SQLite, creates the file (0600) and sets the pragmas."""
    path = sqlite_path(url)
    if path is not None and not path.exists():
        if not create:
            raise DatabaseError(f"no database at {path}; run `assoc init` or check --db")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            _create_private_file(path)
        except OSError as exc:
            raise DatabaseError(
                f"cannot create the database at {path}: {exc.strerror}; choose another --db"
            ) from exc
    try:
        engine = create_engine(url)
    except Exception as exc:  # bad URL, missing driver
        raise DatabaseError(f"cannot use database URL {display_location(url)}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def open_database(url: str, *, create: bool = True, upgrade: bool = True) -> Engine:
    """Open the database at *url*, upgrading its schema on first use."""
    engine = make_engine(url, create=create)
    if upgrade:
        try:
            ensure_schema(engine)
        except OperationalError as exc:
            raise DatabaseError(
                f"cannot open the database at {display_location(url)}: {exc.orig}"
            ) from exc
    return engine


@contextmanager
def unit_of_work(engine: Engine) -> Iterator[Session]:
    """One transaction for one command: commit at the end, roll back on any error."""
    with Session(engine) as session, session.begin():
        yield session
