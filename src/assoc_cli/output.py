"""The one renderer: every command returns rows, this module prints them.

Formats: ``table`` (rich, for people; the default), ``plain`` (tabulate, for logs and
e-mail), ``csv`` and ``json`` (for machines: stable English keys, ISO dates, amounts as
strings with two decimals). Data goes to stdout; messages go to stderr.
"""

from __future__ import annotations

import csv
import itertools
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from operator import itemgetter
from typing import Any, TextIO

from assoc_cli.i18n import localize, t
from assoc_cli.i18n.controls import for_screen, spelled_out
from assoc_cli.i18n.dates import format_date

# Re-exported: the renderer's callers name these from here too.
from assoc_cli.listing import Column as Column
from assoc_cli.listing import Listing as Listing
from assoc_cli.listing import OutputFormat as OutputFormat
from assoc_cli.listing import Report as Report

# A table for people shows at most this many rows; the rest is said and left to -f csv.
TABLE_ROW_LIMIT = 1000


def fen_to_text(fen: int) -> str:
    """Integer fen as a plain decimal string with two places: 1234500 -> "12345.00"."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}{whole}.{cents:02d}"


def machine_value(column: Column, value: Any) -> Any:
    """A value for JSON: ISO dates, money as a string, everything else as is."""
    if value is None:
        return None
    if column.kind == "money":
        return fen_to_text(int(value))
    if isinstance(value, date | datetime):
        return value.isoformat()
    if column.kind == "bool":
        return bool(value)
    if column.kind == "percent" or isinstance(value, Decimal):
        return str(value)  # (an exact figure in 万元: text, never a float)
    return value


def csv_value(column: Column, value: Any) -> str:
    """A value for CSV output: like JSON, with empty cells for missing values."""
    shown = machine_value(column, value)
    if shown is None:
        return ""
    if isinstance(shown, bool):
        return "true" if shown else "false"
    return str(shown)


@lru_cache(maxsize=4096)
def _money_cell(value: Any) -> str:
    # Cached: a listing repeats the same few amounts (the rates) on most of its rows.
    return fen_to_text(int(value))


def _bool_cell(value: Any) -> str:
    return "true" if value else "false"


def _plain_cell(value: Any) -> str:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


def csv_converters(columns: list[Column]) -> list[Callable[[Any], str]]:
    """One function per column that turns its values (other than None and text, which
    need none) into CSV cells exactly as :func:`csv_value` does — chosen once per column,
    not once per cell: a million-row export has tens of millions of cells."""
    chosen: dict[str, Callable[[Any], str]] = {"money": _money_cell, "bool": _bool_cell}
    return [chosen.get(column.kind, _plain_cell) for column in columns]


def human_value(column: Column, value: Any, lang: str) -> str:
    """A value for people, in *lang*: 2022年11月30日, 是/否, ¥12,000.00, 在册."""
    if value is None or value == "":
        return ""
    if column.kind == "date":
        return format_date(value, lang)
    if column.kind == "bool":
        return t("bool.true" if value else "bool.false", lang)
    if column.kind == "enum":
        return t(f"{column.enum_prefix}{value}", lang)
    if column.kind == "money":
        text = fen_to_text(int(value))
        whole, cents = text.lstrip("-").split(".")
        return f"{'-' if int(value) < 0 else ''}¥{int(whole):,}.{cents}"
    if column.kind == "int":
        return f"{int(value):,}"
    if column.kind == "percent":
        return f"{value}%"
    if column.kind == "bar":
        return percent_bar(value)
    # Whatever was stored, a terminal escape in a name is shown, never run.
    return for_screen(localize(str(value), lang))


def percent(part: int, whole: int) -> Decimal | None:
    """part/whole as a percentage with one decimal, rounded half up (None when whole is 0)."""
    if whole <= 0:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


BAR_WIDTH = 10


def percent_bar(value: Any) -> str:
    """A ten-cell bar for a percentage: 81.0 -> ████████░░."""
    cells = (Decimal(str(value)) * BAR_WIDTH / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    filled = min(BAR_WIDTH, max(0, int(cells)))
    return "█" * filled + "░" * (BAR_WIDTH - filled)


def _human_rows(listing: Listing, lang: str, limit: int) -> tuple[list[list[str]], str | None]:
    """The first *limit* rows as text, and the line saying what was left out (None when
    nothing was)."""
    if listing.head is not None:
        head = listing.head(limit)
        rows = [
            [human_value(c, row.get(c.key), lang) for c in listing.columns] for row in head.rows
        ]
        if head.more:
            more_than = f"{head.total:,}"
            return rows, t("msg.truncated_more", lang, shown=len(rows), total=more_than)
        total = head.total
    else:
        rows, total = [], 0
        for row in listing.rows:
            total += 1
            if total <= limit:
                rows.append([human_value(c, row.get(c.key), lang) for c in listing.columns])
    left_out = total > len(rows)
    return rows, t("msg.truncated", lang, shown=len(rows), total=total) if left_out else None


def _record_rows(listing: Listing, lang: str) -> list[list[str]]:
    row = next(iter(listing.rows), {})
    return [[c.label(lang), human_value(c, row.get(c.key), lang)] for c in listing.columns]


def render(listing: Listing, fmt: OutputFormat, lang: str, out: TextIO | None = None) -> None:
    """Print *listing* in *fmt* to *out* (stdout by default)."""
    stream = out or sys.stdout
    for warning in listing.warnings:
        message(warning)
    if fmt in (OutputFormat.csv, OutputFormat.json) and _is_terminal(stream):
        # Data for machines keeps every character, except on a screen.
        stream = _Screen(stream)
    if fmt is OutputFormat.json:
        _render_json(listing, stream)
    elif fmt is OutputFormat.csv and listing.csv_writer is not None:
        listing.csv_writer(stream)
    elif fmt is OutputFormat.csv and listing.spreadsheet:
        headers = [c.label(lang) for c in listing.columns]
        write_csv(listing.columns, listing.rows, stream, header=headers, line_end="\r\n")
    elif fmt is OutputFormat.csv:
        write_csv(listing.columns, listing.rows, stream, header=[c.key for c in listing.columns])
    elif fmt is OutputFormat.plain:
        _render_plain(listing, lang, stream)
    else:
        _render_table(listing, lang, stream)
    for note in listing.notes:
        message(note)


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


class _Screen:
    """A text stream for a terminal: control characters are spelled out as they go."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(spelled_out(text))

    def isatty(self) -> bool:
        return True


def render_result(
    result: Listing | Report, fmt: OutputFormat, lang: str, out: TextIO | None = None
) -> None:
    """Print what a command returned: a ``Listing`` (see :func:`render`) or a ``Report``
    (its parts, fields and closing lines as ``listing.Report`` describes)."""
    if isinstance(result, Listing):
        render(result, fmt, lang, out)
        return
    _render_report(result, fmt, lang, out or sys.stdout)
    for note in result.notes:
        message(note)


def _render_report(result: Report, fmt: OutputFormat, lang: str, stream: TextIO) -> None:
    if fmt is OutputFormat.csv or (fmt is OutputFormat.json and not result.fields):
        render(result.first, fmt, lang, stream)
        return
    if fmt is OutputFormat.json:
        document: dict[str, Any] = {c.key: machine_value(c, v) for c, v in result.fields}
        for key, listing in result.parts:
            document[key] = [
                {c.key: machine_value(c, row.get(c.key)) for c in listing.columns}
                for row in listing.rows
            ]
        document.update((c.key, machine_value(c, v)) for c, v in result.totals)
        stream.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        return
    for _key, listing in result.parts:
        render(listing, fmt, lang, stream)
    for line in result.lines:
        stream.write(for_screen(line) + "\n")


def _render_json(listing: Listing, stream: TextIO) -> None:
    def objects() -> Iterator[dict[str, Any]]:
        for row in listing.rows:
            yield {c.key: machine_value(c, row.get(c.key)) for c in listing.columns}

    if listing.record:
        first = next(objects(), {})
        stream.write(json.dumps(first, ensure_ascii=False, indent=2) + "\n")
        return
    # Stream the array so a million rows never sit in memory at once.
    stream.write("[")
    for index, obj in enumerate(objects()):
        stream.write(("," if index else "") + "\n  " + json.dumps(obj, ensure_ascii=False))
    stream.write("\n]\n")


def row_cells(columns: list[Column], rows: Iterable[Mapping[str, Any]]) -> Iterator[list[str]]:
    """Each row as its CSV cells (see csv_value); text a spreadsheet would run as a formula
    gets a leading apostrophe (see neutralise_formula). Numbers, money and dates we format
    ourselves are never touched: "-12.00" is a number to Excel, not a formula."""
    keys = [column.key for column in columns]
    converters = csv_converters(columns)
    for row in rows:
        values = [row.get(key) for key in keys]
        yield [
            # neutralise_formula, inline: this runs for every cell
            ("'" + value if value.startswith(FORMULA_STARTS) else value)
            if value.__class__ is str
            else ("" if value is None else convert(value))
            for value, convert in zip(values, converters, strict=True)
        ]


def write_csv(
    columns: list[Column],
    rows: Iterable[Mapping[str, Any]],
    stream: TextIO,
    *,
    header: list[str],
    line_end: str = "\n",
) -> int:
    """Write rows as CSV (see row_cells: formula-like text neutralised); returns the number
    of rows written. Every CSV assoc produces goes through here or through
    ``db.sql.csv_cells``, which makes the same cells in SQL."""
    return write_cells(row_cells(columns, rows), stream, header, line_end)


def write_cells(
    rows: Iterable[Sequence[Any]], stream: Any, headers: list[str], line_end: str = "\r\n"
) -> int:
    """Write *headers* and *rows* (the cells themselves) as CSV; returns the row count."""
    writer = csv.writer(stream, lineterminator=line_end)
    writer.writerow(headers)
    # Counted on the way through without a Python call per row (a counting iterator
    # class cost 0.3 s of `dues unpaid -f csv` at 417,000 rows): zip draws one number
    # per row, and none once the rows run out, so the next number is how many there were.
    counter = itertools.count()
    writer.writerows(map(itemgetter(0), zip(rows, counter, strict=False)))  # (in C)
    return next(counter)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def neutralise_formula(cell: str) -> str:
    """Prefix a text cell that Excel/LibreOffice would evaluate (=, +, -, @…) with "'"."""
    if cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def _render_plain(listing: Listing, lang: str, stream: TextIO) -> None:
    from tabulate import tabulate

    if listing.title:
        stream.write(for_screen(listing.title) + "\n")
    if listing.record:
        stream.write(tabulate(_record_rows(listing, lang), tablefmt="plain") + "\n")
        return
    # Like the table: the first rows only (tabulate needs every row in memory to size the
    # columns), then how many there are and how to get them all.
    rows, left_out = _human_rows(listing, lang, TABLE_ROW_LIMIT)
    if not rows:
        message(t("msg.empty", lang))
        return
    headers = [c.label(lang) for c in listing.columns]
    stream.write(tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True) + "\n")
    if left_out:
        message(left_out)


def _render_table(listing: Listing, lang: str, stream: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    # On a terminal, fit its width (long cells fold onto more lines); into a file or a
    # pipe, never cut a name short.
    console = Console(file=stream, width=None if stream.isatty() else 100_000)
    # Text objects: a name like "[red]…" is printed as it is, not taken as rich markup.
    title = Text(for_screen(listing.title)) if listing.title else None
    if listing.record:
        table = Table(title=title, show_header=False, box=None, pad_edge=False)
        table.add_column(style="bold", no_wrap=True)
        table.add_column(overflow="fold")
        for label, value in _record_rows(listing, lang):
            table.add_row(Text(label), Text(value))
        console.print(table)
        return
    rows, left_out = _human_rows(listing, lang, TABLE_ROW_LIMIT)
    if not rows:
        if title:
            console.print(title)
        message(t("msg.empty", lang))
        return
    table = Table(title=title)
    for column in listing.columns:
        numeric = column.kind in ("int", "money", "percent")
        table.add_column(
            column.label(lang), justify="right" if numeric else "left", overflow="fold"
        )
    for cells in rows:
        table.add_row(*map(Text, cells), end_section=False)
    console.print(table)
    if left_out:
        message(left_out)


def message(text: str) -> None:
    """A message for people, on stderr so data on stdout stays clean (a stored name's
    terminal escapes spelled out)."""
    sys.stderr.write(for_screen(text) + "\n")
