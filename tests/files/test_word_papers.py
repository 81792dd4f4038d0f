"""Papers as a Chinese office expects them (issue 14): every .docx prints on A4 with the
GB/T 9704 layout, the sign-in sheet of 200 invitees repeats its header on every page and
splits no row, the minutes' sign-off stays together with the issuer's full name, the file's
properties name the association, and no Chinese paper has a half-width ``:,;()!?``.

LibreOffice prints the .docx files to PDF (tests/office.py); a conversion takes a second or
two, so each paper is printed once."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from docx import Document as WordDocument
from docx.oxml.ns import qn

from assoc_cli.i18n.punctuation import HALF_WIDTH_IN_CHINESE
from tests.conftest import Cli, sqlite_only
from tests.office import Pdf, pdf_of, require_office

ISSUER = "示范市装备制造业协会"


def _a4(pdf: Pdf) -> None:
    assert abs(pdf.width_mm - 210) <= 1 and abs(pdf.height_mm - 297) <= 1, pdf


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _pages(pdf_text: str) -> list[str]:
    return [page for page in pdf_text.split("\f") if page.strip()]


def _papers(demo: Cli, tmp_path: Path) -> dict[str, str]:
    """Every paper of the demo in zh-Hans as md and txt, keyed by what it is."""
    papers = {}
    for fmt in ("md", "txt"):
        for style in ("list", "sentence"):
            papers[f"agenda {style} {fmt}"] = demo.ok(
                "meetings", "agenda", "render", "2", "--style", style, "-f", fmt
            ).stdout
        papers[f"signin {fmt}"] = demo.ok("meetings", "signin", "2", "-f", fmt).stdout
        papers[f"minutes {fmt}"] = demo.ok("meetings", "minutes", "2", "-f", fmt).stdout
    unpaid = demo.ok("dues", "unpaid", "--year", "2022", "-f", "csv").stdout.splitlines()[1]
    member = unpaid.split(",")[0]
    papers["notice md"] = demo.ok(
        "dues", "notice", "--year", "2022", "--member", member, "--on", "2022-11-18", "--again"
    ).stdout
    papers["reminder md"] = demo.ok(
        "dues", "notice", "--year", "2022", "--member", member, "--unpaid",
        "--on", "2022-11-30", "--again",
    ).stdout  # fmt: skip
    return papers


@sqlite_only
def test_no_chinese_paper_has_half_width_marks(demo: Cli, tmp_path: Path) -> None:
    # A member and a meeting typed with ASCII marks come out full-width on the papers too.
    demo.ok("members", "add", "示范(新)材料有限公司", "--rep", "王新", "--phone", "0533-1")
    demo.ok("meetings", "invite", "2", "示范(新)材料有限公司", "--role", "sit-in")
    papers = _papers(demo, tmp_path)
    for name, text in papers.items():
        found = [line for line in text.splitlines() if HALF_WIDTH_IN_CHINESE.search(line)]
        assert found == [], name
    assert "示范（新）材料有限公司" in papers["signin md"]
    # md and txt show the same sign-in table as the .docx: a header row, then each invitee.
    header = "| 序号 | 姓名 | 单位 | 职务 | 电话 | 签到 | 备注 |"
    assert header in papers["signin md"]
    assert re.search(
        r"\| 序号 +\| 姓名 +\| 单位 +\| 职务 +\| 电话 +\| 签到 +\| 备注 +\|", papers["signin txt"]
    )
    for fmt in ("md", "txt"):
        assert "程秀英" in papers[f"signin {fmt}"] and "王新" in papers[f"signin {fmt}"]
    # The minutes say who sat in once (not 秘书处秘书处工作人员) and sign with the full name.
    assert "秘书处秘书处" not in papers["minutes md"]
    assert papers["minutes md"].rstrip().endswith(f"{ISSUER}秘书处  \n2021年12月5日")


@sqlite_only
def test_every_word_paper_prints_on_a4_as_gb_t_9704(demo: Cli, tmp_path: Path) -> None:
    require_office()
    made = {
        "agenda": ("meetings", "agenda", "render", "2", "-o", str(tmp_path / "agenda.docx")),
        "minutes": ("meetings", "minutes", "2", "-o", str(tmp_path / "minutes.docx")),
        "signin": ("meetings", "signin", "2", "-o", str(tmp_path / "signin.docx")),
    }
    before = datetime.now(UTC).replace(microsecond=0) - timedelta(seconds=1)
    for args in made.values():
        demo.ok(*args)
    notices = tmp_path / "notices"
    demo.ok("dues", "notice", "--year", "2022", "--unpaid", "--on", "2022-11-30", "--docx",
            "-o", str(notices))  # fmt: skip
    first_notice = sorted(notices.iterdir())[0]
    files = {name: tmp_path / f"{name}.docx" for name in made} | {"notice": first_notice}
    for name, path in files.items():
        word = WordDocument(str(path))
        section = word.sections[0]
        margins = (section.top_margin, section.bottom_margin, section.left_margin,
                   section.right_margin)  # fmt: skip
        assert [round(m.mm) for m in margins] == [37, 35, 28, 26], name
        properties = word.core_properties
        assert properties.author == properties.last_modified_by == ISSUER, name
        for when in (properties.created, properties.modified):
            assert when.replace(tzinfo=UTC) >= before, name  # (python-docx reads UTC)
        assert properties.title and properties.title.replace("\n", "") in _flat(
            "".join(p.text for p in word.paragraphs)
        ), name
        title = next(p for p in word.paragraphs if p.text and p.alignment == 1)  # centred
        fonts = title.runs[0]._element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == "方正小标宋简体", name
        pdf = pdf_of(path, tmp_path / "pdf")
        _a4(pdf)
        assert _flat(properties.title) in _flat(pdf.text), name
        assert not HALF_WIDTH_IN_CHINESE.search(pdf.text), name
        assert re.search(r"—\s*1\s*—", pdf.text), name  # the page number
        if name == "minutes":
            # The sign-off is one block on one page: the issuer's full name, then the date.
            assert "秘书处秘书处" not in _flat(pdf.text)
            [page] = [p for p in _pages(pdf.text) if f"{ISSUER}秘书处" in _flat(p)]
            assert f"{ISSUER}秘书处2021年12月5日" in _flat(page)


@sqlite_only
def test_a_sign_in_sheet_of_200_repeats_its_header_and_splits_no_row(
    cli: Cli, tmp_path: Path
) -> None:
    require_office()
    roster = tmp_path / "roster.csv"
    lines = ["名称,联系人,电话"] + [
        f"淄博第{i:03d}号装备制造科技有限公司,{'欧阳' if i % 7 == 0 else '张'}{i:03d},"
        f"1380533{i:04d}"
        for i in range(1, 201)
    ]
    roster.write_text("\n".join(lines) + "\n", encoding="utf-8")
    cli.ok("members", "import", str(roster))
    cli.ok("terms", "add", "1", "--start", "2021-06-18", "--years", "5")
    cli.ok("meetings", "new", "--kind", "会员大会", "--date", "2022-03-01", "--venue", "会议中心")
    cli.ok("meetings", "invite", "1", "--all-members")
    path = tmp_path / "签到表.docx"
    cli.ok("meetings", "signin", "1", "-o", str(path))

    rows = WordDocument(str(path)).tables[0].rows
    assert len(rows) == 201
    for r, row in enumerate(rows):
        properties = row._tr.trPr
        assert properties.find(qn("w:cantSplit")) is not None, r
        assert (properties.find(qn("w:tblHeader")) is not None) is (r == 0), r

    pdf = pdf_of(path, tmp_path / "pdf")
    _a4(pdf)
    pages = _pages(pdf.text)
    assert len(pages) == pdf.pages >= 5
    seen: list[int] = []
    for number, page in enumerate(pages, 1):
        header = re.search(r"序号 +姓名 +单位 +职务 +电话 +签到 +备注", page)
        assert header, f"page {number} has no header row"
        assert re.search(rf"—\s*{number}\s*—", page), number
        # Each row whole on its page: its number, name and phone on one line, never wrapped.
        found = [int(m.group(1)) for m in re.finditer(r"^ *(\d+) +\S+ .*1380533\d{4}", page, re.M)]
        seen += found
    assert seen == list(range(1, 201))
