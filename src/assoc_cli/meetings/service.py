"""Meetings (会议): the secretariat's changes — a meeting created (numbered within its term
or year, with its kind's standing items), edited or cancelled; agenda items added, moved,
removed and noted; invitations by office, to all members, by name or to a person; and
attendance marked. Reading them is in ``queries``, kinds in ``kinds``, quorum and votes in
``votes``, the papers in ``papers``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Table, func, insert
from sqlalchemy import select as core_select
from sqlmodel import Session, SQLModel, col, select

from assoc_cli.db.models import (
    AgendaItem,
    Attendance,
    Meeting,
    MeetingKind,
    Member,
    Office,
    OfficeHolding,
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
from assoc_cli.meetings.queries import agenda, members_on
from assoc_cli.organisation.terms import current_term

_TIME = re.compile(r"^([01]?\d|2[0-3])[:：]([0-5]\d)$")
attendance_t: Table = SQLModel.metadata.tables[str(Attendance.__tablename__)]
member_t: Table = SQLModel.metadata.tables[str(Member.__tablename__)]
holding_t: Table = SQLModel.metadata.tables[str(OfficeHolding.__tablename__)]
office_t: Table = SQLModel.metadata.tables[str(Office.__tablename__)]


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


def _next_sequence(session: Session, kind: MeetingKind, term: Term | None, held_on: date) -> int:
    query = select(func.max(Meeting.sequence)).where(Meeting.kind_id == kind.id)
    if kind.numbering == Numbering.term:
        query = query.where(Meeting.term_id == (term.id if term else None))
    elif kind.numbering == Numbering.year:
        query = query.where(
            col(Meeting.held_on) >= date(held_on.year, 1, 1),
            col(Meeting.held_on) <= date(held_on.year, 12, 31),
        )
    highest = session.exec(query).one()
    return int(highest or 0) + 1


def create_meeting(*, session: Session, data: MeetingInput) -> Meeting:
    """Create a meeting numbered within its term (or year), with its kind's standing items."""
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
        sequence=_next_sequence(session, kind, term, data.held_on),
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
    return meeting


def edit_meeting(*, session: Session, meeting: Meeting, changes: dict[str, Any]) -> Meeting:
    """Change date, time, venue, chair, topic, title or enlarged; the number stays."""
    if meeting.status == MeetingStatus.cancelled:
        raise ConflictError(
            f"meeting #{meeting.id} was cancelled; it can no longer be changed",
            zh=f"会议 #{meeting.id} 已取消,不能再修改",
        )
    if changes.get("starts_at"):
        changes["starts_at"] = parse_time(changes["starts_at"])
    if "held_on" in changes and changes["held_on"] != meeting.held_on:
        kind = session.get(MeetingKind, meeting.kind_id)
        assert kind is not None
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
            # A different term (or year) means a different running number there.
            sequence = _next_sequence(session, kind, term, changes["held_on"])
            meeting.term_id = term.id if term is not None else None
            meeting.sequence = sequence
    for key, value in changes.items():
        setattr(meeting, key, value.strip() or None if isinstance(value, str) else value)
    session.add(meeting)
    session.flush()
    return meeting


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


def add_item(
    *,
    session: Session,
    meeting: Meeting,
    title: str,
    presenter: str | None = None,
    kind: str = ItemKind.report.value,
    minutes: int | None = None,
    dues_year: int | None = None,
    position: int | None = None,
) -> AgendaItem:
    """Add an agenda item at the end (or at *position*, moving the rest down)."""
    if not title.strip():
        raise InvalidValueError("an agenda item needs a title", zh="议程事项需要标题")
    check_item_kind(kind)
    if minutes is not None and not 1 <= minutes <= 600:
        raise InvalidValueError("an item lasts 1 to 600 minutes", zh="议程事项时长为 1 到 600 分钟")
    items = agenda(session=session, meeting=meeting)
    item = AgendaItem(
        meeting_id=meeting.id,  # type: ignore[arg-type]
        position=len(items) + 1,
        title=one_line(title, "the item title"),
        presenter=one_line(presenter or "", "the presenter") or None,
        kind=kind,
        minutes=minutes,
        dues_year=dues_year,
    )
    session.add(item)
    session.flush()
    if position is not None:
        move_item(session=session, meeting=meeting, number=item.position, to=position)
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


def _invite(
    session: Session,
    meeting: Meeting,
    member_id: int | None,
    person: str,
    title: str | None,
    role: str,
) -> bool:
    same_member = (
        col(Attendance.member_id).is_(None)
        if member_id is None
        else col(Attendance.member_id) == member_id
    )
    existing = session.exec(
        select(Attendance).where(
            Attendance.meeting_id == meeting.id, same_member, Attendance.person == person
        )
    ).first()
    if existing is not None:
        return False
    assert meeting.id is not None
    session.add(
        Attendance(
            meeting_id=meeting.id, member_id=member_id, person=person, title=title, role=role
        )
    )
    return True


def invite_offices(*, session: Session, meeting: Meeting, offices: list[str], role: str) -> int:
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
    holders = session.connection().execute(
        core_select(h.c.member_id, h.c.person, m.c.representative, m.c.name, o.c.name)
        .select_from(h.join(o, o.c.id == h.c.office_id).join(m, m.c.id == h.c.member_id))
        .where(h.c.term_id == meeting.term_id, o.c.name.in_(offices))
        .order_by(o.c.rank, h.c.id)
    )
    return _invite_many(
        session,
        meeting,
        [
            (member_id, holder or representative or name, office, role)
            for member_id, holder, representative, name, office in holders
        ],
    )


def invite_all_members(*, session: Session, meeting: Meeting, role: str) -> int:
    """Invite every member in good standing on the meeting's date, through its representative."""
    members = (
        select(Member.id, Member.representative, Member.name)
        .where(members_on(meeting.held_on))
        .order_by(col(Member.id))
    )
    return _invite_many(
        session,
        meeting,
        [
            (member_id, representative or name, None, role)
            for member_id, representative, name in session.exec(members)
        ],
    )


def _invite_many(
    session: Session,
    meeting: Meeting,
    invitations: list[tuple[int | None, str, str | None, str]],
) -> int:
    """Invite (member id, person, title, role)s not invited yet; returns how many were new.

    A 会员大会 may have thousands of members, so this takes a fixed number of statements:
    who is invited already, one INSERT for all the new invitations (the ORM would send one
    per row on SQLite), reading them back, and their audit log entries in one INSERT."""
    from assoc_cli.db.audit import record_inserts

    assert meeting.id is not None
    session.flush()
    invited = {
        (member_id, person)
        for member_id, person in session.exec(
            select(Attendance.member_id, Attendance.person).where(
                Attendance.meeting_id == meeting.id
            )
        )
    }
    new: list[dict[str, Any]] = []
    for member_id, person, title, role in invitations:
        if (member_id, person) in invited:
            continue
        invited.add((member_id, person))
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


def invite_member(
    *,
    session: Session,
    meeting: Meeting,
    member: Member,
    role: str,
    person: str | None,
    title: str | None,
) -> int:
    """Invite one member unit through its representative (or *person*)."""
    added = _invite(
        session,
        meeting,
        member.id,
        (person or member.representative or member.name).strip(),
        title,
        role,
    )
    session.flush()
    return int(added)


def invite_person(
    *, session: Session, meeting: Meeting, person: str, title: str | None, role: str
) -> int:
    """Invite someone who is not a member unit (secretariat staff, a guest)."""
    if not person.strip():
        raise InvalidValueError("name the person to invite", zh="请写明邀请谁")
    added = _invite(session, meeting, None, one_line(person, "the name"), title, role)
    session.flush()
    return int(added)


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
) -> int:
    """``assoc meetings invite``: the holders of *offices* (written "会长,副会长"), every member
    in good standing, member units by name (through their representatives), and a person
    who is no member unit — in that order; returns how many invitations were new."""
    from assoc_cli.members.service import resolve_member

    if role not in set(Role):
        raise InvalidValueError(
            f"the role is one of {', '.join(Role)}, not {role}",
            zh=f"身份只能是 {', '.join(Role)} 之一,不能是 {role}",
        )
    count = 0
    if offices:
        count += invite_offices(
            session=session, meeting=meeting, offices=office_names(offices), role=role
        )
    if all_members:
        count += invite_all_members(session=session, meeting=meeting, role=role)
    for query in members or []:
        member = resolve_member(session=session, query=query)
        count += invite_member(
            session=session, meeting=meeting, member=member, role=role, person=None, title=title
        )
    if person:
        count += invite_person(
            session=session, meeting=meeting, person=person, title=title, role=role
        )
    return count


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
