"""``assoc meetings``: numbering and titles, agendas with live dues figures, invitations,
attendance, quorum, votes, sign-in sheets and minutes (会议)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from assoc_cli.cli.common import (
    FormatOption,
    OutputOption,
    date_option,
    echo,
    emit,
    hint,
    in_language,
    message,
    open_session,
    paper_format,
    usage_error,
    write_paper,
    year_option,
)
from assoc_cli.cli.completion import complete_meeting, complete_meeting_kind, complete_member
from assoc_cli.i18n import t
from assoc_cli.listing import Listing, OutputFormat
from assoc_cli.meetings.choices import (
    AgendaStyle,
    AttendanceStatus,
    ItemKind,
    PaperFormat,
    Role,
    SigninFormat,
    Threshold,
)

if TYPE_CHECKING:
    from sqlmodel import Session

    from assoc_cli.db.models import Meeting

app = typer.Typer(
    help=(
        "Meetings (会议): new, edit, delete, agenda, invite, uninvite, mark, sign-in sheet, "
        "quorum, votes, minutes."
        "\n\n\b\nExample:\n  assoc meetings new --kind 会长办公会 --enlarged --date 2021-12-05 --time 14:30"
    ),
    no_args_is_help=True,
)
agenda_app = typer.Typer(
    help=(
        "Agenda items (议程): add, edit, move, remove, list, render, pull-actions."
        '\n\n\b\nExample:\n  assoc meetings agenda add 3 "学习党的十九届六中全会公报" --presenter 张辉新 --kind study'
    ),
    no_args_is_help=True,
)
app.add_typer(agenda_app, name="agenda")

DuesYearOption = Annotated[
    int | None,
    typer.Option(
        "--dues-year",
        help="For a dues-report: the dues year (default: the year being collected at the "
        "meeting date — that of the latest dues notice sent by then, else the meeting's year).",
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="For a dues-report: the figures as of this day, e.g. 2021-11-30 (截至11月30日; "
        "default: the meeting date).",
    ),
]
MeetingArgument = Annotated[
    str,
    typer.Argument(
        help="Meeting number (3 or #3), its date, or a unique part of its title.",
        autocompletion=complete_meeting,
    ),
]


def _meeting(session: Session, query: str) -> Meeting:
    from assoc_cli.meetings.queries import resolve_meeting

    return resolve_meeting(session=session, query=query)


def _title(session: Session, meeting: Meeting) -> str:
    from assoc_cli.meetings.queries import describe

    return describe(session, meeting)


def _say_notes(notes: list[tuple[str, str]], lang: str) -> None:
    """What a service wants people to know, each (English, Chinese) note in *lang*."""
    for en, zh in notes:
        message(in_language(en if lang == "en" else zh, lang))


# ---------------------------------------------------------------- meetings


@app.command("new")
def new(
    ctx: typer.Context,
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            help="会员大会, 理事会, 常务理事会, 会长办公会, 监事会, 座谈会, 培训班…",
            autocompletion=complete_meeting_kind,
        ),
    ],
    held_on: Annotated[str, typer.Option("--date", help="Date, e.g. 2021-12-05.")],
    starts_at: Annotated[str | None, typer.Option("--time", help="Start time, e.g. 14:30.")] = None,
    venue: Annotated[str | None, typer.Option("--venue", help="Venue (地点).")] = None,
    chair: Annotated[
        str | None,
        typer.Option(
            "--chair",
            help="Who chairs it (主持): a person, or a member whose representative chairs.",
            autocompletion=complete_member,
        ),
    ] = None,
    enlarged: Annotated[
        bool, typer.Option("--enlarged", help="Enlarged meeting: (扩大) in the title.")
    ] = False,
    term: Annotated[
        int | None,
        typer.Option("--term", help="Term number (default: the term covering the date)."),
    ] = None,
    topic: Annotated[
        str | None,
        typer.Option("--topic", help="Topic in the title, e.g. 制造业单项冠军 for a 培训班."),
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", help="Use this title instead of the generated one.")
    ] = None,
    no_template: Annotated[
        bool,
        typer.Option(
            "--no-template", help="Start with an empty agenda, not the kind's standing items."
        ),
    ] = False,
) -> None:
    """Create a meeting; its title is generated the way associations write it
    (淄博市装备制造业协会二届二次会长办公(扩大)会) and its agenda starts with the kind's standing items.

    Numbers follow dates within the term (or year): a meeting dated before un-held ones of
    its kind takes its place and they move up; a held meeting (attendance, votes or minutes)
    or a cancelled one keeps its number, and the command says so. Another meeting of the
    same kind on the same day is warned about.

    \b
    Example:
      assoc meetings new --kind 会长办公会 --enlarged --date 2021-12-05 --time 14:30 --venue 酩悦居 --chair 张辉新
    """
    from assoc_cli.meetings.service import MeetingInput, new_meeting

    day = date_option(held_on, "--date")
    assert day is not None
    with open_session(ctx) as (session, lang):
        created = new_meeting(
            session=session,
            data=MeetingInput(
                kind=kind,
                held_on=day,
                starts_at=starts_at,
                venue=venue,
                chair=chair,
                term=term,
                enlarged=enlarged,
                topic=topic,
                title=title,
                use_template=not no_template,
            ),
        )
        meeting = created.meeting
        message(t("msg.meeting_created", lang, id=meeting.id, title=_title(session, meeting)))
        invite = f"assoc meetings invite {meeting.id} --offices 会长,副会长"
        hint(ctx, t("hint.meeting_new", lang, id=meeting.id, invite=invite))
        _say_notes(created.notes, lang)
        echo(meeting.id)


@app.command("list")
def list_(
    ctx: typer.Context,
    kind: Annotated[
        str | None,
        typer.Option("--kind", help="Only this kind.", autocompletion=complete_meeting_kind),
    ] = None,
    year: Annotated[
        int | None, typer.Option("--year", help="Only meetings held this year.")
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """List meetings, newest last.

    \b
    Example:
      assoc meetings list --kind 会长办公会
    """
    from assoc_cli.meetings.queries import meetings_listing

    chosen_year = year_option(year, "--year")
    with open_session(ctx, write=False) as (session, lang):
        listing = meetings_listing(session=session, kind=kind, year=chosen_year)
        emit(listing, fmt, lang, output)


@app.command("show")
def show(
    ctx: typer.Context,
    meeting: MeetingArgument,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """Show one meeting: title, date, venue, chair, status, agenda size.

    \b
    Example:
      assoc meetings show 3
    """
    from assoc_cli.meetings.queries import meeting_record

    with open_session(ctx, write=False) as (session, lang):
        record = meeting_record(session=session, meeting=_meeting(session, meeting))
    emit(record, fmt, lang, output)


@app.command("edit")
def edit(
    ctx: typer.Context,
    meeting: MeetingArgument,
    held_on: Annotated[str | None, typer.Option("--date", help="New date.")] = None,
    starts_at: Annotated[str | None, typer.Option("--time", help="New start time.")] = None,
    venue: Annotated[str | None, typer.Option("--venue", help="New venue.")] = None,
    chair: Annotated[
        str | None,
        typer.Option(
            "--chair", help="New chair: a person, or a member whose representative chairs."
        ),
    ] = None,
    topic: Annotated[str | None, typer.Option("--topic", help="New topic.")] = None,
    title: Annotated[
        str | None,
        typer.Option("--title", help='Title override ("" goes back to the generated one).'),
    ] = None,
    enlarged: Annotated[
        bool | None, typer.Option("--enlarged/--not-enlarged", help="(扩大) or not.")
    ] = None,
) -> None:
    """Change a meeting's date, time, venue, chair, topic, title or (扩大). A new date
    renumbers the un-held meetings of its kind by date; a held one keeps its number.

    \b
    Example:
      assoc meetings edit 3 --venue 协会会议室 --time 09:00
      assoc meetings edit 3 --chair 通力
    """
    from assoc_cli.meetings.service import change_meeting

    changes: dict[str, Any] = {}
    day = date_option(held_on, "--date")
    for key, value in (
        ("held_on", day),
        ("starts_at", starts_at),
        ("venue", venue),
        ("chair", chair),
        ("topic", topic),
        ("title_override", title),
        ("enlarged", enlarged),
    ):
        if value is not None:
            changes[key] = value
    if not changes:
        raise usage_error(
            "give at least one thing to change, e.g. --venue 协会会议室",
            zh="请至少给出一项要修改的内容,例如 --venue 协会会议室",
        )
    with open_session(ctx) as (session, lang):
        changed = change_meeting(
            session=session, meeting=_meeting(session, meeting), changes=changes
        )
        target = changed.meeting
        message(t("msg.meeting_updated", lang, id=target.id, title=_title(session, target)))
        _say_notes(changed.notes, lang)


@app.command("cancel")
def cancel(
    ctx: typer.Context,
    meeting: MeetingArgument,
    reason: Annotated[str, typer.Option("--reason", help="Why it is cancelled.")],
) -> None:
    """Cancel a meeting; it keeps its number, so later meetings are not renumbered.

    \b
    Example:
      assoc meetings cancel 4 --reason 因故改期
    """
    from assoc_cli.meetings.service import cancel_meeting

    with open_session(ctx) as (session, lang):
        target = cancel_meeting(session=session, meeting=_meeting(session, meeting), reason=reason)
        message(t("msg.meeting_cancelled", lang, id=target.id))


@app.command("delete")
def delete(ctx: typer.Context, meeting: MeetingArgument) -> None:
    """Delete a meeting created by mistake (a duplicate, a wrong kind or date), with its
    agenda and invitations; later un-held meetings of its kind move down a number. A
    meeting with attendance marked, votes, minutes or action items is refused (cancel it).
    Every row removed is in the audit log.

    \b
    Example:
      assoc meetings delete 4
    """
    from assoc_cli.events.service import forget_event
    from assoc_cli.meetings.service import delete_meeting

    with open_session(ctx) as (session, lang):
        target = _meeting(session, meeting)
        title = _title(session, target)
        # Its programme (organisers, sessions, speakers, people) goes with it.
        forget_event(session=session, meeting=target)
        deleted = delete_meeting(session=session, meeting=target)
        message(t("msg.meeting_deleted", lang, id=deleted.meeting.id, title=title))
        _say_notes(deleted.notes, lang)


@app.command("kinds")
def kinds(
    ctx: typer.Context,
    name: Annotated[
        str | None, typer.Argument(help="A kind to add or change; leave out to list them.")
    ] = None,
    numbering: Annotated[
        str | None, typer.Option("--numbering", help="term (二届二次), year (第一期) or none.")
    ] = None,
    quorum: Annotated[
        str | None, typer.Option("--quorum", help="two-thirds, majority or none.")
    ] = None,
    quorum_base: Annotated[
        str | None,
        typer.Option(
            "--quorum-base", help="members (all members) or invited (those invited to attend)."
        ),
    ] = None,
    item: Annotated[
        list[str] | None,
        typer.Option(
            "--item",
            help='A standing agenda item "标题|kind|presenter"; repeat; replaces the template.',
        ),
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """List the kinds of meeting, or add/change one: numbering, quorum rule, agenda template.

    \b
    Example:
      assoc meetings kinds 党建座谈会 --numbering none --item "学习文件|study" --item "座谈交流|discussion"
    """
    from assoc_cli.meetings.kinds import kinds_listing, set_kind

    with open_session(ctx) as (session, lang):
        if name is not None:
            set_kind(
                session=session,
                name=name,
                numbering=numbering,
                quorum=quorum,
                quorum_base=quorum_base,
                template=item or None,
            )
            message(t("msg.kind_set", lang, name=name))
        listing = kinds_listing(session=session)
    emit(listing, fmt, lang, output)  # after the commit: the kinds shown are the saved ones


# ---------------------------------------------------------------- agenda


@agenda_app.command("add")
def agenda_add(
    ctx: typer.Context,
    meeting: MeetingArgument,
    title: Annotated[
        str, typer.Argument(help="What the item is, e.g. 学习党的十九届六中全会公报.")
    ],
    presenter: Annotated[str | None, typer.Option("--presenter", help="Who presents it.")] = None,
    kind: Annotated[
        ItemKind,
        typer.Option(
            "--kind",
            help="study, report, reading, discussion, speech, lecture (讲座), exchange (交流发言), vote, dues-report, actions.",
        ),
    ] = ItemKind.report,
    minutes: Annotated[int | None, typer.Option("--minutes", help="How long, in minutes.")] = None,
    dues_year: DuesYearOption = None,
    as_of: AsOfOption = None,
    position: Annotated[
        int | None, typer.Option("--at", help="Insert at this position (default: at the end).")
    ] = None,
) -> None:
    """Add an agenda item; a dues-report item states the live collection figures when
    rendered. An item the agenda already has (the same title, or a second dues report for
    the same year, e.g. besides the kind's standing one) is refused: edit that one instead.

    \b
    Example:
      assoc meetings agenda add 3 秘书处通报近期会费收缴情况 --kind dues-report --presenter 秘书处
      assoc meetings agenda add 3 通报会费收缴情况 --kind dues-report --as-of 2021-11-30
    """
    from assoc_cli.meetings.service import add_item

    cut_off = date_option(as_of, "--as-of")
    with open_session(ctx) as (session, lang):
        target = _meeting(session, meeting)
        item = add_item(
            session=session,
            meeting=target,
            title=title,
            presenter=presenter,
            kind=kind.value,
            minutes=minutes,
            dues_year=dues_year,
            dues_as_of=cut_off,
            position=position,
        )
        message(t("msg.item_added", lang, n=item.position, title=item.title))


@agenda_app.command("edit")
def agenda_edit(
    ctx: typer.Context,
    meeting: MeetingArgument,
    item: Annotated[int, typer.Argument(help="Item number.")],
    title: Annotated[str | None, typer.Option("--title", help="New title.")] = None,
    presenter: Annotated[
        str | None, typer.Option("--presenter", help='New presenter ("" removes it).')
    ] = None,
    kind: Annotated[
        ItemKind | None,
        typer.Option(
            "--kind",
            help="study, report, reading, discussion, speech, lecture (讲座), exchange (交流发言), vote, dues-report, actions.",
        ),
    ] = None,
    minutes: Annotated[int | None, typer.Option("--minutes", help="How long, in minutes.")] = None,
    dues_year: DuesYearOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Change an agenda item: title, presenter, kind, length, or a dues report's year and
    cut-off day.

    \b
    Example:
      assoc meetings agenda edit 3 3 --as-of 2021-11-30
      assoc meetings agenda edit 3 2 --presenter 荆常宝
    """
    from assoc_cli.meetings.service import edit_item

    changes: dict[str, Any] = {}
    cut_off = date_option(as_of, "--as-of")
    for key, value in (
        ("title", title),
        ("presenter", presenter),
        ("kind", kind.value if kind else None),
        ("minutes", minutes),
        ("dues_year", dues_year),
        ("dues_as_of", cut_off),
    ):
        if value is not None:
            changes[key] = value
    if not changes:
        raise usage_error(
            "give at least one thing to change, e.g. --presenter 秘书处",
            zh="请至少给出一项要修改的内容,例如 --presenter 秘书处",
        )
    with open_session(ctx) as (session, lang):
        edited = edit_item(
            session=session, meeting=_meeting(session, meeting), number=item, changes=changes
        )
        message(t("msg.item_edited", lang, n=edited.position, title=edited.title))


@agenda_app.command("move")
def agenda_move(
    ctx: typer.Context,
    meeting: MeetingArgument,
    item: Annotated[int, typer.Argument(help="Item number.")],
    to: Annotated[int, typer.Option("--to", help="New position.")],
) -> None:
    """Move an agenda item to another position.

    \b
    Example:
      assoc meetings agenda move 3 5 --to 1
    """
    from assoc_cli.meetings.service import move_item

    with open_session(ctx) as (session, lang):
        move_item(session=session, meeting=_meeting(session, meeting), number=item, to=to)
        message(t("msg.item_moved", lang, n=item, to=to))


@agenda_app.command("remove")
def agenda_remove(
    ctx: typer.Context,
    meeting: MeetingArgument,
    item: Annotated[int, typer.Argument(help="Item number.")],
) -> None:
    """Take an item off the agenda (the rest are renumbered).

    \b
    Example:
      assoc meetings agenda remove 3 2
    """
    from assoc_cli.events.service import forget_item
    from assoc_cli.meetings.service import item_at, remove_item

    with open_session(ctx) as (session, lang):
        target = _meeting(session, meeting)
        # Its session and speakers (assoc events item) go with it.
        forget_item(session=session, item=item_at(session=session, meeting=target, number=item))
        removed = remove_item(session=session, meeting=target, number=item)
        message(t("msg.item_removed", lang, title=removed.title))


@agenda_app.command("list")
def agenda_list(
    ctx: typer.Context,
    meeting: MeetingArgument,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """List a meeting's agenda items.

    \b
    Example:
      assoc meetings agenda list 3
    """
    from assoc_cli.meetings.queries import agenda_listing

    with open_session(ctx, write=False) as (session, lang):
        listing = agenda_listing(session=session, meeting=_meeting(session, meeting))
    emit(listing, fmt, lang, output)


@agenda_app.command("pull-actions")
def agenda_pull_actions(
    ctx: typer.Context,
    meeting: MeetingArgument,
    title: Annotated[
        str, typer.Option("--title", help="The item's title.")
    ] = "通报上次会议工作落实情况",
    presenter: Annotated[str | None, typer.Option("--presenter", help="Who reports.")] = "秘书处",
) -> None:
    """Add an item that lists the open action items from earlier meetings of the same kind
    (live when rendered).

    \b
    Example:
      assoc meetings agenda pull-actions 4
    """
    from assoc_cli.meetings.service import add_item

    with open_session(ctx) as (session, lang):
        item = add_item(
            session=session,
            meeting=_meeting(session, meeting),
            title=title,
            presenter=presenter,
            kind=ItemKind.actions.value,
        )
        message(t("msg.item_added", lang, n=item.position, title=item.title))


def _write_sheet(sheet: Listing, fmt: str, output: Path | None, lang: str) -> None:
    """Print a paper's table as CSV, or write it to *output* (.csv or .xlsx, for people)."""
    if output is None and fmt == SigninFormat.csv:
        from assoc_cli.output import render_result as print_result

        print_result(sheet, OutputFormat.csv, lang)
        return
    from assoc_cli.files.spreadsheets import write_result_file

    path = output or Path(f"{sheet.title}.{fmt}")
    write_result_file(path, sheet, lang)
    message(t("msg.written", lang, file=path))


DocFormatOption = Annotated[
    PaperFormat | None,
    typer.Option("--format", "-f", help="md (default, or the suffix of -o), txt or docx."),
]
DocOutputOption = Annotated[
    Path | None,
    typer.Option(
        "-o",
        "--output",
        help="File to write (default: stdout; .docx gets a file named after the meeting).",
    ),
]


@agenda_app.command("render")
def agenda_render(
    ctx: typer.Context,
    meeting: MeetingArgument,
    fmt: DocFormatOption = None,
    output: DocOutputOption = None,
    style: Annotated[
        AgendaStyle,
        typer.Option("--style", help="list (一、二、三…) or sentence (本次会议有五项议程:一是…)."),
    ] = AgendaStyle.list,
) -> None:
    """Print or write the agenda, with title, date, time, venue and chair; a dues-report item
    states the collection figures as of the meeting date.

    \b
    Example:
      assoc meetings agenda render 3 --style sentence
      assoc meetings agenda render 3 -f docx -o 议程.docx
    """
    from assoc_cli.meetings.papers import agenda_paper

    chosen = paper_format(fmt, output, PaperFormat)
    with open_session(ctx, write=False) as (session, lang):
        target = _meeting(session, meeting)
        paper = agenda_paper(session=session, meeting=target, lang=lang, style=style.value)
        write_paper(paper, chosen, output, lang)


@app.command("note")
def note(
    ctx: typer.Context,
    meeting: MeetingArgument,
    item: Annotated[int, typer.Argument(help="Agenda item number.")],
    text: Annotated[str, typer.Argument(help="What was said or decided, for the minutes.")],
) -> None:
    """Write the minutes' notes for an agenda item.

    \b
    Example:
      assoc meetings note 3 4 "与会人员围绕明年工作计划充分讨论,形成五项重点工作。"
    """
    from assoc_cli.meetings.service import note_item

    with open_session(ctx) as (session, lang):
        note_item(session=session, meeting=_meeting(session, meeting), number=item, text=text)
        message(t("msg.item_noted", lang, n=item))


# ---------------------------------------------------------------- attendance


@app.command("invite")
def invite(
    ctx: typer.Context,
    meeting: MeetingArgument,
    members: Annotated[
        list[str] | None,
        typer.Argument(
            help="Member units to invite (through their representatives).",
            autocompletion=complete_member,
        ),
    ] = None,
    offices: Annotated[
        str | None,
        typer.Option("--offices", help="Invite holders of these offices, e.g. 会长,副会长."),
    ] = None,
    all_members: Annotated[
        bool, typer.Option("--all-members", help="Invite every member in good standing.")
    ] = False,
    person: Annotated[
        str | None,
        typer.Option(
            "--person",
            help="Invite a person by name: a unit's representative or office holder on the "
            "roster is invited for that unit; anyone else as a guest (staff, a guest). With "
            "MEMBER: that unit's person instead of its representative.",
        ),
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", help="Their title (职务) for the sign-in sheet.")
    ] = None,
    role: Annotated[
        Role, typer.Option("--role", help="attend (出席, default) or sit-in (列席).")
    ] = Role.attend,
) -> None:
    """Invite by office, all members, by name, or a person (出席 attend / 列席 sit in).
    Nobody is invited twice: the command says whom it skipped and why.

    \b
    Example:
      assoc meetings invite 3 --offices 会长,执行会长,副会长,监事长
      assoc meetings invite 3 通力 --person 巩渤 --title 副总经理 --role sit-in
      assoc meetings invite 3 --person 李秘书 --title 秘书处 --role sit-in
    """
    from assoc_cli.meetings.service import invite as invite_them

    if not (members or offices or all_members or person):
        raise usage_error(
            "say whom to invite: MEMBER…, --offices, --all-members or --person",
            zh="请说明邀请谁:会员…、--offices、--all-members 或 --person",
        )
    with open_session(ctx) as (session, lang):
        invited = invite_them(
            session=session,
            meeting=_meeting(session, meeting),
            offices=offices,
            all_members=all_members,
            members=members,
            person=person,
            title=title,
            role=role.value,
        )
        message(t("msg.invited", lang, count=invited.added))
        _say_notes(invited.notes, lang)


@app.command("uninvite")
def uninvite(
    ctx: typer.Context,
    meeting: MeetingArgument,
    who: Annotated[list[str], typer.Argument(help="People (or member units) to uninvite.")],
) -> None:
    """Withdraw invitations; someone whose attendance was already marked stays on record.

    \b
    Example:
      assoc meetings uninvite 3 巩渤
    """
    from assoc_cli.meetings.service import uninvite as withdraw

    with open_session(ctx) as (session, lang):
        removed = withdraw(session=session, meeting=_meeting(session, meeting), whos=who)
        for attendee in removed:
            message(t("msg.uninvited", lang, person=attendee.person))


@app.command("mark")
def mark(
    ctx: typer.Context,
    meeting: MeetingArgument,
    who: Annotated[
        list[str] | None, typer.Argument(help="People (or member units) to mark.")
    ] = None,
    status: Annotated[
        AttendanceStatus,
        typer.Option("--status", help="present (default), leave (请假), absent or invited."),
    ] = AttendanceStatus.present,
    reason: Annotated[str | None, typer.Option("--reason", help="Reason for leave.")] = None,
    proxy: Annotated[
        str | None, typer.Option("--proxy", help="Who holds their proxy (assemblies).")
    ] = None,
    everyone: Annotated[
        bool, typer.Option("--everyone", help="Mark everyone not yet marked.")
    ] = False,
) -> None:
    """Record attendance: present, on leave (请假, with a reason) or absent; proxies count as present.

    \b
    Example:
      assoc meetings mark 3 --everyone
      assoc meetings mark 3 李万中 --status leave --reason 出差
    """
    from assoc_cli.meetings.service import mark_attendance

    if not who and not everyone:
        raise usage_error("name whom to mark, or use --everyone", zh="请写明登记谁,或用 --everyone")
    with open_session(ctx) as (session, lang):
        marked = mark_attendance(
            session=session,
            meeting=_meeting(session, meeting),
            whos=who,
            everyone=everyone,
            status=status.value,
            reason=reason,
            proxy=proxy,
        )
        for attendee in marked:
            message(
                t(
                    "msg.marked",
                    lang,
                    person=attendee.person,
                    status=t(f"attend.{status.value}", lang),
                )
            )


@app.command("signin")
def signin(
    ctx: typer.Context,
    meeting: MeetingArgument,
    fmt: Annotated[
        SigninFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="md (default, or the suffix of -o), txt, docx, csv or xlsx.",
            case_sensitive=False,
        ),
    ] = None,
    output: DocOutputOption = None,
) -> None:
    """The sign-in sheet (签到表): 序号, 姓名, 单位, 职务, 电话, 签到, 备注 — by office, then
    surname stroke count (按姓氏笔画). As a spreadsheet (-f csv, -o .csv or .xlsx) its rows
    are streamed, for a meeting of any size; a paper (md, txt, docx) holds at most 5,000.

    \b
    Example:
      assoc meetings signin 3 -f docx -o 签到表.docx
      assoc meetings signin 3 -o 签到表.xlsx
    """
    from assoc_cli.meetings.papers import signin_paper, streamed_signin_sheet

    chosen = paper_format(fmt, output, SigninFormat)
    with open_session(ctx, write=False) as (session, lang):
        found = _meeting(session, meeting)
        if chosen in (SigninFormat.csv, SigninFormat.xlsx):
            sheet = streamed_signin_sheet(session=session, meeting=found, lang=lang)
            _write_sheet(sheet, chosen, output, lang)
        else:
            paper = signin_paper(session=session, meeting=found, lang=lang)
            write_paper(paper, chosen, output, lang)


@app.command("quorum")
def quorum(
    ctx: typer.Context,
    meeting: MeetingArgument,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """Say whether the quorum is met: expected (应到), present (实到), required, by the kind's rule.

    \b
    Example:
      assoc meetings quorum 5
    """
    from assoc_cli.meetings.votes import quorum_report

    with open_session(ctx, write=False) as (session, lang):
        report = quorum_report(session=session, meeting=_meeting(session, meeting), lang=lang)
    emit(report, fmt, lang, output)


@app.command("vote")
def vote(
    ctx: typer.Context,
    meeting: MeetingArgument,
    topic: Annotated[str, typer.Argument(help="The motion (议题).")],
    votes_for: Annotated[int, typer.Option("--for", help="Votes for (赞成).")],
    against: Annotated[int, typer.Option("--against", help="Votes against (反对).")] = 0,
    abstain: Annotated[int, typer.Option("--abstain", help="Abstentions (弃权).")] = 0,
    method: Annotated[
        str, typer.Option("--method", help="无记名投票, 记名投票, 举手 or 鼓掌.")
    ] = "举手",
    threshold: Annotated[
        Threshold,
        typer.Option("--threshold", help="majority of those present (default) or two-thirds."),
    ] = Threshold.majority,
    present: Annotated[
        int | None,
        typer.Option("--present", help="Present (实到) when attendance was not recorded by name."),
    ] = None,
) -> None:
    """Record a resolution (表决) with 应到/实到/赞成/反对/弃权 and whether it passed.

    \b
    Example:
      assoc meetings vote 5 "审议通过2023年会费标准" --for 40 --against 2 --abstain 1 --method 无记名投票
    """
    from assoc_cli.errors import AssocError
    from assoc_cli.meetings.votes import parse_vote_method, record_vote

    try:
        chosen = parse_vote_method(method)
    except AssocError as exc:
        raise usage_error(exc, hint="'--method'") from None
    with open_session(ctx) as (session, lang):
        result = record_vote(
            session=session,
            meeting=_meeting(session, meeting),
            topic=topic,
            votes_for=votes_for,
            against=against,
            abstain=abstain,
            method=chosen,
            threshold=threshold.value,
            present=present,
        )
        message(
            t(
                "msg.vote",
                lang,
                topic=result.topic,
                votes_for=result.votes_for,
                against=result.votes_against,
                abstain=result.abstentions,
                present=result.present,
                outcome=t("vote.passed" if result.passed else "vote.failed", lang),
            )
        )


@app.command("votes")
def votes(
    ctx: typer.Context,
    meeting: Annotated[
        str | None, typer.Argument(help="Only this meeting.", autocompletion=complete_meeting)
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """List recorded votes (表决记录).

    \b
    Example:
      assoc meetings votes -f csv -o 表决记录.csv
    """
    from assoc_cli.meetings.votes import votes_listing

    with open_session(ctx, write=False) as (session, lang):
        target = _meeting(session, meeting) if meeting else None
        emit(votes_listing(session=session, meeting=target), fmt, lang, output)


@app.command("attendance")
def attendance(
    ctx: typer.Context,
    member: Annotated[
        str | None, typer.Option("--member", help="Per member, only this one.")
    ] = None,
    meeting: Annotated[
        str | None,
        typer.Option("--meeting", help="One meeting: everyone invited and how they came."),
    ] = None,
    flag_after: Annotated[
        int,
        typer.Option("--flag-after", help="Flag members absent from this many meetings in a row."),
    ] = 3,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """Attendance rates per member (or for one meeting); flags members absent from N meetings
    in a row (a common charter rule for officers).

    \b
    Example:
      assoc meetings attendance --flag-after 3
      assoc meetings attendance --meeting 3
      assoc meetings attendance -o 出勤统计.xlsx
    """
    from assoc_cli.meetings.attendance import (
        meeting_attendance_listing,
        member_attendance_listing,
    )

    if flag_after < 1:
        raise usage_error("must be 1 or more", zh="必须为 1 或更大", hint="'--flag-after'")
    with open_session(ctx, write=False) as (session, lang):
        if meeting:
            listing = meeting_attendance_listing(
                session=session, meeting=_meeting(session, meeting)
            )
        else:
            listing = member_attendance_listing(
                session=session, member=member, flag_after=flag_after
            )
        emit(listing, fmt, lang, output)


@app.command("minutes")
def minutes(
    ctx: typer.Context,
    meeting: MeetingArgument,
    fmt: DocFormatOption = None,
    output: DocOutputOption = None,
) -> None:
    """The minutes (会议纪要): title, time, venue, chair, 出席 / 请假 / 列席, the agenda with
    notes, resolutions with their votes, and the action items.

    \b
    Example:
      assoc meetings minutes 3 -f docx -o 纪要.docx
    """
    from assoc_cli.meetings.papers import minutes_paper

    chosen = paper_format(fmt, output, PaperFormat)
    with open_session(ctx, write=False) as (session, lang):
        paper = minutes_paper(session=session, meeting=_meeting(session, meeting), lang=lang)
        write_paper(paper, chosen, output, lang)
