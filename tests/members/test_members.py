"""Member numbers handed out by ``members add``."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Cli


def test_new_numbers_keep_the_width_of_the_roster(cli: Cli, tmp_path: Path) -> None:
    """A roster numbered M0000001… (a federation's own scheme) goes on as M0000003, not
    M0003 — which would sort apart from the rest and be handed out again next time."""
    roster = tmp_path / "roster.csv"
    roster.write_text("编号,名称\nM0000001,甲公司\nM0000002,乙公司\n", encoding="utf-8")
    cli.ok("members", "import", str(roster))
    assert cli.ok("members", "add", "丙公司").stdout.strip() == "M0000003"
    assert cli.ok("members", "add", "丁公司").stdout.strip() == "M0000004"
    # A later import's rows without a number go on in the same width.
    more = tmp_path / "more.csv"
    more.write_text("名称\n戊公司\n己公司\n", encoding="utf-8")
    cli.ok("members", "import", str(more))
    numbers = cli.ok("members", "list", "-f", "csv").stdout
    assert "M0000005,戊公司" in numbers and "M0000006,己公司" in numbers, numbers


def test_numbers_go_on_past_9999_and_around_numbers_typed_by_hand(cli: Cli, tmp_path: Path) -> None:
    """M9999 is followed by M10000 and M10001 (which sort before M9999 as text); after a
    number typed by hand far ahead, the next one follows it."""
    roster = tmp_path / "roster.csv"
    roster.write_text("编号,名称\nM9998,甲公司\nM9999,乙公司\n", encoding="utf-8")
    cli.ok("members", "import", str(roster))
    assert cli.ok("members", "add", "丙公司").stdout.strip() == "M10000"
    assert cli.ok("members", "add", "丁公司").stdout.strip() == "M10001"
    later = tmp_path / "later.csv"
    later.write_text("编号,名称\nM20000,戊公司\n", encoding="utf-8")
    cli.ok("members", "import", str(later))
    assert cli.ok("members", "add", "庚公司").stdout.strip() == "M20001"
