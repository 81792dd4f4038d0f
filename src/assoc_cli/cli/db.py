"""``assoc db``: explicit control over the database schema."""

from __future__ import annotations

from typing import Annotated

import typer

from assoc_cli.cli.common import database_url, resolve_lang
from assoc_cli.i18n import t
from assoc_cli.output import message

app = typer.Typer(
    help="Database schema: upgrade, current revision (数据库).\n\n\b\nExample:\n  assoc db current",
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

    source_url = database_url(ctx)
    target_url = resolve_database_url(to)
    if target_url == source_url:
        raise typer.BadParameter("the target is the database itself", param_hint="'--to'")
    source = open_database(source_url, create=False)
    try:
        target = open_database(target_url)
        try:
            copied = copy_database(source, target, force=force)
        finally:
            target.dispose()
    finally:
        source.dispose()
    total = sum(copied.values())
    message(
        f"copied {total} rows in {len(copied)} tables to {display_location(target_url)}; counts match"
    )
