"""``assoc members export``: the roster as a spreadsheet people open in Excel.

The headers are the Chinese ones ``members import`` reads, so an export imports back
unchanged. Values are written for people (单位/个人, 是/否, 在册/已退会, ISO dates).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from assoc_cli.db.values import MEMBER_KINDS, MEMBER_STATUSES
from assoc_cli.i18n import t
from assoc_cli.io.tables import write_csv_cells_file, write_xlsx_file
from assoc_cli.output import Column
from assoc_cli.reports.roster import RosterFilter, roster_cursor, roster_rows
from assoc_cli.services.member_fields import FIELDS

if TYPE_CHECKING:
    from assoc_cli.db.reader import DbSession

EXPORT_COLUMNS = [
    *(
        Column(
            spec.key,
            kind="date"
            if spec.key.endswith("_on")
            else "int"
            if spec.key in ("employees", "party_members")
            else "text",
        )
        for spec in FIELDS
    ),
    Column("offices"),
    Column("status"),
]
EXPORT_HEADERS = [*(spec.export_header for spec in FIELDS), "职务", "状态"]


def _export_rows(session: DbSession, filters: RosterFilter, sort: str) -> Iterator[dict[str, Any]]:
    for row in roster_rows(session, filters, sort):  # a fresh dict per row: change it
        row["kind"] = t(f"kind.{row['kind']}", "zh-Hans")
        row["status"] = t(f"status.{row['status']}", "zh-Hans")
        if row["has_party_org"] is not None:
            row["has_party_org"] = t(f"bool.{str(bool(row['has_party_org'])).lower()}", "zh-Hans")
        yield row


def _export_cells(session: DbSession, filters: RosterFilter, sort: str) -> Iterator[list[Any]]:
    """The same rows as :func:`_export_rows`, as lists in column order straight from the
    query's tuples — no dict per row: a million-member CSV export spends its time in the
    database and the csv module, not in Python per cell."""
    words: dict[str, dict[Any, str]] = {
        "kind": {kind: t(f"kind.{kind}", "zh-Hans") for kind in MEMBER_KINDS},
        "status": {status: t(f"status.{status}", "zh-Hans") for status in MEMBER_STATUSES},
        "has_party_org": {
            flag: t(f"bool.{str(flag).lower()}", "zh-Hans") for flag in (True, False)
        },
    }
    with roster_cursor(session, filters, sort) as result:
        keys = list(result.keys())
        positions = [keys.index(column.key) for column in EXPORT_COLUMNS]
        translated = [
            (index, words[column.key])
            for index, column in enumerate(EXPORT_COLUMNS)
            if column.key in words
        ]
        for row in result:
            cells = [row[position] for position in positions]
            for index, mapping in translated:
                if cells[index] is not None:
                    cells[index] = mapping[cells[index]]
            yield cells


def export_members(
    *,
    session: DbSession,
    filters: RosterFilter,
    sort: str,
    path: Path | None,
    stream: TextIO | None = None,
) -> int:
    """Write the roster to *path* (.csv or .xlsx) or, without a path, CSV to *stream*."""
    if path is not None and path.suffix.lower() == ".xlsx":
        rows = _export_rows(session, filters, sort)
        return write_xlsx_file(path, EXPORT_COLUMNS, rows, EXPORT_HEADERS, "会员名册")
    # Every export column is text, a whole number or a date, which the csv module writes
    # as they are (None as an empty cell, a date as YYYY-MM-DD).
    assert all(column.kind in ("text", "int", "date") for column in EXPORT_COLUMNS)
    return write_csv_cells_file(path, _export_cells(session, filters, sort), EXPORT_HEADERS, stream)
