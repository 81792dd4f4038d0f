"""Meetings (会议): kinds, numbering and titles, agendas, invitations and attendance,
quorum and votes. Titles follow the way Chinese associations write them:
淄博市装备制造业协会 + 二届 + 二次 + 会长办公 + (扩大) + 会."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Table, case, func, insert
from sqlalchemy import select as core_select
from sqlmodel import Session, SQLModel, col, select

from assoc_cli.db.models import (
    AgendaItem,
    Association,
    Attendance,
    Meeting,
    MeetingKind,
    Member,
    MembershipPeriod,
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
from assoc_cli.i18n.numerals import chinese_number
from assoc_cli.organisation.terms import current_term

ITEM_KINDS = (
    "study",
    "report",
    "reading",
    "discussion",
    "speech",
    "vote",
    "dues-report",
    "actions",
)
ROLES = ("attend", "sit-in")
STATUSES = ("invited", "present", "leave", "absent")
NUMBERINGS = ("term", "year", "none")
QUORUMS = ("two-thirds", "majority", "none")
THRESHOLDS = ("majority", "two-thirds")
VOTE_METHODS = {
    "无记名投票": "无记名投票",
    "secret": "无记名投票",
    "记名投票": "记名投票",
    "roll-call": "记名投票",
    "举手": "举手",
    "hands": "举手",
    "鼓掌": "鼓掌",
    "acclamation": "鼓掌",
}
_TIME = re.compile(r"^([01]?\d|2[0-3])[:：]([0-5]\d)$")
attendance_t: Table = SQLModel.metadata.tables[str(Attendance.__tablename__)]
member_t: Table = SQLModel.metadata.tables[str(Member.__tablename__)]
holding_t: Table = SQLModel.metadata.tables[str(OfficeHolding.__tablename__)]
office_t: Table = SQLModel.metadata.tables[str(Office.__tablename__)]


# ---------------------------------------------------------------- kinds


def find_kind(*, session: Session, name: str) -> MeetingKind:
    """A kind of meeting by name (会长办公会, 理事会…)."""
    kind = session.exec(select(MeetingKind).where(MeetingKind.name == name.strip())).first()
    if kind is None:
        names = ", ".join(k.name for k in list_kinds(session=session))
        raise NotFoundError(
            f'there is no meeting kind "{name}"; the kinds are: {names} '
            "(add one with: assoc meetings kinds NAME --numbering term)"
        )
    return kind


def list_kinds(*, session: Session) -> list[MeetingKind]:
    """Every kind of meeting."""
    return list(session.exec(select(MeetingKind).order_by(col(MeetingKind.id))))


def template_items(kind: MeetingKind) -> list[dict[str, Any]]:
    """The standing agenda items of a kind."""
    items = json.loads(kind.agenda_template or "[]")
    return [item for item in items if isinstance(item, dict) and item.get("title")]


def parse_template_item(text: str) -> dict[str, Any]:
    """ "标题|kind|presenter" -> a template item."""
    parts = [part.strip() for part in text.split("|")]
    if not parts[0]:
        raise InvalidValueError(
            f'template item "{text}" has no title; write it as 标题|kind|presenter'
        )
    item: dict[str, Any] = {
        "title": parts[0],
        "kind": parts[1] if len(parts) > 1 and parts[1] else "report",
    }
    check_item_kind(item["kind"])
    if len(parts) > 2 and parts[2]:
        item["presenter"] = parts[2]
    return item


def set_kind(
    *,
    session: Session,
    name: str,
    numbering: str | None,
    quorum: str | None,
    quorum_base: str | None,
    template: list[dict[str, Any]] | None,
) -> MeetingKind:
    """Add a kind of meeting or change its numbering, quorum rule or agenda template."""
    clean = name.strip()
    if not clean or len(clean) > 50:
        raise InvalidValueError("a meeting kind has a name of 1 to 50 characters")
    kind = session.exec(select(MeetingKind).where(MeetingKind.name == clean)).first()
    if kind is None:
        kind = MeetingKind(name=clean)
    for value, allowed, what in (
        (numbering, NUMBERINGS, "numbering"),
        (quorum, QUORUMS, "quorum"),
        (quorum_base, ("members", "invited"), "quorum base"),
    ):
        if value is not None and value not in allowed:
            raise InvalidValueError(f'{what} is one of {", ".join(allowed)}, not "{value}"')
    kind.numbering = numbering or kind.numbering or "term"
    kind.quorum = quorum or kind.quorum or "none"
    kind.quorum_base = quorum_base or kind.quorum_base or "invited"
    if template is not None:
        kind.agenda_template = json.dumps(template, ensure_ascii=False)
    session.add(kind)
    session.flush()
    return kind


# ---------------------------------------------------------------- meetings and titles


def check_item_kind(kind: str) -> str:
    """study, report, reading, discussion, speech, vote, dues-report or actions."""
    if kind not in ITEM_KINDS:
        raise InvalidValueError(f'agenda item kind is one of {", ".join(ITEM_KINDS)}, not "{kind}"')
    return kind


def parse_time(text: str) -> str:
    """14:30 -> "14:30"."""
    match = _TIME.match(text.strip())
    if not match:
        raise InvalidValueError(f'time "{text}" is not a time of day; write it like 14:30')
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def meeting_title(
    meeting: Meeting, kind: MeetingKind, term: Term | None, association: Association | None
) -> str:
    """The title as associations write it: 淄博市装备制造业协会二届二次会长办公(扩大)会;
    培训班 by year: …2020年制造业单项冠军第一期培训班; a given title wins."""
    if meeting.title_override:
        return meeting.title_override
    name = association.name if association else ""
    kind_name = kind.name
    if meeting.enlarged:
        kind_name = (
            kind_name[:-1] + "(扩大)会" if kind_name.endswith("会") else kind_name + "(扩大)"
        )
    topic = meeting.topic or ""
    if kind.numbering == "year":
        number = chinese_number(meeting.sequence)
        return f"{name}{meeting.held_on.year}年{topic}第{number}期{kind_name}"
    if kind.numbering == "term" and term is not None:
        term_cn, number = chinese_number(term.number), chinese_number(meeting.sequence)
        return f"{name}{term_cn}届{number}次{topic}{kind_name}"
    return f"{name}{topic}{kind_name}"


@dataclass(frozen=True)
class MeetingInput:
    """What ``meetings new`` was told."""

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


def _next_sequence(session: Session, kind: MeetingKind, term: Term | None, held_on: date) -> int:
    query = select(func.max(Meeting.sequence)).where(Meeting.kind_id == kind.id)
    if kind.numbering == "term":
        query = query.where(Meeting.term_id == (term.id if term else None))
    elif kind.numbering == "year":
        query = query.where(
            col(Meeting.held_on) >= date(held_on.year, 1, 1),
            col(Meeting.held_on) <= date(held_on.year, 12, 31),
        )
    highest = session.exec(query).one()
    return int(highest or 0) + 1


def create_meeting(*, session: Session, data: MeetingInput) -> Meeting:
    """Create a meeting numbered within its term (or year), with its kind's standing items."""
    kind = find_kind(session=session, name=data.kind)
    if data.term is not None:
        term = session.exec(select(Term).where(Term.number == data.term)).first()
        if term is None:
            raise NotFoundError(
                f"there is no term {data.term}; add it with: assoc terms add {data.term} --start …"
            )
    else:
        term = current_term(session=session, as_of=data.held_on)
    if kind.numbering == "term" and term is None:
        raise NotFoundError(
            f"no term covers {data.held_on}; a {kind.name} is numbered within its term "
            "(二届二次…): "
            "add the term (assoc terms add N --start …) or name one with --term"
        )
    meeting = Meeting(
        kind_id=kind.id,  # type: ignore[arg-type]
        term_id=term.id if term else None,
        sequence=_next_sequence(session, kind, term, data.held_on),
        enlarged=data.enlarged,
        topic=(data.topic or "").strip() or None,
        title_override=(data.title or "").strip() or None,
        held_on=data.held_on,
        starts_at=parse_time(data.starts_at) if data.starts_at else None,
        venue=(data.venue or "").strip() or None,
        chair=(data.chair or "").strip() or None,
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
                kind=item.get("kind", "report"),
                minutes=item.get("minutes"),
            )
    return meeting


def describe(session: Session, meeting: Meeting) -> str:
    """The meeting's title (for messages and documents)."""
    from assoc_cli.association.profile import get_association

    kind = session.get(MeetingKind, meeting.kind_id)
    assert kind is not None
    term = session.get(Term, meeting.term_id) if meeting.term_id else None
    return meeting_title(meeting, kind, term, get_association(session))


def describe_all(session: Session, meetings: list[Meeting]) -> dict[int, str]:
    """The titles of many meetings by id, with a fixed number of queries (not per meeting)."""
    from assoc_cli.association.profile import get_association

    if not meetings:
        return {}
    kinds = {kind.id: kind for kind in session.exec(select(MeetingKind))}
    terms = {term.id: term for term in session.exec(select(Term))}
    association = get_association(session)
    return {
        meeting.id: meeting_title(
            meeting,
            kinds[meeting.kind_id],
            terms.get(meeting.term_id) if meeting.term_id else None,
            association,
        )
        for meeting in meetings
        if meeting.id is not None
    }


def resolve_meeting(*, session: Session, query: str) -> Meeting:
    """A meeting by its number (#3 or 3), its date (2021-12-05) or a unique part of its title."""
    text = query.strip().lstrip("#")
    if text.isdigit() and len(text) < 8:
        meeting = session.get(Meeting, int(text))
        if meeting is None:
            raise NotFoundError(f"there is no meeting {query}; see: assoc meetings list")
        return meeting
    candidates = []
    try:
        from assoc_cli.i18n.dates import parse_date

        day = parse_date(text)
        candidates = list(session.exec(select(Meeting).where(Meeting.held_on == day)))
    except InvalidValueError:
        meetings = list(session.exec(select(Meeting).order_by(col(Meeting.held_on))))
        titles = describe_all(session, meetings)
        candidates = [m for m in meetings if text in titles[m.id or 0]]
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise NotFoundError(f'no meeting matches "{query}"; see: assoc meetings list')
    titles = describe_all(session, candidates[:6])
    shown = "; ".join(f"#{m.id} {titles[m.id or 0]} ({m.held_on})" for m in candidates[:6])
    raise AmbiguousError(f'"{query}" matches several meetings: {shown} — use the number (#N)')


def edit_meeting(*, session: Session, meeting: Meeting, changes: dict[str, Any]) -> Meeting:
    """Change date, time, venue, chair, topic, title or enlarged; the number stays."""
    if meeting.status == "cancelled":
        raise ConflictError(f"meeting #{meeting.id} was cancelled; it can no longer be changed")
    if changes.get("starts_at"):
        changes["starts_at"] = parse_time(changes["starts_at"])
    if "held_on" in changes and changes["held_on"] != meeting.held_on:
        kind = session.get(MeetingKind, meeting.kind_id)
        assert kind is not None
        term = current_term(session=session, as_of=changes["held_on"])
        if kind.numbering == "term" and term is None:
            raise NotFoundError(
                f"no term covers {changes['held_on']}; a {kind.name} is numbered within its term"
            )
        moved_term = kind.numbering == "term" and term is not None and term.id != meeting.term_id
        moved_year = kind.numbering == "year" and changes["held_on"].year != meeting.held_on.year
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
    if meeting.status == "cancelled":
        raise ConflictError(f"meeting #{meeting.id} is already cancelled")
    if not reason.strip():
        raise InvalidValueError("say why the meeting is cancelled (--reason)")
    meeting.status = "cancelled"
    meeting.cancel_reason = reason.strip()
    session.add(meeting)
    session.flush()
    return meeting


# ---------------------------------------------------------------- agenda


def agenda_sizes(*, session: Session, meetings: list[Meeting]) -> dict[int, int]:
    """How many agenda items each meeting has, in one query."""
    ids = [meeting.id for meeting in meetings if meeting.id is not None]
    if not ids:
        return {}
    query = (
        select(AgendaItem.meeting_id, func.count())
        .where(col(AgendaItem.meeting_id).in_(ids))
        .group_by(col(AgendaItem.meeting_id))
    )
    return {int(meeting_id): int(count) for meeting_id, count in session.exec(query)}


def agenda(*, session: Session, meeting: Meeting) -> list[AgendaItem]:
    """The agenda in order."""
    return list(
        session.exec(
            select(AgendaItem)
            .where(AgendaItem.meeting_id == meeting.id)
            .order_by(col(AgendaItem.position))
        )
    )


def add_item(
    *,
    session: Session,
    meeting: Meeting,
    title: str,
    presenter: str | None = None,
    kind: str = "report",
    minutes: int | None = None,
    dues_year: int | None = None,
    position: int | None = None,
) -> AgendaItem:
    """Add an agenda item at the end (or at *position*, moving the rest down)."""
    if not title.strip():
        raise InvalidValueError("an agenda item needs a title")
    check_item_kind(kind)
    if minutes is not None and not 1 <= minutes <= 600:
        raise InvalidValueError("an item lasts 1 to 600 minutes")
    items = agenda(session=session, meeting=meeting)
    item = AgendaItem(
        meeting_id=meeting.id,  # type: ignore[arg-type]
        position=len(items) + 1,
        title=title.strip(),
        presenter=(presenter or "").strip() or None,
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
            f"meeting #{meeting.id} has {len(items)} agenda item(s); there is no item {number}"
        )
    return items[number - 1]


def move_item(*, session: Session, meeting: Meeting, number: int, to: int) -> None:
    """Move item *number* to position *to*, renumbering the others."""
    items = agenda(session=session, meeting=meeting)
    item = item_at(session=session, meeting=meeting, number=number)
    if not 1 <= to <= len(items):
        raise InvalidValueError(f"position {to} is outside 1..{len(items)}")
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
        raise InvalidValueError(f"meeting #{meeting.id} belongs to no term; invite members by name")
    known = {office.name: office for office in session.exec(select(Office))}
    for name in offices:
        if name not in known:
            raise NotFoundError(f'there is no office "{name}"; the offices are: {", ".join(known)}')
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


def _member_on(day: date) -> Any:
    """Members in good standing on *day*, by their membership periods (not today's status)."""
    from sqlalchemy import exists, or_

    return exists().where(
        col(MembershipPeriod.member_id) == col(Member.id),
        or_(col(MembershipPeriod.joined_on).is_(None), col(MembershipPeriod.joined_on) <= day),
        or_(col(MembershipPeriod.left_on).is_(None), col(MembershipPeriod.left_on) >= day),
    )


def invite_all_members(*, session: Session, meeting: Meeting, role: str) -> int:
    """Invite every member in good standing on the meeting's date, through its representative."""
    members = (
        select(Member.id, Member.representative, Member.name)
        .where(_member_on(meeting.held_on))
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
                "status": "invited",
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
        raise InvalidValueError("name the person to invite")
    added = _invite(session, meeting, None, person.strip(), title, role)
    session.flush()
    return int(added)


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
                "invite first: assoc meetings invite"
            )
        if len(exact) > 1:
            raise AmbiguousError(
                f'"{who}" matches several invitees: {", ".join(a.person for a in exact[:8])}'
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
    if status not in STATUSES:
        raise InvalidValueError(f"attendance is one of {', '.join(STATUSES)}")
    if status == "leave" and not (reason or "").strip():
        raise InvalidValueError("leave (请假) needs a reason (--reason)")
    for attendee in attendees:
        if proxy and proxy.strip() == attendee.person:
            raise InvalidValueError(f"{attendee.person} cannot hold their own proxy")
    for attendee in attendees:
        attendee.status = status
        attendee.reason = (reason or "").strip() or None
        attendee.proxy = (proxy or "").strip() or None
        session.add(attendee)
    session.flush()


def attendees(*, session: Session, meeting: Meeting) -> list[tuple[Attendance, Member | None]]:
    """Everyone invited, with the member unit they represent."""
    return list(
        session.exec(
            select(Attendance, Member)
            .outerjoin(Member, col(Member.id) == Attendance.member_id)
            .where(Attendance.meeting_id == meeting.id)
        )
    )


@dataclass(frozen=True, slots=True)
class Invitee:
    """One invitation as the meeting papers read it: a plain row, not an ORM object, with
    the unit's name, representative title and phone (None for a person who is no member)."""

    id: int
    member_id: int | None
    person: str
    title: str | None
    role: str
    status: str
    reason: str | None
    proxy: str | None
    unit: str | None
    unit_title: str | None
    phone: str | None


def invitees(*, session: Session, meeting: Meeting) -> list[Invitee]:
    """Everyone invited, with their unit, in one Core query (for papers and listings)."""
    a, m = attendance_t, member_t
    query = (
        core_select(
            a.c.id,
            a.c.member_id,
            a.c.person,
            a.c.title,
            a.c.role,
            a.c.status,
            a.c.reason,
            a.c.proxy,
            m.c.name,
            m.c.representative_title,
            m.c.phone,
        )
        .select_from(a.outerjoin(m, m.c.id == a.c.member_id))
        .where(a.c.meeting_id == meeting.id)
        .order_by(a.c.id)
    )
    return [Invitee(*row) for row in session.connection().execute(query)]


def official_order(session: Session, rows: list[Invitee]) -> list[Invitee]:
    """Order of official lists: by office (会长 first), then surname stroke count (按姓氏笔画)."""
    from assoc_cli.i18n.sorting import stroke_key

    ranks = {name: rank for name, rank in session.exec(select(Office.name, Office.rank))}
    return sorted(
        rows,
        key=lambda row: (
            0 if row.role == "attend" else 1,
            ranks.get(row.title or "", 10_000),
            stroke_key(row.person),
            row.person,
        ),
    )


# ---------------------------------------------------------------- quorum and votes


@dataclass(frozen=True)
class Quorum:
    """Who should be there, who is, what the rule needs."""

    rule: str
    expected: int
    present: int
    required: int

    @property
    def met(self) -> bool | None:
        """True/False, or None when the kind has no quorum rule."""
        return None if self.rule == "none" else self.present >= self.required


def required_for(rule: str, expected: int) -> int:
    """Two thirds rounds up; a majority is more than half."""
    if rule == "two-thirds":
        return math.ceil(expected * 2 / 3)
    if rule == "majority":
        return expected // 2 + 1
    return 0


def quorum(*, session: Session, meeting: Meeting) -> Quorum:
    """Expected (应到), present (实到, proxies included), required and the rule."""
    kind = session.get(MeetingKind, meeting.kind_id)
    assert kind is not None
    invited, present = session.exec(
        select(
            func.count(),
            func.count(case((col(Attendance.status) == "present", 1))),
        ).where(Attendance.meeting_id == meeting.id, Attendance.role == "attend")
    ).one()
    if kind.quorum_base == "members":
        expected = session.exec(
            select(func.count()).select_from(Member).where(_member_on(meeting.held_on))
        ).one()
    else:
        expected = invited
    return Quorum(
        kind.quorum, int(expected), int(present), required_for(kind.quorum, int(expected))
    )


def parse_vote_method(text: str) -> str:
    """无记名投票, 记名投票, 举手 or 鼓掌."""
    method = VOTE_METHODS.get(text.strip())
    if method is None:
        raise InvalidValueError(
            f'voting method "{text}" is not one of 无记名投票, 记名投票, 举手, 鼓掌'
        )
    return method


def record_vote(
    *,
    session: Session,
    meeting: Meeting,
    topic: str,
    votes_for: int,
    against: int,
    abstain: int,
    method: str,
    threshold: str,
    present: int | None,
) -> Resolution:
    """Record a resolution: 应到/实到/赞成/反对/弃权, and whether it passed by the rule."""
    if not topic.strip():
        raise InvalidValueError("name the motion voted on")
    if threshold not in THRESHOLDS:
        raise InvalidValueError(f"threshold is majority or two-thirds, not {threshold}")
    if min(votes_for, against, abstain) < 0:
        raise InvalidValueError("vote counts cannot be negative")
    counted = quorum(session=session, meeting=meeting)
    if present is not None:
        if counted.present > 0:
            raise InvalidValueError(
                f"attendance is recorded ({counted.present} present); leave out --present"
            )
        if present < 1:
            raise InvalidValueError("--present must be 1 or more")
        if counted.expected and present > counted.expected:
            raise InvalidValueError(
                f"{present} present is more than the {counted.expected} expected"
            )
    there = present if present is not None else counted.present
    if there <= 0:
        raise InvalidValueError(
            "nobody is recorded present; mark attendance first (assoc meetings mark …) "
            "or give --present N"
        )
    if votes_for + against + abstain > there:
        raise InvalidValueError(
            f"{votes_for + against + abstain} votes were counted but only {there} were present"
        )
    passed = votes_for * 2 > there if threshold == "majority" else votes_for * 3 >= there * 2
    resolution = Resolution(
        meeting_id=meeting.id,  # type: ignore[arg-type]
        topic=topic.strip(),
        method=method,
        threshold=threshold,
        expected=max(counted.expected, there),
        present=there,
        votes_for=votes_for,
        votes_against=against,
        abstentions=abstain,
        passed=passed,
        created_at=datetime.now(UTC),
    )
    session.add(resolution)
    session.flush()
    return resolution


def resolutions(*, session: Session, meeting: Meeting | None = None) -> list[Resolution]:
    """Recorded votes, oldest first."""
    query = select(Resolution)
    if meeting is not None:
        query = query.where(Resolution.meeting_id == meeting.id)
    return list(session.exec(query.order_by(col(Resolution.id))))
