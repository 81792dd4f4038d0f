"""``assoc members``: the member roster (会员名册)."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from assoc_cli.cli.common import (
    FormatOption,
    TermOption,
    date_option,
    message,
    open_reader,
    open_session,
    render,
    today,
)
from assoc_cli.i18n import t
from assoc_cli.listing import Column, Listing, OutputFormat

if TYPE_CHECKING:
    from assoc_cli.db.reader import DbSession
    from assoc_cli.members.roster import RosterFilter

app = typer.Typer(
    help=(
        "Member roster (会员名册): add, edit, show, list, leave, rejoin, stats, import, export."
        "\n\n\b\nExample:\n  assoc members list --sort strokes"
    ),
    no_args_is_help=True,
)


class Sort(StrEnum):
    """Listing order."""

    number = "number"
    name = "name"
    strokes = "strokes"


class Status(StrEnum):
    """Which members a listing covers."""

    active = "active"
    withdrawn = "withdrawn"
    all = "all"


class StatsBy(StrEnum):
    """How member statistics are grouped."""

    tier = "tier"
    segment = "segment"
    all = "all"


MemberArgument = Annotated[
    str, typer.Argument(help="Member number, name, short name or a unique part of the name.")
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
        "--tier", help="Set the dues tier (会费档次) explicitly; 'auto' follows the offices held."
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


def _raw_fields(options: dict[str, Any]) -> dict[str, str | None]:
    """The typed option text keyed by member field (None = option not given)."""
    return {field: options[option] for option, field in OPTION_FIELDS.items()}


def _parse(raw: dict[str, str | None]) -> dict[str, Any]:
    from assoc_cli.members.fields import parse_fields

    return parse_fields(raw)


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
    from assoc_cli.members.service import add_member

    values = _parse(_raw_fields(locals()))
    with open_session(ctx) as (session, lang):
        member = add_member(session=session, values=values)
        message(t("msg.member_added", lang, number=member.number, name=member.name))
        typer.echo(member.number)


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
    from assoc_cli.members.service import resolve_member, update_member

    raw = _raw_fields(locals())
    if all(value is None for value in raw.values()):
        raise typer.BadParameter("give at least one field to change, e.g. --phone 0533-7654321")
    values = _parse(raw)
    with open_session(ctx) as (session, lang):
        target = resolve_member(session=session, query=member)
        changed = update_member(session=session, member=target, values=values)
        key = "msg.member_updated" if changed else "msg.member_unchanged"
        message(t(key, lang, number=target.number, name=target.name))


MEMBER_COLUMNS = [
    Column("number"),
    Column("name"),
    Column("short_name"),
    Column("kind", kind="enum", enum_prefix="kind."),
    Column("credit_code"),
    Column("tier"),
    Column("tier_explicit", kind="bool"),
    Column("offices"),
    Column("representative"),
    Column("representative_title"),
    Column("phone"),
    Column("email"),
    Column("address"),
    Column("segment"),
    Column("joined_on", kind="date"),
    Column("left_on", kind="date"),
    Column("status", kind="enum", enum_prefix="status."),
    Column("employees", kind="int"),
    Column("party_members", kind="int"),
    Column("has_party_org", kind="bool"),
    Column("note"),
]
LIST_KEYS = (
    "number",
    "name",
    "tier",
    "offices",
    "representative",
    "phone",
    "segment",
    "joined_on",
    "status",
)


def _current_term_id(session: DbSession, term: int | None) -> int | None:
    from assoc_cli.organisation.queries import current_term_id, term_id

    if term is not None:
        return term_id(session, term)
    return current_term_id(session, today())


@app.command("show")
def show(
    ctx: typer.Context,
    member: MemberArgument,
    term: TermOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Show everything about one member, with its tier and offices in the term.

    \b
    Example:
      assoc members show 双涵
    """
    from assoc_cli.members.roster import RosterFilter, roster_rows
    from assoc_cli.members.service import membership_periods, resolve_member

    with open_session(ctx, write=False) as (session, lang):
        target = resolve_member(session=session, query=member)
        filters = RosterFilter(
            term_id=_current_term_id(session, term), status=None, member_ids=(target.id or 0,)
        )
        rows = list(roster_rows(session, filters))
        row = rows[0]
        from assoc_cli.i18n.dates import format_date

        periods = membership_periods(session=session, member=target)
        row["periods"] = "; ".join(
            f"{format_date(p.joined_on, lang) or '?'} – {format_date(p.left_on, lang)}"
            + (f" ({p.leave_reason})" if p.leave_reason else "")
            for p in periods
        )
        render(Listing([*MEMBER_COLUMNS, Column("periods")], [row], record=True), fmt, lang)


def _filters(
    session: DbSession,
    term: int | None,
    status: Status,
    tier: str | None,
    segment: str | None,
    office: str | None,
    kind: str | None,
) -> RosterFilter:
    from assoc_cli.members.fields import parse_kind
    from assoc_cli.members.roster import RosterFilter
    from assoc_cli.organisation.queries import require_office
    from assoc_cli.organisation.tiers import find_tier_id

    if tier is not None:
        find_tier_id(session, tier)
    if office is not None:
        require_office(session, office)
    return RosterFilter(
        term_id=_current_term_id(session, term),
        status=None if status is Status.all else status.value,
        tier=tier,
        segment=segment,
        office=office,
        kind=parse_kind(kind) if kind else None,
    )


TierFilter = Annotated[
    str | None, typer.Option("--tier", help="Only this dues tier, e.g. 理事单位.")
]
SegmentFilter = Annotated[str | None, typer.Option("--segment", help="Only this industry segment.")]
OfficeFilter = Annotated[
    str | None, typer.Option("--office", help="Only holders of this office in the term.")
]
KindFilter = Annotated[
    str | None, typer.Option("--kind", help="Only units (单位) or persons (个人).")
]
StatusFilter = Annotated[
    Status, typer.Option("--status", help="active (default), withdrawn or all.")
]
SortOption = Annotated[
    Sort, typer.Option("--sort", help="number, name (pinyin) or strokes (笔画).")
]


@app.command("list")
def list_(
    ctx: typer.Context,
    tier: TierFilter = None,
    segment: SegmentFilter = None,
    office: OfficeFilter = None,
    kind: KindFilter = None,
    status: StatusFilter = Status.active,
    term: TermOption = None,
    sort: SortOption = Sort.number,
    all_columns: Annotated[
        bool, typer.Option("--all-columns", help="Show every field, not only the usual ones.")
    ] = False,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """List members, filtered by tier, status, segment, office or term, sorted for the task.

    \b
    Example:
      assoc members list --tier 副会长单位 --sort strokes
    """
    from contextlib import closing

    from assoc_cli.members.roster import roster_rows

    with open_reader(ctx) as (session, lang):
        filters = _filters(session, term, status, tier, segment, office, kind)
        machine = fmt.for_machines
        columns = (
            MEMBER_COLUMNS
            if all_columns or machine
            else [c for c in MEMBER_COLUMNS if c.key in LIST_KEYS]
        )
        # Closed here, while the connection is open, even when the reader stops early
        # (`assoc members list -f csv | head`).
        with closing(roster_rows(session, filters, sort.value)) as rows:
            render(Listing(columns, rows), fmt, lang)


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


STATS_COLUMNS = [
    Column("group"),
    Column("members", kind="int"),
    Column("units", kind="int"),
    Column("persons", kind="int"),
    Column("employees", kind="int"),
    Column("party_members", kind="int"),
    Column("with_party_org", kind="int"),
]


@app.command("stats")
def stats(
    ctx: typer.Context,
    by: Annotated[StatsBy, typer.Option("--by", help="tier, segment or all (both).")] = StatsBy.all,
    status: StatusFilter = Status.active,
    term: TermOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Count members by dues tier and by segment, with employees, party members and party
    organisations (会员统计).

    \b
    Example:
      assoc members stats --by segment
    """
    from assoc_cli.members.roster import RosterFilter, roster_stats

    groups = ["tier", "segment"] if by is StatsBy.all else [by.value]
    with open_reader(ctx) as (session, lang):
        filters = RosterFilter(
            term_id=_current_term_id(session, term),
            status=None if status is Status.all else status.value,
        )
        tables = {group: roster_stats(session, filters, group) for group in groups}
        for group, rows in tables.items():
            for row in rows:
                row["by"] = group
                if row["group"] is None:
                    row["group"] = (
                        t("stats.total", lang) if row is rows[-1] else t("stats.no_segment", lang)
                    )
        if fmt.for_machines:
            columns = [Column("by"), *STATS_COLUMNS]
            render(Listing(columns, [row for rows in tables.values() for row in rows]), fmt, lang)
            return
        for group, rows in tables.items():
            render(Listing(STATS_COLUMNS, rows, title=t(f"stats.by_{group}", lang)), fmt, lang)


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
    term: TermOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Import members from CSV or Excel: all rows or none, every bad row reported by line.

    Headers may be Chinese or English (名称/name, 会员编号/number, 统一社会信用代码…). Rows are
    matched by member number or credit code; a matched row updates only the cells it fills.

    \b
    Example:
      assoc members import 会员名册.xlsx --dry-run
    """
    from assoc_cli.members.importing import apply_import, plan_import

    with open_session(ctx) as (session, lang), _Progress(file) as tick:
        # A real import writes new members while it reads the file (all of it is rolled
        # back if any row is bad); a dry run writes nothing.
        plan = plan_import(
            session=session,
            path=file,
            term_id=_current_term_id(session, term),
            progress=tick,
            add_now=not dry_run,
        )
        if plan.ignored_headers:
            message(t("msg.ignored_columns", lang, columns=", ".join(plan.ignored_headers)))
        message(
            t(
                "msg.import_summary",
                lang,
                file=file.name,
                rows=plan.total,
                added=plan.count("add"),
                updated=plan.count("update"),
                same=plan.count("same"),
            )
        )
        if dry_run:
            rows = (
                {
                    "line": row.line,
                    "action": row.action,
                    "number": row.number,
                    "name": row.name,
                    "changes": ", ".join(row.changes),
                }
                for row in plan.listing
            )
            columns = [
                Column("line", kind="int"),
                Column("action", kind="enum", enum_prefix="action."),
                Column("number"),
                Column("name"),
                Column("changes"),
            ]
            render(Listing(columns, rows), fmt, lang)
            message(t("msg.import_dry_run", lang))
            session.rollback()
            return
        apply_import(session=session, plan=plan)
        message(t("msg.import_done", lang))


class _Progress:
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
    status: StatusFilter = Status.active,
    term: TermOption = None,
    sort: SortOption = Sort.number,
) -> None:
    """Export the roster to CSV or Excel with the Chinese headers that import reads back.

    \b
    Example:
      assoc members export -o 会员名册.xlsx
    """
    from assoc_cli.members.exporting import export_members

    if output is not None and output.suffix.lower() not in (".csv", ".xlsx"):
        raise typer.BadParameter("the file must end in .csv or .xlsx", param_hint="'-o'")
    with open_reader(ctx) as (session, lang):
        filters = _filters(session, term, status, tier, segment, office, kind)
        count = export_members(
            session=session, filters=filters, sort=sort.value, path=output, stream=sys.stdout
        )
        if output is not None:
            message(t("msg.exported", lang, rows=count, file=output))
