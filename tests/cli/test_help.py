"""The command tree itself: help, version, fast start, module entry point, docs."""

from __future__ import annotations

import ast
import inspect
import subprocess
import sys
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from assoc_cli import __version__
from assoc_cli.cli import COMMANDS, app, coercion
from tools.cli_docs import cli_reference

HEAVY = (
    "sqlalchemy",
    "sqlmodel",
    "pydantic",
    "alembic",
    "openpyxl",
    "docx",
    "opencc",
    "pypinyin",
    "rich",
    "tabulate",
)
ROOT = Path(__file__).resolve().parents[2]


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


def test_root_listing_summaries_are_the_commands_own() -> None:
    root = typer.main.get_command(app)
    ctx = typer.Context(root, info_name="assoc")
    for name, spec in COMMANDS.items():
        command = root.get_command(ctx, name)  # type: ignore[attr-defined]
        first_paragraph = inspect.cleandoc(command.help or "").split("\n\n")[0]
        assert " ".join(spec.summary.split()) == " ".join(first_paragraph.split()), name


def _samples(annotation: object, tmp_path: Path) -> list[object]:
    existing = tmp_path / "there.csv"
    existing.write_text("x")
    if annotation is str:
        return ["abc", "", " x ", "会员单位"]
    if annotation is int:
        return ["1", "007", "-3", "+4", " 5 ", "1_000", "1.0", "x", "", "１", 12, "9" * 25]
    if annotation is bool:
        return [True, False]
    if annotation is Path:
        return ["a.db", "", "~/x.db", str(existing), str(tmp_path)]
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        values = [str(choice.value) for choice in annotation]
        return [*values, *(v.upper() for v in values), "bogus", next(iter(annotation))]
    return [["a", "b"], ("x",), []]


def _outcome(runtime: Any, value: object, param: Any, ctx: Any) -> object:
    try:
        result = runtime.coerce(value, param=param, ctx=ctx)
    except Exception as exc:
        return ("error", type(exc).__name__, str(exc))
    return (type(result).__name__, result)


def test_direct_option_conversion_agrees_with_typers(tmp_path: Path) -> None:
    """cli/coercion.py converts option values without pydantic: same results, same errors."""
    from typer._coercion import build_runtime_param

    root = typer.main.get_command(app)
    checked = 0

    def walk(command: Any, ctx: Any) -> None:
        nonlocal checked
        for param in command.get_params(ctx):
            direct = coercion._direct(param)
            annotation = param.type_descriptor.annotation
            assert direct is not None, f"{param.name}: no direct conversion for {annotation}"
            typer_own = build_runtime_param(param.type_descriptor)
            for value in [*_samples(annotation, tmp_path), None]:
                ours = _outcome(direct, value, param, ctx)
                theirs = _outcome(typer_own, value, param, ctx)
                assert ours == theirs, (command.name, param.name, value)
                checked += 1
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, typer.Context(sub, info_name=name, parent=ctx))

    walk(root, typer.Context(root, info_name="assoc"))
    assert checked > 1000


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


def _help_text(root: Any, path: tuple[str, ...]) -> str:
    ctx = typer.Context(root, info_name="assoc", help_option_names=["-h", "--help"])
    command = root
    for name in path:
        command = command.get_command(ctx, name)
        ctx = typer.Context(command, info_name=name, parent=ctx)
    return str(command.get_help(ctx))


def test_group_help_is_the_same_before_its_commands_are_built() -> None:
    """A group's --help lists its commands from their help texts without building them
    (cli/lazy.py); the list must read exactly as when every command is built."""
    groups: list[tuple[str, ...]] = []

    def walk(command: Any, path: tuple[str, ...]) -> None:
        if hasattr(command, "commands"):
            groups.append(path)
            for name, sub in command.commands.items():
                walk(sub, (*path, name))

    walk(typer.main.get_command(app), ())
    assert ("dues", "rates") in groups and ("meetings", "agenda") in groups
    for path in groups:
        root = typer.main.get_command(app)
        before = _help_text(root, path)
        group = root
        ctx = typer.Context(root, info_name="assoc")
        for name in path:
            group = group.get_command(ctx, name)  # type: ignore[attr-defined]
        for name in group.list_commands(ctx):  # type: ignore[attr-defined]
            assert group.get_command(ctx, name) is not None  # type: ignore[attr-defined]
        assert _help_text(root, path) == before, path


def test_cli_modules_import_no_database_or_document_library_at_module_level() -> None:
    """cli/ stays thin: the database stack and file-format libraries are imported inside
    the commands that use them (type-only imports under TYPE_CHECKING are fine)."""
    forbidden = {"sqlalchemy", "sqlmodel", "alembic", "openpyxl", "docx", "pydantic"}
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
