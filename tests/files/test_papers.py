"""Papers (files/papers.py): Word tables keep every cell with its font, fill the text width,
repeat their header and never split a row; a folder is not a document file."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Cli


def test_a_folder_as_a_document_file(demo: Cli, tmp_path: Path) -> None:
    assert "is a folder; give a file name" in demo.fails(
        "meetings", "minutes", "2", "-f", "docx", "-o", str(tmp_path), lang="en"
    )


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
        row_properties = row._tr.trPr
        assert row_properties.find(qn("w:cantSplit")) is not None  # never split over pages
        assert (row_properties.find(qn("w:tblHeader")) is not None) is (r == 0)  # repeated
        for cell in row.cells:
            [run] = cell.paragraphs[0].runs
            fonts = run._element.rPr.find(qn("w:rFonts"))
            font = "黑体" if r == 0 else "仿宋_GB2312"  # header in 黑体, body in 仿宋
            assert fonts.get(qn("w:eastAsia")) == font and fonts.get(qn("w:ascii")) == font
    # As wide as the A4 text block (210 - 28 - 26 = 156 mm), in twips.
    grid = table._tbl.tblGrid.findall(qn("w:gridCol"))
    assert abs(sum(int(col.get(qn("w:w"))) for col in grid) - 156 * 1440 / 25.4) < 2
