"""What ``members show`` gains from the services feature: the member's recent services
and requests and its dues position, on the same page — the file a secretary opens before
a phone call. ``members/`` knows nothing of this; ``cli/members.py`` calls it. On the Core
tables: ``members show`` reads without loading the ORM."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select

from assoc_cli.db import core as tables
from assoc_cli.dues.statement import member_position
from assoc_cli.i18n import t
from assoc_cli.listing import Column, Listing
from assoc_cli.meetings.attendance import member_attendance

if TYPE_CHECKING:
    from assoc_cli.db.reader import DbSession

s_t = tables.service_t.c
sm_t = tables.service_member_t.c
r_t = tables.service_request_t.c


def with_member_services(
    session: DbSession, record: Listing, *, member_id: int, as_of: date, lang: str
) -> Listing:
    """*record* (``members show``'s one-row record) with four fields more: services,
    requests, meetings attended and the dues position."""
    extras = member_services_summary(session, member_id=member_id, lang=lang)
    attended = member_attendance(session, member_id=member_id, flag_after=0)
    extras["meetings"] = (
        t(
            "sv.member_meetings",
            lang,
            invited=attended[0]["invited"],
            present=attended[0]["present"],
            leave=attended[0]["leave"],
            absent=attended[0]["absent"],
        )
        if attended
        else ""
    )
    extras["dues_position"] = member_position(session, member_id=member_id, as_of=as_of).summary(
        lang
    )
    columns = [
        Column("services", "col.sv_member_services"),
        Column("requests", "col.sv_member_requests"),
        Column("meetings", "col.sv_member_meetings"),
        Column("dues_position", "col.sv_dues_position"),
    ]
    return Listing(
        [*record.columns, *columns],
        [{**row, **extras} for row in record.rows],
        record=True,
        notes=record.notes,
        warnings=record.warnings,
    )


def member_services_summary(session: DbSession, *, member_id: int, lang: str) -> dict[str, str]:
    """For ``members show``: the member's services and requests, each on one line."""
    services = session.connection().execute(
        select(s_t.held_on, s_t.kind, s_t.title, s_t.summary)
        .join_from(tables.service_t, tables.service_member_t, sm_t.service_id == s_t.id)
        .where(sm_t.member_id == member_id)
        .order_by(s_t.held_on.desc())
        .limit(10)
    )
    requests = session.connection().execute(
        select(r_t.number, r_t.category, r_t.status, r_t.description)
        .where(r_t.member_id == member_id)
        .order_by(r_t.year.desc(), r_t.seq.desc())
        .limit(10)
    )
    sep = "; " if lang == "en" else "；"
    return {
        "services": sep.join(
            f"{held_on} {kind} {title or summary[:20]}"
            for held_on, kind, title, summary in services
        ),
        "requests": sep.join(
            f"{number} {category} {status} {description[:20]}"
            for number, category, status, description in requests
        ),
    }
