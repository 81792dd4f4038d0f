"""Fast start: help imports no database stack and no command module it does not need,
reports on an up-to-date database load no ORM, and cli/ modules import the heavy
libraries only inside their commands."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from assoc_cli.cli import COMMANDS

HEAVY = (
    "sqlalchemy",
    "sqlmodel",
    "pydantic",
    "alembic",
    "openpyxl",
    "docx",
    "matplotlib",
    "opencc",
    "pypinyin",
    "rich",
    "tabulate",
)
ROOT = Path(__file__).resolve().parents[2]


def _modules_after(args: list[str]) -> set[str]:
    """Every module a fresh ``assoc ARGS`` process has imported when it ends."""
    code = (
        "import sys\n"
        f"sys.argv = ['assoc', *{args!r}]\n"
        "from assoc_cli.cli import main\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    assert exc.code in (0, None), exc\n"
        "print('LOADED:', *sorted(sys.modules))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    marker = [line for line in output.splitlines() if line.startswith("LOADED:")]
    assert len(marker) == 1, output
    return set(marker[0].split()[1:])


def _imported_by(args: list[str]) -> set[str]:
    """The HEAVY packages ``assoc ARGS`` imports."""
    return {name.split(".")[0] for name in _modules_after(args)} & set(HEAVY)


def test_help_loads_no_database_stack() -> None:
    assert _imported_by(["--help"]) == set()
    for name in COMMANDS:
        assert _imported_by([name, "--help"]) == set(), name


READ_ONLY_REPORTS = [
    ("dues", "report", "--year", "2022", "--as-of", "2022-11-30"),
    ("dues", "unpaid", "--year", "2022", "--as-of", "2022-11-30", "--tier", "会员单位"),
    ("dues", "arrears", "--as-of", "2022-11-30"),
    ("members", "list", "--office", "理事"),
    ("members", "stats"),
    ("members", "export"),
    ("info",),
    ("today",),  # (no meeting in the next 14 days: no meeting title to make from the ORM)
]


@pytest.mark.parametrize("command", READ_ONLY_REPORTS, ids=" ".join)
def test_a_report_on_an_up_to_date_database_loads_no_orm(
    demo_file: Path, command: tuple[str, ...]
) -> None:
    """Read-only reports run on Core tables: no SQLModel, pydantic or Alembic import."""
    loaded = _modules_after(["--db", str(demo_file), *command])
    assert "assoc_cli.db.core" in loaded, "the command did not run"
    packages = {name.split(".")[0] for name in loaded}
    assert not packages & {"sqlmodel", "pydantic", "alembic"}
    assert "sqlalchemy.orm" not in loaded


def test_root_help_imports_no_command_module() -> None:
    modules = {spec.module for spec in COMMANDS.values()}
    assert not modules & _modules_after(["--help"])
    # A group's help imports that group's module and no other.
    assert modules & _modules_after(["terms", "--help"]) == {"assoc_cli.cli.terms"}


def test_cli_modules_import_no_database_or_document_library_at_module_level() -> None:
    """cli/ stays thin: the database stack and file-format libraries are imported inside
    the commands that use them (type-only imports under TYPE_CHECKING are fine)."""
    forbidden = {"sqlalchemy", "sqlmodel", "alembic", "openpyxl", "docx", "pydantic", "matplotlib"}
    for path in sorted((ROOT / "src" / "assoc_cli" / "cli").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module]
            else:
                continue
            assert not {name.split(".")[0] for name in names} & forbidden, (path.name, names)
