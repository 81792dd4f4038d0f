"""``assoc info``: the profile and a few counts, in one pass of small queries."""

from __future__ import annotations

from typing import Any

from sqlalchemy import case, func, select, text
from sqlmodel import Session, col

from assoc_cli.db.models import Member, OfficeHolding
from assoc_cli.i18n import term_label
from assoc_cli.i18n.dates import format_date
from assoc_cli.reports.roster import int_sum
from assoc_cli.services.association import get_association
from assoc_cli.services.terms import current_term


def overview(*, session: Session, lang: str) -> dict[str, Any]:
    """Association name, schema revision, current term and member counts."""
    from datetime import date

    association = get_association(session)
    revision = (
        session.connection().execute(text("SELECT version_num FROM alembic_version")).scalar()
    )
    total, active = (
        session.connection()
        .execute(
            select(
                func.count(),
                func.coalesce(int_sum(case((col(Member.status) == "active", 1), else_=0)), 0),
            ).select_from(Member)
        )
        .one()
    )
    term = current_term(session=session, as_of=date.today())
    officers = 0
    if term is not None:
        officers = (
            session.connection()
            .execute(
                select(func.count())
                .select_from(OfficeHolding)
                .where(col(OfficeHolding.term_id) == term.id)
            )
            .scalar_one()
        )
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
