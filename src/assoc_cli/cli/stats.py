"""``assoc stats``: industry statistics — indicators, plans, members' reports, forms,
overdue list, totals with 同口径 growth, 规上, the chain's sentence."""

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
    open_reader,
    open_session,
    today,
    year_option,
)
from assoc_cli.i18n import t
from assoc_cli.listing import OutputFormat

app = typer.Typer(
    help=(
        "Industry statistics (行业统计): indicators, plans, reports, forms, overdue, totals, 规上."
        "\n\n\b\nExample:\n  assoc stats enter 通力 2022-11 产值=9000/96520 税收=230/2600"
    ),
    no_args_is_help=True,
)
indicators_app = typer.Typer(
    help=(
        "Indicators (统计指标): 产值, 营业收入, 利润总额, 税收, 从业人员平均人数, 研发投入 and "
        "your own (博士, 硕士, 职称…).\n\n\b\nExample:\n  assoc stats indicators add 博士 --unit 名 "
        "--kind level"
    ),
    no_args_is_help=True,
)
plans_app = typer.Typer(
    help=(
        "Reporting plans (报表制度): monthly, quarterly or yearly, due on a day of the next "
        "month.\n\n\b\nExample:\n  assoc stats plans add 季报 --frequency quarterly --due-day 15"
    ),
    no_args_is_help=True,
)
scale_app = typer.Typer(
    help=(
        "规上 (above designated size) per year: derived from revenue or set by hand."
        "\n\n\b\nExample:\n  assoc stats scale derive 2022"
    ),
    no_args_is_help=True,
)
app.add_typer(indicators_app, name="indicators")
app.add_typer(plans_app, name="plans")
app.add_typer(scale_app, name="scale")

MemberArgument = Annotated[
    str, typer.Argument(help="Member number, name, short name or a unique part of the name.")
]
PeriodArgument = Annotated[
    str, typer.Argument(help="Period: 2022-11 (month), 2022-Q3 (quarter) or 2022 (year).")
]


@indicators_app.command("list")
def indicators_list(
    ctx: typer.Context, fmt: FormatOption = OutputFormat.table, output: OutputOption = None
) -> None:
    """List the indicators with their unit and kind.

    \b
    Example:
      assoc stats indicators list
    """
    from assoc_cli.listing import Column, Listing
    from assoc_cli.statistics.catalogue import indicators

    with open_reader(ctx) as (session, lang):
        rows = [{"name": i.name, "unit": i.unit, "kind": i.kind} for i in indicators(session)]
        columns = [
            Column("name", header="col.stat_indicator"),
            Column("unit", header="col.stat_unit"),
            Column("kind", header="col.stat_kind", kind="enum", enum_prefix="stats.kind_"),
        ]
        emit(Listing(columns, rows), fmt, lang, output)


@indicators_app.command("add")
def indicators_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The indicator's name, e.g. 博士.")],
    unit: Annotated[str, typer.Option("--unit", help="万元, 人, 名 or 项.")] = "万元",
    kind: Annotated[
        str, typer.Option("--kind", help="flow (sums over the year) or level (a state).")
    ] = "flow",
) -> None:
    """Add an indicator (people counts by kind are indicators too).

    \b
    Example:
      assoc stats indicators add 博士 --unit 名 --kind level
    """
    from assoc_cli.statistics.catalogue import add_indicator

    with open_session(ctx) as (session, lang):
        item = add_indicator(session=session, name=name, unit=unit, kind=kind)
        message(t("msg.stats_indicator_added", lang, name=item.name))


@plans_app.command("list")
def plans_list(
    ctx: typer.Context, fmt: FormatOption = OutputFormat.table, output: OutputOption = None
) -> None:
    """List the reporting plans.

    \b
    Example:
      assoc stats plans list
    """
    from assoc_cli.listing import Column, Listing
    from assoc_cli.statistics.catalogue import plans

    with open_reader(ctx) as (session, lang):
        rows = [
            {
                "name": p.name,
                "frequency": p.frequency,
                "jan_feb": p.jan_feb_together,
                "due_day": p.due_day,
            }
            for p in plans(session)
        ]
        columns = [
            Column("name", header="col.stat_plan"),
            Column(
                "frequency", header="col.stat_frequency", kind="enum", enum_prefix="stats.freq_"
            ),
            Column("jan_feb", header="col.stat_jan_feb", kind="bool"),
            Column("due_day", header="col.stat_due_day", kind="int"),
        ]
        emit(Listing(columns, rows), fmt, lang, output)


@plans_app.command("add")
def plans_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The plan's name, e.g. 季报.")],
    frequency: Annotated[
        str, typer.Option("--frequency", help="monthly, quarterly or yearly.")
    ] = "monthly",
    jan_feb: Annotated[
        bool, typer.Option("--jan-feb-together", help="January reported with February.")
    ] = False,
    due_day: Annotated[int, typer.Option("--due-day", help="Day of the next month.")] = 15,
) -> None:
    """Add a reporting plan.

    \b
    Example:
      assoc stats plans add 季报 --frequency quarterly --due-day 15
    """
    from assoc_cli.statistics.catalogue import add_plan

    with open_session(ctx) as (session, lang):
        plan = add_plan(
            session=session,
            name=name,
            frequency=frequency,
            jan_feb_together=jan_feb,
            due_day=due_day,
        )
        message(t("msg.stats_plan_added", lang, name=plan.name))


@app.command("settings")
def settings(
    ctx: typer.Context,
    scale_threshold: Annotated[
        str | None, typer.Option("--scale-threshold", help="规上 revenue threshold in 万元.")
    ] = None,
    min_group: Annotated[
        int | None, typer.Option("--min-group", help="Fewest firms a published group may have.")
    ] = None,
) -> None:
    """Set the 规上 threshold (default 2000 万元) and the smallest published group (3).

    \b
    Example:
      assoc stats settings --scale-threshold 2000 --min-group 3
    """
    from assoc_cli.statistics.catalogue import set_statistics_settings

    with open_session(ctx) as (session, lang):
        set_statistics_settings(session, scale_threshold=scale_threshold, min_group=min_group)
        message(t("msg.stats_settings", lang))


@app.command("enrol")
def enrol(
    ctx: typer.Context,
    member: MemberArgument,
    plan: Annotated[
        str | None, typer.Option("--plan", help="Plan name (default: the first).")
    ] = None,
) -> None:
    """Have a member report under a plan (报送单位).

    \b
    Example:
      assoc stats enrol 通力 --plan 月报
    """
    from assoc_cli.members.service import resolve_member
    from assoc_cli.statistics.collection import enrol as enrol_member

    with open_session(ctx) as (session, lang):
        target = resolve_member(session=session, query=member)
        chosen = enrol_member(session=session, member=target, plan_name=plan)
        message(t("msg.stats_enrolled", lang, member=target.number, plan=chosen.name))


@app.command("contacts")
def contacts(
    ctx: typer.Context,
    member: MemberArgument,
    people: Annotated[list[str], typer.Argument(help="One or two contacts as NAME or NAME:PHONE.")],
) -> None:
    """Name a member's one or two statistics contacts (统计联络员 / 信息员).

    \b
    Example:
      assoc stats contacts 通力 李娜:13800000000 王磊
    """
    from assoc_cli.members.service import resolve_member
    from assoc_cli.statistics.collection import set_contacts

    pairs = [(p.partition(":")[0], p.partition(":")[2] or None) for p in people]
    with open_session(ctx) as (session, lang):
        target = resolve_member(session=session, query=member)
        set_contacts(session=session, member=target, contacts=pairs)
        message(t("msg.stats_contacts", lang, member=target.number))


@app.command("enter")
def enter(
    ctx: typer.Context,
    member: MemberArgument,
    period: PeriodArgument,
    figures: Annotated[
        list[str],
        typer.Argument(help="NAME=本期[/本年累计], 万元 or persons, e.g. 产值=9000/96520."),
    ],
    on: Annotated[str | None, typer.Option("--on", help="Date reported (default today).")] = None,
) -> None:
    """Enter a member's report for a period: 本期 and 本年累计 per indicator, as reported.

    \b
    Example:
      assoc stats enter 通力 2022-11 产值=9000/96520 税收=230/2600 从业人员平均人数=150
    """
    from assoc_cli.members.service import resolve_member
    from assoc_cli.statistics.collection import enter_report

    when = date_option(on, "--on") or today()
    with open_session(ctx) as (session, lang):
        target = resolve_member(session=session, query=member)
        chosen, count = enter_report(
            session=session,
            member=target,
            period_text=period,
            assignments=figures,
            reported_on=when,
        )
        message(
            t(
                "msg.stats_entered",
                lang,
                member=target.number,
                period=chosen.label(lang),
                count=count,
            )
        )


@app.command("withdraw")
def withdraw(ctx: typer.Context, member: MemberArgument, period: PeriodArgument) -> None:
    """Remove a member's report for a period (entered in error).

    \b
    Example:
      assoc stats withdraw 通力 2022-11
    """
    from assoc_cli.members.service import resolve_member
    from assoc_cli.statistics.catalogue import find_plan, parse_period
    from assoc_cli.statistics.collection import clear_report, plan_of

    with open_session(ctx) as (session, lang):
        target = resolve_member(session=session, query=member)
        assert target.id is not None
        plan = plan_of(session, target.id) or find_plan(session, None)
        chosen = parse_period(period, plan)
        clear_report(session=session, member=target, period=chosen)
        message(t("msg.stats_withdrawn", lang, member=target.number, period=chosen.label(lang)))


@app.command("forms")
def forms(
    ctx: typer.Context,
    period: PeriodArgument,
    to: Annotated[Path, typer.Option("--to", help="Folder for the .xlsx forms.")],
    members: Annotated[
        list[str] | None, typer.Argument(help="Only these members (default: every reporter).")
    ] = None,
) -> None:
    """Write a blank .xlsx form per reporting member: name, period, indicators, last
    year's same-period figures filled in.

    \b
    Example:
      assoc stats forms 2022-11 --to 报表/
    """
    from assoc_cli.members.service import resolve_member
    from assoc_cli.statistics.forms import write_forms

    if not to.is_dir():
        from assoc_cli.cli.common import usage_error

        raise usage_error(f"{to} is not a folder", zh=f"{to} 不是文件夹", hint="'--to'")
    with open_session(ctx, write=False) as (session, lang):
        ids = None
        if members:
            ids = [int(resolve_member(session=session, query=m).id or 0) for m in members]
        written = write_forms(session, period_text=period, folder=to, members=ids, lang=lang)
        message(t("msg.stats_forms", lang, count=len(written)))


@app.command("import")
def import_(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help="Returned forms (.xlsx or .csv).")],
    on: Annotated[str | None, typer.Option("--on", help="Date reported (default today).")] = None,
) -> None:
    """Import returned forms, one file per member or one sheet for all; all or nothing.

    \b
    Example:
      assoc stats import 报表/*.xlsx
    """
    from assoc_cli.statistics.forms import import_forms

    when = date_option(on, "--on") or today()
    with open_session(ctx) as (session, lang):
        members, count = import_forms(session=session, paths=files, reported_on=when)
        message(t("msg.stats_imported", lang, members=members, count=count))


@app.command("overdue")
def overdue(
    ctx: typer.Context,
    period: PeriodArgument,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Date (default today).")] = None,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """List reporters that have not reported a period past its due day, with their 信息员.

    \b
    Example:
      assoc stats overdue 2022-11 --as-of 2022-12-20
    """
    from assoc_cli.statistics.catalogue import parse_period
    from assoc_cli.statistics.collection import overdue_listing

    when = date_option(as_of, "--as-of") or today()
    chosen = parse_period(period)
    with open_reader(ctx) as (session, lang):
        listing = overdue_listing(
            session, year=chosen.year, end_month=chosen.end_month, as_of=when, lang=lang
        )
        emit(listing, fmt, lang, output)


@app.command("remind")
def remind(
    ctx: typer.Context,
    period: PeriodArgument,
    to: Annotated[Path, typer.Option("--to", help="The notices: .docx, .md or .txt.")],
    as_of: Annotated[str | None, typer.Option("--as-of", help="Date (default today).")] = None,
) -> None:
    """Write a reminder notice (催报通知) to each overdue member's 信息员, one per page.

    \b
    Example:
      assoc stats remind 2022-11 --to 催报通知.docx --as-of 2022-12-20
    """
    from assoc_cli.statistics.catalogue import parse_period
    from assoc_cli.statistics.notices import write_reminders

    when = date_option(as_of, "--as-of") or today()
    chosen = parse_period(period)
    with open_reader(ctx) as (session, lang):
        count = write_reminders(
            session, year=chosen.year, end_month=chosen.end_month, as_of=when, path=to, lang=lang
        )
        message(t("msg.written", lang, file=to))
        echo(count)


@app.command("report")
def report(
    ctx: typer.Context,
    period: PeriodArgument,
    by: Annotated[
        str, typer.Option("--by", help="none, segment, scale (规上/规下) or tier (会费档次).")
    ] = "none",
    segment: Annotated[str | None, typer.Option("--segment", help="Only this segment.")] = None,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """Totals for a period: 本月, 本年累计, 上年同期, 同比 and 同口径 growth with coverage.

    \b
    Example:
      assoc stats report 2022-11 --by segment -o 2022年11月.xlsx
    """
    from assoc_cli.statistics.aggregation import period_report
    from assoc_cli.statistics.catalogue import parse_period

    chosen = parse_period(period)
    with open_reader(ctx) as (session, lang):
        emit(
            period_report(session, period=chosen, by=by, segment=segment, lang=lang),
            fmt,
            lang,
            output,
        )


@app.command("sentence")
def sentence(
    ctx: typer.Context,
    period: PeriodArgument,
    segment: Annotated[str | None, typer.Option("--segment", help="The chain (segment).")] = None,
    name: Annotated[
        str | None,
        typer.Option("--name", help="Name in the sentence (default: the segment or association)."),
    ] = None,
) -> None:
    """The chain's sentence (seed 004) from the data: 规上 firms, last year's 产值 and 税收,
    the year to date with 同口径 growth and coverage, employees, party members, organisations.

    \b
    Example:
      assoc stats sentence 2022-11 --segment 医药化工产链 --name 常德经开区医药化工产链
    """
    from assoc_cli.members.choices import RosterStatus
    from assoc_cli.members.roster import RosterSelection, roster_filter, roster_stats
    from assoc_cli.statistics.aggregation import chain_facts, chain_sentence
    from assoc_cli.statistics.catalogue import parse_period

    chosen = parse_period(period)
    with open_reader(ctx) as (session, lang):
        filters = roster_filter(
            session, RosterSelection(status=RosterStatus.active, segment=segment), today()
        )
        totals = roster_stats(session, filters, "segment")[-1]
        if name is None and segment is None:
            from sqlalchemy import select

            from assoc_cli.db.core import association_t

            query = select(association_t.c.name).limit(1)
            name = str(session.connection().execute(query).scalar() or "")
        facts = chain_facts(
            session,
            name=name or segment or "",
            segment=segment,
            year=chosen.year,
            end_month=chosen.end_month,
            roster_figures=(totals["employees"], totals["party_members"], totals["party_orgs"]),
        )
        for line in chain_sentence(facts, lang):
            echo(line)


@scale_app.command("derive")
def scale_derive(
    ctx: typer.Context,
    year: Annotated[int, typer.Argument(help="The year 规上 is for.")],
    basis: Annotated[
        int | None, typer.Option("--basis", help="Revenue of this year (default: the year before).")
    ] = None,
) -> None:
    """Derive 规上 for a year from each member's annual revenue against the threshold
    (a flag set by hand is kept).

    \b
    Example:
      assoc stats scale derive 2022
    """
    from assoc_cli.statistics.aggregation import derive_scale

    year_option(year, "YEAR")
    with open_session(ctx) as (session, lang):
        above, below = derive_scale(session=session, year=year, basis_year=basis)
        message(t("msg.stats_scale", lang, year=year, above=above, below=below))


@scale_app.command("set")
def scale_set(
    ctx: typer.Context,
    member: MemberArgument,
    year: Annotated[int, typer.Argument(help="The year.")],
    above: Annotated[bool, typer.Option("--above/--below", help="规上 or not.")] = True,
) -> None:
    """Set a member's 规上 flag for a year by hand.

    \b
    Example:
      assoc stats scale set 通力 2022 --above
    """
    from assoc_cli.members.service import resolve_member
    from assoc_cli.statistics.aggregation import set_scale

    year_option(year, "YEAR")
    with open_session(ctx) as (session, lang):
        target = resolve_member(session=session, query=member)
        assert target.id is not None
        set_scale(session=session, member_id=target.id, year=year, above=above)
        message(t("msg.stats_scale_set", lang, member=target.number, year=year))


@scale_app.command("list")
def scale_list(
    ctx: typer.Context,
    year: Annotated[int, typer.Argument(help="The year.")],
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """List each member's 规上 flag for a year and how it was set.

    \b
    Example:
      assoc stats scale list 2022
    """
    from assoc_cli.statistics.aggregation import scale_listing

    with open_reader(ctx) as (session, lang):
        emit(scale_listing(session, year=year), fmt, lang, output)
