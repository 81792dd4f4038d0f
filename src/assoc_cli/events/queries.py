"""Reading an event: its programme (sessions, items, speakers), its people in order of
precedence, and the guests list, as listings for ``assoc events``."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from assoc_cli.db.models import EventItem, EventSeries, Meeting
from assoc_cli.events.precedence import in_precedence, office_ranks
from assoc_cli.events.service import event_people, event_sessions, guests, speakers_of
from assoc_cli.listing import Column, Listing
from assoc_cli.meetings.queries import agenda
from assoc_cli.output import percent

PROGRAMME_COLUMNS = [
    Column("session"),
    Column("starts_at"),
    Column("host"),
    Column("position", kind="int"),
    Column("kind", "col.kind", kind="enum", enum_prefix="itemkind."),
    Column("item"),
    Column("speakers"),
]


def _who(name: str, organisation: str | None, post: str | None) -> str:
    return f"{organisation or ''}{post or ''}{name}"


def programme_listing(*, session: Session, meeting: Meeting) -> Listing:
    """``assoc events programme``: each agenda item with its session, the session's time and
    主持, its kind and its speakers, in programme order."""
    blocks = {block.id: block for block in event_sessions(session=session, meeting=meeting)}
    items = agenda(session=session, meeting=meeting)
    ids = [item.id or 0 for item in items]
    placed = {
        link.agenda_item_id: link.session_id
        for link in session.exec(select(EventItem).where(col(EventItem.agenda_item_id).in_(ids)))
    }
    spoken = speakers_of(session=session, item_ids=ids)
    order = {block_id: block.position for block_id, block in blocks.items()}
    rows = []
    for item in sorted(items, key=lambda i: (order.get(placed.get(i.id or 0), 0), i.position)):
        block = blocks.get(placed.get(item.id or 0))
        speakers = "、".join(
            _who(s.name, s.organisation, s.post) for s in spoken.get(item.id or 0, [])
        )
        times = "-".join(x for x in (block.starts_at, block.ends_at) if x) if block else ""
        rows.append(
            {
                "session": block.label if block else "",
                "starts_at": times,
                "host": _who(block.host, block.host_organisation, block.host_post)
                if block and block.host
                else "",
                "position": item.position,
                "kind": item.kind,
                "item": item.title,
                "speakers": speakers or (item.presenter or ""),
            }
        )
    return Listing(PROGRAMME_COLUMNS, rows)


PEOPLE_COLUMNS = [
    Column("position", kind="int"),
    Column("role", kind="enum", enum_prefix="eventrole."),
    Column("group"),
    Column("organisation"),
    Column("post"),
    Column("name", "signin.person"),
    Column("rank", kind="int"),
]


def people_listing(*, session: Session, meeting: Meeting, order: str) -> Listing:
    """``assoc events people``: everyone at the event by role, in order of precedence."""
    people = in_precedence(
        event_people(session=session, meeting=meeting), office_ranks(session), order
    )
    roles = ["attend", "special", "join", "sit-in"]
    people.sort(key=lambda p: roles.index(p.role))
    rows = [
        {
            "position": index,
            "role": p.role,
            "group": p.group_label or "",
            "organisation": p.organisation,
            "post": p.post or "",
            "name": p.name,
            "rank": p.rank,
        }
        for index, p in enumerate(people, 1)
    ]
    return Listing(PEOPLE_COLUMNS, rows)


GUEST_COLUMNS = [
    Column("id", kind="int"),
    Column("name", "signin.person"),
    Column("organisation"),
    Column("post"),
    Column("phone"),
    Column("rank", kind="int"),
]


def guests_listing(*, session: Session, search: str | None) -> Listing:
    """``assoc events guests``: the guests list, officials first by rank."""
    rows = [
        {
            "id": g.id,
            "name": g.name,
            "organisation": g.organisation,
            "post": g.post or "",
            "phone": g.phone or "",
            "rank": g.rank,
        }
        for g in guests(session=session, search=search)
    ]
    return Listing(GUEST_COLUMNS, rows)


REGISTRATION_COLUMNS = [
    Column("id", kind="int"),
    Column("name", "signin.person"),
    Column("unit", "signin.unit"),
    Column("post"),
    Column("member", "col.is_member", kind="bool"),
    Column("status", kind="enum", enum_prefix="registration."),
    Column("fee_due", kind="money"),
    Column("paid", "col.fee_paid", kind="money"),
    Column("receipts"),
    Column("sessions", "col.sessions_attended", kind="int"),
]


def registrations_listing(*, session: Session, meeting: Meeting) -> Listing:
    """``assoc events registrations``: participants in the order they registered, with
    their fee, what they paid (receipts not voided) and the sessions they signed in at."""
    from assoc_cli.db.models import EventFee
    from assoc_cli.events.training import PAYMENT, paid_fen, registrations, sessions_attended

    rows_in = registrations(session=session, meeting=meeting)
    ids = [r.id or 0 for r in rows_in]
    paid = paid_fen(session, ids)
    attended = sessions_attended(session, meeting)
    voided = {
        fee.reverses_id
        for fee in session.exec(
            select(EventFee).where(
                col(EventFee.registration_id).in_(ids), col(EventFee.reverses_id).is_not(None)
            )
        )
    }
    receipts: dict[int, list[str]] = {}
    for fee in session.exec(
        select(EventFee)
        .where(col(EventFee.registration_id).in_(ids), EventFee.kind == PAYMENT)
        .order_by(col(EventFee.id))
    ):
        if fee.id not in voided:
            receipts.setdefault(fee.registration_id, []).append(fee.receipt or "")
    rows = [
        {
            "id": r.id,
            "name": r.name,
            "unit": r.unit,
            "post": r.post or "",
            "member": r.member_id is not None,
            "status": r.status,
            "fee_due": r.fee_due,
            "paid": paid.get(r.id or 0, 0),
            "receipts": " ".join(receipts.get(r.id or 0, [])),
            "sessions": attended.get(r.id or 0, 0),
        }
        for r in rows_in
    ]
    return Listing(REGISTRATION_COLUMNS, rows)


RATE_COLUMNS = [
    Column("session"),
    Column("starts_at"),
    Column("registered", kind="int"),
    Column("signed_in", kind="int"),
    Column("attendance_rate", kind="percent"),
]


def attendance_rate_listing(*, session: Session, meeting: Meeting) -> Listing:
    """``assoc events rate``: per session, the participants registered, those signed in
    and the attendance rate (出席率), counted in SQL."""
    from sqlalchemy import func

    from assoc_cli.db.models import EventRegistration, EventSignin
    from assoc_cli.events.training import REGISTERED

    registered = int(
        session.exec(
            select(func.count()).where(
                EventRegistration.meeting_id == meeting.id,
                EventRegistration.status == REGISTERED,
            )
        ).one()
    )
    signed = {
        int(sid): int(n)
        for sid, n in session.exec(
            select(EventSignin.session_id, func.count())
            .join(EventRegistration, col(EventRegistration.id) == EventSignin.registration_id)
            .where(EventRegistration.meeting_id == meeting.id)
            .group_by(col(EventSignin.session_id))
        )
    }
    rows = []
    for block in event_sessions(session=session, meeting=meeting):
        count = signed.get(block.id or 0, 0)
        rows.append(
            {
                "session": block.label,
                "starts_at": "-".join(x for x in (block.starts_at, block.ends_at) if x),
                "registered": registered,
                "signed_in": count,
                "attendance_rate": percent(count, registered),
            }
        )
    return Listing(RATE_COLUMNS, rows)


SERIES_COLUMNS = [
    Column("name", "col.series"),
    Column("kind"),
    Column("rule", "col.rule"),
    Column("year", "col.year"),
    Column("planned", "col.planned", kind="int"),
    Column("held", "col.held", kind="int"),
    Column("cancelled", "col.cancelled", kind="int"),
    Column("to_come", "col.to_come", kind="int"),
]
_WEEKDAYS = "一二三四五六日"


def describe_rule(series: EventSeries) -> str:
    """每月第二个周四, 每2周, 每14天 (the rule in words)."""
    every = "" if series.every == 1 else str(series.every)
    if series.unit == "month" and series.nth is not None and series.weekday is not None:
        nth = "最后一个" if series.nth == -1 else f"第{series.nth}个"
        return f"每{every}月{nth}周{_WEEKDAYS[series.weekday]}"
    unit = {"day": "天", "week": "周", "month": "月"}[series.unit]
    return f"每{every}{'个' if series.unit == 'month' and every else ''}{unit}"


def series_listing(*, session: Session, year: int, as_of: date) -> Listing:
    """``assoc events series list``: each series, its rule, and its year."""
    from assoc_cli.db.models import MeetingKind
    from assoc_cli.events.series import all_series, series_year

    kinds = {k.id: k.name for k in session.exec(select(MeetingKind))}
    rows = []
    for series in all_series(session=session):
        figures = series_year(session=session, series=series, year=year, as_of=as_of)
        rows.append(
            {
                "name": series.name,
                "kind": kinds.get(series.kind_id, ""),
                "rule": describe_rule(series),
                "year": year,
                "planned": figures.planned,
                "held": figures.held,
                "cancelled": figures.cancelled,
                "to_come": figures.to_come,
            }
        )
    return Listing(SERIES_COLUMNS, rows)
