"""Text that could take over a terminal is refused where it comes in and shown, never run,
where it goes out — whatever an older version or another program stored."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from assoc_cli.listing import Column, Listing, OutputFormat
from assoc_cli.output import render
from tests.conftest import Cli

ESCAPES = "恶意\x1b[2J\x1b]0;pwned\x07\u202e公司"
SHOWN = "恶意\\u001b[2J\\u001b]0;pwned\\u0007\\u202e公司"


def _tamper(cli: Cli) -> None:
    """Store a name full of terminal escapes behind the CLI's back (as an old version or a
    hand-edited database could have)."""
    name = ESCAPES.replace("'", "''")
    cli.sql(f"UPDATE member SET name = '{name}', segment = '[red]红[/red]' WHERE number = 'M0001'")


@pytest.mark.parametrize(
    "args",
    [
        ["members", "list"],
        ["members", "list", "-f", "plain"],
        ["members", "show", "M0001"],
        ["members", "show", "M0001", "-f", "plain"],
        ["dues", "statement", "M0001", "--as-of", "2022-12-01"],
        ["meetings", "signin", "2"],
        ["meetings", "signin", "2", "-f", "txt"],
    ],
)
def test_stored_escapes_are_shown_not_run(demo: Cli, args: list[str]) -> None:
    _tamper(demo)
    result = demo.ok(*args)
    out = result.stdout + result.stderr
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    if args[0] == "members":
        assert SHOWN in out
        # Rich markup in data is printed as it is, not taken as a style.
        assert "[red]红[/red]" in out or (args[-1] == "plain" and "[red]红[/red]" in out)


def test_the_audit_log_and_messages_show_escapes_spelled_out(demo: Cli) -> None:
    _tamper(demo)
    edited = demo.ok("members", "edit", "M0001", "--phone", "0533-1234567")
    assert "\x1b" not in edited.stderr + edited.stdout
    log = demo.ok("log", "--limit", "5", "-f", "plain")
    assert "\x1b" not in log.stdout


def test_csv_and_json_keep_data_but_not_on_a_screen() -> None:
    listing = Listing([Column("name")], [{"name": ESCAPES}])

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    for fmt in (OutputFormat.csv, OutputFormat.json):
        piped, screen = io.StringIO(), Terminal()
        render(listing, fmt, "zh-Hans", out=piped)
        render(listing, fmt, "zh-Hans", out=screen)
        assert "\u202e" in piped.getvalue()  # into a pipe or a file: the data as stored
        assert not any(c in screen.getvalue() for c in "\x1b\x07\u202e")


@pytest.mark.parametrize(
    ("cells", "problem"),
    [
        ("坏\x1b[2J公司,0533-1", "control character"),
        ("坏\u202e公司,0533-1", "control character"),
        ('"两行\n公司",0533-1', "one line"),
    ],
)
def test_an_import_file_with_controls_is_refused_whole(
    cli: Cli, tmp_path: Path, cells: str, problem: str
) -> None:
    roster = tmp_path / "名册.csv"
    roster.write_text(f"名称,电话\n好公司,0533-2\n{cells}\n", encoding="utf-8")
    error = cli.fails("members", "import", str(roster), lang="en")
    assert problem in error + "".join(cli("members", "import", str(roster)).stderr)


@pytest.mark.parametrize(
    "args",
    [
        ["dues", "pay", "M0003", "--amount", "100", "--receipt", "SJ-1\nSJ-2"],
        ["members", "add", "两行\n公司"],
        ["members", "edit", "M0003", "--rep", "张\n三"],
        ["meetings", "new", "--kind", "理事会", "--date", "2022-12-20", "--title", "标题\r覆盖"],
        ["meetings", "agenda", "add", "2", "议程\n第二行"],
        ["actions", "add", "2", "落实", "--owner", "张\n三", "--due", "2023-01-31"],
    ],
)
def test_one_line_fields_refuse_line_breaks(demo: Cli, args: list[str]) -> None:
    assert "one line" in demo.fails(*args, lang="en")
