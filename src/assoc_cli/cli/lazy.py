"""Command groups that build a subcommand only when it is used.

``assoc --help`` lists every command from a one-line summary kept in the root, and
``assoc dues report`` imports ``assoc_cli.cli.dues`` alone and turns only ``report`` into
a Click command (Typer would convert all 25 ``dues`` commands, reading every signature).
What is built is exactly what ``Typer.add_typer`` / ``Typer.command`` would have built, so
help, usage errors and ``docs/cli.md`` stay the same; a group's own --help lists its
commands from their help texts without building them.
"""

from __future__ import annotations

import copy
import importlib
import inspect
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass
from functools import partial
from typing import Any, ClassVar

import typer
from typer.core import TyperCommand, TyperGroup
from typer.main import (
    get_command_from_info,
    get_command_name,
    get_group_from_info,
    solve_typer_info_defaults,
)
from typer.models import TyperInfo

from assoc_cli.cli import coercion


@dataclass(frozen=True)
class LazyCommand:
    """Where a top-level command lives, and what the root's --help says about it.

    *module* either has an ``app`` (a Typer: the command is that group) or a
    ``register(app)`` that adds the command by its name. *summary* is the first paragraph
    of the command's help; a test checks it still matches.
    """

    module: str
    summary: str


class LazyCommands(MutableMapping[str, Any]):
    """A group's commands by name; a lazy one is built when it is first looked up."""

    def __init__(self, loaded: Mapping[str, Any]) -> None:
        self._builders: dict[str, Callable[[], Any]] = {}
        self._stubs: dict[str, Any] = {}
        self._loaded = dict(loaded)

    def add_lazy(self, name: str, build: Callable[[], Any], stub: Any) -> None:
        """Command *name*, built by *build* when needed; *stub* stands in for its help."""
        self._builders[name] = build
        self._stubs[name] = stub

    def peek(self, name: str) -> Any:
        """The command if built, else its stand-in (help texts only), else None."""
        return self._loaded.get(name, self._stubs.get(name))

    def __getitem__(self, name: str) -> Any:
        if name not in self._loaded:
            if name not in self._builders:
                raise KeyError(name)
            self._loaded[name] = self._builders[name]()
        return self._loaded[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        self._loaded.pop(name, None)
        if self._builders.pop(name, None) is None and name not in self._stubs:
            raise KeyError(name)
        self._stubs.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        yield from self._builders
        yield from (name for name in self._loaded if name not in self._builders)

    def __len__(self) -> int:
        return sum(1 for _ in self)


class LazyGroup(TyperGroup):
    """A Typer group whose commands are built on first use.

    The root declares its commands in ``lazy_commands`` (imported from their modules when
    used); ``typer_group`` fills the groups below it from their Typer apps.
    """

    lazy_commands: ClassVar[Mapping[str, LazyCommand]] = {}
    # What the root Typer passes down to its groups (its defaults).
    pretty_exceptions_short: ClassVar[bool] = True

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands: LazyCommands = LazyCommands(self.commands)
        for name, spec in self.lazy_commands.items():
            stub = TyperCommand(name=name, help=spec.summary)
            self.commands.add_lazy(name, partial(self._load, name), stub)
        coercion.enable()

    def _load(self, name: str) -> Any:
        """Import the module of top-level command *name* and build its Click command."""
        module = importlib.import_module(self.lazy_commands[name].module)
        app = getattr(module, "app", None)
        if isinstance(app, typer.Typer):
            return typer_group(
                TyperInfo(app, name=name),
                pretty_exceptions_short=self.pretty_exceptions_short,
                rich_markup_mode=self.rich_markup_mode,
                suggest_commands=self.suggest_commands,
            )
        scratch = typer.Typer()
        module.register(scratch)
        (info,) = (c for c in scratch.registered_commands if c.name == name)
        return _built(
            info,
            pretty_exceptions_short=self.pretty_exceptions_short,
            rich_markup_mode=self.rich_markup_mode,
        )

    def list_commands(self, ctx: Any) -> list[str]:
        """The command names, in order (Typer's own version would build every command)."""
        return list(self.commands)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The command list of --help, as Typer writes it, from each command's help text:
        the command's own when it is built, else its stand-in's (the same text)."""
        shown = [
            (name, command)
            for name in self.list_commands(ctx)
            if (command := self.commands.peek(name)) is not None and not command.hidden
        ]
        if not shown:
            return
        limit = formatter.width - 6 - max(len(name) for name, _ in shown)
        rows = [(name, command.get_short_help_str(limit)) for name, command in shown]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


# What is done to each command once Typer has built it (cli/__init__.py adds
# prompts.ask_when_missing: member and meeting arguments ask when left out at a terminal).
FINISHERS: list[Callable[[Any], Any]] = []


def _built(info: Any, **settings: Any) -> Any:
    """The Click command Typer makes of *info*, finished by each of FINISHERS."""
    command = get_command_from_info(info, **settings)
    for finish in FINISHERS:
        command = finish(command)
    return command


def typer_group(
    info: TyperInfo,
    *,
    pretty_exceptions_short: bool,
    rich_markup_mode: Any,
    suggest_commands: bool,
) -> Any:
    """The Click group ``get_group_from_info`` makes of *info*, with its commands (and
    groups) built when first used. An app this does not know how to defer (its own group
    class, a group added without a name) is converted by Typer as usual."""
    settings: dict[str, Any] = {
        "pretty_exceptions_short": pretty_exceptions_short,
        "rich_markup_mode": rich_markup_mode,
    }
    app = info.typer_instance
    assert isinstance(app, typer.Typer)
    groups = [solve_typer_info_defaults(sub) for sub in app.registered_groups]
    if solve_typer_info_defaults(info).cls is not None or not all(g.name for g in groups):
        return get_group_from_info(info, **settings, suggest_commands=suggest_commands)
    # The group itself, from the app without its commands...
    shell = copy.copy(app)
    shell.registered_commands = []
    shell.registered_groups = []
    shell_info = copy.copy(info)
    shell_info.typer_instance = shell
    shell_info.cls = LazyGroup
    group = get_group_from_info(shell_info, **settings, suggest_commands=suggest_commands)
    assert isinstance(group, LazyGroup)
    # ...then each command, in Typer's order: commands first, then groups.
    for command_info in app.registered_commands:
        assert command_info.callback is not None
        name = command_info.name or get_command_name(command_info.callback.__name__)
        text = command_info.help
        stub = TyperCommand(
            name=name,
            help=inspect.getdoc(command_info.callback) if text is None else inspect.cleandoc(text),
            short_help=command_info.short_help,
            hidden=command_info.hidden,
            deprecated=command_info.deprecated,
        )
        group.commands.add_lazy(name, partial(_built, command_info, **settings), stub)
    for sub_info, solved in zip(app.registered_groups, groups, strict=True):
        stub = TyperCommand(
            name=solved.name,
            help=solved.help,
            short_help=solved.short_help,
            hidden=solved.hidden,
            deprecated=solved.deprecated,
        )
        build = partial(typer_group, sub_info, **settings, suggest_commands=suggest_commands)
        group.commands.add_lazy(str(solved.name), build, stub)
    return group
