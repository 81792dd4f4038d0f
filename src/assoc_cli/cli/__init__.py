"""The ``assoc`` command tree. Each group lives in its own module; this one joins them.

A module is imported only when its command runs (``cli/lazy.py``): ``assoc --help`` lists
the commands from the summaries below, and ``assoc dues …`` loads ``cli/dues.py`` alone.
"""

from __future__ import annotations

import os
from typing import Annotated, Any

import typer

from assoc_cli import __version__
from assoc_cli.cli.common import AppState, AssocGroup, refuse_unacceptable, usage_error
from assoc_cli.cli.lazy import FINISHERS, LazyCommand
from assoc_cli.cli.prompts import ask_when_missing

FINISHERS.append(ask_when_missing)


def _here(module: str, summary: str) -> LazyCommand:
    return LazyCommand(f"assoc_cli.cli.{module}", summary)


# In the order of `assoc --help`. Each summary is the first paragraph of the command's own
# help (tests/cli/test_help.py checks they agree).
COMMANDS: dict[str, LazyCommand] = {
    "today": _here(
        "today",
        "Show what needs attention today (待办事项): dues, notices, meetings, action items, "
        "换届, backups — each with the command that handles it.",
    ),
    "init": _here(
        "association", "Set up the association profile (协会信息); run again to change any field."
    ),
    "info": _here(
        "association",
        "Show the association, where its database is, the schema revision and counts (概况).",
    ),
    "demo": _here(
        "demo",
        "Build a fictional demo association (示范市装备制造业协会) in its own file and print a tour.",
    ),
    "log": _here(
        "audit",
        "Show the audit log (操作日志): who changed what, when, with which command, before and "
        "after. Nothing in it can be edited through assoc.",
    ),
    "members": _here(
        "members",
        "Member roster (会员名册): add, edit, show, list, leave, rejoin, stats, import, export.",
    ),
    "terms": _here("terms", "Terms of office (届): add, edit, list."),
    "offices": _here("offices", "Offices (职务) per term: assign, remove, list, define."),
    "dues": _here(
        "dues",
        "Dues (会费): rates, payments, waivers, voids, unpaid list, collection rate, notices.",
    ),
    "meetings": _here(
        "meetings",
        "Meetings (会议): new, edit, delete, agenda, invite, uninvite, mark, sign-in sheet, "
        "quorum, votes, minutes.",
    ),
    "events": _here(
        "events",
        "Events and training classes (活动、培训班): organisers, sessions, speakers, guests, "
        "people, programme, news release, registrations, fees, sign-in, certificates, papers, "
        "recurring series.",
    ),
    "actions": _here("actions", "Action items (督办事项) with 三落实: add, list, done."),
    "requests": _here(
        "requests",
        "Members' requests (诉求台账): add, edit, handle, extend, reply, close, refuse, transfer, "
        "follow up, list, show, report, overdue, remind, lists, import.",
    ),
    "services": _here(
        "services",
        "Services and visits to members (服务台账/走访台账): add, outcome, list, report, "
        "coverage, uncontacted, settings, summary, import.",
    ),
    "stats": _here(
        "stats",
        "Industry statistics (行业统计): indicators, plans, reports, forms, overdue, totals, 规上.",
    ),
    "party": _here(
        "party",
        "Party register (党建): organisations, units covered, counts, pairings, 1+1+N+X, 三会一课.",
    ),
    "report": _here(
        "report",
        "Reports from the record (报告): the annual report pack (年度工作报告), the term "
        "hand-over pack (换届材料) and the year on one screen.",
    ),
    "db": _here(
        "db", "Database (数据库): upgrade, current, copy, backup, restore, check, refresh, roles."
    ),
}


class RootGroup(AssocGroup):
    """``assoc`` itself: the error edge of AssocGroup over the commands above."""

    lazy_commands = COMMANDS

    def _main_shell_completion(
        self, ctx_args: Any, prog_name: str, complete_var: str | None = None
    ) -> None:
        """Answer a shell's completion request with assoc's bash and zsh classes."""
        if os.environ.get(complete_var or "_ASSOC_COMPLETE"):
            from assoc_cli.cli.completion import install_shell_classes

            install_shell_classes()
        super()._main_shell_completion(ctx_args, prog_name, complete_var)


app = typer.Typer(
    name="assoc",
    cls=RootGroup,
    help=(
        "Run an industry association's secretariat (协会秘书处): roster, dues, meetings.\n\n"
        "\b\nExample:\n  assoc init --name 淄博市装备制造业协会 --short-name 市装协"
    ),
    # `assoc` alone shows the attention page (`assoc today`).
    invoke_without_command=True,
    pretty_exceptions_enable=False,
    # Plain Click formatting: usage errors stay on one "Error:" line and --help needs no rich.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"assoc {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db_location: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar="ASSOC_DB",
            help="Database: a file path or a SQLAlchemy URL (default: the user data directory).",
            show_envvar=True,
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help="Output language: zh-Hans (default), zh-Hant or en; also ASSOC_LANG.",
        ),
    ] = None,
    operator: Annotated[
        str | None,
        typer.Option(
            "--operator",
            envvar="ASSOC_OPERATOR",
            help=(
                "Who is making changes, for the audit log (default: the OS user); on "
                "PostgreSQL the log names the database user, with this name added."
            ),
        ),
    ] = None,
    mode: Annotated[
        str | None,
        typer.Option(
            "--mode",
            envvar="ASSOC_FILE_MODE",
            help=(
                "Permissions of the files and folders assoc writes (exports, papers, backups), "
                "in octal as for chmod, e.g. 0640 (default: 0600, folders 0700)."
            ),
            show_envvar=True,
        ),
    ] = None,
    yes: Annotated[
        bool,
        typer.Option(
            "--yes",
            "-y",
            help="Never ask: no prompt for what is missing, no confirmation (as when stdin "
            "is not a terminal).",
        ),
    ] = False,
    quiet: Annotated[
        bool,
        typer.Option("--quiet", "-q", help="No next-step hints after a command."),
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Run an industry association's secretariat (协会秘书处)."""
    # The environment is typed too: held to the same rule as the arguments (which
    # AssocGroup.parse_args has checked already), so ASSOC_OPERATOR cannot store a terminal
    # escape in the audit log, nor ASSOC_LANG print one in its error.
    refuse_unacceptable(db_location, "--db (or ASSOC_DB)", "--db(或 ASSOC_DB)")
    refuse_unacceptable(operator, "--operator (or ASSOC_OPERATOR)", "--operator(或 ASSOC_OPERATOR)")
    refuse_unacceptable(
        lang or os.environ.get("ASSOC_LANG"), "--lang (or ASSOC_LANG)", "--lang(或 ASSOC_LANG)"
    )
    ctx.obj = AppState(db=db_location, lang=lang, operator=operator, yes=yes, quiet=quiet)
    from assoc_cli.db.locks import lock_timeout_seconds
    from assoc_cli.errors import AssocError
    from assoc_cli.files.atomic import choose_mode
    from assoc_cli.i18n import env_lang, normalize_lang

    try:  # before any work: a command must not act and then fail on its language
        env_lang() if lang is None else normalize_lang(lang)
    except AssocError as exc:
        raise usage_error(exc, hint="'--lang'") from None
    try:
        lock_timeout_seconds()
    except AssocError as exc:
        raise usage_error(exc, hint="ASSOC_LOCK_TIMEOUT") from None
    try:
        choose_mode(mode)
    except AssocError as exc:
        raise usage_error(exc, hint="'--mode'") from None
    from assoc_cli.cli import prompts

    prompts.start(ctx)
    if ctx.invoked_subcommand is None and not ctx.resilient_parsing:
        from assoc_cli.cli.today import show_today

        show_today(ctx, None)


def main() -> None:
    """Console-script entry point: one command, then the process ends."""
    from assoc_cli.cli import common

    common.ONE_SHOT = True
    app(prog_name="assoc")
