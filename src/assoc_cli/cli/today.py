"""``assoc today`` (and ``assoc`` alone): what needs attention, each with its command."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from assoc_cli.cli.common import (
    FormatOption,
    OutputOption,
    database_url,
    date_option,
    emit,
    message,
    open_reader,
    resolve_lang,
    today,
)
from assoc_cli.listing import OutputFormat


def register(app: typer.Typer) -> None:
    """Add ``today`` to the root command."""
    app.command("today")(today_page)


def today_page(
    ctx: typer.Context,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of", help="The page as it stood on this day (default: today), e.g. 2026-01-05."
        ),
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """Show what needs attention today (待办事项): dues, notices, meetings, action items,
    换届, backups — each with the command that handles it.

    The current dues year's collection and how many still owe; members sent no notice, or
    no reminder two weeks after it; meetings in the next 14 days and what their papers
    lack; overdue action items; a term ending within six months; no backup in a week.
    `assoc` alone shows the same page; on a new database, the commands that start one.

    \b
    Example:
      assoc today
      assoc today --as-of 2026-01-05 -f json
    """
    show_today(ctx, date_option(as_of, "--as-of"), fmt, output)


def show_today(
    ctx: typer.Context,
    on: date | None,
    fmt: OutputFormat = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """The attention page for *on* (default today); where there is no association yet
    (no database file, or nothing set up in it), the commands that start one."""
    from assoc_cli.db.location import display_location, sqlite_path
    from assoc_cli.i18n import t

    url = database_url(ctx)
    path = sqlite_path(url)
    if path is not None and not path.exists():
        typer.echo(t("today.start", resolve_lang(ctx), location=display_location(url)))
        return
    from sqlalchemy import select

    from assoc_cli.db.core import association_t
    from assoc_cli.i18n.dates import format_date
    from assoc_cli.today.attention import attention_items, attention_listing

    day = on or today()
    with open_reader(ctx) as (session, lang):
        name = session.connection().execute(select(association_t.c.name)).scalar()
        if name is None:
            typer.echo(t("today.start", lang, location=display_location(url)))
            return
        items = attention_items(session, day, lang)
        title = t("today.title", lang, association=name, date=format_date(day, lang))
        if not items and output is None and not fmt.for_machines:
            message(title)
            message(t("today.nothing", lang))
            return
        emit(attention_listing(items, title, lang), fmt, lang, output)
