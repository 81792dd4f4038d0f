"""``assoc members``: the member roster (会员名册)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from assoc_cli.cli.common import (
    FormatOption,
    OutputOption,
    TermOption,
    date_option,
    echo,
    emit,
    every_column,
    message,
    open_reader,
    open_session,
    render_result,
    today,
    usage_error,
)
from assoc_cli.cli.completion import complete_member, complete_office, complete_tier
from assoc_cli.i18n import t
from assoc_cli.listing import OutputFormat
from assoc_cli.members.choices import ImportMatch, RosterSort, RosterStatus, StatsBy

app = typer.Typer(
    help=(
        "Member roster (会员名册): add, edit, show, list, leave, rejoin, stats, import, export."
        "\n\n\b\nExample:\n  assoc members list --sort strokes"
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
NumberOpt = Annotated[
    str | None,
    typer.Option("--number", help="Member number (会员编号); generated as M0001… when left out."),
]
ShortNameOpt = Annotated[str | None, typer.Option("--short-name", help="Short name (简称).")]
KindOpt = Annotated[
    str | None, typer.Option("--kind", help="单位 (unit, default) or 个人 (person).")
]
CreditCodeOpt = Annotated[
    str | None,
    typer.Option(
        "--credit-code", help="Unified social credit code (统一社会信用代码), 18 characters."
    ),
]
RepOpt = Annotated[str | None, typer.Option("--rep", help="Representative (代表/联系人).")]
RepTitleOpt = Annotated[
    str | None, typer.Option("--rep-title", help="Representative's title (代表职务), e.g. 总经理.")
]
PhoneOpt = Annotated[str | None, typer.Option("--phone", help="Contact phone (电话).")]
EmailOpt = Annotated[str | None, typer.Option("--email", help="E-mail (邮箱).")]
AddressOpt = Annotated[str | None, typer.Option("--address", help="Address (地址).")]
SegmentOpt = Annotated[
    str | None,
    typer.Option("--segment", help="Industry segment / chain link (行业环节), e.g. 生产."),
]
JoinedOpt = Annotated[
    str | None, typer.Option("--joined", help="Date joined (入会日期), e.g. 2019-03-01.")
]
EmployeesOpt = Annotated[
    str | None, typer.Option("--employees", help="Number of employees (员工数).")
]
PartyMembersOpt = Annotated[
    str | None, typer.Option("--party-members", help="Number of party members (党员数).")
]
PartyOrgOpt = Annotated[
    str | None, typer.Option("--party-org", help="Has a party organisation (党组织): 是/否.")
]
TierOpt = Annotated[
    str | None,
    typer.Option(
        "--tier",
        help="Set the dues tier (会费档次) explicitly; 'auto' follows the offices held.",
        autocompletion=complete_tier,
    ),
]
NoteOpt = Annotated[str | None, typer.Option("--note", help="Note (备注).")]


# Command-line option -> member field, for ``members add`` and ``members edit``.
OPTION_FIELDS = {
    "name": "name",
    "number": "number",
    "short_name": "short_name",
    "kind": "kind",
    "credit_code": "credit_code",
    "rep": "representative",
    "rep_title": "representative_title",
    "phone": "phone",
    "email": "email",
    "address": "address",
    "segment": "segment",
    "joined": "joined_on",
    "employees": "employees",
    "party_members": "party_members",
    "party_org": "has_party_org",
    "tier": "tier",
    "note": "note",
}


def _typed_fields(options: dict[str, Any]) -> dict[str, str | None]:
    """The typed option text keyed by member field (None = option not given)."""
    return {field: options[option] for option, field in OPTION_FIELDS.items()}


@app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Full name of the unit or person (名称).")],
    number: NumberOpt = None,
    short_name: ShortNameOpt = None,
    kind: KindOpt = None,
    credit_code: CreditCodeOpt = None,
    rep: RepOpt = None,
    rep_title: RepTitleOpt = None,
    phone: PhoneOpt = None,
    email: EmailOpt = None,
    address: AddressOpt = None,
    segment: SegmentOpt = None,
    joined: JoinedOpt = None,
    employees: EmployeesOpt = None,
    party_members: PartyMembersOpt = None,
    party_org: PartyOrgOpt = None,
    tier: TierOpt = None,
    note: NoteOpt = None,
) -> None:
    """Add a member (入会): a unit (会员单位) or a person (个人会员).

    \b
    Example:
      assoc members add 山东双涵石化装备有限公司 --short-name 双涵 --rep 周立正
      assoc members add 王传强 --kind 个人 --phone 13800000000 --joined 2019-03-01
    """
    from assoc_cli.members.fields import parse_fields
    from assoc_cli.members.service import add_member

    values = parse_fields(_typed_fields(locals()))
    with open_session(ctx) as (session, lang):
        member = add_member(session=session, values=values)
        message(t("msg.member_added", lang, number=member.number, name=member.name))
        echo(member.number)


@app.command("edit")
def edit(
    ctx: typer.Context,
    member: MemberArgument,
    name: Annotated[str | None, typer.Option("--name", help="New full name (名称).")] = None,
    number: NumberOpt = None,
    short_name: ShortNameOpt = None,
    kind: KindOpt = None,
    credit_code: CreditCodeOpt = None,
    rep: RepOpt = None,
    rep_title: RepTitleOpt = None,
    phone: PhoneOpt = None,
    email: EmailOpt = None,
    address: AddressOpt = None,
    segment: SegmentOpt = None,
    joined: JoinedOpt = None,
    employees: EmployeesOpt = None,
    party_members: PartyMembersOpt = None,
    party_org: PartyOrgOpt = None,
    tier: TierOpt = None,
    note: NoteOpt = None,
) -> None:
    """Change a member's details; an option given as "" clears that field.

    \b
    Example:
      assoc members edit 双涵 --phone 0533-7654321 --employees 320
    """
    from assoc_cli.members.fields import parse_fields
    from assoc_cli.members.service import resolve_member, update_member

    typed = _typed_fields(locals())
    if all(value is None for value in typed.values()):
        raise usage_error(
            "give at least one field to change, e.g. --phone 0533-7654321",
            zh="请至少给出一项要修改的内容,例如 --phone 0533-7654321",
        )
    values = parse_fields(typed)
    with open_session(ctx) as (session, lang):
        target = resolve_member(session=session, query=member)
        changed = update_member(session=session, member=target, values=values)
        key = "msg.member_updated" if changed else "msg.member_unchanged"
        message(t(key, lang, number=target.number, name=target.name))


@app.command("show")
def show(
    ctx: typer.Context,
    member: MemberArgument,
    term: TermOption = None,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """Show everything about one member, with its tier and offices in the term.

    \b
    Example:
      assoc members show 双涵
    """
    from assoc_cli.members.lookup import find_member
    from assoc_cli.members.reports import member_record

    # On the Core tables, like a report: a member's page must not wait for the ORM.
    with open_reader(ctx) as (session, lang):
        target = find_member(session, member)["id"]
        record = member_record(session, member_id=target, term=term, as_of=today(), lang=lang)
        # The services feature's part of the page (issue 18): services, requests,
        # meetings attended, dues.
        from assoc_cli.services.member_page import with_member_services

        record = with_member_services(session, record, member_id=target, as_of=today(), lang=lang)
    emit(record, fmt, lang, output)


TierFilter = Annotated[
    str | None,
    typer.Option(
        "--tier", help="Only this dues tier, e.g. 理事单位.", autocompletion=complete_tier
    ),
]
SegmentFilter = Annotated[str | None, typer.Option("--segment", help="Only this industry segment.")]
OfficeFilter = Annotated[
    str | None,
    typer.Option(
        "--office", help="Only holders of this office in the term.", autocompletion=complete_office
    ),
]
KindFilter = Annotated[
    str | None, typer.Option("--kind", help="Only units (单位) or persons (个人).")
]
StatusFilter = Annotated[
    RosterStatus, typer.Option("--status", help="active (default), withdrawn or all.")
]
SortOption = Annotated[
    RosterSort, typer.Option("--sort", help="number, name (pinyin) or strokes (笔画).")
]


@app.command("list")
def list_(
    ctx: typer.Context,
    tier: TierFilter = None,
    segment: SegmentFilter = None,
    office: OfficeFilter = None,
    kind: KindFilter = None,
    status: StatusFilter = RosterStatus.active,
    term: TermOption = None,
    sort: SortOption = RosterSort.number,
    all_columns: Annotated[
        bool, typer.Option("--all-columns", help="Show every field, not only the usual ones.")
    ] = False,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """List members, filtered by tier, status, segment, office or term, sorted for the task.

    \b
    Example:
      assoc members list --tier 副会长单位 --sort strokes
      assoc members list -o 会员名单.xlsx
    """
    from assoc_cli.members.reports import roster_listing
    from assoc_cli.members.roster import RosterSelection

    selection = RosterSelection(
        status=status, term=term, tier=tier, segment=segment, office=office, kind=kind
    )
    with (
        open_reader(ctx) as (session, lang),
        roster_listing(
            session,
            selection,
            as_of=today(),
            sort=sort,
            all_columns=all_columns,
            for_machines=every_column(fmt, output),
        ) as listing,
    ):
        emit(listing, fmt, lang, output)


@app.command("leave")
def leave(
    ctx: typer.Context,
    member: MemberArgument,
    on: Annotated[
        str | None, typer.Option("--on", help="Date left (退会日期); default today.")
    ] = None,
    reason: Annotated[
        str | None, typer.Option("--reason", help="Why, e.g. 企业注销 or 连续两年未缴会费.")
    ] = None,
) -> None:
    """Record that a member left (退会); the member and all its history are kept.

    \b
    Example:
      assoc members leave M0042 --on 2022-12-31 --reason 企业注销
    """
    from assoc_cli.i18n.dates import format_date
    from assoc_cli.members.service import leave_member, resolve_member

    when = date_option(on, "--on") or today()
    with open_session(ctx) as (session, lang):
        target = resolve_member(session=session, query=member)
        leave_member(session=session, member=target, on=when, reason=reason)
        message(
            t(
                "msg.member_left",
                lang,
                number=target.number,
                name=target.name,
                date=format_date(when, lang),
            )
        )


@app.command("rejoin")
def rejoin(
    ctx: typer.Context,
    member: MemberArgument,
    on: Annotated[str | None, typer.Option("--on", help="Date rejoined; default today.")] = None,
) -> None:
    """Record that a member who left has joined again (重新入会), as a new membership period.

    \b
    Example:
      assoc members rejoin M0042 --on 2023-03-01
    """
    from assoc_cli.i18n.dates import format_date
    from assoc_cli.members.service import rejoin_member, resolve_member

    when = date_option(on, "--on") or today()
    with open_session(ctx) as (session, lang):
        target = resolve_member(session=session, query=member)
        rejoin_member(session=session, member=target, on=when)
        message(
            t(
                "msg.member_rejoined",
                lang,
                number=target.number,
                name=target.name,
                date=format_date(when, lang),
            )
        )


@app.command("stats")
def stats(
    ctx: typer.Context,
    by: Annotated[StatsBy, typer.Option("--by", help="tier, segment or all (both).")] = StatsBy.all,
    status: StatusFilter = RosterStatus.active,
    term: TermOption = None,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """Count members by dues tier and by segment, with employees, party members and party
    organisations (会员统计).

    \b
    Example:
      assoc members stats --by segment
      assoc members stats -o 会员统计.xlsx
    """
    from assoc_cli.members.reports import member_stats

    with open_reader(ctx) as (session, lang):
        result = member_stats(
            session,
            by=by,
            status=status,
            term=term,
            as_of=today(),
            lang=lang,
            for_machines=every_column(fmt, output),
        )
        emit(result, fmt, lang, output)


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(help="A .csv (UTF-8 or GBK) or .xlsx file with a header row.")
    ],
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Check the file and show what would change; write nothing."),
    ] = False,
    match: Annotated[
        ImportMatch,
        typer.Option(
            "--match",
            help="How rows find their member: by member number or credit code (number), "
            "or also by name for rows without a member number (name).",
        ),
    ] = ImportMatch.number,
    term: TermOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Import members from CSV or Excel: all rows or none, every bad row reported by line.

    Headers may be Chinese or English (名称/name, 会员编号/number, 统一社会信用代码…); title
    rows above the header and total rows (合计) are skipped. Rows are matched by member
    number or credit code; a matched row updates only the cells it fills. A name already in
    the roster is refused unless the row is matched to that member (--match name matches
    rows without a number by name).

    \b
    Example:
      assoc members import 会员名册.xlsx --dry-run
    """
    from assoc_cli.members.importing import apply_import, plan_import

    with open_session(ctx) as (session, lang), _ProgressBar(file) as tick:
        # A real import writes new members while it reads the file (all of it is rolled
        # back if any row is bad); a dry run writes nothing.
        plan = plan_import(
            session=session,
            path=file,
            term=term,
            as_of=today(),
            progress=tick,
            add_now=not dry_run,
            match_by_name=match is ImportMatch.name,
        )
        for sentence in plan.summary(lang):
            message(sentence)
        if dry_run:
            render_result(plan.preview(lang), fmt, lang)
            session.rollback()
            return
        apply_import(session=session, plan=plan)
        message(t("msg.import_done", lang))


class _ProgressBar:
    """A progress bar on stderr for large files when a person is watching."""

    THRESHOLD = 2000

    def __init__(self, file: Path) -> None:
        self.file = file
        self.bar: Any = None

    def __enter__(self) -> Any:
        from assoc_cli.files.spreadsheets import estimate_rows

        if not sys.stderr.isatty():
            return None
        total = estimate_rows(self.file)
        if total is None or total < self.THRESHOLD:
            return None
        from rich.progress import Progress

        self.bar = Progress(transient=True, console=_stderr_console())
        self.bar.start()
        task = self.bar.add_task(f"checking {self.file.name}", total=total)
        return lambda n: self.bar.update(task, completed=n)  # called once per batch read

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


@app.command("export")
def export(
    ctx: typer.Context,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="File to write: .csv (UTF-8 with BOM, for Excel) or .xlsx; default: stdout.",
        ),
    ] = None,
    tier: TierFilter = None,
    segment: SegmentFilter = None,
    office: OfficeFilter = None,
    kind: KindFilter = None,
    status: StatusFilter = RosterStatus.active,
    term: TermOption = None,
    sort: SortOption = RosterSort.number,
) -> None:
    """Export the roster to CSV or Excel with the Chinese headers that import reads back.

    \b
    Example:
      assoc members export -o 会员名册.xlsx
    """
    from assoc_cli.members.exporting import EXPORT_SUFFIXES, export_members
    from assoc_cli.members.roster import RosterSelection

    if output is not None and output.suffix.lower() not in EXPORT_SUFFIXES:
        raise usage_error(
            "the file must end in .csv or .xlsx", zh="文件名须以 .csv 或 .xlsx 结尾", hint="'-o'"
        )
    selection = RosterSelection(
        status=status, term=term, tier=tier, segment=segment, office=office, kind=kind
    )
    with open_reader(ctx) as (session, lang):
        count = export_members(
            session=session,
            selection=selection,
            as_of=today(),
            sort=sort,
            path=output,
            stream=sys.stdout,
        )
    if output is not None:
        message(t("msg.exported", lang, rows=count, file=output))
