"""Test helpers: every test drives the real ``assoc`` command on a real SQLite file.

Every path (home, data directory) is redirected into the test's temporary folder, and the
``fails`` helper checks the promise made to users: one ``Error:`` line, the right exit
code, no traceback, and the database exactly as it was.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from assoc_cli.cli import app


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


def snapshot(db: Path) -> str:
    """Everything in the database as SQL text, to prove a failed command changed nothing."""
    if not db.is_file():
        return "" if not db.exists() else f"<{db} is not a file>"
    connection = sqlite3.connect(db)
    try:
        return "\n".join(connection.iterdump())
    finally:
        connection.close()


@dataclass
class Cli:
    """Runs ``assoc --db FILE …`` in-process through Click's test runner."""

    db: Path

    def __call__(self, *args: str, lang: str | None = None) -> Result:
        """Run a command; returns the result whatever its exit code."""
        prefix = ["--db", str(self.db)] + (["--lang", lang] if lang else [])
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
        before = snapshot(self.db)
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
        assert snapshot(self.db) == before, "a failed command changed the database"
        return errors[0]


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    """An initialised association in a fresh database file."""
    runner = Cli(tmp_path / "assoc.db")
    runner.ok("init", "--name", "淄博市装备制造业协会", "--short-name", "市装协")
    return runner


@pytest.fixture
def empty_cli(tmp_path: Path) -> Cli:
    """A database path with nothing in it yet."""
    return Cli(tmp_path / "assoc.db")


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo association, built once per test session through the real command."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    result = CliRunner().invoke(app, ["demo", "--db", str(path)])
    assert result.exit_code == 0, result.stderr
    return path


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path) -> Iterator[Cli]:
    """A private copy of the demo database for one test."""
    copy = tmp_path / "demo.db"
    shutil.copy(demo_file, copy)
    yield Cli(copy)
