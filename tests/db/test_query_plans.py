"""Speed that cannot silently regress: the number of SQL round trips a report makes does
not grow with its rows (no N+1 queries), the hot queries use their indexes (EXPLAIN QUERY
PLAN), and huge listings are cut short on screen. Timings live in bench/, never here."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Cli, new_cli, recorded_statements, sqlite_only

RATES = {"会长单位": "30000", "副会长单位": "20000", "理事单位": "10000", "会员单位": "3000"}


def _association(cli: Cli, tmp_path: Path, members: int) -> Cli:
    """*members* units (one in five with an office) with rates, payments and a void."""
    rows = ["名称,入会日期,电话"] + [
        f"淄博测试{i:04d}机械有限公司,2019-0{1 + i % 9}-15,0533-{i:07d}" for i in range(members)
    ]
    tmp_path.mkdir(parents=True, exist_ok=True)
    roster = tmp_path / f"roster-{members}.csv"
    roster.write_text("\n".join(rows) + "\n", encoding="utf-8")
    cli.ok("terms", "add", "2", "--start", "2019-01-01")
    cli.ok("members", "import", str(roster))
    for year in ("2021", "2022"):
        for tier, amount in RATES.items():
            cli.ok("dues", "rates", "set", year, tier, amount)
    for i in range(0, members, 5):
        cli.ok("offices", "assign", f"淄博测试{i:04d}", "理事", "--term", "2")
    for i in range(0, members, 2):
        cli.ok("dues", "pay", f"淄博测试{i:04d}", "--amount", "3000", "--on", "2022-03-01")
    cli.ok("dues", "void", "2022-0001", "--on", "2022-03-02", "--reason", "重复录入")
    return cli


READS = [
    ["dues", "report", "--year", "2022", "--as-of", "2022-11-30", "--by", "tier"],
    ["dues", "report", "--year", "2022", "--as-of", "2022-11-30", "--by", "segment"],
    ["dues", "unpaid", "--year", "2022", "--as-of", "2022-11-30"],
    ["dues", "arrears", "--as-of", "2022-11-30"],
    ["dues", "export"],
    ["members", "list"],
    ["members", "stats"],
    ["members", "export"],
]


def _round_trips(cli: Cli, args: list[str]) -> int:
    with recorded_statements() as statements:
        cli.ok(*args, "-f", "csv") if "export" not in args else cli.ok(*args)
    return len(statements)


def test_reports_make_the_same_round_trips_for_4_or_40_members(
    backend: str, cli: Cli, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    small = _association(cli, tmp_path / "small", 4)
    large = new_cli(backend, tmp_path / "second", request, init=True)
    _association(large, tmp_path / "large", 40)
    for args in READS:
        trips = _round_trips(small, args)
        assert trips > 0
        assert trips == _round_trips(large, args), " ".join(args)


@pytest.fixture
def small(cli: Cli, tmp_path: Path) -> Cli:
    """An association with a few members, offices, rates and payments."""
    return _association(cli, tmp_path / "data", 12)


def _plans(db: Path, statements: list[tuple[str, Any]]) -> list[str]:
    connection = sqlite3.connect(db)
    try:
        plans = []
        for statement, parameters in statements:
            if not statement.lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            rows = connection.execute(f"EXPLAIN QUERY PLAN {statement}", parameters).fetchall()
            plans.append("\n".join(str(row[-1]) for row in rows))
        return plans
    finally:
        connection.close()


@sqlite_only
def test_the_ledger_reads_dues_entries_through_its_covering_index(small: Cli) -> None:
    # What a rate change's trigger does: the reports compute the ledger until a refresh.
    small.sql("INSERT OR IGNORE INTO ledger_dirty (member_id) VALUES (0)")
    for args in (
        ["dues", "report", "--year", "2022", "--as-of", "2022-11-30"],
        ["dues", "unpaid", "--year", "2022", "--as-of", "2022-11-30"],
    ):
        with recorded_statements() as statements:
            small.ok(*args)
        ledger_plans = [p for p in _plans(small.db, statements) if "entry_sums" in p]
        assert ledger_plans, "the ledger query was not issued"
        for plan in ledger_plans:
            # Sums per member and year come from the index alone, in order: no table
            # lookups and no sort for the GROUP BY.
            assert "SCAN dues_entry USING COVERING INDEX ix_dues_entry_ledger" in plan, plan
            # Who was a member in each year: an index search, never a scan.
            assert "SEARCH membership_period USING INDEX" in plan, plan
            assert "SCAN membership_period" not in plan, plan


@sqlite_only
def test_reports_read_one_years_stored_balances_by_key(small: Cli) -> None:
    """With the stored balances current, a report reads one year's rows as a range of the
    table's key, and the unpaid list's arrears come from the index of owing rows only."""
    for args in (
        ["dues", "report", "--year", "2022"],
        ["dues", "unpaid", "--year", "2022"],
    ):
        with recorded_statements() as statements:
            small.ok(*args)
        plans = _plans(small.db, statements)
        assert not [p for p in plans if "entry_sums" in p], "the ledger was computed"
        balance_plans = [p for p in plans if "dues_balance" in p]
        assert balance_plans, "the stored balances were not read"
        for plan in balance_plans:
            assert "SCAN dues_balance\n" not in plan + "\n", plan
            assert "SEARCH dues_balance USING PRIMARY KEY (year=?)" in plan, plan
        if args[1] == "unpaid":
            assert any("ix_dues_balance_owing" in p for p in balance_plans), balance_plans


@sqlite_only
def test_one_members_lookups_search_indexes(small: Cli) -> None:
    for args in (
        ["dues", "statement", "淄博测试0004", "--as-of", "2022-11-30"],
        ["members", "show", "淄博测试0004"],
    ):
        with recorded_statements() as statements:
            small.ok(*args)
        plans = _plans(small.db, statements)
        entry_plans = [p for p in plans if "dues_entry" in p]
        for plan in entry_plans:
            assert "SCAN dues_entry\n" not in plan + "\n", plan
        member_plans = [p for p in plans if "member " in p or p.endswith("member")]
        assert member_plans
        # Finding the member by name uses the name index, not a scan of the roster.
        assert any("SEARCH member USING INDEX ix_member_name" in p for p in plans), plans


def test_huge_listings_show_the_first_rows_and_say_how_to_get_all(cli: Cli, tmp_path: Path) -> None:
    rows = ["名称,入会日期"] + [f"淄博批量{i:05d}有限公司,2020-01-01" for i in range(1005)]
    roster = tmp_path / "roster.csv"
    roster.write_text("\n".join(rows) + "\n", encoding="utf-8")
    cli.ok("members", "import", str(roster))
    for fmt in ("table", "plain"):
        result = cli.ok("members", "list", "-f", fmt)
        shown = [line for line in result.stdout.splitlines() if "淄博批量" in line]
        assert len(shown) == 1000, fmt
        assert "仅显示前 1000 行,共 1005 行" in result.stderr
        assert "-f csv" in result.stderr
    every = cli.ok("members", "list", "-f", "csv").stdout.splitlines()
    assert len(every) == 1 + 1005


def test_csv_export_cells_computed_in_sql_equal_the_spreadsheets(demo: Cli, tmp_path: Path) -> None:
    """The CSV export computes its cells in SQL (words, dates, neutralised formulas); the
    .xlsx export goes through Python. Cell for cell they say the same."""
    import csv
    from datetime import datetime

    from openpyxl import load_workbook

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
        return neutralise_formula(str(value))

    from_xlsx = [[text(cell.value) for cell in row] for row in sheet.iter_rows()]
    assert len(from_csv) == 1 + 63
    assert from_csv == from_xlsx
