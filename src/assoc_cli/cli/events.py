"""``assoc events``: a meeting's or training class's programme — organisers, sessions with
their 主持, speakers on agenda items, guests, the people at it in their roles — and the
news release (新闻稿) drafted from it."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from assoc_cli.cli.common import (
    FormatOption,
    OutputOption,
    echo,
    emit,
    message,
    open_session,
)
from assoc_cli.cli.completion import complete_meeting
from assoc_cli.events.choices import Order, ReleaseFormat
from assoc_cli.i18n import t
from assoc_cli.listing import OutputFormat

if TYPE_CHECKING:
    from sqlmodel import Session

    from assoc_cli.db.models import Meeting
    from assoc_cli.events.service import PersonInput

app = typer.Typer(
    help=(
        "Events and training classes (活动、培训班): organisers, sessions, speakers, guests, "
        "people, programme, news release, registrations, fees, sign-in, certificates, papers, "
        "recurring series."
        "\n\n\b\nExample:\n  assoc events organiser 5 主办 中国工经联\n  assoc events release 5 -f docx"
    ),
    no_args_is_help=True,
)

MeetingArgument = Annotated[
    str,
    typer.Argument(
        help="Meeting or class number (3 or #3), its date, or a unique part of its title.",
        autocompletion=complete_meeting,
    ),
]


def _event(session: Session, query: str) -> Meeting:
    """The meeting or class *query* names (number, #number, date or part of its title)."""
    from assoc_cli.meetings.queries import resolve_meeting

    return resolve_meeting(session=session, query=query)


PERSON_HELP = (
    "A person as 姓名|单位|职务 (unit and post may be left out; no unit: the association's own)."
)


def _person(text: str) -> PersonInput:
    from assoc_cli.events.service import PersonInput

    return PersonInput.parse(text)


@app.command("organiser")
def organiser(
    ctx: typer.Context,
    meeting: MeetingArgument,
    role: Annotated[
        str,
        typer.Argument(
            help="主办, 承办, 协办, 支持 or 赞助 (host, organiser, co-organiser, support, sponsor)."
        ),
    ],
    names: Annotated[list[str], typer.Argument(help="The organisations, in order.")],
    remove: Annotated[
        bool, typer.Option("--remove", help="Remove these organisers instead.")
    ] = False,
) -> None:
    """Add organisers to an event in a role, in the order given (主办, 承办, 协办, 支持, 赞助).

    \b
    Example:
      assoc events organiser 5 主办 中国工经联
      assoc events organiser 5 支持 工信部
    """
    from assoc_cli.events.service import add_organisers, remove_organiser

    with open_session(ctx) as (session, lang):
        target = _event(session, meeting)
        if remove:
            for name in names:
                remove_organiser(session=session, meeting=target, name=name)
            message(t("msg.event_organisers_removed", lang, names="、".join(names), id=target.id))
            return
        added = add_organisers(session=session, meeting=target, role=role, names=names)
        message(
            t(
                "msg.event_organisers_added",
                lang,
                names="、".join(o.name for o in added),
                id=target.id,
            )
        )


@app.command("session")
def session_(
    ctx: typer.Context,
    meeting: MeetingArgument,
    label: Annotated[str, typer.Argument(help="The block's name: 上午, 下午, or e.g. 第一单元.")],
    start: Annotated[str | None, typer.Option("--start", help="Start time, e.g. 09:00.")] = None,
    end: Annotated[str | None, typer.Option("--end", help="End time, e.g. 12:00.")] = None,
    host: Annotated[
        str | None, typer.Option("--host", help="Who chairs it (主持): " + PERSON_HELP)
    ] = None,
    focus: Annotated[
        str | None, typer.Option("--focus", help="What it focuses on (聚焦…).")
    ] = None,
) -> None:
    """Add a session (上午, 下午 or a timed block) to an event's programme, with its own 主持;
    prints its number.

    \b
    Example:
      assoc events session 5 下午 --focus 制造业单项冠军企业申报与培育 --host "吴同明|中国工经联制造业单项冠军工作办公室|主任"
    """
    from assoc_cli.events.service import add_session

    with open_session(ctx) as (session, lang):
        target = _event(session, meeting)
        block = add_session(
            session=session,
            meeting=target,
            label=label,
            starts_at=start,
            ends_at=end,
            focus=focus,
            host=_person(host) if host else None,
        )
        message(t("msg.event_session_added", lang, n=block.position, label=block.label))
        echo(block.position)


@app.command("item")
def item(
    ctx: typer.Context,
    meeting: MeetingArgument,
    number: Annotated[int, typer.Argument(help="Agenda item number (assoc meetings agenda list).")],
    in_session: Annotated[
        int | None, typer.Option("--session", help="Put it in this session (number).")
    ] = None,
    speakers: Annotated[
        list[str] | None,
        typer.Option("--speaker", help="A speaker, repeatable, in order: " + PERSON_HELP),
    ] = None,
) -> None:
    """Place an agenda item in a session and add its speakers (one or more, each with
    organisation and post). Items are added with ``assoc meetings agenda add`` (kinds include
    lecture 讲座, speech 讲话, exchange 交流发言).

    \b
    Example:
      assoc events item 5 1 --session 1 --speaker "李毅中|中国工业经济联合会|会长"
    """
    from assoc_cli.cli.common import usage_error
    from assoc_cli.events.service import add_speakers, place_item

    if in_session is None and not speakers:
        raise usage_error(
            "give --session N, --speaker 姓名|单位|职务, or both",
            zh="请给出 --session N 或 --speaker 姓名|单位|职务（或两者）",
            hint="'--session'",
        )
    with open_session(ctx) as (session, lang):
        target = _event(session, meeting)
        if in_session is not None:
            place_item(session=session, meeting=target, number=number, session_number=in_session)
        if speakers:
            add_speakers(
                session=session,
                meeting=target,
                number=number,
                people=[_person(text) for text in speakers],
            )
        message(t("msg.event_item_updated", lang, n=number, id=target.id))


@app.command("attend")
def attend(
    ctx: typer.Context,
    meeting: MeetingArgument,
    people: Annotated[list[str], typer.Argument(help="People in order: 姓名, or 姓名|单位|职务.")],
    role: Annotated[
        str,
        typer.Option("--role", help="出席, 列席, 参加 or 特邀 (attend, sit-in, join, special)."),
    ] = "出席",
    post: Annotated[
        str | None, typer.Option("--post", help="Their post, when not typed with each (执行会长).")
    ] = None,
    organisation: Annotated[
        str | None,
        typer.Option("--organisation", help="Their organisation, when not typed with each."),
    ] = None,
    group: Annotated[
        str | None, typer.Option("--group", help="A label written once before them (副会长单位).")
    ] = None,
    rank: Annotated[
        int | None, typer.Option("--rank", help="Their rank among guests (1 first).")
    ] = None,
) -> None:
    """Put people on an event's list in a role, in the order typed: the association's officers
    by office (--post 执行会长), guests with organisation and post (they join the guests list).

    \b
    Example:
      assoc events attend 3 朱训岩 韩怀胜 郑辉 --post 执行会长
      assoc events attend 3 "巩渤|山东通力五金机电连锁有限公司|副总经理" --role 参加 --group 副会长单位
    """
    from dataclasses import replace

    from assoc_cli.events.service import add_people

    typed = []
    for text in people:
        person = _person(text)
        person = replace(
            person,
            organisation=person.organisation or organisation or "",
            post=person.post or post,
            rank=rank,
        )
        typed.append(person)
    with open_session(ctx) as (session, lang):
        target = _event(session, meeting)
        added = add_people(session=session, meeting=target, role=role, people=typed, group=group)
        message(t("msg.event_people_added", lang, count=len(added), id=target.id))


@app.command("absent")
def absent(
    ctx: typer.Context,
    meeting: MeetingArgument,
    names: Annotated[list[str], typer.Argument(help="Names to take off the list.")],
) -> None:
    """Take people off an event's list.

    \b
    Example:
      assoc events absent 3 郭小红
    """
    from assoc_cli.events.service import remove_person

    with open_session(ctx) as (session, lang):
        target = _event(session, meeting)
        for name in names:
            remove_person(session=session, meeting=target, name=name)
        message(t("msg.event_people_removed", lang, count=len(names), id=target.id))


@app.command("guest")
def guest(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help=PERSON_HELP)],
    phone: Annotated[str | None, typer.Option("--phone", help="Phone.")] = None,
    rank: Annotated[
        int | None, typer.Option("--rank", help="Rank among officials (1 first).")
    ] = None,
) -> None:
    """Add a guest to the guests list, or bring one up to date (one per name and
    organisation, reused across events).

    \b
    Example:
      assoc events guest "孔庆成|山东省工业和信息化厅|副厅长" --rank 3
    """
    from dataclasses import replace

    from assoc_cli.errors import InvalidValueError
    from assoc_cli.events.service import remember_guest

    typed = replace(_person(person), phone=phone, rank=rank).cleaned()
    with open_session(ctx) as (session, lang):
        row = remember_guest(session=session, person=typed)
        if row is None:
            raise InvalidValueError(
                "a guest has an organisation that is not a member (members' people are "
                "their representatives)",
                zh="嘉宾需填写单位，且该单位不是会员单位（会员单位的人员即其代表）",
            )
        message(t("msg.event_guest_saved", lang, name=row.name, organisation=row.organisation))
        echo(row.id)


@app.command("guests")
def guests(
    ctx: typer.Context,
    search: Annotated[
        str | None, typer.Option("--search", help="Part of a name or organisation.")
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """List the guests (嘉宾), officials first by rank.

    \b
    Example:
      assoc events guests --search 工信
    """
    from assoc_cli.events.queries import guests_listing

    with open_session(ctx, write=False) as (session, lang):
        emit(guests_listing(session=session, search=search), fmt, lang, output)


@app.command("programme")
def programme(
    ctx: typer.Context,
    meeting: MeetingArgument,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """Show an event's programme: sessions with their 主持, items with kind and speakers.

    \b
    Example:
      assoc events programme 5
    """
    from assoc_cli.events.queries import programme_listing

    with open_session(ctx, write=False) as (session, lang):
        target = _event(session, meeting)
        emit(programme_listing(session=session, meeting=target), fmt, lang, output)


OrderOption = Annotated[
    Order,
    typer.Option(
        "--order", help="office: by office, guests' rank, then surname strokes; given: as typed."
    ),
]


@app.command("people")
def people_(
    ctx: typer.Context,
    meeting: MeetingArgument,
    order: OrderOption = Order.office,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """List the people at an event with their role, organisation and post, in order of
    precedence.

    \b
    Example:
      assoc events people 3 --order given
    """
    from assoc_cli.events.queries import people_listing

    with open_session(ctx, write=False) as (session, lang):
        target = _event(session, meeting)
        emit(people_listing(session=session, meeting=target, order=order.value), fmt, lang, output)


@app.command("release")
def release(
    ctx: typer.Context,
    meeting: MeetingArgument,
    fmt: Annotated[
        ReleaseFormat | None,
        typer.Option("--format", "-f", help="md (default, or the suffix of -o), txt or docx."),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="File to write (default: stdout; .docx gets a file named after the event).",
        ),
    ] = None,
    order: OrderOption = Order.office,
) -> None:
    """Draft the news release (新闻稿) from the record, in the articles' own form: when and
    where, the organisers, who attended grouped by office, who chaired, the agenda in one
    sentence (or the sessions with their 主持), a paragraph per item from its notes, votes,
    action items, sponsors.

    \b
    Example:
      assoc events release 3 --order given
      assoc --lang zh-Hant events release 5 -o 新闻稿.docx
    """
    from assoc_cli.cli.common import paper_format, write_paper
    from assoc_cli.events.release import release_paper
    from assoc_cli.meetings.papers import Paper

    chosen = paper_format(fmt, output, ReleaseFormat)
    with open_session(ctx, write=False) as (session, lang):
        target = _event(session, meeting)
        document, name = release_paper(
            session=session, meeting=target, lang=lang, order=order.value
        )
        write_paper(Paper(document, name), chosen, output, lang)


# ---------------------------------------------------------------- training classes

UnitOption = Annotated[
    str | None,
    typer.Option(
        "--unit",
        help="The unit that sends them (a member's name or short name, or any organisation).",
    ),
]


@app.command("class")
def class_(
    ctx: typer.Context,
    meeting: MeetingArgument,
    capacity: Annotated[int | None, typer.Option("--capacity", help="How many places.")] = None,
    fee_member: Annotated[
        str | None,
        typer.Option(
            "--fee-member", help="Fee per participant from a member in good standing, in yuan."
        ),
    ] = None,
    fee_other: Annotated[
        str | None, typer.Option("--fee-other", help="Fee per participant from others, in yuan.")
    ] = None,
    min_sessions: Annotated[
        int | None,
        typer.Option(
            "--min-sessions", help="Sessions to attend for the certificate (default: all)."
        ),
    ] = None,
) -> None:
    """Set a training class's places, its fee per participant (members in good standing and
    others; voluntary, never a condition of membership) and the sessions a certificate needs.

    \b
    Example:
      assoc events class 5 --capacity 120 --fee-member 0 --fee-other 800 --min-sessions 2
    """
    from assoc_cli.events.training import set_class_terms
    from assoc_cli.i18n.money import parse_amount

    def fen(text: str | None) -> int | None:
        if text is None:
            return None
        return 0 if text.strip() in ("0", "0.00") else parse_amount(text)

    with open_session(ctx) as (session, lang):
        target = _event(session, meeting)
        set_class_terms(
            session=session,
            meeting=target,
            capacity=capacity,
            fee_member=fen(fee_member),
            fee_other=fen(fee_other),
            min_sessions=min_sessions,
        )
        message(t("msg.event_class_set", lang, id=target.id))


@app.command("register")
def register_(
    ctx: typer.Context,
    meeting: MeetingArgument,
    people: Annotated[
        list[str], typer.Argument(help="Participants in order: 姓名, or 姓名|单位|职务.")
    ],
    unit: UnitOption = None,
    phone: Annotated[str | None, typer.Option("--phone", help="Phone (one participant).")] = None,
    waitlist: Annotated[
        bool,
        typer.Option(
            "--waitlist",
            help="Put those beyond the places on the waitlist (候补) instead of refusing.",
        ),
    ] = False,
) -> None:
    """Register participants for a training class: a member unit's people (the member fee
    when it is a member on the class day) or anyone else's. Beyond the places, nobody is
    registered unless --waitlist.

    \b
    Example:
      assoc events register 5 张伟 李娜 --unit 双涵
      assoc events register 5 "王强|淄博某某公司|工程师" --waitlist
    """
    from assoc_cli.events.training import WAITLISTED, Participant, register

    typed = []
    for text in people:
        person = _person(text)
        typed.append(
            Participant(person.name, person.organisation or unit or "", person.post, phone)
        )

    with open_session(ctx) as (session, lang):
        target = _event(session, meeting)
        added = register(session=session, meeting=target, people=typed, waitlist=waitlist)
        waiting = sum(1 for r in added if r.status == WAITLISTED)
        message(t("msg.event_registered", lang, count=len(added) - waiting, waiting=waiting))
        # A unit typed a little wrong is not a member: say so, its people pay the other fee.
        outside = sorted({r.unit for r in added if r.unit and r.member_id is None})
        if outside:
            message(t("msg.event_not_members", lang, units="、".join(outside)))


@app.command("cancel")
def cancel(
    ctx: typer.Context,
    meeting: MeetingArgument,
    name: Annotated[str, typer.Argument(help="The participant's name.")],
    unit: UnitOption = None,
) -> None:
    """Cancel a participant's registration; the first on the waitlist takes the place.

    \b
    Example:
      assoc events cancel 5 张伟
    """
    from assoc_cli.events.training import cancel_registration, find_registration

    with open_session(ctx) as (session, lang):
        target = _event(session, meeting)
        registration = find_registration(session=session, meeting=target, name=name, unit=unit)
        promoted = cancel_registration(session=session, meeting=target, registration=registration)
        message(t("msg.event_cancelled", lang, name=registration.name))
        if promoted is not None:
            message(t("msg.event_promoted", lang, name=promoted.name))


@app.command("registrations")
def registrations_(
    ctx: typer.Context,
    meeting: MeetingArgument,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """List a class's participants: unit, status, fee, paid, receipts, sessions attended.

    \b
    Example:
      assoc events registrations 5 -o 报名.xlsx
    """
    from assoc_cli.events.queries import registrations_listing

    with open_session(ctx, write=False) as (session, lang):
        target = _event(session, meeting)
        emit(registrations_listing(session=session, meeting=target), fmt, lang, output)


@app.command("pay")
def pay(
    ctx: typer.Context,
    meeting: MeetingArgument,
    name: Annotated[str, typer.Argument(help="The participant's name.")],
    unit: UnitOption = None,
    amount: Annotated[
        str | None, typer.Option("--amount", help="Amount in yuan (default: what is owed).")
    ] = None,
    on: Annotated[str | None, typer.Option("--on", help="Date paid (default today).")] = None,
    method: Annotated[str | None, typer.Option("--method", help="How: 转账, 现金, 微信…")] = None,
    again: Annotated[
        bool,
        typer.Option(
            "--again", help="Another payment of the same amount on the same day (not a repeat)."
        ),
    ] = False,
) -> None:
    """Record a participant's fee with the next receipt of the fees' own series (PX2022-0001);
    paying someone already paid in full is refused. Prints the receipt number.

    \b
    Example:
      assoc events pay 5 张伟 --on 2022-06-01 --method 转账
    """
    from assoc_cli.cli.common import date_option, today
    from assoc_cli.events.training import find_registration, pay_fee
    from assoc_cli.i18n.money import format_money, parse_amount

    day = date_option(on, "--on") or today()
    fen = parse_amount(amount) if amount is not None else None
    with open_session(ctx) as (session, lang):
        target = _event(session, meeting)
        registration = find_registration(session=session, meeting=target, name=name, unit=unit)
        fee = pay_fee(
            session=session,
            registration=registration,
            on=day,
            amount_fen=fen,
            method=method,
            again=again,
        )
        message(
            t(
                "msg.event_fee_paid",
                lang,
                name=registration.name,
                amount=format_money(fee.amount_fen),
                receipt=fee.receipt,
            )
        )
        echo(fee.receipt)


@app.command("void-fee")
def void_fee(
    ctx: typer.Context,
    receipt: Annotated[str, typer.Argument(help="The fee receipt, e.g. PX2022-0001.")],
    reason: Annotated[str, typer.Option("--reason", help="Why, e.g. 重复录入.")],
    on: Annotated[
        str | None, typer.Option("--on", help="Date of the void (default today).")
    ] = None,
) -> None:
    """Void a fee payment (作废): a reversal entry names it; the payment stays on record.

    \b
    Example:
      assoc events void-fee PX2022-0003 --reason 重复录入
    """
    from assoc_cli.cli.common import date_option, today
    from assoc_cli.events.training import void_fee as void

    day = date_option(on, "--on") or today()
    with open_session(ctx) as (session, lang):
        void(session=session, receipt=receipt, on=day, reason=reason)
        message(t("msg.event_fee_voided", lang, receipt=receipt))


@app.command("signin")
def signin(
    ctx: typer.Context,
    meeting: MeetingArgument,
    number: Annotated[int, typer.Argument(help="Session number (assoc events programme).")],
    names: Annotated[list[str] | None, typer.Argument(help="Participants who signed in.")] = None,
    everyone: Annotated[bool, typer.Option("--all", help="Every registered participant.")] = False,
    unit: UnitOption = None,
) -> None:
    """Record who signed in at a session (签到); a participant not registered (waitlisted or
    cancelled) or signed in twice is refused and nothing is recorded.

    \b
    Example:
      assoc events signin 5 1 张伟 李娜
      assoc events signin 5 2 --all
    """
    from assoc_cli.cli.common import usage_error
    from assoc_cli.events.service import session_at
    from assoc_cli.events.training import REGISTERED, find_registration, registrations, sign_in

    if bool(names) == everyone:
        raise usage_error(
            "name the participants, or give --all",
            zh="请写出学员姓名，或使用 --all",
            hint="'--all'",
        )
    with open_session(ctx) as (session, lang):
        target = _event(session, meeting)
        block = session_at(session=session, meeting=target, number=number)
        if everyone:
            chosen = [
                r for r in registrations(session=session, meeting=target) if r.status == REGISTERED
            ]
        else:
            chosen = [
                find_registration(session=session, meeting=target, name=name, unit=unit)
                for name in names or []
            ]
        rows = sign_in(session=session, block=block, registrations_in=chosen)
        message(t("msg.event_signed_in", lang, label=block.label, count=len(rows)))


@app.command("rate")
def rate(
    ctx: typer.Context,
    meeting: MeetingArgument,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """Attendance rate per session (出席率): registered, signed in, rate.

    \b
    Example:
      assoc events rate 5
    """
    from assoc_cli.events.queries import attendance_rate_listing

    with open_session(ctx, write=False) as (session, lang):
        target = _event(session, meeting)
        emit(attendance_rate_listing(session=session, meeting=target), fmt, lang, output)


@app.command("certify")
def certify(
    ctx: typer.Context,
    meeting: MeetingArgument,
    names: Annotated[
        list[str] | None,
        typer.Argument(help="Only these participants (default: all who earned one)."),
    ] = None,
    unit: UnitOption = None,
    on: Annotated[str | None, typer.Option("--on", help="Date of issue (default today).")] = None,
) -> None:
    """Issue certificates (结业证书) to participants who attended enough sessions, numbered
    gap-free per class (2020-01-0001); naming someone who did not is refused.

    \b
    Example:
      assoc events certify 5 --on 2020-06-05
    """
    from assoc_cli.cli.common import date_option, today
    from assoc_cli.events.certificates import issue_certificates
    from assoc_cli.events.training import find_registration

    day = date_option(on, "--on") or today()
    with open_session(ctx) as (session, lang):
        target = _event(session, meeting)
        chosen = (
            [
                find_registration(session=session, meeting=target, name=name, unit=unit)
                for name in names
            ]
            if names
            else None
        )
        rows = issue_certificates(session=session, meeting=target, on=day, chosen=chosen)
        message(t("msg.event_certified", lang, count=len(rows)))


@app.command("reissue")
def reissue(
    ctx: typer.Context,
    meeting: MeetingArgument,
    name: Annotated[str, typer.Argument(help="The participant's name.")],
    reason: Annotated[str, typer.Option("--reason", help="Why, e.g. 遗失.")],
    unit: UnitOption = None,
) -> None:
    """Reissue a certificate (补发): the same number; the reissue is counted and logged.

    \b
    Example:
      assoc events reissue 5 张伟 --reason 遗失
    """
    from assoc_cli.events.certificates import reissue_certificate
    from assoc_cli.events.training import find_registration

    with open_session(ctx) as (session, lang):
        target = _event(session, meeting)
        registration = find_registration(session=session, meeting=target, name=name, unit=unit)
        row = reissue_certificate(
            session=session, meeting=target, registration=registration, reason=reason
        )
        message(t("msg.event_reissued", lang, number=row.number, n=row.reissues))


@app.command("certificates")
def certificates(
    ctx: typer.Context,
    meeting: MeetingArgument,
    fmt: FormatOption = OutputFormat.table,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="A .docx (the certificates, one per page), .csv or .xlsx (the register).",
        ),
    ] = None,
) -> None:
    """The certificate register (证书登记表), or with -o FILE.docx the certificates
    themselves, one per A4 page.

    \b
    Example:
      assoc events certificates 5 -o 证书登记.csv
      assoc events certificates 5 -o 结业证书.docx
    """

    with open_session(ctx, write=False) as (session, lang):
        target = _event(session, meeting)
        if output is not None and output.suffix.lower() == ".docx":
            from assoc_cli.association.profile import get_association
            from assoc_cli.events.papers import certificates_paper
            from assoc_cli.files.papers import write_docx_pages

            profile = get_association(session)
            paper = certificates_paper(
                session=session,
                meeting=target,
                lang=lang,
                association=profile.name if profile else "",
            )
            write_docx_pages(paper.template, output, paper.pages)
            message(t("msg.written", lang, file=output))
            return
        from assoc_cli.events.papers import certificate_listing

        emit(certificate_listing(session=session, meeting=target), fmt, lang, output)


class PaperKind(StrEnum):
    """The class's papers."""

    programme = "programme"
    signin = "signin"
    participants = "participants"


@app.command("papers")
def papers(
    ctx: typer.Context,
    meeting: MeetingArgument,
    kind: Annotated[
        PaperKind,
        typer.Argument(
            help="programme (日程), signin (签到表, with --session) or participants (学员名单)."
        ),
    ],
    number: Annotated[
        int | None, typer.Option("--session", help="For signin: the session number.")
    ] = None,
    fmt: Annotated[
        ReleaseFormat | None,
        typer.Option("--format", "-f", help="md (default, or the suffix of -o), txt or docx."),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="File to write (default: stdout; .docx gets a file named after the class).",
        ),
    ] = None,
) -> None:
    """A class's papers, A4: the programme (日程: sessions, times, 主持, items with speakers),
    a session's sign-in sheet, the participants list.

    \b
    Example:
      assoc events papers 5 programme -o 日程.docx
      assoc events papers 5 signin --session 1 -o 上午签到表.docx
    """
    from assoc_cli.cli.common import paper_format, usage_error, write_paper
    from assoc_cli.events import papers as event_papers

    if kind == PaperKind.signin and number is None:
        raise usage_error(
            "a sign-in sheet is per session: add --session N",
            zh="签到表按场次：请加 --session N",
            hint="'--session'",
        )
    chosen = paper_format(fmt, output, ReleaseFormat)
    with open_session(ctx, write=False) as (session, lang):
        target = _event(session, meeting)
        if kind == PaperKind.programme:
            paper = event_papers.programme_paper(session=session, meeting=target, lang=lang)
        elif kind == PaperKind.signin:
            assert number is not None
            paper = event_papers.signin_paper(
                session=session, meeting=target, number=number, lang=lang
            )
        else:
            paper = event_papers.participants_paper(session=session, meeting=target, lang=lang)
        write_paper(paper, chosen, output, lang)


# ---------------------------------------------------------------- recurring series

series_app = typer.Typer(
    help=(
        "Recurring events (例会: 三会一课, 一月一茶叙…): add, list, extend, move, cancel, report."
        "\n\n\b\nExample:\n  assoc events series add 月度座谈会 --kind 座谈会 --unit month --nth 2 --weekday 4 --start 2022-01-01 --until 2022-12-31"
    ),
    no_args_is_help=True,
)
app.add_typer(series_app, name="series")

SeriesArgument = Annotated[str, typer.Argument(help="The series' name.")]


@series_app.command("add")
def series_add(
    ctx: typer.Context,
    name: SeriesArgument,
    kind: Annotated[str, typer.Option("--kind", help="The kind of meeting (座谈会, 会长办公会…).")],
    start: Annotated[str, typer.Option("--start", help="First day the rule counts from.")],
    until: Annotated[str, typer.Option("--until", help="Create the meetings up to this day.")],
    unit: Annotated[str, typer.Option("--unit", help="day, week or month.")] = "month",
    every: Annotated[
        int, typer.Option("--every", help="Every N units (半月一碰头: --unit day --every 14).")
    ] = 1,
    nth: Annotated[
        int | None, typer.Option("--nth", help="With --unit month: the nth weekday (1-5, -1 last).")
    ] = None,
    weekday: Annotated[
        int | None, typer.Option("--weekday", help="With --nth: 1 Monday … 7 Sunday.")
    ] = None,
    end: Annotated[
        str | None, typer.Option("--end", help="The series' last day, if it has one.")
    ] = None,
    time: Annotated[str | None, typer.Option("--time", help="Start time, e.g. 14:30.")] = None,
    venue: Annotated[str | None, typer.Option("--venue", help="Venue.")] = None,
    topic: Annotated[
        str | None, typer.Option("--topic", help="Topic in each meeting's title.")
    ] = None,
) -> None:
    """Create a recurring series and its meetings ahead of time, up to --until: every N days,
    weeks or months, or the nth weekday of the month. Prints how many were created.

    \b
    Example:
      assoc events series add 一月一茶叙 --kind 座谈会 --unit month --nth -1 --weekday 5 --start 2022-01-01 --until 2022-12-31
      assoc events series add 半月一碰头 --kind 座谈会 --unit week --every 2 --start 2022-01-03 --until 2022-06-30
    """
    from assoc_cli.cli.common import date_option
    from assoc_cli.events.series import Rule, plan_series
    from assoc_cli.meetings.service import parse_time

    starts_on, last = date_option(start, "--start"), date_option(until, "--until")
    assert starts_on is not None and last is not None
    rule = Rule(unit, every, nth, weekday - 1 if weekday is not None else None)
    with open_session(ctx) as (session, lang):
        series, made = plan_series(
            session=session,
            name=name,
            kind=kind,
            rule=rule,
            starts_on=starts_on,
            until=last,
            ends_on=date_option(end, "--end"),
            starts_at=parse_time(time) if time else None,
            venue=venue,
            topic=topic,
        )
        message(t("msg.series_planned", lang, name=series.name, count=len(made)))
        echo(len(made))


@series_app.command("extend")
def series_extend(
    ctx: typer.Context,
    name: SeriesArgument,
    until: Annotated[str, typer.Option("--until", help="Create the meetings up to this day.")],
) -> None:
    """Create the series' next meetings up to --until (those already made are kept).

    \b
    Example:
      assoc events series extend 一月一茶叙 --until 2023-12-31
    """
    from assoc_cli.cli.common import date_option
    from assoc_cli.events.series import extend_series, find_series

    last = date_option(until, "--until")
    assert last is not None
    with open_session(ctx) as (session, lang):
        series = find_series(session=session, name=name)
        made = extend_series(session=session, series=series, until=last)
        message(t("msg.series_planned", lang, name=series.name, count=len(made)))
        echo(len(made))


@series_app.command("move")
def series_move(
    ctx: typer.Context,
    name: SeriesArgument,
    day: Annotated[str, typer.Argument(help="The meeting's day (as planned or as now set).")],
    to: Annotated[str, typer.Option("--to", help="The new day.")],
) -> None:
    """Move one meeting of a series to another day.

    \b
    Example:
      assoc events series move 一月一茶叙 2022-02-25 --to 2022-02-28
    """
    from assoc_cli.cli.common import date_option
    from assoc_cli.events.series import find_series, move_occurrence, occurrence_on

    when, new = date_option(day, "DAY"), date_option(to, "--to")
    assert when is not None and new is not None
    with open_session(ctx) as (session, lang):
        series = find_series(session=session, name=name)
        meeting = occurrence_on(session=session, series=series, day=when)
        move_occurrence(session=session, meeting=meeting, to=new)
        message(t("msg.series_moved", lang, name=series.name, day=when, to=new))


@series_app.command("cancel")
def series_cancel(
    ctx: typer.Context,
    name: SeriesArgument,
    day: Annotated[str, typer.Argument(help="The meeting's day.")],
    reason: Annotated[str, typer.Option("--reason", help="Why.")],
) -> None:
    """Cancel one meeting of a series (it keeps its number).

    \b
    Example:
      assoc events series cancel 一月一茶叙 2022-01-28 --reason 春节
    """
    from assoc_cli.cli.common import date_option
    from assoc_cli.events.series import cancel_occurrence, find_series, occurrence_on

    when = date_option(day, "DAY")
    assert when is not None
    with open_session(ctx) as (session, lang):
        series = find_series(session=session, name=name)
        meeting = occurrence_on(session=session, series=series, day=when)
        cancel_occurrence(session=session, meeting=meeting, reason=reason)
        message(t("msg.series_cancelled", lang, name=series.name, day=when))


@series_app.command("list")
def series_list(
    ctx: typer.Context,
    year: Annotated[
        int | None, typer.Option("--year", help="The year reported (default: this year).")
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Held means dated by this day (default today).")
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """Every series with its rule and, for a year, its meetings planned, held, cancelled and
    still to come.

    \b
    Example:
      assoc events series list --year 2022 --as-of 2022-12-31
    """
    from assoc_cli.cli.common import date_option, today
    from assoc_cli.events.queries import series_listing

    day = date_option(as_of, "--as-of") or today()
    with open_session(ctx, write=False) as (session, lang):
        listing = series_listing(session=session, year=year or day.year, as_of=day)
        emit(listing, fmt, lang, output)
