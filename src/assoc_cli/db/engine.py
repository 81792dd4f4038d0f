"""Engine creation (SQLite pragmas, file permissions) and the one-transaction units of work:
``unit_of_work`` (an ORM session, for commands that change things; the caller may hand
it work to do before the commit) and ``read_only`` (a plain connection, for
reports: it imports neither SQLModel nor pydantic)."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, overload
from urllib.parse import quote
from weakref import WeakSet

from sqlalchemy import Engine, ExceptionContext, create_engine, event
from sqlalchemy.exc import OperationalError

from assoc_cli.db.location import display_location, sqlite_path
from assoc_cli.db.migrate import ensure_schema
from assoc_cli.db.opening import (
    can_write,
    check_database_file,
    explain_sqlite_error,
    missing_database,
    read_only_database,
    read_only_uri,
)
from assoc_cli.db.reader import Reader, Writer
from assoc_cli.errors import DatabaseError

if TYPE_CHECKING:
    from sqlmodel import Session


def _busy_timeout_ms() -> int:
    # How long a writer waits for another writer's lock before failing.
    from assoc_cli.db.locks import lock_timeout_seconds

    return int(lock_timeout_seconds() * 1000)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Foreign keys are off by default in SQLite. isolation_level None: the driver opens no
    # transactions of its own; _sqlite_begin does.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={_busy_timeout_ms()}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_wal(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets readers run beside a writer. It is a property of the file, set once: on a
    # file assoc has just created, or on one found in another mode once it is known to be
    # an assoc (or an empty) database (a stranger's database is left as it was).
    dbapi_connection.execute("PRAGMA journal_mode=WAL")


def _sqlite_begin_read(connection: Any) -> None:
    """A read-only file: every transaction only reads."""
    connection.exec_driver_sql("BEGIN")


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


# The engines make_engine opened read-only (a file or folder this process cannot write).
_READ_ONLY: WeakSet[Engine] = WeakSet()


def make_engine(url: str, *, create: bool = False, write: bool = True) -> Engine:
    """An engine for *url*. For SQLite, only with *create* is a missing file created
    (0600, with its folders; only ``init``, ``demo``, ``db restore`` and ``db copy`` ask);
    a folder, an empty file or any file that is not a SQLite database is refused before
    it is opened; a file this process cannot write is opened read-only for a command that
    only reads (*write* False) and refused for one that writes. SQLite's errors about the
    file (damaged, disk full, read-only) become one ``DatabaseError`` line naming it."""
    path = sqlite_path(url)
    is_wal = read_only = False  # (a new file is put in WAL mode at its first connection)
    if path is not None:
        if not path.exists():
            if not create:
                raise missing_database(path)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                _create_private_file(path)
            except OSError as exc:
                raise DatabaseError(
                    f"cannot create the database at {path}: {exc.strerror}; choose another --db",
                    zh=f"无法在 {path} 建立数据库:{exc.strerror};请换一个 --db",
                ) from exc
        else:
            is_wal = check_database_file(path)
            read_only = not can_write(path)
            if read_only and write:
                raise read_only_database(path)
            if not read_only and not is_wal:
                _refuse_a_strangers_database(path)
    try:
        if read_only:
            assert path is not None
            connect = partial(
                sqlite3.connect, read_only_uri(path), uri=True, check_same_thread=False
            )
            engine = create_engine(url, creator=connect)
        else:
            engine = create_engine(url)
    except Exception as exc:  # bad URL, missing driver
        raise DatabaseError(
            f"cannot use database URL {display_location(url)}: {exc}",
            zh=f"无法使用数据库地址 {display_location(url)}:{exc}",
        ) from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        if read_only:
            event.listen(engine, "begin", _sqlite_begin_read)
            _READ_ONLY.add(engine)
        else:
            if not is_wal:
                event.listen(engine, "connect", _sqlite_wal)
            event.listen(engine, "begin", _sqlite_begin)
        event.listen(engine, "handle_error", partial(_explain_error, path=path))
    return engine


def _refuse_a_strangers_database(path: Path) -> None:
    """Refuse a SQLite database that holds tables but no assoc schema revision before any
    connection changes it (turning on WAL would rewrite its header). Our own databases are
    in WAL mode and never come here; a file whose tables cannot be read is left for the
    command to report."""
    uri = f"file:{quote(str(path), safe='/')}?mode=ro"
    try:
        connection = sqlite3.connect(uri, uri=True)
        try:
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        finally:
            connection.close()
    except sqlite3.Error:
        return
    if tables and "alembic_version" not in tables:
        raise DatabaseError(
            f"{path} is not an assoc database (this database was not made by assoc: it has "
            "tables but no schema revision); check --db / ASSOC_DB",
            zh=f"{path} 不是 assoc 数据库(它有数据表,但没有 assoc 的结构版本,"
            "不是 assoc 建立的);请检查 --db / ASSOC_DB",
        )


def _explain_error(context: ExceptionContext, *, path: Path | None) -> None:
    """SQLAlchemy's ``handle_error``: SQLite's errors about the file itself (damaged, disk
    full, read-only) as one line naming the file of this engine."""
    explained = explain_sqlite_error(context.original_exception, path)
    if explained is not None:
        raise explained from context.original_exception


@overload
def open_database(
    url: str, *, create: bool = ..., write: bool = ..., upgrade: bool = ...
) -> Engine: ...


@overload
def open_database(
    url: str,
    *,
    create: bool = ...,
    write: bool = ...,
    upgrade: bool = ...,
    report_empty: Literal[True],
) -> tuple[Engine, bool]: ...


def open_database(
    url: str,
    *,
    create: bool = False,
    write: bool = True,
    upgrade: bool = True,
    report_empty: bool = False,
) -> Engine | tuple[Engine, bool]:
    """Open the database at *url* (``make_engine``), upgrading its schema on first use. With
    *report_empty*, also say whether it was empty before (so a failed first command can
    undo its setup)."""
    engine = make_engine(url, create=create, write=write)
    was_empty = False
    if upgrade:
        try:
            was_empty = prepare_schema(engine) is None
        except OperationalError as exc:
            engine.dispose()
            if "locked" in str(exc.orig):
                raise DatabaseError(
                    "another assoc kept the database busy for too long; "
                    "nothing was changed — try again",
                    zh="另一个 assoc 占用数据库过久;未作任何改动,请重试",
                ) from exc
            raise DatabaseError(
                f"cannot open the database at {display_location(url)}: {exc.orig}",
                zh=f"无法打开数据库 {display_location(url)}:{exc.orig}",
            ) from exc
        except BaseException:
            engine.dispose()
            raise
    return (engine, was_empty) if report_empty else engine


def prepare_schema(engine: Engine) -> str | None:
    """Upgrade the schema on first use (``migrate.ensure_schema``); a read-only file cannot
    be upgraded, which is said in one line. The revision it had before."""
    return ensure_schema(engine, can_upgrade=engine not in _READ_ONLY)


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

    import assoc_cli.db.audit_hook  # noqa: F401  (records every change made through a session)

    bind = engine if write else _reading(engine)
    with Session(bind) as session, session.begin():
        yield session
        if write and session.in_transaction():  # (not after a dry run's rollback)
            session.flush()
            if before_commit is not None:
                before_commit(session)


@contextmanager
def writing(
    engine: Engine, *, before_commit: Callable[[Writer], None] | None = None
) -> Iterator[Writer]:
    """One writing transaction for one command on a plain connection (no ORM), like a
    writing ``unit_of_work``: the write lock taken as it begins, *before_commit* run last
    inside it, commit at the end, roll back on any error."""
    with engine.connect() as connection, connection.begin():
        writer = Writer(connection)
        yield writer
        if before_commit is not None:
            before_commit(writer)


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
