"""The services' papers: the 催办 notice to a handler (requests due soon or overdue)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session, select

from assoc_cli.db.models import Association
from assoc_cli.files.papers import Document
from assoc_cli.i18n import t
from assoc_cli.i18n.dates import format_date


def association_name(session: Session) -> str:
    """The association's name, for a paper's masthead and file properties."""
    profile = session.exec(select(Association)).first()
    return profile.name if profile else ""


def reminder_notice(
    rows: list[dict[str, Any]], *, handler: str | None, as_of: date, lang: str, association: str
) -> Document:
    """催办通知: the requests due within the window or overdue, as a ruled table, addressed
    to the handler (or to every handler named in the rows)."""
    doc = Document(lang=lang, author=association)
    doc.masthead(association)
    doc.title(t("doc.sq_notice_title", lang))
    names = handler or ("、" if lang != "en" else ", ").join(
        sorted({str(row["handler"]) for row in rows if row.get("handler")})
    )
    doc.addressee(t("doc.sq_notice_to", lang, names=names or t("sq.no_handler", lang)))
    overdue = sum(1 for row in rows if row["overdue"])
    doc.paragraph(
        t(
            "doc.sq_notice_body",
            lang,
            count=len(rows),
            overdue=overdue,
            date=format_date(as_of, lang),
        )
    )
    header = [
        t("col.sq_number", lang),
        t("col.member", lang),
        t("col.sq_category", lang),
        t("col.sq_due_on", lang),
        t("col.sq_is_overdue", lang),
    ]
    doc.table(
        header,
        [
            [
                str(row["number"]),
                str(row["member"]),
                str(row["category"]),
                format_date(row["due_on"], lang),
                t("sq.overdue_yes", lang) if row["overdue"] else "",
            ]
            for row in rows
        ],
        wide=1,
    )
    doc.signature([association, format_date(as_of, lang)])
    return doc
