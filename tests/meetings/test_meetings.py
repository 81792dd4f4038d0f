"""Meetings through the CLI: titles and numbering, invitations, attendance, quorum, votes,
sign-in sheets, minutes, exports, and the roster on a meeting's date."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from docx import Document
from openpyxl import load_workbook

from tests.conftest import Cli


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
    assert rows[second]["title"] == "淄博市装备制造业协会二届二次会长办公（扩大）会"
    assert rows[council]["title"] == "淄博市装备制造业协会二届一次理事（扩大）会"
    assert rows[second]["chair"] == "张辉新"  # a unit named as chair: its representative
    # A cancelled meeting keeps its number; the next one is 三次.
    assoc.ok("meetings", "cancel", first, "--reason", "因故取消")
    third = _new(assoc, "--kind", "会长办公会", "--date", "2022-03-01")
    assert (
        _json(assoc, "meetings", "show", third)["title"] == "淄博市装备制造业协会二届三次会长办公会"
    )
    assert "already cancelled" in assoc.fails(
        "meetings", "cancel", first, "--reason", "x", lang="en"
    )
    assert "can no longer be changed" in assoc.fails(
        "meetings", "edit", first, "--venue", "x", lang="en"
    )
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
        "meetings", "new", "--kind", "年会", "--date", "2021-12-05", lang="en"
    )
    assert "no term covers 2019-01-01" in assoc.fails(
        "meetings", "new", "--kind", "理事会", "--date", "2019-01-01", lang="en"
    )
    assert "not a time of day" in assoc.fails(
        "meetings", "new", "--kind", "理事会", "--date", "2021-12-05", "--time", "25:00", lang="en"
    )
    assert "not a valid date" in assoc.fails(
        "meetings", "new", "--kind", "理事会", "--date", "2021-13-05", code=2, lang="en"
    )
    assert "no meeting 99" in assoc.fails("meetings", "show", "99", lang="en")
    assert 'no meeting matches "年会"' in assoc.fails("meetings", "show", "年会", lang="en")


def test_invitations_attendance_and_the_sign_in_sheet(assoc: Cli, tmp_path: Path) -> None:
    meeting = _new(assoc, "--kind", "理事会", "--date", "2021-12-20")
    assert (
        "已邀请 6 人"
        in assoc.ok("meetings", "invite", meeting, "--offices", "会长,副会长,理事").stderr
    )
    assert (
        "已邀请 0 人" in assoc.ok("meetings", "invite", meeting, "--offices", "会长").stderr
    )  # no doubles
    # Offices typed on a Chinese keyboard: full-width commas and 、 separate them too.
    assert (
        "已邀请 0 人"
        in assoc.ok("meetings", "invite", meeting, "--offices", "会长，副会长、理事").stderr
    )
    assoc.ok(
        "meetings", "invite", meeting, "--person", "李秘书", "--title", "秘书处", "--role", "sit-in"
    )
    assoc.ok("meetings", "mark", meeting, "--everyone")
    assoc.ok("meetings", "mark", meeting, "王传强", "--status", "leave", "--reason", "出差")
    assoc.ok("meetings", "mark", meeting, "柳杭", "--status", "absent")
    assert "needs a reason" in assoc.fails(
        "meetings", "mark", meeting, "蔡杰", "--status", "leave", lang="en"
    )
    assert "is not invited" in assoc.fails("meetings", "mark", meeting, "不存在的人", lang="en")
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
        "meetings", "vote", meeting, "x", "--for", "5", "--against", "2", lang="en"
    )
    assert "cannot be negative" in assoc.fails(
        "meetings", "vote", meeting, "x", "--for", "-1", lang="en"
    )
    assert "voting method" in assoc.fails(
        "meetings", "vote", meeting, "x", "--for", "1", "--method", "抽签", code=2, lang="en"
    )
    empty = _new(assoc, "--kind", "理事会", "--date", "2021-12-30")
    assert "nobody is recorded present" in assoc.fails(
        "meetings", "vote", empty, "x", "--for", "1", lang="en"
    )
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
        "出席：会长张辉新、副会长周立正",
        "请假：副会长王传强（出差）",
        "列席：山东泰展有限公司刘美兰",
        "秘书处通报了会费收缴进度。",
        "审议通过年度工作报告：举手，应到3人，实到2人，赞成2票，反对0票，弃权0票，通过。",
        "制定2022年协会工作计划（责任人：郑辉；完成时限：2022年3月31日）",
    ):
        assert expected in text, expected
    out = tmp_path / "纪要.docx"
    assoc.ok("meetings", "minutes", meeting, "-f", "docx", "-o", str(out))
    assert "请假：副会长王传强（出差）" in "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "there is no item 7" in assoc.fails("meetings", "note", meeting, "7", "x", lang="en")


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
    assert [c.value for c in sheet[1]][:3] == ["编号", "内容", "责任人"] and sheet[2][
        1
    ].value == "事项"
    assert ".csv, .json or .xlsx" in assoc.fails(
        "actions", "list", "-o", str(tmp_path / "a.pdf"), code=2, lang="en"
    )


def test_demo_meeting_reads_like_seed_001(demo: Cli) -> None:
    meetings = _json(demo, "meetings", "list")
    assert meetings[-1]["title"] == "示范市装备制造业协会二届二次会长办公（扩大）会"
    text = demo.ok(
        "meetings", "agenda", "render", str(meetings[-1]["id"]), "--style", "sentence"
    ).stdout
    assert (
        "本次会议有五项议程：一是学习党的十九届六中全会公报" in text
        and "三是秘书处通报近期会费收缴情况" in text
    )
    assert "截至2021年12月5日，应缴会费会员单位" in text
    actions = _json(demo, "actions", "list", "--open")
    assert len([a for a in actions if a["meeting"] == meetings[-1]["title"]]) == 2


def test_vote_present_only_when_attendance_was_not_recorded(demo: Cli) -> None:
    assert "attendance is recorded" in demo.fails(
        "meetings", "vote", "2", "议题", "--for", "5", "--present", "100", lang="en"
    )
    empty = demo.ok("meetings", "new", "--kind", "理事会", "--date", "2022-01-10").stdout.strip()
    assert "1 or more" in demo.fails(
        "meetings", "vote", empty, "议题", "--for", "0", "--present", "-1", lang="en"
    )


def test_a_re_dated_meeting_moves_to_its_term(cli: Cli) -> None:
    cli.ok("terms", "add", "2", "--start", "2021-06-18")
    cli.ok("terms", "add", "3", "--start", "2026-06-18")
    first = cli.ok("meetings", "new", "--kind", "理事会", "--date", "2022-03-01").stdout.strip()
    cli.ok("meetings", "new", "--kind", "理事会", "--date", "2022-06-01")
    cli.ok("meetings", "edit", first, "--date", "2026-12-01")
    title = json.loads(cli.ok("meetings", "show", first, "-f", "json").stdout)["title"]
    assert title.endswith("三届一次理事会")
    assert "no term covers" in cli.fails(
        "meetings", "edit", first, "--date", "2019-01-01", lang="en"
    )


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
        "meetings", "new", "--kind", "年会", "--date", "2022-01-01", lang="en"
    )
    person = json.loads(demo.ok("meetings", "attendance", "--meeting", "2", "-f", "json").stdout)[
        0
    ]["person"]
    assert "own proxy" in demo.fails("meetings", "mark", "2", person, "--proxy", person, lang="en")


def test_inviting_everyone_logs_each_invitation_as_inviting_one_does(cli: Cli) -> None:
    """``invite --all-members`` writes its invitations and their audit entries in SQL
    (nothing per member in Python); each entry holds the very JSON text the ORM's log
    writes for an invitation made one by one — names with quotes, backslashes and
    non-ASCII included."""
    cli.ok("terms", "add", "2", "--start", "2021-06-18")
    cli.ok("members", "add", '甲"引号\\公司', "--joined", "2015-01-01", "--rep", "张　三")
    one = cli.ok("meetings", "new", "--kind", "理事会", "--date", "2022-12-20").stdout.strip()
    every = cli.ok("meetings", "new", "--kind", "会员大会", "--date", "2022-12-21").stdout.strip()
    cli.ok("meetings", "invite", one, "M0001")
    cli.ok("meetings", "invite", every, "--all-members")
    log = json.loads(cli.ok("log", "--table", "attendance", "-f", "json").stdout)
    by_meeting = {json.loads(row["after"])["meeting_id"]: row for row in log}
    single, bulk = by_meeting[int(one)], by_meeting[int(every)]
    expected = json.loads(single["after"]) | {
        "id": json.loads(bulk["after"])["id"],
        "meeting_id": int(every),
    }
    assert bulk["after"] == json.dumps(expected, ensure_ascii=False, sort_keys=True)
    assert (bulk["entity_id"], bulk["action"], bulk["operator"]) == (
        expected["id"],
        "insert",
        single["operator"],
    )
    assert "已邀请 0 人" in cli.ok("meetings", "invite", every, "--all-members").stderr


def test_a_sign_in_sheet_too_large_to_print_is_streamed_as_a_spreadsheet(
    cli: Cli, tmp_path: Path
) -> None:
    """5,001 invitees: the paper is refused before anything is written, naming the
    spreadsheet; the spreadsheet is streamed (sorted by SQLite on SQLite) and holds the
    rows in the paper's own order — the same order as the Python sort of a small paper."""
    cli.ok("terms", "add", "1", "--start", "2021-06-18", "--years", "5")
    surnames = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾"
    roster = tmp_path / "roster.csv"
    lines = ["名称,联系人,电话"] + [
        f"淄博第{i:04d}号科技有限公司,{surnames[i % len(surnames)]}{'一二三'[i % 3]},1380533{i:04d}"
        for i in range(1, 5002)
    ]
    roster.write_text("\n".join(lines) + "\n", encoding="utf-8")
    cli.ok("members", "import", str(roster))
    cli.ok("offices", "assign", "M4000", "会长")
    cli.ok("offices", "assign", "M0007", "副会长")
    meeting = cli.ok("meetings", "new", "--kind", "会员大会", "--date", "2022-03-01").stdout
    meeting = meeting.strip()
    cli.ok("meetings", "invite", meeting, "--offices", "会长,副会长")
    cli.ok("meetings", "invite", meeting, "--all-members")
    cli.ok("meetings", "invite", meeting, "--person", "李秘书", "--role", "sit-in")
    docx = tmp_path / "签到表.docx"
    error = cli.fails("meetings", "signin", meeting, "-o", str(docx), lang="en")
    assert "5,002 invitees" in error and "-o 签到表.xlsx" in error
    assert not docx.exists() and not list(tmp_path.glob("*.docx*"))
    assert "超出打印签到表的上限" in cli.fails("meetings", "signin", meeting, "-f", "txt")

    rows = list(
        csv.DictReader(io.StringIO(cli.ok("meetings", "signin", meeting, "-f", "csv").stdout))
    )
    assert len(rows) == 5_002 and [r["序号"] for r in rows[:3]] == ["1", "2", "3"]
    assert [r["职务"] for r in rows[:2]] == ["会长", "副会长"] and rows[-1]["备注"] == "列席"
    from assoc_cli.i18n.sorting import stroke_key

    members = [r["姓名"] for r in rows[2:-1]]
    assert members == sorted(members, key=lambda name: (stroke_key(name), name))
    xlsx = tmp_path / "签到表.xlsx"
    cli.ok("meetings", "signin", meeting, "-o", str(xlsx))
    book = load_workbook(xlsx, read_only=True)
    names = [row[1] for row in book.worksheets[0].iter_rows(values_only=True)]
    book.close()
    assert [r["姓名"] for r in rows] == names[names.index("姓名") + 1 :]
