"""``assoc actions``: the work plan's action items with 三落实 (content, deadline, owner)."""

from __future__ import annotations

from typing import Annotated

import typer

from assoc_cli.cli.common import (
    FormatOption,
    OutputOption,
    date_option,
    echo,
    emit,
    message,
    open_session,
    today,
)
from assoc_cli.cli.completion import complete_meeting
from assoc_cli.i18n import t
from assoc_cli.listing import OutputFormat

app = typer.Typer(
    help=(
        "Action items (督办事项) with 三落实: add, list, done."
        '\n\n\b\nExample:\n  assoc actions add 3 "制定2022年协会工作计划" --owner 郑辉 --due 2022-03-31'
    ),
    no_args_is_help=True,
)


@app.command("add")
def add(
    ctx: typer.Context,
    meeting: Annotated[
        str,
        typer.Argument(
            help="The meeting that decided it (number, date or title part).",
            autocompletion=complete_meeting,
        ),
    ],
    content: Annotated[str, typer.Argument(help="What is to be done (内容).")],
    owner: Annotated[str, typer.Option("--owner", help="Who is responsible (责任人).")],
    due: Annotated[str, typer.Option("--due", help="Deadline (完成时限), e.g. 2022-03-31.")],
) -> None:
    """Record an action item decided at a meeting: content, responsible person, deadline.

    \b
    Example:
      assoc actions add 3 "制定2022年协会工作计划" --owner 郑辉 --due 2022-03-31
    """
    from assoc_cli.actions.service import add_action
    from assoc_cli.meetings.queries import resolve_meeting

    due_on = date_option(due, "--due")
    assert due_on is not None
    with open_session(ctx) as (session, lang):
        target = resolve_meeting(session=session, query=meeting)
        item = add_action(
            session=session, meeting=target, content=content, owner=owner, due_on=due_on
        )
        message(t("msg.action_added", lang, id=item.id, content=item.content))
        echo(item.id)


@app.command("list")
def list_(
    ctx: typer.Context,
    open_only: Annotated[bool, typer.Option("--open", help="Only items not yet done.")] = False,
    overdue: Annotated[
        bool, typer.Option("--overdue", help="Only open items past their deadline.")
    ] = False,
    owner: Annotated[str | None, typer.Option("--owner", help="Only this person's items.")] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Date for --overdue (default today).")
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """List action items by deadline, with the meeting that decided them.

    \b
    Example:
      assoc actions list --overdue
    """
    from assoc_cli.actions.service import actions_listing

    when = date_option(as_of, "--as-of") or today()
    with open_session(ctx, write=False) as (session, lang):
        listing = actions_listing(
            session=session,
            open_only=open_only,
            overdue_on=when if overdue else None,
            owner=owner,
        )
        emit(listing, fmt, lang, output)


@app.command("done")
def done(
    ctx: typer.Context,
    action_id: Annotated[int, typer.Argument(help="Action item number.")],
    note: Annotated[str | None, typer.Option("--note", help="How it was done.")] = None,
    on: Annotated[str | None, typer.Option("--on", help="Date done (default today).")] = None,
) -> None:
    """Mark an action item done (办结).

    \b
    Example:
      assoc actions done 2 --note "工作计划已经理事会审议通过"
    """
    from assoc_cli.actions.service import complete_action, get_action

    when = date_option(on, "--on") or today()
    with open_session(ctx) as (session, lang):
        item = complete_action(
            session=session,
            item=get_action(session=session, action_id=action_id),
            on=when,
            note=note,
        )
        message(t("msg.action_done", lang, id=item.id))
