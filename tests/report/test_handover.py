"""The term hand-over pack: officers with the changes to the next term, the term's
meetings with their numbers and resolutions, dues per year, open action items, and the
负责人 list of the next term."""

from __future__ import annotations

import json

from tests.conftest import Cli


def test_handover_names_changes_meetings_votes_dues_and_next_leaders(assoc: Cli) -> None:
    meeting = assoc.ok("meetings", "new", "--kind", "理事会", "--date", "2021-09-01")
    number = meeting.stdout.strip()
    assoc.ok("meetings", "vote", number, "审议2022年会费标准", "--for", "5", "--present", "6")
    assoc.ok("actions", "add", number, "编制换届方案", "--owner", "郑辉", "--due", "2026-03-31")
    assoc.ok("dues", "pay", "通力", "--amount", "30000", "--year", "2021", "--on", "2021-10-01")
    assoc.ok("terms", "add", "3", "--start", "2026-06-18")
    assoc.ok("offices", "assign", "通力", "会长", "--term", "3", "--person", "张新")  # new person
    assoc.ok("offices", "assign", "双涵", "副会长", "--term", "3")  # the same
    assoc.ok("offices", "assign", "永华", "副会长", "--term", "3")  # took up office
    # (华普, 泰展, 柳杭 hold nothing in term 3: they left office)
    markdown = assoc.ok("report", "handover", "--term", "2", "--as-of", "2026-06-30").stdout
    assert "# 山东" not in markdown and "第二届换届材料" in markdown
    assert "| 会长 | 山东通力有限公司 | 张辉新 | 张新 | 任职人变更 |" in markdown
    assert "| 副会长 | 山东永华有限公司 |  | 蔡杰 | 新任 |" in markdown
    assert "| 副会长 | 山东华普有限公司 | 王传强 |  | 卸任 |" in markdown
    assert "| 副会长 | 山东双涵有限公司 |" not in markdown.split("的变动")[1].split("##")[0]
    assert "二届一次理事会" in markdown
    assert "审议2022年会费标准（赞成5、反对0、弃权0，通过）" in markdown
    assert "| 2021 | 6 | 1 |" in markdown  # six owing in 2021, 通力 paid in full
    assert "| 编制换届方案 | 郑辉 | 2026年3月31日 |" in markdown
    leaders = markdown.split("下一届备案负责人名单")[1]
    assert "| 会长 | 张新 | 山东通力有限公司 |" in leaders
    assert "王传强" not in leaders
    english = assoc.ok(
        "report", "handover", "--term", "2", "--as-of", "2026-06-30", lang="en"
    ).stdout
    assert "Leaders for the next term's filing" in english and "new person" in english


def test_handover_lists_the_open_requests(demo: Cli) -> None:
    markdown = demo.ok("report", "handover", "--term", "2", "--as-of", "2022-12-31").stdout
    listed = json.loads(demo.ok("requests", "list", "--open", "-f", "json").stdout)
    open_ones = [r for r in listed if r["received_on"] <= "2022-12-31"]
    assert open_ones
    for request in open_ones:
        assert f"| {request['number']} | {request['member']} |" in markdown
    closed = json.loads(demo.ok("requests", "list", "--status", "已办结", "-f", "json").stdout)
    assert closed and all(f"| {r['number']} |" not in markdown for r in closed)
