"""Read and write spreadsheet-shaped files.

Reading yields (line number, cells) so every problem can be reported by the line a person
sees in Excel. Writing neutralises cells a spreadsheet would run as a formula.
"""

from __future__ import annotations

import codecs
import csv
import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import suppress
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from assoc_cli.errors import ImportFileError
from assoc_cli.i18n.controls import has_control, spelled_out
from assoc_cli.output import FORMULA_STARTS, Column, csv_value

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


def write_xlsx_file(
    path: Path,
    columns: list[Column],
    rows: Iterable[Mapping[str, Any]],
    headers: list[str],
    sheet_title: str,
) -> int:
    """Write an .xlsx in streaming mode; every text cell is stored as text, never a formula."""
    from openpyxl import Workbook

    from assoc_cli.files.atomic import writing

    # Open the file first: a folder that does not exist fails here, before any work.
    with writing(path, binary=True) as handle:
        return _fill_workbook(
            Workbook(write_only=True), handle, columns, rows, headers, sheet_title
        )


def _fill_workbook(
    workbook: Any,
    handle: Any,
    columns: list[Column],
    rows: Iterable[Mapping[str, Any]],
    headers: list[str],
    sheet_title: str,
) -> int:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    sheet = workbook.create_sheet(title=sheet_title[:31])
    bold = Font(bold=True, name="宋体")
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = bold
        header_cells.append(cell)
    count = 0
    try:
        sheet.append(header_cells)
        for row in rows:
            cells = []
            for column in columns:
                value = row.get(column.key)
                cell = WriteOnlyCell(sheet, value=_xlsx_value(column, value))
                if isinstance(cell.value, str):
                    # openpyxl treats "=…" as a formula; force plain text.
                    cell.data_type = "s"
                cells.append(cell)
            sheet.append(cells)
            count += 1
        workbook.save(handle)
    except BaseException:
        _abandon(sheet)
        raise
    return count


def _abandon(sheet: Any) -> None:
    """Close a write-only sheet's generators after a failure, here and quietly: left to
    the garbage collector at exit, each prints an "Exception ignored" traceback."""
    writer = getattr(sheet, "_writer", None)
    for generator in (getattr(sheet, "_rows", None), getattr(writer, "xf", None)):
        if generator is not None:
            with suppress(Exception):
                generator.close()
    with suppress(Exception):
        writer.out.close()  # type: ignore[union-attr]  # its temporary file


def _xlsx_value(column: Column, value: Any) -> Any:
    if value is None:
        return None
    if column.kind in ("int",) and isinstance(value, int):
        return value
    if column.kind == "date" and isinstance(value, date):
        return value
    # Stored with data_type "s" below, so no text can run as a formula in Excel.
    return csv_value(column, value)


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
