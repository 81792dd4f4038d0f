"""``assoc terms``: terms of office (届)."""

from __future__ import annotations

from typing import Annotated

import typer

from assoc_cli.cli.common import (
    AsOfOption,
    FormatOption,
    OutputOption,
    date_option,
    emit,
    message,
    open_session,
    today,
)
from assoc_cli.i18n import t, term_label
from assoc_cli.listing import OutputFormat

app = typer.Typer(
    help=(
        "Terms of office (届): add, edit, list.\n\n\b\nExample:\n"
        "  assoc terms add 2 --start 2021-06-18"
    ),
    no_args_is_help=True,
)


@app.command("add")
def add(
    ctx: typer.Context,
    number: Annotated[int, typer.Argument(help="Term number: 2 for 二届.")],
    start: Annotated[str, typer.Option("--start", help="First day of the term, e.g. 2021-06-18.")],
    years: Annotated[int, typer.Option("--years", help="Length in years (usually 5).")] = 5,
    early: Annotated[
        bool,
        typer.Option(
            "--early",
            help="An early election (提前换届): end the previous term the day before --start.",
        ),
    ] = False,
) -> None:
    """Add a term (换届): its number, first day and length in years.

    A term starting before the previous one has ended is refused unless --early.

    \b
    Example:
      assoc terms add 2 --start 2021-06-18 --years 5
    """
    from assoc_cli.i18n.dates import format_date
    from assoc_cli.organisation.terms import add_term

    start_on = date_option(start, "--start")
    assert start_on is not None
    with open_session(ctx) as (session, lang):
        term = add_term(session=session, number=number, start=start_on, years=years, early=early)
        message(
            t(
                "msg.term_added",
                lang,
                label=term_label(term.number, lang),
                start=format_date(term.start_on, lang),
                end=format_date(term.end_on, lang),
            )
        )


@app.command("edit")
def edit(
    ctx: typer.Context,
    number: Annotated[int, typer.Argument(help="Term number: 2 for 二届.")],
    end: Annotated[str, typer.Option("--end", help="The term's new last day, e.g. 2026-12-31.")],
    reason: Annotated[
        str, typer.Option("--reason", help="Why the end moves, e.g. 延期换届 (kept on the term).")
    ],
) -> None:
    """Move a term's last day: extend it when the election (换届) is late.

    \b
    Example:
      assoc terms edit 2 --end 2026-12-31 --reason 延期换届
    """
    from assoc_cli.i18n.dates import format_date
    from assoc_cli.organisation.terms import edit_term

    end_on = date_option(end, "--end")
    assert end_on is not None
    with open_session(ctx) as (session, lang):
        term = edit_term(session=session, number=number, end=end_on, reason=reason)
        message(
            t(
                "msg.term_edited",
                lang,
                label=term_label(term.number, lang),
                end=format_date(term.end_on, lang),
                reason=term.note,
            )
        )


@app.command("list")
def list_(
    ctx: typer.Context,
    as_of: AsOfOption = None,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """List the terms and mark the current one (the one covering today or --as-of).

    \b
    Example:
      assoc terms list --as-of 2022-11-30
    """
    from assoc_cli.organisation.terms import terms_listing

    when = date_option(as_of, "--as-of") or today()
    with open_session(ctx, write=False) as (session, lang):
        listing = terms_listing(session=session, as_of=when, lang=lang)
    emit(listing, fmt, lang, output)
