"""The member roster: add, edit, find by name, leave and rejoin, list, stats, formats."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.conftest import Cli

CODE = "91350100M000100Y43"  # GB 32100-2015's worked example


def _add(cli: Cli, name: str, *args: str) -> str:
    return cli.ok("members", "add", name, *args).stdout.strip()


def _show(cli: Cli, member: str) -> dict[str, object]:
    return json.loads(cli.ok("members", "show", member, "-f", "json").stdout)


def test_add_generates_numbers_and_keeps_every_field(cli: Cli) -> None:
    first = _add(
        cli,
        "山东双涵石化装备有限公司",
        "--short-name",
        "双涵",
        "--credit-code",
        CODE.lower(),
        "--rep",
        "周立正",
        "--rep-title",
        "副总经理",
        "--phone",
        "0533-1234567",
        "--email",
        "office@example.com",
        "--address",
        "淄博市张店区",
        "--segment",
        "生产",
        "--joined",
        "2019年3月1日",
        "--employees",
        "320",
        "--party-members",
        "25",
        "--party-org",
        "是",
        "--note",
        "副会长单位",
    )
    assert first == "M0001"
    assert _add(cli, "王传强", "--kind", "个人") == "M0002"
    member = _show(cli, "M0001")
    assert member["credit_code"] == CODE
    assert member["joined_on"] == "2019-03-01"
    assert member["employees"] == 320
    assert member["has_party_org"] is True
    assert member["status"] == "active"
    assert member["kind"] == "unit"
    assert _show(cli, "M0002")["kind"] == "person"
    assert _add(cli, "淄博华普电机有限公司", "--number", "z-100") == "Z-100"
    assert _add(cli, "山东永华集团有限公司") == "M0003"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--credit-code", "91350100M000100Y44"), "check character"),
        (("--credit-code", "12345"), "has 5 characters"),
        (("--joined", "2019-02-30"), "not a valid date"),
        (("--employees", "-3"), "not a whole number"),
        (("--email", "not-an-address"), "not an e-mail"),
        (("--party-org", "maybe"), "not yes or no"),
        (("--kind", "公司"), "not a member kind"),
        (("--number", "M 1"), "letters, digits and dashes"),
        (("--tier", "钻石会员"), 'no dues tier "钻石会员"'),
    ],
)
def test_bad_fields_are_refused(cli: Cli, args: tuple[str, ...], message: str) -> None:
    _add(cli, "山东双涵石化装备有限公司")
    assert message in cli.fails("members", "add", "淄博华普电机有限公司", *args, lang="en")


def test_duplicates_are_refused(cli: Cli) -> None:
    _add(cli, "山东双涵石化装备有限公司", "--credit-code", CODE)
    assert "already used by 山东双涵石化装备有限公司 (M0001)" in cli.fails(
        "members", "add", "淄博华普电机有限公司", "--credit-code", CODE, lang="en"
    )
    assert "member number M0001 is already used" in cli.fails(
        "members", "add", "淄博华普电机有限公司", "--number", "M0001", lang="en"
    )


def test_members_are_found_by_number_name_short_name_or_part(cli: Cli) -> None:
    _add(cli, "山东双涵石化装备有限公司", "--short-name", "双涵")
    _add(cli, "山东通力五金机电连锁有限公司", "--short-name", "通力")
    assert _show(cli, "m0002")["number"] == "M0002"
    assert _show(cli, "山东通力五金机电连锁有限公司")["number"] == "M0002"
    assert _show(cli, "双涵")["number"] == "M0001"
    assert _show(cli, "石化")["number"] == "M0001"
    error = cli.fails("members", "show", "山东", lang="en")
    assert "matches several members" in error
    assert "山东双涵石化装备有限公司 (M0001)" in error and "(M0002)" in error
    error = cli.fails("members", "show", "双涵机械", lang="en")
    assert 'no member matches "双涵机械"' in error
    assert "did you mean 山东双涵石化装备有限公司 (M0001)" in error
    # LIKE wildcards in a name are taken literally.
    assert "no member matches" in cli.fails("members", "show", "%", lang="en")


def test_edit_changes_and_clears_fields(cli: Cli) -> None:
    _add(cli, "山东双涵石化装备有限公司", "--phone", "0533-1", "--segment", "生产")
    result = cli.ok("members", "edit", "双涵", "--phone", "0533-7654321", "--segment", "")
    assert "已更新会员 M0001" in result.stderr
    member = _show(cli, "M0001")
    assert member["phone"] == "0533-7654321"
    assert member["segment"] is None
    assert "没有变化" in cli.ok("members", "edit", "双涵", "--phone", "0533-7654321").stderr
    assert "at least one field" in cli.fails("members", "edit", "双涵", code=2, lang="en")
    assert "cannot be emptied" in cli.fails("members", "edit", "双涵", "--name", "", lang="en")


def test_renaming_updates_the_sort_keys(cli: Cli) -> None:
    _add(cli, "蔡氏机械有限公司")
    _add(cli, "王氏机械有限公司")
    cli.ok("members", "edit", "M0002", "--name", "鑫源机械有限公司")
    rows = json.loads(cli.ok("members", "list", "--sort", "strokes", "-f", "json").stdout)
    assert [r["name"] for r in rows] == ["蔡氏机械有限公司", "鑫源机械有限公司"]


def test_leave_and_rejoin_keep_history(cli: Cli) -> None:
    _add(cli, "山东双涵石化装备有限公司", "--joined", "2015-01-01")
    cli.ok("members", "leave", "双涵", "--on", "2022-12-31", "--reason", "企业注销")
    member = _show(cli, "M0001")
    assert (member["status"], member["left_on"]) == ("withdrawn", "2022-12-31")
    assert cli.ok("members", "list", "-f", "json").stdout.strip() == "[\n]"
    withdrawn = json.loads(cli.ok("members", "list", "--status", "withdrawn", "-f", "json").stdout)
    assert [m["number"] for m in withdrawn] == ["M0001"]
    assert "already left" in cli.fails("members", "leave", "双涵", "--on", "2023-01-01", lang="en")
    assert "rejoin on or after" in cli.fails(
        "members", "rejoin", "双涵", "--on", "2022-01-01", lang="en"
    )
    cli.ok("members", "rejoin", "双涵", "--on", "2024-03-01")
    member = _show(cli, "M0001")
    assert member["status"] == "active" and member["left_on"] is None
    assert "企业注销" in str(member["periods"])
    assert "2024年3月1日" in cli.ok("members", "show", "双涵").stdout
    assert "only a member who left" in cli.fails("members", "rejoin", "双涵", lang="en")
    assert "cannot leave before" in cli.fails(
        "members", "leave", "双涵", "--on", "2014-01-01", lang="en"
    )


def test_list_sorts_by_number_pinyin_and_strokes(cli: Cli) -> None:
    for name in ("郑辉", "王传强", "蔡杰", "刘美兰", "张辉新"):
        _add(cli, name, "--kind", "个人")

    def names(sort: str) -> list[str]:
        rows = json.loads(cli.ok("members", "list", "--sort", sort, "-f", "json").stdout)
        return [r["name"] for r in rows]

    assert names("number") == ["郑辉", "王传强", "蔡杰", "刘美兰", "张辉新"]
    assert names("name") == ["蔡杰", "刘美兰", "王传强", "张辉新", "郑辉"]
    # 王4 刘6 张7 郑8 蔡14: the order of official lists (按姓氏笔画排序).
    assert names("strokes") == ["王传强", "刘美兰", "张辉新", "郑辉", "蔡杰"]


def test_numbers_sort_numerically_past_9999(cli: Cli) -> None:
    _add(cli, "甲公司", "--number", "M10000")
    _add(cli, "乙公司", "--number", "M9999")
    rows = json.loads(cli.ok("members", "list", "-f", "json").stdout)
    assert [r["number"] for r in rows] == ["M9999", "M10000"]
    assert _add(cli, "丙公司") == "M10001"


def test_list_filters(demo: Cli) -> None:
    rows = json.loads(demo.ok("members", "list", "--segment", "物流", "-f", "json").stdout)
    assert rows and all(r["segment"] == "物流" for r in rows)
    rows = json.loads(demo.ok("members", "list", "--kind", "个人", "-f", "json").stdout)
    assert [r["kind"] for r in rows] == ["person", "person"]
    assert 'no dues tier "金牌"' in demo.fails("members", "list", "--tier", "金牌", lang="en")
    assert 'no office "主席"' in demo.fails("members", "list", "--office", "主席", lang="en")
    assert "'gone'" in demo.fails("members", "list", "--status", "gone", code=2, lang="en")


def test_output_formats(demo: Cli) -> None:
    as_json = json.loads(demo.ok("members", "list", "-f", "json").stdout)
    as_csv = list(csv.DictReader(io.StringIO(demo.ok("members", "list", "-f", "csv").stdout)))
    assert len(as_json) == len(as_csv) == 60
    assert as_csv[0]["number"] == as_json[0]["number"]
    assert set(as_json[0]) >= {"number", "name", "tier", "offices", "phone", "status", "joined_on"}
    plain = demo.ok("members", "list", "-f", "plain").stdout
    assert "会员编号" in plain and "M0001" in plain
    table = demo.ok("members", "list").stdout
    assert "会费档次" in table and "M0060" not in table  # M0060 left
    english = demo.ok("members", "list", "-f", "plain", lang="en").stdout
    assert "Dues tier" in english and "active" in english
    traditional = demo.ok("members", "list", "-f", "plain", lang="zh-Hant").stdout
    assert "會費檔次" in traditional and "會長單位" in traditional


def test_stats_match_the_roster(demo: Cli) -> None:
    roster = json.loads(demo.ok("members", "list", "-f", "json", "--all-columns").stdout)
    stats = json.loads(demo.ok("members", "stats", "-f", "json").stdout)
    by_tier = [s for s in stats if s["by"] == "tier"]
    by_segment = [s for s in stats if s["by"] == "segment"]
    assert [s["group"] for s in by_tier] == [
        "会长单位",
        "副会长单位",
        "理事单位",
        "会员单位",
        "合计",
    ]
    for group in by_tier[:-1]:
        members = [m for m in roster if m["tier"] == group["group"]]
        assert group["members"] == len(members)
        assert group["employees"] == sum(m["employees"] or 0 for m in members)
        assert group["party_members"] == sum(m["party_members"] or 0 for m in members)
        assert group["with_party_org"] == sum(1 for m in members if m["has_party_org"])
    assert by_tier[-1]["members"] == by_segment[-1]["members"] == len(roster)
    assert sum(s["members"] for s in by_segment[:-1]) == len(roster)
    text = demo.ok("members", "stats").stdout
    assert "按会费档次" in text and "按行业环节" in text


def test_names_and_short_names_are_unique(demo: Cli) -> None:
    assert "already used by 示范汇能阀门有限公司 (M0003)" in demo.fails(
        "members", "add", "示范汇能阀门有限公司", lang="en"
    )
    short = json.loads(demo.ok("members", "show", "M0001", "-f", "json").stdout)["short_name"]
    assert "already used by" in demo.fails(
        "members", "add", "另一家公司", "--short-name", short, lang="en"
    )
    assert "already used by" in demo.fails(
        "members", "edit", "M0002", "--name", "示范汇能阀门有限公司", lang="en"
    )


def test_huge_listings_show_the_first_rows_and_say_how_to_get_all(cli: Cli, tmp_path: Path) -> None:
    rows = ["名称,入会日期"] + [f"淄博批量{i:05d}有限公司,2020-01-01" for i in range(1005)]
    roster = tmp_path / "roster.csv"
    roster.write_text("\n".join(rows) + "\n", encoding="utf-8")
    cli.ok("members", "import", str(roster))
    for fmt in ("table", "plain"):
        result = cli.ok("members", "list", "-f", fmt)
        shown = [line for line in result.stdout.splitlines() if "淄博批量" in line]
        assert len(shown) == 1000, fmt
        assert "仅显示前 1000 行，共 1005 行" in result.stderr
        assert "-f csv" in result.stderr
    every = cli.ok("members", "list", "-f", "csv").stdout.splitlines()
    assert len(every) == 1 + 1005
    # The table reads its first rows alone (LIMIT): the same rows, in the same order, as
    # the head of the whole listing.
    whole = cli.ok("members", "list", "--sort", "strokes", "-f", "csv").stdout.splitlines()[1:]
    table = cli.ok("members", "list", "--sort", "strokes", "-f", "plain").stdout
    numbers = [line.split()[0] for line in table.splitlines() if "淄博批量" in line]
    assert numbers == [line.split(",")[0] for line in whole[:1000]]
