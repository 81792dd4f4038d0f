"""The association read without the ORM: its output language, and ``assoc info`` (the profile
and a few counts, in one pass of small queries, as one record)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import case, func, select, text

from assoc_cli.db.core import association_t, member_t, office_holding_t, term_t
from assoc_cli.db.sql import int_sum
from assoc_cli.db.values import MemberStatus
from assoc_cli.i18n import t, term_label
from assoc_cli.i18n.dates import format_date
from assoc_cli.listing import Column, Listing
from assoc_cli.organisation.queries import current_term_id

if TYPE_CHECKING:
    from assoc_cli.db.reader import DbSession


INFO_COLUMNS = [
    Column("association"),
    Column("short_name"),
    Column("language"),
    Column("location"),
    Column("revision"),
    Column("term"),
    Column("members", "col.members", "int"),
    Column("active_members", kind="int"),
    Column("withdrawn_members", kind="int"),
    Column("officers", "col.offices", "int"),
]


def association_language(session: DbSession) -> str | None:
    """The profile's output language (None before ``assoc init``)."""
    query = select(association_t.c.language).order_by(association_t.c.id).limit(1)
    language = session.connection().execute(query).scalar()
    return str(language) if language else None


def overview(*, session: DbSession, lang: str) -> dict[str, Any]:
    """Association name, schema revision, current term and member counts."""
    connection = session.connection()
    association = connection.execute(
        select(association_t.c.name, association_t.c.short_name, association_t.c.language)
        .order_by(association_t.c.id)
        .limit(1)
    ).first()
    revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    total, active = connection.execute(
        select(
            func.count(),
            func.coalesce(
                int_sum(case((member_t.c.status == MemberStatus.active.value, 1), else_=0)), 0
            ),
        ).select_from(member_t)
    ).one()
    term_id = current_term_id(session, date.today())
    term = None
    officers = 0
    if term_id is not None:
        term = connection.execute(
            select(term_t.c.number, term_t.c.start_on, term_t.c.end_on).where(
                term_t.c.id == term_id
            )
        ).one()
        officers = connection.execute(
            select(func.count())
            .select_from(office_holding_t)
            .where(office_holding_t.c.term_id == term_id)
        ).scalar_one()
    return {
        "association": association.name if association else None,
        "short_name": association.short_name if association else None,
        "language": association.language if association else None,
        "revision": revision,
        "term": (
            f"{term_label(term.number, lang)} ({format_date(term.start_on, lang)} – "
            f"{format_date(term.end_on, lang)})"
            if term
            else None
        ),
        "members": total,
        "active_members": active,
        "withdrawn_members": total - active,
        "officers": officers,
    }


def info_record(*, session: DbSession, lang: str, location: str) -> Listing:
    """``assoc info``: the overview and where the database is (*location*, as shown to
    people), as one record; before ``assoc init``, with a note saying how to set it up."""
    row = overview(session=session, lang=lang)
    row["location"] = location
    notes = [t("msg.no_association", lang)] if row["association"] is None else []
    return Listing(INFO_COLUMNS, [row], record=True, notes=notes)
