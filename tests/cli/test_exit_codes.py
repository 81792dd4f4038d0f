"""Exit codes and error lines across commands: outputs that cannot be written, absurd
numbers and years, `python -m assoc_cli`, usage errors (exit 2) without a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assoc_cli.cli import app
from tests.conftest import Cli

# These tests hold each message's English wording; its Chinese (the default) is held by
# tests/i18n/test_one_language.py.
pytestmark = pytest.mark.usefixtures("english_messages")


@pytest.mark.parametrize(
    "args",
    [
        ["dues", "export", "-o", "/proc/assoc-test.csv"],
        ["members", "export", "-o", "/nonexistent-folder/x.xlsx"],
        ["meetings", "list", "-o", "/proc/assoc-test.json"],
        ["db", "backup", "/proc/assoc-test.db"],
    ],
)
def test_an_output_that_cannot_be_written_is_one_error_line(demo: Cli, args: list[str]) -> None:
    if args[0] == "db" and demo.is_postgres:
        args = ["db", "backup", "/nonexistent-folder/x.bundle"]
    assert "Error" in demo.fails(*args, lang="en")


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["dues", "pay", "M0016", "--amount", "99999999999999999999"], 2),
        (["dues", "rates", "set", "2022", "会长单位", "99999999999999999999"], 2),
        (["members", "add", "巨型公司", "--employees", "99999999999999999999"], 1),
        (["terms", "add", "99999999999999999999", "--start", "2040-01-01"], 1),
        (["dues", "void", "W99999999999999999999999", "--reason", "x"], 1),
        (["dues", "waive", "M0016", "--year", "0", "--amount", "100", "--reason", "x"], 2),
        (["dues", "export", "--year", "0"], 2),
        (["dues", "report", "--year", "2022", "--compare", "9999"], 2),
        (["meetings", "list", "--year", "0"], 2),
        (["dues", "pay", "M0016", "--amount", "1", "--on", "0001-01-01"], 1),
    ],
)
def test_absurd_numbers_and_years_are_refused(demo: Cli, args: list[str], code: int) -> None:
    demo.fails(*args, code=code, lang="en")


def test_python_dash_m_runs_the_cli(tmp_path: Path) -> None:
    Cli(str(tmp_path / "a.db")).ok("init", "--name", "测试协会")
    result = subprocess.run(
        [sys.executable, "-m", "assoc_cli", "--db", str(tmp_path / "a.db"), "members", "show", "x"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert result.stderr.strip() == 'Error: no member matches "x" (see: assoc members list)'
    assert "Traceback" not in result.stderr


def test_usage_error_exits_2_without_traceback(cli: object) -> None:
    result = CliRunner().invoke(app, ["members", "list", "--sort", "height"])
    assert result.exit_code == 2
    assert "Error:" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["members", "show", b"\xff"],
        ["members", "add", b"\xff\xfe\xe5\x85\xac\xe5\x8f\xb8"],  # \xff\xfe then 公司
        ["members", "add", "双涵公司".encode() + b"\xe5\x85", "--short-name", "双涵"],
        ["members", "list", "--segment", b"\xff"],
        ["dues", "pay", "M0003", "--amount", "100", "--note", b"\xc3"],
    ],
)
def test_arguments_that_are_not_utf8_are_refused_at_the_edge(
    demo: Cli, args: list[str | bytes]
) -> None:
    """Bytes a terminal in another encoding sends: one usage error naming them, before
    anything reads them (they used to reach the database driver and end in a traceback)."""
    # In the process, as Python hands them over: the bad bytes as lone surrogates.
    texts = [a.decode("utf-8", "surrogateescape") if isinstance(a, bytes) else a for a in args]
    error = demo.fails(*texts, code=2, lang="en")
    assert "is not valid UTF-8 text" in error
    assert "\\x" in error  # the bad bytes, spelled out
    # And through a real process, from the raw bytes.
    command = [sys.executable, "-m", "assoc_cli", "--db", demo.location, *args]
    done = subprocess.run(command, capture_output=True, check=False)
    assert done.returncode == 2
    assert b"Traceback" not in done.stderr
    assert b"is not valid UTF-8 text" in done.stderr


@pytest.mark.parametrize(
    "text",
    [
        "恶意\x1b[2J\x1b]0;pwned\x07公司",  # clears the screen, retitles the terminal
        "正常公司\u202e司公常正",  # a bidi override: reads backwards
        "空字符\x00公司",
        "C1\x9b控制公司",
    ],
)
def test_arguments_with_control_characters_are_refused_at_the_edge(demo: Cli, text: str) -> None:
    """A name (or receipt, title, note) that would clear the screen, retitle the terminal
    or read backwards when listed is refused before it is stored; the error spells the
    characters out instead of sending them to the terminal."""
    error = demo.fails("members", "add", text, code=2, lang="en")
    assert "holds a control character" in error
    assert "\\u" in error
    assert not any(ch in error for ch in "\x1b\x07\x00\x9b\u202e")
    assert "holds a control character" in demo.fails(
        "dues", "pay", "M0003", "--amount", "100", "--receipt", f"2022-X{text}", code=2, lang="en"
    )
    # Tabs and line breaks stay allowed (a note of two lines, pasted from a document).
    demo.ok("members", "edit", "M0003", "--address", "张店区\n人民西路1号")
