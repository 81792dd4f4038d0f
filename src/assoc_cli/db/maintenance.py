"""The database as a whole (``assoc db``): its schema revision and upgrade, a copy to
another database, backups and their restore, SQLite's own integrity checks, and the
recomputation of what is derived from the ledger.

Each function opens the database at a URL and closes it again. What the dues feature
derives (the stored balances) is rebuilt by the function the caller passes in: the
kernel calls no feature.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import Engine
from sqlalchemy.exc import ProgrammingError

from assoc_cli.db.engine import make_engine, open_database
from assoc_cli.db.location import sqlite_path
from assoc_cli.db.migrate import (
    HEAD_REVISION,
    INSUFFICIENT_PRIVILEGE,
    current_revision,
    known_revisions,
    upgrade,
)
from assoc_cli.db.opening import SQLITE_HEADER
from assoc_cli.db.roles import (
    DEFAULT_PREFIX,
    StaffRole,
    inspect_server,
    installed_prefix,
    require_postgresql,
    role_names,
    setup_roles,
    setup_script,
)
from assoc_cli.db.transfer import Rebuild, copy_database, is_bundle, read_bundle, write_bundle
from assoc_cli.errors import DatabaseError

# How many of SQLite's integrity-check findings `assoc db check` prints.
INTEGRITY_LINES = 20


def upgrade_schema(url: str) -> tuple[str | None, str]:
    """Upgrade the database at *url* to the newest schema; the revisions before and after."""
    engine = open_database(url, upgrade=False)
    try:
        return upgrade(engine)
    finally:
        engine.dispose()


def database_roles(
    url: str,
    *,
    prefix: str | None = None,
    grant: tuple[StaffRole, str] | None = None,
    sql_only: bool = False,
) -> list[str]:
    """Set up the staff roles of the PostgreSQL database at *url* (``db/roles.py``), and
    make login *grant[1]* a member of role *grant[0]*; what was done, one line each. With
    *sql_only*, change nothing and return the SQL instead, for a DBA to read or run. The
    prefix defaults to the one the database was set up with, else ``assoc``."""
    require_postgresql(url)
    engine = open_database(url, create=False, upgrade=not sql_only)
    try:
        with engine.begin() as connection:
            if sql_only and current_revision(connection) != HEAD_REVISION:
                raise DatabaseError(
                    "the database is not at the newest schema; run `assoc db upgrade` first",
                    zh="数据库不是最新结构;请先运行 assoc db upgrade",
                )
            names = role_names(prefix or installed_prefix(connection) or DEFAULT_PREFIX)
            if sql_only:
                script = setup_script(names, inspect_server(connection, names), grant)
                return [f"{statement};" for statement in script]
            return setup_roles(connection, names, grant)
    except ProgrammingError as exc:
        if getattr(exc.orig, "sqlstate", None) != INSUFFICIENT_PRIVILEGE:
            raise
        reason = str(exc.orig).strip().splitlines()[0]
        raise DatabaseError(
            f"the roles cannot be set up by this database user ({reason}); run it as the "
            "database's owner with the CREATEROLE attribute, or as a superuser — or print the "
            "SQL for one with --sql",
            zh=f"当前数据库用户无权设置角色({reason});请以数据库所有者(具有 "
            "CREATEROLE 属性)或超级用户身份运行,"
            "或用 --sql 打印 SQL 交给管理员执行",
        ) from exc
    finally:
        engine.dispose()


def revision_state(url: str, lang: str = "en") -> str:
    """The schema revision of the database at *url* and whether it is the newest:
    "0012abcd (head)", "0011 (behind head 0012abcd)", "0099 (newer than this assoc, …)",
    "(empty) (…)"."""
    engine = make_engine(url, write=False)
    try:
        with engine.execution_options(assoc_read_only=True).connect() as connection:
            revision = current_revision(connection)
    finally:
        engine.dispose()
    from assoc_cli.i18n import t

    shown = revision or t("rev.empty", lang)
    if revision == HEAD_REVISION:
        return t("rev.head", lang, rev=shown)
    if revision is not None and revision not in known_revisions():
        return t("rev.newer", lang, rev=shown, head=HEAD_REVISION)
    return t("rev.behind", lang, rev=shown, head=HEAD_REVISION)


def copy_association(
    source_url: str, target_url: str, *, force: bool, rebuild: Rebuild
) -> dict[str, int]:
    """Copy everything at *source_url* to *target_url* (see ``transfer.copy_database``);
    the rows copied per table."""
    source = open_database(source_url, write=False)
    try:
        target = open_database(target_url, create=True)
        try:
            return copy_database(source, target, force=force, rebuild=rebuild)
        finally:
            target.dispose()
    finally:
        source.dispose()


def backup_database(url: str, file: Path) -> str:
    """A consistent backup of the database at *url* in *file*, while it is in use: a
    SQLite file through SQLite's backup API, or from PostgreSQL a portable bundle. Says
    which kind it wrote: "sqlite" (a SQLite file) or "bundle" (a portable bundle)."""
    engine = open_database(url, write=False)
    try:
        from assoc_cli.files.atomic import disk_full, written_path

        with written_path(file) as partial:
            if sqlite_path(url) is not None:
                try:
                    _sqlite_backup(engine, partial)
                except sqlite3.OperationalError as exc:
                    if "full" in str(exc):
                        raise disk_full(file) from exc
                    raise
                return "sqlite"
            write_bundle(engine, partial)
            return "bundle"
    finally:
        engine.dispose()


def _sqlite_backup(engine: Engine, file: Path) -> None:
    """SQLite's online backup API: a consistent copy even while others write (into the
    temporary file that ``files.atomic.written_path`` moves into place when complete)."""
    raw = engine.raw_connection()
    try:
        target = sqlite3.connect(file)
        try:
            raw.driver_connection.backup(target)  # type: ignore[union-attr]
        finally:
            target.close()
    finally:
        raw.close()


def restore_database(url: str, file: Path, *, force: bool, rebuild: Rebuild) -> dict[str, int]:
    """Restore a backup made by ``backup_database`` (either kind) into the database at
    *url*; refuses to replace an association there without *force*. The rows restored
    per table."""
    if not file.is_file():
        raise DatabaseError(f"no backup at {file}", zh=f"{file} 处没有备份")
    with file.open("rb") as handle:
        is_sqlite = handle.read(16) == SQLITE_HEADER
    if not is_sqlite and not is_bundle(file):
        raise DatabaseError(
            f"{file} is not an assoc backup (neither a SQLite file nor a bundle)",
            zh=f"{file} 不是 assoc 备份(既不是 SQLite 文件,也不是备份包)",
        )
    target = open_database(url, create=True)
    try:
        if not is_sqlite:
            return read_bundle(file, target, force=force, rebuild=rebuild)
        source = open_database(f"sqlite:///{file.resolve()}", write=False)
        try:
            return copy_database(source, target, force=force, rebuild=rebuild)
        finally:
            source.dispose()
    finally:
        target.dispose()


class FileCheck(NamedTuple):
    """What SQLite's own checks found: the lines that report them, each problem, and
    whether the file itself is damaged (then nothing else in it can be trusted)."""

    lines: list[str]
    problems: list[str]
    damaged: bool


def check_file(engine: Engine, lang: str = "en") -> FileCheck:
    """SQLite's integrity check, run before anything reads the tables (its first
    ``INTEGRITY_LINES`` findings), then on a sound file the foreign-key check. PostgreSQL
    enforces both itself. Lines and problems are said in *lang*."""
    from assoc_cli.i18n import t

    if engine.dialect.name != "sqlite":
        return FileCheck([t("check.postgres", lang)], [], False)
    # The driver's own connection: SQLite's errors here are findings, not failures.
    raw = engine.raw_connection()
    try:
        connection: sqlite3.Connection = raw.driver_connection  # type: ignore[assignment]
        found = _integrity_findings(connection)
        broken = connection.execute("PRAGMA foreign_key_check").fetchall() if found == [] else []
    finally:
        raw.close()
    if found:
        more = len(found) > INTEGRITY_LINES
        shown = found[:INTEGRITY_LINES]
        findings = t(
            "check.finding" if len(shown) == 1 else "check.findings", lang, count=len(shown)
        )
        and_more = t("check.and_more", lang) if more else ""
        lines = [t("check.damaged", lang, findings=findings, more=and_more)]
        problems = [t("check.integrity_finding", lang, finding=finding) for finding in shown]
        if more:
            problems.append(t("check.more_not_shown", lang))
        return FileCheck(lines, problems, True)
    state = t("check.ok", lang) if not broken else t("check.broken", lang, count=len(broken))
    lines = [t("check.integrity_ok", lang), t("check.foreign_keys", lang, state=state)]
    return FileCheck(lines, [t("check.foreign_key", lang, row=tuple(row)) for row in broken], False)


def _integrity_findings(connection: sqlite3.Connection) -> list[str]:
    """What ``PRAGMA integrity_check`` finds, one line each (none for a sound file). Some
    damage stops the check itself ("database disk image is malformed"); then each table
    is checked on its own, so the report still names the damaged ones."""
    try:
        return _lines(connection.execute(f"PRAGMA integrity_check({INTEGRITY_LINES + 1})"))
    except sqlite3.DatabaseError as exc:
        stopped = f"the check stopped: {exc}"
    try:
        tables = [
            str(row[0])
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
    except sqlite3.DatabaseError as exc:
        return [stopped, f"the list of tables cannot be read: {exc}"]
    findings: list[str] = []
    for table in tables:
        quoted = '"' + table.replace('"', '""') + '"'
        try:
            found = _lines(connection.execute(f"PRAGMA integrity_check({quoted})"))
        except sqlite3.DatabaseError as exc:
            found = [str(exc)]
        findings.extend(f"table {table}: {finding}" for finding in found)
    return findings or [stopped]


def _lines(rows: sqlite3.Cursor) -> list[str]:
    """The findings in integrity_check's rows ("ok" alone means none); a row may hold
    several lines, and the "*** in database main ***" heading is not one."""
    found = [
        line.strip()
        for row in rows
        for line in str(row[0]).splitlines()
        if line.strip() and not line.startswith("***")
    ]
    return [] if found == ["ok"] else found


def record_backup(url: str, at: datetime) -> bool:
    """Note in the database at *url* that it was backed up at *at* (a setting, in the audit
    log). False when it cannot be written — a read-only file, a role without the grant, a
    writer holding the lock — and then nothing is noted: the backup itself stands."""
    from assoc_cli.db.engine import unit_of_work
    from assoc_cli.db.models import Setting
    from assoc_cli.db.values import LAST_BACKUP

    try:
        engine = open_database(url, write=True)
    except Exception:
        return False
    try:
        with unit_of_work(engine) as session:
            row = session.get(Setting, LAST_BACKUP)
            stamp = at.astimezone(UTC).isoformat(timespec="seconds")
            if row is None:
                session.add(Setting(key=LAST_BACKUP, value=stamp))
            else:
                row.value = stamp
        return True
    except Exception:
        return False
    finally:
        engine.dispose()
