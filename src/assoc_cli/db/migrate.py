"""Migrate-on-first-use.

Opening a database reads its ``alembic_version`` with one cheap query; only when it is
behind ``HEAD_REVISION`` is Alembic imported and run, so everyday commands never pay for
Alembic's import. A test proves ``HEAD_REVISION`` is Alembic's head.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import ProgrammingError

from assoc_cli.errors import DatabaseError

# The newest revision in migrations/versions; bump it with every new revision.
HEAD_REVISION = "0016"
# PostgreSQL's SQLSTATE for "permission denied" / "must be owner".
INSUFFICIENT_PRIVILEGE = "42501"


def migrations_dir() -> Path:
    """Alembic's script folder: inside the installed wheel, or at the repo top."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "migrations", here.parent.parent / "migrations"):
        if (candidate / "env.py").exists():
            return candidate
    raise DatabaseError(
        "the migrations folder is missing from this installation; reinstall assoc",
        zh="本次安装缺少数据库迁移文件夹;请重新安装 assoc",
    )


def current_revision(connection: Connection) -> str | None:
    """The schema revision recorded in the database, or None for an empty database."""
    if not inspect(connection).has_table("alembic_version"):
        if inspect(connection).get_table_names():
            raise DatabaseError(
                "not an assoc database (this database was not made by assoc: it has tables "
                "but no schema revision); check --db / ASSOC_DB",
                zh="不是 assoc 数据库(它有数据表,但没有 assoc 的结构版本,"
                "不是 assoc 建立的);请检查 --db / ASSOC_DB",
            )
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _alembic_config(connection: Connection) -> object:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.attributes["connection"] = connection
    return config


def known_revisions() -> set[str]:
    """Every revision id this installation's migrations know."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(migrations_dir()))
    return {rev.revision for rev in script.walk_revisions()}


def _refuse_newer(revision: str | None) -> None:
    if revision is not None and revision != HEAD_REVISION and revision not in known_revisions():
        raise DatabaseError(
            f"the database is at schema revision {revision}, newer than this assoc knows; "
            "upgrade assoc (pip install -U assoc-cli)",
            zh=f"数据库的结构版本为 {revision},比本 assoc 认识的更新;"
            "请升级 assoc(pip install -U assoc-cli)",
        )


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Upgrade the database to head; returns (revision before, revision after).

    On a PostgreSQL database set up with staff roles (``db/roles.py``) the migrations run
    as its admin role, so the tables they make belong to it, and the roles' grants are
    applied again afterwards, so a new table is read and written by the right roles."""
    from alembic import command

    with engine.begin() as connection:
        before = current_revision(connection)
        _refuse_newer(before)
        if before != HEAD_REVISION:
            prefix = None
            if before is not None and connection.dialect.name == "postgresql":
                from assoc_cli.db.roles import act_as_admin

                prefix = act_as_admin(connection)
            command.upgrade(_alembic_config(connection), "head")  # type: ignore[arg-type]
            if prefix is not None:
                from assoc_cli.db.roles import reapply_table_grants

                reapply_table_grants(connection, prefix)
    return before, HEAD_REVISION


def ensure_schema(engine: Engine, *, can_upgrade: bool = True) -> str | None:
    """Bring the database to the current schema when it is not there already; returns the
    revision it had before (None for an empty database). When it cannot be written
    (*can_upgrade* False), a database that is not current is refused in one line."""
    # Only a read: it must not queue behind another writer when nothing needs upgrading.
    with engine.execution_options(assoc_read_only=True).connect() as connection:
        revision = current_revision(connection)
    if revision != HEAD_REVISION and not can_upgrade:
        _refuse_newer(revision)
        raise DatabaseError(
            f"the database is at schema revision {revision or '(empty)'} and this assoc needs "
            f"{HEAD_REVISION}, but it is read-only here, so it cannot be upgraded; run `assoc "
            "db upgrade` where it can be written (or use the assoc that made it)",
            zh=f"数据库的结构版本为 {revision or '(空)'},本 assoc 需要 {HEAD_REVISION},"
            "但这里只读,无法升级;请在可写的地方运行 assoc db upgrade(或使用建立它的那个 assoc)",
        )
    if revision != HEAD_REVISION:
        try:
            upgrade(engine)
        except ProgrammingError as exc:
            if getattr(exc.orig, "sqlstate", None) != INSUFFICIENT_PRIVILEGE:
                raise
            state = f"is at schema revision {revision}" if revision else "is empty"
            raise DatabaseError(
                f"the database {state} and needs upgrading to {HEAD_REVISION}, which your "
                "database user may not do; ask the administrator to run `assoc db upgrade`",
                zh=f"数据库{f'的结构版本为 {revision}' if revision else '为空'},"
                f"需要升级到 {HEAD_REVISION},而当前数据库用户无权升级;"
                "请管理员运行 assoc db upgrade",
            ) from exc
    return revision
