"""Prompts for what is missing, on a terminal only.

A command run at a terminal without the member or meeting it needs asks for it; a name
that matches several members (or meetings), or none but some nearly, offers them as a
numbered choice (``errors.chooser``, consulted by ``resolve_member`` and
``resolve_meeting``: the same matching as on the command line); ``dues pay`` confirms the
money before writing. Nothing is ever asked when stdin is not a terminal (scripts, pipes,
cron, tests) or with ``--yes``: the command then fails with its usual error, exit 1 or 2.
Prompts and choices go to stderr, so stdout stays data.
"""

from __future__ import annotations

import sys
from functools import partial
from typing import Any

import typer

from assoc_cli.cli.common import current_language, in_language, state
from assoc_cli.errors import AssocError, chooser

# What is asked for a missing value, by the completer of its parameter.
_ASKED = {
    "complete_members": (
        "Member (number, name, short name or part of the name)",
        "会员（编号、名称、简称或名称的一部分）",
    ),
    "complete_meetings": (
        "Meeting (number, date or part of the title)",
        "会议（编号、日期或标题的一部分）",
    ),
}


class DeclinedError(AssocError):
    """The person at the terminal declined; nothing was changed."""


def interactive(ctx: Any) -> bool:
    """Whether this command may ask: stdin is a terminal, --yes was not given, and the
    process is not answering a shell's completion request."""
    if getattr(ctx, "resilient_parsing", False) or state(ctx).yes:
        return False
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):  # closed or replaced stdin
        return False


def _say(en: str, zh: str) -> str:
    lang = current_language()
    return en if lang == "en" else in_language(zh, lang)


def ask_text(en: str, zh: str) -> str:
    """One line typed at the terminal (asked again when empty), the question on stderr."""
    while True:
        answer = str(typer.prompt(_say(en, zh), err=True, default="", show_default=False))
        if answer.strip():
            return answer.strip()


def pick_by_number(text: str, labels: list[str]) -> int:
    """The index of the candidate a person picks from a numbered list (0 cancels)."""
    if len(labels) == 1:
        intro = _say(f'"{text}" is not found; did you mean:', f"没有找到“{text}”，是不是指：")
    else:
        intro = _say(f'"{text}" matches several:', f"“{text}”与多项相符：")
    typer.echo(intro, err=True)
    for number, label in enumerate(labels, 1):
        typer.echo(f"  {number}. {label}", err=True)
    count = len(labels)
    question = _say(f"Choose 1–{count} (0 cancels)", f"请选择 1–{count}（0 取消）")
    while True:
        answer = str(
            typer.prompt(
                question, err=True, default="1" if count == 1 else "", show_default=count == 1
            )
        )
        if answer.strip().isdigit() and 0 <= int(answer) <= count:
            break
    if int(answer) == 0:
        raise DeclinedError("cancelled; nothing was changed", zh="已取消，未作任何改动")
    return int(answer) - 1


def confirm(ctx: Any, en: str, zh: str) -> None:
    """Ask *en*/*zh* with [y/N] when the command is interactive; anything but yes cancels
    (nothing was changed). Without a terminal, or with --yes, nothing is asked."""
    if not interactive(ctx):
        return
    if not typer.confirm(_say(en, zh), default=False, err=True):
        raise DeclinedError("cancelled; nothing was changed", zh="已取消，未作任何改动")


def start(ctx: Any) -> None:
    """Settle for this command whether ambiguous names are offered as a choice."""
    chooser.set(pick_by_number if interactive(ctx) else None)


def _ask_missing(en: str, zh: str) -> str | None:
    """The default of a required member or meeting argument: asked at a terminal; None
    elsewhere (Click then says the argument is missing, exit 2, as before)."""
    from typer._click.globals import get_current_context

    ctx = get_current_context(silent=True)
    if ctx is None or not interactive(ctx):
        return None
    return ask_text(en, zh)


def ask_when_missing(command: Any) -> Any:
    """Make *command*'s required member or meeting arguments ask when left out (at a
    terminal only); its usage and help stay as they were."""
    from assoc_cli.cli.completion import completer_name

    for param in getattr(command, "params", ()):
        asked = _ASKED.get(completer_name(param) or "")
        if asked is not None and param.param_type_name == "argument" and param.required:
            param.default = partial(_ask_missing, *asked)
            param.show_default = False
    return command
