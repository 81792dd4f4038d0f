"""``assoc db``: explicit control over the database schema."""

from __future__ import annotations

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
