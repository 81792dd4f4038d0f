"""One document model, three renderings: Markdown, plain text and Word (.docx).

A document is a list of blocks (title, heading, paragraph, lines, signature). Each
renderer writes them the way that medium expects; the .docx uses Chinese fonts set for
East Asian text (宋体 body, 黑体 titles), so Word and LibreOffice show them properly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assoc_cli.i18n.controls import spelled_out

BODY_FONT = "宋体"
TITLE_FONT = "黑体"


@dataclass
class Block:
    """A piece of a document: kind is title | heading | paragraph | lines | signature."""

    kind: str
    text: str = ""
    lines: list[str] = field(default_factory=list)
    bold: bool = False
    rows: list[list[str]] = field(default_factory=list)  # for tables: header row first


@dataclass
class Document:
    """A printable document."""

    blocks: list[Block] = field(default_factory=list)

    def title(self, text: str) -> None:
        """The document's title, centred."""
        self.blocks.append(Block("title", text))

    def heading(self, text: str) -> None:
        """A section heading."""
        self.blocks.append(Block("heading", text))

    def paragraph(self, text: str, *, bold: bool = False) -> None:
        """A paragraph of running text."""
        self.blocks.append(Block("paragraph", text, bold=bold))

    def lines(self, lines: list[str]) -> None:
        """Lines kept as they are (an account, a contact block)."""
        self.blocks.append(Block("lines", lines=lines))

    def signature(self, lines: list[str]) -> None:
        """Right-aligned closing lines (issuer, date)."""
        self.blocks.append(Block("signature", lines=lines))

    def detail(self, text: str) -> None:
        """A paragraph that belongs to the one before it (figures under an agenda item)."""
        self.blocks.append(Block("detail", text))

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        """A ruled table (a sign-in sheet)."""
        self.blocks.append(Block("table", rows=[header, *rows]))


def to_markdown(document: Document) -> str:
    """The document as Markdown."""
    parts: list[str] = []
    for block in document.blocks:
        if block.kind == "title":
            parts.append(f"# {block.text}")
        elif block.kind == "heading":
            parts.append(f"## {block.text}")
        elif block.kind == "paragraph":
            parts.append(f"**{block.text}**" if block.bold else block.text)
        elif block.kind == "detail":
            parts.append(f"> {block.text}")
        elif block.kind == "lines" or block.kind == "signature":
            parts.append("  \n".join(block.lines))
    return spelled_out("\n\n".join(parts) + "\n")


def to_text(document: Document, width: int = 60) -> str:
    """The document as plain text (titles centred by display width)."""
    from wcwidth import wcswidth

    def centred(text: str) -> str:
        pad = max((width - max(wcswidth(text), 0)) // 2, 0)
        return " " * pad + text

    def right(text: str) -> str:
        return " " * max(width - max(wcswidth(text), 0), 0) + text

    parts: list[str] = []
    for block in document.blocks:
        if block.kind == "title":
            parts.append(centred(block.text))
        elif block.kind == "heading" or block.kind == "paragraph":
            parts.append(block.text)
        elif block.kind == "lines":
            parts.append("\n".join(block.lines))
        elif block.kind == "signature":
            parts.append("\n".join(right(line) for line in block.lines))
        elif block.kind == "table":
            from tabulate import tabulate

            header, *body = block.rows
            parts.append(tabulate(body, headers=header, tablefmt="grid", disable_numparse=True))
    return spelled_out("\n\n".join(parts) + "\n")


def _set_font(run: Any, name: str) -> None:
    from docx.oxml.ns import qn

    run.font.name = name
    properties = run._element.get_or_add_rPr()
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = properties.makeelement(qn("w:rFonts"), {})
        properties.append(fonts)
    for attribute in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        fonts.set(qn(attribute), name)


# Characters XML 1.0 cannot hold at all (C0 controls other than tab and line breaks, and
# non-characters): a name pasted with one would otherwise stop the .docx with a traceback.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_text(text: str) -> str:
    """*text* without the characters a Word file cannot contain."""
    return _NOT_XML.sub("", text)


def _add_table(word: Any, rows: list[list[str]]) -> None:
    """A ruled table: a bold header row, then body rows 24 pt high, every cell in the body font.

    python-docx's ``table.cell(r, c)`` rebuilds the whole grid of cells on every call, so
    filling a 2,000-row sign-in sheet that way takes minutes. Instead the header and one empty
    body row are made through python-docx, and every body row is a copy of that row with its
    texts added: the same XML, in time linear in the rows.
    """
    from copy import deepcopy

    from docx.shared import Pt

    header, body = rows[0], rows[1:]
    table = word.add_table(rows=2 if body else 1, cols=len(header))
    table.style = "Table Grid"
    for r, row in enumerate(table.rows):
        for cell in row.cells:
            run = cell.paragraphs[0].add_run()
            run.bold = r == 0
            _set_font(run, BODY_FONT)
        if r > 0:
            row.height = Pt(24)
    trs = table._tbl.tr_lst
    _fill_row(trs[0], header)
    if not body:
        return
    template = deepcopy(trs[1])
    _fill_row(trs[1], body[0])
    for values in body[1:]:
        tr = deepcopy(template)
        _fill_row(tr, values)
        table._tbl.append(tr)


def _fill_row(tr: Any, values: list[str]) -> None:
    """Put *values* into the (empty) runs of a table row, one per cell, as ``add_run`` would:
    plain text as one ``w:t`` (space-preserving when it starts or ends with white space);
    text with tabs or line breaks through python-docx, which turns them into ``w:tab``/``w:br``."""
    from docx.oxml.ns import qn

    tc_tag, p_tag, r_tag, t_tag = qn("w:tc"), qn("w:p"), qn("w:r"), qn("w:t")
    space = qn("xml:space")
    for tc, value in zip(tr.iterchildren(tc_tag), values, strict=True):
        value = _xml_text(value)
        if not value:
            continue
        run = tc.find(p_tag).find(r_tag)
        if "\t" in value or "\n" in value or "\r" in value:
            run.text = value
            continue
        text = run.makeelement(t_tag, {})
        text.text = value
        run.append(text)
        if len(value.strip()) < len(value):
            text.set(space, "preserve")


def write_docx(document: Document, path: Path) -> None:
    """Write the document as a Word file with Chinese fonts."""
    from docx import Document as WordDocument
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    word = WordDocument()
    normal = word.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(12)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    for block in document.blocks:
        if block.kind in ("title", "heading"):
            paragraph = word.add_paragraph()
            run = paragraph.add_run(_xml_text(block.text))
            run.bold = True
            run.font.size = Pt(18 if block.kind == "title" else 14)
            _set_font(run, TITLE_FONT)
            if block.kind == "title":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif block.kind in ("paragraph", "detail"):
            paragraph = word.add_paragraph()
            run = paragraph.add_run(_xml_text(block.text))
            run.bold = block.bold
            _set_font(run, BODY_FONT)
            if block.kind == "detail":
                paragraph.paragraph_format.left_indent = Pt(24)
        elif block.kind == "table":
            _add_table(word, block.rows)
        else:
            for line in block.lines:
                paragraph = word.add_paragraph()
                _set_font(paragraph.add_run(_xml_text(line)), BODY_FONT)
                if block.kind == "signature":
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    from assoc_cli.files.atomic import writing

    with writing(path, binary=True) as handle:
        word.save(handle)


def save(document: Document, path: Path, fmt: str) -> None:
    """Write *document* to *path* as md, txt or docx."""
    if fmt == "docx":
        write_docx(document, path)
    else:
        from assoc_cli.files.atomic import writing

        text = to_markdown(document) if fmt == "md" else to_text(document)
        with writing(path) as handle:
            handle.write(text)


def render_text(document: Document, fmt: str) -> str:
    """The document as md or txt text (for stdout)."""
    return to_markdown(document) if fmt == "md" else to_text(document)
