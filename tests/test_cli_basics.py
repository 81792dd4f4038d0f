"""The command tree itself: help, version, fast start, module entry point, docs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import typer
from typer.testing import CliRunner

from assoc_cli import __version__
from assoc_cli.cli import app
from assoc_cli.devtools.cli_docs import cli_reference

HEAVY = ("sqlalchemy", "sqlmodel", "alembic", "openpyxl", "opencc", "pypinyin", "rich")
ROOT = Path(__file__).resolve().parents[1]


def _all_commands() -> list[tuple[str, ...]]:
    root = typer.main.get_command(app)
    found: list[tuple[str, ...]] = []

    def walk(command: object, path: tuple[str, ...]) -> None:
        found.append(path)
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, (*path, name))

    walk(root, ())
    return found


def test_version() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"assoc {__version__}"


def test_every_command_has_a_summary_and_an_example() -> None:
    commands = _all_commands()
    assert ("members", "import") in commands and ("terms", "add") in commands
    for path in commands:
        result = CliRunner().invoke(app, [*path, "--help"])
        assert result.exit_code == 0, path
        assert "Usage:" in result.stdout
        assert "Example:" in result.stdout, f"assoc {' '.join(path)} --help has no example"


def _imported_by(args: list[str]) -> set[str]:
    code = (
        "import sys\n"
        f"sys.argv = ['assoc', *{args!r}]\n"
        "from assoc_cli.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "loaded = {m.split('.')[0] for m in sys.modules}\n"
        f"print('LOADED:', *sorted(loaded & set({HEAVY!r})))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    marker = [line for line in output.splitlines() if line.startswith("LOADED:")]
    assert len(marker) == 1, output
    return set(marker[0].split()[1:])


def test_help_loads_no_database_stack() -> None:
    assert _imported_by(["--help"]) == set()
    for group in ("members", "terms", "offices", "db"):
        assert _imported_by([group, "--help"]) == set(), group


def test_python_dash_m_runs_the_cli(tmp_path: Path) -> None:
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


def test_cli_reference_in_docs_is_current() -> None:
    committed = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert committed == cli_reference(), "docs/cli.md is stale: run `make docs`"
