"""Read and write spreadsheet-shaped files.

Reading yields (line number, cells) so every problem can be reported by the line a person
sees in Excel. Writing neutralises cells a spreadsheet would run as a formula.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import suppress
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from assoc_cli.errors import ImportFileError
from assoc_cli.i18n.controls import has_control, spelled_out
from assoc_cli.output import Column, csv_value

CSV_SUFFIXES = (".csv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
# Encodings tried in turn: UTF-8 (with or without BOM), then what Chinese Excel writes.
CSV_ENCODINGS = ("utf-8-sig", "gb18030")
DECODE_BLOCK = 1 << 20


def read_rows(path: Path) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The header row and an iterator of (line number, cells) for a CSV or XLSX file."""
    if not path.exists():
        raise ImportFileError(f"no file at {path}")
    if path.is_dir():
        raise ImportFileError(f"{path} is a folder; name a .csv or .xlsx file")
    suffix = path.suffix.lower()
    if suffix in XLSX_SUFFIXES:
        rows = _xlsx_rows(path)
    elif suffix in CSV_SUFFIXES:
        rows = _csv_rows(path)
    elif suffix == ".xls":
        raise ImportFileError(
            f"{path.name} is an old .xls workbook; save it as .xlsx or CSV and import that"
        )
    else:
        raise ImportFileError(f"{path.name}: import reads .csv or .xlsx files")
    rows = _without_controls(path, rows)
    for _line, cells in rows:
        if any(cell.strip() for cell in cells):
            return [cell.strip() for cell in cells], rows
    raise ImportFileError(f"{path.name} is empty: it has no header row")


def _without_controls(
    path: Path, rows: Iterator[tuple[int, list[str]]]
) -> Iterator[tuple[int, list[str]]]:
    """*rows*, refusing a cell with a control character (a terminal escape, a bidi
    override pasted from somewhere): the whole file stops there, nothing is imported."""
    for line, cells in rows:
        if has_control("".join(cells)):
            cell = next(cell for cell in cells if has_control(cell))
            raise ImportFileError(
                f'{path.name} line {line}: the cell "{spelled_out(cell)}" holds a control '
                "character (shown as \\u…); delete it in the spreadsheet and import again"
            )
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
                f"{path.name} line {reader.line_num}: broken CSV ({exc})"
            ) from exc


def _detect_encoding(path: Path) -> str:
    # Decode the whole file up front: a GBK file often starts with plain ASCII headers
    # and only fails as UTF-8 far down, after rows were already read. The file is decoded
    # a block at a time, so a large one is never held in memory whole.
    with path.open("rb") as handle:
        if b"\x00" in handle.read(4096):
            raise ImportFileError(
                f"{path.name} looks like a binary or UTF-16 file; save it from Excel as "
                "“CSV UTF-8 (逗号分隔)” or as .xlsx"
            )
        for encoding in CSV_ENCODINGS:
            handle.seek(0)
            if _decodes(handle, encoding):
                return encoding
    raise ImportFileError(
        f"{path.name} is neither UTF-8 nor GBK/GB18030 text; save it from Excel as "
        "“CSV UTF-8 (逗号分隔)” or as .xlsx"
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
        return str(int(value))
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zipfile.BadZipFile, KeyError, InvalidFileException…
        raise ImportFileError(f"{path.name} cannot be read as an Excel workbook ({exc})") from exc
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
