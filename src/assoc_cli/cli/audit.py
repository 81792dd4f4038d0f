"""``assoc log``: the audit log (操作日志), read-only."""

from __future__ import annotations

from typing import Annotated

import typer

from assoc_cli.cli.common import (
    FormatOption,
    OutputOption,
    date_option,
    emit,
    open_reader,
    usage_error,
)
from assoc_cli.listing import OutputFormat


def register(app: typer.Typer) -> None:
    """Add ``log`` to the root command."""
    app.command("log")(log)


def log(
    ctx: typer.Context,
    member: Annotated[
        str | None, typer.Option("--member", help="Only changes about this member.")
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Only changes on or after this date.")
    ] = None,
    entity: Annotated[
        str | None, typer.Option("--table", help="Only this table, e.g. dues_entry.")
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", help="At most this many entries, newest first.")
    ] = 200,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """Show the audit log (操作日志): who changed what, when, with which command, before and
    after. Nothing in it can be edited through assoc.

    \b
    Example:
      assoc log --member 双涵 --since 2022-11-01
    """
    from assoc_cli.db.audit import audit_listing
    from assoc_cli.members.lookup import find_member

    if limit < 1:
        raise usage_error("must be 1 or more", zh="必须为 1 或更大", hint="'--limit'")
    day = date_option(since, "--since")
    with open_reader(ctx) as (session, lang):
        about = find_member(session, member)["id"] if member else None
        listing = audit_listing(session, member_id=about, since=day, entity=entity, limit=limit)
        emit(listing, fmt, lang, output)
