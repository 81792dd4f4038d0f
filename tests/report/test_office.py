"""Real clients: the annual report's workbook opens in LibreOffice Calc with its native
charts (they survive a save), the paper prints on A4 with the chart images in place; the
dues report's workbook carries its chart too; the hand-over pack prints."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

from tests.conftest import Cli, sqlite_only
from tests.office import convert, pdf_of


def _charts(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return [name for name in archive.namelist() if name.startswith("xl/charts/chart")]


def _images(pdf: Path) -> int:
    listed = subprocess.run(
        ["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    return sum(1 for line in listed[2:] if " image " in line)


@sqlite_only
def test_annual_pack_in_libreoffice(demo: Cli, tmp_path: Path) -> None:
    demo.ok("report", "annual", "--year", "2022", "-o", str(tmp_path / "pack"))
    book = tmp_path / "pack.xlsx"
    assert len(_charts(book)) == 2  # collection rate by tier, and by year
    saved = convert(book, "xlsx", tmp_path / "calc")
    assert len(_charts(saved)) == 2  # Calc kept both charts through open-and-save
    printed = convert(book, "pdf", tmp_path / "calc-pdf")
    text = subprocess.run(
        ["pdftotext", str(printed), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "2022年度会费收缴率（按档次）" in text.replace(" ", "")

    pdf = pdf_of(tmp_path / "pack.docx", tmp_path / "writer")
    assert round(pdf.width_mm) == 210 and round(pdf.height_mm) == 297
    assert pdf.pages >= 3
    flat = pdf.text.replace(" ", "")
    for heading in ("一、基本情况", "二、会员和负责人", "五、财务和会费", "九、问题清单"):
        assert heading in flat
    assert "历年会费收缴率（各年末）" in flat  # the caption under the chart image
    assert "待填写（需要：" in flat
    assert _images(tmp_path / "writer" / "pack.pdf") >= 2  # both charts drawn in place


@sqlite_only
def test_dues_report_workbook_has_its_chart(demo: Cli, tmp_path: Path) -> None:
    out = tmp_path / "dues.xlsx"
    demo.ok("dues", "report", "--year", "2022", "--as-of", "2022-12-31", "-o", str(out))
    assert len(_charts(out)) == 1
    assert len(_charts(convert(out, "xlsx", tmp_path / "calc"))) == 1


@sqlite_only
def test_handover_pack_prints(demo: Cli, tmp_path: Path) -> None:
    out = tmp_path / "handover.docx"
    demo.ok("report", "handover", "--term", "2", "--as-of", "2022-12-31", "-o", str(out))
    pdf = pdf_of(out, tmp_path / "writer")
    flat = pdf.text.replace(" ", "")
    assert round(pdf.width_mm) == 210
    assert "第二届换届材料" in flat and "下一届备案负责人名单" in flat
    markdown = demo.ok("report", "handover", "--term", "2", "--as-of", "2022-12-31").stdout
    assert "| 会长 | 程秀英 |" in markdown
    assert "| 2022 | 61 | 56 |" in markdown


@sqlite_only
def test_requests_and_statistics_workbooks_have_their_charts(demo: Cli, tmp_path: Path) -> None:
    """Requests by category and the statistics report carry a native chart in .xlsx
    (issue 20: requests by category, indicators over periods), kept by Calc."""
    requests = tmp_path / "requests.xlsx"
    demo.ok("requests", "report", "--year", "2022", "--by", "category", "-o", str(requests))
    stats = tmp_path / "stats.xlsx"
    demo.ok("stats", "report", "2022-Q4", "-o", str(stats))
    for book in (requests, stats):
        assert len(_charts(book)) == 1, book
        assert len(_charts(convert(book, "xlsx", tmp_path / book.stem))) == 1, book
