"""Issue 15: a late 换届 (the last term stands in, said once), terms extended or ended
early, and how many units may hold an office in one term."""

from __future__ import annotations

import json
from datetime import date, timedelta

from tests.conftest import Cli

TODAY = date.today()
# A five-year term that ended about a month ago: its successor has not been elected yet.
EXPIRED_START = TODAY - timedelta(days=5 * 366 + 30)


def _late_election(cli: Cli) -> None:
    cli.ok("terms", "add", "2", "--start", EXPIRED_START.isoformat())
    cli.ok("members", "add", "山东双涵石化装备有限公司", "--short-name", "双涵", "--rep", "周立正")
    cli.ok("members", "add", "淄博华普电机有限公司", "--short-name", "华普")
    cli.ok("offices", "assign", "双涵", "副会长", "--term", "2")


def test_an_expired_term_stands_in_until_the_election_and_says_so_once(cli: Cli) -> None:
    _late_election(cli)
    listed = cli.ok("members", "list", "-f", "json")
    rows = {r["number"]: r for r in json.loads(listed.stdout)}
    assert (rows["M0001"]["tier"], rows["M0001"]["offices"]) == ("副会长单位", "副会长")
    assert listed.stderr.count("届满") == 1 and "换届" in listed.stderr
    tier = json.loads(cli.ok("members", "list", "--tier", "副会长单位", "-f", "json").stdout)
    assert [r["number"] for r in tier] == ["M0001"]
    shown = cli.ok("members", "show", "双涵", "-f", "json")
    assert json.loads(shown.stdout)["offices"] == "副会长"
    assert shown.stderr.count("届满") == 1
    stats = json.loads(cli.ok("members", "stats", "--by", "tier", "-f", "json").stdout)
    assert {r["group"]: r["members"] for r in stats}["副会长单位"] == 1
    info = cli.ok("info", "-f", "json")
    assert json.loads(info.stdout)["officers"] == 1 and info.stderr.count("届满") == 1
    english = cli.ok("offices", "list", lang="en")
    assert english.stderr.count("ended on") == 1 and "周立正" in english.stdout
    terms = json.loads(cli.ok("terms", "list", "-f", "json").stdout)
    assert terms[0]["current"] is True


def test_an_expired_term_bills_its_officers_by_their_office_until_the_election(
    cli: Cli,
) -> None:
    """Dues follow the term in force at the year's end; when 换届 is late no term covers
    it, and the last one still stands: its 副会长单位 pays the 副会长单位 rate, not 会员单位's."""
    _late_election(cli)
    year = str(TODAY.year)
    cli.ok("dues", "rates", "set", year, "副会长单位", "20000")
    cli.ok("dues", "rates", "set", year, "会员单位", "2000")
    as_of = f"{year}-12-31"
    owing = json.loads(
        cli.ok("dues", "unpaid", "--year", year, "--as-of", as_of, "-f", "json").stdout
    )
    due = {row["number"]: row["due"] for row in owing}
    assert due == {"M0001": "20000.00", "M0002": "2000.00"}
    cli.ok("dues", "verify", "--as-of", as_of)


def test_a_term_is_extended_with_a_reason(cli: Cli) -> None:
    _late_election(cli)
    end = (TODAY + timedelta(days=60)).isoformat()
    cli.ok("terms", "edit", "2", "--end", end, "--reason", "延期换届")
    terms = json.loads(cli.ok("terms", "list", "-f", "json").stdout)
    assert (terms[0]["end_on"], terms[0]["note"], terms[0]["current"]) == (end, "延期换届", True)
    assert "届满" not in cli.ok("members", "list").stderr
    assert "cannot end before" in cli.fails(
        "terms", "edit", "2", "--end", "2000-01-01", "--reason", "延期换届", lang="en"
    )
    assert "没有第 9 届" in cli.fails("terms", "edit", "9", "--end", end, "--reason", "延期换届")
    cli.fails("terms", "edit", "2", "--end", end, code=2)  # --reason is required


def test_an_overlapping_term_needs_early(cli: Cli) -> None:
    cli.ok("terms", "add", "2", "--start", "2021-06-18")
    line = cli.fails("terms", "add", "3", "--start", "2025-06-18")
    assert "提前换届" in line and "--early" in line
    assert "--early" in cli.fails("terms", "add", "3", "--start", "2025-06-18", lang="en")
    cli.ok("terms", "add", "3", "--start", "2025-06-18", "--early")
    terms = json.loads(cli.ok("terms", "list", "-f", "json", "--as-of", "2025-06-18").stdout)
    assert [(t["term"], t["end_on"], t["current"]) for t in terms] == [
        (2, "2025-06-17", False),
        (3, "2030-06-17", True),
    ]
    assert terms[0]["note"] == "提前换届"


def test_one_president_per_term_unless_the_office_allows_more(cli: Cli) -> None:
    cli.ok("terms", "add", "2", "--start", "2021-06-18")
    for name, short in (("山东通力有限公司", "通力"), ("山东双涵有限公司", "双涵")):
        cli.ok("members", "add", name, "--short-name", short)
    cli.ok("offices", "assign", "通力", "会长", "--term", "2")
    line = cli.fails("offices", "assign", "双涵", "会长", "--term", "2")
    assert "上限 1" in line and "山东通力有限公司" in line
    assert "at most 1" in cli.fails("offices", "assign", "双涵", "会长", "--term", "2", lang="en")
    cli.ok("offices", "assign", "通力", "监事长", "--term", "2")
    assert "监事长" in cli.fails("offices", "assign", "双涵", "监事长", "--term", "2")
    cli.ok("offices", "define", "会长", "--max", "2")
    cli.ok("offices", "assign", "双涵", "会长", "--term", "2")
    kinds = {r["office"]: r for r in json.loads(cli.ok("offices", "kinds", "-f", "json").stdout)}
    assert (kinds["会长"]["max_holders"], kinds["会长"]["tier"]) == (2, "会长单位")
    assert kinds["监事长"]["max_holders"] == 1 and kinds["理事"]["max_holders"] is None
    assert "--rank" in cli.fails("offices", "define", "顾问", "--max", "1", lang="en")
    # Back to one 会长 while term 2 has two: refused, the cap stays 2.
    assert "第2届已有 2 名会长" in cli.fails("offices", "define", "会长", "--max", "1")


def test_headers_say_what_the_column_holds(cli: Cli) -> None:
    cli.ok("terms", "add", "2", "--start", "2021-06-18")
    header = cli.ok("terms", "list").stdout.splitlines()[1]
    assert "年限" in header and "欠费年度" not in header
