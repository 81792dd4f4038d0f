"""``assoc report``: the annual report pack (年度工作报告 / 年检), the term hand-over pack
(换届材料) and the year on one screen."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from assoc_cli.cli.common import (
    FormatOption,
    OutputOption,
    date_option,
    emit,
    message,
    open_session,
    render_result,
    today,
    usage_error,
    year_option,
)
from assoc_cli.i18n import t
from assoc_cli.listing import OutputFormat

app = typer.Typer(
    help=(
        "Reports from the record (报告): the annual report pack (年度工作报告), the term "
        "hand-over pack (换届材料) and the year on one screen."
        "\n\n\b\nExample:\n  assoc report annual --year 2025 -o 年检材料/\n"
        "  assoc report year 2025"
    ),
    no_args_is_help=True,
)


class ChecksFormat(StrEnum):
    """How the check list is printed (the pack itself is the files)."""

    table = "table"
    plain = "plain"
    json = "json"


class PackPaper(StrEnum):
    """How the annual report's paper is written."""

    docx = "docx"
    md = "md"


def _stem(output: str | None, default: str) -> Path:
    """Where the pack goes: -o names a folder (existing, or ending in /, made if need
    be) or a file stem (a .docx/.xlsx/.md suffix is dropped); default: here."""
    if output is None:
        return Path(default)
    path = Path(output)
    if path.is_dir() or output.endswith(("/", os.sep)):
        from assoc_cli.files.atomic import make_folder

        make_folder(path)
        return path / default
    if path.suffix.lower() in (".docx", ".xlsx", ".md"):
        return path.with_suffix("")
    return path


@app.command("annual")
def annual(
    ctx: typer.Context,
    year: Annotated[int, typer.Option("--year", help="The report's year, e.g. 2025.")],
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Figures as of this day (default: 31 December of the year)."),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "-o",
            "--output",
            help=(
                "A folder, or a file name without suffix: the pack is NAME.docx (or .md) "
                "and NAME.xlsx (default: 协会名称YYYY年度工作报告 here)."
            ),
        ),
    ] = None,
    paper: Annotated[
        PackPaper, typer.Option("--paper", help="docx (default, with charts) or md.")
    ] = PackPaper.docx,
    fmt: Annotated[
        ChecksFormat,
        typer.Option(
            "--format",
            "-f",
            help="The check list on screen: table, plain or json.",
            case_sensitive=False,
        ),
    ] = ChecksFormat.table,
) -> None:
    """The annual report pack (年度工作报告 / 年检): the paper in the official section order
    with every figure the record gives and 待填写 for the rest, a workbook of the figures
    with the command behind each and charts, and the check list (问题清单), printed too.

    \b
    Example:
      assoc report annual --year 2025 -o 年检材料/
      assoc report annual --year 2025 --paper md -o 2025年度工作报告
    """
    from assoc_cli.report.annual import build_annual_report
    from assoc_cli.report.pack import write_annual_pack
    from assoc_cli.report.screen import problems_listing

    chosen = year_option(year, "--year")
    assert chosen is not None
    day = date_option(as_of, "--as-of")
    if day is not None and day.year != chosen:
        raise usage_error(
            f"--as-of {day} is not in {chosen}",
            zh=f"--as-of {day} 不在{chosen}年内",
            hint="'--as-of'",
        )
    with open_session(ctx, write=False) as (session, lang):
        report = build_annual_report(session=session, year=chosen, as_of=day, lang=lang)
        stem = _stem(output, t("rpt.title", lang, association=report.association, year=chosen))
        written = write_annual_pack(report, stem, paper=paper.value)
        filled = sum(1 for _, figure in report.figures if not figure.pending)
        render_result(problems_listing(report.problems, lang), OutputFormat(fmt.value), lang)
        for path in written:
            message(t("msg.written", lang, file=path))
        message(
            t(
                "rpt.msg.summary",
                lang,
                filled=filled,
                pending=len(report.figures) - filled,
                problems=len(report.problems),
            )
        )


@app.command("year")
def year_story(
    ctx: typer.Context,
    year: Annotated[int, typer.Argument(help="The year, e.g. 2025.")],
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """The year on one screen: members in and out, dues collected against due, meetings
    held, services and statistics — each line with the command that gives its detail.

    \b
    Example:
      assoc report year 2025
    """
    from assoc_cli.report.screen import year_listing

    chosen = year_option(year, "YEAR")
    assert chosen is not None
    with open_session(ctx, write=False) as (session, lang):
        emit(year_listing(session=session, year=chosen, lang=lang), fmt, lang, output)


class HandoverPaper(StrEnum):
    """How the hand-over pack is written."""

    md = "md"
    docx = "docx"


@app.command("handover")
def handover(
    ctx: typer.Context,
    term: Annotated[int, typer.Option("--term", help="The term handed over, e.g. 2.")],
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="File to write: .docx or .md (default: stdout, md)."),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Open items as of this day (default: today)."),
    ] = None,
) -> None:
    """The term hand-over pack (换届材料): officers by term with the changes, the term's
    meetings with their numbers and resolutions, dues collected per year of the term,
    open action items and requests, and the 负责人 list for the next term's filing.

    \b
    Example:
      assoc report handover --term 2 -o 第二届换届材料.docx
    """
    import sys

    from assoc_cli.files.papers import render_text, save
    from assoc_cli.report.handover import handover_document

    fmt = "md"
    if output is not None:
        suffix = output.suffix.lower().removeprefix(".")
        if suffix not in ("docx", "md"):
            raise usage_error(
                f"{output}: the hand-over pack is written as .docx or .md",
                zh=f"{output}:换届材料写成 .docx 或 .md",
                hint="'-o'",
            )
        fmt = suffix
    day = date_option(as_of, "--as-of") or today()
    with open_session(ctx, write=False) as (session, lang):
        document = handover_document(session=session, number=term, as_of=day, lang=lang)
        if output is None:
            sys.stdout.write(render_text(document, fmt))
            return
        save(document, output, fmt)
        message(t("msg.written", lang, file=output))
