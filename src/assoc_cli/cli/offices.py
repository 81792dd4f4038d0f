"""``assoc offices``: who holds which office (职务) in a term, and the list of offices."""

from __future__ import annotations

from typing import Annotated

import typer

from assoc_cli.cli.common import (
    FormatOption,
    OutputOption,
    TermOption,
    emit,
    message,
    open_session,
    today,
)
from assoc_cli.cli.completion import complete_member, complete_office, complete_tier
from assoc_cli.i18n import t, term_label
from assoc_cli.listing import OutputFormat

app = typer.Typer(
    help=(
        "Offices (职务) per term: assign, remove, list, define."
        "\n\n\b\nExample:\n  assoc offices assign 双涵 副会长 --person 周立正"
    ),
    no_args_is_help=True,
)

MemberArgument = Annotated[
    str,
    typer.Argument(
        help="Member number, name, short name or a unique part of the name.",
        autocompletion=complete_member,
    ),
]


@app.command("assign")
def assign(
    ctx: typer.Context,
    member: MemberArgument,
    office: Annotated[
        str,
        typer.Argument(
            help="Office: 会长, 执行会长, 副会长, 理事…", autocompletion=complete_office
        ),
    ],
    person: Annotated[
        str | None,
        typer.Option("--person", help="Who holds it for the unit (default: its representative)."),
    ] = None,
    term: TermOption = None,
) -> None:
    """Give a member unit an office in a term (任职); its dues tier follows the highest office.

    \b
    Example:
      assoc offices assign 双涵 副会长 --person 周立正 --term 2
    """
    from assoc_cli.members.service import resolve_member
    from assoc_cli.organisation.offices import assign_office, find_office
    from assoc_cli.organisation.terms import get_term

    with open_session(ctx) as (session, lang):
        target = resolve_member(session=session, query=member)
        the_office = find_office(session=session, name=office)
        the_term = get_term(session=session, number=term, as_of=today())
        holding = assign_office(
            session=session, member=target, office=the_office, term=the_term, person=person
        )
        message(
            t(
                "msg.office_assigned",
                lang,
                member=target.name,
                office=the_office.name,
                person=holding.person or "—",
                term=term_label(the_term.number, lang),
            )
        )


@app.command("remove")
def remove(
    ctx: typer.Context,
    member: MemberArgument,
    office: Annotated[
        str, typer.Argument(help="The office to take away.", autocompletion=complete_office)
    ],
    term: TermOption = None,
) -> None:
    """Correct a mistaken assignment: take an office away from a member in a term.

    \b
    Example:
      assoc offices remove 双涵 理事 --term 2
    """
    from assoc_cli.members.service import resolve_member
    from assoc_cli.organisation.offices import find_office, remove_office
    from assoc_cli.organisation.terms import get_term

    with open_session(ctx) as (session, lang):
        target = resolve_member(session=session, query=member)
        the_office = find_office(session=session, name=office)
        the_term = get_term(session=session, number=term, as_of=today())
        remove_office(session=session, member=target, office=the_office, term=the_term)
        message(
            t(
                "msg.office_removed",
                lang,
                member=target.name,
                office=the_office.name,
                term=term_label(the_term.number, lang),
            )
        )


@app.command("list")
def list_(
    ctx: typer.Context,
    term: TermOption = None,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """List who holds which office in a term, by office then surname strokes (按姓氏笔画).

    \b
    Example:
      assoc offices list --term 2
    """
    from assoc_cli.organisation.offices import holders_listing

    with open_session(ctx, write=False) as (session, lang):
        listing = holders_listing(session=session, term=term, as_of=today())
    emit(listing, fmt, lang, output)


@app.command("kinds")
def kinds(
    ctx: typer.Context, fmt: FormatOption = OutputFormat.table, output: OutputOption = None
) -> None:
    """List the offices this association uses, highest first, with the dues tier each gives.

    \b
    Example:
      assoc offices kinds
    """
    from assoc_cli.organisation.offices import offices_listing

    with open_session(ctx, write=False) as (session, lang):
        listing = offices_listing(session=session)
    emit(listing, fmt, lang, output)


@app.command("define")
def define(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Office name, e.g. 常务副会长.")],
    rank: Annotated[
        int | None,
        typer.Option("--rank", help="Order in official lists (会长 10 … 监事 80); new offices."),
    ] = None,
    tier: Annotated[
        str | None,
        typer.Option(
            "--tier",
            help="Dues tier a unit holding it gets, e.g. 副会长单位.",
            autocompletion=complete_tier,
        ),
    ] = None,
    max_holders: Annotated[
        int | None,
        typer.Option(
            "--max",
            help="How many units may hold it in one term (会长 and 监事长: 1); 0 for no limit.",
        ),
    ] = None,
) -> None:
    """Add an office to the list, or change its rank, tier or how many may hold it.

    \b
    Example:
      assoc offices define 常务副会长 --rank 25 --tier 副会长单位
      assoc offices define 会长 --max 2    (rotating presidents, 轮值会长)
    """
    from assoc_cli.organisation.offices import define_office

    with open_session(ctx) as (session, lang):
        office = define_office(
            session=session, name=name, rank=rank, tier_name=tier, max_holders=max_holders
        )
        message(t("msg.office_defined", lang, name=office.name))
