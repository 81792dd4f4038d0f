"""Spreadsheet cells: formulas are neutralised, digit strings kept as text, and the CSV
export computed in SQL says what the .xlsx export (through Python) says."""

from __future__ import annotations

from pathlib import Path

import pytest

from assoc_cli.output import neutralise_formula
from tests.conftest import Cli


@pytest.mark.parametrize("cell", ["=1+1", "+86", "-2", "@SUM(A1)", '=HYPERLINK("x")'])
def test_formula_cells_are_neutralised(cell: str) -> None:
    assert neutralise_formula(cell) == "'" + cell
    assert neutralise_formula("淄博") == "淄博"


def test_csv_export_cells_computed_in_sql_equal_the_spreadsheets(demo: Cli, tmp_path: Path) -> None:
    """The CSV export computes its cells in SQL (words, dates, neutralised formulas); the
    .xlsx export goes through Python. Cell for cell they say the same."""
    import csv
    from datetime import datetime

    from openpyxl import load_workbook

    from assoc_cli.files.spreadsheets import kept_as_text
    from assoc_cli.output import neutralise_formula

    demo.ok(
        "members", "add", "=1+1 公司", "--phone", "+86 533 1", "--note", "-3", "--party-org", "否"
    )
    demo.ok("members", "export", "-o", str(tmp_path / "r.csv"), "--status", "all")
    demo.ok("members", "export", "-o", str(tmp_path / "r.xlsx"), "--status", "all")
    with (tmp_path / "r.csv").open(encoding="utf-8-sig", newline="") as handle:
        from_csv = list(csv.reader(handle))
    sheet = load_workbook(tmp_path / "r.xlsx").worksheets[0]

    def text(value: object) -> str:
        if value is None:
            return ""
        if isinstance(value, datetime):
            return value.date().isoformat()
        # (a file for Excel: digit strings a spreadsheet would damage keep a leading tab)
        return kept_as_text(neutralise_formula(str(value)))

    from_xlsx = [[text(cell.value) for cell in row] for row in sheet.iter_rows()]
    assert len(from_csv) == 1 + 63
    assert from_csv == from_xlsx
