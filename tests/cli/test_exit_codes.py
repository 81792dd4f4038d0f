"""Edges found in review: unwritable outputs, absurd numbers and years, waivers after
payment, vote counts, duplicate names, re-dated meetings, the roster on a meeting's date."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Cli


@pytest.mark.parametrize(
    "args",
    [
        ["dues", "export", "-o", "/proc/assoc-test.csv"],
        ["members", "export", "-o", "/nonexistent-folder/x.xlsx"],
        ["meetings", "list", "-o", "/proc/assoc-test.json"],
        ["db", "backup", "/proc/assoc-test.db"],
    ],
)
def test_an_output_that_cannot_be_written_is_one_error_line(demo: Cli, args: list[str]) -> None:
    if args[0] == "db" and demo.is_postgres:
        args = ["db", "backup", "/nonexistent-folder/x.bundle"]
    assert "Error" in demo.fails(*args)


def test_a_folder_as_a_document_file(demo: Cli, tmp_path: Path) -> None:
    assert "cannot use" in demo.fails("meetings", "minutes", "2", "-f", "docx", "-o", str(tmp_path))


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["dues", "pay", "M0016", "--amount", "99999999999999999999"], 2),
        (["dues", "rates", "set", "2022", "会长单位", "99999999999999999999"], 2),
        (["members", "add", "巨型公司", "--employees", "99999999999999999999"], 1),
        (["terms", "add", "99999999999999999999", "--start", "2040-01-01"], 1),
        (["dues", "void", "W99999999999999999999999", "--reason", "x"], 1),
        (["dues", "waive", "M0016", "--year", "0", "--amount", "100", "--reason", "x"], 2),
        (["dues", "export", "--year", "0"], 2),
        (["dues", "report", "--year", "2022", "--compare", "9999"], 2),
        (["meetings", "list", "--year", "0"], 2),
        (["dues", "pay", "M0016", "--amount", "1", "--on", "0001-01-01"], 1),
    ],
)
def test_absurd_numbers_and_years_are_refused(demo: Cli, args: list[str], code: int) -> None:
    demo.fails(*args, code=code)


def test_a_waiver_only_reduces_what_is_still_owed(demo: Cli) -> None:
    # M0016 paid half of its 2022 dues (¥5,000 of ¥10,000) in the demo.
    error = demo.fails(
        "dues",
        "waive",
        "M0016",
        "--year",
        "2022",
        "--amount",
        "6000",
        "--reason",
        "x",
        "--on",
        "2022-11-30",
    )
    assert "only ¥5,000.00 of the 2022 dues is still owed" in error
    demo.ok(
        "dues",
        "waive",
        "M0016",
        "--year",
        "2022",
        "--amount",
        "5000",
        "--reason",
        "x",
        "--on",
        "2022-11-30",
    )


def test_vote_present_only_when_attendance_was_not_recorded(demo: Cli) -> None:
    assert "attendance is recorded" in demo.fails(
        "meetings", "vote", "2", "议题", "--for", "5", "--present", "100"
    )
    empty = demo.ok("meetings", "new", "--kind", "理事会", "--date", "2022-01-10").stdout.strip()
    assert "1 or more" in demo.fails(
        "meetings", "vote", empty, "议题", "--for", "0", "--present", "-1"
    )


def test_names_and_short_names_are_unique(demo: Cli) -> None:
    assert "already used by 示范汇能阀门有限公司 (M0003)" in demo.fails(
        "members", "add", "示范汇能阀门有限公司"
    )
    short = json.loads(demo.ok("members", "show", "M0001", "-f", "json").stdout)["short_name"]
    assert "already used by" in demo.fails("members", "add", "另一家公司", "--short-name", short)
    assert "already used by" in demo.fails(
        "members", "edit", "M0002", "--name", "示范汇能阀门有限公司"
    )


def test_an_export_imports_back_without_warnings(demo: Cli, tmp_path: Path) -> None:
    out = tmp_path / "roster.csv"
    demo.ok("members", "export", "-o", str(out))
    result = demo.ok("members", "import", str(out), "--dry-run")
    assert "忽略" not in result.stderr and "Ignored" not in result.stderr


def test_a_re_dated_meeting_moves_to_its_term(cli: Cli) -> None:
    cli.ok("terms", "add", "2", "--start", "2021-06-18")
    cli.ok("terms", "add", "3", "--start", "2026-06-18")
    first = cli.ok("meetings", "new", "--kind", "理事会", "--date", "2022-03-01").stdout.strip()
    cli.ok("meetings", "new", "--kind", "理事会", "--date", "2022-06-01")
    cli.ok("meetings", "edit", first, "--date", "2026-12-01")
    title = json.loads(cli.ok("meetings", "show", first, "-f", "json").stdout)["title"]
    assert title.endswith("三届一次理事会")
    assert "no term covers" in cli.fails("meetings", "edit", first, "--date", "2019-01-01")


def test_invitations_follow_the_roster_on_the_meeting_date(cli: Cli) -> None:
    cli.ok("terms", "add", "2", "--start", "2021-06-18")
    for name in ("甲公司", "乙公司", "丙公司"):
        cli.ok("members", "add", name, "--joined", "2015-01-01")
    cli.ok("members", "leave", "丙公司", "--on", "2023-06-30")
    cli.ok("members", "add", "丁公司", "--joined", "2023-01-01")
    meeting = cli.ok("meetings", "new", "--kind", "会员大会", "--date", "2022-12-20").stdout.strip()
    assert "已邀请 3 人" in cli.ok("meetings", "invite", meeting, "--all-members").stderr
    assert json.loads(cli.ok("meetings", "quorum", meeting, "-f", "json").stdout)["expected"] == 3


def test_meeting_kind_hint_and_proxies(demo: Cli) -> None:
    assert "assoc meetings kinds NAME" in demo.fails(
        "meetings", "new", "--kind", "年会", "--date", "2022-01-01"
    )
    person = json.loads(demo.ok("meetings", "attendance", "--meeting", "2", "-f", "json").stdout)[
        0
    ]["person"]
    assert "own proxy" in demo.fails("meetings", "mark", "2", person, "--proxy", person)


def test_english_info_labels(demo: Cli) -> None:
    text = demo.ok("info", lang="en").stdout
    assert "Active" in text and "Withdrawn" in text
