"""Meetings (会议): the secretariat's changes — a meeting created (numbered within its term
or year, with its kind's standing items), edited or cancelled; agenda items added, moved,
removed and noted; invitations by office, to all members, by name or to a person; and
attendance marked. Reading them is in ``queries``, kinds in ``kinds``, quorum and votes in
``votes``, the papers in ``papers``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Table, func, insert, literal, null, or_, union
from sqlalchemy import select as core_select
from sqlmodel import Session, SQLModel, col, select

from assoc_cli.db.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    DuesNotice,
    Meeting,
    MeetingKind,
    Member,
    Office,
    OfficeHolding,
    Resolution,
    Term,
)
from assoc_cli.errors import (
    AmbiguousError,
    ConflictError,
    InvalidValueError,
    NotFoundError,
)
from assoc_cli.i18n.controls import one_line
from assoc_cli.meetings.choices import (
    AttendanceStatus,
    ItemKind,
    MeetingStatus,
    Numbering,
    Role,
)
from assoc_cli.meetings.kinds import check_item_kind, find_kind, template_items
from assoc_cli.meetings.queries import agenda, describe, members_on
from assoc_cli.organisation.terms import current_term

_TIME = re.compile(r"^([01]?\d|2[0-3])[:：]([0-5]\d)$")
attendance_t: Table = SQLModel.metadata.tables[str(Attendance.__tablename__)]
member_t: Table = SQLModel.metadata.tables[str(Member.__tablename__)]
holding_t: Table = SQLModel.metadata.tables[str(OfficeHolding.__tablename__)]
office_t: Table = SQLModel.metadata.tables[str(Office.__tablename__)]
resolution_t: Table = SQLModel.metadata.tables[str(Resolution.__tablename__)]
agenda_item_t: Table = SQLModel.metadata.tables[str(AgendaItem.__tablename__)]

# What a command tells people besides its result: (English, Simplified Chinese).
Note = tuple[str, str]
_ROLE_NAMES = {Role.attend.value: ("attend", "出席"), Role.sit_in.value: ("sit in", "列席")}


@dataclass
class MeetingChange:
    """A meeting created, edited or deleted, and what people should know about it: other
    meetings renumbered, held meetings that kept their numbers, a possible duplicate."""

    meeting: Meeting
    notes: list[Note]


# ---------------------------------------------------------------- meetings and titles


def parse_time(text: str) -> str:
    """14:30 -> "14:30"."""
    match = _TIME.match(text.strip())
    if not match:
        raise InvalidValueError(
            f'time "{text}" is not a time of day; write it like 14:30',
            zh=f"时间“{text}”不是一天中的时刻;请写成 14:30",
        )
    return f"{int(match.group(1)):02d}:{match.group(2)}"


@dataclass(frozen=True)
class MeetingInput:
    """What ``meetings new`` was told; *chair* is a person, or a member unit whose
    representative chairs."""

    kind: str
    held_on: date
    starts_at: str | None = None
    venue: str | None = None
    chair: str | None = None
    term: int | None = None
    enlarged: bool = False
    topic: str | None = None
    title: str | None = None
    use_template: bool = True


def chair_name(*, session: Session, chair: str | None) -> str | None:
    """Who chairs: a chair named as a member unit (its name, number or short name) becomes
    its representative's name; anyone else stays as written."""
    if not chair:
        return chair
    from assoc_cli.errors import AssocError
    from assoc_cli.members.service import resolve_member

    try:
        member = resolve_member(session=session, query=chair)
    except AssocError:
        return chair
    return (
        member.representative or chair
        if member.name == chair or member.number == chair.upper() or member.short_name == chair
        else chair
    )


def held_meeting_ids(session: Session, ids: list[int]) -> set[int]:
    """Which of these meetings were held: attendance marked (present, leave, absent), a
    vote recorded or minutes noted. A held meeting keeps its number (it is in the record)."""
    if not ids:
        return set()
    a, r, i = attendance_t, resolution_t, agenda_item_t
    query = union(
        core_select(a.c.meeting_id).where(
            a.c.meeting_id.in_(ids), a.c.status != AttendanceStatus.invited.value
        ),
        core_select(r.c.meeting_id).where(r.c.meeting_id.in_(ids)),
        core_select(i.c.meeting_id).where(i.c.meeting_id.in_(ids), i.c.notes.is_not(None)),
    )
    return {int(meeting_id) for (meeting_id,) in session.connection().execute(query)}


def _span(session: Session, kind: MeetingKind, term_id: int | None, day: date) -> list[Meeting]:
    """The meetings numbered together with one of *kind* on *day*: its term's (二届…次), its
    year's (第…期) or, for a kind not numbered, all of that kind — in date order."""
    query = select(Meeting).where(Meeting.kind_id == kind.id)
    if kind.numbering == Numbering.term:
        query = query.where(Meeting.term_id == term_id)
    elif kind.numbering == Numbering.year:
        query = query.where(
            col(Meeting.held_on) >= date(day.year, 1, 1),
            col(Meeting.held_on) <= date(day.year, 12, 31),
        )
    return list(session.exec(query.order_by(col(Meeting.held_on), col(Meeting.id))))


def _span_key(kind: MeetingKind, term_id: int | None, day: date) -> tuple[object, ...]:
    """Which span a meeting is numbered in."""
    if kind.numbering == Numbering.term:
        return ("term", term_id)
    if kind.numbering == Numbering.year:
        return ("year", day.year)
    return ("kind",)


def _renumber_span(
    session: Session, kind: MeetingKind, term_id: int | None, day: date
) -> tuple[list[Meeting], set[int], dict[int, int]]:
    """Number the span's meetings by date: a held or cancelled meeting keeps its number
    (it was announced or is in the minutes); the others take, in date order, the next
    number after every meeting before them that no kept meeting uses.

    Stored numbers are rewritten (in the command's one transaction) rather than computed
    by a window function at read time: a kept number interrupts the date order, which
    ROW_NUMBER() cannot express, and every title and paper reads the stored number.
    Returns the span, the kept ids and {id: old number} of those renumbered."""
    meetings = _span(session, kind, term_id, day)
    held = held_meeting_ids(session, [m.id for m in meetings if m.id is not None])
    kept = {
        m.id
        for m in meetings
        if m.id is not None and (m.id in held or m.status == MeetingStatus.cancelled)
    }
    taken = {m.sequence for m in meetings if m.id in kept}
    last = 0
    renumbered: dict[int, int] = {}
    for meeting in meetings:
        if meeting.id in kept:
            last = max(last, meeting.sequence)
            continue
        number = last + 1
        while number in taken:
            number += 1
        if meeting.sequence != number and meeting.id is not None:
            renumbered[meeting.id] = meeting.sequence
            meeting.sequence = number
            session.add(meeting)
        last = number
    session.flush()
    return meetings, kept, renumbered


def _numbering_notes(
    session: Session,
    meeting: Meeting | None,
    span: list[Meeting],
    kept: set[int],
    renumbered: dict[int, int],
) -> list[Note]:
    """What the renumbering did, for the command to say: the meetings renumbered, and each
    held (or cancelled) meeting that keeps a lower number than a meeting dated before it."""
    notes: list[Note] = []
    movers = [m for m in span if m.id in renumbered or (meeting is not None and m.id == meeting.id)]
    for other in span:
        if meeting is not None and other.id == meeting.id:
            continue
        if other.id in renumbered:
            title = describe(session, other)
            notes.append(
                (
                    f"meeting #{other.id} ({other.held_on}) is now {title}",
                    f"会议 #{other.id}({other.held_on})改为:{title}",
                )
            )
        elif other.id in kept and any(
            m.held_on <= other.held_on and m.sequence > other.sequence for m in movers
        ):
            title = describe(session, other)
            why, why_zh = (
                ("was cancelled", "已取消")
                if other.status == MeetingStatus.cancelled
                else ("was held", "已召开")
            )
            notes.append(
                (
                    f"meeting #{other.id} {title} ({other.held_on}) {why}, so it keeps its "
                    "number though an earlier meeting now comes after it",
                    f"会议 #{other.id} {title}({other.held_on}){why_zh},保留原编号,"
                    "日期在它之前的会议排在它之后",
                )
            )
    return notes


def _same_day_notes(session: Session, meeting: Meeting) -> list[Note]:
    """A warning for each other meeting of the same kind on the same day (a duplicate?)."""
    others = session.exec(
        select(Meeting).where(
            Meeting.kind_id == meeting.kind_id,
            Meeting.held_on == meeting.held_on,
            Meeting.id != meeting.id,
        )
    )
    return [
        (
            f"meeting #{other.id} {describe(session, other)} is of the same kind on the same "
            f"day ({meeting.held_on}); if one is a mistake, remove it: "
            f"assoc meetings delete {meeting.id}",
            f"会议 #{other.id} {describe(session, other)}与本次会议类型相同、日期相同"
            f"({meeting.held_on});如有误建,请删除:assoc meetings delete {meeting.id}",
        )
        for other in others
    ]


def create_meeting(*, session: Session, data: MeetingInput) -> Meeting:
    """Create a meeting numbered within its term (or year), with its kind's standing items."""
    return new_meeting(session=session, data=data).meeting


def new_meeting(*, session: Session, data: MeetingInput) -> MeetingChange:
    """Create a meeting with its kind's standing items, numbered by date within its term
    (or year): one dated before un-held meetings of its kind takes its place and they move
    up; held ones keep their numbers (and the notes say so, and warn of another meeting of
    the same kind on the same day)."""
    chair = chair_name(session=session, chair=data.chair)
    kind = find_kind(session=session, name=data.kind)
    if data.term is not None:
        term = session.exec(select(Term).where(Term.number == data.term)).first()
        if term is None:
            raise NotFoundError(
                f"there is no term {data.term}; add it with: assoc terms add {data.term} --start …",
                zh=f"没有第 {data.term} 届;请添加:assoc terms add {data.term} --start …",
            )
    else:
        term = current_term(session=session, as_of=data.held_on)
    if kind.numbering == Numbering.term and term is None:
        raise NotFoundError(
            f"no term covers {data.held_on}; a {kind.name} is numbered within its term "
            "(二届二次…): "
            "add the term (assoc terms add N --start …) or name one with --term",
            zh=f"没有哪一届涵盖 {data.held_on};{kind.name}按届编号(二届二次…):"
            "请先添加这一届(assoc terms add N --start …),或用 --term 指定",
        )
    meeting = Meeting(
        kind_id=kind.id,  # type: ignore[arg-type]
        term_id=term.id if term else None,
        sequence=0,  # numbered by date below
        enlarged=data.enlarged,
        topic=(data.topic or "").strip() or None,
        title_override=one_line(data.title or "", "the meeting title") or None,
        held_on=data.held_on,
        starts_at=parse_time(data.starts_at) if data.starts_at else None,
        venue=(data.venue or "").strip() or None,
        chair=(chair or "").strip() or None,
        created_at=datetime.now(UTC),
    )
    session.add(meeting)
    session.flush()
    span, kept, renumbered = _renumber_span(session, kind, meeting.term_id, meeting.held_on)
    notes = _numbering_notes(session, meeting, span, kept, renumbered)
    notes += _same_day_notes(session, meeting)
    if data.use_template:
        for item in template_items(kind):
            add_item(
                session=session,
                meeting=meeting,
                title=item["title"],
                presenter=item.get("presenter"),
                kind=item.get("kind", ItemKind.report.value),
                minutes=item.get("minutes"),
            )
    return MeetingChange(meeting, notes)


def edit_meeting(*, session: Session, meeting: Meeting, changes: dict[str, Any]) -> Meeting:
    """Change date, time, venue, chair, topic, title or enlarged (see :func:`change_meeting`)."""
    return change_meeting(session=session, meeting=meeting, changes=changes).meeting


def change_meeting(*, session: Session, meeting: Meeting, changes: dict[str, Any]) -> MeetingChange:
    """Change date, time, venue, chair (resolved as ``new`` does), topic, title or enlarged.
    A new date renumbers the un-held meetings of its span by date; a held meeting keeps
    its number within its term (or year)."""
    if meeting.status == MeetingStatus.cancelled:
        raise ConflictError(
            f"meeting #{meeting.id} was cancelled; it can no longer be changed",
            zh=f"会议 #{meeting.id} 已取消,不能再修改",
        )
    if changes.get("starts_at"):
        changes["starts_at"] = parse_time(changes["starts_at"])
    if changes.get("chair"):
        changes["chair"] = chair_name(session=session, chair=changes["chair"])
    kind = session.get(MeetingKind, meeting.kind_id)
    assert kind is not None
    old_term, old_day = meeting.term_id, meeting.held_on
    moved = "held_on" in changes and changes["held_on"] != meeting.held_on
    if moved:
        term = current_term(session=session, as_of=changes["held_on"])
        if kind.numbering == Numbering.term and term is None:
            raise NotFoundError(
                f"no term covers {changes['held_on']}; a {kind.name} is numbered within its term",
                zh=f"没有哪一届涵盖 {changes['held_on']};{kind.name}按届编号",
            )
        moved_term = (
            kind.numbering == Numbering.term and term is not None and term.id != meeting.term_id
        )
        moved_year = (
            kind.numbering == Numbering.year and changes["held_on"].year != meeting.held_on.year
        )
        if moved_term or moved_year:
            meeting.term_id = term.id if term is not None else meeting.term_id
            # Last in its new span for now; a held meeting stays there, others move by date.
            span = _span(session, kind, meeting.term_id, changes["held_on"])
            meeting.sequence = max((m.sequence for m in span), default=0) + 1
    for key, value in changes.items():
        setattr(meeting, key, value.strip() or None if isinstance(value, str) else value)
    session.add(meeting)
    session.flush()
    notes: list[Note] = []
    if moved:
        if _span_key(kind, old_term, old_day) != _span_key(kind, meeting.term_id, meeting.held_on):
            span, kept, renumbered = _renumber_span(session, kind, old_term, old_day)
            notes += _numbering_notes(session, None, span, kept, renumbered)
        span, kept, renumbered = _renumber_span(session, kind, meeting.term_id, meeting.held_on)
        notes += _numbering_notes(session, meeting, span, kept, renumbered)
        notes += _same_day_notes(session, meeting)
    return MeetingChange(meeting, notes)


def delete_meeting(*, session: Session, meeting: Meeting) -> MeetingChange:
    """Remove a meeting created by mistake (a duplicate, a wrong kind) with its agenda and
    invitations; the later un-held meetings of its span move down a number. A meeting with
    attendance marked, votes, minutes or action items is part of the record: it can be
    cancelled, not deleted. Every row removed is in the audit log."""
    assert meeting.id is not None
    marked = session.exec(
        select(Attendance).where(
            Attendance.meeting_id == meeting.id,
            Attendance.status != AttendanceStatus.invited.value,
        )
    ).all()
    votes = session.exec(select(Resolution).where(Resolution.meeting_id == meeting.id)).all()
    items = agenda(session=session, meeting=meeting)
    noted = [item for item in items if item.notes]
    actions = session.exec(select(ActionItem).where(ActionItem.meeting_id == meeting.id)).all()
    records = [
        (len(marked), "attendance record(s)", "条出席记录"),
        (len(votes), "vote(s)", "项表决"),
        (len(noted), "agenda item(s) with minutes", "项议程纪要"),
        (len(actions), "action item(s)", "项工作事项"),
    ]
    held = [(n, en, zh) for n, en, zh in records if n]
    if held:
        en = ", ".join(f"{n} {what}" for n, what, _ in held)
        zh = "、".join(f"{n} {what}" for n, _, what in held)
        raise ConflictError(
            f"meeting #{meeting.id} has {en}: it is part of the record and cannot be deleted; "
            f'cancel it instead: assoc meetings cancel {meeting.id} --reason "…"',
            zh=f"会议 #{meeting.id} 已有{zh},属于会议记录,不能删除;"
            f"可以取消:assoc meetings cancel {meeting.id} --reason “…”",
        )
    kind = session.get(MeetingKind, meeting.kind_id)
    assert kind is not None
    invited = session.exec(select(Attendance).where(Attendance.meeting_id == meeting.id)).all()
    for row in [*invited, *items]:
        session.delete(row)
    session.flush()
    session.delete(meeting)
    session.flush()
    span, kept, renumbered = _renumber_span(session, kind, meeting.term_id, meeting.held_on)
    return MeetingChange(meeting, _numbering_notes(session, None, span, kept, renumbered))


def cancel_meeting(*, session: Session, meeting: Meeting, reason: str) -> Meeting:
    """Cancel a meeting; it keeps its number so later meetings are not renumbered."""
    if meeting.status == MeetingStatus.cancelled:
        raise ConflictError(
            f"meeting #{meeting.id} is already cancelled", zh=f"会议 #{meeting.id} 已经取消"
        )
    if not reason.strip():
        raise InvalidValueError(
            "say why the meeting is cancelled (--reason)", zh="请说明会议取消的原因(--reason)"
        )
    meeting.status = MeetingStatus.cancelled.value
    meeting.cancel_reason = reason.strip()
    session.add(meeting)
    session.flush()
    return meeting


# ---------------------------------------------------------------- agenda


def collecting_year(session: Session, day: date) -> int:
    """The dues year being collected on *day*: the year of the dues notice (会费收缴通知)
    sent most recently on or before it — seed 001's notice for 2022 went out on 18 November
    2021, so a meeting on 5 December 2021 reports 2022 — else *day*'s calendar year. (The
    dues policy has no setting for when a year's collection starts; the notices are the
    record of it.)"""
    year = session.exec(
        select(DuesNotice.year)
        .where(DuesNotice.kind == "notice", col(DuesNotice.sent_on) <= day)
        .order_by(col(DuesNotice.sent_on).desc(), col(DuesNotice.year).desc())
        .limit(1)
    ).first()
    return int(year) if year is not None else day.year


def _check_item(
    session: Session,
    meeting: Meeting,
    item: AgendaItem,
    others: list[AgendaItem],
) -> None:
    """Refuse an item the agenda already has: the same title, or a second dues report for
    the same year (the sentence would be read out twice) — e.g. one added by hand to a
    meeting whose kind's template brought one."""
    check_item_kind(item.kind)
    if item.minutes is not None and not 1 <= item.minutes <= 600:
        raise InvalidValueError("an item lasts 1 to 600 minutes", zh="议程事项时长为 1 到 600 分钟")
    if item.dues_as_of is not None and item.dues_as_of > meeting.held_on:
        raise InvalidValueError(
            f"the dues figures are as of {item.dues_as_of}, after the meeting "
            f"({meeting.held_on}); give a day on or before it",
            zh=f"会费数据截至 {item.dues_as_of},晚于会议日期({meeting.held_on});"
            "请给出会议当天或之前的日期",
        )
    for other in others:
        if other.title == item.title:
            raise ConflictError(
                f'meeting #{meeting.id} already has "{item.title}" as item {other.position}; '
                f"change it with: assoc meetings agenda edit {meeting.id} {other.position}",
                zh=f"会议 #{meeting.id} 的第 {other.position} 项议程已是“{item.title}”;"
                f"如需修改:assoc meetings agenda edit {meeting.id} {other.position}",
            )
        if item.kind == ItemKind.dues_report and other.kind == ItemKind.dues_report:
            year = item.dues_year or collecting_year(session, meeting.held_on)
            if (other.dues_year or collecting_year(session, meeting.held_on)) == year:
                raise ConflictError(
                    f"meeting #{meeting.id} already reports the {year} dues in item "
                    f'{other.position} ("{other.title}"); change that item with: '
                    f"assoc meetings agenda edit {meeting.id} {other.position}",
                    zh=f"会议 #{meeting.id} 的第 {other.position} 项议程(“{other.title}”)"
                    f"已通报{year}年度会费;如需修改:assoc meetings agenda edit "
                    f"{meeting.id} {other.position}",
                )


def add_item(
    *,
    session: Session,
    meeting: Meeting,
    title: str,
    presenter: str | None = None,
    kind: str = ItemKind.report.value,
    minutes: int | None = None,
    dues_year: int | None = None,
    dues_as_of: date | None = None,
    position: int | None = None,
) -> AgendaItem:
    """Add an agenda item at the end (or at *position*, moving the rest down); not one the
    agenda already has."""
    if not title.strip():
        raise InvalidValueError("an agenda item needs a title", zh="议程事项需要标题")
    items = agenda(session=session, meeting=meeting)
    item = AgendaItem(
        meeting_id=meeting.id,  # type: ignore[arg-type]
        position=len(items) + 1,
        title=one_line(title, "the item title"),
        presenter=one_line(presenter or "", "the presenter") or None,
        kind=kind,
        minutes=minutes,
        dues_year=dues_year,
        dues_as_of=dues_as_of,
    )
    _check_item(session, meeting, item, items)
    session.add(item)
    session.flush()
    if position is not None:
        move_item(session=session, meeting=meeting, number=item.position, to=position)
    return item


def edit_item(
    *, session: Session, meeting: Meeting, number: int, changes: dict[str, Any]
) -> AgendaItem:
    """Change item *number*'s title, presenter, kind, minutes, dues year or cut-off day
    (``agenda edit``); an empty presenter removes it."""
    item = item_at(session=session, meeting=meeting, number=number)
    others = [other for other in agenda(session=session, meeting=meeting) if other.id != item.id]
    if "title" in changes:
        if not changes["title"].strip():
            raise InvalidValueError("an agenda item needs a title", zh="议程事项需要标题")
        changes["title"] = one_line(changes["title"], "the item title")
    if "presenter" in changes:
        changes["presenter"] = one_line(changes["presenter"], "the presenter") or None
    for key, value in changes.items():
        setattr(item, key, value)
    _check_item(session, meeting, item, others)
    session.add(item)
    session.flush()
    return item


def item_at(*, session: Session, meeting: Meeting, number: int) -> AgendaItem:
    """Agenda item *number* (1-based), or an error naming the range."""
    items = agenda(session=session, meeting=meeting)
    if not 1 <= number <= len(items):
        raise InvalidValueError(
            f"meeting #{meeting.id} has {len(items)} agenda item(s); there is no item {number}",
            zh=f"会议 #{meeting.id} 共有 {len(items)} 项议程,没有第 {number} 项",
        )
    return items[number - 1]


def move_item(*, session: Session, meeting: Meeting, number: int, to: int) -> None:
    """Move item *number* to position *to*, renumbering the others."""
    items = agenda(session=session, meeting=meeting)
    item = item_at(session=session, meeting=meeting, number=number)
    if not 1 <= to <= len(items):
        raise InvalidValueError(
            f"position {to} is outside 1..{len(items)}", zh=f"位置 {to} 不在 1..{len(items)} 之内"
        )
    items.remove(item)
    items.insert(to - 1, item)
    _renumber(session, items)


def remove_item(*, session: Session, meeting: Meeting, number: int) -> AgendaItem:
    """Take item *number* off the agenda."""
    item = item_at(session=session, meeting=meeting, number=number)
    session.delete(item)
    session.flush()
    _renumber(session, agenda(session=session, meeting=meeting))
    return item


def _renumber(session: Session, items: list[AgendaItem]) -> None:
    # Two passes so the positions never collide mid-update.
    for index, item in enumerate(items, start=1):
        item.position = -index
        session.add(item)
    session.flush()
    for item in items:
        item.position = -item.position
        session.add(item)
    session.flush()


def note_item(*, session: Session, meeting: Meeting, number: int, text: str) -> AgendaItem:
    """Set the minutes' notes for an agenda item."""
    item = item_at(session=session, meeting=meeting, number=number)
    item.notes = text.strip() or None
    session.add(item)
    session.flush()
    return item


# ---------------------------------------------------------------- invitations and attendance


@dataclass
class Invitations:
    """What ``meetings invite`` did: how many were invited, and what it skipped and why."""

    added: int = 0
    notes: list[Note] = field(default_factory=list)

    def note(self, en: str, zh: str) -> None:
        """Say something about the invitations (a skip and its reason)."""
        self.notes.append((en, zh))


def _invite_many(
    session: Session,
    meeting: Meeting,
    invitations: list[tuple[int | None, str, str | None, str]],
    result: Invitations | None = None,
) -> int:
    """Invite (member id, person, title, role)s not invited yet; returns how many were new.
    Someone already invited — the same person for the same unit, or the same name where
    either invitation names no unit — is skipped, and *result* says so.

    A 会员大会 may have thousands of members, so this takes a fixed number of statements:
    who is invited already, one INSERT for all the new invitations (the ORM would send one
    per row on SQLite), reading them back, and their audit log entries in one INSERT."""
    from assoc_cli.db.audit import record_inserts

    assert meeting.id is not None
    session.flush()
    invited: dict[str, list[tuple[int | None, str]]] = {}
    for member_id, person, role in session.exec(
        select(Attendance.member_id, Attendance.person, Attendance.role).where(
            Attendance.meeting_id == meeting.id
        )
    ):
        invited.setdefault(person, []).append((member_id, role))
    new: list[dict[str, Any]] = []
    skipped: list[tuple[str, str]] = []
    for member_id, person, title, role in invitations:
        same = [
            other_role
            for other, other_role in invited.get(person, [])
            if other == member_id or other is None or member_id is None
        ]
        if same:
            skipped.append((person, same[0]))
            continue
        invited.setdefault(person, []).append((member_id, role))
        new.append(
            {
                "meeting_id": meeting.id,
                "member_id": member_id,
                "person": person,
                "title": title,
                "role": role,
                "status": AttendanceStatus.invited.value,
                "reason": None,
                "proxy": None,
            }
        )
    if result is not None and skipped:
        _note_skipped(result, skipped[:8], len(skipped))
    if not new:
        return 0
    connection = session.connection()
    connection.execute(insert(attendance_t), new)
    added = {(row["member_id"], row["person"]) for row in new}
    rows = [
        dict(row)
        for row in connection.execute(
            core_select(attendance_t)
            .where(attendance_t.c.meeting_id == meeting.id)
            .order_by(attendance_t.c.id)
        ).mappings()
        if (row["member_id"], row["person"]) in added
    ]
    record_inserts(session, attendance_t, rows)
    return len(new)


def _note_skipped(result: Invitations, shown: list[tuple[str, str]], count: int) -> None:
    """Say that *count* were already invited, naming *shown* (person, role)."""
    more = count - len(shown)
    en = ", ".join(f"{p} ({_ROLE_NAMES.get(r, (r, r))[0]})" for p, r in shown)
    zh = "、".join(f"{p}（{_ROLE_NAMES.get(r, (r, r))[1]}）" for p, r in shown)
    result.note(
        f"skipped {count} already invited: {en}{f' and {more} more' if more else ''}"
        " (to change a role: uninvite, then invite again)",
        f"跳过已受邀的 {count} 人：{zh}{f'等 {more} 人' if more else ''}"
        "（如需改变身份，请先 uninvite 再邀请）",
    )


def invite_offices(
    *,
    session: Session,
    meeting: Meeting,
    offices: list[str],
    role: str,
    result: Invitations | None = None,
) -> int:
    """Invite the holders of these offices in the meeting's term; returns how many were new."""
    if meeting.term_id is None:
        raise InvalidValueError(
            f"meeting #{meeting.id} belongs to no term; invite members by name",
            zh=f"会议 #{meeting.id} 不属于任何一届;请按名称邀请会员",
        )
    known = {office.name: office for office in session.exec(select(Office))}
    for name in offices:
        if name not in known:
            raise NotFoundError(
                f'there is no office "{name}"; the offices are: {", ".join(known)}',
                zh=f"没有职务“{name}”;现有职务:{'、'.join(known)}",
            )
    # A holder of two of these offices is invited once, with the higher office as title.
    h, o, m = holding_t, office_t, member_t
    holders = list(
        session.connection().execute(
            core_select(h.c.member_id, h.c.person, m.c.representative, m.c.name, o.c.name)
            .select_from(h.join(o, o.c.id == h.c.office_id).join(m, m.c.id == h.c.member_id))
            .where(h.c.term_id == meeting.term_id, o.c.name.in_(offices))
            .order_by(o.c.rank, h.c.id)
        )
    )
    held = {row[4] for row in holders}
    vacant = [name for name in offices if name not in held]
    if result is not None and vacant:
        result.note(
            f"nobody holds {', '.join(vacant)} in this meeting's term",
            f"本次会议所在届次无人担任{'、'.join(vacant)}",
        )
    return _invite_many(
        session,
        meeting,
        [
            (member_id, holder or representative or name, office, role)
            for member_id, holder, representative, name, office in holders
        ],
        result,
    )


def invite_all_members(
    *, session: Session, meeting: Meeting, role: str, result: Invitations | None = None
) -> int:
    """Invite every member in good standing on the meeting's date, through its
    representative; returns how many were new.

    A 会员大会 of a federation invites hundreds of thousands: this is set-based, whatever
    the roster — one INSERT … SELECT of the members not yet invited (the same rule as
    :func:`_invite_many`: the same person for the same unit, or already invited as a
    guest), the skipped ones counted and the first few named in SQL, and one more for
    their audit entries. Nothing per member passes through Python: memory stays flat."""
    from assoc_cli.db.audit import record_inserted

    assert meeting.id is not None
    session.flush()
    m, a = member_t, attendance_t
    person = func.coalesce(func.nullif(m.c.representative, ""), m.c.name)
    same_unit = (
        core_select(a.c.id)
        .where(a.c.meeting_id == meeting.id, a.c.member_id == m.c.id, a.c.person == person)
        .exists()
    )
    as_guest = (
        core_select(a.c.id)
        .where(a.c.meeting_id == meeting.id, a.c.member_id.is_(None), a.c.person == person)
        .exists()
    )
    in_standing = members_on(meeting.held_on)
    connection = session.connection()
    if result is not None:
        held_role = (
            core_select(a.c.role)
            .where(
                a.c.meeting_id == meeting.id,
                a.c.person == person,
                or_(a.c.member_id == m.c.id, a.c.member_id.is_(None)),
            )
            .limit(1)
            .scalar_subquery()
        )
        skipped = core_select(person.label("person"), held_role.label("role")).where(
            in_standing, or_(same_unit, as_guest)
        )
        count = connection.execute(
            core_select(func.count()).select_from(skipped.subquery())
        ).scalar_one()
        if count:
            shown = connection.execute(skipped.order_by(m.c.id).limit(8)).all()
            _note_skipped(result, [(name, role) for name, role in shown], count)
    before = connection.execute(core_select(func.coalesce(func.max(a.c.id), 0))).scalar_one()
    chosen = (
        core_select(
            literal(meeting.id),
            m.c.id,
            person,
            null(),
            literal(role),
            literal(AttendanceStatus.invited.value),
        )
        .where(in_standing, ~same_unit, ~as_guest)
        .order_by(m.c.id)
    )
    columns = ["meeting_id", "member_id", "person", "title", "role", "status"]
    connection.execute(insert(a).from_select(columns, chosen))
    return record_inserted(session, a, (a.c.meeting_id == meeting.id) & (a.c.id > before))


def invite_member(
    *,
    session: Session,
    meeting: Meeting,
    member: Member,
    role: str,
    person: str | None,
    title: str | None,
    result: Invitations | None = None,
) -> int:
    """Invite one member unit through its representative (or *person*)."""
    who = one_line(person or member.representative or member.name, "the name")
    return _invite_many(session, meeting, [(member.id, who, title, role)], result)


def invite_person(
    *,
    session: Session,
    meeting: Meeting,
    person: str,
    title: str | None,
    role: str,
    result: Invitations | None = None,
) -> int:
    """Invite a person by name: someone on the roster (a unit's representative or an office
    holder, exactly as written) is invited for that unit; anyone else as a guest — one
    already on the guest list (invited to an earlier meeting as a guest), or a new one, and
    *result* says so (a misspelt name shows there)."""
    if not person.strip():
        raise InvalidValueError("name the person to invite", zh="请写明邀请谁")
    name = one_line(person, "the name")
    represented = select(Member.id).where(Member.representative == name)
    holding = select(OfficeHolding.member_id).where(OfficeHolding.person == name)
    if meeting.term_id is not None:
        holding = holding.where(OfficeHolding.term_id == meeting.term_id)
    units = sorted({*session.exec(represented), *session.exec(holding)})
    if len(units) > 1:
        names = [m.name for m in session.exec(select(Member).where(col(Member.id).in_(units)))]
        raise AmbiguousError(
            f"{name} is on the roster for several units ({', '.join(names)}); invite the unit "
            f"instead: assoc meetings invite {meeting.id} UNIT --person {name}",
            zh=f"名册上有多家单位的{name}({'、'.join(names)});请按单位邀请:"
            f"assoc meetings invite {meeting.id} 单位 --person {name}",
        )
    if units:
        return _invite_many(session, meeting, [(units[0], name, title, role)], result)
    known_guest = session.exec(
        select(Attendance.id).where(col(Attendance.member_id).is_(None), Attendance.person == name)
    ).first()
    added = _invite_many(session, meeting, [(None, name, title, role)], result)
    if added and known_guest is None and result is not None:
        result.note(
            f"{name} is not on the roster or the guest list: invited as a new guest "
            "(check the spelling; for a unit's person: MEMBER --person NAME)",
            f"{name}不在会员名册或来宾名单中,已作为新来宾邀请"
            "(请核对姓名;单位人员请用:会员 --person 姓名)",
        )
    return added


def office_names(text: str) -> list[str]:
    """ "会长,执行会长、副会长，理事" -> the office names (split at ",", "，" and "、": a
    Chinese keyboard types the full-width comma)."""
    for separator in ("、", "，"):
        text = text.replace(separator, ",")
    return [name.strip() for name in text.split(",") if name.strip()]


def invite(
    *,
    session: Session,
    meeting: Meeting,
    offices: str | None = None,
    all_members: bool = False,
    members: list[str] | None = None,
    person: str | None = None,
    title: str | None = None,
    role: str = Role.attend.value,
) -> Invitations:
    """``assoc meetings invite``: the holders of *offices* (written "会长,副会长"), every member
    in good standing, member units by name (through their representatives, or *person* of
    those units), and else *person* by name (on the roster, or a guest) — in that order;
    says how many invitations were new and what was skipped and why."""
    from assoc_cli.members.service import resolve_member

    if role not in set(Role):
        raise InvalidValueError(
            f"the role is one of {', '.join(Role)}, not {role}",
            zh=f"身份只能是 {', '.join(Role)} 之一,不能是 {role}",
        )
    result = Invitations()
    if offices:
        result.added += invite_offices(
            session=session,
            meeting=meeting,
            offices=office_names(offices),
            role=role,
            result=result,
        )
    if all_members:
        result.added += invite_all_members(
            session=session, meeting=meeting, role=role, result=result
        )
    for query in members or []:
        member = resolve_member(session=session, query=query)
        result.added += invite_member(
            session=session,
            meeting=meeting,
            member=member,
            role=role,
            person=person,
            title=title,
            result=result,
        )
    if person and not members:
        result.added += invite_person(
            session=session, meeting=meeting, person=person, title=title, role=role, result=result
        )
    return result


def uninvite(*, session: Session, meeting: Meeting, whos: list[str]) -> list[Attendance]:
    """Withdraw invitations (by person, member number or name). Someone whose attendance
    was marked is in the record and stays (mark them invited first if that was a mistake)."""
    chosen = find_attendees(session=session, meeting=meeting, whos=whos)
    for attendee in chosen:
        if attendee.status != AttendanceStatus.invited:
            raise ConflictError(
                f"{attendee.person}'s attendance at meeting #{meeting.id} is marked "
                f"({attendee.status}); if that was a mistake, first: assoc meetings mark "
                f"{meeting.id} {attendee.person} --status invited",
                zh=f"{attendee.person} 在会议 #{meeting.id} 已登记出席情况,不能撤回邀请;"
                f"如登记有误,请先:assoc meetings mark {meeting.id} {attendee.person} "
                "--status invited",
            )
    for attendee in chosen:
        session.delete(attendee)
    session.flush()
    return chosen


def find_attendee(*, session: Session, meeting: Meeting, who: str) -> Attendance:
    """An invitee by person name, member number or member name."""
    return find_attendees(session=session, meeting=meeting, whos=[who])[0]


def find_attendees(*, session: Session, meeting: Meeting, whos: list[str]) -> list[Attendance]:
    """Invitees by person name, member number or member name, in the order asked for.

    The invitations are read once for all the names (not once per name), and exact matches
    are looked up in an index, so marking hundreds of names at a 会员大会 stays fast."""
    rows = attendees(session=session, meeting=meeting)
    exact_index: dict[str, list[int]] = {}
    number_index: dict[str, list[int]] = {}
    for index, (attendee, member) in enumerate(rows):
        keys = {attendee.person}
        if member is not None:
            keys.update(key for key in (member.name, member.short_name) if key)
            number_index.setdefault(member.number, []).append(index)
        for key in keys:
            exact_index.setdefault(key, []).append(index)
    found = []
    for who in whos:
        text = who.strip()
        hits = sorted(set(exact_index.get(text, [])) | set(number_index.get(text.upper(), [])))
        exact = [rows[index][0] for index in hits]
        if not exact:
            exact = [a for a, m in rows if text in a.person or (m is not None and text in m.name)]
        if not exact:
            raise NotFoundError(
                f'"{who}" is not invited to meeting #{meeting.id}; '
                "invite first: assoc meetings invite",
                zh=f"“{who}”未受邀参加会议 #{meeting.id};请先邀请:assoc meetings invite",
            )
        if len(exact) > 1:
            raise AmbiguousError(
                f'"{who}" matches several invitees: {", ".join(a.person for a in exact[:8])}',
                zh=f"“{who}”与多位受邀人相符:{'、'.join(a.person for a in exact[:8])}",
            )
        found.append(exact[0])
    return found


def mark(
    *, session: Session, attendee: Attendance, status: str, reason: str | None, proxy: str | None
) -> Attendance:
    """Mark an invitee present, on leave (请假, with a reason) or absent; a proxy counts as
    present."""
    mark_all(session=session, attendees=[attendee], status=status, reason=reason, proxy=proxy)
    return attendee


def mark_all(
    *,
    session: Session,
    attendees: list[Attendance],
    status: str,
    reason: str | None,
    proxy: str | None,
) -> None:
    """Mark many invitees alike, checked first and written in one flush (the UPDATEs and
    their audit entries go out as batches, not one round trip per invitee)."""
    if status not in set(AttendanceStatus):
        raise InvalidValueError(
            f"attendance is one of {', '.join(AttendanceStatus)}",
            zh=f"出席情况只能是 {', '.join(AttendanceStatus)} 之一",
        )
    if status == AttendanceStatus.leave and not (reason or "").strip():
        raise InvalidValueError(
            "leave (请假) needs a reason (--reason)", zh="请假需要说明理由(--reason)"
        )
    for attendee in attendees:
        if proxy and proxy.strip() == attendee.person:
            raise InvalidValueError(
                f"{attendee.person} cannot hold their own proxy",
                zh=f"{attendee.person} 不能委托自己",
            )
    for attendee in attendees:
        attendee.status = status
        attendee.reason = (reason or "").strip() or None
        attendee.proxy = (proxy or "").strip() or None
        session.add(attendee)
    session.flush()


def mark_attendance(
    *,
    session: Session,
    meeting: Meeting,
    whos: list[str] | None,
    everyone: bool,
    status: str,
    reason: str | None,
    proxy: str | None,
) -> list[Attendance]:
    """``assoc meetings mark``: the invitees named in *whos* (person, member number or name)
    and, with *everyone*, all not yet marked, marked alike; returns them in that order."""
    chosen = find_attendees(session=session, meeting=meeting, whos=whos) if whos else []
    if everyone:
        named = {attendee.id for attendee in chosen}
        chosen += [
            attendee
            for attendee, _ in attendees(session=session, meeting=meeting)
            if attendee.status == AttendanceStatus.invited and attendee.id not in named
        ]
    mark_all(session=session, attendees=chosen, status=status, reason=reason, proxy=proxy)
    return chosen


def attendees(*, session: Session, meeting: Meeting) -> list[tuple[Attendance, Member | None]]:
    """Everyone invited, with the member unit they represent."""
    return list(
        session.exec(
            select(Attendance, Member)
            .outerjoin(Member, col(Member.id) == Attendance.member_id)
            .where(Attendance.meeting_id == meeting.id)
        )
    )
