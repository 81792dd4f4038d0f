"""The ``assoc`` command tree. Each group lives in its own module; this one joins them."""

from __future__ import annotations

from typing import Annotated

import typer

from assoc_cli import __version__
from assoc_cli.cli import (
    actions,
    association,
    audit,
    db,
    demo,
    dues,
    meetings,
    members,
    offices,
    terms,
)
from assoc_cli.cli.common import AppState, AssocGroup

app = typer.Typer(
    name="assoc",
    cls=AssocGroup,
    help=(
        "Run an industry association's secretariat (协会秘书处): roster, dues, meetings.\n\n"
        "\b\nExample:\n  assoc init --name 淄博市装备制造业协会 --short-name 市装协"
    ),
    no_args_is_help=True,
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
            help="Who is making changes, for the audit log (default: the OS user).",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Run an industry association's secretariat (协会秘书处)."""
    ctx.obj = AppState(db=db_location, lang=lang, operator=operator)


association.register(app)
app.add_typer(members.app, name="members")
app.add_typer(terms.app, name="terms")
app.add_typer(offices.app, name="offices")
app.add_typer(dues.app, name="dues")
app.add_typer(meetings.app, name="meetings")
app.add_typer(actions.app, name="actions")
app.add_typer(db.app, name="db")
demo.register(app)
audit.register(app)


def main() -> None:
    """Console-script entry point."""
    app(prog_name="assoc")
