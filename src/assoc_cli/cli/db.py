"""``assoc db``: explicit control over the database schema."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from assoc_cli.cli.common import (
    database_url,
    message,
    progress_bar,
    resolve_lang,
    state,
    today,
    usage_error,
)
from assoc_cli.i18n import t

if TYPE_CHECKING:
    from assoc_cli.db.roles import StaffRole

app = typer.Typer(
    help=(
        "Database (数据库): upgrade, current, copy, backup, restore, check, refresh, roles."
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
    from assoc_cli.db.maintenance import upgrade_schema

    before, after = upgrade_schema(database_url(ctx))
    lang = resolve_lang(ctx)
    if before == after:
        message(t("msg.up_to_date", lang, rev=after))
    else:
        message(t("msg.upgraded", lang, before=before or t("rev.empty", lang), after=after))


@app.command("current")
def current(ctx: typer.Context) -> None:
    """Print the database's schema revision and whether it is the newest (数据库版本).

    \b
    Example:
      assoc db current
    """
    from assoc_cli.db.maintenance import revision_state

    typer.echo(revision_state(database_url(ctx), resolve_lang(ctx)))


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
    from assoc_cli.db.location import display_location, resolve_database_url
    from assoc_cli.db.maintenance import copy_association
    from assoc_cli.dues.balances import rebuild

    source_url = database_url(ctx)
    target_url = resolve_database_url(to)
    if target_url == source_url:
        raise usage_error(
            "the target is the database itself", zh="目标就是数据库本身", hint="'--to'"
        )
    copied = copy_association(source_url, target_url, force=force, rebuild=rebuild)
    total = sum(copied.values())
    message(
        t(
            "msg.copied",
            resolve_lang(ctx),
            total=total,
            tables=len(copied),
            target=display_location(target_url),
        )
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
    from assoc_cli.db.maintenance import backup_database

    if file.is_dir():  # (`.`, `..` or a folder: no file name to write, even with --force)
        raise usage_error(
            f"{file} is a folder; name the backup file, e.g. {file / 'assoc-backup.db'}",
            zh=f"{file} 是文件夹;请写出备份文件名,例如 {file / 'assoc-backup.db'}",
            hint="'FILE'",
        )
    if file.exists() and not force:
        raise usage_error(
            f"{file} exists; add --force to overwrite it",
            zh=f"{file} 已存在;如要覆盖,请加 --force",
            hint="'FILE'",
        )
    kind = backup_database(database_url(ctx), file)
    # When it was made, for `assoc today` (not possible on a read-only database: skipped).
    from datetime import UTC, datetime

    from assoc_cli.db.audit import Actor, current_actor
    from assoc_cli.db.maintenance import record_backup

    current_actor.set(Actor(state(ctx).operator, "db backup"))
    record_backup(database_url(ctx), datetime.now(UTC))
    lang = resolve_lang(ctx)
    message(t("msg.backed_up", lang, file=file, kind=t(f"backup.{kind}", lang)))


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
    from assoc_cli.db.maintenance import restore_database
    from assoc_cli.dues.balances import rebuild

    restored = restore_database(database_url(ctx), file, force=force, rebuild=rebuild)
    message(t("msg.restored", resolve_lang(ctx), rows=sum(restored.values()), file=file))


@app.command("check")
def check(ctx: typer.Context) -> None:
    """Check the database in one report (检查): SQLite's integrity check, foreign keys, and
    the dues ledger's own verification. Exits 1 when anything is wrong.

    \b
    Example:
      assoc db check
    """
    from assoc_cli.db.engine import open_database, prepare_schema, read_only
    from assoc_cli.db.location import display_location
    from assoc_cli.db.maintenance import check_file
    from assoc_cli.dues.verify import verify_dues
    from assoc_cli.errors import AssocError, DatabaseError

    url = database_url(ctx)
    lang = resolve_lang(ctx)
    # SQLite's own check comes first: a damaged file is reported, not upgraded or read.
    engine = open_database(url, write=False, upgrade=False)
    stopped = None
    try:
        found = check_file(engine, lang)
        for line in found.lines:
            typer.echo(line)
        problems = list(found.problems)
        if not found.damaged:
            prepare_schema(engine)
            label = t("progress.verify", lang)
            with read_only(engine) as session, progress_bar(label) as tick:
                result = verify_dues(session, as_of=today(), progress=tick)
            ledger_problems = result.problems or []
            state = (
                t("check.mismatches", lang, count=len(ledger_problems))
                if ledger_problems
                else t("check.ok", lang)
            )
            typer.echo(
                t(
                    "check.ledger",
                    lang,
                    state=state,
                    members=result.members,
                    entries=result.entries,
                )
            )
            problems.extend(ledger_problems)
            stopped = result.failure() if result.interrupted_at is not None else None
    finally:
        engine.dispose()
    for problem in problems:
        typer.echo(f"  {problem}")
    if not found.damaged and stopped is not None:
        raise stopped
    if found.damaged:
        raise DatabaseError(
            f"the database file {display_location(url)} is damaged (SQLite's integrity check, "
            "above); restore it from a backup (`assoc db restore BACKUP`)",
            zh=f"数据库文件 {display_location(url)} 已损坏(见上方 SQLite 完整性检查);请从备份恢复(assoc db restore 备份文件)",
        )
    if problems:
        raise AssocError(f"{len(problems)} problem(s) found", zh=f"发现 {len(problems)} 个问题")


@app.command("refresh")
def refresh(ctx: typer.Context) -> None:
    """Recompute every member's stored dues balances (余额重算) from the ledger.

    Reports read balances kept ready by every command that changes them. A change that
    touches more than 50,000 members at once (importing a province, a new rate for a large
    federation) leaves them for this command, and reports compute the ledger meanwhile —
    correct, only slower. Run it then, or when `assoc db check` finds a difference.
    It works through the members 5,000 at a time, each batch its own short transaction,
    so the secretariat can go on recording payments meanwhile (with a progress bar on a
    terminal).

    \b
    Example:
      assoc db refresh
    """
    import time

    from assoc_cli.db.engine import open_database
    from assoc_cli.dues.balances import refresh_in_chunks

    lang = resolve_lang(ctx)
    started = time.monotonic()
    engine = open_database(database_url(ctx))
    try:
        with progress_bar(t("progress.refresh", lang)) as tick:
            count = refresh_in_chunks(engine, progress=tick)
    finally:
        engine.dispose()
    seconds = f"{time.monotonic() - started:.1f}"
    message(t("msg.balances_refreshed", lang, count=count, seconds=seconds))


@app.command("roles")
def roles(
    ctx: typer.Context,
    prefix: Annotated[
        str | None,
        typer.Option(
            "--prefix",
            metavar="PREFIX",
            help="Start of the role names, one per association on the server (default: the one "
            "the database was set up with, else assoc).",
        ),
    ] = None,
    grant: Annotated[
        tuple[str, str] | None,
        typer.Option(
            "--grant",
            metavar="ROLE USER",
            help="Also make the login USER a member of ROLE: reader, cashier, secretary or admin.",
        ),
    ] = None,
    sql: Annotated[
        bool, typer.Option("--sql", help="Print the SQL instead of running it (for a DBA).")
    ] = False,
) -> None:
    """Set up least privilege on a shared PostgreSQL server (数据库角色): four roles —
    reader (reports), cashier (records dues), secretary (roster, meetings, rates) and admin
    (owns the tables: upgrade, restore, copy; alone may change the audit log) — with the
    grants each needs. Run it as the database's owner (or a superuser); running it again
    changes nothing. Staff log in as themselves and are added to one role with --grant.

    \b
    Example:
      assoc db roles --grant cashier zhang
    """
    from assoc_cli.db.maintenance import database_roles
    from assoc_cli.db.roles import role_names
    from assoc_cli.errors import InvalidValueError

    if prefix is not None:
        try:
            role_names(prefix)
        except InvalidValueError as exc:
            raise usage_error(exc, hint="'--prefix'") from None
    lines = database_roles(
        database_url(ctx), prefix=prefix, grant=_staff_grant(grant), sql_only=sql
    )
    for line in lines:
        if sql:
            typer.echo(line)
        else:
            message(line)


def _staff_grant(grant: tuple[str, str] | None) -> tuple[StaffRole, str] | None:
    """--grant ROLE USER, its role checked (a usage error names the four)."""
    if grant is None:
        return None
    from assoc_cli.db.roles import StaffRole

    role, user = grant
    try:
        return StaffRole(role.lower()), user
    except ValueError:
        choices = ", ".join(r.value for r in StaffRole)
        raise usage_error(
            f'"{role}" is not a role: {choices}', zh=f"“{role}”不是角色:{choices}", hint="'--grant'"
        ) from None
