"""Shell completion of the data (``assoc --install-completion``): Click ``shell_complete``
callbacks for the arguments and options that name members, meetings, receipts, offices,
tiers and kinds, and the shell classes that put a Chinese name on the command line.

Each callback looks in the database the command would open (``--db``, ``ASSOC_DB`` or the
user data directory) through ``db/completion.py``: an index lookup on a plain DB-API
connection, silent on every error. Imported by the command modules at start-up, so it
imports nothing heavy itself.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

try:  # Typer ships its own copy of Click; its completion machinery is the one in use
    from typer._click import shell_completion
except ImportError:  # (an older Typer runs on Click itself)
    from click import shell_completion  # type: ignore[no-redef]

Completer = Callable[[Any, str], list[tuple[str, str]]]
# Each completer by the name of its lookup in db/completion.py (see _unfiltered).
_COMPLETERS: dict[str, Completer] = {}


def _database_option(ctx: Any) -> str | None:
    """``--db`` as given to the command being completed (Click has read ASSOC_DB into it)."""
    root = ctx.find_root()
    value = root.params.get("db_location") if root.params else None
    return value if isinstance(value, str) else None


def _completer(name: str) -> Completer:
    """An ``autocompletion`` callback offering ``db.completion.<name>``'s candidates, each
    (value, what a shell shows beside it)."""

    def complete(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
        try:
            from assoc_cli.db import completion

            find = getattr(completion, name)
            candidates = find(_database_option(ctx), incomplete)
            return [(c.value, c.help or "") for c in candidates]
        except Exception:  # completion never prints an error into a command line
            return []

    complete.__name__ = complete.__qualname__ = name
    _COMPLETERS[name] = complete
    return complete


complete_member = _completer("complete_members")
complete_meeting = _completer("complete_meetings")
complete_receipt = _completer("complete_receipts")
complete_request = _completer("complete_requests")
complete_office = _completer("complete_offices")
complete_tier = _completer("complete_tiers")
complete_meeting_kind = _completer("complete_meeting_kinds")


def completer_name(param: Any) -> str | None:
    """The name of our completer behind *param* ("complete_members"…), if it has one."""
    found = _unfiltered(param)
    return None if found is None else found.__name__


def _unfiltered(param: Any) -> Completer | None:
    """Our completer behind *param*, if it has one. Typer wraps an ``autocompletion``
    callback in one that keeps only the values starting with the typed text — which
    would drop 山东双涵… for ``sdsh`` — so the shell classes below call ours directly.
    (Typer's own ``shell_complete=`` passes values through but is deprecated.)"""
    wrapper = getattr(param, "_custom_shell_complete", None)
    for cell in getattr(wrapper, "__closure__", None) or ():
        try:
            inner = getattr(cell.cell_contents, "__wrapped__", None)
        except ValueError:  # an empty cell
            continue
        if inner is not None and inner in _COMPLETERS.values():
            return inner  # type: ignore[no-any-return]
    return None


# ------------------------------------------------------------------ the shells' side

# Characters bash would read as syntax in a name put on the command line as it is
# (示范(新)材料有限公司, A&B 公司): each is escaped with a backslash, as bash's own
# filename completion does.
_BASH_SPECIAL = set(" \t\n\"'\\()<>&;|*?[]$`!{}#~=,")


def _bash_word(value: str) -> str:
    return "".join("\\" + char if char in _BASH_SPECIAL else char for char in value)


def install_shell_classes() -> None:
    """Register assoc's bash and zsh completion over Typer's (called when a completion
    request is being answered, after Typer registered its own):

    - bash: a name with shell syntax in it is escaped (Typer puts it on the line raw);
    - zsh: candidates that do not start with the typed text (``sdsh`` → 山东双涵…, ``双涵``
      → 山东双涵…) are still offered (``compadd -U``), where Typer's ``_arguments`` would
      filter them out by prefix. Fish filters by its own rules: there, names complete by
      their beginning and numbers, and pinyin initials do not.
    """
    from typer import _completion_classes as typer_classes

    def get_completions(shell: Any, args: list[str], incomplete: str) -> list[Any]:
        """Click's get_completions, but our completers' answers are taken whole."""
        try:
            ctx = shell_completion._resolve_context(
                shell.cli, shell.ctx_args, shell.prog_name, args
            )
            obj, incomplete = shell_completion._resolve_incomplete(ctx, args, incomplete)
            ours = _unfiltered(obj)
            if ours is not None:
                return [
                    shell_completion.CompletionItem(value, help=text or None)
                    for value, text in ours(ctx, incomplete)
                ]
        except Exception:
            return []
        return list(obj.shell_complete(ctx, incomplete))

    class BashComplete(typer_classes.BashComplete):
        def get_completions(self, args: list[str], incomplete: str) -> list[Any]:
            return get_completions(self, args, incomplete)

        def format_completion(self, item: Any) -> str:
            return _bash_word(str(item.value))

    class FishComplete(typer_classes.FishComplete):
        def get_completions(self, args: list[str], incomplete: str) -> list[Any]:
            return get_completions(self, args, incomplete)

    class ZshComplete(typer_classes.ZshComplete):
        def get_completions(self, args: list[str], incomplete: str) -> list[Any]:
            return get_completions(self, args, incomplete)

        def complete(self) -> str:
            args, incomplete = self.get_completion_args()
            items = self.get_completions(args, incomplete)
            if items and any(not str(item.value).startswith(incomplete) for item in items):
                values = [str(item.value) for item in items]
                described = [
                    f"{value}  -- {item.help}" if item.help else value
                    for value, item in zip(values, items, strict=True)
                ]
                return (
                    "local -a _assoc_values _assoc_shown; "
                    f"_assoc_values=({' '.join(_zsh_quote(v) for v in values)}); "
                    f"_assoc_shown=({' '.join(_zsh_quote(d) for d in described)}); "
                    "compadd -U -l -d _assoc_shown -a _assoc_values"
                )
            return str(super().complete())

    shell_completion.add_completion_class(BashComplete, "bash")
    shell_completion.add_completion_class(ZshComplete, "zsh")
    shell_completion.add_completion_class(FishComplete, "fish")


def _zsh_quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def completing() -> bool:
    """Whether this process is answering a shell's completion request."""
    return "_ASSOC_COMPLETE" in os.environ
