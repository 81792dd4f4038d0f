"""The command tree's help: version, every command's summary and example, the root
listing, and group help that reads the same before its commands are built."""

from __future__ import annotations

import inspect
from typing import Any

import typer
from typer.testing import CliRunner

from assoc_cli import __version__
from assoc_cli.cli import COMMANDS, app


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


def test_root_listing_summaries_are_the_commands_own() -> None:
    root = typer.main.get_command(app)
    ctx = typer.Context(root, info_name="assoc")
    for name, spec in COMMANDS.items():
        command = root.get_command(ctx, name)  # type: ignore[attr-defined]
        first_paragraph = inspect.cleandoc(command.help or "").split("\n\n")[0]
        assert " ".join(spec.summary.split()) == " ".join(first_paragraph.split()), name


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
