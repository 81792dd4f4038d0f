"""``assoc members export``: the roster as a spreadsheet people open in Excel.

The headers are the Chinese ones ``members import`` reads, so an export imports back
unchanged. Values are written for people (单位/个人, 是/否, 在册/已退会, ISO dates).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from assoc_cli.i18n import t
from assoc_cli.io.tables import write_csv_file, write_xlsx_file
from assoc_cli.output import Column
from assoc_cli.reports.roster import RosterFilter, roster_rows
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
    for row in roster_rows(session, filters, sort):
        row = dict(row)
        row["kind"] = t(f"kind.{row['kind']}", "zh-Hans")
        row["status"] = t(f"status.{row['status']}", "zh-Hans")
        if row["has_party_org"] is not None:
            row["has_party_org"] = t(f"bool.{str(bool(row['has_party_org'])).lower()}", "zh-Hans")
        yield row


def export_members(
    *,
    session: DbSession,
    filters: RosterFilter,
    sort: str,
    path: Path | None,
    stream: TextIO | None = None,
) -> int:
    """Write the roster to *path* (.csv or .xlsx) or, without a path, CSV to *stream*."""
    rows = _export_rows(session, filters, sort)
    if path is not None and path.suffix.lower() == ".xlsx":
        return write_xlsx_file(path, EXPORT_COLUMNS, rows, EXPORT_HEADERS, "会员名册")
    return write_csv_file(path, EXPORT_COLUMNS, rows, EXPORT_HEADERS, stream)
