"""The news release (新闻稿) drafted from the record: seed 001's meeting and seed 002's
training class entered through the CLI, their releases compared sentence by sentence with
the articles' opening paragraphs (the facts, the order, the grouping, the roles)."""

from __future__ import annotations

import re

from assoc_cli.i18n.punctuation import chinese_punctuation
from tests.conftest import Cli


def _sentences(text: str) -> list[str]:
    """The sentences of *text*, its punctuation made full-width (the paper rules) and the
    spaces the article's HTML left dropped."""
    text = chinese_punctuation(re.sub(r"\s+", "", text)).replace(";", "；")
    return [s + "。" for s in text.split("。") if s]


# Seed 001: 淄博市装备制造业协会's 二届二次会长办公(扩大)会, its opening paragraphs as printed.
SEED_001 = """12月5日下午,淄博市装备制造业协会二届二次会长办公(扩大)会在张店酩悦居召开。
协会会长张辉新,执行会长朱训岩、韩怀胜、郑辉,副会长王传强、刘美兰、李万中、张明、郭小红、王节平、周庆合、刘延军,监事长蔡杰出席。副会长单位:山东通力五金机电连锁有限公司副总经理巩渤、山东双涵石化装备有限公司副总经理周立正、协会秘书处相关人员参加会议。会议由协会会长张辉新主持。
本次会议有五项议程:一是学习党的十九届六中全会公报; 二是通报《淄博装备制造业高质量发展调研报告》; 三是秘书处通报近期会费收缴情况;四是座谈商议明年协会工作计划;五是会长张辉新讲话。"""

STUDY_NOTES = (
    "首先，协会会长、党支部书记张辉新带领大家共同学习了《党的十九届六中全会公报》，"
    "并就协会贯彻落实十九届六中全会精神提出要求。"
)


def enter_seed_001(cli: Cli) -> str:
    """Seed 001's meeting through the CLI; returns its number."""
    cli.ok("terms", "add", "2", "--start", "2021-06-18")
    cli.ok("meetings", "new", "--kind", "会长办公会", "--date", "2021-08-01", "--no-template")
    meeting = cli.ok(
        "meetings",
        "new",
        "--kind",
        "会长办公会",
        "--enlarged",
        "--date",
        "2021-12-05",
        "--time",
        "14:30",
        "--venue",
        "张店酩悦居",
        "--chair",
        "张辉新",
        "--no-template",
    ).stdout.strip()
    for title, kind in (
        ("学习党的十九届六中全会公报", "study"),
        ("通报《淄博装备制造业高质量发展调研报告》", "report"),
        ("秘书处通报近期会费收缴情况", "dues-report"),
        ("座谈商议明年协会工作计划", "discussion"),
        ("讲话", "speech"),
    ):
        cli.ok("meetings", "agenda", "add", meeting, title, "--kind", kind)
    cli.ok("meetings", "note", meeting, "1", STUDY_NOTES)
    cli.ok("events", "item", meeting, "2", "--speaker", "荆常宝||副秘书长、办公室主任")
    cli.ok("events", "item", meeting, "5", "--speaker", "张辉新||会长")
    cli.ok("events", "attend", meeting, "张辉新", "--post", "会长")
    cli.ok("events", "attend", meeting, "朱训岩", "韩怀胜", "郑辉", "--post", "执行会长")
    cli.ok(
        "events",
        "attend",
        meeting,
        "王传强",
        "刘美兰",
        "李万中",
        "张明",
        "郭小红",
        "王节平",
        "周庆合",
        "刘延军",
        "--post",
        "副会长",
    )
    cli.ok("events", "attend", meeting, "蔡杰", "--post", "监事长")
    cli.ok(
        "events",
        "attend",
        meeting,
        "巩渤|山东通力五金机电连锁有限公司|副总经理",
        "周立正|山东双涵石化装备有限公司|副总经理",
        "--role",
        "参加",
        "--group",
        "副会长单位",
    )
    cli.ok("events", "attend", meeting, "协会秘书处相关人员", "--role", "参加")
    cli.ok("events", "organiser", meeting, "赞助", "酩悦居酒店", "青花郎酒业")
    return meeting


def test_seed_001_release_matches_the_article(cli: Cli) -> None:
    meeting = enter_seed_001(cli)
    text = cli.ok("events", "release", meeting, "--order", "given", "-f", "txt").stdout
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    assert paragraphs[0] == "淄博市装备制造业协会二届二次会长办公（扩大）会召开"
    body = "".join(paragraphs[1:4])
    assert _sentences(body) == _sentences(SEED_001)
    assert paragraphs[4] == STUDY_NOTES
    assert paragraphs[-1] == "本次会议由酩悦居酒店、青花郎酒业提供赞助支持。"
    # In order of precedence the officers come by office; within an office by strokes.
    ranked = cli.ok("events", "release", meeting, "-f", "txt").stdout
    assert "执行会长朱训岩、郑辉、韩怀胜" in ranked
    assert ranked.index("协会会长张辉新") < ranked.index("执行会长") < ranked.index("监事长蔡杰")
