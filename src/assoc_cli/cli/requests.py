"""``assoc requests``: members' requests (诉求台账) with working-day deadlines, their
figures, the 超期 list and reminders (催办)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

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
    usage_error,
    year_option,
)
from assoc_cli.cli.completion import complete_request
from assoc_cli.i18n import t
from assoc_cli.listing import OutputFormat

app = typer.Typer(
    help=(
        "Members' requests (诉求台账): add, edit, handle, extend, reply, close, refuse, transfer, "
        "follow up, list, show, report, overdue, remind, lists, import."
        '\n\n\b\nExample:\n  assoc requests add 双涵 "招工难，急需焊工20名" --category 用工 '
        "--source 走访 --limit 10"
    ),
    no_args_is_help=True,
)

NumberArgument = Annotated[
    str,
    typer.Argument(help="Request number, e.g. SQ2026-0001.", autocompletion=complete_request),
]
OnOption = Annotated[str | None, typer.Option("--on", help="Date (default today).")]


@app.command("add")
def add(
    ctx: typer.Context,
    member: Annotated[str, typer.Argument(help="The member (number, name or part of it).")],
    description: Annotated[str, typer.Argument(help="What the member asks for (诉求内容).")],
    category: Annotated[str, typer.Option("--category", help="Category (诉求类别), e.g. 用工.")],
    source: Annotated[str, typer.Option("--source", help="How it came (来源), e.g. 走访.")],
    received: Annotated[
        str | None, typer.Option("--received", help="Date received (default today).")
    ] = None,
    contact: Annotated[str | None, typer.Option("--contact", help="Contact person.")] = None,
    tag: Annotated[list[str] | None, typer.Option("--tag", help="A free tag (一类事).")] = None,
    handler: Annotated[str | None, typer.Option("--handler", help="Staff handling it.")] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", help="Time limit in working days (办理时限).")
    ] = None,
    due: Annotated[
        str | None, typer.Option("--due", help="Due date by hand, instead of --limit.")
    ] = None,
) -> None:
    """Take in a member's request (受理); prints its number. The due date is --limit
    working days after receipt on the official calendar (调休 make-up days count).

    \b
    Example:
      assoc requests add 双涵 "招工难，急需焊工20名" --category 用工 --source 走访 --limit 10
    """
    from assoc_cli.members.service import resolve_member
    from assoc_cli.services.requests import NewRequest, add_request

    received_on = date_option(received, "--received") or today()
    due_on = date_option(due, "--due")
    with open_session(ctx) as (session, lang):
        request = add_request(
            session=session,
            new=NewRequest(
                member=resolve_member(session=session, query=member),
                received_on=received_on,
                source=source,
                category=category,
                description=description,
                contact=contact,
                tags=tuple(tag or ()),
                handler=handler,
                time_limit=limit,
                due_on=due_on,
            ),
        )
        message(t("msg.sq_added", lang, number=request.number, due=request.due_on or "—"))
        echo(request.number)


@app.command("edit")
def edit(
    ctx: typer.Context,
    number: NumberArgument,
    category: Annotated[str | None, typer.Option("--category", help="Category.")] = None,
    source: Annotated[str | None, typer.Option("--source", help="Source.")] = None,
    description: Annotated[
        str | None, typer.Option("--description", help="What the member asks for.")
    ] = None,
    contact: Annotated[str | None, typer.Option("--contact", help="Contact person.")] = None,
    tag: Annotated[
        list[str] | None, typer.Option("--tag", help="Replace the tags (repeat).")
    ] = None,
) -> None:
    """Correct a request as taken in: category, source, description, contact, tags.

    \b
    Example:
      assoc requests edit SQ2026-0001 --category 人才引进 --tag 焊工
    """
    from assoc_cli.services.requests import edit_request, get_request

    with open_session(ctx) as (session, lang):
        request = get_request(session=session, number=number)
        changed = edit_request(
            session=session,
            request=request,
            category=category,
            source=source,
            description=description,
            contact=contact,
            tags=tuple(tag) if tag is not None else None,
        )
        key = "msg.sq_edited" if changed else "msg.sq_unchanged"
        message(t(key, lang, number=request.number, fields=", ".join(changed)))


def _change(ctx: typer.Context, number: str, step: Callable[..., Any], **values: Any) -> None:
    """Move request *number* a step on (handle, reply, close, refuse, transfer, follow
    up) with *step* and its *values* (``on``: the date as typed, default today), then say
    its new status."""
    from assoc_cli.services.requests import get_request

    if "on" in values:
        values["on"] = date_option(values["on"], "--on") or today()
    with open_session(ctx) as (session, lang):
        request = step(
            session=session, request=get_request(session=session, number=number), **values
        )
        message(t("msg.sq_status", lang, number=request.number, status=request.status))


@app.command("handle")
def handle(
    ctx: typer.Context,
    number: NumberArgument,
    handler: Annotated[str | None, typer.Option("--handler", help="Staff handling it.")] = None,
    lead: Annotated[
        str | None, typer.Option("--lead", help="Outside body leading it (主办).")
    ] = None,
    assist: Annotated[
        list[str] | None, typer.Option("--assist", help="Outside body assisting (协办).")
    ] = None,
) -> None:
    """Start handling a request (办理中): the handler and the bodies it was passed to.

    \b
    Example:
      assoc requests handle SQ2026-0001 --handler 李娜 --lead 市人社局 --assist 区人社局
    """
    from assoc_cli.services.requests import handle_request

    _change(
        ctx, number, handle_request, handler=handler, lead_body=lead, assisting=tuple(assist or ())
    )


@app.command("extend")
def extend(
    ctx: typer.Context,
    number: NumberArgument,
    to: Annotated[str, typer.Option("--to", help="The new due date.")],
    reason: Annotated[str, typer.Option("--reason", help="Why (延期理由).")],
    on: OnOption = None,
) -> None:
    """Extend a request's deadline (延期) with a reason. Granted after the deadline passed,
    the request still counts as late in the figures.

    \b
    Example:
      assoc requests extend SQ2026-0001 --to 2026-03-31 --reason "需市级部门会商"
    """
    from assoc_cli.services.requests import extend_request, get_request

    new_due = date_option(to, "--to")
    assert new_due is not None
    when = date_option(on, "--on") or today()
    with open_session(ctx) as (session, lang):
        request = extend_request(
            session=session,
            request=get_request(session=session, number=number),
            to=new_due,
            reason=reason,
            on=when,
        )
        message(t("msg.sq_extended", lang, number=request.number, due=request.due_on))


@app.command("reply")
def reply(
    ctx: typer.Context,
    number: NumberArgument,
    result: Annotated[str, typer.Option("--result", help="The answer given (办理结果).")],
    on: OnOption = None,
) -> None:
    """Record the answer given to the member (已答复).

    \b
    Example:
      assoc requests reply SQ2026-0001 --result "已对接人社局专场招聘会"
    """
    from assoc_cli.services.requests import reply_request

    _change(ctx, number, reply_request, result=result, on=on)


@app.command("close")
def close(
    ctx: typer.Context,
    number: NumberArgument,
    result: Annotated[
        str | None, typer.Option("--result", help="The result (needed unless answered).")
    ] = None,
    on: OnOption = None,
) -> None:
    """Close a request (已办结) with its result.

    \b
    Example:
      assoc requests close SQ2026-0001 --result "招到焊工18名" --on 2026-03-10
    """
    from assoc_cli.services.requests import close_request

    _change(ctx, number, close_request, result=result, on=on)


@app.command("refuse")
def refuse(
    ctx: typer.Context,
    number: NumberArgument,
    reason: Annotated[str, typer.Option("--reason", help="Why it is not taken up.")],
    on: OnOption = None,
) -> None:
    """Do not take a request up (不予受理), with the reason told to the member.

    \b
    Example:
      assoc requests refuse SQ2026-0002 --reason "属企业内部经营事项"
    """
    from assoc_cli.services.requests import refuse_request

    _change(ctx, number, refuse_request, reason=reason, on=on)


@app.command("transfer")
def transfer(
    ctx: typer.Context,
    number: NumberArgument,
    to: Annotated[str, typer.Option("--to", help="The body that takes it over.")],
    on: OnOption = None,
) -> None:
    """Pass a request on for good (已转办) to the body that will handle it.

    \b
    Example:
      assoc requests transfer SQ2026-0003 --to 市市场监管局
    """
    from assoc_cli.services.requests import transfer_request

    _change(ctx, number, transfer_request, body=to, on=on)


@app.command("followup")
def followup(
    ctx: typer.Context,
    number: NumberArgument,
    answer: Annotated[str, typer.Argument(help="满意, 基本满意 or 不满意 (不满意 reopens it).")],
    on: OnOption = None,
) -> None:
    """Record the follow-up (回访) of a closed request; 不满意 reopens it (重办).

    \b
    Example:
      assoc requests followup SQ2026-0001 满意
    """
    from assoc_cli.services.requests import follow_up_request

    _change(ctx, number, follow_up_request, answer=answer, on=on)


@app.command("list")
def list_(
    ctx: typer.Context,
    year: Annotated[int | None, typer.Option("--year", help="Received in this year.")] = None,
    status: Annotated[str | None, typer.Option("--status", help="Only this status.")] = None,
    open_only: Annotated[bool, typer.Option("--open", help="Only those not closed.")] = False,
    category: Annotated[str | None, typer.Option("--category", help="Only this category.")] = None,
    handler: Annotated[str | None, typer.Option("--handler", help="Only this handler's.")] = None,
    member: Annotated[str | None, typer.Option("--member", help="Only this member's.")] = None,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """List requests by number.

    \b
    Example:
      assoc requests list --year 2026 --open
    """
    from assoc_cli.members.service import resolve_member
    from assoc_cli.services.queries import requests_listing

    year_option(year, "--year")
    with open_session(ctx, write=False) as (session, lang):
        member_id = resolve_member(session=session, query=member).id if member else None
        listing = requests_listing(
            session,
            year=year,
            status=status,
            category=category,
            handler=handler,
            member_id=member_id,
            open_only=open_only,
        )
        emit(listing, fmt, lang, output)


@app.command("show")
def show(
    ctx: typer.Context,
    number: NumberArgument,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """Show every field of one request.

    \b
    Example:
      assoc requests show SQ2026-0001
    """
    from assoc_cli.services.queries import request_record
    from assoc_cli.services.requests import get_request

    with open_session(ctx, write=False) as (session, lang):
        request = get_request(session=session, number=number)
        assert request.id is not None
        emit(request_record(session, request_id=request.id), fmt, lang, output)


@app.command("report")
def report(
    ctx: typer.Context,
    year: Annotated[int | None, typer.Option("--year", help="Year (default this year).")] = None,
    by: Annotated[
        str | None, typer.Option("--by", help="category, source, month or handler.")
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Date overdue is judged on (default today).")
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """The year's request figures: counts, 办结率, 按期办结率, 回访率 and 满意率 (in total or
    per category, source, month or handler), and the sentence for the work report.

    \b
    Example:
      assoc requests report --year 2026 --by category
    """
    from assoc_cli.services.reports import GROUPINGS, requests_report
    from assoc_cli.services.settings import satisfaction

    if by is not None and by not in GROUPINGS:
        raise usage_error(
            f"--by is one of {', '.join(GROUPINGS)}, not {by!r}",
            zh=f"--by 只能是 {'、'.join(GROUPINGS)} 之一，不能是“{by}”",
        )
    when = date_option(as_of, "--as-of") or today()
    the_year = year_option(year, "--year") or when.year
    with open_session(ctx, write=False) as (session, lang):
        result = requests_report(
            session,
            year=the_year,
            as_of=when,
            definition=satisfaction(session),
            by=by,
            lang=lang,
        )
        emit(result, fmt, lang, output)


@app.command("overdue")
def overdue(
    ctx: typer.Context,
    year: Annotated[int | None, typer.Option("--year", help="Only this year's.")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Date (default today).")] = None,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """The 超期 list: requests open past their deadline or closed after it (an extension
    granted late does not take them off).

    \b
    Example:
      assoc requests overdue --year 2026
    """
    from assoc_cli.services.reports import overdue_listing

    when = date_option(as_of, "--as-of") or today()
    with open_session(ctx, write=False) as (session, lang):
        emit(
            overdue_listing(session, year=year_option(year, "--year"), as_of=when),
            fmt,
            lang,
            output,
        )


@app.command("remind")
def remind(
    ctx: typer.Context,
    within: Annotated[int, typer.Option("--within", help="Due within this many working days.")] = 3,
    handler: Annotated[str | None, typer.Option("--handler", help="Only this handler's.")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Date (default today).")] = None,
    docx: Annotated[
        Path | None, typer.Option("--docx", help="Write the 催办 notice (.docx) here.")
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """Requests due within N working days or overdue (催办), with the notice for the
    handler as a .docx.

    \b
    Example:
      assoc requests remind --within 3 --handler 李娜 --docx 催办通知.docx
    """
    from assoc_cli.listing import Listing
    from assoc_cli.services.queries import REMINDER_COLUMNS, due_requests

    when = date_option(as_of, "--as-of") or today()
    if docx is not None and docx.suffix.lower() != ".docx":
        raise usage_error(
            f"--docx names a .docx file, not {docx.name}",
            zh=f"--docx 须为 .docx 文件，不能是 {docx.name}",
        )
    with open_session(ctx, write=False) as (session, lang):
        rows = due_requests(session, within=within, as_of=when, handler=handler)
        if docx is not None:
            from assoc_cli.files.papers import save
            from assoc_cli.services.papers import association_name, reminder_notice

            document = reminder_notice(
                rows,
                handler=handler,
                as_of=when,
                lang=lang,
                association=association_name(session),
            )
            save(document, docx, "docx")
            message(t("msg.sq_notice_written", lang, path=docx, count=len(rows)))
        emit(Listing(REMINDER_COLUMNS, rows), fmt, lang, output)


@app.command("lists")
def lists(
    ctx: typer.Context,
    which: Annotated[str, typer.Argument(help="category, source or kind.")],
    add: Annotated[str | None, typer.Option("--add", help="Add this value to the list.")] = None,
) -> None:
    """Show a data list (诉求类别, 诉求来源, 服务类型), or add a value to it.

    \b
    Example:
      assoc requests lists category --add 水电气
    """
    from assoc_cli.services.choices import DEFAULTS, add_choice, choices

    if which not in DEFAULTS:
        raise usage_error(
            f"the lists are category, source and kind, not {which!r}",
            zh=f"数据列表只能是 category、source 或 kind，不能是“{which}”",
        )
    with open_session(ctx, write=add is not None) as (session, lang):
        if add is not None:
            choice = add_choice(session, which, add)
            message(t("msg.sq_list_added", lang, name=choice.name))
        for name in choices(session, which):
            echo(name)


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The 诉求台账 as .xlsx or .csv.")],
) -> None:
    """Import an existing 诉求台账 (.xlsx/.csv): every line checked, all or nothing.

    Columns (Chinese or English headers): 受理日期, 会员, 来源, 类别, 诉求内容; optional
    联系人, 标签, 承办人, 办理时限, 办理期限, 办理结果, 办结日期, 回访结果.

    \b
    Example:
      assoc requests import 诉求台账2025.xlsx
    """
    from assoc_cli.services.importing import import_ledger

    with open_session(ctx) as (session, lang):
        count = import_ledger(session=session, path=file, which="requests")
        message(t("msg.sv_imported", lang, count=count, path=file.name))
