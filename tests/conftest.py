"""Test helpers: every test drives the real ``assoc`` command on a real database — a SQLite
file, and (the same tests again) a database on a real PostgreSQL server.

Every path (home, data directory) is redirected into the test's temporary folder, and the
``fails`` helper checks the promise made to users: one ``Error:`` line, the right exit
code, no traceback, and the database exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from typer.testing import CliRunner, Result

from assoc_cli.cli import app
from tools import pg_server

# In CI every run explores the same examples, so a run's colour never depends on luck;
# locally hypothesis keeps searching new ones.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

BACKENDS = ["sqlite", "postgresql"]
# For the few tests about SQLite files themselves (permissions, paths, the file format).
sqlite_only = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the real user's files or settings."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local/share"))
    monkeypatch.delenv("ASSOC_DB", raising=False)
    monkeypatch.delenv("ASSOC_LANG", raising=False)
    monkeypatch.setenv("COLUMNS", "200")


@pytest.fixture(scope="session")
def postgres() -> Iterator[pg_server.PgServer]:
    """A throwaway PostgreSQL server for the whole session (skipped when not installed)."""
    server = pg_server.start()
    if isinstance(server, str):
        if os.environ.get("ASSOC_REQUIRE_PG"):
            pytest.fail(server)
        pytest.skip(server)
    yield server
    server.stop()


def _rows(connection: Any, table: Any) -> list[str]:
    from sqlalchemy import select

    query = select(table).order_by(*table.primary_key.columns)
    return [f"{table.name}: {tuple(row)!r}" for row in connection.execute(query)]


def snapshot(db: Path | str) -> str:
    """Everything in the database as text, to prove a failed command changed nothing."""
    location = str(db)
    if "://" not in location:
        path = Path(location)
        if not path.is_file():
            return "" if not path.exists() else f"<{path} is not a file>"
        connection = sqlite3.connect(path)
        try:
            return "\n".join(connection.iterdump())
        finally:
            connection.close()
    from sqlalchemy import MetaData, create_engine

    engine = create_engine(location)
    try:
        metadata = MetaData()
        metadata.reflect(engine)
        with engine.connect() as connection:
            return "\n".join(
                line
                for name in sorted(metadata.tables)
                for line in _rows(connection, metadata.tables[name])
            )
    finally:
        engine.dispose()


@contextmanager
def recorded_statements() -> Iterator[list[tuple[str, Any]]]:
    """Every SQL statement sent to any database while the block runs, with its parameters
    (an executemany counts once: it is one round trip)."""
    statements: list[tuple[str, Any]] = []

    def record(
        conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool
    ) -> None:
        statements.append((statement, parameters))

    from sqlalchemy import Engine, event

    event.listen(Engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(Engine, "before_cursor_execute", record)


@dataclass
class Cli:
    """Runs ``assoc --db LOCATION …`` in-process through Click's test runner."""

    location: str

    @property
    def db(self) -> Path:
        """The SQLite file (for the few tests that look at the file itself)."""
        assert "://" not in self.location, "this test needs a SQLite file"
        return Path(self.location)

    @property
    def is_postgres(self) -> bool:
        """Whether this database lives on the PostgreSQL server."""
        return self.location.startswith("postgresql")

    def __call__(self, *args: str, lang: str | None = None) -> Result:
        """Run a command; returns the result whatever its exit code."""
        prefix = ["--db", self.location] + (["--lang", lang] if lang else [])
        return CliRunner().invoke(app, [*prefix, *args], catch_exceptions=True)

    def ok(self, *args: str, lang: str | None = None) -> Result:
        """Run a command that must succeed."""
        result = self(*args, lang=lang)
        assert result.exit_code == 0, (
            f"assoc {' '.join(args)} exited {result.exit_code}\n"
            f"stdout: {result.stdout}\nstderr: {result.stderr}\n{result.exception!r}"
        )
        return result

    def fails(self, *args: str, code: int = 1, lang: str | None = None) -> str:
        """Run a command that must fail cleanly and change nothing; returns the error line."""
        before = snapshot(self.location)
        result = self(*args, lang=lang)
        assert result.exit_code == code, (
            f"assoc {' '.join(args)} exited {result.exit_code}, expected {code}\n"
            f"stdout: {result.stdout}\nstderr: {result.stderr}\n{result.exception!r}"
        )
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            f"traceback: {result.exception!r}"
        )
        assert "Traceback" not in result.stderr + result.stdout
        errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
        assert len(errors) == 1, f"expected one Error: line, got:\n{result.stderr}"
        assert snapshot(self.location) == before, "a failed command changed the database"
        return errors[0]

    @property
    def url(self) -> str:
        """The database as an SQLAlchemy URL."""
        return self.location if "://" in self.location else f"sqlite:///{self.location}"

    def sql(self, statement: str) -> list[Any]:
        """Run raw SQL on the database (to look behind the CLI, or to tamper with it)."""
        from sqlalchemy import create_engine, text

        engine = create_engine(self.url)
        try:
            with engine.begin() as connection:
                result = connection.execute(text(statement))
                return list(result) if result.returns_rows else []
        finally:
            engine.dispose()


@pytest.fixture
def english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages in English (ASSOC_LANG=en), for tests that hold their English wording;
    processes the test starts inherit it."""
    monkeypatch.setenv("ASSOC_LANG", "en")


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """Which engine the test runs on."""
    return str(request.param)


def _server_database(
    request: pytest.FixtureRequest, prefix: str, template: str | None = None, keep: bool = False
) -> str:
    """A new database on the session's PostgreSQL server (a copy of *template*); unless
    *keep*, dropped when the test ends, so the server holds only the databases in use."""
    server: pg_server.PgServer = request.getfixturevalue("postgres")
    name = f"{prefix}_{uuid.uuid4().hex[:16]}"
    url = pg_server.create_database(server, name, template=template)
    if not keep:
        request.addfinalizer(lambda: pg_server.drop_database(server, name))
    return url


def _fresh_location(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    if backend == "sqlite":
        return str(tmp_path / "assoc.db")
    return _server_database(request, "t")


INIT = ("init", "--name", "淄博市装备制造业协会", "--short-name", "市装协")


def _initialised(cli: Cli) -> None:
    """What the ``cli`` fixture's association is: `assoc init` on a database from nothing."""
    cli.ok(*INIT)


def empty_sqlite_database(path: Path) -> None:
    """An empty SQLite database (no tables) at *path*: the SQLite side of `createdb`. Only
    init, demo, db restore and db copy create a database file; the other commands accept
    an empty database and set up the schema in it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path)
    connection.execute("VACUUM")  # writes the header: a SQLite database, not an empty file
    connection.close()


def _migrated(cli: Cli) -> None:
    """A database at the newest schema with no association in it yet."""
    if not cli.is_postgres:
        empty_sqlite_database(cli.db)
    cli.ok("db", "upgrade")


# name: (the template it starts from, what is done to it); built on first use.
BUILDS: dict[str, tuple[str | None, Callable[[Cli], None]]] = {
    "blank": (None, _migrated),
    "cli": (None, _initialised),
}


class Templates:
    """Databases built once per session through the real commands, and copied for each test
    that starts from them: a file copy on SQLite, ``CREATE DATABASE … TEMPLATE`` on
    PostgreSQL. A copy holds exactly what the build left (the same ``snapshot()``), without
    running the build's commands (and, from nothing, every migration) again per test."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.built: dict[tuple[str, str], str] = {}

    def copy(
        self,
        name: str,
        backend: str,
        folder: Path,
        request: pytest.FixtureRequest,
        *,
        keep: bool = False,
    ) -> Cli:
        """A private copy of template *name* (in *folder* for SQLite), built if need be;
        a PostgreSQL copy is dropped when the test ends unless *keep*."""
        key = (name, backend)
        if key not in self.built:
            self.built[key] = self._build(name, backend, request)
        if backend == "sqlite":
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / "assoc.db"
            shutil.copy(self.built[key], target)  # with its mode (0600)
            return Cli(str(target))
        return Cli(_server_database(request, "t", template=self.built[key], keep=keep))

    def _build(self, name: str, backend: str, request: pytest.FixtureRequest) -> str:
        """Build template *name*; returns the SQLite file or the PostgreSQL database."""
        base, build = BUILDS[name]
        folder = self.folder / f"{name}-{backend}"
        if base is not None:
            made = self.copy(base, backend, folder, request, keep=True)
        elif backend == "sqlite":
            made = Cli(str(folder / "assoc.db"))
        else:
            server = request.getfixturevalue("postgres")
            made = Cli(pg_server.create_database(server, f"template_{name}"))
        build(made)
        if backend == "sqlite":
            # Every connection is closed, so the whole database is in the one file.
            assert not Path(f"{made.location}-wal").exists(), made.location
            return made.location
        return made.location.rsplit("/", 1)[1]


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Templates:
    """The session's template databases."""
    return Templates(tmp_path_factory.mktemp("templates"))


def new_cli(
    backend: str,
    folder: Path,
    request: pytest.FixtureRequest,
    *,
    init: bool = False,
    migrated: bool = False,
) -> Cli:
    """One more database for a test (a new SQLite file in *folder*, or a new PostgreSQL
    database): from nothing; with *migrated*, at the newest schema but with no association;
    with *init*, an association initialised as the ``cli`` fixture's is."""
    if init or migrated:
        templates: Templates = request.getfixturevalue("templates")
        return templates.copy("cli" if init else "blank", backend, folder, request)
    return Cli(_fresh_location(backend, folder, request))


def template_fixture(name: str, build: Callable[[Cli], None]) -> Any:
    """A fixture: a private copy of an association built once per session by *build* (from
    the ``cli`` fixture's association), instead of by running *build* for every test."""
    BUILDS[name] = ("cli", build)

    def fixture(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Cli:
        templates: Templates = request.getfixturevalue("templates")
        return templates.copy(name, backend, tmp_path, request)

    fixture.__name__ = name
    fixture.__doc__ = build.__doc__
    return pytest.fixture(name=name)(fixture)


@pytest.fixture
def empty_cli(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Cli:
    """A database with nothing in it yet (a new SQLite path, or a new empty database): for
    the tests of what happens on first use."""
    return new_cli(backend, tmp_path, request)


@pytest.fixture
def cli(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Cli:
    """An initialised association in a fresh database (a copy of one initialised once)."""
    return new_cli(backend, tmp_path, request, init=True)


def _meetings_association(cli: Cli) -> None:
    """A term, six units with offices, and 2021 dues rates (for meetings and action items)."""
    cli.ok("terms", "add", "2", "--start", "2021-06-18")
    people = [
        ("通力", "张辉新", "会长"),
        ("双涵", "周立正", "副会长"),
        ("华普", "王传强", "副会长"),
        ("永华", "蔡杰", "理事"),
        ("泰展", "刘美兰", "理事"),
        ("柳杭", "郑辉", "理事"),
    ]
    for short, person, office in people:
        cli.ok(
            "members",
            "add",
            f"山东{short}有限公司",
            "--short-name",
            short,
            "--rep",
            person,
            "--phone",
            "0533-1",
            "--joined",
            "2015-01-01",
        )
        cli.ok("offices", "assign", short, office, "--term", "2")
    cli.ok("dues", "rates", "set", "2021", "会长单位", "30000")
    cli.ok("dues", "rates", "set", "2021", "副会长单位", "20000")
    cli.ok("dues", "rates", "set", "2021", "理事单位", "10000")


assoc = template_fixture("assoc", _meetings_association)


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo association in SQLite, built once per test session through the real command."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    result = CliRunner().invoke(app, ["demo", "--db", str(path)])
    assert result.exit_code == 0, result.stderr
    return path


@pytest.fixture(scope="session")
def demo_template(postgres: pg_server.PgServer, demo_file: Path) -> str:
    """The demo association copied into a PostgreSQL template database once per session."""
    url = pg_server.create_database(postgres, "demo_template")
    result = CliRunner().invoke(app, ["--db", str(demo_file), "db", "copy", "--to", url])
    assert result.exit_code == 0, result.stderr
    return "demo_template"


@pytest.fixture
def demo(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Cli:
    """A private copy of the demo database for one test."""
    if backend == "sqlite":
        copy = tmp_path / "demo.db"
        shutil.copy(request.getfixturevalue("demo_file"), copy)
        return Cli(str(copy))
    template = request.getfixturevalue("demo_template")
    return Cli(_server_database(request, "d", template=template))
