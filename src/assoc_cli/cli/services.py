"""``assoc services``: services and visits to members (服务台账/走访台账), visit coverage,
members not contacted, the settings of the services' figures, and the year-end work
summary (年度工作总结)."""

from __future__ import annotations

from pathlib import Path
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
    usage_error,
    year_option,
)
from assoc_cli.i18n import t
from assoc_cli.listing import OutputFormat

app = typer.Typer(
    help=(
        "Services and visits to members (服务台账/走访台账): add, outcome, list, report, "
        "coverage, uncontacted, settings, summary, import."
        "\n\n\b\nExample:\n  assoc services add --kind 走访 --staff 李娜 --member 双涵 "
        '--summary "走访了解用工需求" --signed'
    ),
    no_args_is_help=True,
)

YearOption = Annotated[int | None, typer.Option("--year", help="Year (default this year).")]


@app.command("add")
def add(
    ctx: typer.Context,
    kind: Annotated[
        str, typer.Option("--kind", help="Kind (服务类型), e.g. 走访, 培训, 申报辅导.")
    ],
    staff: Annotated[str, typer.Option("--staff", help="Who did it (服务人员).")],
    member: Annotated[list[str], typer.Option("--member", help="A member served (repeat).")],
    summary: Annotated[str, typer.Option("--summary", help="What was done (服务内容).")],
    on: Annotated[str | None, typer.Option("--on", help="Date (default today).")] = None,
    title: Annotated[
        str | None, typer.Option("--title", help="A name, e.g. 2026年省专精特新申报.")
    ] = None,
    outcome: Annotated[str | None, typer.Option("--outcome", help="Outcome (服务成效).")] = None,
    saved: Annotated[
        str | None, typer.Option("--saved", help="Money saved for members, in yuan (为企业节约).")
    ] = None,
    applied: Annotated[int | None, typer.Option("--applied", help="Firms applying.")] = None,
    succeeded: Annotated[int | None, typer.Option("--succeeded", help="Firms succeeding.")] = None,
    signed: Annotated[
        bool, typer.Option("--signed", help="The member signed the visit record (走访记录签字).")
    ] = False,
) -> None:
    """Record a service or visit for one or more members; prints its number.

    \b
    Example:
      assoc services add --kind 走访 --staff 李娜 --member 双涵 --summary "走访了解用工需求" --signed
    """
    from assoc_cli.i18n.money import parse_amount
    from assoc_cli.members.service import resolve_member
    from assoc_cli.services.visits import NewService, add_service

    held_on = date_option(on, "--on") or today()
    with open_session(ctx) as (session, lang):
        service = add_service(
            session=session,
            new=NewService(
                held_on=held_on,
                kind=kind,
                staff=staff,
                members=tuple(resolve_member(session=session, query=m) for m in member),
                summary=summary,
                title=title,
                outcome=outcome,
                saved=parse_amount(saved) if saved else None,
                applied=applied,
                succeeded=succeeded,
                signed=signed,
            ),
        )
        message(t("msg.sv_added", lang, id=service.id, kind=service.kind))
        echo(service.id)


@app.command("outcome")
def outcome(
    ctx: typer.Context,
    service_id: Annotated[int, typer.Argument(help="Service number.")],
    member: Annotated[str, typer.Argument(help="The member.")],
    result: Annotated[str, typer.Argument(help="辅导中, 已申报, 已推荐, 成功 or 未成功.")],
) -> None:
    """Record one firm's stage or outcome in an application (荣誉/资金/平台申报).

    \b
    Example:
      assoc services outcome 12 双涵 成功
    """
    from assoc_cli.members.service import resolve_member
    from assoc_cli.services.visits import get_service, set_member_outcome

    with open_session(ctx) as (session, lang):
        target = resolve_member(session=session, query=member)
        set_member_outcome(
            session=session,
            service=get_service(session=session, service_id=service_id),
            member=target,
            outcome=result,
        )
        message(t("msg.sv_outcome", lang, id=service_id, name=target.name, outcome=result))


@app.command("list")
def list_(
    ctx: typer.Context,
    year: Annotated[int | None, typer.Option("--year", help="Only this year's.")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="Only this kind.")] = None,
    member: Annotated[str | None, typer.Option("--member", help="Only this member's.")] = None,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """List services by date, with their members and outcomes.

    \b
    Example:
      assoc services list --year 2026 --kind 走访
    """
    from assoc_cli.members.service import resolve_member
    from assoc_cli.services.visits import services_listing

    with open_session(ctx, write=False) as (session, lang):
        member_id = resolve_member(session=session, query=member).id if member else None
        listing = services_listing(
            session, year=year_option(year, "--year"), kind=kind, member_id=member_id
        )
        emit(listing, fmt, lang, output)


@app.command("report")
def report(
    ctx: typer.Context,
    year: YearOption = None,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """Services by kind (with firms served, applying, succeeding, money saved) and by month.

    \b
    Example:
      assoc services report --year 2026
    """
    from assoc_cli.services.visits import services_report

    the_year = year_option(year, "--year") or today().year
    with open_session(ctx, write=False) as (session, lang):
        emit(services_report(session, year=the_year, lang=lang), fmt, lang, output)


@app.command("coverage")
def coverage(
    ctx: typer.Context,
    year: YearOption = None,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """Visit coverage (走访覆盖率) per dues tier against the targets, and the members of
    those tiers not yet visited this year.

    \b
    Example:
      assoc services coverage --year 2026
    """
    from assoc_cli.services.settings import targets
    from assoc_cli.services.visits import coverage as coverage_report

    the_year = year_option(year, "--year") or today().year
    as_of = min(today(), today().replace(year=the_year, month=12, day=31))
    with open_session(ctx, write=False) as (session, lang):
        result = coverage_report(
            session, year=the_year, as_of=as_of, targets=targets(session), lang=lang
        )
        emit(result, fmt, lang, output)


@app.command("uncontacted")
def uncontacted(
    ctx: typer.Context,
    year: YearOption = None,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """Members with no service and no request this year: the ones to call.

    \b
    Example:
      assoc services uncontacted
    """
    from assoc_cli.services.visits import not_contacted

    the_year = year_option(year, "--year") or today().year
    as_of = min(today(), today().replace(year=the_year, month=12, day=31))
    with open_session(ctx, write=False) as (session, lang):
        emit(not_contacted(session, year=the_year, as_of=as_of), fmt, lang, output)


@app.command("settings")
def settings(
    ctx: typer.Context,
    satisfied: Annotated[
        str | None,
        typer.Option("--satisfied", help="满意率 counts: strict (满意) or broad (+基本满意)."),
    ] = None,
    target: Annotated[
        list[str] | None,
        typer.Option("--target", help="Visit coverage target, e.g. 理事单位=30 (percent)."),
    ] = None,
) -> None:
    """Show or change the services' settings: what 满意率 counts, the visit targets.

    \b
    Example:
      assoc services settings --satisfied broad --target 理事单位=30 --target 会员单位=20
    """
    from assoc_cli.services.settings import satisfaction, set_satisfaction, set_target, targets

    with open_session(ctx, write=bool(satisfied or target)) as (session, lang):
        if satisfied is not None:
            set_satisfaction(session, satisfied)
        for text in target or ():
            set_target(session, text)
        echo(
            t("sv.setting_satisfied", lang, value=t(f"sq.definition_{satisfaction(session)}", lang))
        )
        for tier, value in targets(session).items():
            echo(t("sv.setting_target", lang, tier=tier, value=format(value.normalize(), "f")))


@app.command("summary")
def summary(
    ctx: typer.Context,
    year: YearOption = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write to FILE.md or FILE.docx.")
    ] = None,
) -> None:
    """Draft the year-end work summary (年度工作总结) from the record: one paragraph per
    kind of work ("一是……二是……") with counts and named examples, then the requests, dues
    collection and meetings held. A draft for a person to edit; the .docx says so.

    \b
    Example:
      assoc services summary --year 2026 -o 2026年度工作总结.docx
    """
    from assoc_cli.files.papers import render_text, save
    from assoc_cli.services.summary import work_summary

    the_year = year_option(year, "--year") or today().year
    if output is not None and output.suffix.lower() not in (".md", ".docx"):
        raise usage_error(
            f"the summary is written as .md or .docx, not {output.name}",
            zh=f"工作总结只能写成 .md 或 .docx 文件，不能是 {output.name}",
        )
    with open_session(ctx, write=False) as (session, lang):
        document = work_summary(session, year=the_year, as_of=today(), lang=lang)
    if output is None:
        echo(render_text(document, "md"), nl=False)
        return
    save(document, output, output.suffix.lower().lstrip("."))
    message(t("msg.sv_summary_written", lang, path=output))


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The 服务台账/走访台账 as .xlsx or .csv.")],
) -> None:
    """Import an existing 服务台账 or 走访台账 (.xlsx/.csv): every line checked, all or nothing.

    Columns (Chinese or English headers): 日期, 服务类型, 服务人员, 服务对象 (several joined
    by 、), 服务内容; optional 名称, 服务成效, 节约资金, 走访记录签字 (是/否).

    \b
    Example:
      assoc services import 走访台账2025.xlsx
    """
    from assoc_cli.services.importing import import_ledger

    with open_session(ctx) as (session, lang):
        count = import_ledger(session=session, path=file, which="visits")
        message(t("msg.sv_imported", lang, count=count, path=file.name))
