"""The files people open (``-o FILE.xlsx|FILE.csv``), opened the way people open them:
every command that writes them — found from the CLI tree — writes an .xlsx from the demo
association, LibreOffice Calc opens and saves it, and what Calc saved is checked: amounts
are numbers whose column sums to the total the command gives as JSON, years and counts
integers, dates dates, the header frozen and filtered, no formula anywhere. A CSV written
for Excel keeps 0099, credit codes and phone numbers as text in Calc, Chinese intact."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.conftest import Cli
from tests.files.test_hostile_cells import PAPERS, _writers
from tests.office import convert_all, require_office

sqlite_only = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)

# Each command that writes a file for people, with arguments that show the demo's data.
DEMO_ARGS: dict[tuple[str, ...], list[str]] = {
    ("info",): [],
    ("log",): ["--limit", "50"],
    ("members", "show"): ["M0001"],
    ("members", "list"): [],
    ("members", "stats"): [],
    ("members", "export"): [],
    ("terms", "list"): [],
    ("offices", "list"): [],
    ("offices", "kinds"): [],
    ("dues", "policy"): [],
    ("dues", "statement"): ["M0005", "--as-of", "2022-11-30"],
    ("dues", "unpaid"): ["--year", "2022", "--as-of", "2022-11-30"],
    ("dues", "report"): ["--year", "2022", "--as-of", "2022-11-30", "--compare", "2021"],
    ("dues", "arrears"): ["--as-of", "2022-11-30", "--min-years", "1"],
    ("dues", "export"): ["--year", "2022"],
    ("dues", "notices"): [],
    ("dues", "rates", "list"): [],
    ("meetings", "list"): [],
    ("meetings", "show"): ["2"],
    ("meetings", "kinds"): [],
    ("meetings", "quorum"): ["2"],
    ("meetings", "votes"): [],
    ("meetings", "attendance"): [],
    ("meetings", "agenda", "list"): ["2"],
    ("actions", "list"): [],
    ("today",): ["--as-of", "2021-11-28"],
    ("stats", "report"): ["2022-Q4", "--by", "segment"],
    ("stats", "overdue"): ["2022-Q4", "--as-of", "2023-02-01"],
    ("stats", "indicators", "list"): [],
    ("stats", "plans", "list"): [],
    ("stats", "scale", "list"): ["2022"],
    ("party", "list"): [],
    ("party", "meetings"): ["--year", "2022"],
    ("report", "year"): ["2022"],
    ("requests", "list"): ["--year", "2022"],
    ("requests", "show"): ["SQ2022-0001"],
    ("requests", "report"): ["--year", "2022", "--by", "category", "--as-of", "2022-12-31"],
    ("requests", "overdue"): ["--year", "2022", "--as-of", "2022-12-31"],
    ("requests", "remind"): ["--within", "5", "--as-of", "2022-11-30"],
    ("services", "list"): ["--year", "2022"],
    ("services", "report"): ["--year", "2022"],
    ("services", "coverage"): ["--year", "2022"],
    ("services", "uncontacted"): ["--year", "2022"],
    ("events", "guests"): [],
    ("events", "people"): ["3"],
    ("events", "programme"): ["3"],
    ("events", "registrations"): ["3"],
    ("events", "rate"): ["3"],
    ("events", "certificates"): ["3"],
    ("events", "series", "list"): ["--year", "2021"],
}
# Commands without -f json: the amounts are checked against their own CSV on stdout.
NO_JSON = {("members", "export"), ("dues", "export")}
MONEY = re.compile(r"-?[0-9]+\.[0-9]{2}")


def _xlsx_writers() -> set[tuple[str, ...]]:
    return {
        path
        for path, ways in _writers().items()
        if "file" in ways and path not in PAPERS and path != ("meetings", "signin")
    }


def test_every_xlsx_writer_is_checked() -> None:
    assert set(DEMO_ARGS) == _xlsx_writers(), "DEMO_ARGS must name every command with -o"
    # (members import and dues pay --from: their -f shows the lines of the file they read)
    on_a_file = {("members", "import"), ("dues", "pay")}
    missing = {p for p, ways in _writers().items() if ways == {"csv"}} - on_a_file
    assert not missing, f"these read commands have -f but no -o FILE: {missing}"


def _name(path: tuple[str, ...]) -> str:
    return "-".join(path)


def _money_sums(document: Any) -> Iterator[Decimal]:
    """The sum of each amount key ("12000.00" strings) of each table in a JSON answer."""
    tables: list[list[dict[str, Any]]] = []
    if isinstance(document, list):
        tables.append(document)
    elif isinstance(document, dict):
        tables.extend(v for v in document.values() if isinstance(v, list) and v)
    for rows in tables:
        keys = {key for row in rows if isinstance(row, dict) for key in row}
        for key in sorted(keys):
            values = [row.get(key) for row in rows if row.get(key) is not None]
            if values and all(isinstance(v, str) and MONEY.fullmatch(v) for v in values):
                yield sum((Decimal(v) for v in values), Decimal(0))


def _column_sums(book: Path) -> list[Decimal]:
    """The sum of every numeric column of every sheet, as Calc saved the numbers."""
    workbook = load_workbook(book)
    sums = []
    for sheet in workbook.worksheets:
        for column in sheet.iter_cols():
            numbers = [
                c.value
                for c in column
                if isinstance(c.value, int | float) and not isinstance(c.value, bool)
            ]
            if numbers:
                sums.append(Decimal(str(round(sum(numbers), 2))))
    return sums


@sqlite_only
def test_xlsx_files_are_typed_framed_and_sum_in_calc(demo: Cli, tmp_path: Path) -> None:
    require_office()
    ours = tmp_path / "ours"
    ours.mkdir()
    expected: dict[tuple[str, ...], list[Decimal]] = {}
    for path, args in DEMO_ARGS.items():
        book = ours / f"{_name(path)}.xlsx"
        demo.ok(*path, *args, "-o", str(book))
        if path in NO_JSON:
            text = demo.ok(*path, *args).stdout
            rows = list(csv.DictReader(io.StringIO(text)))
            expected[path] = list(_money_sums([{k: v or None for k, v in r.items()} for r in rows]))
        else:
            expected[path] = list(
                _money_sums(json.loads(demo.ok(*path, *args, "-f", "json").stdout))
            )
        _check_as_written(book)
    saved = convert_all(sorted(ours.iterdir()), "xlsx", tmp_path / "calc")
    for path in DEMO_ARGS:
        book = tmp_path / "calc" / f"{_name(path)}.xlsx"
        assert book in saved
        cells = _cells(book)
        assert not [c for c in cells if c[1] == "f"], f"{book.name}: a formula cell"
        as_text = [v for v, kind in cells if kind == "s" and MONEY.fullmatch(str(v))]
        assert not as_text, f"{book.name}: amounts stored as text: {as_text[:3]}"
        sums = _column_sums(book)
        for total in expected[path]:
            assert total in sums, f"{book.name}: no column sums to {total} in Calc ({sums})"
    assert sum(len(v) for v in expected.values()) >= 10  # amounts were checked at all
    _check_ledger(tmp_path / "calc" / "dues-export.xlsx")
    _check_stats(tmp_path / "calc" / "members-stats.xlsx")


def _cells(book: Path) -> list[tuple[Any, str]]:
    workbook = load_workbook(book)
    return [
        (cell.value, cell.data_type)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
    ]


def _check_as_written(book: Path) -> None:
    """What we wrote: header frozen, a filter on every table, widths set, no formula."""
    workbook = load_workbook(book)
    for sheet in workbook.worksheets:
        header_row = 2 if sheet["A1"].font.sz and sheet["A1"].font.sz > 12 else 1  # a title
        assert sheet.freeze_panes == f"A{header_row + 1}", f"{book.name} {sheet.title}: not frozen"
        record = any(row[0].value == "项目" for row in sheet.iter_rows(max_row=2))
        if not record:
            assert sheet.auto_filter.ref, f"{book.name} {sheet.title}: no filter"
        assert sheet.column_dimensions["A"].width, f"{book.name}: no column widths"
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{book.name} {cell.coordinate} is a formula"


def _table(book: Path) -> list[dict[str, Any]]:
    sheet = load_workbook(book).worksheets[0]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header_at = next(i for i, row in enumerate(rows) if sum(v is not None for v in row) > 1)
    header = rows[header_at]
    return [dict(zip(header, row, strict=True)) for row in rows[header_at + 1 :] if any(row)]


def _check_ledger(book: Path) -> None:
    """The dues ledger as Calc saved it: years integers, amounts numbers, dates dates,
    and the header frozen with a filter over it."""
    rows = _table(book)
    assert rows and all(isinstance(r["年度"], int) for r in rows if r["年度"] is not None)
    assert all(isinstance(r["金额"], int | float) for r in rows)
    assert all(isinstance(r["日期"], datetime) for r in rows)
    sheet = load_workbook(book).worksheets[0]
    assert sheet.auto_filter.ref == "A1:O63"
    # (LibreOffice without a screen drops view settings: the frozen header is checked on
    # the file as written, in _check_as_written)
    assert "¥" in sheet["G2"].number_format and "0.00" in sheet["G2"].number_format


def _check_stats(book: Path) -> None:
    rows = _table(book)
    assert rows and all(isinstance(r["会员数"], int) for r in rows)


@sqlite_only
def test_excel_csv_keeps_digit_strings_as_text_in_calc(demo: Cli, tmp_path: Path) -> None:
    """0099, an all-digit credit code and a landline with its area code survive a CSV
    opened in Calc as the text they are; formula-like names stay text; Chinese intact."""
    require_office()
    demo.sql(
        "UPDATE member SET number = '0099', credit_code = '913703001234500007', "
        "phone = '05332345678', name = '=1+2 示范公司' WHERE number = 'M0009'"
    )
    ours = tmp_path / "ours"
    ours.mkdir()
    commands = {
        "export": ["members", "export"],
        "list": ["members", "list"],
        "unpaid": ["dues", "unpaid", "--year", "2022", "--as-of", "2022-11-30"],
    }
    for name, command in commands.items():
        demo.ok(*command, "-o", str(ours / f"{name}.csv"))
    raw = (ours / "export.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\t0099" in raw
    saved = convert_all([ours / f"{name}.csv" for name in commands], "xlsx", tmp_path / "calc")
    for book in saved:
        cells = _cells(book)
        assert not [c for c in cells if c[1] == "f"], f"{book.name}: a formula cell"
        texts = {str(value).strip() for value, kind in cells if kind == "s"}
        numbers = {str(value) for value, kind in cells if kind == "n"}
        assert "示范永盛特钢材料有限公司" not in texts  # (renamed above)
        assert "'=1+2 示范公司" in texts, f"{book.name}: the name is not kept as text"
        assert "05332345678" in texts, f"{book.name}: the phone lost its zero"
        assert not {"5332345678", "99", "913703001234500007"} & numbers
        if book.stem != "unpaid":
            assert {"0099", "913703001234500007"} <= texts, f"{book.name}: digits damaged"
    # …and the roster written for Excel imports back unchanged.
    demo.ok("members", "import", str(ours / "export.csv"))
    assert demo.sql("SELECT name, credit_code FROM member WHERE number = '0099'") == [
        ("=1+2 示范公司", "913703001234500007")
    ]
