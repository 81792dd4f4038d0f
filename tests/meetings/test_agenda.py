"""Agendas: items from the kind's template and by hand, the live dues figures, Word files,
and open action items pulled into the next agenda."""

from __future__ import annotations

import json
from pathlib import Path

from docx import Document

from tests.conftest import Cli


def _new(cli: Cli, *args: str) -> str:
    return cli.ok("meetings", "new", *args).stdout.strip()


def _json(cli: Cli, *args: str) -> object:
    return json.loads(cli.ok(*args, "-f", "json").stdout)


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
    assert "there is no item 9" in assoc.fails(
        "meetings", "agenda", "remove", meeting, "9", lang="en"
    )
    assert "outside 1..5" in assoc.fails(
        "meetings", "agenda", "move", meeting, "1", "--to", "0", lang="en"
    )
    assert "'--kind'" in assoc.fails(
        "meetings", "agenda", "add", meeting, "x", "--kind", "party", code=2, lang="en"
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
        "本次会议有五项议程：一是学习党的十九届六中全会公报；二是通报《调研报告》；三是秘书处通报近期会费收缴情况；"
        "四是座谈商议明年协会工作计划；五是会长张辉新讲话。" in sentence
    )
    # The dues item states exactly what `dues report` says for the meeting date.
    report = (
        assoc.ok("dues", "report", "--year", "2021", "--as-of", "2021-12-05")
        .stdout.strip()
        .splitlines()[-1]
    )
    assert report in sentence
    assert "应缴会费会员单位6家，已缴清1家" in report
    listing = assoc.ok("meetings", "agenda", "render", meeting).stdout
    assert (
        "时间：2021年12月5日 14:30" in listing
        and "地点：酩悦居" in listing
        and "主持：张辉新" in listing
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
    # The title in two lines, broken after the association's name.
    assert "淄博市装备制造业协会\n二届一次会长办公会议程" in text
    assert "一、秘书处通报近期会费收缴情况（秘书处）" in text and "收缴率" in text


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
    assert "走访会员企业（责任人：郑辉；完成时限：2021年10月31日）" in text
    assert "完成调研报告" not in text and "理事会事项" not in text
