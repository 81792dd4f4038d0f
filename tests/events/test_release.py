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


# Seed 002: the class's release, its paragraphs as printed (in Simplified Chinese; the
# article's "培训活动为时一天，上午由……作交流发言" summary is not drawn from the record).
SEED_002 = """2020年6月4日,中国工业经济联合会2020年制造业单项冠军第一期培训班在山东省淄博市举办。此次培训活动由中国工经联主办,山东省工经联承办,并得到了工信部的大力支持。
中国工业经济联合会会长李毅中,工业和信息化部政法司二级巡视员舒朝晖,山东省工业和信息化厅副厅长孔庆成,山东省淄博市市委常委、常务副市长宋振波,淄博市临淄区区长白平和出席活动并讲话。上午的活动由中国工经联执行副会长荣剑英主持。
李毅中会长为培训班作“疫后恢复振兴要大力提升工业基础能力”主题讲座。"""
SEED_002_AFTERNOON = """下午的培训活动聚焦制造业单项冠军企业申报与培育,由中国工经联制造业单项冠军工作办公室主任吴同明主持。中国工经联高级专务高家明介绍了制造业单项冠军申报的相关注意事项。中国轻工联合会综合业务部副处长聂博和中国石油和化学工业联合会质量处处长丁士育分别介绍了石化和轻工行业单项冠军企业的培育经验。中储南京智慧物流科技有限公司副总裁刘洋介绍了先进物流模式对企业降本增效的积极作用。"""

OFFICIALS = [
    "李毅中|中国工业经济联合会|会长",
    "舒朝晖|工业和信息化部政法司|二级巡视员",
    "孔庆成|山东省工业和信息化厅|副厅长",
    "宋振波|山东省淄博市|市委常委、常务副市长",
    "白平和|淄博市临淄区|区长",
]


def enter_seed_002(cli: Cli) -> str:
    """Seed 002's class through the CLI (an association named 中国工业经济联合会)."""
    cli.ok("init", "--name", "中国工业经济联合会")
    meeting = cli.ok(
        "meetings",
        "new",
        "--kind",
        "培训班",
        "--topic",
        "制造业单项冠军",
        "--date",
        "2020-06-04",
        "--venue",
        "山东省淄博市",
    ).stdout.strip()
    cli.ok("events", "organiser", meeting, "主办", "中国工经联")
    cli.ok("events", "organiser", meeting, "承办", "山东省工经联")
    cli.ok("events", "organiser", meeting, "支持", "工信部")
    # The guests typed in stroke order: their rank puts them as the article lists them.
    for rank, person in sorted(enumerate(OFFICIALS, 1), key=lambda p: p[1][1]):
        cli.ok("events", "attend", meeting, person, "--rank", str(rank))
    cli.ok(
        "events",
        "session",
        meeting,
        "上午",
        "--start",
        "08:30",
        "--end",
        "12:00",
        "--host",
        "荣剑英|中国工经联|执行副会长",
    )
    cli.ok(
        "events",
        "session",
        meeting,
        "下午",
        "--start",
        "14:00",
        "--focus",
        "制造业单项冠军企业申报与培育",
        "--host",
        "吴同明|中国工经联制造业单项冠军工作办公室|主任",
    )
    items = [
        ("疫后恢复振兴要大力提升工业基础能力", "lecture", "1", [OFFICIALS[0]]),
        ("讲话", "speech", "1", [OFFICIALS[1]]),
        ("山东省推进制造业单项冠军工作情况", "speech", "1", [OFFICIALS[2]]),
        ("致辞", "speech", "1", [OFFICIALS[3]]),
        ("临淄区工业发展情况", "speech", "1", [OFFICIALS[4]]),
        ("制造业单项冠军申报的相关注意事项", "report", "2", ["高家明|中国工经联|高级专务"]),
        (
            "石化和轻工行业单项冠军企业的培育经验",
            "exchange",
            "2",
            ["聂博|中国轻工联合会综合业务部|副处长", "丁士育|中国石油和化学工业联合会质量处|处长"],
        ),
        (
            "先进物流模式对企业降本增效的积极作用",
            "exchange",
            "2",
            ["刘洋|中储南京智慧物流科技有限公司|副总裁"],
        ),
    ]
    for number, (title, kind, block, speakers) in enumerate(items, 1):
        cli.ok("meetings", "agenda", "add", meeting, title, "--kind", kind)
        args = [arg for speaker in speakers for arg in ("--speaker", speaker)]
        cli.ok("events", "item", meeting, str(number), "--session", block, *args)
    return meeting


def test_seed_002_release_matches_the_article(empty_cli: Cli) -> None:
    cli = empty_cli
    meeting = enter_seed_002(cli)
    text = cli.ok("events", "release", meeting, "-f", "txt").stdout
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    assert paragraphs[0] == "中国工业经济联合会2020年制造业单项冠军第一期培训班成功举办"
    assert _sentences("".join(paragraphs[1:4])) == _sentences(SEED_002)
    assert _sentences(paragraphs[4]) == _sentences(SEED_002_AFTERNOON)
    # "、" in a post stays inside it: 宋振波 is one person with a two-part post.
    assert "山东省淄博市市委常委、常务副市长宋振波，" in text
    hant = cli.ok("events", "release", meeting, "-f", "txt", lang="zh-Hant").stdout
    assert "中國工業經濟聯合會會長李毅中" in hant
    english = cli.ok("events", "release", meeting, "-f", "md", lang="en").stdout
    assert "hosted by 中国工经联" in english
    # The guests are kept once each and reused: a second class finds them.
    guests = cli.ok("events", "guests", "-f", "json").stdout
    assert guests.count("李毅中") == 1


def test_a_pause_mark_in_a_title_or_post_does_not_garble(cli: Cli) -> None:
    meeting = cli.ok(
        "meetings", "new", "--kind", "座谈会", "--date", "2022-03-01", "--venue", "协会会议室"
    ).stdout.strip()
    cli.ok(
        "meetings",
        "agenda",
        "add",
        meeting,
        "学习、讨论《行业协会商会综合监管办法》",
        "--kind",
        "study",
    )
    cli.ok("meetings", "agenda", "add", meeting, "讲话", "--kind", "speech")
    cli.ok("events", "item", meeting, "2", "--speaker", "郑辉||执行会长、秘书长")
    cli.ok("events", "attend", meeting, "郑辉", "--post", "执行会长、秘书长")
    cli.ok("events", "attend", meeting, "王传强", "刘美兰", "--post", "副会长")
    text = cli.ok("events", "release", meeting, "--order", "given", "-f", "txt").stdout
    assert "执行会长、秘书长郑辉，副会长王传强、刘美兰出席。" in text.replace(
        "协会执行会长", "执行会长"
    )
    assert (
        "本次会议有两项议程：一是学习、讨论《行业协会商会综合监管办法》；二是执行会长、秘书长郑辉讲话。"
        in text
    )


def test_seed_001_release_in_traditional_and_english(cli: Cli) -> None:
    meeting = enter_seed_001(cli)
    hant = cli.ok("events", "release", meeting, "--order", "given", lang="zh-Hant").stdout
    assert "協會會長張輝新，執行會長朱訓巖、韓懷勝、鄭輝" in hant
    assert "會議由協會會長張輝新主持。" in hant
    english = cli.ok("events", "release", meeting, "--order", "given", lang="en").stdout
    assert "On 5 December 2021" in english
    assert "执行会长 朱训岩, 韩怀胜, 郑辉;" in english
    assert "The meeting was chaired by 会长 张辉新." in english
    assert "fifth, 会长 张辉新: 讲话" in english


def test_a_member_named_by_its_short_name_is_written_in_full(assoc: Cli) -> None:
    meeting = assoc.ok("meetings", "new", "--kind", "座谈会", "--date", "2022-03-01").stdout.strip()
    assoc.ok(
        "events", "attend", meeting, "巩渤|双涵|副总经理", "--role", "参加", "--group", "副会长单位"
    )
    text = assoc.ok("events", "release", meeting, "-f", "txt").stdout
    assert "副会长单位：山东双涵有限公司副总经理巩渤参加会议。" in text
    assert "already at meeting" in assoc.fails(
        "events", "attend", meeting, "巩渤|山东双涵有限公司", lang="en"
    )
    # Members' people are not guests.
    assert assoc.ok("events", "guests", "-f", "json").stdout.split() == ["[", "]"]


def test_a_meeting_kept_with_invitations_has_its_release(demo: Cli) -> None:
    """The demo's seed-001 meeting was kept with `meetings invite` and `mark` only: the
    release reads who was present from there, the dues item with its live figures, and
    the action items decided (三落实)."""
    text = demo.ok("events", "release", "2", "-f", "txt").stdout
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    assert paragraphs[1].startswith("12月5日下午，示范市装备制造业协会二届二次会长办公（扩大）会在")
    assert re.match(r"协会会长(\w+)，执行会长\w+、\w+、\w+，副会长", paragraphs[2])
    assert "列席会议。会议由协会会长" in paragraphs[2]
    assert "五是会长" in paragraphs[3] and paragraphs[3].endswith("讲话。")
    assert any(p.startswith("截至2021年12月5日，应缴会费会员单位") for p in paragraphs)
    assert paragraphs[-1].startswith("工作落实（三落实）：1.")
    # The class of the demo: its organisers, guests by rank and sessions.
    release = demo.ok("events", "release", "3", "-f", "txt").stdout
    assert "此次培训活动由示范市装备制造业协会主办，示范市企业服务中心承办" in release
    assert "示范市工业和信息化局局长陈立德，示范市张店区人民政府副区长许文华" in release
