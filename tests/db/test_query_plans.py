"""Speed that cannot silently regress: the number of SQL round trips a report makes does
not grow with its rows (no N+1 queries), and the hot queries use their indexes (EXPLAIN
QUERY PLAN). Timings live in bench/, never here."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Cli, new_cli, recorded_statements, sqlite_only, template_fixture

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


def _small(cli: Cli) -> None:
    """An association with a few members, offices, rates and payments."""
    with tempfile.TemporaryDirectory() as folder:
        _association(cli, Path(folder), 12)


small = template_fixture("small", _small)


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
        # The note on closed years' adjustments reads their own index, not the year's
        # entries one by one (0.55 s of each report at 1,000,000 members).
        assert any("USING INDEX ix_dues_entry_adjustments" in p for p in plans), plans
        assert not [p for p in plans if "ix_dues_entry_year" in p], plans


@sqlite_only
def test_one_members_lookups_search_indexes(small: Cli) -> None:
    for args in (
        ["dues", "statement", "淄博测试0004", "--as-of", "2022-11-30"],
        ["members", "show", "淄博测试0004"],
        ["dues", "pay", "淄博测试0006", "--amount", "100", "--on", "2022-11-30", "--credit"],
    ):
        with recorded_statements() as statements:
            small.ok(*args)
        plans = _plans(small.db, statements)
        entry_plans = [p for p in plans if "dues_entry" in p]
        for plan in entry_plans:
            assert "SCAN dues_entry\n" not in plan + "\n", plan
            # The voids come from their own index, not a walk over every earlier entry.
            assert "ix_dues_entry_entry_on (entry_on<?)" not in plan, plan
        member_plans = [p for p in plans if "member " in p or p.endswith("member")]
        assert member_plans
        # Finding the member by name uses the name index, not a scan of the roster.
        assert any("SEARCH member USING INDEX ix_member_name" in p for p in plans), plans
