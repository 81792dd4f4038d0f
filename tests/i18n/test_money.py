"""Small pure functions: credit codes, dates, numerals, sort keys, languages."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assoc_cli.errors import InvalidValueError
from assoc_cli.i18n import normalize_lang, t
from assoc_cli.i18n.dates import format_date, parse_date
from assoc_cli.i18n.money import MAX_FEN, capital_amount, format_money, parse_amount
from assoc_cli.i18n.numerals import chinese_number
from assoc_cli.i18n.sorting import pinyin_key, stroke_count, stroke_key
from assoc_cli.members.credit_code import ALPHABET, check_character, normalize_credit_code
from assoc_cli.output import neutralise_formula

# The worked example printed in GB 32100-2015.
STANDARD_EXAMPLE = "91350100M000100Y43"


def test_standard_example_code_is_valid() -> None:
    assert normalize_credit_code(STANDARD_EXAMPLE.lower()) == STANDARD_EXAMPLE


@given(st.text(alphabet=ALPHABET, min_size=17, max_size=17), st.integers(0, 16), st.data())
def test_any_single_character_change_is_caught(
    body: str, position: int, data: st.DataObject
) -> None:
    code = body + check_character(body)
    assert normalize_credit_code(code) == code
    replacement = data.draw(st.sampled_from([c for c in ALPHABET if c != code[position]]))
    broken = code[:position] + replacement + code[position + 1 :]
    with pytest.raises(InvalidValueError, match="check character"):
        normalize_credit_code(broken)


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("91350100M000100Y4", "17 characters"),
        ("91350100M000100Y4I", "contains I"),
        ("91350100M000100Y44", "check character"),
    ],
)
def test_bad_codes_say_why(code: str, reason: str) -> None:
    with pytest.raises(InvalidValueError, match=reason):
        normalize_credit_code(code)


@pytest.mark.parametrize(
    "text", ["2022-11-30", "2022/11/30", "2022.11.30", "20221130", "2022年11月30日", " 2022-11-30 "]
)
def test_dates_in_every_spelling(text: str) -> None:
    assert parse_date(text) == date(2022, 11, 30)


@pytest.mark.parametrize("text", ["2022-13-01", "2022-02-30", "30/11/2022", "yesterday", ""])
def test_bad_dates_are_refused(text: str) -> None:
    with pytest.raises(InvalidValueError, match="2022年11月30日"):
        parse_date(text)


def test_date_formatting() -> None:
    assert format_date(date(2022, 11, 30), "zh-Hans") == "2022年11月30日"
    assert format_date(date(2022, 11, 30), "en") == "2022-11-30"


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1, "一"),
        (2, "二"),
        (10, "十"),
        (12, "十二"),
        (20, "二十"),
        (21, "二十一"),
        (105, "一百零五"),
    ],
)
def test_chinese_numerals(n: int, text: str) -> None:
    assert chinese_number(n) == text


def test_stroke_counts_come_from_unihan() -> None:
    # 王 4, 李 7, 张 7, 郑 8, 蔡 14 strokes (standard simplified forms).
    assert [stroke_count(c) for c in "王李张郑蔡"] == [4, 7, 7, 8, 14]
    names = ["蔡杰", "王传强", "郑辉", "刘美兰"]
    assert sorted(names, key=stroke_key) == ["王传强", "刘美兰", "郑辉", "蔡杰"]


def test_pinyin_key() -> None:
    assert pinyin_key("张辉新") == "zhang hui xin"


def test_languages() -> None:
    assert normalize_lang("zh-TW") == "zh-Hant"
    assert normalize_lang("EN") == "en"
    with pytest.raises(InvalidValueError, match="zh-Hans, zh-Hant, en"):
        normalize_lang("fr")
    # Traditional comes from OpenCC, not a table of ours.
    assert t("col.tier", "zh-Hant") == "會費檔次"


@pytest.mark.parametrize("cell", ["=1+1", "+86", "-2", "@SUM(A1)", '=HYPERLINK("x")'])
def test_formula_cells_are_neutralised(cell: str) -> None:
    assert neutralise_formula(cell) == "'" + cell
    assert neutralise_formula("淄博") == "淄博"


@pytest.mark.parametrize(
    ("text", "fen"),
    [
        ("30000", 3000000),
        ("30,000.00", 3000000),
        ("¥30000", 3000000),
        ("3万", 3000000),
        ("1.5万元", 1500000),
        ("0.01", 1),
        ("12345.67", 1234567),
        ("￥1,000", 100000),
    ],
)
def test_amounts_parse_to_exact_fen(text: str, fen: int) -> None:
    assert parse_amount(text) == fen


@pytest.mark.parametrize("text", ["0", "-1", "0.001", "1.2.3", "abc", "1e3", "3千", ""])
def test_bad_amounts(text: str) -> None:
    with pytest.raises(InvalidValueError):
        parse_amount(text)


@pytest.mark.parametrize(
    ("fen", "capital"),
    [
        (3000000, "叁万元整"),
        (100510, "壹仟零伍元壹角"),
        (10005, "壹佰元零伍分"),
        (10000000, "壹拾万元整"),
        (101000, "壹仟零壹拾元整"),
        (50, "伍角"),
        (5, "伍分"),
        (1234567, "壹万贰仟叁佰肆拾伍元陆角柒分"),
        (200050000, "贰佰万零伍佰元整"),
        (10001000000, "壹亿零壹万元整"),
        (0, "零元整"),
    ],
)
def test_chinese_capitals(fen: int, capital: str) -> None:
    assert capital_amount(fen) == capital


@given(st.integers(1, MAX_FEN))
def test_money_round_trips_without_float(fen: int) -> None:
    text = format_money(fen)
    assert parse_amount(text) == fen


def test_word_tables_keep_every_cell_with_its_font(tmp_path: Path) -> None:
    from docx import Document as WordDocument
    from docx.oxml.ns import qn
    from docx.shared import Pt

    from assoc_cli.files.papers import Document, write_docx

    body = [[str(i), f"张{i}", " 前后空格 ", "理事\t副会长", "0533\n1", ""] for i in range(1, 60)]
    document = Document()
    document.title("签到表")
    document.table(["序号", "姓名", "单位", "职务", "电话", "签到"], body)
    document.table(["只有表头"], [])
    # Characters XML cannot hold (pasted control codes) are left out, not a traceback.
    document.paragraph("张\x01三\x0b")
    document.table(["名称"], [["A\x02B公司"]])
    path = tmp_path / "table.docx"
    write_docx(document, path)
    word = WordDocument(str(path))
    table, header_only, pasted = word.tables
    assert pasted.rows[1].cells[0].text == "AB公司"
    assert word.paragraphs[-1].text == "张三"
    assert [[cell.text for cell in row.cells] for row in table.rows] == [
        ["序号", "姓名", "单位", "职务", "电话", "签到"],
        *body,
    ]
    assert [cell.text for cell in header_only.rows[0].cells] == ["只有表头"]
    assert len(header_only.rows) == 1
    for r, row in enumerate(table.rows):
        assert row.height == (Pt(24) if r else None)
        for cell in row.cells:
            [run] = cell.paragraphs[0].runs
            assert run.bold is (r == 0)
            fonts = run._element.rPr.find(qn("w:rFonts"))
            assert fonts.get(qn("w:eastAsia")) == "宋体" and fonts.get(qn("w:ascii")) == "宋体"
