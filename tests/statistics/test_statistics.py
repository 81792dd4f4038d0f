"""Industry statistics through the real CLI: seed 004's figures and its sentence, 同口径
growth with a firm missing, forms out and back in, all-or-nothing import, refusals."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Cli

SEGMENT = "医药化工产链"
FIRMS = 35


def _split(total: int, parts: int) -> list[int]:
    """*total* in *parts* whole numbers that sum to it exactly."""
    base = total // parts
    return [base] * (parts - 1) + [total - base * (parts - 1)]


def _write_sheet(path: Path, rows: list[tuple[str, str, str, str, str]]) -> None:
    """One sheet for all members, in the forms' layout (CSV)."""
    lines = ["会员编号,单位名称,报告期,指标,计量单位,本期,本年累计"]
    lines += [f"{n},,{p},{i},万元,{c},{m}" for n, p, i, c, m in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_seed_004_sentence_from_the_data(cli: Cli, tmp_path: Path) -> None:
    employees = _split(5330, FIRMS)
    party = _split(537, FIRMS)
    numbers = []
    for i in range(FIRMS):
        numbers.append(
            cli.ok(
                "members", "add", f"常德医化{i:02d}有限公司", "--segment", SEGMENT,
                "--employees", str(employees[i]), "--party-members", str(party[i]),
            ).stdout.strip()
        )  # fmt: skip
    # 12 organisations: a 党委, ten branches of one unit each, one joint branch of two
    cli.ok("party", "add", "医化产链党委", "--kind", "党委", "--unit", numbers[0])
    for i in range(1, 11):
        cli.ok("party", "add", f"第{i}党支部", "--kind", "党支部", "--unit", numbers[i])
    cli.ok(
        "party", "add", "联合党支部", "--kind", "联合党支部",
        "--unit", numbers[11], "--unit", numbers[12],
    )  # fmt: skip
    # 2021 annual: 产值 107.75亿 = 1,077,500 万元, 税收 2.78亿 = 27,800 万元; 1–11月:
    # 2021 885,100 万元, 2022 965,200 万元 (+9.05%).
    rows = []
    for n, out, tax, prev, now in zip(
        numbers,
        _split(1_077_500, FIRMS),
        _split(27_800, FIRMS),
        _split(885_100, FIRMS),
        _split(965_200, FIRMS),
        strict=True,
    ):
        rows += [
            (n, "2021-12", "产值", "1", str(out)),
            (n, "2021-12", "税收", "1", str(tax)),
            (n, "2021-12", "营业收入", "1", "5000"),
            (n, "2021-11", "产值", "1", str(prev)),
            (n, "2022-11", "产值", "1", str(now)),
        ]
    sheet = tmp_path / "all.csv"
    _write_sheet(sheet, rows)
    cli.ok("stats", "import", str(sheet), "--on", "2022-12-10")
    cli.ok("stats", "scale", "derive", "2022")
    sentence = cli.ok(
        "stats", "sentence", "2022-11", "--segment", SEGMENT, "--name", "常德经开区医药化工产链"
    ).stdout
    assert sentence.splitlines()[0] == (
        "常德经开区医药化工产链现有规上企业35家，2021年实现产值107.75亿元，实现税收2.78亿元，"
        "2022年1-11月，完成产值96.52亿元，较去年同期增长9.05%。"
        "共有员工5330名，其中党员537名，有党委、党支部12家。"
    )
    assert sentence.splitlines()[1].startswith("35家中35家报送；同口径增长9.05%（35家）")
    english = cli.ok("stats", "sentence", "2022-11", "--segment", SEGMENT, lang="en").stdout
    assert "35 enterprises above designated size" in english and "up 9.05%" in english
    assert "5330 people, 537 of them party members, in 12 party organisations" in english
    traditional = cli.ok("stats", "sentence", "2022-11", "--segment", SEGMENT, lang="zh-Hant")
    assert "規上企業35家" in traditional.stdout and "黨支部12家" in traditional.stdout
    # members stats counts the joint branch once, and both its units as having one
    stats = json.loads(cli.ok("members", "stats", "--by", "segment", "-f", "json").stdout)
    total = [row for row in stats if row["by"] == "segment"][-1]
    assert total["party_orgs"] == 12 and total["with_party_org"] == 13
    # the published table: 本月/本年累计/上年同期/同比
    report = json.loads(cli.ok("stats", "report", "2022-11", "-f", "json").stdout)
    output = next(r for r in report if r["indicator"] == "产值")
    assert output["cumulative"] == "965200.00" and output["previous"] == "885100.00"
    assert output["growth"] == "9.05" and output["reported"] == 35
    xlsx = tmp_path / "report.xlsx"
    cli.ok("stats", "report", "2022-11", "-o", str(xlsx))
    from openpyxl import load_workbook

    header = [c.value for c in next(load_workbook(xlsx).worksheets[0].iter_rows(max_row=3))]
    header += [
        c.value for row in load_workbook(xlsx).worksheets[0].iter_rows(max_row=3) for c in row
    ]
    assert {"本月", "本年累计", "上年同期", "同比（%）"} <= set(header)


def test_like_for_like_growth_with_a_firm_missing(cli: Cli) -> None:
    for name in ("甲", "乙", "丙", "丁"):
        cli.ok("members", "add", f"{name}公司", "--segment", "新能源")
    cli.ok("stats", "enter", "甲公司", "2021-11", "产值=10/100")
    cli.ok("stats", "enter", "乙公司", "2021-11", "产值=20/200")
    cli.ok("stats", "enter", "丙公司", "2021-11", "产值=30/300")
    cli.ok("stats", "enter", "甲公司", "2022-11", "产值=11/110")
    cli.ok("stats", "enter", "乙公司", "2022-11", "产值=22/220")
    cli.ok("stats", "enter", "丁公司", "2022-11", "产值=50/500")  # new: not in 2021
    # 丙 reported 2021 but not 2022: 4 enrolled, 3 reported, 2 in both years
    lines = cli.ok("stats", "sentence", "2022-11", "--segment", "新能源").stdout.splitlines()
    # like for like: (110+220)/(100+200) = +10.00%; nominal: 830/600 = +38.33%
    assert lines[1] == "4家中3家报送；同口径增长10.00%（2家）；名义增长38.33%"
    row = json.loads(cli.ok("stats", "report", "2022-11", "-f", "json").stdout)[0]
    assert (row["same_growth"], row["growth"], row["same_members"]) == ("10.00", "38.33", 2)
    assert (row["reported"], row["expected"]) == (3, 4)
    overdue = json.loads(
        cli.ok("stats", "overdue", "2022-11", "--as-of", "2022-12-16", "-f", "json").stdout
    )
    assert [r["name"] for r in overdue] == ["丙公司"]
    # a group of fewer than three firms is not published
    cli.ok("stats", "settings", "--min-group", "4")
    hidden = json.loads(cli.ok("stats", "report", "2022-11", "-f", "json").stdout)[0]
    assert hidden["cumulative"] is None and hidden["reported"] == 3


def test_forms_out_and_back_in(cli: Cli, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    cli.ok("members", "add", "甲公司")
    cli.ok("members", "add", "乙公司")
    cli.ok("stats", "enter", "甲公司", "2021-Q3".replace("-Q3", "-09"), "产值=9/90")
    cli.ok("stats", "enrol", "乙公司")
    cli.ok("stats", "contacts", "甲公司", "李娜:13800000000", "王磊")
    folder = tmp_path / "forms"
    folder.mkdir()
    cli.ok("stats", "forms", "2022-09", "--to", str(folder))
    paths = sorted(folder.glob("*.xlsx"))
    assert [p.name for p in paths] == ["M0001_2022-09.xlsx", "M0002_2022-09.xlsx"]
    book = load_workbook(paths[0])
    sheet = book.worksheets[0]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    output_row = next(i for i, row in enumerate(values, start=1) if "产值" in row)
    assert 9 in values[output_row - 1] and 90 in values[output_row - 1]  # last year's
    header = next(row for row in values if "本期" in row)
    sheet.cell(output_row, header.index("本期") + 1, 12.5)
    sheet.cell(output_row, header.index("本年累计") + 1, "120.25")
    book.save(paths[0])
    bad = load_workbook(paths[1])
    bad.worksheets[0].cell(output_row, header.index("本期") + 1, "十二")
    bad.save(paths[1])
    assert "nothing was imported" in cli.fails("stats", "import", *map(str, paths), lang="en")
    problems = cli("stats", "import", *map(str, paths), lang="en").stderr
    assert f"M0002_2022-09.xlsx line {output_row}" in problems and "本期" in problems
    assert '"十二" is not a number' in problems
    cli.ok("stats", "import", str(paths[0]), "--on", "2022-10-12")
    row = json.loads(cli.ok("stats", "report", "2022-09", "-f", "json").stdout)[0]
    assert row["reported"] == 1 and row["current"] is None  # one firm: suppressed
    assert cli.sql("SELECT current, cumulative FROM stat_value WHERE year = 2022") == [
        (12_500_000, 120_250_000)
    ]
    notices = tmp_path / "催报.docx"
    cli.ok("stats", "remind", "2022-09", "--to", str(notices), "--as-of", "2022-10-20")
    if cli.is_postgres:
        return  # (the papers are the same on both engines: checked once)
    from tests.office import pdf_of, require_office

    require_office()
    pdf = pdf_of(notices, tmp_path / "pdf")
    assert round(pdf.width_mm) == 210 and round(pdf.height_mm) == 297  # A4
    text = "".join(pdf.text.split())
    assert "乙公司：" in text and "2022年10月15日前报送" in text  # no contact: to the unit
    assert "关于报送2022年第三季度统计报表的催报通知" not in text  # 乙 reports monthly
    assert "关于报送2022年9月统计报表的催报通知" in text
    cli.ok("stats", "contacts", "乙公司", "赵敏")
    cli.ok("stats", "remind", "2022-09", "--to", str(notices), "--as-of", "2022-10-20")
    assert "乙公司赵敏同志：" in "".join(pdf_of(notices, tmp_path / "pdf2").text.split())


def test_scale_by_hand_and_talents(cli: Cli) -> None:
    for name in ("甲", "乙", "丙", "丁"):
        cli.ok("members", "add", f"{name}公司")
    cli.ok("stats", "plans", "add", "年报", "--frequency", "yearly", "--due-day", "28")
    for name, revenue in (("甲", "2500"), ("乙", "1999.99"), ("丙", "2000"), ("丁", "80000")):
        cli.ok("stats", "enrol", f"{name}公司", "--plan", "年报")
        cli.ok("stats", "enter", f"{name}公司", "2021", f"营业收入={revenue}")
    cli.ok("stats", "scale", "set", "丁公司", "2022", "--below")  # by hand: kept
    cli.ok("stats", "scale", "derive", "2022")
    flags = json.loads(cli.ok("stats", "scale", "list", "2022", "-f", "json").stdout)
    assert [(f["name"], f["above"], f["source"]) for f in flags] == [
        ("甲公司", True, "derived"),
        ("乙公司", False, "derived"),
        ("丙公司", True, "derived"),
        ("丁公司", False, "manual"),
    ]
    # seed 003's talents: people counts by kind are indicators of the same machinery
    for kind in ("博士", "硕士", "职称"):
        cli.ok("stats", "indicators", "add", kind, "--unit", "名", "--kind", "level")
    for name, phd, master, titled in (("甲", 5, 40, 80), ("乙", 3, 50, 70), ("丙", 5, 34, 79)):
        cli.ok(
            "stats", "enter", f"{name}公司", "2022",
            f"博士={phd}", f"硕士={master}", f"职称={titled}", "营业收入=3000",
        )  # fmt: skip
    report = json.loads(cli.ok("stats", "report", "2022", "--by", "scale", "-f", "json").stdout)
    totals = {r["indicator"]: r["cumulative"] for r in report if r["group"] == "合计"}
    assert (totals["博士"], totals["硕士"], totals["职称"]) == (13, 124, 229)
    above = [r for r in report if r["group"] == "规上企业" and r["indicator"] == "博士"]
    assert above[0]["cumulative"] is None and above[0]["reported"] == 2  # 甲, 丙: hidden
    hidden = [r for r in report if r["indicator"] == "博士" and r["group"] != "合计"]
    assert all(r["cumulative"] is None for r in hidden)  # 规下 too: it would give 规上 away
    assert "one or two" in cli.fails("stats", "contacts", "甲公司", "a", "b", "c", lang="en")


def test_refused_inputs_change_nothing(cli: Cli) -> None:
    cli.ok("members", "add", "甲公司")
    cli.ok("stats", "enter", "甲公司", "2022-02", "产值=20")
    assert "the same figure" in cli.fails(
        "stats", "enter", "甲公司", "2022-02", "产值=10/20", lang="en"
    )
    assert "reported with February" in cli.fails(
        "stats", "enter", "甲公司", "2022-01", "产值=1", lang="en"
    )
    assert "not a period" in cli.fails("stats", "enter", "甲公司", "2022-13", "产值=1", lang="en")
    assert "no indicator" in cli.fails("stats", "enter", "甲公司", "2022-03", "产量=1/2", lang="en")
    assert "too many decimals" in cli.fails(
        "stats", "enter", "甲公司", "2022-03", "产值=1.0000001/2", lang="en"
    )
    assert "give 本年累计 too" in cli.fails(
        "stats", "enter", "甲公司", "2022-03", "产值=1", lang="en"
    )
    assert "given twice" in cli.fails(
        "stats", "enter", "甲公司", "2022-03", "产值=1/2", "产值=1/2", lang="en"
    )
    assert "cannot be negative" in cli.fails(
        "stats", "enter", "甲公司", "2022-03", "从业人员平均人数=-1", lang="en"
    )
    assert "unknown unit" in cli.fails(
        "stats", "indicators", "add", "博士", "--unit", "kg", lang="en"
    )
    assert "1–100" in cli.fails("stats", "settings", "--min-group", "0", lang="en")
    assert "cannot be derived" in cli.fails("stats", "scale", "derive", "2030", lang="en")
    cli.ok("stats", "indicators", "add", "博士", "--unit", "名", "--kind", "level")
    cli.ok("stats", "enter", "甲公司", "2022-03", "博士=13", "产值=5/25")
    assert cli.sql("SELECT count(*) FROM stat_value")[0][0] == 3
    cli.ok("stats", "withdraw", "甲公司", "2022-03")
    assert "has no report" in cli.fails("stats", "withdraw", "甲公司", "2022-03", lang="en")
    assert cli.sql("SELECT count(*) FROM stat_value")[0][0] == 1
    log = cli.sql(
        "SELECT action, count(*) FROM audit_log WHERE entity = 'stat_value' GROUP BY action"
    )
    assert sorted(log) == [("delete", 2), ("insert", 3)]  # every change audited


def test_totals_by_dues_tier(assoc: Cli) -> None:
    for short, figure in (("通力", 100), ("双涵", 20), ("华普", 30), ("永华", 1), ("泰展", 2)):
        assoc.ok("stats", "enter", short, "2022-Q2".replace("-Q2", "-06"), f"产值=1/{figure}")
    assoc.ok("stats", "enter", "柳杭", "2022-06", "产值=1/4")
    rows = json.loads(assoc.ok("stats", "report", "2022-06", "--by", "tier", "-f", "json").stdout)
    output = {
        r["group"]: (r["cumulative"], r["reported"]) for r in rows if r["indicator"] == "产值"
    }
    assert output == {
        "会长单位": (None, 1),  # one firm, two firms: not published
        "副会长单位": (None, 2),
        "理事单位": ("7.00", 3),
        "合计": ("157.00", 6),
    }
