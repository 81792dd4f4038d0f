"""assoc init, assoc info, the database location and languages."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assoc_cli.cli import app
from assoc_cli.db.migrate import HEAD_REVISION
from tests.conftest import Cli, sqlite_only


def test_init_creates_then_updates_the_profile(empty_cli: Cli) -> None:
    result = empty_cli.ok("init", "--name", "淄博市装备制造业协会", "--short-name", "市装协")
    assert "已建立协会:淄博市装备制造业协会" in result.stderr
    result = empty_cli.ok("init", "--phone", "0533-1234567")
    assert "已更新协会信息" in result.stderr
    info = json.loads(empty_cli.ok("info", "-f", "json").stdout)
    assert info["association"] == "淄博市装备制造业协会"
    assert info["short_name"] == "市装协"
    assert info["revision"] == HEAD_REVISION
    assert info["members"] == 0


def test_init_needs_a_name(empty_cli: Cli) -> None:
    assert "needs a name" in empty_cli.fails("init", "--short-name", "市装协")


def test_init_refuses_an_unknown_language(cli: Cli) -> None:
    assert "unknown language" in cli.fails("init", "--language", "fr")


def test_profile_language_sets_the_output_language(cli: Cli) -> None:
    cli.ok("init", "--language", "en")
    assert "Association" in cli.ok("info").stdout
    # --lang beats the profile, ASSOC_LANG too.
    assert "協會" in cli.ok("info", lang="zh-Hant").stdout


def test_assoc_lang_environment_variable(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSOC_LANG", "en")
    assert "Association" in cli.ok("info").stdout


def test_bad_lang_option_is_refused(cli: Cli) -> None:
    assert "unknown language" in cli.fails("info", lang="klingon")


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
    assert "not made by assoc" in Cli(str(other)).fails("info")


def test_a_folder_is_not_a_database(tmp_path: Path) -> None:
    error = Cli(str(tmp_path)).fails("info")
    assert "database" in error
