"""members import reads back what assoc writes and what a spreadsheet makes of it (issue 14):
our own export (CSV, XLSX), the same opened and saved again in a spreadsheet (LibreOffice
Calc stands in for Excel and WPS: tests/office.py), and the rosters people keep — a title
row above the header, a total row below, a 职务 column, dates and counts as people type them.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from assoc_cli.members.credit_code import check_character
from tests.conftest import Cli, snapshot, sqlite_only
from tests.office import convert, csv_as_saved_by_excel, require_office


def _all_digit_code() -> str:
    """A valid 统一社会信用代码 of digits only (what a spreadsheet takes for a number)."""
    for n in range(1000):
        body = f"91370300{n:09d}"
        if check_character(body).isdigit():
            return body + check_character(body)
    raise AssertionError("no all-digit code")


DIGIT_CODE = _all_digit_code()


def _tricky(cli: Cli) -> None:
    """Members whose cells a spreadsheet changes: formula-like text, a number with leading
    zeros, an all-digit credit code, a landline with its leading 0."""
    cli.ok(
        "members",
        "add",
        '=HYPERLINK("http://x")公司',
        "--phone",
        "+86 138 0000 0000",
        "--note",
        "@所有人",
        "--rep-title",
        "-总经理-",
    )
    cli.ok(
        "members",
        "add",
        "山东双涵石化装备有限公司",
        "--number",
        "0099",
        "--credit-code",
        DIGIT_CODE,
        "--phone",
        "05332345678",
        "--joined",
        "2019-03-01",
        "--employees",
        "320",
        "--party-org",
        "是",
    )
    cli.ok("members", "add", "淄博华普电机有限公司", "--phone", "0533-7654321")


def _roster(cli: Cli) -> list[dict[str, object]]:
    return json.loads(cli.ok("members", "list", "-f", "json", "--all-columns").stdout)


def _unchanged(cli: Cli, path: Path, *args: str) -> None:
    """Importing *path* adds and changes nothing."""
    before = snapshot(cli.location)
    result = cli.ok("members", "import", str(path), *args)
    assert "新增 0，更新 0" in result.stderr, result.stderr
    assert snapshot(cli.location) == before


def test_an_export_csv_imports_back_with_no_changes(cli: Cli, tmp_path: Path) -> None:
    """The ' that keeps a formula-like cell text is taken off again, and so is the tab
    written before long digit strings (so that Excel keeps them as text)."""
    _tricky(cli)
    out = tmp_path / "roster.csv"
    cli.ok("members", "export", "-o", str(out))
    text = out.read_text(encoding="utf-8-sig")
    assert "'+86 138" in text and "'=HYPERLINK" in text
    _unchanged(cli, out)
    # The same with a tab before each long digit string (as an Excel CSV is written).
    rows = list(csv.reader(io.StringIO(text)))
    tabbed = [[f"\t{c}" if c.isdigit() and len(c) > 3 else c for c in row] for row in rows]
    assert any(f"\t{DIGIT_CODE}" in row for row in tabbed)
    out_tabbed = tmp_path / "tabbed.csv"
    with out_tabbed.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(tabbed)
    _unchanged(cli, out_tabbed)


@sqlite_only
def test_an_export_csv_saved_by_a_spreadsheet_names_each_conversion(
    cli: Cli, tmp_path: Path
) -> None:
    """Opened in a spreadsheet and saved as a GBK CSV: the all-digit credit code became
    9.137…E+017, 0099 became 99, 05332345678 lost its 0. None of that can be repaired
    for sure, so each is refused on its line, saying what the spreadsheet did; the rows it
    did not touch would import unchanged."""
    require_office()
    _tricky(cli)
    out = tmp_path / "roster.csv"
    cli.ok("members", "export", "-o", str(out))
    # A roster CSV without the tabs that keep digit strings text (another program's, or
    # an older assoc's): what a spreadsheet then does to it.
    bare = tmp_path / "bare.csv"
    bare.write_text(out.read_text(encoding="utf-8-sig").replace("\t", ""), encoding="utf-8-sig")
    saved = csv_as_saved_by_excel(bare, tmp_path / "calc")
    raw = saved.read_bytes().decode("gb18030")
    assert "E+017" in raw and "\n99," in raw  # what the spreadsheet did
    error = cli.fails("members", "import", str(saved), lang="en")
    assert "3 problem(s) found; nothing was imported" in error
    said = cli("members", "import", str(saved), lang="en").stderr
    assert "line 2: 统一社会信用代码 (credit_code)" in said
    assert "a spreadsheet turned it into a number and lost digits" in said
    assert "line 2: 电话 (phone)" in said and "lost its leading 0" in said
    assert "line 2: member number 99 is not in the roster but 0099 is" in said
    zh = cli("members", "import", str(saved)).stderr
    assert "电子表格把它当成了数字" in zh and "去掉了开头的 0" in zh and "丢了开头 0" in zh
    assert "line 3" not in said and "line 4" not in said
    # Our own export keeps them text (a tab before long digit strings): nothing changes.
    _unchanged(cli, csv_as_saved_by_excel(out, tmp_path / "calc2"))


@sqlite_only
def test_an_export_xlsx_saved_by_a_spreadsheet_imports_back_with_no_changes(
    cli: Cli, tmp_path: Path
) -> None:
    require_office()
    _tricky(cli)
    out = tmp_path / "roster.xlsx"
    cli.ok("members", "export", "-o", str(out))
    _unchanged(cli, convert(out, "xlsx", tmp_path / "calc"))
    # And through a CSV saved from that workbook, the text cells stay text too.
    _unchanged(cli, csv_as_saved_by_excel(out, tmp_path / "calc-csv"))


def _real_roster(path: Path) -> Path:
    """A roster as secretariats keep it: a merged title row, 序号, 职务 for the contact's
    title, dates to the month, full-width digits, 120人, the party column naming the
    organisation, and a total row."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["淄博市装备制造业协会会员名册"])
    sheet.merge_cells("A1:J1")
    sheet.append(
        [
            "序号",
            "单位名称",
            "统一社会信用代码",
            "联系人",
            "职务",
            "联系电话",
            "入会时间",
            "职工人数",
            "党员人数",
            "党组织",
        ]
    )
    sheet.append(
        [1, "山东双涵石化装备有限公司", "91350100M000100Y43", "周立正", "总经理",
         "0533-1234567", 2020.5, "120人", 12, "党支部"]
    )  # fmt: skip
    sheet.append(
        [2, "淄博华普电机有限公司", None, "王传强", "办公室主任",
         "０５３３－７６５４３２１", "2018年11月", "１,２００", "３", "有(党支部)"]
    )  # fmt: skip
    sheet.append(
        [3, "山东永华集团有限公司", None, "蔡杰", "董事长",
         "13800000000", "2015.1.8", 80, None, "联合党支部"]
    )  # fmt: skip
    sheet.append([4, "山东通力五金机电连锁有限公司", None, "巩渤", None, None, None, 30, 0, "无"])
    sheet.append([5, "山东泰展机械有限公司", None, None, None, None, None, None, None, "党委"])
    sheet.append(["合计:5家", None, None, None, None, None, None, 1430, 15, None])
    workbook.save(path)
    return path


@pytest.mark.parametrize("helper", [False, True], ids=["itself", "helper"])
def test_a_real_roster_imports_right_and_twice_adds_nothing(
    cli: Cli, tmp_path: Path, helper: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assoc_cli.members import importing

    # Read by the command itself, and by the helper process that reads large files.
    monkeypatch.setattr(importing, "HELPER_ROWS", 0 if helper else 10**9)
    path = _real_roster(tmp_path / "会员名册.xlsx")
    result = cli.ok("members", "import", str(path))
    assert "共 5 行，新增 5" in result.stderr, result.stderr
    assert "第 1 行是标题，已跳过：淄博市装备制造业协会会员名册" in result.stderr
    assert "第 8 行是合计或说明，已跳过：合计:5家 1430 15" in result.stderr
    assert "未识别的列已忽略：序号" in result.stderr
    roster = {m["name"]: m for m in _roster(cli)}
    assert len(roster) == 5 and all(str(m["number"]).startswith("M000") for m in roster.values())
    shuanghan = roster["山东双涵石化装备有限公司"]
    assert shuanghan["representative_title"] == "总经理"
    assert shuanghan["joined_on"] == "2020-05-01"  # a month alone: its first day
    assert (shuanghan["employees"], shuanghan["has_party_org"]) == (120, True)
    huapu = roster["淄博华普电机有限公司"]
    assert (huapu["phone"], huapu["joined_on"]) == ("0533-7654321", "2018-11-01")
    assert (huapu["employees"], huapu["party_members"]) == (1200, 3)
    assert roster["山东永华集团有限公司"]["joined_on"] == "2015-01-08"
    assert [roster[n]["has_party_org"] for n in roster] == [True, True, True, False, True]
    # The same roster again: every name is a member already. Nothing is added a second time:
    # it is refused by line, or with --match name matched by name and left as it is.
    before = snapshot(cli.location)
    error = cli.fails("members", "import", str(path), lang="en")
    assert "4 problem(s) found" in error  # line 3 is matched by its credit code
    said = cli("members", "import", str(path), lang="en").stderr
    assert 'line 4: 名称 (name) "淄博华普电机有限公司" is already member M0002' in said
    assert "--match name" in said
    assert "line 7:" in said and "line 3" not in said and "line 8" not in said
    zh = cli("members", "import", str(path)).stderr
    assert "第 4 行：名称“淄博华普电机有限公司”已是会员 M0002" in zh
    result = cli.ok("members", "import", str(path), "--match", "name")
    assert "新增 0，更新 0，无变化 5" in result.stderr, result.stderr
    assert snapshot(cli.location) == before


def test_a_roster_as_gbk_csv_with_title_and_footer(cli: Cli, tmp_path: Path) -> None:
    text = (
        "淄博市装备制造业协会会员名册,,,,\n"
        "填报日期:2022年11月30日,,,,\n"
        "单位名称,联系人,职务,入会日期,党组织\n"
        "山东双涵石化装备有限公司,周立正,总经理,２０２０年５月,是\n"
        "淄博华普电机有限公司,王传强,副总,2020-5,党总支\n"
        "合计,,,,\n"
        "制表人:李娜,,,,\n"
    )
    path = tmp_path / "名册.csv"
    path.write_bytes(text.encode("gbk"))
    result = cli.ok("members", "import", str(path), lang="en")
    assert "Line 1 is a title, skipped" in result.stderr and "Line 2 is a title" in result.stderr
    assert "Line 6 is a total or note, skipped: 合计" in result.stderr
    assert "Line 7 is a total or note, skipped: 制表人:李娜" in result.stderr
    roster = _roster(cli)
    assert [(m["representative_title"], m["joined_on"]) for m in roster] == [
        ("总经理", "2020-05-01"),
        ("副总", "2020-05-01"),
    ]


def test_names_are_unique_within_the_file_and_against_the_roster(cli: Cli, tmp_path: Path) -> None:
    cli.ok("members", "add", "山东双涵石化装备有限公司", "--phone", "0533-1")
    path = tmp_path / "m.csv"
    path.write_text(
        "名称,电话\n淄博华普电机有限公司,0533-2\n淄博华普电机有限公司,0533-3\n"
        "山东双涵石化装备有限公司,0533-4\n",
        encoding="utf-8",
    )
    cli.fails("members", "import", str(path))
    said = cli("members", "import", str(path), lang="en").stderr
    assert 'line 3: 名称 (name) "淄博华普电机有限公司" is also on line 2' in said
    assert 'line 4: 名称 (name) "山东双涵石化装备有限公司" is already member M0001' in said
    # Matched by number, a row may keep its name; it may not take another member's.
    path.write_text("会员编号,名称,电话\nM0001,山东双涵石化装备有限公司,0533-9\n", encoding="utf-8")
    assert "更新 1" in cli.ok("members", "import", str(path)).stderr
    cli.ok("members", "add", "淄博华普电机有限公司")
    path.write_text("会员编号,名称\nM0002,山东双涵石化装备有限公司\n", encoding="utf-8")
    assert (
        "two members cannot share a name" in cli("members", "import", str(path), lang="en").stderr
    )
    # --match name: a row without a number updates the member of its name.
    path.write_text("名称,电话\n淄博华普电机有限公司,0533-5\n", encoding="utf-8")
    assert "更新 1" in cli.ok("members", "import", str(path), "--match", "name").stderr
    assert {m["name"]: m["phone"] for m in _roster(cli)}["淄博华普电机有限公司"] == "0533-5"
    path.write_text("名称,电话\n淄博华普电机有限公司,0533-6\n淄博华普电机有限公司,0533-7\n")
    assert (
        'line 3: 名称 (name) "淄博华普电机有限公司" is also on line 2'
        in cli("members", "import", str(path), "--match", "name", lang="en").stderr
    )


def test_bad_spellings_are_refused_by_line_in_both_languages(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text(
        "名称,入会日期,员工数,党组织,统一社会信用代码\n"
        "甲公司,2020.13,很多,不清楚,\n"
        "乙公司,,,,9.13703E+017\n"
        "丙公司,,,,913703001234567000\n",
        encoding="utf-8",
    )
    cli.fails("members", "import", str(path))
    en = cli("members", "import", str(path), lang="en").stderr
    assert 'line 2: 入会日期 (joined_on): "2020.13" is not a valid date' in en
    assert 'line 2: 员工数 (employees): "很多" is not a whole number' in en
    assert 'line 2: 党组织 (has_party_org): "不清楚" is not yes or no' in en
    assert "line 3: 统一社会信用代码 (credit_code)" in en and "lost digits" in en
    assert "line 4: 统一社会信用代码 (credit_code)" in en and "ends in 000" in en
    zh = cli("members", "import", str(path)).stderr
    assert "第 2 行：入会日期：“2020.13”不是有效日期" in zh
    assert "第 2 行：员工数：“很多”不是大于或等于 0 的整数" in zh
    assert "第 3 行：统一社会信用代码：“9.13703E+017”不是统一社会信用代码" in zh
    assert "problem" not in zh and "line" not in zh
