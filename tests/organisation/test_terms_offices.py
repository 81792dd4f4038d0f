"""Terms (届) and offices (职务), and the dues tier that follows from office."""

from __future__ import annotations

import json

from tests.conftest import Cli


def _members_json(cli: Cli, *args: str) -> list[dict[str, object]]:
    return json.loads(cli.ok("members", "list", "-f", "json", *args).stdout)


def test_terms_cover_dates_and_mark_the_current_one(cli: Cli) -> None:
    cli.ok("terms", "add", "2", "--start", "2021-06-18")
    cli.ok("terms", "add", "3", "--start", "2026年6月18日", "--years", "5")
    rows = json.loads(cli.ok("terms", "list", "-f", "json", "--as-of", "2022-11-30").stdout)
    assert [(r["term"], r["end_on"], r["current"]) for r in rows] == [
        (2, "2026-06-17", True),
        (3, "2031-06-17", False),
    ]
    rows = json.loads(cli.ok("terms", "list", "-f", "json", "--as-of", "2026-06-18").stdout)
    assert [r["current"] for r in rows] == [False, True]
    assert "第二届" in cli.ok("terms", "list", "--as-of", "2022-11-30").stdout


def test_bad_terms_are_refused(cli: Cli) -> None:
    cli.ok("terms", "add", "2", "--start", "2021-06-18")
    assert "already exists" in cli.fails("terms", "add", "2", "--start", "2026-06-18", lang="en")
    assert "1 to 10 years" in cli.fails(
        "terms", "add", "3", "--start", "2026-06-18", "--years", "0", lang="en"
    )
    assert "must start after" in cli.fails("terms", "add", "3", "--start", "2020-01-01", lang="en")
    assert "not a valid date" in cli.fails(
        "terms", "add", "3", "--start", "2026-02-30", code=2, lang="en"
    )
    assert "1 or more" in cli.fails("terms", "add", "0", "--start", "2016-01-01", lang="en")


def test_tier_follows_the_highest_office_and_can_be_set(cli: Cli) -> None:
    cli.ok("terms", "add", "2", "--start", "2021-06-18")
    cli.ok("members", "add", "山东双涵石化装备有限公司", "--short-name", "双涵", "--rep", "周立正")
    cli.ok("members", "add", "山东通力五金机电连锁有限公司", "--short-name", "通力")
    cli.ok("members", "add", "淄博华普电机有限公司")
    cli.ok("offices", "assign", "双涵", "理事", "--term", "2")
    cli.ok("offices", "assign", "双涵", "副会长", "--term", "2")
    cli.ok("offices", "assign", "通力", "会长", "--person", "张辉新", "--term", "2")
    rows = {r["number"]: r for r in _members_json(cli, "--term", "2")}
    assert rows["M0001"]["tier"] == "副会长单位"
    assert set(str(rows["M0001"]["offices"]).split("、")) == {"理事", "副会长"}
    assert rows["M0002"]["tier"] == "会长单位"
    assert rows["M0003"]["tier"] == "会员单位"
    # An explicit tier wins over offices; "auto" goes back to following them.
    cli.ok("members", "edit", "华普", "--tier", "理事单位")
    assert {r["number"]: r["tier"] for r in _members_json(cli, "--term", "2")}[
        "M0003"
    ] == "理事单位"
    cli.ok("members", "edit", "双涵", "--tier", "会员单位")
    assert _members_json(cli, "--term", "2", "--tier", "会员单位")[0]["number"] == "M0001"
    cli.ok("members", "edit", "双涵", "--tier", "auto")
    assert _members_json(cli, "--term", "2", "--tier", "副会长单位")[0]["number"] == "M0001"
    # The person defaults to the unit's representative.
    offices = json.loads(cli.ok("offices", "list", "--term", "2", "-f", "json").stdout)
    assert [(o["office"], o["person"]) for o in offices] == [
        ("会长", "张辉新"),
        ("副会长", "周立正"),
        ("理事", "周立正"),
    ]
    assert len(_members_json(cli, "--term", "2", "--office", "理事")) == 1


def test_office_mistakes_are_refused(cli: Cli) -> None:
    cli.ok("terms", "add", "2", "--start", "2021-06-18")
    cli.ok("members", "add", "山东双涵石化装备有限公司")
    cli.ok("offices", "assign", "双涵", "理事", "--term", "2")
    assert "already holds" in cli.fails(
        "offices", "assign", "双涵", "理事", "--term", "2", lang="en"
    )
    assert 'no office "主席"' in cli.fails(
        "offices", "assign", "双涵", "主席", "--term", "2", lang="en"
    )
    assert "no term 9" in cli.fails("offices", "assign", "双涵", "会长", "--term", "9", lang="en")
    assert "no member matches" in cli.fails(
        "offices", "assign", "不存在", "会长", "--term", "2", lang="en"
    )
    assert "does not hold" in cli.fails(
        "offices", "remove", "双涵", "会长", "--term", "2", lang="en"
    )
    assert 'no dues tier "大户"' in cli.fails(
        "offices", "define", "顾问", "--rank", "90", "--tier", "大户", lang="en"
    )


def test_no_current_term_is_explained(cli: Cli) -> None:
    cli.ok("members", "add", "山东双涵石化装备有限公司")
    assert "no term covers" in cli.fails("offices", "assign", "双涵", "理事", lang="en")


def test_offices_are_data(cli: Cli) -> None:
    cli.ok("terms", "add", "2", "--start", "2021-06-18")
    cli.ok("offices", "define", "常务副会长", "--rank", "25", "--tier", "副会长单位")
    kinds = json.loads(cli.ok("offices", "kinds", "-f", "json").stdout)
    names = [k["office"] for k in kinds]
    assert names.index("执行会长") < names.index("常务副会长") < names.index("副会长")
    cli.ok("members", "add", "淄博华普电机有限公司")
    cli.ok("offices", "assign", "华普", "常务副会长", "--term", "2")
    assert _members_json(cli, "--term", "2")[0]["tier"] == "副会长单位"
    cli.ok("offices", "remove", "华普", "常务副会长", "--term", "2")
    assert _members_json(cli, "--term", "2")[0]["tier"] == "会员单位"


def test_read_only_commands_explain_mistakes_as_the_services_do(cli: Cli) -> None:
    """Read-only commands look terms, tiers and offices up in plain SQL (organisation/queries.py)
    rather than through the ORM services; a mistake reads the same either way."""
    cli.ok("terms", "add", "2", "--start", "2021-06-18")
    cli.ok("members", "add", "山东双涵石化装备有限公司")
    assert cli.fails("members", "list", "--term", "9", lang="en") == cli.fails(
        "offices", "assign", "双涵", "会长", "--term", "9", lang="en"
    )
    assert cli.fails("members", "list", "--office", "主席", lang="en") == cli.fails(
        "offices", "assign", "双涵", "主席", "--term", "2", lang="en"
    )
    assert cli.fails("members", "stats", "--term", "9", lang="en") == cli.fails(
        "offices", "list", "--term", "9", lang="en"
    )
    no_tier = cli.fails("offices", "define", "顾问", "--rank", "90", "--tier", "大户", lang="en")
    assert cli.fails("members", "list", "--tier", "大户", lang="en") == no_tier
    cli.ok("dues", "rates", "set", "2022", "会员单位", "1000")
    assert cli.fails("dues", "unpaid", "--year", "2022", "--tier", "大户", lang="en") == no_tier
