"""Where the database lives: the user data directory, ASSOC_DB, a private file; foreign
databases and folders are refused."""

from __future__ import annotations

import stat
from pathlib import Path

from typer.testing import CliRunner

from assoc_cli.cli import app
from tests.conftest import Cli, sqlite_only


@sqlite_only
def test_database_file_is_private(cli: Cli) -> None:
    mode = stat.S_IMODE(cli.db.stat().st_mode)
    assert mode == 0o600


def test_default_location_is_the_user_data_directory(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["init", "--name", "测试协会"])
    assert result.exit_code == 0, result.stderr
    created = list((tmp_path / "home").rglob("assoc.db"))
    assert len(created) == 1


def test_assoc_db_environment_variable(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.db"
    result = CliRunner().invoke(app, ["init", "--name", "测试协会"], env={"ASSOC_DB": str(target)})
    assert result.exit_code == 0, result.stderr
    assert target.exists()


def test_a_foreign_database_is_refused(tmp_path: Path) -> None:
    import sqlite3

    other = tmp_path / "other.db"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE invoices (id INTEGER)")
    connection.commit()
    connection.close()
    assert "not made by assoc" in Cli(str(other)).fails("info", lang="en")


def test_a_folder_is_not_a_database(tmp_path: Path) -> None:
    error = Cli(str(tmp_path)).fails("info", lang="en")
    assert "database" in error
