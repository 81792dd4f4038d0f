"""A command group that imports a subcommand's module only when that subcommand is used.

``assoc --help`` lists every command from a one-line summary kept in the root, and
``assoc dues …`` imports ``assoc_cli.cli.dues`` alone. A loaded module is turned into
Click commands exactly as ``Typer.add_typer`` / ``Typer.command`` would have done it, so
help, usage errors and ``docs/cli.md`` stay the same.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any, ClassVar

import typer
from typer.core import TyperCommand, TyperGroup
from typer.main import get_command_from_info, get_group_from_info
from typer.models import TyperInfo

from assoc_cli.cli import coercion


@dataclass(frozen=True)
class LazyCommand:
    """Where a command lives, and what the root's --help says about it.

    *module* either has an ``app`` (a Typer: the command is that group) or a
    ``register(app)`` that adds the command by its name. *summary* is the first paragraph
    of the command's help; a test checks it still matches.
    """

    module: str
    summary: str


class LazyCommands(MutableMapping[str, Any]):
    """A group's commands by name; a lazy one is loaded when it is first looked up."""

    def __init__(self, group: LazyGroup, loaded: MutableMapping[str, Any]) -> None:
        self._group = group
        self._loaded = dict(loaded)

    def is_loaded(self, name: str) -> bool:
        """Whether *name* is already a Click command (looking it up would import nothing)."""
        return name in self._loaded

    def __getitem__(self, name: str) -> Any:
        if name not in self._loaded:
            if name not in self._group.lazy_commands:
                raise KeyError(name)
            self._loaded[name] = self._group.load(name)
        return self._loaded[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        raise TypeError("commands cannot be removed from a lazy group")

    def __iter__(self) -> Iterator[str]:
        yield from self._group.lazy_commands
        yield from (name for name in self._loaded if name not in self._group.lazy_commands)

    def __len__(self) -> int:
        return sum(1 for _ in self)


class LazyGroup(TyperGroup):
    """A Typer group whose commands in ``lazy_commands`` are imported on first use."""

    lazy_commands: ClassVar[Mapping[str, LazyCommand]] = {}
    # What the root Typer passes down to groups added with add_typer (its defaults).
    pretty_exceptions_short: ClassVar[bool] = True

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = LazyCommands(self, self.commands)
        coercion.enable()

    def load(self, name: str) -> Any:
        """Import the module of command *name* and build its Click command."""
        module = importlib.import_module(self.lazy_commands[name].module)
        app = getattr(module, "app", None)
        command: Any
        if isinstance(app, typer.Typer):
            command = get_group_from_info(
                TyperInfo(app, name=name),
                pretty_exceptions_short=self.pretty_exceptions_short,
                rich_markup_mode=self.rich_markup_mode,
                suggest_commands=self.suggest_commands,
            )
        else:
            scratch = typer.Typer()
            module.register(scratch)
            (info,) = (c for c in scratch.registered_commands if c.name == name)
            command = get_command_from_info(
                info,
                pretty_exceptions_short=self.pretty_exceptions_short,
                rich_markup_mode=self.rich_markup_mode,
            )
        return command

    def list_commands(self, ctx: Any) -> list[str]:
        """The command names, in order (Typer's own version would load every command)."""
        return list(self.commands)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The command list of --help: a loaded command's own short help, else the summary
        kept in ``lazy_commands`` (the same text, without importing the module)."""
        commands = self.commands
        assert isinstance(commands, LazyCommands)
        shown: list[tuple[str, Any]] = []
        for name in self.list_commands(ctx):
            if commands.is_loaded(name) or name not in self.lazy_commands:
                command = self.get_command(ctx, name)
                if command is None or command.hidden:
                    continue
            else:
                command = TyperCommand(name=name, help=self.lazy_commands[name].summary)
            shown.append((name, command))
        if not shown:
            return
        limit = formatter.width - 6 - max(len(name) for name, _ in shown)
        rows = [(name, command.get_short_help_str(limit)) for name, command in shown]
        with formatter.section("Commands"):
            formatter.write_dl(rows)
