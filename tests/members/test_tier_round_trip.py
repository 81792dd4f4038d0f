"""Tiers round-trip (issue 15): ``members export`` says which tiers are set for a member
(指定档次 是) and which follow its offices (否); re-importing the export changes nothing, so
a tier that followed an office still follows it when the office is removed, and the dues
follow the tier."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import Cli, snapshot

OFFICER = "M0009"  # 副会长 in the demo's 2nd and 3rd terms, owes 2022's ¥20,000
PLAIN = "M0049"  # no office: 会员单位


def _cells(path: Path) -> list[dict[str, str]]:
    """The rows of an exported roster as {header: text}."""
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return list(csv.DictReader(handle))
    book = load_workbook(path, read_only=True)
    try:
        sheet = book.active
        assert sheet is not None
        rows = [["" if c is None else str(c) for c in r] for r in sheet.iter_rows(values_only=True)]
    finally:
        book.close()
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def _tiers(cli: Cli) -> dict[str, tuple[str, bool]]:
    roster = json.loads(cli.ok("members", "list", "-f", "json", "--all-columns").stdout)
    return {row["number"]: (row["tier"], row["tier_explicit"]) for row in roster}


def _due_2022(cli: Cli, number: str) -> tuple[Decimal | None, Decimal]:
    """What *number* is billed for 2022 by the unpaid list (None: not listed, nothing left
    to pay) and by its statement."""
    unpaid = json.loads(
        cli.ok("dues", "unpaid", "--year", "2022", "--as-of", "2022-12-31", "-f", "json").stdout
    )
    listed = next((Decimal(row["due"]) for row in unpaid if row["number"] == number), None)
    statement = json.loads(cli.ok("dues", "statement", number, "-f", "json").stdout)
    stated = next(Decimal(year["due"]) for year in statement["years"] if year["year"] == 2022)
    return listed, stated


def _import_changes_nothing(cli: Cli, path: Path) -> None:
    before = snapshot(cli.location)
    result = cli.ok("members", "import", str(path))
    assert "新增 0，更新 0" in result.stderr, result.stderr
    assert snapshot(cli.location) == before


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_export_says_which_tiers_are_set_and_a_reimport_keeps_them_following(
    demo: Cli, tmp_path: Path, suffix: str
) -> None:
    demo.ok("members", "edit", PLAIN, "--tier", "理事单位")
    tiers = _tiers(demo)
    assert tiers[OFFICER] == ("副会长单位", False)
    assert _due_2022(demo, OFFICER) == (Decimal("20000.00"),) * 2
    out = tmp_path / f"roster{suffix}"
    demo.ok("members", "export", "-o", str(out))
    rows = {row["会员编号"]: row for row in _cells(out)}
    assert (rows[OFFICER]["会费档次"], rows[OFFICER]["指定档次"]) == ("副会长单位", "否")
    assert (rows[PLAIN]["会费档次"], rows[PLAIN]["指定档次"]) == ("理事单位", "是")
    _import_changes_nothing(demo, out)
    assert _tiers(demo) == tiers
    # The tier followed the office before the import, and still does after it.
    demo.ok("offices", "remove", OFFICER, "副会长", "--term", "2")
    demo.ok("offices", "remove", OFFICER, "副会长", "--term", "3")
    assert _tiers(demo)[OFFICER] == ("会员单位", False)
    # ¥3,000 instead of ¥20,000: its 2021 payment of ¥20,000 now leaves credit that covers it.
    assert _due_2022(demo, OFFICER) == (None, Decimal("3000.00"))
    assert _tiers(demo)[PLAIN] == ("理事单位", True)


def test_an_export_without_the_column_still_imports_unchanged(demo: Cli, tmp_path: Path) -> None:
    """An export from before 指定档次 (the tier cell alone) pins nothing it only repeats."""
    out = tmp_path / "roster.csv"
    demo.ok("members", "export", "-o", str(out))
    rows = _cells(out)
    old = tmp_path / "old.csv"
    with old.open("w", encoding="utf-8-sig", newline="") as handle:
        headers = [h for h in rows[0] if h != "指定档次"]
        writer = csv.DictWriter(handle, headers, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    _import_changes_nothing(demo, old)


def test_the_secretary_sets_and_clears_tiers_in_the_spreadsheet(demo: Cli, tmp_path: Path) -> None:
    """是 sets the tier written beside it; 否 lets the tier follow the offices again; a
    changed tier with 否 is refused, saying to write 是."""
    demo.ok("members", "edit", PLAIN, "--tier", "理事单位")
    out = tmp_path / "roster.csv"
    demo.ok("members", "export", "-o", str(out))
    rows = _cells(out)

    def write(name: str, changes: dict[str, dict[str, str]]) -> Path:
        path = tmp_path / name
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.DictWriter(handle, list(rows[0]))
            writer.writeheader()
            writer.writerows({**row, **changes.get(row["会员编号"], {})} for row in rows)
        return path

    contradicts = write("contradicts.csv", {OFFICER: {"会费档次": "理事单位"}})
    error = demo.fails("members", "import", str(contradicts), lang="en")
    assert "1 problem(s) found" in error
    said = demo("members", "import", str(contradicts), lang="en").stderr
    assert '会费档次 (tier) "理事单位" is not what the offices give (副会长单位)' in said
    assert "write 是 in 指定档次" in said

    edited = write(
        "edited.csv",
        {OFFICER: {"会费档次": "理事单位", "指定档次": "是"}, PLAIN: {"指定档次": "否"}},
    )
    result = demo.ok("members", "import", str(edited))
    assert "更新 2" in result.stderr, result.stderr
    tiers = _tiers(demo)
    assert tiers[OFFICER] == ("理事单位", True)
    assert tiers[PLAIN] == ("会员单位", False)
    # Its 2021 payment of ¥20,000 was ¥10,000 more than 2021's due: 2022 is covered.
    assert _due_2022(demo, OFFICER) == (None, Decimal("10000.00"))
