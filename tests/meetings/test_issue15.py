"""Issue 15's meeting parts: numbers follow dates (held meetings keep theirs), deleting a
mistaken meeting, the chair resolved on edit, invitations that explain their skips and
can be withdrawn, agenda edit, and the dues item's year and cut-off day."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Cli

OFFICE = "会长办公会"


def _new(cli: Cli, day: str) -> str:
    return cli.ok("meetings", "new", "--kind", OFFICE, "--date", day).stdout.strip()


def _titles(cli: Cli) -> dict[str, str]:
    rows = json.loads(cli.ok("meetings", "list", "-f", "json").stdout)
    return {str(row["id"]): row["title"].removeprefix("淄博市装备制造业协会") for row in rows}


def test_numbers_follow_dates_and_held_meetings_keep_theirs(assoc: Cli) -> None:
    dec = _new(assoc, "2021-12-05")
    mar = _new(assoc, "2022-03-01")
    made = assoc.ok("meetings", "new", "--kind", OFFICE, "--date", "2021-09-01")
    sep = made.stdout.strip()
    assert _titles(assoc) == {
        sep: "二届一次会长办公会",
        dec: "二届二次会长办公会",
        mar: "二届三次会长办公会",
    }
    assert f"会议 #{dec}（2021-12-05）改为：淄博市装备制造业协会二届二次会长办公会" in made.stderr
    # A held meeting (attendance marked) keeps its number, and the command says so.
    assoc.ok("meetings", "invite", sep, "通力")
    assoc.ok("meetings", "mark", sep, "--everyone")
    early = assoc.ok("meetings", "new", "--kind", OFFICE, "--date", "2021-08-20", lang="en")
    aug = early.stdout.strip()
    assert "was held, so it keeps its number" in early.stderr
    assert _titles(assoc) == {
        sep: "二届一次会长办公会",
        aug: "二届二次会长办公会",
        dec: "二届三次会长办公会",
        mar: "二届四次会长办公会",
    }
    # The same kind on the same day: a warning (a duplicate?), then the duplicate deleted.
    twin = assoc.ok("meetings", "new", "--kind", OFFICE, "--date", "2021-12-05")
    assert "与本次会议类型相同、日期相同" in twin.stderr
    dup = twin.stdout.strip()
    gone = assoc.ok("meetings", "delete", dup)
    assert f"已删除会议 #{dup}" in gone.stderr
    assert dup not in _titles(assoc)
    # Deleting a meeting renumbers the later un-held ones; it is in the audit log.
    assoc.ok("meetings", "delete", aug)
    assert _titles(assoc) == {
        sep: "二届一次会长办公会",
        dec: "二届二次会长办公会",
        mar: "二届三次会长办公会",
    }
    deleted = assoc.sql(
        "SELECT COUNT(*) FROM audit_log WHERE entity = 'meeting' AND action = 'delete'"
    )
    assert deleted[0][0] == 2
    # A held meeting cannot be deleted; one line, in either language, nothing changed.
    assert "属于会议记录，不能删除" in assoc.fails("meetings", "delete", sep)
    assert "part of the record and cannot be deleted" in assoc.fails(
        "meetings", "delete", sep, lang="en"
    )
    # Moving a meeting's date renumbers too.
    assoc.ok("meetings", "edit", mar, "--date", "2021-10-10")
    assert _titles(assoc)[mar] == "二届二次会长办公会"
    assert _titles(assoc)[dec] == "二届三次会长办公会"


def test_edit_chair_resolves_like_new(assoc: Cli) -> None:
    meeting = _new(assoc, "2021-12-05")
    assoc.ok("meetings", "edit", meeting, "--chair", "永华")
    shown = json.loads(assoc.ok("meetings", "show", meeting, "-f", "json").stdout)
    assert shown["chair"] == "蔡杰"


def test_invitations_explain_skips_dedupe_and_can_be_withdrawn(assoc: Cli) -> None:
    meeting = _new(assoc, "2021-12-05")
    assoc.ok("meetings", "invite", meeting, "--offices", "会长")
    said = assoc.ok("meetings", "invite", meeting, "通力", "双涵", "--role", "sit-in").stderr
    assert "已邀请 1 人" in said and "跳过已受邀的 1 人：张辉新（出席）" in said
    assert (
        "nobody holds 监事长"
        in assoc.ok("meetings", "invite", meeting, "--offices", "监事长", lang="en").stderr
    )
    # A unit's other person; the same name again (by name, or as a person) is no double.
    assoc.ok(
        "meetings", "invite", meeting, "通力", "--person", "巩渤", "--title", "副总经理",
        "--role", "sit-in",
    )  # fmt: skip
    again = assoc.ok("meetings", "invite", meeting, "--person", "巩渤").stderr
    assert "已邀请 0 人" in again and "巩渤（列席）" in again
    # A name on the roster is invited for its unit, once.
    assert "已邀请 0 人" in assoc.ok("meetings", "invite", meeting, "--person", "周立正").stderr
    assert "已邀请 1 人" in assoc.ok("meetings", "invite", meeting, "--person", "蔡杰").stderr
    rows = assoc.sql(f"SELECT person, member_id FROM attendance WHERE meeting_id = {meeting}")
    assert sorted(p for p, _ in rows) == ["周立正", "巩渤", "张辉新", "蔡杰"]
    assert all(member_id is not None for _, member_id in rows)
    # Someone on neither the roster nor the guest list: a guest, and said so.
    assert (
        "不在会员名册或来宾名单中"
        in assoc.ok("meetings", "invite", meeting, "--person", "李秘书").stderr
    )
    assoc.ok("meetings", "mark", meeting, "巩渤")  # one 巩渤: mark can tell
    assert "已撤回对李秘书的邀请" in assoc.ok("meetings", "uninvite", meeting, "李秘书").stderr
    assert "已登记出席情况" in assoc.fails("meetings", "uninvite", meeting, "巩渤")
    assert "is not invited" in assoc.fails("meetings", "uninvite", meeting, "李秘书", lang="en")


def test_agenda_edit_and_the_dues_item(assoc: Cli, tmp_path: Path) -> None:
    assoc.ok("dues", "rates", "set", "2022", "会长单位", "30000")
    assoc.ok("dues", "rates", "set", "2022", "副会长单位", "20000")
    assoc.ok("dues", "rates", "set", "2022", "理事单位", "10000")
    assoc.ok("dues", "notice", "--year", "2022", "--on", "2021-11-18", "-o", str(tmp_path / "n"))
    assoc.ok("dues", "pay", "通力", "--amount", "30000", "--year", "2022", "--on", "2021-11-25")
    assoc.ok("dues", "pay", "双涵", "--amount", "20000", "--year", "2022", "--on", "2021-12-01")
    meeting = _new(assoc, "2021-12-05")  # the kind's template brings the dues item
    text = assoc.ok("meetings", "agenda", "render", meeting).stdout
    assert "年度会费标准尚未设置" not in text  # 2022 is being collected, not 2021
    assert "截至2021年12月5日" in text and "已缴清2家" in text
    # Not doubled: a second dues report for the same year is refused.
    assert "已通报2022年度会费" in assoc.fails(
        "meetings", "agenda", "add", meeting, "通报会费收缴情况", "--kind", "dues-report"
    )
    assert "already has" in assoc.fails(
        "meetings", "agenda", "add", meeting, "秘书处通报近期会费收缴情况", lang="en"
    )
    # agenda edit: the article's "截至11月30日", and a presenter.
    assoc.ok(
        "meetings", "agenda", "edit", meeting, "1", "--as-of", "2021-11-30",
        "--presenter", "胡晓博",
    )  # fmt: skip
    text = assoc.ok("meetings", "agenda", "render", meeting).stdout
    assert "截至2021年11月30日" in text and "已缴清1家" in text and "胡晓博" in text
    assert "after the meeting" in assoc.fails(
        "meetings", "agenda", "edit", meeting, "1", "--as-of", "2021-12-06", lang="en"
    )
    assert "there is no item 5" in assoc.fails(
        "meetings", "agenda", "edit", meeting, "5", "--title", "x", lang="en"
    )
