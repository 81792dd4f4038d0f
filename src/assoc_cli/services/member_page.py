"""What ``members show`` gains from the services feature: the member's recent services
and requests and its dues position, on the same page — the file a secretary opens before
a phone call. ``members/`` knows nothing of this; ``cli/members.py`` calls it."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from assoc_cli.dues.statement import member_position
from assoc_cli.i18n import t
from assoc_cli.listing import Column, Listing
from assoc_cli.meetings.attendance import member_attendance
from assoc_cli.services.visits import member_services_summary


def with_member_services(
    session: Session, record: Listing, *, member_id: int, as_of: date, lang: str
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
