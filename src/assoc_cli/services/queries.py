"""Reading the requests: the list, one request's record, and what is due soon (催办)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Any, TextIO

from sqlalchemy import select

from assoc_cli.db import core as tables
from assoc_cli.db.sql import write_csv_query
from assoc_cli.listing import Column, Listing
from assoc_cli.services.choices import OPEN_STATUSES
from assoc_cli.services.workdays import add_working_days

if TYPE_CHECKING:
    from sqlmodel import Session

    from assoc_cli.db.reader import DbSession

r = tables.service_request_t.c
m = tables.member_t.c

REQUEST_COLUMNS = [
    Column("number", "col.sq_number"),
    Column("received_on", "col.sq_received_on", kind="date"),
    Column("source", "col.sq_source"),
    Column("member"),
    Column("category", "col.sq_category"),
    Column("description", "col.sq_description"),
    Column("handler", "col.sq_handler"),
    Column("due_on", "col.sq_due_on", kind="date"),
    Column("status", "col.sq_status"),
    Column("closed_on", "col.sq_closed_on", kind="date"),
    Column("followup", "col.sq_followup"),
]
RECORD_COLUMNS = [
    *REQUEST_COLUMNS,
    Column("member_number", "col.number"),
    Column("contact", "col.sq_contact"),
    Column("tags", "col.sq_tags"),
    Column("lead_body", "col.sq_lead_body"),
    Column("assisting_bodies", "col.sq_assisting_bodies"),
    Column("time_limit", "col.sq_time_limit", kind="int"),
    Column("judged_due_on", "col.sq_judged_due_on", kind="date"),
    Column("extended_on", "col.sq_extended_on", kind="date"),
    Column("extension_reason", "col.sq_extension_reason"),
    Column("result", "col.sq_result"),
    Column("replied_on", "col.sq_replied_on", kind="date"),
    Column("followup_on", "col.sq_followup_on", kind="date"),
    Column("reopened", "col.sq_reopened", kind="int"),
]


def _select() -> Any:
    return select(
        *(r[c.key] for c in RECORD_COLUMNS if c.key not in ("member", "member_number")),
        m.name.label("member"),
        m.number.label("member_number"),
    ).join_from(tables.service_request_t, tables.member_t, m.id == r.member_id)


def requests_listing(
    session: Session,
    *,
    year: int | None = None,
    status: str | None = None,
    category: str | None = None,
    handler: str | None = None,
    member_id: int | None = None,
    open_only: bool = False,
) -> Listing:
    """``assoc requests list``: requests by number, filtered."""
    query = _select()
    if year is not None:
        query = query.where(r.year == year)
    if status:
        query = query.where(r.status == status)
    if open_only:
        query = query.where(r.status.in_(OPEN_STATUSES))
    if category:
        query = query.where(r.category == category)
    if handler:
        query = query.where(r.handler == handler)
    if member_id is not None:
        query = query.where(r.member_id == member_id)
    query = query.order_by(r.year, r.seq)

    def write_csv(out: TextIO) -> int:
        # -f csv straight from the query, its cells made in SQL (a large ledger).
        return write_csv_query(session, query, REQUEST_COLUMNS, out)

    def rows() -> Iterator[dict[str, Any]]:
        for row in session.connection().execute(query):
            yield dict(row._mapping)

    return Listing(REQUEST_COLUMNS, rows(), csv_writer=write_csv)


def request_record(session: Session, *, request_id: int) -> Listing:
    """``assoc requests show``: every field of one request."""
    (row,) = session.connection().execute(_select().where(r.id == request_id)).all()
    return Listing(RECORD_COLUMNS, [dict(row._mapping)], record=True)


def due_requests(
    session: DbSession, *, within: int, as_of: date, handler: str | None = None
) -> list[dict[str, Any]]:
    """Open requests due within *within* working days of *as_of*, or overdue (their
    current deadline, extensions counted), by deadline."""
    until = add_working_days(as_of, within) if within > 0 else as_of
    query = _select().where(r.status.in_(OPEN_STATUSES), r.due_on <= until)
    if handler:
        query = query.where(r.handler == handler)
    rows = []
    for row in session.connection().execute(query.order_by(r.due_on, r.year, r.seq)):
        item = dict(row._mapping)
        item["overdue"] = item["due_on"] < as_of
        rows.append(item)
    return rows


REMINDER_COLUMNS = [
    Column("number", "col.sq_number"),
    Column("member"),
    Column("category", "col.sq_category"),
    Column("handler", "col.sq_handler"),
    Column("due_on", "col.sq_due_on", kind="date"),
    Column("overdue", "col.sq_is_overdue", kind="bool"),
    Column("status", "col.sq_status"),
]
