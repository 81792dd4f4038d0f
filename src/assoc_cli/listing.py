"""What a command hands the renderer: the output format, columns and rows.

Kept apart from ``output`` (the renderer) and small, so that command modules can declare
their columns and ``--format`` options at import time and ``assoc GROUP --help`` loads
no rendering code.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


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


@dataclass
class Listing:
    """Rows to print, with their columns; ``record`` prints one row as field/value pairs."""

    columns: list[Column]
    rows: Iterable[Mapping[str, Any]]
    title: str | None = None
    record: bool = False
    notes: list[str] = field(default_factory=list)
