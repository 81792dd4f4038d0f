"""The payments ledger (缴费台账) for spreadsheets: every payment and waiver with its
receipt and whether it was voided, as CSV (UTF-8 with BOM, for Excel) or XLSX."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from sqlalchemy import Select, String, case, cast, func, literal, select

from assoc_cli.db.core import member_t
from assoc_cli.dues.ledger import entry_t, stream
from assoc_cli.files.spreadsheets import write_csv_file, write_people_csv, write_xlsx_file
from assoc_cli.i18n import t
from assoc_cli.listing import Column, Listing

if TYPE_CHECKING:
    from assoc_cli.db.reader import DbSession


def payments_select(*, year: int | None) -> Select[Any]:
    """The payments ledger: every payment and waiver, with its void if any, by receipt."""
    void = entry_t.alias("void")
    query = (
        select(
            case(
                (entry_t.c.kind == "waiver", literal("W", String) + cast(entry_t.c.id, String)),
                else_=entry_t.c.receipt,
            ).label("receipt"),
            entry_t.c.kind,
            entry_t.c.entry_on,
            member_t.c.number,
            member_t.c.name,
            entry_t.c.year,
            entry_t.c.amount_fen.label("amount"),
            entry_t.c.method,
            entry_t.c.payer,
            case((void.c.id.is_(None), "valid"), else_="void").label("state"),
            void.c.entry_on.label("voided_on"),
            void.c.reason.label("void_reason"),
            entry_t.c.reason,
            entry_t.c.approved_by,
            entry_t.c.note,
        )
        .select_from(
            entry_t.join(member_t, member_t.c.id == entry_t.c.member_id).outerjoin(
                void, void.c.reverses_id == entry_t.c.id
            )
        )
        .where(entry_t.c.kind.in_(("payment", "waiver")))
    )
    if year is not None:
        query = query.where(
            (func.coalesce(entry_t.c.receipt_year, -1) == year)
            | (entry_t.c.entry_on.between(date(year, 1, 1), date(year, 12, 31)))
        )
    return query.order_by(entry_t.c.entry_on, entry_t.c.id)


PAYMENT_COLUMNS = [
    Column("receipt"),
    Column("kind", "col.action", kind="enum", enum_prefix="entry."),
    Column("entry_on", kind="date"),
    Column("number"),
    Column("name"),
    Column("year", kind="int"),
    Column("amount", kind="money"),
    Column("method"),
    Column("payer"),
    Column("state", kind="enum", enum_prefix="state."),
    Column("voided_on", kind="date"),
    Column("void_reason"),
    Column("reason"),
    Column("approved_by"),
    Column("note"),
]


def _for_people(rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Spreadsheet rows read by people: 缴费/减免 and 有效/已作废 instead of codes."""
    for row in rows:
        row["kind"] = t(f"entry.{row['kind']}", "zh-Hans")
        row["state"] = t(f"state.{row['state']}", "zh-Hans")
        yield row


def export_payments(
    session: DbSession, *, year: int | None, output: Path | None, stdout: TextIO
) -> int:
    """``assoc dues export``: the payments ledger (of payments received in *year*, or all)
    written to *output* — ``.xlsx``, else CSV — or as CSV to *stdout*; headers in Chinese,
    as the secretariat's spreadsheets have them. Returns the rows written."""
    rows = stream(session, payments_select(year=year))
    headers = [c.label("zh-Hans") for c in PAYMENT_COLUMNS]
    if output is None:
        return write_csv_file(None, PAYMENT_COLUMNS, _for_people(rows), headers, stdout)
    # A file for people (the codes spelled out by the writer): amounts that sum.
    listing = Listing(PAYMENT_COLUMNS, rows, title=None)
    if output.suffix.lower() == ".csv":
        return write_people_csv(output, listing, "zh-Hans")
    return write_xlsx_file(output, PAYMENT_COLUMNS, rows, headers, f"{year or ''}缴费台账")
