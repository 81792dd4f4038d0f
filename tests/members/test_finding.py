"""Issue 15: names typed nearly right get a "did you mean" (characters and sound, over
names, short names, representatives and invitees); headers say what their column holds;
unknown employee and party-member counts are not zeros."""

from __future__ import annotations

import json

from assoc_cli.members.matching import best_matches
from tests.conftest import Cli


def _roster(cli: Cli) -> None:
    cli.ok("terms", "add", "2", "--start", "2021-06-18")
    units = (
        ("山东双涵石化装备有限公司", "双涵", "周立正"),
        ("山东通力五金机电连锁有限公司", "通力", "李万中"),
        ("淄博华普电机有限公司", "华普", "王传强"),
        ("山东通达机械有限公司", "通达", "刘美兰"),
        ("山东五金机电有限公司", "五金", "郑辉"),
    )
    for name, short, rep in units:
        cli.ok("members", "add", name, "--short-name", short, "--rep", rep)


def test_near_misses_suggest_the_unit_meant(cli: Cli) -> None:
    _roster(cli)
    line = cli.fails("members", "show", "山东通力五金机电有限公司")
    assert line.index("山东通力五金机电连锁有限公司") < line.index("山东通达")
    assert "山东双涵石化装备有限公司" in cli.fails("members", "show", "双含")
    assert "M0002" in cli.fails("dues", "statement", "李万忠")
    assert "did you mean" in cli.fails("offices", "assign", "双含", "理事", lang="en")
    assert "did you mean" not in cli.fails("members", "show", "完全不相干", lang="en")


def test_a_representative_or_invitee_names_the_unit(cli: Cli) -> None:
    _roster(cli)
    shown = json.loads(cli.ok("members", "show", "李万中", "-f", "json").stdout)
    assert shown["number"] == "M0002"
    cli.ok("offices", "assign", "华普", "理事", "--person", "王小明")
    assert json.loads(cli.ok("members", "show", "王小明", "-f", "json").stdout)["number"] == (
        "M0003"
    )


def test_the_matcher_ranks_by_characters_and_sound() -> None:
    candidates = [
        (1, ["山东双涵石化装备有限公司", "双涵"]),
        (2, ["山东通力五金机电连锁有限公司", "通力"]),
        (3, ["淄博华普电机有限公司", "华普"]),
    ]
    assert best_matches("双含", candidates)[0][0] == 1
    assert best_matches("山东通力五金机电有限公司", candidates)[0][0] == 2
    assert best_matches("完全不相干", candidates) == []


def test_unknown_counts_are_not_zeros(cli: Cli) -> None:
    cli.ok("members", "add", "甲有限公司", "--employees", "100", "--party-members", "5")
    cli.ok("members", "add", "乙有限公司")
    rows = json.loads(cli.ok("members", "stats", "--by", "tier", "-f", "json").stdout)
    total = rows[-1]
    assert (total["employees"], total["employees_unknown"]) == (100, 1)
    assert (total["party_members"], total["party_members_unknown"]) == (5, 1)
    cli.ok("members", "add", "丙个人", "--kind", "个人")
    rows = json.loads(cli.ok("members", "stats", "--by", "segment", "-f", "json").stdout)
    assert rows[-1]["employees_unknown"] == 2
    assert "员工数未填" in cli.ok("members", "stats").stdout


def test_attendance_and_notice_headers(assoc: Cli) -> None:
    meeting = assoc.ok("meetings", "new", "--kind", "理事会", "--date", "2021-12-20").stdout.strip()
    assoc.ok("meetings", "invite", meeting, "--offices", "会长")
    header = assoc.ok("meetings", "attendance", "--meeting", meeting).stdout
    assert "职务" in header and "名称" not in header
    assoc.ok(
        "dues", "notice", "--year", "2021", "--member", "通力", "--on", "2021-11-18", "--mark-sent"
    )
    header = assoc.ok("dues", "notices").stdout.splitlines()[1]
    assert "通知类型" in header and "操作" not in header
