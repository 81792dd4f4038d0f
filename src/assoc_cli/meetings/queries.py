"""Reading meetings: finding one (by number, date or title), its title as associations write
it, its agenda and invitations, and the listings ``meetings list``, ``show`` and
``agenda list`` print.

Titles: 淄博市装备制造业协会 + 二届 + 二次 + 会长办公 + (扩大) + 会.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Table, case, exists, func, or_
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
    Term,
)
from assoc_cli.errors import AmbiguousError, InvalidValueError, NotFoundError, choose
from assoc_cli.i18n.numerals import chinese_number
from assoc_cli.listing import Column, Listing
from assoc_cli.meetings.choices import Numbering, Role

attendance_t: Table = SQLModel.metadata.tables[str(Attendance.__tablename__)]
member_t: Table = SQLModel.metadata.tables[str(Member.__tablename__)]
office_t: Table = SQLModel.metadata.tables[str(Office.__tablename__)]


# ---------------------------------------------------------------- titles and finding


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
            kind_name[:-1] + "（扩大）会" if kind_name.endswith("会") else kind_name + "（扩大）"
        )
    topic = meeting.topic or ""
    if kind.numbering == Numbering.year:
        number = chinese_number(meeting.sequence)
        return f"{name}{meeting.held_on.year}年{topic}第{number}期{kind_name}"
    if kind.numbering == Numbering.term and term is not None:
        term_cn, number = chinese_number(term.number), chinese_number(meeting.sequence)
        return f"{name}{term_cn}届{number}次{topic}{kind_name}"
    return f"{name}{topic}{kind_name}"


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
            raise NotFoundError(
                f"there is no meeting {query}; see: assoc meetings list",
                zh=f"没有会议 {query};请查看:assoc meetings list",
            )
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
        raise NotFoundError(
            f'no meeting matches "{query}"; see: assoc meetings list',
            zh=f"没有与“{query}”相符的会议;请查看:assoc meetings list",
        )
    titles = describe_all(session, candidates[:6])
    chosen = choose(query, candidates[:6], lambda m: f"#{m.id} {titles[m.id or 0]} ({m.held_on})")
    if chosen is not None:
        return chosen
    shown = "; ".join(f"#{m.id} {titles[m.id or 0]} ({m.held_on})" for m in candidates[:6])
    raise AmbiguousError(
        f'"{query}" matches several meetings: {shown} — use the number (#N)',
        zh=f"“{query}”与多个会议相符:{shown};请用编号(#N)",
    )


def members_on(day: date) -> Any:
    """Members in good standing on *day*, by their membership periods (not today's status)."""
    return exists().where(
        col(MembershipPeriod.member_id) == col(Member.id),
        or_(col(MembershipPeriod.joined_on).is_(None), col(MembershipPeriod.joined_on) <= day),
        or_(col(MembershipPeriod.left_on).is_(None), col(MembershipPeriod.left_on) >= day),
    )


# ---------------------------------------------------------------- agenda


def agenda(*, session: Session, meeting: Meeting) -> list[AgendaItem]:
    """The agenda in order."""
    return list(
        session.exec(
            select(AgendaItem)
            .where(AgendaItem.meeting_id == meeting.id)
            .order_by(col(AgendaItem.position))
        )
    )


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


# ---------------------------------------------------------------- invitations


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


def invitee_count(*, session: Session, meeting: Meeting) -> int:
    """How many are invited (one COUNT on the meeting's index)."""
    a = attendance_t
    query = core_select(func.count()).select_from(a).where(a.c.meeting_id == meeting.id)
    return int(session.connection().execute(query).scalar_one())


STREAM_CHUNK = 2_000


def streamed_invitees(*, session: Session, meeting: Meeting) -> Iterator[Invitee]:
    """Everyone invited, in :func:`official_order`, a chunk at a time: a 会员大会 of a
    million members is sorted by SQLite (which spills to disk), not in Python's memory —
    the stroke count of each name comes from the same function, registered with the
    connection. PostgreSQL cannot call Python: there the rows are sorted here."""
    from assoc_cli.i18n.sorting import stroke_key

    connection = session.connection()
    if connection.dialect.name != "sqlite":
        yield from official_order(session, invitees(session=session, meeting=meeting))
        return
    raw = connection.connection.driver_connection
    assert raw is not None
    raw.create_function("assoc_strokes", 1, stroke_key, deterministic=True)
    a, m, o = attendance_t, member_t, office_t
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
        .select_from(a.outerjoin(m, m.c.id == a.c.member_id).outerjoin(o, o.c.name == a.c.title))
        .where(a.c.meeting_id == meeting.id)
        .order_by(
            case((a.c.role == Role.attend.value, 0), else_=1),
            func.coalesce(o.c.rank, 10_000),
            func.assoc_strokes(a.c.person),
            a.c.person,
        )
        .execution_options(yield_per=STREAM_CHUNK)
    )
    for row in connection.execute(query):
        yield Invitee(*row)


def official_order(session: Session, rows: list[Invitee]) -> list[Invitee]:
    """Order of official lists: by office (会长 first), then surname stroke count (按姓氏笔画)."""
    from assoc_cli.i18n.sorting import stroke_key

    ranks = {name: rank for name, rank in session.exec(select(Office.name, Office.rank))}
    return sorted(
        rows,
        key=lambda row: (
            0 if row.role == Role.attend else 1,
            ranks.get(row.title or "", 10_000),
            stroke_key(row.person),
            row.person,
        ),
    )


# ---------------------------------------------------------------- listings


MEETING_COLUMNS = [
    Column("id", kind="int"),
    Column("held_on", "col.date", kind="date"),
    Column("starts_at"),
    Column("title"),
    Column("kind"),
    Column("venue"),
    Column("chair"),
    Column("items", kind="int"),
    Column("status", kind="enum", enum_prefix="meeting."),
]


def _meeting_rows(session: Session, meetings: list[Meeting]) -> list[dict[str, Any]]:
    """Listing rows for meetings: titles, kinds and agenda sizes read once for them all."""
    titles = describe_all(session, meetings)
    sizes = agenda_sizes(session=session, meetings=meetings)
    kinds = {kind.id: kind.name for kind in session.exec(select(MeetingKind))}
    return [
        {
            "id": meeting.id,
            "held_on": meeting.held_on,
            "starts_at": meeting.starts_at,
            "title": titles[meeting.id or 0],
            "kind": kinds.get(meeting.kind_id, ""),
            "venue": meeting.venue,
            "chair": meeting.chair,
            "items": sizes.get(meeting.id or 0, 0),
            "status": meeting.status,
            "cancel_reason": meeting.cancel_reason,
        }
        for meeting in meetings
    ]


def meetings_listing(*, session: Session, kind: str | None, year: int | None) -> Listing:
    """``assoc meetings list``: meetings (of one kind, held in one year), newest last."""
    from assoc_cli.meetings.kinds import find_kind

    query = select(Meeting)
    if kind:
        query = query.where(Meeting.kind_id == find_kind(session=session, name=kind).id)
    if year is not None:
        query = query.where(
            col(Meeting.held_on) >= date(year, 1, 1), col(Meeting.held_on) <= date(year, 12, 31)
        )
    meetings = list(session.exec(query.order_by(col(Meeting.held_on), col(Meeting.id))))
    return Listing(MEETING_COLUMNS, _meeting_rows(session, meetings))


def meeting_record(*, session: Session, meeting: Meeting) -> Listing:
    """``assoc meetings show``: one meeting as field/value pairs, with why it was cancelled."""
    [row] = _meeting_rows(session, [meeting])
    return Listing([*MEETING_COLUMNS, Column("cancel_reason", "col.reason")], [row], record=True)


AGENDA_COLUMNS = [
    Column("position", kind="int"),
    Column("title"),
    Column("presenter"),
    Column("item_kind", kind="enum", enum_prefix="itemkind."),
    Column("minutes", "col.duration", kind="int"),
    Column("note"),
]


def agenda_listing(*, session: Session, meeting: Meeting) -> Listing:
    """``assoc meetings agenda list``: the items in order, under the meeting's title."""
    rows = [
        {
            "position": item.position,
            "title": item.title,
            "presenter": item.presenter,
            "item_kind": item.kind,
            "minutes": item.minutes,
            "note": item.notes,
        }
        for item in agenda(session=session, meeting=meeting)
    ]
    return Listing(AGENDA_COLUMNS, rows, title=describe(session, meeting))
