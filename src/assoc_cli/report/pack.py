"""The annual report pack as files: the paper (.docx, or .md), the workbook of figures
with their sources and native charts (.xlsx), and the check list in both."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assoc_cli.files.papers import Document, save
from assoc_cli.files.spreadsheets import OutSheet, write_xlsx_sheets
from assoc_cli.i18n import t
from assoc_cli.i18n.dates import format_date
from assoc_cli.i18n.money import format_money
from assoc_cli.i18n.numerals import chinese_number
from assoc_cli.listing import Column, SheetChart
from assoc_cli.report.annual import AnnualReport, Chart
from assoc_cli.report.figures import Figure, Problem, pending_text


def figure_text(figure: Figure, lang: str) -> str:
    """A figure's value as people read it (待填写 with what is needed when pending)."""
    if figure.pending:
        return pending_text(figure, lang)
    if figure.kind == "money":
        return format_money(int(figure.value))
    if figure.kind == "percent":
        return f"{figure.value}%"
    return str(figure.value)


def section_number(index: int, lang: str) -> str:
    """一、 二、 … in Chinese; 1. 2. … in English."""
    return f"{index}. " if lang == "en" else f"{chinese_number(index)}、"


def problem_rows(problems: list[Problem]) -> list[list[str]]:
    """The check list as table rows: number, problem, how to fix it."""
    return [[str(n), problem.text, problem.fix] for n, problem in enumerate(problems, 1)]


def annual_document(report: AnnualReport, *, with_charts: bool) -> Document:
    """The annual report as a paper: each section's figures as a 项目/内容 table, its
    tables and charts, then the check list, signed by the association."""
    lang = report.lang
    document = Document(lang=lang, author=report.association)
    document.title(
        t("rpt.title", lang, association=report.association, year=report.year),
        phrases=[report.association, t("rpt.title", lang, association="", year=report.year)],
    )
    document.paragraph(t("rpt.as_of", lang, date=format_date(report.as_of, lang)))
    header = [t("col.field", lang), t("col.value", lang)]
    for index, section in enumerate(report.sections, 1):
        document.heading(section_number(index, lang) + section.title)
        if section.figures:
            rows = [[figure.label, figure_text(figure, lang)] for figure in section.figures]
            document.table(header, rows, wide=1)
        for table in section.tables:
            document.paragraph(table.title, bold=True)
            if table.rows:
                document.table(table.header, table.rows)
            else:
                document.paragraph(t("rpt.none", lang))
        if with_charts:
            from assoc_cli.report.charts import bar_chart_png

            for key in section.charts:
                chart = report.charts[key]
                png = bar_chart_png(chart.title, chart.categories, chart.series)
                document.image(png, chart.title)
    document.heading(section_number(len(report.sections) + 1, lang) + t("rpt.section.checks", lang))
    if report.problems:
        # Numbered paragraphs, each fix under its problem: a three-column table of long
        # sentences leaves one column a character wide on A4.
        for n, problem in enumerate(report.problems, 1):
            document.paragraph(f"{n}. {problem.text}" if lang == "en" else f"{n}．{problem.text}")
            document.detail(t("rpt.fix_line", lang, fix=problem.fix))
    else:
        document.paragraph(t("rpt.no_problems", lang))
    document.signature([report.association, format_date(report.as_of, lang)])
    return document


FIGURE_COLUMNS = [
    Column("section", "rpt.col.section"),
    Column("item", "col.field"),
    Column("value", "col.value"),
    Column("state", "rpt.col.state"),
    Column("source", "rpt.col.source"),
    Column("key", "rpt.col.key"),
]
PROBLEM_COLUMNS = [
    Column("n", "rpt.col.n", kind="int"),
    Column("problem", "rpt.col.problem"),
    Column("fix", "rpt.col.fix"),
]
RATE_COLUMNS = [
    Column("group"),
    Column("rate_count", kind="percent"),
    Column("rate_amount", kind="percent"),
]


def _figure_rows(report: AnnualReport) -> list[dict[str, Any]]:
    lang = report.lang
    rows = []
    for section, figure in report.figures:
        value: Any = figure_text(figure, lang)
        if not figure.pending and figure.kind == "int":
            value = int(figure.value)
        rows.append(
            {
                "section": section.title,
                "item": figure.label,
                "value": value,
                "state": t("rpt.state.pending" if figure.pending else "rpt.state.filled", lang),
                "source": figure.source,
                "key": figure.key,
            }
        )
    return rows


def _chart_sheet(chart: Chart, lang: str) -> OutSheet:
    columns = [Column("group", chart.category_label), *RATE_COLUMNS[1:]]
    rows = [
        {
            "group": category,
            "rate_count": chart.series[0][1][n],
            "rate_amount": chart.series[1][1][n],
        }
        for n, category in enumerate(chart.categories)
    ]
    headers = [chart.category_label, chart.series[0][0], chart.series[1][0]]
    spec = SheetChart(chart.title, "group", ("rate_count", "rate_amount"), y_title="%")
    return OutSheet(columns, rows, headers, name=chart.title, title=chart.title, charts=[spec])


def annual_workbook(report: AnnualReport, path: Path) -> None:
    """The figures with their sections, states and sources; the check list; one sheet per
    chart with its native chart."""
    lang = report.lang
    figures = OutSheet(
        FIGURE_COLUMNS,
        _figure_rows(report),
        [column.label(lang) for column in FIGURE_COLUMNS],
        name=t("rpt.sheet.figures", lang),
    )
    problems = OutSheet(
        PROBLEM_COLUMNS,
        [
            {"n": n, "problem": problem.text, "fix": problem.fix}
            for n, problem in enumerate(report.problems, 1)
        ],
        [column.label(lang) for column in PROBLEM_COLUMNS],
        name=t("rpt.section.checks", lang),
    )
    charts = [_chart_sheet(chart, lang) for chart in report.charts.values()]
    write_xlsx_sheets(path, [figures, problems, *charts], lang)


def write_annual_pack(report: AnnualReport, stem: Path, *, paper: str) -> list[Path]:
    """Write the pack next to *stem*: STEM.docx (or .md) and STEM.xlsx; returns the paths."""
    document = annual_document(report, with_charts=paper == "docx")
    written = []
    paper_path = stem.with_name(stem.name + f".{paper}")
    save(document, paper_path, paper)
    written.append(paper_path)
    book = stem.with_name(stem.name + ".xlsx")
    annual_workbook(report, book)
    written.append(book)
    return written
