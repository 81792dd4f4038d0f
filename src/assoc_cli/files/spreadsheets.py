"""Read and write spreadsheet-shaped files.

Reading yields (line number, cells) so every problem can be reported by the line a person
sees in Excel (openpyxl reads .xlsx). Writing makes the files people open: CSV for
Excel/WPS and .xlsx (written by xlsxwriter) — formula-like text neutralised, long digit
strings kept as text, amounts, counts and dates typed.
"""

from __future__ import annotations

import codecs
import csv
import itertools
import re
import traceback
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple
from unicodedata import east_asian_width

from assoc_cli.errors import ImportFileError
from assoc_cli.i18n import localize, t
from assoc_cli.i18n.controls import has_control, spelled_out
from assoc_cli.listing import SheetChart
from assoc_cli.output import FORMULA_STARTS, Column, Listing, Report, fen_to_text

CSV_SUFFIXES = (".csv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
# Encodings tried in turn: UTF-8 (with or without BOM), then what Chinese Excel writes.
CSV_ENCODINGS = ("utf-8-sig", "gb18030")
DECODE_BLOCK = 1 << 20


# How many non-blank rows may stand above the header row (a title, a date, a unit).
HEADER_SEARCH_ROWS = 20


class Sheet(NamedTuple):
    """A file's header row, the rows above it that were skipped as titles (line, text),
    and an iterator of the rows after it (line number, cells)."""

    headers: list[str]
    titles: list[tuple[int, str]]
    rows: Iterator[tuple[int, list[str]]]


def read_rows(path: Path, is_header: Callable[[list[str]], bool] | None = None) -> Sheet:
    """The header row and an iterator of (line number, cells) for a CSV or XLSX file.

    The header row is the first row *is_header* accepts among the first non-blank ones
    (rows above it, a merged title row, are skipped and listed in ``titles``), or the first
    non-blank row when none is accepted. Cells come back as assoc wrote them: the ``'``
    that neutralises a formula-like cell, and a leading tab, are taken off."""
    name = path.name
    if not path.exists():
        raise ImportFileError(f"no file at {path}", zh=f"找不到文件 {path}")
    if path.is_dir():
        raise ImportFileError(
            f"{path} is a folder; name a .csv or .xlsx file",
            zh=f"{path} 是文件夹;请指定 .csv 或 .xlsx 文件",
        )
    suffix = path.suffix.lower()
    if suffix in XLSX_SUFFIXES:
        rows = _xlsx_rows(path)
    elif suffix in CSV_SUFFIXES:
        rows = _csv_rows(path)
    elif suffix == ".xls":
        raise ImportFileError(
            f"{name} is an old .xls workbook; save it as .xlsx or CSV and import that",
            zh=f"{name} 是旧版 .xls 工作簿;请另存为 .xlsx 或 CSV 后再导入",
        )
    else:
        raise ImportFileError(
            f"{name}: import reads .csv or .xlsx files", zh=f"{name}:只能导入 .csv 或 .xlsx 文件"
        )
    rows = _as_written(path, rows)
    seen: list[tuple[int, list[str]]] = []
    for line, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue
        if is_header is None or is_header(cells):
            titles = [(at, " ".join(c.strip() for c in above if c.strip())) for at, above in seen]
            return Sheet([cell.strip() for cell in cells], titles, rows)
        seen.append((line, cells))
        if len(seen) >= HEADER_SEARCH_ROWS:
            break
    if seen:
        # No row looked like a header: the first one is, as it always was.
        first = [cell.strip() for cell in seen[0][1]]
        return Sheet(first, [], itertools.chain(seen[1:], rows))
    raise ImportFileError(f"{name} is empty: it has no header row", zh=f"{name} 是空的:没有表头行")


# The first characters of a cell assoc neutralised with "'" (see output.neutralise_formula).
_NEUTRALISED = frozenset(c for start in FORMULA_STARTS for c in start)


def as_written(cell: str) -> str:
    """A cell as assoc wrote it: without the ``'`` that kept a formula-like cell text, and
    without a leading tab (which keeps a long digit string text in Excel)."""
    if cell[:1] == "'" and cell[1:2] in _NEUTRALISED:
        cell = cell[1:]
    return cell.lstrip("\t")


def _as_written(
    path: Path, rows: Iterator[tuple[int, list[str]]]
) -> Iterator[tuple[int, list[str]]]:
    """*rows*, refusing a cell with a control character (a terminal escape, a bidi
    override pasted from somewhere): the whole file stops there, nothing is imported.
    Cells are given back as assoc wrote them (``as_written``); one scan of the joined row
    tells whether any cell needs it."""
    for line, cells in rows:
        joined = "".join(cells)
        if has_control(joined):
            cell = next(cell for cell in cells if has_control(cell))
            shown = spelled_out(cell)
            raise ImportFileError(
                f'{path.name} line {line}: the cell "{shown}" holds a control '
                "character (shown as \\u…); delete it in the spreadsheet and import again",
                zh=f"{path.name} 第 {line} 行:单元格“{shown}”含有控制字符(显示为 \\u…);"
                "请在电子表格中删除后重新导入",
            )
        if "'" in joined or "\t" in joined:
            cells = [as_written(cell) for cell in cells]
        yield line, cells


def _csv_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    encoding = _detect_encoding(path)
    with path.open(encoding=encoding, newline="") as handle:
        reader = csv.reader(handle)
        try:
            for cells in reader:
                yield reader.line_num, cells
        except csv.Error as exc:
            raise ImportFileError(
                f"{path.name} line {reader.line_num}: broken CSV ({exc})",
                zh=f"{path.name} 第 {reader.line_num} 行:CSV 格式有误({exc})",
            ) from exc


def _detect_encoding(path: Path) -> str:
    # Decode the whole file up front: a GBK file often starts with plain ASCII headers
    # and only fails as UTF-8 far down, after rows were already read. The file is decoded
    # a block at a time, so a large one is never held in memory whole.
    with path.open("rb") as handle:
        if b"\x00" in handle.read(4096):
            raise ImportFileError(
                f"{path.name} looks like a binary or UTF-16 file; save it from Excel as "
                "“CSV UTF-8 (逗号分隔)” or as .xlsx",
                zh=f"{path.name} 像是二进制或 UTF-16 文件;请在 Excel 中另存为"
                "“CSV UTF-8 (逗号分隔)”或 .xlsx",
            )
        for encoding in CSV_ENCODINGS:
            handle.seek(0)
            if _decodes(handle, encoding):
                return encoding
    raise ImportFileError(
        f"{path.name} is neither UTF-8 nor GBK/GB18030 text; save it from Excel as "
        "“CSV UTF-8 (逗号分隔)” or as .xlsx",
        zh=f"{path.name} 既不是 UTF-8 也不是 GBK/GB18030 文本;请在 Excel 中另存为"
        "“CSV UTF-8 (逗号分隔)”或 .xlsx",
    )


def _decodes(handle: BinaryIO, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        for block in iter(lambda: handle.read(DECODE_BLOCK), b""):
            decoder.decode(block)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        if abs(value) >= 1e15:
            # Past 15 digits a spreadsheet's number has lost some (a credit code or an ID
            # typed as a number): shown as the spreadsheet does, so the loss is seen.
            return f"{value:.15G}"
        return str(int(value))
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zipfile.BadZipFile, KeyError, InvalidFileException…
        raise ImportFileError(
            f"{path.name} cannot be read as an Excel workbook ({exc})",
            zh=f"{path.name} 无法作为 Excel 工作簿读取({exc})",
        ) from exc
    try:
        sheet = workbook.worksheets[0]
        for line, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield line, [_cell_text(value) for value in values]
    finally:
        workbook.close()


# ---------------------------------------------------------------- writing, for people
#
# ``-f csv`` and ``-f json`` on stdout are for machines (output.py: stable keys, codes).
# What follows writes the files people open (``-o FILE.csv|FILE.xlsx``, the exports):
# headers in the output language, words for codes, and cells a spreadsheet keeps as
# they are meant — formula-like text neutralised, long digit strings kept as text,
# amounts, counts and dates typed in .xlsx so they sum, sort and filter.

# A spreadsheet opening a CSV turns a cell of digits into a number: 913703001234567890
# loses its last digits (15 significant digits), 0099 and 05332345678 their leading
# zero, a mobile number shows as 1.38E+10. With a leading tab, Excel, WPS and LibreOffice
# keep such a cell as text (``members import`` strips it, as it strips all whitespace).
TEXT_MARK = "\t"
LONG_DIGITS = 12
# .xlsx column widths: fitted to the header and the first rows, in character cells (a
# Chinese character is two), within these bounds.
WIDTH_SAMPLE_ROWS = 1000
MIN_WIDTH, MAX_WIDTH = 6, 60
MONEY_FORMAT = "¥#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"
# One decimal as the collection rates have it, two where a growth rate (同比 9.05) has two.
PERCENT_FORMAT = "0.0#"
SHEET_NAME_LIMIT = 31


def kept_as_text(cell: str) -> str:
    """*cell* with a leading tab when a spreadsheet would read it as a number and damage
    it: all digits and 12 or more of them (a credit code, an ID number), a leading zero
    (0099, an area code 0533…), or 11 digits from 1 (a mobile number)."""
    if (
        cell[:1].isdigit()
        and cell.isdigit()
        and cell.isascii()
        and (
            len(cell) >= LONG_DIGITS
            or (cell[0] == "0" and len(cell) > 1)
            or (len(cell) == 11 and cell[0] == "1")
        )
    ):
        return TEXT_MARK + cell
    return cell


def file_columns(columns: Sequence[Column]) -> list[Column]:
    """The columns a file gets: all but the screen's decoration (percentage bars)."""
    return [column for column in columns if column.kind != "bar"]


def _text_cell(lang: str) -> Callable[[Any], str]:
    def text(value: Any) -> str:
        cell = localize(value, lang) if value.__class__ is str else str(value)
        if cell.startswith(FORMULA_STARTS):
            return "'" + cell
        return kept_as_text(cell) if cell[:1].isdigit() else cell

    return text


def _words(column: Column, lang: str) -> Callable[[Any], str]:
    """Codes spelled out in *lang*: 是/否, 在册, 缴费…"""
    if column.kind == "bool":
        yes, no = t("bool.true", lang), t("bool.false", lang)
        return lambda value: yes if value else no
    known: dict[Any, str] = {}

    def word(value: Any) -> str:
        if value not in known:
            known[value] = t(f"{column.enum_prefix}{value}", lang)
        return known[value]

    return word


def _iso(value: Any) -> str:
    return value.isoformat() if isinstance(value, date | datetime) else str(value)


def people_converters(columns: Sequence[Column], lang: str) -> list[Callable[[Any], str]]:
    """One function per column turning its (non-empty) values into the CSV cell people
    read: words for codes, ISO dates, amounts as plain numbers (12000.00) that sum."""
    chosen: list[Callable[[Any], str]] = []
    for column in columns:
        if column.kind == "money":
            chosen.append(lambda value: fen_to_text(int(value)))
        elif column.kind in ("bool", "enum"):
            chosen.append(_words(column, lang))
        elif column.kind == "date":
            chosen.append(_iso)
        elif column.kind in ("int", "percent"):
            chosen.append(str)
        else:
            chosen.append(_text_cell(lang))
    return chosen


def people_rows(
    columns: Sequence[Column], rows: Iterable[Mapping[str, Any]], lang: str
) -> Iterator[list[str]]:
    """Each row as the cells of a CSV for people (see :func:`people_converters`)."""
    keys = [column.key for column in columns]
    converters = people_converters(columns, lang)
    for row in rows:
        yield [
            "" if value is None or value == "" else convert(value)
            for value, convert in zip([row.get(key) for key in keys], converters, strict=True)
        ]


def _record_rows(listing: Listing, lang: str) -> tuple[list[str], list[list[str]]]:
    row = next(iter(listing.rows), {})
    columns = file_columns(listing.columns)
    cells = next(people_rows(columns, [row], lang))
    labels = [column.label(lang) for column in columns]
    return [t("col.field", lang), t("col.value", lang)], [
        list(pair) for pair in zip(labels, cells, strict=True)
    ]


def write_people_csv(path: Path, listing: Listing, lang: str) -> int:
    """*listing* as a CSV for Excel/WPS: UTF-8 with BOM, headers in *lang*, the cells of
    :func:`people_rows`; a record as field/value pairs. Returns the rows written."""
    if listing.record:
        headers, pairs = _record_rows(listing, lang)
        return write_csv_cells_file(path, pairs, headers)
    columns = file_columns(listing.columns)
    headers = [column.label(lang) for column in columns]
    return write_csv_cells_file(path, people_rows(columns, listing.rows, lang), headers)


def write_csv_file(
    path: Path | None,
    columns: list[Column],
    rows: Iterable[Mapping[str, Any]],
    headers: list[str],
    stream: Any = None,
) -> int:
    """Write a CSV Excel opens with Chinese intact (UTF-8 with BOM); formulas neutralised."""
    from assoc_cli.output import row_cells

    cells = row_cells(columns, rows)
    return write_csv_cells_file(path, cells, headers, stream)


def write_csv_cells_file(
    path: Path | None, rows: Iterable[Sequence[Any]], headers: list[str], stream: Any = None
) -> int:
    """Like :func:`write_csv_file` for rows that are already the cells to write, in header
    order (text, whole numbers or None; formula-like text already neutralised)."""
    from assoc_cli.files.atomic import writing
    from assoc_cli.output import write_cells

    if path is None:
        return write_cells(rows, stream, headers)
    with writing(path, encoding="utf-8-sig") as handle:
        return write_cells(rows, handle, headers)


@dataclass
class OutSheet:
    """One worksheet of an .xlsx: a table under an optional title, sentences below it."""

    columns: list[Column]
    rows: Iterable[Mapping[str, Any]]
    headers: list[str]
    name: str
    title: str | None = None
    lines: Sequence[str] = ()
    record: bool = False
    charts: Sequence[SheetChart] = ()

    @classmethod
    def of(cls, listing: Listing, lang: str, name: str, lines: Sequence[str] = ()) -> OutSheet:
        """A listing's sheet: its columns for files, headers in *lang*, its title."""
        columns = file_columns(listing.columns)
        return cls(
            columns,
            listing.rows,
            [column.label(lang) for column in columns],
            name=listing.title or name,
            title=listing.title,
            lines=lines,
            record=listing.record,
            charts=listing.charts,
        )


def write_result_file(path: Path, result: Listing | Report, lang: str) -> int:
    """A command's answer written for people: ``.csv`` (its main table, see
    :func:`write_people_csv`) or ``.xlsx`` (each part its own sheet, see
    :func:`write_xlsx_sheets`). Returns the rows of the main table."""
    if isinstance(result, Listing):
        listings, lines = [result], []
    else:
        listings = [listing for _key, listing in result.parts] or [result.first]
        lines = list(result.lines)
    if path.suffix.lower() == ".csv":
        return write_people_csv(path, listings[0], lang)
    sheets = [
        OutSheet.of(listing, lang, path.stem, lines if index == 0 else ())
        for index, listing in enumerate(listings)
    ]
    return write_xlsx_sheets(path, sheets, lang)


def write_xlsx_file(
    path: Path,
    columns: list[Column],
    rows: Iterable[Mapping[str, Any]],
    headers: list[str],
    sheet_title: str,
    lang: str = "zh-Hans",
) -> int:
    """Write one table as an .xlsx with *headers* (see :func:`write_xlsx_sheets`)."""
    return write_xlsx_sheets(path, [OutSheet(columns, rows, headers, sheet_title)], lang)


def write_xlsx_sheets(path: Path, sheets: Sequence[OutSheet], lang: str) -> int:
    """Write *sheets* as an .xlsx as a spreadsheet user expects it (xlsxwriter, streamed
    row by row in its constant-memory mode): amounts as numbers formatted ¥#,##0.00,
    counts and years as integers, dates as dates, words for codes, all other text as
    text cells (never a formula); a bold header row, frozen, with a filter; columns as
    wide as their content. Returns the rows of the first sheet."""
    import xlsxwriter

    from assoc_cli.files.atomic import writing

    counts: list[int] = []
    with writing(path, binary=True) as handle:
        workbook = xlsxwriter.Workbook(
            handle,
            {
                "constant_memory": True,
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
            },
        )
        try:
            styles = _Styles(workbook)
            names: set[str] = set()
            for sheet in sheets:
                name = sheet_name(sheet.name, names)
                names.add(name.lower())
                worksheet = workbook.add_worksheet(name)
                counts.append(_fill_sheet(worksheet, styles, sheet, lang))
                _add_charts(workbook, worksheet, name, sheet, counts[-1])
            _close(workbook)
        except BaseException:
            _abandon(workbook)
            raise
    return counts[0] if counts else 0


def _close(workbook: Any) -> None:
    """Finish the workbook; a failed write (a full disk) is the ``OSError`` it is, which
    ``files.atomic`` turns into one line, not xlsxwriter's wrapper of it."""
    from xlsxwriter.exceptions import FileCreateError

    try:
        workbook.close()
    except FileCreateError as exc:
        cause = exc.args[0] if exc.args else None
        # Let go of the zip archive it was writing now, while the (failed, guarded) file
        # is open: left to exit, its own close prints an "Exception ignored" traceback.
        for failure in (exc, cause):
            if isinstance(failure, BaseException):
                traceback.clear_frames(failure.__traceback__)
        if isinstance(cause, OSError):
            raise cause from None
        raise


def sheet_name(wanted: str, taken: Collection[str] = ()) -> str:
    """A worksheet name Excel accepts: no []:*?/\\, not quoted, at most 31 characters,
    not one of *taken* (lower case)."""
    name = re.sub(r"[\[\]:*?/\\\x00-\x1f]", " ", wanted).strip().strip("'").strip() or "Sheet"
    name = name[:SHEET_NAME_LIMIT]
    number = 1
    while name.lower() in taken:
        number += 1
        suffix = f" ({number})"
        name = name[: SHEET_NAME_LIMIT - len(suffix)] + suffix
    return name


class _Styles:
    def __init__(self, workbook: Any) -> None:
        self.title = workbook.add_format({"bold": True, "font_size": 14})
        self.header = workbook.add_format(
            {"bold": True, "bg_color": "#F2F2F2", "bottom": 1, "valign": "vcenter"}
        )
        self.money = workbook.add_format({"num_format": MONEY_FORMAT})
        self.date = workbook.add_format({"num_format": DATE_FORMAT})
        self.percent = workbook.add_format({"num_format": PERCENT_FORMAT})


def text_width(text: str) -> int:
    """How many character cells *text* takes in a spreadsheet column: a Chinese
    (East Asian wide) character takes two."""
    if text.isascii():
        return len(text)
    return sum(2 if east_asian_width(char) in "WF" else 1 for char in text)


# A cell writer puts one (non-empty) value into the sheet and returns its width.
_CellWriter = Callable[[Any, int, int, Any], int]


def _cell_writers(columns: Sequence[Column], styles: _Styles, lang: str) -> list[_CellWriter]:
    return [_cell_writer(column, styles, lang) for column in columns]


def _cell_writer(column: Column, styles: _Styles, lang: str) -> _CellWriter:
    def text(sheet: Any, row: int, col: int, value: Any) -> int:
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            sheet.write_number(row, col, value)  # a number in a text column (an id)
            return len(str(value))
        cell = localize(value, lang) if value.__class__ is str else str(value)
        sheet.write_string(row, col, cell)
        return text_width(cell)

    if column.kind == "money":

        def money(sheet: Any, row: int, col: int, value: Any) -> int:
            # A double holds every amount up to 2^53 fen (90 trillion yuan) to the fen;
            # the cell shows it to two places and sums exactly as Excel sums.
            yuan = int(value) / 100
            sheet.write_number(row, col, yuan, styles.money)
            return len(f"¥{yuan:,.2f}")

        return money
    if column.kind == "int":

        def integer(sheet: Any, row: int, col: int, value: Any) -> int:
            if isinstance(value, int) and not isinstance(value, bool):
                sheet.write_number(row, col, value)
                return len(str(value))
            return text(sheet, row, col, value)

        return integer
    if column.kind == "percent":

        def share(sheet: Any, row: int, col: int, value: Any) -> int:
            number = float(value)
            sheet.write_number(row, col, number, styles.percent)
            return len(f"{number:.1f}")

        return share
    if column.kind == "date":

        def day(sheet: Any, row: int, col: int, value: Any) -> int:
            if isinstance(value, str):
                try:
                    value = date.fromisoformat(value)
                except ValueError:
                    return text(sheet, row, col, value)
            if isinstance(value, date):
                sheet.write_datetime(row, col, value, styles.date)
                return 10
            return text(sheet, row, col, value)

        return day
    if column.kind in ("bool", "enum"):
        spell = _words(column, lang)

        def word(sheet: Any, row: int, col: int, value: Any) -> int:
            cell = spell(value)
            sheet.write_string(row, col, cell)
            return text_width(cell)

        return word
    return text


def _fill_sheet(sheet: Any, styles: _Styles, table: OutSheet, lang: str) -> int:
    """Write *table* into *sheet*, row by row; returns the data rows written."""
    row = 0
    if table.title:
        sheet.write_string(row, 0, table.title, styles.title)
        row += 1
    if table.record:
        return _fill_record(sheet, styles, table, lang, row)
    header_row = row
    for col, header in enumerate(table.headers):
        sheet.write_string(row, col, header, styles.header)
    widths = [text_width(header) for header in table.headers]
    keys = [column.key for column in table.columns]
    writers = _cell_writers(table.columns, styles, lang)
    count = 0
    for values in table.rows:
        row += 1
        sample = count < WIDTH_SAMPLE_ROWS
        count += 1
        for col, (key, write) in enumerate(zip(keys, writers, strict=True)):
            value = values.get(key)
            if value is None or value == "":
                continue
            width = write(sheet, row, col, value)
            if sample and width > widths[col]:
                widths[col] = width
    for col, width in enumerate(widths):
        sheet.set_column(col, col, min(MAX_WIDTH, max(MIN_WIDTH, width + 2)))
    sheet.freeze_panes(header_row + 1, 0)
    if table.columns:
        sheet.autofilter(header_row, 0, row, len(table.columns) - 1)
    _write_lines(sheet, table.lines, row + 2)
    return count


def _add_charts(workbook: Any, worksheet: Any, name: str, table: OutSheet, count: int) -> None:
    """Draw *table*'s charts (native, editable) beside its rows: each series one value
    column, the categories from the label column, the header as the series name."""
    if table.record or not table.charts or not count:
        return
    keys = [column.key for column in table.columns]
    header_row = 1 if table.title else 0
    first, last = header_row + 1, header_row + count
    place = header_row + count + len(table.lines) + 3
    for chart_spec in table.charts:
        rows_last = last - 1 if chart_spec.skip_last and count > 1 else last
        if chart_spec.category not in keys:
            continue
        category = keys.index(chart_spec.category)
        chart = workbook.add_chart({"type": chart_spec.kind})
        for key in chart_spec.values:
            if key not in keys:
                continue
            column = keys.index(key)
            chart.add_series(
                {
                    "name": [name, header_row, column],
                    "categories": [name, first, category, rows_last, category],
                    "values": [name, first, column, rows_last, column],
                    "data_labels": {"value": True},
                }
            )
        chart.set_title({"name": chart_spec.title})
        if chart_spec.y_title:
            chart.set_y_axis({"name": chart_spec.y_title, "min": 0})
        chart.set_size({"width": 640, "height": 320})
        worksheet.insert_chart(place, 0, chart)
        place += 18


def _fill_record(sheet: Any, styles: _Styles, table: OutSheet, lang: str, row: int) -> int:
    """One record as field/value pairs, each value typed as in a table."""
    values = next(iter(table.rows), {})
    sheet.write_string(row, 0, t("col.field", lang), styles.header)
    sheet.write_string(row, 1, t("col.value", lang), styles.header)
    sheet.freeze_panes(row + 1, 0)
    widths = [text_width(t("col.field", lang)), text_width(t("col.value", lang))]
    writers = _cell_writers(table.columns, styles, lang)
    for header, column, write in zip(table.headers, table.columns, writers, strict=True):
        row += 1
        sheet.write_string(row, 0, header)
        widths[0] = max(widths[0], text_width(header))
        value = values.get(column.key)
        if value is not None and value != "":
            widths[1] = max(widths[1], write(sheet, row, 1, value))
    for col, width in enumerate(widths):
        sheet.set_column(col, col, min(MAX_WIDTH, max(MIN_WIDTH, width + 2)))
    _write_lines(sheet, table.lines, row + 2)
    return 1


def _write_lines(sheet: Any, lines: Sequence[str], row: int) -> None:
    for offset, line in enumerate(lines):
        sheet.write_string(row + offset, 0, line)


def _abandon(workbook: Any) -> None:
    """Close a workbook's temporary row files after a failure, quietly: left to the
    garbage collector, each is an unclosed-file warning."""
    for sheet in workbook.worksheets():
        with suppress(Exception):
            sheet._opt_close()
    workbook.fileclosed = True


def estimate_rows(path: Path) -> int | None:
    """About how many data rows a file holds, for a progress bar (None when unknown)."""
    try:
        if path.suffix.lower() in CSV_SUFFIXES:
            with path.open("rb") as handle:
                return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
        if path.suffix.lower() in XLSX_SUFFIXES:
            from openpyxl import load_workbook

            workbook = load_workbook(path, read_only=True)
            try:
                rows: int | None = workbook.worksheets[0].max_row
                return rows
            finally:
                workbook.close()
    except Exception:  # the real read reports any problem with the file
        return None
    return None
