"""``assoc members export``: the roster as a spreadsheet people open in Excel.

The headers are the Chinese ones ``members import`` reads, so an export imports back
unchanged. Values are written for people (单位/个人, 是/否, 在册/已退会, ISO dates).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from assoc_cli.db.sql import cell_rows, csv_cells
from assoc_cli.db.values import MemberKind, MemberStatus
from assoc_cli.files.spreadsheets import write_csv_cells_file, write_xlsx_file
from assoc_cli.i18n import t
from assoc_cli.members.choices import RosterSort
from assoc_cli.members.fields import FIELDS
from assoc_cli.members.roster import (
    RosterFilter,
    RosterSelection,
    order_roster,
    roster_filter,
    roster_rows,
    roster_select,
)
from assoc_cli.output import Column

if TYPE_CHECKING:
    from datetime import date

    from assoc_cli.db.reader import DbSession

# What ``members export`` can write (anything else is refused before it starts).
EXPORT_SUFFIXES = (".csv", ".xlsx")

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
        for key in ("has_party_org", "tier_explicit"):
            if row[key] is not None:
                row[key] = t(f"bool.{str(bool(row[key])).lower()}", "zh-Hans")
        yield row


def _export_select(
    session: DbSession, filters: RosterFilter, sort: str, *, keep_digits: bool
) -> Any:
    """The roster as the export's cells, computed by the database: words for people
    (单位, 在册, 是/否), ISO dates as text, and formula-like text neutralised with a leading
    apostrophe — so each row goes from the cursor to the csv module untouched, and a
    million-member export spends its time in the database and in C, not in Python per
    cell. Same cells as :func:`_export_rows` written by ``output.row_cells`` (a test compares)."""
    words: dict[str, dict[Any, str]] = {
        "kind": {k.value: t(f"kind.{k.value}", "zh-Hans") for k in MemberKind},
        "status": {status.value: t(f"status.{status.value}", "zh-Hans") for status in MemberStatus},
        "has_party_org": {True: t("bool.true", "zh-Hans"), False: t("bool.false", "zh-Hans")},
    }
    words["tier_explicit"] = words["has_party_org"]
    query = order_roster(roster_select(session, filters), sort)
    return csv_cells(query, EXPORT_COLUMNS, words=words, keep_digits=keep_digits)


def export_members(
    *,
    session: DbSession,
    selection: RosterSelection,
    as_of: date,
    sort: RosterSort = RosterSort.number,
    path: Path | None,
    stream: TextIO | None = None,
) -> int:
    """Write the members *selection* covers (its term: the one covering *as_of* unless
    it names one) to *path* (.csv or .xlsx) or, without a path, CSV to *stream*; returns
    the number of members written."""
    filters = roster_filter(session, selection, as_of)
    if path is not None and path.suffix.lower() == ".xlsx":
        people = _export_rows(session, filters, sort)
        return write_xlsx_file(path, EXPORT_COLUMNS, people, EXPORT_HEADERS, "会员名册")
    # A file for Excel keeps credit codes, phones and 0099 as text (stdout: as stored).
    query = _export_select(session, filters, sort, keep_digits=path is not None)
    # The cells need no conversion on the way out: on SQLite, its own cursor feeds the csv
    # module directly, which saves much of a big export's time (bench/RESULTS.md).
    with cell_rows(session, query) as rows:
        return write_csv_cells_file(path, rows, EXPORT_HEADERS, stream)
