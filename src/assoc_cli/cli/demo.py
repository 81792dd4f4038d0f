"""``assoc demo``: build the fictional demo association and print a tour."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import typer

from assoc_cli.cli.common import fail, resolve_lang, usage_error
from assoc_cli.i18n import t


def register(app: typer.Typer) -> None:
    """Add ``demo`` to the root command."""
    app.command("demo")(demo)


def demo(
    ctx: typer.Context,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db", help="Where to build it (default: demo.db in the user data directory)."
        ),
    ] = None,
    replace: Annotated[
        bool,
        typer.Option("--replace", help="Rebuild it when an assoc database already exists there."),
    ] = False,
) -> None:
    """Build a fictional demo association (示范市装备制造业协会) in its own file and print a tour.

    \b
    Example:
      assoc demo --db demo.db
    """
    from assoc_cli.db.engine import open_database, unit_of_work
    from assoc_cli.db.location import default_database_path
    from assoc_cli.db.maintenance import revision_state
    from assoc_cli.demo.build import build_demo
    from assoc_cli.dues.balances import refresh_before_commit

    # (a Path keeps "postgresql+psycopg://…" as "postgresql+psycopg:/…")
    if db is not None and re.match(r"[a-z][a-z0-9+.-]*:/", str(db)):
        raise usage_error(
            "the demo is built in a SQLite file; build it there, then copy it to the server "
            "with: assoc --db demo.db db copy --to URL",
            zh="演示数据库建在 SQLite 文件中;请先在那里建好,再复制到服务器:assoc --db demo.db db copy --to URL",
            hint="'--db'",
        )
    path = (db or default_database_path().with_name("demo.db")).expanduser().resolve()
    url = f"sqlite:///{path}"
    if path.exists():
        if not replace:
            fail(
                f"{path} already exists; add --replace to rebuild the demo there, "
                "or choose another --db",
                zh=f"{path} 已存在;如要在那里重建演示数据库,请加 --replace,或换一个 --db",
            )
        # --replace replaces an assoc database only: an empty file, another program's
        # file or database is refused untouched (revision_state says which it is).
        revision_state(url)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    engine = open_database(url, create=True)
    try:
        with unit_of_work(engine, before_commit=refresh_before_commit) as session:
            facts = build_demo(session=session)
            example = facts["example"].short_name or facts["example"].number
            meeting = facts["meeting"].id
    finally:
        engine.dispose()
    lang = resolve_lang(ctx)
    typer.echo(
        t(
            "msg.demo_built",
            lang,
            name=facts["association"],
            members=facts["members"],
            path=path,
        )
    )
    typer.echo(t("msg.demo_tour", lang, path=path, example=example, meeting=meeting))
