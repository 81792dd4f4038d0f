"""Closed years (结账): a closed year keeps its tiers and dues whatever changes later; an
adjustment is the one way to change it. Also: the statement, unpaid list and notices
agree on dues collected before their year begins, and a notice preview is not logged."""

from __future__ import annotations

import json
from typing import Any

from tests.conftest import Cli, snapshot
from tests.dues.test_ledger import ledger  # noqa: F401  (the fixture)


def _json(cli: Cli, *args: str) -> Any:
    return json.loads(cli.ok(*args, "-f", "json").stdout)


def _year(cli: Cli, member: str, year: int, as_of: str = "2023-06-30") -> dict[str, Any]:
    rows = _json(cli, "dues", "statement", member, "--as-of", as_of)["years"]
    return next(row for row in rows if row["year"] == year)


def _verified(cli: Cli, as_of: str = "2023-06-30") -> None:
    cli.ok("dues", "verify", "--as-of", as_of)


def test_a_closed_year_keeps_its_dues_when_offices_tiers_and_rates_change(ledger: Cli) -> None:  # noqa: F811
    ledger.ok("dues", "rates", "set", "2023", "会员单位", "3000")
    ledger.ok("dues", "rates", "set", "2023", "副会长单位", "20000")
    before = (_year(ledger, "双涵", 2022), _json(ledger, "dues", "report", "--year", "2022"))
    assert before[0]["tier"] == "副会长单位" and before[0]["due"] == "20000.00"
    result = ledger.ok("dues", "close", "2022", "--on", "2023-03-31", "--by", "理事会")
    assert "2022年度已结账" in result.stderr
    # Offices, explicit tiers and rates change afterwards…
    ledger.ok("offices", "remove", "双涵", "副会长", "--term", "2")
    ledger.ok("members", "edit", "华普", "--tier", "理事单位")
    ledger.ok("dues", "rates", "set", "2022", "会员单位", "5000")
    # …the closed year does not move, in the statement or the report;
    assert _year(ledger, "双涵", 2022)["due"] == "20000.00"
    assert _year(ledger, "华普", 2022)["due"] == "3000.00"
    assert _json(ledger, "dues", "report", "--year", "2022") == before[1]
    # the open years follow the reference data.
    assert _year(ledger, "双涵", 2023)["tier"] == "会员单位"
    assert _year(ledger, "华普", 2023)["due"] == "0.00"  # 理事单位 has no 2023 rate
    _verified(ledger)


def test_an_adjustment_is_the_only_way_to_change_a_closed_year(ledger: Cli) -> None:  # noqa: F811
    ledger.ok("dues", "close", "2022", "--on", "2023-01-15")
    ledger.ok(
        "dues",
        "adjust",
        "双涵",
        "--year",
        "2022",
        "--amount=-18000",
        "--reason",
        "副会长职务年初已卸任",
        "--approved-by",
        "二届三次理事会",
        "--on",
        "2023-02-01",
    )
    assert _year(ledger, "双涵", 2022)["due"] == "2000.00"
    statement = _json(ledger, "dues", "statement", "双涵", "--as-of", "2023-06-30")
    adjustment = [line for line in statement["lines"] if line["kind"] == "adjustment"]
    assert [(a["amount"], a["note"]) for a in adjustment] == [("-18000.00", "副会长职务年初已卸任")]
    unpaid = {r["number"]: r for r in _json(ledger, "dues", "unpaid", "--year", "2022")}
    assert unpaid["M0002"]["balance"] == "2000.00"
    # The reports say that a figure was adjusted, and where to see why.
    for report in (("dues", "unpaid"), ("dues", "report")):
        said = ledger.ok(*report, "--year", "2022", "--as-of", "2023-06-30").stderr
        assert "其中 1 家会员的2022年度应缴经过调整（合计 -¥18,000.00" in said, said
    before = ledger.ok("dues", "unpaid", "--year", "2022", "--as-of", "2023-01-31").stderr
    assert "调整" not in before
    audit = ledger.ok("log", "-f", "json").stdout
    assert "adjustment" in audit and "二届三次理事会" in audit
    _verified(ledger)


def test_refused_closes_and_adjustments_change_nothing(ledger: Cli) -> None:  # noqa: F811
    before = snapshot(ledger.url)
    refusals = [
        (("dues", "close", "2022", "--on", "2022-11-30"), "once it has ended"),
        (("dues", "close", "2019", "--on", "2022-11-30"), "no dues rate"),
        (
            (
                "dues",
                "adjust",
                "双涵",
                "--year",
                "2022",
                "--amount",
                "100",
                "--reason",
                "x",
                "--approved-by",
                "y",
            ),
            "is not closed",
        ),
    ]
    for args, words in refusals:
        error = ledger.fails(*args, lang="en")
        assert words in error and len(error.strip().splitlines()) == 1
    assert snapshot(ledger.url) == before
    ledger.ok("dues", "close", "2022", "--on", "2023-01-01")
    before = snapshot(ledger.url)
    assert "已结账" in ledger.fails("dues", "close", "2022", "--on", "2023-01-02")
    assert "cannot be reduced" in ledger.fails(
        "dues", "adjust", "华普", "--year", "2022", "--amount=-3000.01", "--reason", "x",
        "--approved-by", "y", "--on", "2023-02-01", lang="en",
    )  # fmt: skip
    assert "dated on or after" in ledger.fails(
        "dues", "adjust", "华普", "--year", "2022", "--amount", "1", "--reason", "x",
        "--approved-by", "y", "--on", "2022-12-01", lang="en",
    )  # fmt: skip
    assert snapshot(ledger.url) == before
    _verified(ledger)


def test_the_close_after_policy_closes_past_years_at_the_next_change(ledger: Cli) -> None:  # noqa: F811
    ledger.ok("dues", "policy", "--close-after", "03-31")
    ledger.ok("offices", "remove", "双涵", "副会长", "--term", "2")
    # 2021 and 2022 closed (their 31 March has passed) before the office was removed.
    assert _year(ledger, "双涵", 2022)["due"] == "20000.00"
    assert "already" in ledger.fails("dues", "close", "2022", lang="en")
    _verified(ledger)


def test_dues_collected_before_their_year_begins_agree_everywhere(ledger: Cli) -> None:  # noqa: F811
    # 2022's dues are collected from November 2021: as of 2021-11-30 the statement, the
    # unpaid list and a notice all say what 2022 still owes.
    ledger.ok("dues", "pay", "华普", "--amount", "1000", "--year", "2022", "--on", "2021-11-25")
    as_of = "2021-11-30"
    statement = _json(ledger, "dues", "statement", "华普", "--as-of", as_of)
    year = next(row for row in statement["years"] if row["year"] == 2022)
    assert (year["paid"], year["balance"]) == ("1000.00", "2000.00")
    assert statement["credit"] == "0.00"
    unpaid = {
        r["number"]: r for r in _json(ledger, "dues", "unpaid", "--year", "2022", "--as-of", as_of)
    }
    assert unpaid["M0003"]["balance"] == year["balance"]
    notice = ledger.ok(
        "dues", "notice", "--year", "2022", "--unpaid", "--member", "华普", "--on", as_of
    ).stdout
    assert "¥2,000.00" in notice
    assert _json(ledger, "dues", "notices") == []  # a preview is not logged
    _verified(ledger, as_of)
