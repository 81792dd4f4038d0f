"""Dues notices and reminders: content, Word files read back, the send log, --again."""

from __future__ import annotations

import json
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

from tests.conftest import Cli, template_fixture


def _owing(cli: Cli) -> None:
    """Two units owing 2021–2022 dues (one paid in part), and the bank details notices print."""
    cli.ok(
        "init",
        "--bank-name",
        "中国工商银行淄博分行",
        "--bank-account",
        "1603 0000 0000 1234",
        "--account-name",
        "淄博市装备制造业协会",
    )
    cli.ok(
        "members",
        "add",
        "山东双涵石化装备有限公司",
        "--short-name",
        "双涵",
        "--joined",
        "2015-01-01",
    )
    cli.ok(
        "members", "add", "淄博华普电机有限公司", "--short-name", "华普", "--joined", "2015-01-01"
    )
    for year in ("2021", "2022"):
        cli.ok("dues", "rates", "set", year, "会员单位", "30000")
    cli.ok("dues", "pay", "华普", "--amount", "60000", "--on", "2022-11-20")
    cli.ok("dues", "pay", "双涵", "--amount", "12345.67", "--year", "2022", "--on", "2022-11-20")


owing = template_fixture("owing", _owing)


def test_a_notice_for_one_member_prints_the_figures_and_capitals(owing: Cli) -> None:
    text = owing.ok(
        "dues", "notice", "--year", "2022", "--member", "双涵", "--on", "2022-11-18"
    ).stdout
    assert "# 淄博市装备制造业协会" in text
    assert "关于缴纳2022年度会费的通知" in text
    assert "山东双涵石化装备有限公司（会员编号 M0001）" in text
    assert "2022年度应缴会费¥30,000.00（大写：叁万元整）" in text
    assert "尚欠以往年度会费：2021年度，共¥30,000.00。以上合计¥60,000.00（大写：陆万元整）" in text
    assert "请于2022年12月31日前" in text
    assert "1603 0000 0000 1234" in text and "中国工商银行淄博分行" in text
    # Printed on screen, it is a preview: not logged as sent.
    assert json.loads(owing.ok("dues", "notices", "-f", "json").stdout) == []
    owing.ok(
        "dues", "notice", "--year", "2022", "--member", "双涵", "--on", "2022-11-18", "--mark-sent"
    )
    log = json.loads(owing.ok("dues", "notices", "-f", "json").stdout)
    assert [(n["number"], n["kind"], n["sent_on"]) for n in log] == [
        ("M0001", "notice", "2022-11-18")
    ]
    assert "already had" in owing.fails(
        "dues", "notice", "--year", "2022", "--member", "双涵", "--mark-sent", lang="en"
    )
    # A preview of a notice already sent still shows it, and still logs nothing.
    assert (
        "2022年度应缴会费"
        in owing.ok("dues", "notice", "--year", "2022", "--member", "双涵").stdout
    )
    owing.ok(
        "dues",
        "notice",
        "--year",
        "2022",
        "--member",
        "双涵",
        "--again",
        "--mark-sent",
        "--on",
        "2022-11-19",
    )
    assert len(json.loads(owing.ok("dues", "notices", "--year", "2022", "-f", "json").stdout)) == 2


def test_a_preview_is_not_logged_and_the_next_batch_still_sends_it(
    owing: Cli, tmp_path: Path
) -> None:
    owing.ok(
        "dues", "notice", "--year", "2022", "--unpaid", "--member", "双涵", "--on", "2022-11-30"
    )
    assert json.loads(owing.ok("dues", "notices", "-f", "json").stdout) == []
    result = owing.ok(
        "dues",
        "notice",
        "--year",
        "2022",
        "--unpaid",
        "--on",
        "2022-11-30",
        "-o",
        str(tmp_path / "r"),
    )
    assert "已生成 1 份" in result.stderr and "已发过" not in result.stderr
    assert [f.name[:5] for f in (tmp_path / "r").iterdir()] == ["M0001"]
    owing.ok("dues", "verify", "--as-of", "2022-11-30")


def test_reminders_go_only_to_those_still_owing_as_word_files(owing: Cli, tmp_path: Path) -> None:
    out = tmp_path / "催缴"
    result = owing.ok(
        "dues",
        "notice",
        "--year",
        "2022",
        "--unpaid",
        "--on",
        "2022-11-30",
        "--docx",
        "-o",
        str(out),
        "--deadline",
        "2022-12-15",
    )
    assert "已生成 1 份催缴通知" in result.stderr
    files = sorted(out.iterdir())
    assert [f.name for f in files] == ["M0001-山东双涵石化装备有限公司-2022年度催缴通知.docx"]
    document = Document(str(files[0]))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "关于催缴2022年度会费的通知" in text
    assert "已缴¥12,345.67，尚欠¥17,654.33（大写：壹万柒仟陆佰伍拾肆元叁角叁分）" in text
    assert "以上合计¥47,654.33（大写：肆万柒仟陆佰伍拾肆元叁角叁分）" in text
    assert "请于2022年12月15日前" in text
    # Chinese fonts are set for East Asian text, as a Chinese office names them: the
    # masthead and title in 方正小标宋简体, the body in 仿宋_GB2312 (GB/T 9704).
    masthead, title = document.paragraphs[0].runs[0], document.paragraphs[1].runs[0]
    assert masthead.text == "淄博市装备制造业协会" and title.text == "关于催缴2022年度会费的通知"
    for run in (masthead, title):
        fonts = run._element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    normal = document.styles["Normal"].element.rPr.rFonts
    assert normal.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert "owes nothing more" in owing.fails(
        "dues", "notice", "--year", "2022", "--unpaid", "--member", "华普", lang="en"
    )


def test_batch_notices_skip_those_already_sent(owing: Cli, tmp_path: Path) -> None:
    owing.ok(
        "dues", "notice", "--year", "2022", "--member", "双涵", "--on", "2022-11-18", "--mark-sent"
    )
    result = owing.ok(
        "dues",
        "notice",
        "--year",
        "2022",
        "--on",
        "2022-11-18",
        "-o",
        str(tmp_path / "n"),
        "--text",
    )
    assert "已生成 1 份" in result.stderr and "1 家已发过" in result.stderr
    files = list((tmp_path / "n").iterdir())
    assert [f.suffix for f in files] == [".txt"]
    assert "淄博华普电机有限公司" in files[0].read_text(encoding="utf-8")


def test_notices_in_english_and_traditional(owing: Cli) -> None:
    english = owing.ok(
        "dues", "notice", "--year", "2022", "--member", "双涵", "--on", "2022-11-18", lang="en"
    ).stdout
    assert (
        "Notice of 2022 membership dues" in english and "your 2022 dues are ¥30,000.00" in english
    )
    traditional = owing.ok(
        "dues",
        "notice",
        "--year",
        "2022",
        "--member",
        "华普",
        "--on",
        "2022-11-18",
        "--again",
        lang="zh-Hant",
    ).stdout
    assert "關於繳納2022年度會費的通知" in traditional and "大寫" in traditional


def test_notice_mistakes(owing: Cli) -> None:
    assert "choose one of --docx and --text" in owing.fails(
        "dues", "notice", "--docx", "--text", code=2, lang="en"
    )
    assert "no member matches" in owing.fails(
        "dues", "notice", "--year", "2022", "--member", "无此公司", lang="en"
    )
    assert "owes no dues" in owing.fails(
        "dues", "notice", "--year", "2019", "--member", "双涵", lang="en"
    )
    assert "before the notice is issued" in owing.fails(
        "dues",
        "notice",
        "--year",
        "2022",
        "--member",
        "双涵",
        "--on",
        "2022-11-18",
        "--deadline",
        "2022-11-01",
        code=2,
        lang="en",
    )


def test_a_member_owing_only_this_year_gets_its_notice(owing: Cli) -> None:
    """No arrears from earlier years: the notice is the year's dues alone."""
    owing.ok("members", "add", "淄博新锐机械有限公司", "--joined", "2022-03-01")
    text = owing.ok(
        "dues", "notice", "--year", "2022", "--member", "新锐", "--on", "2022-11-18"
    ).stdout
    assert "淄博新锐机械有限公司（会员编号 M0003）" in text
    assert "2022年度应缴会费¥30,000.00" in text and "尚欠以往年度" not in text
