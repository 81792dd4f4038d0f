"""What every command shares: global state, common options, the error edge, the database.

Nothing here imports SQLAlchemy, SQLModel, Alembic or the renderer at module level:
``assoc --help`` must stay fast. The database stack is imported inside ``open_session``
and ``open_reader``, the renderer inside ``render`` and ``emit``.
"""

from __future__ import annotations

import gc
import io
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TextIO

import typer

from assoc_cli.cli.lazy import LazyGroup
from assoc_cli.errors import EXIT_ERROR, AssocError, ImportFileError
from assoc_cli.listing import Listing, OutputFormat

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlmodel import Session

    from assoc_cli.db.reader import DbSession, Reader, Writer
    from assoc_cli.meetings.papers import Paper


# True when this process runs one command and exits (set by the console script, never by
# tests that run many commands in one process).
ONE_SHOT = False
# What a command says inside a writing unit of work waits here until that unit has
# committed (``open_session``): nobody is told of a receipt, an import or a change that
# was then not saved. None outside such a unit. Each entry: (to stderr?, text, newline?).
_AFTER_COMMIT: list[tuple[bool, str, bool]] | None = None


@dataclass
class AppState:
    """Global options from the root callback, kept on ``ctx.obj``."""

    db: str | None = None
    lang: str | None = None
    operator: str | None = None
    # The output language once a command has settled it (for its error messages).
    resolved_lang: str | None = None
    # --yes: never ask (take the command line as it is); --quiet: no next-step hints.
    yes: bool = False
    quiet: bool = False


def fail(text: str, code: int = EXIT_ERROR, *, zh: str | None = None) -> NoReturn:
    """Print one ``Error: …`` line to stderr and exit with *code*: *text* in English, or
    *zh* (Simplified Chinese) in the current command's output language."""
    from assoc_cli.i18n.controls import spelled_out

    if zh is not None:
        lang = current_language()
        text = text if lang == "en" else in_language(zh, lang)
    one_line = " ".join(part.strip() for part in str(text).splitlines() if part.strip())
    sys.stderr.write(f"Error: {spelled_out(one_line)}\n")
    raise typer.Exit(code)


def current_language() -> str:
    """The output language of the command running now (for an error said outside the
    error edge), else --lang, ASSOC_LANG or Simplified Chinese."""
    try:  # Typer ships its own copy of Click, whose context stack is the one in use
        from typer._click.globals import get_current_context
    except ImportError:  # (an older Typer runs on Click itself)
        from click import get_current_context  # type: ignore[no-redef]

    ctx = get_current_context(silent=True)
    if ctx is None:
        from assoc_cli.i18n import DEFAULT_LANG

        return DEFAULT_LANG
    return error_language(ctx)


def usage_error(
    text: str | AssocError, *, zh: str | None = None, hint: str | None = None
) -> typer.BadParameter:
    """A usage error (exit 2) whose message is in the output language: English *text* or
    Simplified Chinese *zh* (an AssocError brings both). Click's own frame around it
    (``Invalid value for '--x':``, ``Usage:``) stays as Click prints it."""
    if isinstance(text, AssocError):
        zh, text = text.zh, str(text)
    lang = current_language()
    shown = in_language(zh, lang) if zh and lang != "en" else text
    return typer.BadParameter(shown, param_hint=hint)


def unacceptable(arg: str) -> tuple[str, str] | None:
    """None for plain text; else (why, the argument spelled out safely): bytes that are
    not UTF-8 (Python keeps them as lone surrogates) or a control character."""
    try:
        arg.encode("utf-8")
    except UnicodeEncodeError:
        raw = arg.encode("utf-8", "surrogateescape")
        return "is not valid UTF-8 text", raw.decode("utf-8", "backslashreplace")
    from assoc_cli.i18n.controls import has_control, spelled_out

    if has_control(arg):
        return "holds a control character", spelled_out(arg)
    return None


_UNACCEPTABLE_ZH = {
    "is not valid UTF-8 text": "不是有效的 UTF-8 文本;请重新输入,或把终端设为 UTF-8",
    "holds a control character": "含有控制字符;请去掉控制字符(终端转义、双向控制符)后重新输入",
}


def refuse_unacceptable(value: str | None, what: str, what_zh: str | None = None) -> None:
    """A usage error when *value* (the command line's *what*) is not UTF-8 text or holds a
    control character; nothing for plain text or None."""
    problem = None if value is None else unacceptable(value)
    if problem is not None:
        why, shown = problem
        hint = (
            "retype it, or set the terminal to UTF-8"
            if why.startswith("is not")
            else "retype it without the control characters (terminal escapes, bidi marks)"
        )
        raise usage_error(
            f'{what} ("{shown}") {why}; {hint}',
            zh=f"{what_zh or what}(“{shown}”){_UNACCEPTABLE_ZH[why]}",
        )


class AssocGroup(LazyGroup):
    """The root command group: turns every AssocError into one error line and its exit code,
    and imports a command's module only when that command runs."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Refuse an argument that is not valid UTF-8 text (a terminal in another encoding,
        a mistyped byte) or that holds a control character (a terminal escape, a bidi
        override) before anything reads or stores it: one usage error, not a traceback
        from deep inside the database driver, nor a name that clears the screen."""
        for position, arg in enumerate(args, 1):
            refuse_unacceptable(arg, f"argument {position}", f"第 {position} 个参数")
        return list(super().parse_args(ctx, args))

    def invoke(self, ctx: Any) -> Any:
        """Run the command; a user's mistake never shows a traceback."""
        try:
            return super().invoke(ctx)
        except ImportFileError as exc:
            lang = error_language(ctx)
            sys.stderr.write(f"Error: {in_language(exc.text(lang), lang)}\n")
            for problem in exc.problems:
                en, zh = (problem, None) if isinstance(problem, str) else problem
                shown = zh if zh and lang != "en" else en
                sys.stderr.write(f"  {in_language(shown, lang)}\n")
            raise typer.Exit(exc.exit_code) from None
        except AssocError as exc:
            lang = error_language(ctx)
            fail(in_language(exc.text(lang), lang), exc.exit_code)
        except BrokenPipeError:
            # Whoever read the output stopped early (`assoc members list -f csv | head`):
            # stop quietly, as Unix tools do; output not yet flushed goes nowhere.
            _silence_stdout()
            raise typer.Exit(EXIT_ERROR) from None
        except OSError as exc:
            # An output file or folder that cannot be written, an input that cannot be read.
            where = f" {exc.filename}" if exc.filename else ""
            fail(
                f"cannot use{where}: {exc.strerror or exc}; choose another file or folder",
                zh=f"无法使用{where}:{exc.strerror or exc};请换一个文件或文件夹",
            )
        except OverflowError:
            fail(
                "a number given is too large to store; check the value",
                zh="给出的数字太大,无法保存;请检查数值",
            )
        except Exception as exc:
            if type(exc).__module__ == "sqlite3" or type(exc).__module__.startswith("sqlalchemy"):
                # SQLite's errors about the file itself (damaged, disk full, read-only), from
                # a raw cursor or an engine that did not name its file: about --db's file.
                from assoc_cli.db.location import sqlite_path
                from assoc_cli.db.opening import explain_sqlite_error

                explained = explain_sqlite_error(exc, sqlite_path(database_url(ctx)))
                if explained is not None:
                    fail(str(explained), zh=explained.zh)
            if type(exc).__module__ == "sqlite3":
                fail(f"SQLite could not do it: {exc}", zh=f"SQLite 无法完成此操作:{exc}")
            if type(exc).__module__.startswith("sqlalchemy"):
                reason = str(getattr(exc, "orig", None) or exc).strip()
                if getattr(getattr(exc, "orig", None), "sqlstate", None) == "42501":
                    # The server refused this user (a role without the grant): say which
                    # role it takes, not a traceback or the raw driver message.
                    from assoc_cli.db.roles import login_name, refusal

                    refused = refusal(reason, login_name(database_url(ctx)))
                    fail(str(refused), zh=refused.zh)
                if (
                    "locked" in reason
                    or "lock timeout" in reason
                    or "could not obtain lock" in reason
                ):
                    fail(
                        "another assoc kept the database busy for too long; nothing was changed — try again",
                        zh="另一个 assoc 占用数据库过久;未作任何改动,请重试",
                    )
                fail(
                    f"the database refused the change: {reason.splitlines()[0]}",
                    zh=f"数据库拒绝了这项改动:{reason.splitlines()[0]}",
                )
            raise


def error_language(ctx: Any) -> str:
    """The language of an error: the command's output language when it got that far,
    else --lang, ASSOC_LANG or Simplified Chinese."""
    chosen = state(ctx).resolved_lang
    if chosen:
        return chosen
    try:
        return resolve_lang(ctx)
    except AssocError:  # an unknown --lang: say the error in the default language
        from assoc_cli.i18n import DEFAULT_LANG

        return DEFAULT_LANG


def in_language(text: str, lang: str) -> str:
    """*text* (Simplified Chinese or English) as printed in *lang*: converted to
    Traditional by OpenCC, full-width punctuation next to Chinese."""
    if lang == "en":
        return text
    from assoc_cli.i18n import localize
    from assoc_cli.i18n.punctuation import chinese_punctuation

    return chinese_punctuation(localize(text, lang))


def _silence_stdout() -> None:
    """Point stdout at the null device, so flushing it at exit does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass  # not a real file (a test's captured output)


def state(ctx: typer.Context) -> AppState:
    """The AppState of this invocation."""
    obj = ctx.find_root().obj
    if not isinstance(obj, AppState):
        obj = AppState()
        ctx.find_root().obj = obj
    return obj


def database_url(ctx: typer.Context) -> str:
    """The database URL from --db, ASSOC_DB or the user data directory."""
    from assoc_cli.db.location import resolve_database_url

    return resolve_database_url(state(ctx).db)


@contextmanager
def _database(ctx: typer.Context, *, write: bool, create: bool = False) -> Iterator[Engine]:
    """The command's database, its schema upgraded on first use. Only with *create*
    (``init``) is a missing database file created; a command that only reads (*write*
    False) opens a file it cannot write read-only. When the command fails on a database
    it has just set up, that database is removed again."""
    from assoc_cli.db.engine import forget_new_database, open_database
    from assoc_cli.db.location import sqlite_path

    url = database_url(ctx)
    path = sqlite_path(url)
    existed = path is None or path.exists()
    engine, was_empty = open_database(url, create=create, write=write, report_empty=True)
    if ONE_SHOT:
        # Start-up is over, and what it made (modules, classes, tables) lives until exit:
        # take it out of the garbage collector's sight. A full collection over it costs
        # tens of milliseconds and frees nothing.
        gc.freeze()
    try:
        yield engine
    except BaseException:
        if was_empty:
            # The command set up this database and then failed: leave no trace of it.
            forget_new_database(engine, None if existed else path)
        raise
    finally:
        engine.dispose()


@contextmanager
def open_session(
    ctx: typer.Context, *, write: bool = True, create: bool = False
) -> Iterator[tuple[Session, str]]:
    """One transaction for the whole command (an ORM session), and the output language.

    Upgrades the schema on first use. Commits when the block ends, rolls back on error.
    Only *create* (``assoc init``) makes a database file where there is none.
    """
    from assoc_cli.db.engine import unit_of_work

    def unit(engine: Engine, before_commit: Callable[[Any], None] | None) -> Any:
        return unit_of_work(engine, write=write, before_commit=before_commit)

    with _unit_of_work(ctx, unit, write=write, create=create) as opened:
        yield opened


@contextmanager
def open_writer(ctx: typer.Context) -> Iterator[tuple[Writer, str]]:
    """Like a writing ``open_session``, on a plain connection: no ORM, so neither SQLModel
    nor pydantic is imported (the commands at the counter, ``dues pay``). What the
    command inserts it logs itself (``db.audit.record_inserts``)."""
    from assoc_cli.db.engine import writing

    def unit(engine: Engine, before_commit: Callable[[Any], None] | None) -> Any:
        return writing(engine, before_commit=before_commit)

    with _unit_of_work(ctx, unit, write=True) as opened:
        yield opened


@contextmanager
def _unit_of_work(
    ctx: typer.Context,
    unit: Callable[[Engine, Callable[[Any], None] | None], Any],
    *,
    write: bool,
    create: bool = False,
) -> Iterator[Any]:
    """The command's transaction made by *unit* (an ORM session or a Core writer), with
    the stored balances refreshed before a write commits; what the command said is
    printed only once it has committed."""
    from assoc_cli.db.audit import Actor, current_actor

    command = ctx.command_path.split(" ", 1)[1] if " " in ctx.command_path else ctx.command_path
    current_actor.set(Actor(state(ctx).operator, command))
    before_commit: Callable[[Any], None] | None = None
    if write:  # (a read has nothing to refresh: it need not load the dues ledger)
        from assoc_cli.dues.balances import refresh_before_commit as before_commit

    global _AFTER_COMMIT
    outer = _AFTER_COMMIT
    pending: list[tuple[bool, str, bool]] = []
    if write:
        _AFTER_COMMIT = pending
    from assoc_cli.organisation.queries import expired_terms

    try:
        with (
            expired_terms() as expired,
            _database(ctx, write=write, create=create) as engine,
            unit(engine, before_commit) as session,
        ):
            lang = resolve_lang(ctx, session)
            yield session, lang
    finally:
        _AFTER_COMMIT = outer
    say_expired_terms(expired, lang)
    # Only now, after the commit (an error above leaves these unsaid):
    from assoc_cli.i18n.controls import spelled_out

    for to_stderr, text, newline in pending:
        if to_stderr:
            message(text)  # (now that the commit is done, said at once)
        else:
            typer.echo(spelled_out(text), nl=newline)
    deferred = session.info.get("balances_deferred")
    if deferred:
        from assoc_cli.i18n import t

        message(t("msg.balances_deferred", lang, count=deferred))


@contextmanager
def open_reader(ctx: typer.Context) -> Iterator[tuple[Reader, str]]:
    """A read-only transaction for a report, and the output language. No ORM: the report
    queries the Core tables (``db/core.py``), so neither SQLModel nor pydantic is imported.
    """
    from assoc_cli.db.engine import read_only
    from assoc_cli.organisation.queries import expired_terms

    with (
        expired_terms() as expired,
        _database(ctx, write=False) as engine,
        read_only(engine) as reader,
    ):
        lang = resolve_lang(ctx, reader)
        yield reader, lang
    say_expired_terms(expired, lang)


def say_expired_terms(expired: set[Any], lang: str) -> None:
    """Say once, on stderr, that the command used a term that has ended (换届 is due)."""
    if not expired:
        return
    from assoc_cli.i18n import t, term_label
    from assoc_cli.i18n.dates import format_date

    for term in sorted(expired, key=lambda term: term.number):
        message(
            t(
                "msg.term_expired",
                lang,
                label=term_label(term.number, lang),
                end=format_date(term.end_on, lang),
            )
        )


def resolve_lang(ctx: typer.Context, session: DbSession | None = None) -> str:
    """--lang, then ASSOC_LANG, then the association profile, then Simplified Chinese."""
    from assoc_cli.i18n import DEFAULT_LANG, env_lang, normalize_lang

    chosen = state(ctx).lang
    if chosen:
        return normalize_lang(chosen)
    from_env = env_lang()
    if from_env:
        return from_env
    if session is not None:
        from assoc_cli.association.queries import association_language

        language = association_language(session)
        if language:
            state(ctx).resolved_lang = language
            return language
    return DEFAULT_LANG


def date_option(value: str | None, option: str) -> date | None:
    """A date typed for *option*, in any accepted spelling; a bad one is a usage error (2)."""
    if value is None:
        return None
    from assoc_cli.i18n.dates import parse_date

    try:
        return parse_date(value)
    except AssocError as exc:
        raise usage_error(exc, hint=f"'{option}'") from None


def today() -> date:
    """Today's date (one place, so tests and --as-of agree on what "today" is)."""
    return date.today()


FormatOption = Annotated[
    OutputFormat,
    typer.Option(
        "--format",
        "-f",
        help="Output: table (people), plain (text), csv or json (machines).",
        case_sensitive=False,
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", help="The date the answer is for (default: today), e.g. 2022-11-30."),
]
TermOption = Annotated[
    int | None,
    typer.Option("--term", help="Term number (届), e.g. 2; default: the current term."),
]


OUTPUT_SUFFIXES = (".csv", ".xlsx", ".json")


def _output_file(value: Path | None) -> Path | None:
    """-o FILE must name a .csv, .xlsx or .json file: refused before any work is done."""
    if value is not None and value.suffix.lower() not in OUTPUT_SUFFIXES:
        raise typer.BadParameter("the file must end in .csv, .json or .xlsx")
    return value


OutputOption = Annotated[
    Path | None,
    typer.Option(
        "-o",
        "--output",
        help=(
            "Write to this file instead, for people: .csv (Excel/WPS: headers in the output "
            "language, long numbers kept as text), .xlsx (amounts, counts and dates typed) "
            "or .json (as -f json)."
        ),
        callback=_output_file,
    ),
]


def render(listing: Listing, fmt: OutputFormat, lang: str, out: TextIO | None = None) -> None:
    """Print *listing* in *fmt* (``assoc_cli.output.render``, imported when first needed)."""
    from assoc_cli.output import render as render_listing

    render_listing(listing, fmt, lang, out=out)


def render_result(result: Any, fmt: OutputFormat, lang: str) -> None:
    """Print a command's ``Listing`` or ``Report`` in *fmt* (``assoc_cli.output.render_result``)."""
    from assoc_cli.output import render_result as print_result

    print_result(result, fmt, lang)


def message(text: str) -> None:
    """A message for people, on stderr (``assoc_cli.output.message``); inside a writing
    unit of work, said only once it has committed."""
    if _AFTER_COMMIT is not None:
        _AFTER_COMMIT.append((True, text, True))
        return
    from assoc_cli.output import message as say

    say(text)


def hint(ctx: typer.Context, text: str) -> None:
    """One next-step hint on stderr (never stdout), after the commit like every message;
    none with --quiet."""
    if not state(ctx).quiet:
        message(text)


def echo(text: object, *, nl: bool = True) -> None:
    """Data on stdout (a new receipt or member number); inside a writing unit of work,
    printed only once it has committed."""
    if _AFTER_COMMIT is not None:
        _AFTER_COMMIT.append((False, str(text), nl))
        return
    from assoc_cli.i18n.controls import spelled_out

    typer.echo(spelled_out(str(text)), nl=nl)


def emit(result: Any, fmt: OutputFormat, lang: str, output: Path | None) -> None:
    """Print what a command returned (a ``Listing`` or ``Report``) in *fmt*, or write it to
    *output*: ``.csv`` and ``.xlsx`` for people (``files.spreadsheets.write_result_file``:
    headers in *lang*, digits kept as text, typed cells), ``.json`` as ``-f json``."""
    if output is None:
        render_result(result, fmt, lang)
        return
    suffix = output.suffix.lower()
    if suffix == ".json":
        from assoc_cli.files.atomic import writing
        from assoc_cli.output import render_result as print_result

        with writing(output, encoding="utf-8") as handle:
            print_result(result, OutputFormat.json, lang, out=handle)
    elif suffix in (".csv", ".xlsx"):
        from assoc_cli.files.spreadsheets import write_result_file

        listings = [result] if isinstance(result, Listing) else [p for _, p in result.parts]
        for warning in (w for listing in listings for w in listing.warnings):
            message(warning)
        write_result_file(output, result, lang)
        for note in (n for listing in listings for n in listing.notes):
            message(note)
        for note in [] if isinstance(result, Listing) else result.notes:
            message(note)
    else:
        raise usage_error(
            "the file must end in .csv, .json or .xlsx",
            zh="文件名须以 .csv、.json 或 .xlsx 结尾",
            hint="'-o'",
        )
    from assoc_cli.i18n import t

    message(t("msg.written", lang, file=output))


def for_machines(fmt: OutputFormat, output: Path | None) -> bool:
    """Whether the answer goes to a machine: ``-f csv|json`` on stdout, or ``-o FILE.json``."""
    if output is None:
        return fmt.for_machines
    return output.suffix.lower() == ".json"


def every_column(fmt: OutputFormat, output: Path | None) -> bool:
    """Whether the answer is built with every column as one table (no bars): for
    machines (``-f csv|json``) and for any file (``-o``), where people sort, filter and sum."""
    return output is not None or fmt.for_machines


def year_option(value: int | None, option: str) -> int | None:
    """A year typed for *option*: 1980–2100, or a usage error."""
    if value is not None and not 1980 <= value <= 2100:
        raise usage_error(
            f"{value} is not a year assoc can use; give one like 2022",
            zh=f"{value} 不是可用的年份;请给出像 2022 这样的年份",
            hint=f"'{option}'",
        )
    return value


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on stderr while a long check runs, when a person is watching
    (stderr is a terminal): yields ``tick(done, total)``; else None (pipes, scripts, CI).
    The bar goes away when done, leaving only the result."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    bar = Progress(transient=True, console=Console(stderr=True))
    task: list[Any] = []

    def tick(done: int, total: int) -> None:
        if not task:
            task.append(bar.add_task(label, total=total))
        bar.update(task[0], completed=done)

    with bar:
        yield tick


def paper_format(fmt: str | None, output: Path | None, formats: type[StrEnum]) -> str:
    """The format to write: --format, else the suffix of -o, else md. A suffix that
    contradicts --format, or names a format the paper has not, is a usage error — never
    Markdown in a file called .docx or .xlsx."""
    known = {each.value for each in formats}
    suffix = output.suffix.lower().removeprefix(".") if output is not None else ""
    if suffix and suffix not in known:
        raise usage_error(
            f"{output}: this paper is written as {', '.join('.' + k for k in known)}; "
            "name the file with one of them",
            zh=f"{output}:这份文件写成 {'、'.join('.' + k for k in known)};请用其中之一作文件扩展名",
            hint="'-o'",
        )
    if fmt is None:
        return suffix or "md"
    if suffix and suffix != fmt:
        raise usage_error(
            f"{output} ends in .{suffix} but --format is {fmt}; make them agree",
            zh=f"{output} 以 .{suffix} 结尾,但 --format 是 {fmt};请让两者一致",
            hint="'-o'",
        )
    return str(fmt)


def write_paper(paper: Paper, fmt: str, output: Path | None, lang: str) -> None:
    """Print *paper* (md, txt) or write it to *output* (a .docx always goes to a file, named
    after the meeting when none is given)."""
    from assoc_cli.files.papers import render_text, save
    from assoc_cli.i18n import t

    if output is None and fmt != "docx":
        sys.stdout.write(render_text(paper.document, fmt))
        return
    path = output or Path(f"{paper.name}.{fmt}")
    save(paper.document, path, fmt)
    message(t("msg.written", lang, file=path))
