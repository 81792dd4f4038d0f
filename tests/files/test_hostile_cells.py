"""No live formula in anything assoc writes for a spreadsheet: every command that can write
CSV or XLSX — found from the CLI tree itself, so a new one cannot be forgotten — is run on
a database holding formula-like text (a member named =HYPERLINK(…), a segment +1+1, an
action owned by @SUM(1)…), and every cell it writes is checked."""

from __future__ import annotations

import csv
import enum
import io
import re
import tempfile
import typing
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from openpyxl import load_workbook

from assoc_cli.cli import app
from assoc_cli.output import FORMULA_STARTS
from tests.conftest import Cli, template_fixture

LINK = '=HYPERLINK("http://evil.example","x")'
# A number we formatted ourselves ("-12.00") is a number to a spreadsheet, not a formula.
NUMBER = re.compile(r"[-+]?[0-9]+(\.[0-9]+)?")
# A digit string a file for people keeps as text with a leading tab (0099, a credit code).
KEPT_DIGITS = re.compile(r"\t[0-9]+")


def _build(cli: Cli) -> None:
    if cli.is_postgres:  # (the demo is built in a file, then copied to the server)
        built = Path(tempfile.mkdtemp()) / "demo.db"
        cli.ok("demo", "--db", str(built))
        Cli(str(built)).ok("db", "copy", "--to", cli.location, "--force")
    else:
        cli.ok("demo", "--db", cli.location, "--replace")
    cli.ok(
        "members", "add", LINK, "--short-name", "@SUM(1)", "--rep", "-2+3", "--rep-title", "+1",
        "--segment", "+1+1", "--note", "=1+2", "--address", "@A1", "--joined", "2020-01-01",
        "--phone", "+86 533 1234567",
    )  # fmt: skip
    cli.ok("offices", "define", "=总干事", "--rank", "95", "--tier", "理事单位")
    cli.ok("offices", "assign", LINK, "=总干事", "--term", "2")
    cli.ok("dues", "pay", LINK, "--amount", "100", "--year", "2022", "--on", "2022-11-20")
    cli.ok(
        "meetings", "new", "--kind", "理事会", "--date", "2022-12-20", "--title", LINK,
        "--venue", "+1+1", "--chair", "@SUM(1)",
    )  # fmt: skip
    meeting = cli.sql("SELECT MAX(id) FROM meeting")[0][0]
    cli.ok("meetings", "agenda", "add", str(meeting), "=1+2", "--presenter", "@SUM(1)")
    cli.ok("meetings", "invite", str(meeting), "--all-members")
    cli.ok("meetings", "invite", str(meeting), "--person", "=cmd|' /C calc'!A0", "--title", "+x")
    cli.ok("meetings", "mark", str(meeting), "--everyone")
    cli.ok("meetings", "vote", str(meeting), "--for", "10", "--", "-1+1")
    cli.ok("actions", "add", str(meeting), "=1+2", "--owner", "@SUM(1)", "--due", "2023-01-31")
    cli.ok(
        "requests", "add", LINK, "=1+2", "--category", "用工", "--source", "走访",
        "--received", "2023-01-05", "--limit", "3", "--handler", "@SUM(1)", "--contact", "-2+3",
    )  # fmt: skip
    cli.ok(
        "services", "add", "--kind", "走访", "--staff", "+1", "--member", LINK,
        "--summary", "=1+2", "--on", "2022-11-21", "--title", "@SUM(1)",
    )  # fmt: skip
    # Events (issue 17): a guest, a session, a speaker, a participant signed in and certified.
    cli.ok("events", "attend", str(meeting), "=1+2|@SUM(1)|+1")
    cli.ok("events", "session", str(meeting), "+1+1", "--host", "@SUM(1)|=1+2|+x")
    cli.ok("events", "item", str(meeting), "1", "--session", "1", "--speaker", "@SUM(1)|=1+2|+x")
    cli.ok("events", "register", str(meeting), "=1+2|@SUM(1)|+1")
    cli.ok("events", "signin", str(meeting), "1", "--all")
    cli.ok("events", "certify", str(meeting), "--on", "2022-12-20")


hostile = template_fixture("hostile", _build)

# Each command that writes CSV or XLSX, with the arguments that show the hostile rows
# ({meeting}: the hostile meeting), and whether its output must hold one of them (False:
# it shows only our own words and numbers).
COMMANDS: dict[tuple[str, ...], tuple[list[str], bool]] = {
    ("info",): ([], False),
    ("log",): (["--limit", "50"], True),
    ("members", "show"): ([LINK], True),
    ("members", "list"): (["--segment", "+1+1"], True),
    ("members", "stats"): ([], True),
    ("members", "export"): ([], True),
    ("terms", "list"): ([], False),
    ("offices", "list"): (["--term", "2"], True),
    ("offices", "kinds"): ([], True),
    ("dues", "policy"): ([], False),
    ("dues", "statement"): ([LINK, "--as-of", "2022-12-01"], False),  # CSV: the year table
    ("dues", "unpaid"): (["--year", "2022", "--as-of", "2022-12-01"], True),
    ("dues", "report"): (["--year", "2022", "--by", "segment"], True),
    ("dues", "arrears"): (["--as-of", "2022-12-01"], True),
    ("dues", "export"): (["--year", "2022"], True),
    ("dues", "notices"): ([], False),
    ("dues", "rates", "list"): ([], False),
    ("meetings", "list"): ([], True),
    ("meetings", "show"): (["{meeting}"], True),
    ("meetings", "kinds"): ([], False),
    ("meetings", "signin"): (["{meeting}"], True),
    ("meetings", "quorum"): (["{meeting}"], False),
    ("meetings", "votes"): (["{meeting}"], True),
    ("meetings", "attendance"): ([], True),
    ("meetings", "agenda", "list"): (["{meeting}"], True),
    ("actions", "list"): ([], True),
    ("stats", "report"): (["2022-Q4", "--by", "segment"], False),
    ("stats", "overdue"): (["2022-Q4", "--as-of", "2023-02-01"], False),
    ("stats", "indicators", "list"): ([], False),
    ("stats", "plans", "list"): ([], False),
    ("stats", "scale", "list"): (["2022"], False),
    ("party", "list"): ([], False),
    ("party", "meetings"): (["--year", "2022"], False),
    ("report", "year"): (["2022"], False),
    ("requests", "list"): ([], True),
    ("requests", "show"): (["SQ2023-0001"], True),  # (the demo's requests are 2022's)
    ("requests", "report"): (["--year", "2023", "--by", "handler"], True),
    ("requests", "overdue"): (["--year", "2023", "--as-of", "2023-02-01"], True),
    ("requests", "remind"): (["--as-of", "2023-02-01"], True),
    ("services", "list"): ([], True),
    ("services", "report"): (["--year", "2022"], False),
    ("services", "coverage"): (["--year", "2022"], False),
    ("services", "uncontacted"): (["--year", "2022"], False),
    ("today",): (["--as-of", "2022-12-10"], False),  # the hostile meeting: in 10 days
    ("events", "guests"): ([], True),
    ("events", "people"): (["{meeting}"], True),
    ("events", "programme"): (["{meeting}"], True),
    ("events", "registrations"): (["{meeting}"], True),
    ("events", "rate"): (["{meeting}"], False),
    ("events", "certificates"): (["{meeting}"], True),
    ("events", "series", "list"): (["--year", "2021"], False),
}
# Commands whose -o writes papers (Markdown, text, Word), not spreadsheets.
PAPERS = {
    ("dues", "notice"),
    ("meetings", "minutes"),
    ("meetings", "agenda", "render"),
    ("report", "handover"),
    ("services", "summary"),
    ("events", "release"),
    ("events", "papers"),
}
# Commands whose -f csv reports on a file they are given, not on stored data.
ON_A_FILE = {("members", "import"), ("dues", "pay")}


def _leaf_commands() -> Iterator[tuple[tuple[str, ...], typing.Any]]:
    def walk(
        command: typing.Any, path: tuple[str, ...]
    ) -> Iterator[tuple[tuple[str, ...], typing.Any]]:
        subcommands = getattr(command, "commands", None)
        if subcommands is None:
            yield path, command
            return
        for name, sub in subcommands.items():
            yield from walk(sub, (*path, name))

    yield from walk(typer.main.get_command(app), ())


def _writers() -> dict[tuple[str, ...], set[str]]:
    """Each command that can write CSV or XLSX, and how: "csv" (-f csv), "file" (-o)."""
    found: dict[tuple[str, ...], set[str]] = {}
    for path, command in _leaf_commands():
        for param in command.params:
            annotation = param.type_descriptor.annotation
            for kind in typing.get_args(annotation) or (annotation,):
                enumerated = isinstance(kind, type) and issubclass(kind, enum.Enum)
                if enumerated and any(member.value == "csv" for member in kind):
                    found.setdefault(path, set()).add("csv")
                if kind is Path and param.opts[:1] in (["-o"], ["--output"]):
                    found.setdefault(path, set()).add("file")
    return found


def test_every_spreadsheet_writer_is_checked() -> None:
    writers = set(_writers())
    assert {("members", "export"), ("dues", "unpaid"), ("meetings", "signin")} <= writers
    missing = writers - set(COMMANDS) - PAPERS - ON_A_FILE
    assert not missing, f"add these to COMMANDS with arguments that show hostile data: {missing}"
    assert not set(COMMANDS) - writers, "COMMANDS names a command that writes no CSV/XLSX"


def _live(cell: str) -> bool:
    return (
        cell.startswith(FORMULA_STARTS)
        and not NUMBER.fullmatch(cell)
        and not KEPT_DIGITS.fullmatch(cell)
    )


def _csv_cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text.removeprefix("\ufeff"))) for cell in row]


def _xlsx_cells(path: Path) -> list[str]:
    workbook = load_workbook(path)
    cells = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{path.name} {cell.coordinate} is a formula"
                cells.append("" if cell.value is None else str(cell.value))
    return cells


def _outputs(
    cli: Cli, path: tuple[str, ...], args: list[str], ways: set[str], folder: Path
) -> Iterator[tuple[str, list[str], bool]]:
    """(how, cells, spreadsheet?) for each way the command writes CSV or XLSX."""
    if "csv" in ways:
        yield "-f csv", _csv_cells(cli.ok(*path, *args, "-f", "csv").stdout), False
    if "file" not in ways:
        return
    target = folder / f"{'-'.join(path)}.csv"
    extra = ["-f", "csv"] if path == ("meetings", "signin") else []
    cli.ok(*path, *args, *extra, "-o", str(target))
    yield "-o .csv", _csv_cells(target.read_text(encoding="utf-8-sig")), False
    if path != ("meetings", "signin"):  # (a paper: its -o is .md, .txt, .docx or .csv)
        book = folder / f"{'-'.join(path)}.xlsx"
        cli.ok(*path, *args, "-o", str(book))
        yield "-o .xlsx", _xlsx_cells(book), True


@pytest.mark.parametrize("path", sorted(COMMANDS), ids=" ".join)
def test_no_live_formula_in_any_csv_or_xlsx(
    hostile: Cli, tmp_path: Path, path: tuple[str, ...]
) -> None:
    meeting = str(hostile.sql("SELECT MAX(id) FROM meeting")[0][0])
    args, shows_hostile = COMMANDS[path]
    args = [meeting if arg == "{meeting}" else arg for arg in args]
    ways = _writers()[path]
    for how, cells, spreadsheet in _outputs(hostile, path, args, ways, tmp_path):
        live = [] if spreadsheet else [cell for cell in cells if _live(cell)]
        assert not live, f"assoc {' '.join(path)} {how} wrote live formula cells: {live[:5]}"
        if shows_hostile:
            # The hostile text did reach the output — neutralised with "'" in CSV, kept
            # as a text cell (never a formula: see _xlsx_cells) in XLSX.
            if spreadsheet:
                hits = [
                    c for c in cells if c.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(c)
                ]
            else:
                hits = [c for c in cells if c.startswith(("'=", "'@", "'+"))]
            assert hits or any(LINK in c or "@SUM(1)" in c for c in cells), (
                f"assoc {' '.join(path)} {how} shows none of the hostile values; change its "
                "arguments in COMMANDS"
            )
