"""Attendance (出席情况) in SQL: per meeting, and per member with the run of meetings
missed in a row (连续缺席), which charters often limit for officers.

Only meetings that were not cancelled and invitations to attend (出席, not 列席) count;
请假 (leave) is excused, so it breaks a run of absences.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table, and_, case, func, or_, select

from assoc_cli.db import core as tables
from assoc_cli.db.core import member_t
from assoc_cli.db.sql import int_sum
from assoc_cli.listing import Column, Listing
from assoc_cli.output import percent

if TYPE_CHECKING:
    from sqlmodel import Session

    from assoc_cli.db.models import Meeting
    from assoc_cli.db.reader import DbSession

attendance_t: Table = tables.attendance_t
meeting_t: Table = tables.meeting_t


def meeting_attendance(session: Session, meeting: Meeting) -> list[dict[str, Any]]:
    """Everyone invited to *meeting*: person, unit, title, role, status, reason, proxy."""
    from assoc_cli.meetings.queries import invitees, official_order

    return [
        {
            "person": row.person,
            "member": row.unit,
            "title": row.title,
            "role": row.role,
            "status": row.status,
            "reason": row.reason,
            "proxy": row.proxy,
        }
        for row in official_order(session, invitees(session=session, meeting=meeting))
    ]


def member_attendance(
    session: DbSession, *, member_id: int | None, flag_after: int
) -> list[dict[str, Any]]:
    """Per member unit: invitations, present, leave, absent, rate, and absences in a row."""
    counted = and_(
        attendance_t.c.role == "attend",
        attendance_t.c.member_id.is_not(None),
        meeting_t.c.status != "cancelled",
    )
    joined = attendance_t.join(meeting_t, meeting_t.c.id == attendance_t.c.meeting_id)
    last_attended = (
        select(attendance_t.c.member_id, func.max(meeting_t.c.held_on).label("last_ok"))
        .select_from(joined)
        .where(counted, attendance_t.c.status.in_(("present", "leave")))
        .group_by(attendance_t.c.member_id)
        .subquery("last_attended")
    )
    status = attendance_t.c.status
    after_last = or_(
        last_attended.c.last_ok.is_(None), meeting_t.c.held_on > last_attended.c.last_ok
    )
    query = (
        select(
            member_t.c.number,
            member_t.c.name.label("member"),
            func.count().label("invited"),
            int_sum(case((status == "present", 1), else_=0)).label("present"),
            int_sum(case((status == "leave", 1), else_=0)).label("leave"),
            int_sum(case((status == "absent", 1), else_=0)).label("absent"),
            int_sum(case((and_(status == "absent", after_last), 1), else_=0)).label(
                "absent_streak"
            ),
        )
        .select_from(
            joined.join(member_t, member_t.c.id == attendance_t.c.member_id).outerjoin(
                last_attended, last_attended.c.member_id == attendance_t.c.member_id
            )
        )
        .where(counted)
        .group_by(member_t.c.id, member_t.c.number, member_t.c.name)
        .order_by(func.length(member_t.c.number), member_t.c.number)
    )
    if member_id is not None:
        query = query.where(member_t.c.id == member_id)
    rows = []
    for row in session.connection().execute(query).mappings():
        marked = int(row["present"]) + int(row["leave"]) + int(row["absent"])
        rate: Decimal | None = percent(int(row["present"]), marked)
        rows.append({**row, "rate": rate, "flagged": int(row["absent_streak"]) >= flag_after})
    return rows


MEETING_ATTENDANCE_COLUMNS = [
    Column("person"),
    Column("member"),
    Column("title", "col.person_title"),
    Column("role", kind="enum", enum_prefix="role."),
    Column("status", "col.attendance", kind="enum", enum_prefix="attend."),
    Column("reason"),
    Column("proxy"),
]


def meeting_attendance_listing(*, session: Session, meeting: Meeting) -> Listing:
    """``assoc meetings attendance --meeting``: everyone invited, in official order, under
    the meeting's title."""
    from assoc_cli.meetings.queries import describe

    rows = meeting_attendance(session, meeting)
    return Listing(MEETING_ATTENDANCE_COLUMNS, rows, title=describe(session, meeting))


MEMBER_ATTENDANCE_COLUMNS = [
    Column("number"),
    Column("member"),
    *(Column(key, kind="int") for key in ("invited", "present", "leave", "absent")),
    Column("rate", kind="percent"),
    Column("absent_streak", kind="int"),
    Column("flagged", kind="bool"),
]


def member_attendance_listing(*, session: Session, member: str | None, flag_after: int) -> Listing:
    """``assoc meetings attendance``: per member unit (or the one *member* names), flagged
    when absent from *flag_after* meetings in a row."""
    member_id = None
    if member:
        from assoc_cli.members.service import resolve_member

        member_id = resolve_member(session=session, query=member).id
    rows = member_attendance(session, member_id=member_id, flag_after=flag_after)
    return Listing(MEMBER_ATTENDANCE_COLUMNS, rows)
