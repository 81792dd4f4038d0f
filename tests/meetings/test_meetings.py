"""Meetings through the CLI: titles and numbering, agendas with live dues figures,
attendance, quorum, votes, sign-in sheets, minutes, action items, exports."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from tests.conftest import Cli, new_cli, recorded_statements


@pytest.fixture
def assoc(cli: Cli) -> Cli:
    """A term, six units with offices, and 2021 dues rates."""
    cli.ok("terms", "add", "2", "--start", "2021-06-18")
    people = [
        ("通力", "张辉新", "会长"),
        ("双涵", "周立正", "副会长"),
        ("华普", "王传强", "副会长"),
        ("永华", "蔡杰", "理事"),
        ("泰展", "刘美兰", "理事"),
        ("柳杭", "郑辉", "理事"),
    ]
    for short, person, office in people:
        cli.ok(
            "members",
            "add",
            f"山东{short}有限公司",
            "--short-name",
            short,
            "--rep",
            person,
            "--phone",
            "0533-1",
            "--joined",
            "2015-01-01",
        )
        cli.ok("offices", "assign", short, office, "--term", "2")
    cli.ok("dues", "rates", "set", "2021", "会长单位", "30000")
    cli.ok("dues", "rates", "set", "2021", "副会长单位", "20000")
    cli.ok("dues", "rates", "set", "2021", "理事单位", "10000")
    return cli


def _new(cli: Cli, *args: str) -> str:
    return cli.ok("meetings", "new", *args).stdout.strip()


def _json(cli: Cli, *args: str) -> object:
    return json.loads(cli.ok(*args, "-f", "json").stdout)


def test_titles_are_numbered_as_associations_write_them(assoc: Cli) -> None:
    first = _new(assoc, "--kind", "会长办公会", "--date", "2021-08-20")
    second = _new(
        assoc,
        "--kind",
        "会长办公会",
        "--enlarged",
        "--date",
        "2021-12-05",
        "--time",
        "14:30",
        "--venue",
        "酩悦居",
        "--chair",
        "通力",
    )
    council = _new(assoc, "--kind", "理事会", "--enlarged", "--date", "2021-12-20")
    rows = {str(r["id"]): r for r in _json(assoc, "meetings", "list")}
    assert rows[first]["title"] == "淄博市装备制造业协会二届一次会长办公会"
    assert rows[second]["title"] == "淄博市装备制造业协会二届二次会长办公(扩大)会"
    assert rows[council]["title"] == "淄博市装备制造业协会二届一次理事(扩大)会"
    assert rows[second]["chair"] == "张辉新"  # a unit named as chair: its representative
    # A cancelled meeting keeps its number; the next one is 三次.
    assoc.ok("meetings", "cancel", first, "--reason", "因故取消")
    third = _new(assoc, "--kind", "会长办公会", "--date", "2022-03-01")
    assert (
        _json(assoc, "meetings", "show", third)["title"] == "淄博市装备制造业协会二届三次会长办公会"
    )
    assert "already cancelled" in assoc.fails("meetings", "cancel", first, "--reason", "x")
    assert "can no longer be changed" in assoc.fails("meetings", "edit", first, "--venue", "x")
    # A new term starts the count again.
    assoc.ok("terms", "add", "3", "--start", "2026-06-18")
    fourth = _new(assoc, "--kind", "会长办公会", "--date", "2026-07-01")
    assert (
        _json(assoc, "meetings", "show", fourth)["title"]
        == "淄博市装备制造业协会三届一次会长办公会"
    )


def test_training_classes_are_numbered_per_year_and_titles_can_be_given(assoc: Cli) -> None:
    one = _new(
        assoc,
        "--kind",
        "培训班",
        "--date",
        "2020-06-04",
        "--topic",
        "制造业单项冠军",
        "--term",
        "2",
    )
    two = _new(
        assoc,
        "--kind",
        "培训班",
        "--date",
        "2020-09-04",
        "--topic",
        "制造业单项冠军",
        "--term",
        "2",
    )
    next_year = _new(assoc, "--kind", "培训班", "--date", "2021-03-01", "--term", "2")
    titled = _new(
        assoc, "--kind", "座谈会", "--date", "2021-09-01", "--title", "龙头企业负责人座谈会"
    )
    titles = {str(r["id"]): r["title"] for r in _json(assoc, "meetings", "list")}
    assert titles[one] == "淄博市装备制造业协会2020年制造业单项冠军第一期培训班"
    assert titles[two] == "淄博市装备制造业协会2020年制造业单项冠军第二期培训班"
    assert titles[next_year] == "淄博市装备制造业协会2021年第一期培训班"
    assert titles[titled] == "龙头企业负责人座谈会"


def test_meeting_mistakes_are_refused(assoc: Cli) -> None:
    assert 'no meeting kind "年会"' in assoc.fails(
        "meetings", "new", "--kind", "年会", "--date", "2021-12-05"
    )
    assert "no term covers 2019-01-01" in assoc.fails(
        "meetings", "new", "--kind", "理事会", "--date", "2019-01-01"
    )
    assert "not a time of day" in assoc.fails(
        "meetings", "new", "--kind", "理事会", "--date", "2021-12-05", "--time", "25:00"
    )
    assert "not a valid date" in assoc.fails(
        "meetings", "new", "--kind", "理事会", "--date", "2021-13-05", code=2
    )
    assert "no meeting 99" in assoc.fails("meetings", "show", "99")
    assert 'no meeting matches "年会"' in assoc.fails("meetings", "show", "年会")


def test_agenda_items_from_template_and_by_hand(assoc: Cli) -> None:
    meeting = _new(assoc, "--kind", "会长办公会", "--enlarged", "--date", "2021-12-05")
    items = _json(assoc, "meetings", "agenda", "list", meeting)
    assert [i["title"] for i in items] == ["秘书处通报近期会费收缴情况"]  # the kind's standing item
    assoc.ok(
        "meetings",
        "agenda",
        "add",
        meeting,
        "学习党的十九届六中全会公报",
        "--presenter",
        "张辉新",
        "--kind",
        "study",
        "--minutes",
        "20",
        "--at",
        "1",
    )
    assoc.ok(
        "meetings",
        "agenda",
        "add",
        meeting,
        "通报《淄博装备制造业高质量发展调研报告》",
        "--at",
        "2",
    )
    assoc.ok(
        "meetings", "agenda", "add", meeting, "座谈商议明年协会工作计划", "--kind", "discussion"
    )
    assoc.ok("meetings", "agenda", "add", meeting, "会长张辉新讲话", "--kind", "speech")
    assoc.ok("meetings", "agenda", "add", meeting, "临时动议")
    assoc.ok("meetings", "agenda", "move", meeting, "6", "--to", "1")
    assoc.ok("meetings", "agenda", "remove", meeting, "1")
    titles = [i["title"] for i in _json(assoc, "meetings", "agenda", "list", meeting)]
    assert titles == [
        "学习党的十九届六中全会公报",
        "通报《淄博装备制造业高质量发展调研报告》",
        "秘书处通报近期会费收缴情况",
        "座谈商议明年协会工作计划",
        "会长张辉新讲话",
    ]
    assert "there is no item 9" in assoc.fails("meetings", "agenda", "remove", meeting, "9")
    assert "outside 1..5" in assoc.fails("meetings", "agenda", "move", meeting, "1", "--to", "0")
    assert "'--kind'" in assoc.fails(
        "meetings", "agenda", "add", meeting, "x", "--kind", "party", code=2
    )
    empty = _new(assoc, "--kind", "会长办公会", "--date", "2021-12-06", "--no-template")
    assert _json(assoc, "meetings", "agenda", "list", empty) == []


def test_agenda_renders_with_the_live_dues_figures(assoc: Cli) -> None:
    meeting = _new(
        assoc,
        "--kind",
        "会长办公会",
        "--enlarged",
        "--date",
        "2021-12-05",
        "--time",
        "14:30",
        "--venue",
        "酩悦居",
        "--chair",
        "张辉新",
        "--no-template",
    )
    for title, kind in (
        ("学习党的十九届六中全会公报", "study"),
        ("通报《调研报告》", "report"),
        ("秘书处通报近期会费收缴情况", "dues-report"),
        ("座谈商议明年协会工作计划", "discussion"),
        ("会长张辉新讲话", "speech"),
    ):
        assoc.ok("meetings", "agenda", "add", meeting, title, "--kind", kind)
    assoc.ok("dues", "pay", "通力", "--amount", "30000", "--year", "2021", "--on", "2021-11-20")
    sentence = assoc.ok("meetings", "agenda", "render", meeting, "--style", "sentence").stdout
    assert (
        "本次会议有五项议程:一是学习党的十九届六中全会公报;二是通报《调研报告》;三是秘书处通报近期会费收缴情况;"
        "四是座谈商议明年协会工作计划;五是会长张辉新讲话。" in sentence
    )
    # The dues item states exactly what `dues report` says for the meeting date.
    report = (
        assoc.ok("dues", "report", "--year", "2021", "--as-of", "2021-12-05")
        .stdout.strip()
        .splitlines()[-1]
    )
    assert report in sentence
    assert "应缴会费会员单位6家,已缴清1家" in report
    listing = assoc.ok("meetings", "agenda", "render", meeting).stdout
    assert (
        "时间:2021年12月5日 14:30" in listing
        and "地点:酩悦居" in listing
        and "主持:张辉新" in listing
    )
    assert "三、秘书处通报近期会费收缴情况" in listing and report in listing
    # A payment recorded later changes what a later render says: the figures are live.
    assoc.ok("dues", "pay", "双涵", "--amount", "20000", "--year", "2021", "--on", "2021-12-01")
    assert "已缴清2家" in assoc.ok("meetings", "agenda", "render", meeting).stdout
    english = assoc.ok(
        "meetings", "agenda", "render", meeting, "--style", "sentence", lang="en"
    ).stdout
    assert (
        "The meeting has five agenda items: first, 学习党的十九届六中全会公报; second," in english
    )
    traditional = assoc.ok("meetings", "agenda", "render", meeting, lang="zh-Hant").stdout
    assert "會議議程" in traditional and "收繳率" in traditional


def test_agenda_as_word_file(assoc: Cli, tmp_path: Path) -> None:
    meeting = _new(assoc, "--kind", "会长办公会", "--date", "2021-12-05")
    out = tmp_path / "议程.docx"
    assoc.ok("meetings", "agenda", "render", meeting, "-f", "docx", "-o", str(out))
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "淄博市装备制造业协会二届一次会长办公会议程" in text
    assert "一、秘书处通报近期会费收缴情况(秘书处)" in text and "收缴率" in text


def test_open_action_items_are_pulled_into_the_next_agenda(assoc: Cli) -> None:
    first = _new(assoc, "--kind", "会长办公会", "--date", "2021-08-20")
    first_action = assoc.ok(
        "actions", "add", first, "完成调研报告", "--owner", "秘书处", "--due", "2021-11-30"
    ).stdout.strip()
    assoc.ok("actions", "add", first, "走访会员企业", "--owner", "郑辉", "--due", "2021-10-31")
    other_kind = _new(assoc, "--kind", "理事会", "--date", "2021-09-01")
    assoc.ok("actions", "add", other_kind, "理事会事项", "--owner", "蔡杰", "--due", "2021-12-31")
    assoc.ok("actions", "done", first_action, "--on", "2021-11-20", "--note", "已印发")
    second = _new(assoc, "--kind", "会长办公会", "--date", "2021-12-05", "--no-template")
    assoc.ok("meetings", "agenda", "pull-actions", second)
    text = assoc.ok("meetings", "agenda", "render", second).stdout
    assert "走访会员企业(责任人:郑辉;完成时限:2021年10月31日)" in text
    assert "完成调研报告" not in text and "理事会事项" not in text


def test_invitations_attendance_and_the_sign_in_sheet(assoc: Cli, tmp_path: Path) -> None:
    meeting = _new(assoc, "--kind", "理事会", "--date", "2021-12-20")
    assert (
        "已邀请 6 人"
        in assoc.ok("meetings", "invite", meeting, "--offices", "会长,副会长,理事").stderr
    )
    assert (
        "已邀请 0 人" in assoc.ok("meetings", "invite", meeting, "--offices", "会长").stderr
    )  # no doubles
    assoc.ok(
        "meetings", "invite", meeting, "--person", "李秘书", "--title", "秘书处", "--role", "sit-in"
    )
    assoc.ok("meetings", "mark", meeting, "--everyone")
    assoc.ok("meetings", "mark", meeting, "王传强", "--status", "leave", "--reason", "出差")
    assoc.ok("meetings", "mark", meeting, "柳杭", "--status", "absent")
    assert "needs a reason" in assoc.fails("meetings", "mark", meeting, "蔡杰", "--status", "leave")
    assert "is not invited" in assoc.fails("meetings", "mark", meeting, "不存在的人")
    rows = list(
        csv.DictReader(io.StringIO(assoc.ok("meetings", "signin", meeting, "-f", "csv").stdout))
    )
    # By office (会长, 副会长, 理事), then surname strokes: 王4 周8; 刘6 郑8 蔡14; sitting in last.
    assert [r["姓名"] for r in rows] == [
        "张辉新",
        "王传强",
        "周立正",
        "刘美兰",
        "郑辉",
        "蔡杰",
        "李秘书",
    ]
    assert (
        rows[0]["单位"] == "山东通力有限公司"
        and rows[0]["职务"] == "会长"
        and rows[-1]["备注"] == "列席"
    )
    out = tmp_path / "签到表.docx"
    assoc.ok("meetings", "signin", meeting, "-f", "docx", "-o", str(out))
    table = Document(str(out)).tables[0]
    assert [c.text for c in table.rows[0].cells] == [
        "序号",
        "姓名",
        "单位",
        "职务",
        "电话",
        "签到",
        "备注",
    ]
    assert [row.cells[1].text for row in table.rows[1:]] == [r["姓名"] for r in rows]
    detail = _json(assoc, "meetings", "attendance", "--meeting", meeting)
    assert {r["person"]: r["status"] for r in detail}["王传强"] == "leave"


def test_quorum_by_the_rule_of_each_kind(assoc: Cli) -> None:
    council = _new(assoc, "--kind", "理事会", "--date", "2021-12-20")
    assoc.ok("meetings", "invite", council, "--offices", "会长,副会长,理事")
    assoc.ok("meetings", "mark", council, "张辉新", "周立正", "王传强")
    result = _json(assoc, "meetings", "quorum", council)
    assert (result["expected"], result["present"], result["required"], result["met"]) == (
        6,
        3,
        4,
        False,
    )
    assert "不足法定人数" in assoc.ok("meetings", "quorum", council).stdout
    assoc.ok("meetings", "mark", council, "蔡杰")
    assert _json(assoc, "meetings", "quorum", council)["met"] is True
    assembly = _new(assoc, "--kind", "会员大会", "--date", "2021-12-28")
    assoc.ok("meetings", "invite", assembly, "--all-members")
    assoc.ok("meetings", "mark", assembly, "通力", "双涵", "华普", "永华")
    result = _json(assoc, "meetings", "quorum", assembly)
    assert (result["expected"], result["present"], result["required"], result["met"]) == (
        6,
        4,
        4,
        True,
    )
    office = _new(assoc, "--kind", "会长办公会", "--date", "2021-12-29")
    assert _json(assoc, "meetings", "quorum", office)["met"] is None


def test_votes_pass_by_the_rule_in_force(assoc: Cli) -> None:
    meeting = _new(assoc, "--kind", "会员大会", "--date", "2021-12-28")
    assoc.ok("meetings", "invite", meeting, "--all-members")
    assoc.ok("meetings", "mark", meeting, "--everyone")
    assert (
        "通过"
        in assoc.ok(
            "meetings", "vote", meeting, "审议会费标准", "--for", "4", "--against", "2"
        ).stderr
    )
    assoc.ok(
        "meetings",
        "vote",
        meeting,
        "修改章程",
        "--for",
        "3",
        "--against",
        "3",
        "--threshold",
        "two-thirds",
        "--method",
        "无记名投票",
    )
    assoc.ok("meetings", "vote", meeting, "表决三", "--for", "3", "--against", "3")
    rows = _json(assoc, "meetings", "votes", meeting)
    assert [(r["topic"], r["passed"], r["expected"], r["present"]) for r in rows] == [
        ("审议会费标准", True, 6, 6),
        ("修改章程", False, 6, 6),
        ("表决三", False, 6, 6),
    ]
    assert "only 6 were present" in assoc.fails(
        "meetings", "vote", meeting, "x", "--for", "5", "--against", "2"
    )
    assert "cannot be negative" in assoc.fails("meetings", "vote", meeting, "x", "--for", "-1")
    assert "voting method" in assoc.fails(
        "meetings", "vote", meeting, "x", "--for", "1", "--method", "抽签", code=2
    )
    empty = _new(assoc, "--kind", "理事会", "--date", "2021-12-30")
    assert "nobody is recorded present" in assoc.fails("meetings", "vote", empty, "x", "--for", "1")
    assoc.ok("meetings", "vote", empty, "通讯表决", "--for", "5", "--present", "6")


def test_attendance_rates_and_absences_in_a_row(assoc: Cli) -> None:
    meetings = [
        _new(assoc, "--kind", "理事会", "--date", f"2022-0{month}-10") for month in (1, 2, 3, 4)
    ]
    for meeting in meetings:
        assoc.ok("meetings", "invite", meeting, "--offices", "理事")
        assoc.ok("meetings", "mark", meeting, "--everyone")
    for meeting in meetings[1:]:
        assoc.ok("meetings", "mark", meeting, "蔡杰", "--status", "absent")
    for meeting in (meetings[1], meetings[3]):
        assoc.ok("meetings", "mark", meeting, "郑辉", "--status", "absent")
    assoc.ok("meetings", "mark", meetings[2], "郑辉", "--status", "leave", "--reason", "病假")
    rows = {r["number"]: r for r in _json(assoc, "meetings", "attendance", "--flag-after", "3")}
    assert (rows["M0004"]["absent_streak"], rows["M0004"]["flagged"], rows["M0004"]["rate"]) == (
        3,
        True,
        "25.0",
    )
    # Leave (请假) is excused: it breaks 郑辉's run of absences.
    assert (rows["M0006"]["absent"], rows["M0006"]["absent_streak"], rows["M0006"]["flagged"]) == (
        2,
        1,
        False,
    )
    assert rows["M0005"]["rate"] == "100.0"
    one = _json(assoc, "meetings", "attendance", "--member", "永华")
    assert [r["number"] for r in one] == ["M0004"]


def test_minutes_in_the_official_layout(assoc: Cli, tmp_path: Path) -> None:
    meeting = _new(
        assoc,
        "--kind",
        "理事会",
        "--date",
        "2021-12-20",
        "--venue",
        "协会会议室",
        "--chair",
        "张辉新",
    )
    assoc.ok("meetings", "invite", meeting, "--offices", "会长,副会长")
    assoc.ok("meetings", "invite", meeting, "泰展", "--role", "sit-in")
    assoc.ok("meetings", "mark", meeting, "--everyone")
    assoc.ok("meetings", "mark", meeting, "王传强", "--status", "leave", "--reason", "出差")
    assoc.ok("meetings", "note", meeting, "1", "秘书处通报了会费收缴进度。")
    assoc.ok("meetings", "vote", meeting, "审议通过年度工作报告", "--for", "2")
    assoc.ok(
        "actions",
        "add",
        meeting,
        "制定2022年协会工作计划",
        "--owner",
        "郑辉",
        "--due",
        "2022-03-31",
    )
    text = assoc.ok("meetings", "minutes", meeting).stdout
    for expected in (
        "淄博市装备制造业协会二届一次理事会纪要",
        "出席:会长张辉新、副会长周立正",
        "请假:副会长王传强(出差)",
        "列席:山东泰展有限公司刘美兰",
        "秘书处通报了会费收缴进度。",
        "审议通过年度工作报告:举手,应到3人,实到2人,赞成2票,反对0票,弃权0票,通过。",
        "制定2022年协会工作计划(责任人:郑辉;完成时限:2022年3月31日)",
    ):
        assert expected in text, expected
    out = tmp_path / "纪要.docx"
    assoc.ok("meetings", "minutes", meeting, "-f", "docx", "-o", str(out))
    assert "请假:副会长王传强(出差)" in "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "there is no item 7" in assoc.fails("meetings", "note", meeting, "7", "x")


def test_action_items_with_three_fixed(assoc: Cli) -> None:
    meeting = _new(assoc, "--kind", "会长办公会", "--date", "2021-12-05")
    one = assoc.ok(
        "actions", "add", meeting, "制定工作计划", "--owner", "郑辉", "--due", "2022-03-31"
    ).stdout.strip()
    assoc.ok("actions", "add", meeting, "组织考察", "--owner", "秘书处", "--due", "2022-06-30")
    assert "before the meeting" in assoc.fails(
        "actions", "add", meeting, "x", "--owner", "y", "--due", "2021-01-01"
    )
    assert "needs a responsible person" in assoc.fails(
        "actions", "add", meeting, "x", "--owner", " ", "--due", "2022-01-01"
    )
    overdue = _json(assoc, "actions", "list", "--overdue", "--as-of", "2022-04-15")
    assert [a["content"] for a in overdue] == ["制定工作计划"]
    assoc.ok("actions", "done", one, "--on", "2022-03-20", "--note", "已提交理事会")
    assert "already done" in assoc.fails("actions", "done", one)
    assert "no action item 99" in assoc.fails("actions", "done", "99")
    assert [a["content"] for a in _json(assoc, "actions", "list", "--open")] == ["组织考察"]
    assert [a["owner"] for a in _json(assoc, "actions", "list", "--owner", "郑辉")] == ["郑辉"]


def test_meetings_attendance_votes_and_actions_export(assoc: Cli, tmp_path: Path) -> None:
    meeting = _new(assoc, "--kind", "理事会", "--date", "2021-12-20")
    assoc.ok("meetings", "invite", meeting, "--offices", "会长")
    assoc.ok("meetings", "mark", meeting, "--everyone")
    assoc.ok("meetings", "vote", meeting, "议题", "--for", "1")
    assoc.ok("actions", "add", meeting, "事项", "--owner", "郑辉", "--due", "2022-01-31")
    for command in (
        ("meetings", "list"),
        ("meetings", "votes"),
        ("meetings", "attendance"),
        ("actions", "list"),
    ):
        out = tmp_path / f"{command[-1]}.csv"
        assoc.ok(*command, "-o", str(out))
        raw = out.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        assert len(list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))) == 1
        as_json = tmp_path / f"{command[-1]}.json"
        assoc.ok(*command, "-o", str(as_json))
        assert len(json.loads(as_json.read_text(encoding="utf-8"))) == 1
    xlsx = tmp_path / "actions.xlsx"
    assoc.ok("actions", "list", "-o", str(xlsx))
    sheet = load_workbook(xlsx).worksheets[0]
    assert [c.value for c in sheet[1]][:3] == ["id", "content", "owner"] and sheet[2][
        1
    ].value == "事项"
    assert ".csv, .json or .xlsx" in assoc.fails(
        "actions", "list", "-o", str(tmp_path / "a.pdf"), code=2
    )


def test_demo_meeting_reads_like_seed_001(demo: Cli) -> None:
    meetings = _json(demo, "meetings", "list")
    assert meetings[-1]["title"] == "示范市装备制造业协会二届二次会长办公(扩大)会"
    text = demo.ok(
        "meetings", "agenda", "render", str(meetings[-1]["id"]), "--style", "sentence"
    ).stdout
    assert (
        "本次会议有五项议程:一是学习党的十九届六中全会公报" in text
        and "三是秘书处通报近期会费收缴情况" in text
    )
    assert "截至2021年12月5日,应缴会费会员单位" in text
    actions = _json(demo, "actions", "list", "--open")
    assert len([a for a in actions if a["meeting"] == meetings[-1]["title"]]) == 2


# ---------------------------------------------------------------- round trips

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳敏静强磊军洋勇杰涛明超霞平刚华建国志"


def _assembly_statements(cli: Cli, tmp_path: Path, units: int) -> dict[str, int]:
    """Build a 会员大会 of *units* member units through the CLI and count the statements each
    meeting command sends: inviting all members, marking attendance, every paper in every
    format, and the listings."""
    cli.ok("init", "--name", "淄博市装备制造业协会")
    cli.ok("terms", "add", "2", "--start", "2021-06-18")
    roster = tmp_path / f"members-{units}.csv"
    with roster.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["名称", "联系人", "联系人职务", "联系电话", "入会日期"])
        for i in range(units):
            person = SURNAMES[i % len(SURNAMES)] + GIVEN[(i * 7) % len(GIVEN)]
            writer.writerow(
                [f"山东测试{i + 1}号有限公司", person, "总经理", f"0533-{i}", "2015-01-01"]
            )
    cli.ok("members", "import", str(roster))
    cli.ok("offices", "assign", "M0001", "会长", "--term", "2")
    cli.ok("offices", "assign", "M0002", "副会长", "--term", "2")
    cli.sql(  # every fifth unit a 理事 too (behind the CLI: one command per holder is slow)
        "INSERT INTO office_holding (term_id, member_id, office_id) "
        "SELECT t.id, m.id, o.id FROM member m, term t, office o "
        "WHERE t.number = 2 AND o.name = '理事' AND m.id % 5 = 0"
    )
    cli.ok("dues", "rates", "set", "2021", "会员单位", "1000")
    cli.ok("dues", "pay", "M0003", "--amount", "1000", "--year", "2021", "--on", "2021-11-20")
    meeting = _new(
        cli, "--kind", "会员大会", "--date", "2021-12-28", "--venue", "会议中心", "--chair", "王伟"
    )  # the standing agenda includes the live dues-report item
    earlier = _new(cli, "--kind", "会员大会", "--date", "2021-07-01", "--no-template")
    cli.ok("actions", "add", earlier, "走访会员企业", "--owner", "秘书处", "--due", "2021-10-31")
    cli.ok("meetings", "agenda", "pull-actions", meeting)
    cli.ok("meetings", "note", meeting, "1", "审议通过。")
    out = tmp_path / f"paper-{units}.docx"
    commands: dict[str, tuple[str, ...]] = {
        "invite --offices": ("meetings", "invite", meeting, "--offices", "会长,副会长,理事"),
        "invite --all-members": ("meetings", "invite", meeting, "--all-members"),
        "invite --person": (
            *("meetings", "invite", meeting, "--person", "李秘书", "--title", "秘书处"),
            *("--role", "sit-in"),
        ),
        "mark by number": (
            *("meetings", "mark", meeting, "M0003", "M0004"),
            *("--status", "leave", "--reason", "出差"),
        ),
        "mark --everyone": ("meetings", "mark", meeting, "--everyone"),
        "quorum": ("meetings", "quorum", meeting),
        "vote": ("meetings", "vote", meeting, "审议会费标准", "--for", "3"),
        "agenda render": ("meetings", "agenda", "render", meeting),
        "agenda render sentence": ("meetings", "agenda", "render", meeting, "--style", "sentence"),
        "agenda render docx": (
            "meetings",
            "agenda",
            "render",
            meeting,
            "-f",
            "docx",
            "-o",
            str(out),
        ),
        "signin md": ("meetings", "signin", meeting),
        "signin txt": ("meetings", "signin", meeting, "-f", "txt"),
        "signin csv": ("meetings", "signin", meeting, "-f", "csv"),
        "signin docx": ("meetings", "signin", meeting, "-f", "docx", "-o", str(out)),
        "minutes md": ("meetings", "minutes", meeting),
        "minutes txt": ("meetings", "minutes", meeting, "-f", "txt"),
        "minutes docx": ("meetings", "minutes", meeting, "-f", "docx", "-o", str(out)),
        "attendance --meeting": ("meetings", "attendance", "--meeting", meeting, "-f", "json"),
        "attendance": ("meetings", "attendance", "-f", "json"),
        "list": ("meetings", "list", "-f", "json"),
        "show": ("meetings", "show", meeting, "-f", "json"),
        "votes": ("meetings", "votes", "-f", "json"),
        "agenda list": ("meetings", "agenda", "list", meeting, "-f", "json"),
    }
    counts = {}
    for name, args in commands.items():
        with recorded_statements() as seen:
            cli.ok(*args)
        counts[name] = len(seen)
    # The commands did their work on every invitee, not just on some.
    rows = _json(cli, "meetings", "attendance", "--meeting", meeting)
    assert isinstance(rows, list) and len(rows) == units + 1
    assert sum(r["status"] == "present" for r in rows) == units - 1
    signin = cli.ok("meetings", "signin", meeting, "-f", "csv").stdout
    assert len(list(csv.DictReader(io.StringIO(signin)))) == units + 1
    return counts


def test_meeting_commands_send_as_many_statements_for_40_members_as_for_5(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """No N+1: the number of SQL statements a meeting command sends does not grow with the
    number of members or invitations (a 会员大会 may have thousands)."""
    small = new_cli(backend, tmp_path / "small", request)
    large = new_cli(backend, tmp_path / "large", request)
    small_counts = _assembly_statements(small, tmp_path, 5)
    large_counts = _assembly_statements(large, tmp_path, 40)
    grown = {
        name: (small_counts[name], large_counts[name])
        for name in small_counts
        if large_counts[name] != small_counts[name]
    }
    assert not grown, f"statements (5 members, 40 members) that grew: {grown}"


def test_listings_send_as_many_statements_for_six_meetings_as_for_two(assoc: Cli) -> None:
    """No N+1 over meetings either: titles, kinds and agenda sizes are read once."""
    listings = {
        "meetings list": ("meetings", "list", "-f", "json"),
        "meetings votes": ("meetings", "votes", "-f", "json"),
        "actions list": ("actions", "list", "-f", "json"),
        "meetings show by title": ("meetings", "show", "二届一次理事会", "-f", "json"),
    }

    def counts() -> dict[str, int]:
        result = {}
        for name, args in listings.items():
            with recorded_statements() as seen:
                assoc.ok(*args)
            result[name] = len(seen)
        return result

    def meetings(days: range) -> None:
        for day in days:
            meeting = _new(assoc, "--kind", "理事会", "--date", f"2021-12-{day:02d}")
            assoc.ok("meetings", "vote", meeting, "议题", "--for", "3", "--present", "5")
            assoc.ok("actions", "add", meeting, "事项", "--owner", "郑辉", "--due", "2022-01-31")

    meetings(range(1, 3))
    few = counts()
    meetings(range(3, 7))
    assert counts() == few
