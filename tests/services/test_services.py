"""Services and visits through the CLI: per-firm outcomes, the report by kind and month,
visit coverage per tier against the targets, members not contacted, members show's page,
the draft year-end work summary in seed 000's "一是……二是……" form, and refusals."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from tests.conftest import Cli
from tests.office import pdf_of, require_office


def _json(cli: Cli, *args: str) -> Any:
    return json.loads(cli.ok(*args, "-f", "json").stdout)


def _service(cli: Cli, kind: str, on: str, *members: str, summary: str, **more: str) -> str:
    args = ["services", "add", "--kind", kind, "--staff", "李娜", "--on", on, "--summary", summary]
    for member in members:
        args += ["--member", member]
    for key, value in more.items():
        args += [f"--{key}", value] if value != "" else [f"--{key}"]
    return cli.ok(*args).stdout.strip()


def _record_a_year(cli: Cli) -> None:
    _service(cli, "走访", "2022-03-10", "永华", summary="走访了解用工需求", signed="")
    _service(cli, "走访", "2022-04-12", "通力", summary="走访了解技改需求")
    _service(cli, "调研", "2022-05-20", "双涵", "华普", summary="赴淄川调研转型发展")
    _service(cli, "培训", "2022-06-15", "双涵", "华普", "永华", summary="安全生产培训")
    apply = _service(
        cli,
        "申报辅导",
        "2022-07-01",
        "双涵",
        "华普",
        "泰展",
        "柳杭",
        summary="辅导申报",
        title="省级专精特新企业申报",
    )
    for short, outcome in (
        ("双涵", "成功"),
        ("华普", "未成功"),
        ("泰展", "未成功"),
        ("柳杭", "未成功"),
    ):
        cli.ok("services", "outcome", apply, short, outcome)
    _service(cli, "协调", "2022-08-01", "通力", summary="协调蒸汽保供", saved="7500")
    cli.ok("meetings", "new", "--kind", "会长办公会", "--date", "2022-03-01")


def test_coverage_report_and_uncontacted(assoc: Cli) -> None:
    _record_a_year(assoc)
    report = _json(assoc, "services", "report", "--year", "2022")
    kinds = {row["kind"]: row for row in report}
    assert kinds["申报辅导"]["applied"] == 4 and kinds["申报辅导"]["succeeded"] == 1
    assert kinds["走访"]["services"] == 2 and kinds["培训"]["firms"] == 3
    assert kinds["协调"]["saved"] == "7500.00"
    coverage = _json(assoc, "services", "coverage", "--year", "2022")
    tiers = {row["tier"]: row for row in coverage}
    assert tiers["理事单位"]["visited"] == 1 and tiers["理事单位"]["members"] == 3
    assert tiers["理事单位"]["rate"] == "33.3" and tiers["理事单位"]["met"] is True
    out = assoc.ok("services", "coverage", "--year", "2022").stdout
    assert "山东泰展有限公司" in out and "山东柳杭有限公司" in out
    assoc.ok("services", "settings", "--target", "理事单位=50")
    tiers = {r["tier"]: r for r in _json(assoc, "services", "coverage", "--year", "2022")}
    assert tiers["理事单位"]["met"] is False
    assert _json(assoc, "services", "uncontacted", "--year", "2023")[0]["name"]
    assert _json(assoc, "services", "uncontacted", "--year", "2022") == []
    page = _json(assoc, "members", "show", "双涵")
    assert "省级专精特新企业申报" in page["services"] and "dues_position" in page
    assert "meetings" in page


def test_refusals_change_nothing(assoc: Cli) -> None:
    base = ("services", "add", "--staff", "李娜", "--member", "双涵", "--summary", "x")
    assert "not a kind of service" in assoc.fails(*base, "--kind", "聚餐", lang="en")
    assert "cannot succeed" in assoc.fails(
        *base, "--kind", "申报辅导", "--applied", "1", "--succeeded", "2", lang="en"
    )
    one = _service(assoc, "申报辅导", "2022-07-01", "双涵", summary="辅导申报")
    assert "stage is one of" in assoc.fails("services", "outcome", one, "双涵", "优秀", lang="en")
    assoc.ok("services", "outcome", one, "双涵", "辅导中")
    assert "not among" in assoc.fails("services", "outcome", one, "华普", "成功", lang="en")
    assert "no service 99" in assoc.fails("services", "outcome", "99", "双涵", "成功", lang="en")
    assert "TIER=PERCENT" in assoc.fails("services", "settings", "--target", "理事单位", lang="en")
    assert "no dues tier" in assoc.fails("services", "settings", "--target", "常务=30", lang="en")
    assert "strict" in assoc.fails("services", "settings", "--satisfied", "some", lang="en")
    assoc.fails("services", "summary", "-o", "x.pdf", code=2)


def test_the_work_summary_in_seed_000_form(assoc: Cli, tmp_path: Path) -> None:
    _record_a_year(assoc)
    assoc.ok(
        "requests",
        "add",
        "双涵",
        "蒸汽保供",
        "--category",
        "要素保障",
        "--source",
        "走访",
        "--received",
        "2022-05-09",
        "--limit",
        "5",
    )
    text = assoc.ok("services", "summary", "--year", "2022").stdout
    ordinals = re.findall(r"^(一|二|三|四|五|六|七)是", text, re.M)
    assert ordinals == ["一", "二", "三", "四", "五", "六"]
    assert "一是加强走访服务力度" in text and "全年开展走访2次，服务会员企业2家次" in text
    assert "组织4家企业申报，1家获批" in text
    assert "如省级专精特新企业申报（双涵、华普、泰展等）" in text
    assert "为会员企业节约资金¥7,500.00" in text
    assert "六是倾听会员诉求。全年受理会员诉求1件。" in text
    assert "二、会费收缴" in text and "三、会议召开" in text
    assert "2022年共召开会长办公会1次。" in text
    assert "（草稿）" in text
    english = assoc.ok("--lang", "en", "services", "summary", "--year", "2022").stdout
    assert "First, visiting members" in english
    hant = assoc.ok("--lang", "zh-Hant", "services", "summary", "--year", "2022").stdout
    assert "一是加強走訪服務力度" in hant

    paper = tmp_path / "2022年度工作总结.docx"
    assoc.ok("services", "summary", "--year", "2022", "-o", str(paper))
    from docx import Document

    properties = Document(str(paper)).core_properties
    assert "草稿" in properties.content_status and "草稿" in properties.comments
    require_office()
    pdf = pdf_of(paper, tmp_path)
    assert round(pdf.width_mm) == 210 and round(pdf.height_mm) == 297
    assert "一是加强走访服务力度" in pdf.text.replace(" ", "").replace("\n", "")


def test_the_demo_has_a_year_of_services(demo_file: Path) -> None:
    demo = Cli(str(demo_file))
    report = _json(demo, "requests", "report", "--year", "2022", "--as-of", "2022-12-31")
    assert report[0]["received"] > 30 and report[0]["closed"] > 20
    kinds = {row["kind"] for row in _json(demo, "services", "report", "--year", "2022")}
    assert {"走访", "培训", "申报辅导", "协调"} <= kinds
    summary = demo.ok("services", "summary", "--year", "2022").stdout
    assert "一是" in summary and "2022年度会费" not in summary.split("二、会费收缴")[1][:20]
