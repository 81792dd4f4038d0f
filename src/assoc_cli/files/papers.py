"""One document model, three renderings: Markdown, plain text and Word (.docx).

A document is a list of blocks (masthead, title, heading, paragraph, detail, lines,
table, signature). Each renderer writes them the way that medium expects, and the three
show the same content: a table is a Markdown table, an aligned text table and a Word table
with the same columns.

The .docx is laid out as a Chinese office expects a paper (GB/T 9704-2012, 党政机关公文格式):

- A4 (210 × 297 mm), margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm: a text
  block of 156 × 225 mm;
- the title in 方正小标宋简体 二号 (22 pt), centred, a long title broken into balanced lines
  (never a line of one or two characters); headings in 黑体 三号; the body in 仿宋_GB2312
  三号 (16 pt) with a first-line indent of two characters and a fixed line pitch of 28.95 pt
  (22 lines a page);
- page numbers "— 1 —" in 宋体 四号 below the text block, odd pages right, even pages left;
- a closing signature (the issuing body's full name and the date) kept on one page;
- tables as wide as the text block with columns fitted to their content, the header row
  repeated on every page and no row split across pages;
- document properties: author and last editor the association, title the paper's title,
  created and modified now.

Fonts are named as Chinese offices have them: 仿宋_GB2312, 方正小标宋简体, 黑体, 宋体
(``w:eastAsia``). The font table tells Word and WPS what to use where one is not installed
(仿宋_GB2312 → 仿宋, 方正小标宋简体 → 华文中宋/宋体, the GB2312 character set); LibreOffice
falls back to Noto CJK.

Chinese text goes through :func:`~assoc_cli.i18n.punctuation.chinese_punctuation` as it
enters the document (a ``Document`` in ``zh-Hans`` or ``zh-Hant``): names and titles typed
with ASCII ``:,;()!?`` next to Chinese come out full-width in every rendering.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assoc_cli.i18n.controls import spelled_out
from assoc_cli.i18n.punctuation import chinese_punctuation

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
PAGE_NUMBER_FONT = "宋体"
# What Word and WPS use where the font is not installed (written into the font table).
FONT_FALLBACKS = {
    BODY_FONT: "仿宋",
    TITLE_FONT: "华文中宋",
    HEADING_FONT: "SimHei",
    PAGE_NUMBER_FONT: "SimSun",
}

BODY_PT = 16.0  # 三号
TITLE_PT = 22.0  # 二号
MASTHEAD_PT = 26.0  # 一号
PAGE_NUMBER_PT = 14.0  # 四号
TABLE_PT = 12.0  # 小四, or 五号 (10.5 pt) when the table's content is too wide for 小四
TABLE_SMALL_PT = 10.5
LINE_PITCH_PT = 28.95  # 22 lines in the 225 mm text block

PAGE_MM = (210.0, 297.0)
MARGINS_MM = {"top": 37.0, "bottom": 35.0, "left": 28.0, "right": 26.0}
TEXT_WIDTH_MM = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]  # 156 mm

_TWIPS_PER_MM = 1440 / 25.4
_TWIPS_PER_PT = 20
CELL_MARGIN_TWIPS = 57  # 0.1 cm each side of a cell's text
WIDE_COLUMN_MIN_MM = 30.0  # a column to write in (签到) is at least 30 mm wide
SHRINK_FLOOR_EM = 4.0  # a column of Chinese text may wrap, but not below four characters


@dataclass
class Block:
    """A piece of a document: kind is masthead | title | addressee | heading | paragraph |
    detail | lines | table | image | signature."""

    kind: str
    text: str = ""
    lines: list[str] = field(default_factory=list)
    bold: bool = False
    rows: list[list[str]] = field(default_factory=list)  # for tables: header row first
    wide: int | None = None  # for tables: the column that takes the spare width
    breaks: list[int] = field(default_factory=list)  # for titles: where a line may best break
    image: bytes = b""  # for images: a PNG, as wide as the text block, ``text`` its caption


@dataclass
class Document:
    """A printable document in *lang*, issued by *author* (the association: the Word file's
    author)."""

    blocks: list[Block] = field(default_factory=list)
    lang: str = "zh-Hans"
    author: str = ""
    # The file's status property (e.g. 草稿/Draft: a paper for a person to edit first).
    status: str = ""

    def _text(self, text: str) -> str:
        # The one place a paper's Chinese gets its full-width punctuation.
        return text if self.lang == "en" else chinese_punctuation(text)

    @property
    def title_text(self) -> str:
        """The document's title (its first title block), for the file's properties."""
        return next((block.text for block in self.blocks if block.kind == "title"), "")

    def masthead(self, text: str) -> None:
        """The issuing body's name above the title (发文机关标志), centred."""
        self.blocks.append(Block("masthead", self._text(text)))

    def title(self, text: str, *, phrases: list[str] | None = None) -> None:
        """The document's title, centred; given as *phrases* (the association's name, the
        rest), a long title breaks between them when the lines fit."""
        breaks: list[int] = []
        if phrases and "".join(phrases) == text:
            for phrase in phrases[:-1]:
                breaks.append((breaks[-1] if breaks else 0) + len(phrase))
        self.blocks.append(Block("title", self._text(text), breaks=breaks))

    def addressee(self, text: str) -> None:
        """Whom the paper is addressed to (主送), flush left above the body."""
        self.blocks.append(Block("addressee", self._text(text)))

    def heading(self, text: str) -> None:
        """A section heading."""
        self.blocks.append(Block("heading", self._text(text)))

    def paragraph(self, text: str, *, bold: bool = False) -> None:
        """A paragraph of running text."""
        self.blocks.append(Block("paragraph", self._text(text), bold=bold))

    def lines(self, lines: list[str]) -> None:
        """Lines kept as they are (an account, a contact block)."""
        self.blocks.append(Block("lines", lines=[self._text(line) for line in lines]))

    def signature(self, lines: list[str]) -> None:
        """Right-aligned closing lines (issuer, date), kept together on one page."""
        self.blocks.append(Block("signature", lines=[self._text(line) for line in lines]))

    def detail(self, text: str) -> None:
        """A paragraph that belongs to the one before it (figures under an agenda item)."""
        self.blocks.append(Block("detail", self._text(text)))

    def image(self, png: bytes, caption: str) -> None:
        """A picture (a chart) as wide as the text block, its caption centred below; in
        Markdown and text only the caption, marked as a figure."""
        self.blocks.append(Block("image", self._text(caption), image=png))

    def table(self, header: list[str], rows: list[list[str]], *, wide: int | None = None) -> None:
        """A ruled table (a sign-in sheet); column *wide* (an index) gets the spare width."""
        cells = [[self._text(cell) for cell in row] for row in [header, *rows]]
        self.blocks.append(Block("table", rows=cells, wide=wide))


def _markdown_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", "").replace("\n", "<br>")


def _markdown_table(rows: list[list[str]]) -> str:
    header, *body = rows
    lines = [
        "| " + " | ".join(_markdown_cell(cell) for cell in header) + " |",
        "|" + "|".join(" --- " for _ in header) + "|",
    ]
    lines += ["| " + " | ".join(_markdown_cell(cell) for cell in row) + " |" for row in body]
    return "\n".join(lines)


def to_markdown(document: Document) -> str:
    """The document as Markdown."""
    parts: list[str] = []
    for block in document.blocks:
        if block.kind in ("masthead", "title"):
            parts.append(f"# {block.text}")
        elif block.kind == "heading":
            parts.append(f"## {block.text}")
        elif block.kind == "paragraph":
            parts.append(f"**{block.text}**" if block.bold else block.text)
        elif block.kind == "addressee":
            parts.append(block.text)
        elif block.kind == "detail":
            parts.append(f"> {block.text}")
        elif block.kind == "lines" or block.kind == "signature":
            parts.append("  \n".join(block.lines))
        elif block.kind == "table":
            parts.append(_markdown_table(block.rows))
        elif block.kind == "image":
            parts.append(f"*[{block.text}]*")
    return spelled_out("\n\n".join(parts) + "\n")


def to_text(document: Document, width: int = 60) -> str:
    """The document as plain text (titles centred by display width, tables aligned)."""
    from tabulate import tabulate
    from wcwidth import wcswidth

    def centred(text: str) -> str:
        pad = max((width - max(wcswidth(text), 0)) // 2, 0)
        return " " * pad + text

    def right(text: str) -> str:
        return " " * max(width - max(wcswidth(text), 0), 0) + text

    parts: list[str] = []
    for block in document.blocks:
        if block.kind in ("masthead", "title"):
            parts.append(centred(block.text))
        elif block.kind in ("addressee", "heading", "paragraph"):
            parts.append(block.text)
        elif block.kind == "detail":
            parts.append("    " + block.text)
        elif block.kind == "lines":
            parts.append("\n".join(block.lines))
        elif block.kind == "signature":
            parts.append("\n".join(right(line) for line in block.lines))
        elif block.kind == "table":
            header, *body = block.rows
            parts.append(tabulate(body, headers=header, tablefmt="grid", disable_numparse=True))
        elif block.kind == "image":
            parts.append(centred(f"[{block.text}]"))
    return spelled_out("\n\n".join(parts) + "\n")


# ---------------------------------------------------------------- Word


def _em(text: str) -> float:
    """The width of *text* in ems of its font: a Chinese character is one em, an ASCII
    letter or digit a little over half (the widest line when it has several)."""
    from wcwidth import wcwidth

    widest = 0.0
    for line in text.splitlines() or [""]:
        width = 0.0
        for char in line:
            if char == " ":
                width += 0.3
            else:  # a Latin font's digits are 0.5–0.64 em; take the wider
                width += 1.0 if wcwidth(char) == 2 else 0.65
        widest = max(widest, width)
    return widest


_HAS_WIDE = re.compile("[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")


def table_font_pt(rows: list[list[str]], wide: int | None) -> float:
    """小四 (12 pt) when every column fits at its natural width, else 五号 (10.5 pt)."""
    columns = len(rows[0])
    budget = (round(TEXT_WIDTH_MM * _TWIPS_PER_MM) - columns * 2 * CELL_MARGIN_TWIPS) / (
        TABLE_PT * _TWIPS_PER_PT
    )
    natural = [max(_em(row[i]) for row in rows) + _SLACK_EM for i in range(columns)]
    if wide is not None:
        natural[wide] = max(natural[wide], _mm_in_em(WIDE_COLUMN_MIN_MM, TABLE_PT))
    return TABLE_PT if sum(natural) <= budget else TABLE_SMALL_PT


_SLACK_EM = 0.4  # rounding, bold header text


def _mm_in_em(mm: float, font_pt: float) -> float:
    return mm * 72 / 25.4 / font_pt


def column_widths(
    rows: list[list[str]], wide: int | None, *, font_pt: float = TABLE_PT
) -> list[int]:
    """Column widths in twips that fill the text width (156 mm): each column as wide as its
    longest cell, so names and phone numbers never wrap; the *wide* column (a column to
    write in) takes what is left, at least 30 mm. When the content is too wide,
    the columns of Chinese text (unit names, remarks) wrap, the widest first, down to four
    characters; only then does every column give way in proportion."""
    columns = len(rows[0])
    total = round(TEXT_WIDTH_MM * _TWIPS_PER_MM)
    em = font_pt * _TWIPS_PER_PT
    budget = (total - columns * 2 * CELL_MARGIN_TWIPS) / em  # in ems of content
    slack = _SLACK_EM
    natural = [max(_em(row[i]) for row in rows) + slack for i in range(columns)]
    floors = [
        min(natural[i], max(SHRINK_FLOOR_EM, _em(rows[0][i]) + slack)) for i in range(columns)
    ]
    if wide is not None:
        natural[wide] = max(natural[wide], _mm_in_em(WIDE_COLUMN_MIN_MM, font_pt))
        floors[wide] = natural[wide]
    shrinkable = [
        i for i in range(columns) if i != wide and any(_HAS_WIDE.search(row[i]) for row in rows[1:])
    ]

    def widths_at(level: float) -> list[float]:
        return [
            max(min(natural[i], level), floors[i]) if i in shrinkable else natural[i]
            for i in range(columns)
        ]

    widths = natural
    if sum(widths) > budget and shrinkable:
        low, high = 0.0, max(natural)
        for _ in range(40):
            middle = (low + high) / 2
            low, high = (middle, high) if sum(widths_at(middle)) <= budget else (low, middle)
        widths = widths_at(low)
    if sum(widths) > budget:
        widths = [width * budget / sum(widths) for width in widths]
    spare = budget - sum(widths)
    if spare > 0:
        if wide is not None:
            widths[wide] += spare
        else:
            widths = [width + spare * width / sum(widths) for width in widths]
    twips = [int(width * em) + 2 * CELL_MARGIN_TWIPS for width in widths]
    twips[-1] += total - sum(twips)
    return twips


def _set_font(run: Any, name: str, size: float | None = None) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = name
    if size is not None:
        run.font.size = Pt(size)
    properties = run._element.get_or_add_rPr()
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = properties.makeelement(qn("w:rFonts"), {})
        properties.insert(0, fonts)
    for attribute in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        fonts.set(qn(attribute), name)


# Characters XML 1.0 cannot hold at all (C0 controls other than tab and line breaks, and
# non-characters): a name pasted with one would otherwise stop the .docx with a traceback.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_text(text: str) -> str:
    """*text* without the characters a Word file cannot contain."""
    return _NOT_XML.sub("", text)


def _add_table(word: Any, rows: list[list[str]], wide: int | None) -> None:
    """A ruled table as wide as the text, its columns fitted to their content: a header row
    (黑体) repeated on every page, then body rows at least 24 pt high that never split
    across pages, every cell in the table font.

    python-docx's ``table.cell(r, c)`` rebuilds the whole grid of cells on every call, so
    filling a 2,000-row sign-in sheet that way takes minutes. Instead the header and one empty
    body row are made through python-docx, and every body row is a copy of that row with its
    texts added: the same XML, in time linear in the rows.
    """
    from copy import deepcopy

    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt, Twips

    header, body = rows[0], rows[1:]
    size = table_font_pt(rows, wide)
    widths = column_widths(rows, wide, font_pt=size)
    table = word.add_table(rows=2 if body else 1, cols=len(header))
    table.style = "Table Grid"
    table.autofit = False  # a fixed layout: the widths below, whatever the content
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    properties = table._tbl.tblPr
    table_width = properties.find(qn("w:tblW"))
    if table_width is None:
        table_width = properties.makeelement(qn("w:tblW"), {})
        properties.append(table_width)
    table_width.set(qn("w:type"), "dxa")
    table_width.set(qn("w:w"), str(sum(widths)))
    margins = properties.makeelement(qn("w:tblCellMar"), {})
    for side in ("left", "right"):
        margin = margins.makeelement(qn(f"w:{side}"), {})
        margin.set(qn("w:w"), str(CELL_MARGIN_TWIPS))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    properties.append(margins)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Twips(width)
    for r, row in enumerate(table.rows):
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Twips(width)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            paragraph = cell.paragraphs[0]
            if r == 0:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = paragraph.add_run()
            _set_font(run, HEADING_FONT if r == 0 else BODY_FONT, size)
        if r > 0:
            row.height = Pt(24)
        # Rows never split across pages; the header row repeats at the top of each page.
        row_properties = row._tr.get_or_add_trPr()
        row_properties.insert(0, row_properties.makeelement(qn("w:cantSplit"), {}))
        if r == 0:
            row_properties.append(row_properties.makeelement(qn("w:tblHeader"), {}))
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


_NO_BREAK_AFTER = "（(《“‘〔【["
_NO_BREAK_BEFORE = "）)》”’〕】]，。、；：！？,.;:!?"


def balanced_lines(text: str, capacity_em: float, preferred: list[int] | None = None) -> list[str]:
    """*text* (a title) in as few lines as fit *capacity_em*, of nearly equal length — a
    long title is balanced, never left with one or two characters on its last line. Two
    lines break at one of the *preferred* offsets (between phrases) when both fit; else a
    line is not broken inside a run of letters or digits, after an opening bracket or
    before a closing one or a mark."""
    import math
    from itertools import pairwise

    width = _em(text)
    if width <= capacity_em or len(text) < 2:
        return [text]
    fitting = [
        i
        for i in preferred or []
        if 0 < i < len(text) and max(_em(text[:i]), _em(text[i:])) <= capacity_em
    ]
    if fitting:
        best = min(fitting, key=lambda i: abs(_em(text[:i]) - _em(text[i:])))
        return [text[:best], text[best:]]
    count = math.ceil(width / capacity_em)
    running = [0.0]
    for char in text:
        running.append(running[-1] + _em(char))

    def allowed(i: int) -> bool:
        before, after = text[i - 1], text[i]
        if before in _NO_BREAK_AFTER or after in _NO_BREAK_BEFORE:
            return False
        return not (before.isascii() and before.isalnum() and after.isascii() and after.isalnum())

    breaks: list[int] = []
    start = 0
    for k in range(1, count):
        target = running[-1] * k / count
        candidates = [i for i in range(start + 1, len(text)) if allowed(i)]
        candidates = [
            i for i in candidates if running[i] - running[start] <= capacity_em
        ] or candidates
        if not candidates:
            break
        best = min(candidates, key=lambda i: abs(running[i] - target))
        breaks.append(best)
        start = best
    bounds = [0, *breaks, len(text)]
    return [text[a:b] for a, b in pairwise(bounds) if text[a:b]]


def _page_number_footer(footer: Any, *, odd: bool) -> None:
    """ "— 1 —" (a PAGE field between em dashes) in 宋体 四号: on odd pages at the right, on
    even pages at the left, one character in from the edge of the text (GB/T 9704)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
    if odd:
        paragraph.paragraph_format.right_indent = Pt(PAGE_NUMBER_PT)
    else:
        paragraph.paragraph_format.left_indent = Pt(PAGE_NUMBER_PT)

    def run(text: str = "") -> Any:
        made = paragraph.add_run(text)
        _set_font(made, PAGE_NUMBER_FONT, PAGE_NUMBER_PT)
        return made

    run("— ")
    for kind, instruction in (("begin", None), (None, " PAGE "), ("separate", None)):
        part = run()
        if kind:
            char = part._element.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): kind})
            part._element.append(char)
        else:
            code = part._element.makeelement(qn("w:instrText"), {qn("xml:space"): "preserve"})
            code.text = instruction
            part._element.append(code)
    run("1")
    end = run()
    end._element.append(end._element.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): "end"}))
    run(" —")


def _font_table(word: Any) -> None:
    """Name the Chinese fonts in the font table with what to use where they are missing
    (their ``w:altName``) and their character set (GB2312)."""
    from docx.opc.oxml import serialize_part_xml
    from docx.oxml.ns import qn
    from docx.oxml.parser import parse_xml

    part = next(
        (p for p in word.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml"),
        None,
    )
    if part is None:
        return
    root = parse_xml(part.blob)
    known = {font.get(qn("w:name")) for font in root.iter(qn("w:font"))}
    for name, fallback in FONT_FALLBACKS.items():
        if name in known:
            continue
        font = root.makeelement(qn("w:font"), {qn("w:name"): name})
        for tag, value in (
            ("w:altName", fallback),
            ("w:charset", "86"),  # GB2312
            ("w:family", "roman" if name == TITLE_FONT else "modern"),
            ("w:pitch", "variable" if name == TITLE_FONT else "fixed"),
        ):
            font.append(font.makeelement(qn(tag), {qn("w:val"): value}))
        root.append(font)
    part._blob = serialize_part_xml(root)


def write_docx(document: Document, path: Path) -> None:
    """Write the document as a Word file laid out as GB/T 9704 (see the module's notes)."""
    _save_word(_word_document(document), path)


def write_docx_pages(document: Document, path: Path, pages: list[dict[str, str]]) -> None:
    """Write *document* once per page of *pages*, a page break between: the document is
    the page's template, its ``{key}`` placeholders filled from each page's values (a
    certificate per page). The template is laid out once and its XML copied per page —
    thousands of pages in well under a second, where laying out each page again would
    take seconds."""
    from copy import deepcopy

    from docx.oxml.ns import qn

    word = _word_document(document)
    body = word.element.body
    template = [element for element in body if element.tag != qn("w:sectPr")]
    for element in template:
        body.remove(element)
    section = body.find(qn("w:sectPr"))
    text_tag = qn("w:t")
    for index, values in enumerate(pages):
        # Each page after the first begins with "page break before" on its first paragraph
        # (no empty paragraph left at a page's end).
        for n, element in enumerate(template):
            copy = deepcopy(element)
            for node in copy.iter(text_tag):
                if node.text and "{" in node.text:
                    node.text = _xml_text(node.text.format_map(values))
            if index and n == 0:
                paragraph_properties = copy.find(qn("w:pPr"))
                if paragraph_properties is None:
                    paragraph_properties = copy.makeelement(qn("w:pPr"), {})
                    copy.insert(0, paragraph_properties)
                paragraph_properties.append(
                    paragraph_properties.makeelement(qn("w:pageBreakBefore"), {})
                )
            if section is not None:
                section.addprevious(copy)
            else:
                body.append(copy)
    _save_word(word, path)


def _word_document(document: Document) -> Any:
    """The python-docx document of *document*, laid out (not yet saved)."""
    from docx import Document as WordDocument
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    word = WordDocument()
    section = word.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.header_distance = Mm(15)
    section.footer_distance = Mm(MARGINS_MM["bottom"] - 7)  # the number 7 mm below the text
    word.settings.odd_and_even_pages_header_footer = True
    _page_number_footer(section.footer, odd=True)
    _page_number_footer(section.even_page_footer, odd=False)
    _font_table(word)

    normal = word.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(BODY_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    normal.paragraph_format.widow_control = True

    def paragraph(
        text: str = "", font: str = BODY_FONT, size: float = BODY_PT, *, indent: bool = True
    ) -> Any:
        made = word.add_paragraph()
        form = made.paragraph_format
        form.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        form.line_spacing = Pt(LINE_PITCH_PT if size <= BODY_PT else size * 1.5)
        if indent:
            form.first_line_indent = Pt(2 * size)  # two characters
        if text:
            _set_font(made.add_run(_xml_text(text)), font, size)
        return made

    for block in document.blocks:
        if block.kind == "masthead":
            made = paragraph(block.text, TITLE_FONT, MASTHEAD_PT, indent=False)
            made.alignment = WD_ALIGN_PARAGRAPH.CENTER
            made.runs[0].font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
            made.paragraph_format.space_after = Pt(LINE_PITCH_PT)
        elif block.kind == "title":
            capacity = TEXT_WIDTH_MM / (TITLE_PT * 25.4 / 72) - 0.5
            made = paragraph(indent=False)
            made.alignment = WD_ALIGN_PARAGRAPH.CENTER
            made.paragraph_format.space_after = Pt(LINE_PITCH_PT)  # a blank line below
            made.paragraph_format.keep_with_next = True
            for n, line in enumerate(balanced_lines(block.text, capacity, block.breaks)):
                run = made.add_run(_xml_text(line))
                _set_font(run, TITLE_FONT, TITLE_PT)
                if n:
                    run._element.insert(
                        run._element.index(run._element.find(qn("w:t"))),
                        run._element.makeelement(qn("w:br"), {}),
                    )
        elif block.kind == "addressee":
            paragraph(block.text, indent=False)
        elif block.kind == "heading":
            made = paragraph(block.text, HEADING_FONT)
            made.paragraph_format.keep_with_next = True
        elif block.kind == "paragraph":
            # A bold paragraph (an agenda item in the minutes) is a heading in 黑体.
            made = paragraph(block.text, HEADING_FONT if block.bold else BODY_FONT)
            made.paragraph_format.keep_with_next = block.bold
        elif block.kind == "detail":
            made = paragraph(block.text)
            made.paragraph_format.left_indent = Pt(2 * BODY_PT)
        elif block.kind == "table":
            _add_table(word, block.rows, block.wide)
        elif block.kind == "image":
            import io

            made = word.add_paragraph()
            made.alignment = WD_ALIGN_PARAGRAPH.CENTER
            made.paragraph_format.keep_with_next = True
            made.add_run().add_picture(io.BytesIO(block.image), width=Mm(TEXT_WIDTH_MM - 6))
            caption = paragraph(block.text, size=TABLE_PT, indent=False)
            caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif block.kind == "lines":
            for line in block.lines:
                paragraph(line)
        else:  # the signature: the date four characters in from the right, the issuer
            # centred over it, the whole kept on one page after a blank line
            last = _em(block.lines[-1]) if block.lines else 0.0
            for n, line in enumerate(block.lines):
                made = paragraph(line, indent=False)
                made.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                inset = 4 + max((last - _em(line)) / 2, -4)
                made.paragraph_format.right_indent = Pt(max(inset, 0) * BODY_PT)
                made.paragraph_format.keep_with_next = n < len(block.lines) - 1
                made.paragraph_format.keep_together = True
                if n == 0:
                    made.paragraph_format.space_before = Pt(LINE_PITCH_PT)

    _properties(word, document)
    return word


def _properties(word: Any, document: Document) -> None:
    now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    properties = word.core_properties
    properties.author = properties.last_modified_by = _xml_text(document.author)
    properties.title = _xml_text(document.title_text)
    properties.created = properties.modified = now
    properties.comments = _xml_text(document.status)
    properties.content_status = _xml_text(document.status)
    properties.subject = ""
    properties.keywords = ""
    properties.revision = 1
    properties.language = (
        "en-US" if document.lang == "en" else ("zh-TW" if document.lang == "zh-Hant" else "zh-CN")
    )


def _save_word(word: Any, path: Path) -> None:
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
