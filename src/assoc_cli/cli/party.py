"""``assoc party``: the party register — organisations and the units they cover, counts,
党建结对, the chain's 1+1+N+X groups, 三会一课 held against required."""

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
    open_reader,
    open_session,
    today,
    year_option,
)
from assoc_cli.i18n import t
from assoc_cli.listing import OutputFormat

app = typer.Typer(
    help=(
        "Party register (党建): organisations, units covered, counts, pairings, 1+1+N+X, 三会一课."
        "\n\n\b\nExample:\n  assoc party add 第一联合党支部 --kind 联合党支部 --unit 通力 --unit 双涵"
    ),
    no_args_is_help=True,
)

OrgArgument = Annotated[str, typer.Argument(help="The organisation's name (or number).")]


@app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The organisation's name.")],
    kind: Annotated[
        str, typer.Option("--kind", help="党委, 党总支, 党支部, 联合党支部 or 功能型党支部.")
    ],
    unit: Annotated[
        list[str] | None, typer.Option("--unit", help="A member unit it covers (repeat).")
    ] = None,
    secretary: Annotated[str | None, typer.Option("--secretary", help="书记.")] = None,
    founded: Annotated[str | None, typer.Option("--founded", help="Founding date.")] = None,
    parent: Annotated[str | None, typer.Option("--parent", help="The organisation above.")] = None,
) -> None:
    """Record a party organisation and the member units it covers (one or several).

    \b
    Example:
      assoc party add 第一联合党支部 --kind 联合党支部 --unit 通力 --unit 双涵 --secretary 王强
    """
    from assoc_cli.members.service import resolve_member
    from assoc_cli.party.service import add_org

    founded_on = date_option(founded, "--founded")
    with open_session(ctx) as (session, lang):
        units = [resolve_member(session=session, query=u) for u in unit or []]
        org = add_org(
            session=session,
            name=name,
            kind=kind,
            units=units,
            secretary=secretary,
            founded_on=founded_on,
            parent=parent,
        )
        message(t("msg.party_org_added", lang, name=org.name))
        echo(org.id)


@app.command("list")
def list_(
    ctx: typer.Context,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Counts as of (default today).")
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """List the organisations with the units they cover and their latest count.

    \b
    Example:
      assoc party list
    """
    from assoc_cli.party.service import orgs_listing

    when = date_option(as_of, "--as-of") or today()
    with open_reader(ctx) as (session, lang):
        emit(orgs_listing(session, as_of=when), fmt, lang, output)


@app.command("count")
def count(
    ctx: typer.Context,
    org: OrgArgument,
    party_members: Annotated[int, typer.Argument(help="Party members (党员数).")],
    on: Annotated[str | None, typer.Option("--on", help="As of (default today).")] = None,
) -> None:
    """Record an organisation's party-member count as of a date.

    \b
    Example:
      assoc party count 第一联合党支部 23 --on 2022-12-31
    """
    from assoc_cli.party.service import find_org, record_count

    when = date_option(on, "--on") or today()
    with open_session(ctx) as (session, lang):
        target = find_org(session, org)
        record_count(session=session, org=target, counted_on=when, party_members=party_members)
        message(t("msg.party_count", lang, name=target.name, count=party_members))


@app.command("pair")
def pair(
    ctx: typer.Context,
    org: OrgArgument,
    member: Annotated[str | None, typer.Option("--member", help="A member unit.")] = None,
    partner: Annotated[str | None, typer.Option("--partner", help="An outside body.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="Since (date).")] = None,
) -> None:
    """Record a 党建结对 pairing with a member unit or an outside body.

    \b
    Example:
      assoc party pair 第一联合党支部 --partner 示范市税务局机关党委 --since 2022-05-01
    """
    from assoc_cli.members.service import resolve_member
    from assoc_cli.party.service import add_pairing, find_org

    started = date_option(since, "--since")
    with open_session(ctx) as (session, lang):
        target = find_org(session, org)
        unit = resolve_member(session=session, query=member) if member else None
        add_pairing(session=session, org=target, member=unit, partner=partner, started_on=started)
        message(
            t("msg.party_pairing", lang, name=target.name, partner=unit.name if unit else partner)
        )


@app.command("group")
def group(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The group's name.")],
    role: Annotated[
        str, typer.Option("--role", help="committee (1), alliance (1), station (N) or site (X).")
    ],
    unit: Annotated[
        list[str] | None, typer.Option("--unit", help="A member unit (repeat).")
    ] = None,
) -> None:
    """Record one part of the chain's 1+1+N+X structure and its member units.

    \b
    Example:
      assoc party group 建陶产业链党建服务站 --role station --unit 通力
    """
    from assoc_cli.members.service import resolve_member
    from assoc_cli.party.service import add_group

    with open_session(ctx) as (session, lang):
        units = [resolve_member(session=session, query=u) for u in unit or []]
        made = add_group(session=session, name=name, role=role, units=units)
        message(t("msg.party_group", lang, name=made.name))


@app.command("meeting")
def meeting(
    ctx: typer.Context,
    org: OrgArgument,
    kind: Annotated[str, typer.Option("--kind", help="支部委员会, 党员大会, 党课 or 党小组会.")],
    on: Annotated[str, typer.Option("--date", help="Date held.")],
    topic: Annotated[str | None, typer.Option("--topic", help="Topic.")] = None,
) -> None:
    """Record a 三会一课 meeting an organisation held (a meeting of that kind, linked).

    \b
    Example:
      assoc party meeting 第一联合党支部 --kind 党课 --date 2022-03-28 --topic 学习二十大精神
    """
    from assoc_cli.party.service import find_org, hold_meeting

    held_on = date_option(on, "--date")
    assert held_on is not None
    with open_session(ctx) as (session, lang):
        target = find_org(session, org)
        meeting_id = hold_meeting(
            session=session, org=target, kind=kind, held_on=held_on, topic=topic
        )
        message(t("msg.party_meeting", lang, name=target.name, kind=kind))
        echo(meeting_id)


@app.command("series")
def series(
    ctx: typer.Context,
    org: OrgArgument,
    kind: Annotated[str, typer.Option("--kind", help="支部委员会, 党员大会, 党课 or 党小组会.")],
    start: Annotated[str, typer.Option("--from", help="The first meeting's day.")],
    count: Annotated[
        int | None, typer.Option("--count", help="How many meetings (or give --until).")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Create the meetings up to this day.")
    ] = None,
    unit: Annotated[str, typer.Option("--unit", help="day, week or month.")] = "month",
    every: Annotated[int, typer.Option("--every", help="Every N units.")] = 1,
    nth: Annotated[
        int | None, typer.Option("--nth", help="With --unit month: the nth weekday (1-5, -1 last).")
    ] = None,
    weekday: Annotated[
        int | None, typer.Option("--weekday", help="With --nth: 1 Monday … 7 Sunday.")
    ] = None,
    name: Annotated[
        str | None, typer.Option("--name", help="The series' name (default: org and kind).")
    ] = None,
    topic: Annotated[str | None, typer.Option("--topic", help="Topic in each title.")] = None,
) -> None:
    """Plan an organisation's 三会一课 as a recurring series (events series) in one step: its
    meetings are created ahead and each linked to the organisation. Prints how many.

    \b
    Example:
      assoc party series 第一联合党支部 --kind 支部委员会 --unit month --every 1 --from 2022-01-10 --count 12
    """
    from assoc_cli.cli.common import usage_error
    from assoc_cli.events.series import Rule
    from assoc_cli.party.service import find_org, plan_meetings

    starts_on = date_option(start, "--from")
    assert starts_on is not None
    if (count is None) == (until is None):
        raise usage_error(
            "give --count or --until (one of them)",
            zh="请给出 --count 或 --until（二者取其一）",
            hint="'--count'",
        )
    if count is not None and not 1 <= count <= 120:
        raise usage_error("--count is 1 to 120", zh="--count 的取值为 1 到 120", hint="'--count'")
    rule = Rule(unit, every, nth, weekday - 1 if weekday is not None else None)
    with open_session(ctx) as (session, lang):
        target = find_org(session, org)
        series_name, made = plan_meetings(
            session=session,
            org=target,
            kind=kind,
            rule=rule,
            starts_on=starts_on,
            until=date_option(until, "--until"),
            count=count,
            name=name,
            topic=topic,
        )
        message(t("msg.series_planned", lang, name=series_name, count=made))
        echo(made)


@app.command("link")
def link(
    ctx: typer.Context,
    org: OrgArgument,
    meeting_id: Annotated[int, typer.Argument(help="An existing meeting's number.")],
) -> None:
    """Link an existing meeting (of a 三会一课 kind) to the organisation that held it.

    \b
    Example:
      assoc party link 第一联合党支部 12
    """
    from assoc_cli.party.service import find_org, link_meeting

    with open_session(ctx) as (session, lang):
        target = find_org(session, org)
        kind = link_meeting(session=session, org=target, meeting_id=meeting_id)
        message(t("msg.party_meeting", lang, name=target.name, kind=kind))


@app.command("meetings")
def meetings(
    ctx: typer.Context,
    year: Annotated[int, typer.Option("--year", help="The year.")],
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Held by this day (default today).")
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """三会一课 held against required per organisation for a year (meetings planned ahead
    count once their day has come).

    \b
    Example:
      assoc party meetings --year 2022
    """
    from assoc_cli.party.service import held_vs_required

    year_option(year, "--year")
    with open_reader(ctx) as (session, lang):
        when = date_option(as_of, "--as-of") or today()
        emit(held_vs_required(session, year=year, as_of=when), fmt, lang, output)


@app.command("settings")
def settings(
    ctx: typer.Context,
    kind: Annotated[str, typer.Argument(help="支部委员会, 党员大会, 党课 or 党小组会.")],
    frequency: Annotated[str, typer.Argument(help="monthly, quarterly, half-yearly or yearly.")],
) -> None:
    """Set how often one of 三会一课 is required (支部委员会 monthly, 党员大会 and 党课
    quarterly by default).

    \b
    Example:
      assoc party settings 党课 half-yearly
    """
    from assoc_cli.party.service import set_frequency

    with open_session(ctx) as (session, lang):
        set_frequency(session=session, kind=kind, frequency=frequency)
        message(t("msg.party_settings", lang))
