"""Writing an event's programme: organisers, sessions, where an agenda item belongs and who
speaks to it, the guests list, and the people at the event in their roles.

Every function checks before it writes, so a refused input leaves the database as it was
(the CLI commits once at the end). Agenda items themselves are the meeting's
(``assoc meetings agenda add``); an event adds their session and their speakers.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from assoc_cli.db.models import (
    AgendaItem,
    EventGuest,
    EventItem,
    EventOrganiser,
    EventPerson,
    EventSession,
    EventSpeaker,
    Meeting,
    Member,
)
from assoc_cli.errors import ConflictError, InvalidValueError, NotFoundError
from assoc_cli.events.choices import ORGANISER_ROLES, PERSON_ROLES, role_from_text
from assoc_cli.i18n.controls import one_line
from assoc_cli.meetings.service import item_at, parse_time


@dataclass(frozen=True)
class PersonInput:
    """A person as typed: name, organisation ("" for the association's own officers and
    staff), post (职务), and for guests a rank among officials (1 first) and a phone."""

    name: str
    organisation: str = ""
    post: str | None = None
    rank: int | None = None
    phone: str | None = None

    @classmethod
    def parse(cls, text: str) -> PersonInput:
        """ "姓名|单位|职务" (the unit and post may be left out) -> a person."""
        parts = [part.strip() for part in text.split("|")]
        if not parts[0] or len(parts) > 3:
            raise InvalidValueError(
                f'"{text}": write a person as 姓名|单位|职务 (unit and post may be left out)',
                zh=f"“{text}”：人员请写成 姓名|单位|职务（单位、职务可省略）",
            )
        return cls(
            name=parts[0],
            organisation=parts[1] if len(parts) > 1 else "",
            post=(parts[2] if len(parts) > 2 else "") or None,
        )

    def cleaned(self) -> PersonInput:
        """The same person with every field on one line, the post None when empty."""
        if not self.name.strip():
            raise InvalidValueError("a person needs a name", zh="人员需要姓名")
        if self.rank is not None and self.rank < 1:
            raise InvalidValueError("a rank is 1 or more (1 first)", zh="排序位次从 1 开始")
        return PersonInput(
            name=one_line(self.name, "the name"),
            organisation=one_line(self.organisation or "", "the organisation"),
            post=one_line(self.post or "", "the post") or None,
            rank=self.rank,
            phone=one_line(self.phone or "", "the phone") or None,
        )


# ---------------------------------------------------------------- organisers


def organiser_role(text: str) -> str:
    """主办/承办/协办/支持/赞助 (or host, organiser, co-organiser, support, sponsor)."""
    role = role_from_text(text, ORGANISER_ROLES)
    if role is None:
        allowed = "、".join(label.zh for label in ORGANISER_ROLES.values())
        raise InvalidValueError(
            f'an organiser\'s role is one of {", ".join(ORGANISER_ROLES)}, not "{text}"',
            zh=f"主办方角色只能是 {allowed} 之一，不能是“{text}”",
        )
    return role


def add_organisers(
    *, session: Session, meeting: Meeting, role: str, names: list[str]
) -> list[EventOrganiser]:
    """Add organisers in *role*, after those the role already has; a name the role already
    has is refused."""
    role = organiser_role(role)
    cleaned = [one_line(name, "the organiser") for name in names]
    if not cleaned or any(not name for name in cleaned):
        raise InvalidValueError("name at least one organiser", zh="请至少写一个单位")
    existing = list(
        session.exec(
            select(EventOrganiser)
            .where(EventOrganiser.meeting_id == meeting.id)
            .order_by(col(EventOrganiser.position))
        )
    )
    label = ORGANISER_ROLES[role].zh
    seen = {o.name for o in existing if o.role == role}
    for name in cleaned:
        if name in seen:
            raise ConflictError(
                f"{name} is already an organiser ({label}) of meeting #{meeting.id}",
                zh=f"{name} 已是会议 #{meeting.id} 的{label}单位",
            )
        seen.add(name)
    position = max((o.position for o in existing), default=0)
    added = []
    for name in cleaned:
        position += 1
        organiser = EventOrganiser(
            meeting_id=meeting.id,  # type: ignore[arg-type]
            role=role,
            position=position,
            name=name,
        )
        session.add(organiser)
        added.append(organiser)
    session.flush()
    return added


def remove_organiser(*, session: Session, meeting: Meeting, name: str) -> list[EventOrganiser]:
    """Remove an organiser (from every role it holds at *meeting*)."""
    rows = list(
        session.exec(
            select(EventOrganiser).where(
                EventOrganiser.meeting_id == meeting.id, EventOrganiser.name == name.strip()
            )
        )
    )
    if not rows:
        raise NotFoundError(
            f"{name} is not an organiser of meeting #{meeting.id}",
            zh=f"{name} 不是会议 #{meeting.id} 的主办方",
        )
    for row in rows:
        session.delete(row)
    session.flush()
    return rows


# ---------------------------------------------------------------- sessions


def add_session(
    *,
    session: Session,
    meeting: Meeting,
    label: str,
    starts_at: str | None = None,
    ends_at: str | None = None,
    focus: str | None = None,
    host: PersonInput | None = None,
) -> EventSession:
    """Add a block to the programme (上午, 下午, or a timed one) with its 主持 and focus."""
    label = one_line(label, "the session")
    if not label:
        raise InvalidValueError(
            "a session needs a label (上午, 下午…)", zh="场次需要名称（上午、下午……）"
        )
    start = parse_time(starts_at) if starts_at else None
    end = parse_time(ends_at) if ends_at else None
    if start and end and end <= start:
        raise InvalidValueError(
            f"the session ends ({end}) before it starts ({start})",
            zh=f"场次结束时间（{end}）不晚于开始时间（{start}）",
        )
    sessions = event_sessions(session=session, meeting=meeting)
    if any(s.label == label for s in sessions):
        raise ConflictError(
            f'meeting #{meeting.id} already has a session "{label}"',
            zh=f"会议 #{meeting.id} 已有场次“{label}”",
        )
    person = _resolved(session, host.cleaned()) if host else None
    if person is not None:
        remember_guest(session=session, person=person)
    row = EventSession(
        meeting_id=meeting.id,  # type: ignore[arg-type]
        position=len(sessions) + 1,
        label=label,
        starts_at=start,
        ends_at=end,
        focus=one_line(focus or "", "the focus") or None,
        host=person.name if person else None,
        host_organisation=(person.organisation or None) if person else None,
        host_post=person.post if person else None,
    )
    session.add(row)
    session.flush()
    return row


def event_sessions(*, session: Session, meeting: Meeting) -> list[EventSession]:
    """The meeting's sessions in programme order."""
    return list(
        session.exec(
            select(EventSession)
            .where(EventSession.meeting_id == meeting.id)
            .order_by(col(EventSession.position))
        )
    )


def session_at(*, session: Session, meeting: Meeting, number: int) -> EventSession:
    """Session *number* (1-based) of *meeting*."""
    sessions = event_sessions(session=session, meeting=meeting)
    if not 1 <= number <= len(sessions):
        raise InvalidValueError(
            f"meeting #{meeting.id} has {len(sessions)} session(s); there is no session {number}",
            zh=f"会议 #{meeting.id} 共有 {len(sessions)} 个场次，没有第 {number} 个",
        )
    return sessions[number - 1]


# ---------------------------------------------------------------- guests


def remember_guest(*, session: Session, person: PersonInput) -> EventGuest | None:
    """The guest *person* is, by name and organisation: found (its post, phone and rank
    brought up to date when given) or added. None for the association's own people (no
    organisation) and for a member unit's representative."""
    if not person.organisation or _member_named(session, person.organisation) is not None:
        return None
    guest = session.exec(
        select(EventGuest).where(
            EventGuest.name == person.name, EventGuest.organisation == person.organisation
        )
    ).first()
    if guest is None:
        guest = EventGuest(name=person.name, organisation=person.organisation)
    for field in ("post", "phone", "rank"):
        value = getattr(person, field)
        if value is not None and getattr(guest, field) != value:
            setattr(guest, field, value)
    session.add(guest)
    session.flush()
    return guest


def _resolved(session: Session, person: PersonInput) -> PersonInput:
    """*person* with a member unit named by its short name written in full (双涵 is
    山东双涵石化装备有限公司), so the release names the unit and duplicates are found."""
    member = _member_named(session, person.organisation) if person.organisation else None
    if member is None or member.name == person.organisation:
        return person
    from dataclasses import replace

    return replace(person, organisation=member.name)


def _member_named(session: Session, name: str) -> Member | None:
    return session.exec(
        select(Member).where((Member.name == name) | (Member.short_name == name))
    ).first()


def guests(*, session: Session, search: str | None = None) -> list[EventGuest]:
    """The guests list, by rank then name (officials first)."""
    query = select(EventGuest)
    if search:
        text = search.strip()
        query = query.where(
            col(EventGuest.name).contains(text) | col(EventGuest.organisation).contains(text)
        )
    return list(
        session.exec(
            query.order_by(
                func.coalesce(col(EventGuest.rank), 1_000_000),
                col(EventGuest.organisation),
                col(EventGuest.name),
            )
        )
    )


# ---------------------------------------------------------------- items and speakers


def place_item(
    *, session: Session, meeting: Meeting, number: int, session_number: int
) -> AgendaItem:
    """Put agenda item *number* in session *session_number*."""
    item = item_at(session=session, meeting=meeting, number=number)
    block = session_at(session=session, meeting=meeting, number=session_number)
    link = session.get(EventItem, item.id)
    if link is None:
        link = EventItem(agenda_item_id=item.id, session_id=block.id)  # type: ignore[arg-type]
    link.session_id = block.id  # type: ignore[assignment]
    session.add(link)
    session.flush()
    return item


def add_speakers(
    *, session: Session, meeting: Meeting, number: int, people: list[PersonInput]
) -> list[EventSpeaker]:
    """Add speakers to agenda item *number*, in order; a speaker the item already has (the
    same name and organisation) is refused. A speaker from outside joins the guests list."""
    item = item_at(session=session, meeting=meeting, number=number)
    existing = speakers_of(session=session, item_ids=[item.id or 0]).get(item.id or 0, [])
    seen = {(s.name, s.organisation) for s in existing}
    cleaned = [_resolved(session, person.cleaned()) for person in people]
    for person in cleaned:
        if (person.name, person.organisation) in seen:
            raise ConflictError(
                f"{person.name} already speaks to item {number} of meeting #{meeting.id}",
                zh=f"{person.name} 已是会议 #{meeting.id} 第 {number} 项议程的发言人",
            )
        seen.add((person.name, person.organisation))
    position = max((s.position for s in existing), default=0)
    added = []
    for person in cleaned:
        position += 1
        member = _member_named(session, person.organisation) if person.organisation else None
        guest = remember_guest(session=session, person=person)
        speaker = EventSpeaker(
            agenda_item_id=item.id,  # type: ignore[arg-type]
            position=position,
            name=person.name,
            organisation=person.organisation,
            post=person.post,
            member_id=member.id if member else None,
            guest_id=guest.id if guest else None,
        )
        session.add(speaker)
        added.append(speaker)
    session.flush()
    return added


def speakers_of(*, session: Session, item_ids: list[int]) -> dict[int, list[EventSpeaker]]:
    """The speakers of the agenda items *item_ids*, in order, by item."""
    found: dict[int, list[EventSpeaker]] = {}
    if not item_ids:
        return found
    for speaker in session.exec(
        select(EventSpeaker)
        .where(col(EventSpeaker.agenda_item_id).in_(item_ids))
        .order_by(col(EventSpeaker.agenda_item_id), col(EventSpeaker.position))
    ):
        found.setdefault(speaker.agenda_item_id, []).append(speaker)
    return found


# ---------------------------------------------------------------- the people at an event


def person_role(text: str) -> str:
    """出席/列席/参加/特邀 (or attend, sit-in, join, special)."""
    role = role_from_text(text, PERSON_ROLES)
    if role is None:
        allowed = "、".join(label.zh for label in PERSON_ROLES.values())
        raise InvalidValueError(
            f'a role is one of {", ".join(PERSON_ROLES)}, not "{text}"',
            zh=f"身份只能是 {allowed} 之一，不能是“{text}”",
        )
    return role


def add_people(
    *,
    session: Session,
    meeting: Meeting,
    role: str,
    people: list[PersonInput],
    group: str | None = None,
) -> list[EventPerson]:
    """Add people to *meeting* in *role*, after those already there (the order typed is
    kept for ``--order given``); someone already at the meeting (the same name and
    organisation) is refused, and so is the same person typed twice."""
    role = person_role(role)
    cleaned = [_resolved(session, person.cleaned()) for person in people]
    if not cleaned:
        raise InvalidValueError("name at least one person", zh="请至少写一个人")
    existing = event_people(session=session, meeting=meeting)
    seen = {(p.name, p.organisation): p for p in existing}
    typed: set[tuple[str, str]] = set()
    for person in cleaned:
        key = (person.name, person.organisation)
        where = f"{person.organisation} " if person.organisation else ""
        if key in typed:
            raise ConflictError(
                f"{where}{person.name} is typed twice", zh=f"{where}{person.name} 重复填写"
            )
        typed.add(key)
        if key in seen:
            already = PERSON_ROLES[seen[key].role]
            raise ConflictError(
                f"{where}{person.name} is already at meeting #{meeting.id} ({already.en})",
                zh=f"{where}{person.name} 已在会议 #{meeting.id} 的名单中（{already.zh}）",
            )
    position = max((p.position for p in existing), default=0)
    label = one_line(group or "", "the group") or None
    added = []
    for person in cleaned:
        position += 1
        member = _member_named(session, person.organisation) if person.organisation else None
        guest = remember_guest(session=session, person=person)
        row = EventPerson(
            meeting_id=meeting.id,  # type: ignore[arg-type]
            role=role,
            position=position,
            name=person.name,
            organisation=person.organisation,
            post=person.post,
            group_label=label,
            rank=person.rank,
            member_id=member.id if member else None,
            guest_id=guest.id if guest else None,
        )
        session.add(row)
        added.append(row)
    session.flush()
    return added


def remove_person(*, session: Session, meeting: Meeting, name: str) -> list[EventPerson]:
    """Take someone off the meeting's list (by name)."""
    rows = [p for p in event_people(session=session, meeting=meeting) if p.name == name.strip()]
    if not rows:
        raise NotFoundError(
            f"{name} is not on the list of meeting #{meeting.id}",
            zh=f"{name} 不在会议 #{meeting.id} 的名单中",
        )
    for row in rows:
        session.delete(row)
    session.flush()
    return rows


def event_people(*, session: Session, meeting: Meeting) -> list[EventPerson]:
    """The people at *meeting*, in the order they were typed."""
    return list(
        session.exec(
            select(EventPerson)
            .where(EventPerson.meeting_id == meeting.id)
            .order_by(col(EventPerson.position))
        )
    )


def forget_item(*, session: Session, item: AgendaItem) -> None:
    """Remove an agenda item's session and speakers (before the item is removed)."""
    for speaker in session.exec(select(EventSpeaker).where(EventSpeaker.agenda_item_id == item.id)):
        session.delete(speaker)
    link = session.get(EventItem, item.id)
    if link is not None:
        session.delete(link)
    session.flush()


def forget_event(*, session: Session, meeting: Meeting) -> None:
    """Remove everything the events feature holds about *meeting* (before it is deleted).
    A class with fees, sign-ins or certificates is part of the record (the fees ledger is
    never edited): refused — cancel the meeting instead."""
    from assoc_cli.db.models import (
        EventCertificate,
        EventClass,
        EventFee,
        EventOccurrence,
        EventRegistration,
        EventSignin,
    )

    registration_ids = select(EventRegistration.id).where(
        EventRegistration.meeting_id == meeting.id
    )
    session_ids = select(EventSession.id).where(EventSession.meeting_id == meeting.id)
    held = [
        (
            session.exec(
                select(func.count()).where(col(EventFee.registration_id).in_(registration_ids))
            ).one(),
            "fee entries",
            "条培训费记录",
        ),
        (
            session.exec(
                select(func.count()).where(col(EventSignin.session_id).in_(session_ids))
            ).one(),
            "sign-ins",
            "条签到记录",
        ),
        (
            session.exec(
                select(func.count()).where(EventCertificate.meeting_id == meeting.id)
            ).one(),
            "certificates",
            "张结业证书",
        ),
    ]
    kept = [(int(n), en, zh) for n, en, zh in held if n]
    if kept:
        en = ", ".join(f"{n} {what}" for n, what, _ in kept)
        zh = "、".join(f"{n} {what}" for n, _, what in kept)
        raise ConflictError(
            f"meeting #{meeting.id} has {en}: it is part of the record and cannot be deleted; "
            f'cancel it instead: assoc meetings cancel {meeting.id} --reason "…"',
            zh=f"会议 #{meeting.id} 已有{zh}，属于记录，不能删除；"
            f"可以取消：assoc meetings cancel {meeting.id} --reason “…”",
        )
    for registration in session.exec(
        select(EventRegistration).where(EventRegistration.meeting_id == meeting.id)
    ):
        session.delete(registration)
    for extra in (session.get(EventClass, meeting.id), session.get(EventOccurrence, meeting.id)):
        if extra is not None:
            session.delete(extra)
    session.flush()
    item_ids = select(AgendaItem.id).where(AgendaItem.meeting_id == meeting.id)
    for model in (EventSpeaker, EventItem):
        for row in session.exec(select(model).where(col(model.agenda_item_id).in_(item_ids))):
            session.delete(row)
    session.flush()
    for other in (EventPerson, EventOrganiser, EventSession):
        for row in session.exec(select(other).where(other.meeting_id == meeting.id)):
            session.delete(row)
    session.flush()
