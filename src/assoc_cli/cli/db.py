"""``assoc db``: explicit control over the database schema."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from assoc_cli.cli.common import database_url, message, resolve_lang, today
from assoc_cli.i18n import t

app = typer.Typer(
    help=(
        "Database (数据库): upgrade, current, copy, backup, restore, check, refresh."
        "\n\n\b\nExample:\n  assoc db backup assoc-backup.db"
    ),
    no_args_is_help=True,
)


@app.command("upgrade")
def upgrade(ctx: typer.Context) -> None:
    """Upgrade the database to the newest schema (every command also does this on first use).

    \b
    Example:
      assoc --db assoc.db db upgrade
    """
    from assoc_cli.db.engine import open_database
    from assoc_cli.db.migrate import upgrade as run_upgrade

    engine = open_database(database_url(ctx), upgrade=False)
    try:
        before, after = run_upgrade(engine)
    finally:
        engine.dispose()
    lang = resolve_lang(ctx)
    if before == after:
        message(t("msg.up_to_date", lang, rev=after))
    else:
        message(t("msg.upgraded", lang, before=before or "(empty)", after=after))


@app.command("current")
def current(ctx: typer.Context) -> None:
    """Print the database's schema revision and whether it is the newest (数据库版本).

    \b
    Example:
      assoc db current
    """
    from assoc_cli.db.engine import make_engine
    from assoc_cli.db.migrate import HEAD_REVISION, current_revision

    engine = make_engine(database_url(ctx), create=False)
    try:
        with engine.connect() as connection:
            revision = current_revision(connection)
    finally:
        engine.dispose()
    state_text = "head" if revision == HEAD_REVISION else f"behind head {HEAD_REVISION}"
    typer.echo(f"{revision or '(empty)'} ({state_text})")


@app.command("copy")
def copy(
    ctx: typer.Context,
    to: Annotated[
        str,
        typer.Option(
            "--to", help="Target: a SQLAlchemy URL (postgresql+psycopg://…) or a file path."
        ),
    ],
    force: Annotated[
        bool, typer.Option("--force", help="Replace an association already in the target.")
    ] = False,
) -> None:
    """Copy the whole association to another database (SQLite ⇄ PostgreSQL), checking every
    table's row count at the end.

    \b
    Example:
      assoc db copy --to postgresql+psycopg://assoc@db.example/assoc
    """
    from assoc_cli.db.engine import open_database
    from assoc_cli.db.location import display_location, resolve_database_url
    from assoc_cli.db.transfer import copy_database
    from assoc_cli.dues.balances import rebuild

    source_url = database_url(ctx)
    target_url = resolve_database_url(to)
    if target_url == source_url:
        raise typer.BadParameter("the target is the database itself", param_hint="'--to'")
    source = open_database(source_url, create=False)
    try:
        target = open_database(target_url)
        try:
            copied = copy_database(source, target, force=force, rebuild=rebuild)
        finally:
            target.dispose()
    finally:
        source.dispose()
    total = sum(copied.values())
    message(
        f"copied {total} rows in {len(copied)} tables to {display_location(target_url)}; counts match"
    )


@app.command("backup")
def backup(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="Where to write the backup.")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
) -> None:
    """Make a consistent backup while the database is in use (备份): a SQLite file via
    SQLite's backup API, or from PostgreSQL a portable bundle that restore reads on either engine.

    \b
    Example:
      assoc db backup 备份/assoc-2022-11-30.db
    """
    from assoc_cli.db.engine import open_database
    from assoc_cli.db.location import sqlite_path
    from assoc_cli.db.transfer import write_bundle

    if file.exists() and not force:
        raise typer.BadParameter(f"{file} exists; add --force to overwrite it", param_hint="'FILE'")
    url = database_url(ctx)
    engine = open_database(url, create=False)
    try:
        source_path = sqlite_path(url)
        if source_path is not None:
            _sqlite_backup(engine, file)
            kind = "SQLite file"
        else:
            write_bundle(engine, file)
            kind = "portable bundle"
    finally:
        engine.dispose()
    message(f"backed up to {file} ({kind})")


def _sqlite_backup(engine: Any, file: Path) -> None:
    """SQLite's online backup API: a consistent copy even while others write."""
    import os
    import sqlite3

    file.parent.mkdir(parents=True, exist_ok=True)
    partial = file.with_name(file.name + ".partial")
    partial.unlink(missing_ok=True)
    raw = engine.raw_connection()
    try:
        target = sqlite3.connect(partial)
        try:
            raw.driver_connection.backup(target)
        finally:
            target.close()
    finally:
        raw.close()
    os.chmod(partial, 0o600)
    partial.replace(file)


@app.command("restore")
def restore(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(help="A backup made by `assoc db backup` (SQLite file or bundle).")
    ],
    force: Annotated[
        bool, typer.Option("--force", help="Replace what the database holds now.")
    ] = False,
) -> None:
    """Restore a backup into the database (恢复); refuses to overwrite an association
    without --force. Either kind of backup restores into SQLite or PostgreSQL.

    \b
    Example:
      assoc --db assoc.db db restore 备份/assoc-2022-11-30.db --force
    """
    from assoc_cli.db.engine import open_database
    from assoc_cli.db.transfer import copy_database, is_bundle, read_bundle
    from assoc_cli.dues.balances import rebuild
    from assoc_cli.errors import DatabaseError

    if not file.is_file():
        raise DatabaseError(f"no backup at {file}")
    with file.open("rb") as handle:
        is_sqlite = handle.read(16) == b"SQLite format 3\x00"
    if not is_sqlite and not is_bundle(file):
        raise DatabaseError(f"{file} is not an assoc backup (neither a SQLite file nor a bundle)")
    target = open_database(database_url(ctx))
    try:
        if is_sqlite:
            source = open_database(f"sqlite:///{file.resolve()}", create=False)
            try:
                restored = copy_database(source, target, force=force, rebuild=rebuild)
            finally:
                source.dispose()
        else:
            restored = read_bundle(file, target, force=force, rebuild=rebuild)
    finally:
        target.dispose()
    message(f"restored {sum(restored.values())} rows from {file}; counts match")


@app.command("check")
def check(ctx: typer.Context) -> None:
    """Check the database in one report (检查): SQLite's integrity check, foreign keys, and
    the dues ledger's own verification. Exits 1 when anything is wrong.

    \b
    Example:
      assoc db check
    """
    from sqlalchemy import text

    from assoc_cli.db.engine import open_database, read_only
    from assoc_cli.dues.policy import dues_policy
    from assoc_cli.dues.verify import verify_ledger
    from assoc_cli.errors import AssocError

    engine = open_database(database_url(ctx), create=False)
    problems: list[str] = []
    try:
        with read_only(engine) as session:
            connection = session.connection()
            if connection.dialect.name == "sqlite":
                integrity = [row[0] for row in connection.execute(text("PRAGMA integrity_check"))]
                typer.echo(f"integrity check: {', '.join(integrity)}")
                if integrity != ["ok"]:
                    problems.extend(integrity)
                broken = list(connection.execute(text("PRAGMA foreign_key_check")))
                typer.echo(f"foreign keys: {'ok' if not broken else f'{len(broken)} broken'}")
                problems.extend(f"foreign key: {tuple(row)}" for row in broken)
            else:
                typer.echo("integrity and foreign keys: enforced by PostgreSQL")
            result = verify_ledger(session, dues_policy(session), today())
            ledger_problems = result.problems or []
            typer.echo(
                f"dues ledger: {'ok' if not ledger_problems else f'{len(ledger_problems)} mismatches'} "
                f"({result.members} members, {result.entries} entries)"
            )
            problems.extend(ledger_problems)
    finally:
        engine.dispose()
    for problem in problems:
        typer.echo(f"  {problem}")
    if problems:
        raise AssocError(f"{len(problems)} problem(s) found")


@app.command("refresh")
def refresh(ctx: typer.Context) -> None:
    """Recompute every member's stored dues balances (余额重算) from the ledger.

    Reports read balances kept ready by every command that changes them. A change that
    touches more than 50,000 members at once (importing a province, a new rate for a large
    federation) leaves them for this command, and reports compute the ledger meanwhile —
    correct, only slower. Run it then, or when `assoc db check` finds a difference.

    \b
    Example:
      assoc db refresh
    """
    import time

    from assoc_cli.db.engine import open_database
    from assoc_cli.db.ledger_notes import note_everyone
    from assoc_cli.db.reader import Reader
    from assoc_cli.dues.balances import refresh as refresh_balances

    engine = open_database(database_url(ctx), create=False)
    started = time.monotonic()
    try:
        with engine.begin() as connection:
            note_everyone(connection)
            count = refresh_balances(Reader(connection), limit=None)
    finally:
        engine.dispose()
    seconds = f"{time.monotonic() - started:.1f}"
    message(t("msg.balances_refreshed", resolve_lang(ctx), count=count, seconds=seconds))
