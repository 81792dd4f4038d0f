"""Engine creation (SQLite pragmas, file permissions) and the one-transaction units of work:
``unit_of_work`` (an ORM session, for commands that change things; the caller may hand
it work to do before the commit) and ``read_only`` (a plain connection, for
reports: it imports neither SQLModel nor pydantic)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, overload

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError

from assoc_cli.db.location import display_location, sqlite_path
from assoc_cli.db.migrate import ensure_schema
from assoc_cli.db.reader import Reader
from assoc_cli.errors import DatabaseError

if TYPE_CHECKING:
    from sqlmodel import Session


def _busy_timeout_ms() -> int:
    # How long a writer waits for another writer's lock before failing.
    from assoc_cli.db.locks import lock_timeout_seconds

    return int(lock_timeout_seconds() * 1000)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Foreign keys are off by default in SQLite; WAL lets readers run beside a writer.
    # isolation_level None: the driver opens no transactions of its own; _sqlite_begin does.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={_busy_timeout_ms()}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    """Writers take SQLite's write lock up front (BEGIN IMMEDIATE), so two writers queue
    instead of one failing midway; readers begin normally and never block anyone."""
    from assoc_cli.db import locks

    if connection.get_execution_options().get("assoc_read_only"):
        connection.exec_driver_sql("BEGIN")
        return
    connection.exec_driver_sql("PRAGMA busy_timeout=0")
    try:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    except OperationalError as exc:
        if "locked" not in str(exc.orig) and "busy" not in str(exc.orig):
            raise
        locks.on_wait()
        connection.exec_driver_sql(f"PRAGMA busy_timeout={_busy_timeout_ms()}")
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    finally:
        connection.exec_driver_sql(f"PRAGMA busy_timeout={_busy_timeout_ms()}")


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
        event.listen(engine, "begin", _sqlite_begin)
    return engine


@overload
def open_database(url: str, *, create: bool = ..., upgrade: bool = ...) -> Engine: ...


@overload
def open_database(
    url: str, *, create: bool = ..., upgrade: bool = ..., report_empty: Literal[True]
) -> tuple[Engine, bool]: ...


def open_database(
    url: str, *, create: bool = True, upgrade: bool = True, report_empty: bool = False
) -> Engine | tuple[Engine, bool]:
    """Open the database at *url*, upgrading its schema on first use. With *report_empty*,
    also say whether it was empty before (so a failed first command can undo its setup)."""
    engine = make_engine(url, create=create)
    was_empty = False
    if upgrade:
        try:
            was_empty = ensure_schema(engine) is None
        except OperationalError as exc:
            engine.dispose()
            if "locked" in str(exc.orig):
                raise DatabaseError(
                    "another assoc kept the database busy for too long; "
                    "nothing was changed — try again"
                ) from exc
            raise DatabaseError(
                f"cannot open the database at {display_location(url)}: {exc.orig}"
            ) from exc
        except BaseException:
            engine.dispose()
            raise
    return (engine, was_empty) if report_empty else engine


def forget_new_database(engine: Engine, created_file: Path | None) -> None:
    """Undo the setup of a database that a failed command created: remove the SQLite file
    it made, or drop the tables it made in an empty server database."""
    engine.dispose()
    if created_file is not None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{created_file}{suffix}").unlink(missing_ok=True)
        return
    from sqlalchemy import text

    from assoc_cli.db.core import metadata

    with engine.begin() as connection:
        metadata.drop_all(connection)
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    engine.dispose()


@contextmanager
def unit_of_work(
    engine: Engine,
    *,
    write: bool = True,
    before_commit: Callable[[Session], None] | None = None,
) -> Iterator[Session]:
    """One transaction for one command: commit at the end, roll back on any error.
    A read-only unit (*write* False) never takes the write lock. *before_commit* runs
    last inside the transaction of a writing unit, after a flush (the CLI passes the
    stored dues balances' refresh, ``dues.balances.refresh_before_commit``)."""
    from sqlmodel import Session

    import assoc_cli.db.audit  # noqa: F401  (records every change made through a session)

    bind = engine if write else _reading(engine)
    with Session(bind) as session, session.begin():
        yield session
        if write and session.in_transaction():  # (not after a dry run's rollback)
            session.flush()
            if before_commit is not None:
                before_commit(session)


@contextmanager
def read_only(engine: Engine) -> Iterator[Reader]:
    """One read-only transaction on a plain connection (no ORM); like a read-only
    ``unit_of_work`` it never takes the write lock."""
    with _reading(engine).connect() as connection, connection.begin():
        yield Reader(connection)


def _reading(engine: Engine) -> Engine:
    """The engine for a read-only transaction. On PostgreSQL it reads one snapshot
    (REPEATABLE READ), so a report's statements all see the same data — whether the
    stored balances are current and the balances themselves (SQLite's read transaction
    is a snapshot already)."""
    if engine.dialect.name == "postgresql":
        return engine.execution_options(assoc_read_only=True, isolation_level="REPEATABLE READ")
    return engine.execution_options(assoc_read_only=True)
