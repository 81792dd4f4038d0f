"""What a command hands the renderer: the output format, columns and rows (``Listing``),
or a whole answer of several parts (``Report``).

Kept apart from ``output`` (the renderer) and small, so that command modules can declare
their columns and ``--format`` options at import time and ``assoc GROUP --help`` loads
no rendering code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TextIO


class OutputFormat(StrEnum):
    """How a listing is printed."""

    table = "table"
    plain = "plain"
    csv = "csv"
    json = "json"

    @property
    def for_machines(self) -> bool:
        """CSV and JSON: every column, stable keys, no decoration."""
        return self in (OutputFormat.csv, OutputFormat.json)


@dataclass(frozen=True)
class Column:
    """One column: its stable key (JSON/CSV), its header message, how its values print."""

    key: str
    header: str = ""
    kind: str = "text"  # text | int | date | bool | enum | money | percent | bar
    enum_prefix: str = ""  # for kind == "enum": message prefix, e.g. "status."

    def label(self, lang: str) -> str:
        """The header in *lang*."""
        from assoc_cli.i18n import t

        return t(self.header or f"col.{self.key}", lang)


@dataclass(frozen=True)
class SheetChart:
    """A native chart under a listing's table in an .xlsx (xlsxwriter draws it, Excel and
    LibreOffice keep it editable): *category* names the column of the labels, *values* the
    columns plotted, one series each; *skip_last* leaves out the last row (the total)."""

    title: str
    category: str
    values: tuple[str, ...]
    kind: str = "column"
    skip_last: bool = False
    y_title: str = ""


@dataclass
class Listing:
    """Rows to print, with their columns; ``record`` prints one row as field/value pairs.

    ``notes`` are said to people (stderr) after the rows, ``warnings`` before them.
    ``csv_writer``, when given, writes the ``-f csv`` text itself (the same text, its cells
    made in SQL: a listing of a million rows) and returns the row count.
    """

    columns: list[Column]
    rows: Iterable[Mapping[str, Any]]
    title: str | None = None
    record: bool = False
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    csv_writer: Callable[[TextIO], int] | None = None
    # CSV for a spreadsheet (a paper's table, e.g. the sign-in sheet): headers in the
    # language, formula-like cells neutralised, CRLF lines — as a file written for Excel.
    spreadsheet: bool = False
    # For a table for people (which shows the first rows only): those rows read alone
    # (LIMIT) and how many there are. None: the renderer reads ``rows`` and counts them.
    head: Callable[[int], Head] | None = None
    # Native charts drawn under the table when written as .xlsx (``-o FILE.xlsx``).
    charts: list[SheetChart] = field(default_factory=list)


@dataclass
class Head:
    """The first rows of a listing and its size: *total* rows, or when *more*, more than
    *total* (counted up to a cap, so a million rows are not counted to show 1,000)."""

    rows: Sequence[Mapping[str, Any]]
    total: int
    more: bool = False


@dataclass
class Report:
    """A command's whole answer when one listing is not enough (a statement, a report with
    its read-out sentence, a paper's rows with totals): the one renderer prints it.

    - ``table``/``plain``: each part in order (its title above it), then ``lines`` — the
      sentences people read (a position, the collection-rate sentence).
    - ``json``: with ``fields``, one object: each field's value, then each part's rows
      under its key, then each of ``totals``; without fields, the first part as a
      listing would print.
    - ``csv``: the first part only (one table per file).
    """

    parts: list[tuple[str, Listing]]
    fields: list[tuple[Column, Any]] = field(default_factory=list)
    totals: list[tuple[Column, Any]] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    # Said to people (stderr) after everything else, in every format.
    notes: list[str] = field(default_factory=list)

    @property
    def first(self) -> Listing:
        """The main listing (what CSV prints); a report of fields alone (a quorum's figures)
        prints them as one record."""
        if not self.parts:
            row = {column.key: value for column, value in self.fields}
            return Listing([column for column, _ in self.fields], [row], record=True)
        return self.parts[0][1]
