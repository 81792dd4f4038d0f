"""Models and migrations agree; every database upgrades itself on first use."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine
from sqlmodel import SQLModel

import assoc_cli.db.models
from assoc_cli.db.migrate import HEAD_REVISION, _alembic_config, migrations_dir
from tests.conftest import Cli, empty_sqlite_database

# These tests hold each message's English wording; its Chinese (the default) is held by
# tests/i18n/test_one_language.py.
pytestmark = pytest.mark.usefixtures("english_messages")


def test_head_revision_constant_is_alembics_head() -> None:
    script = ScriptDirectory(str(migrations_dir()))
    assert script.get_heads() == [HEAD_REVISION]


def test_migrations_build_exactly_the_models(empty_cli: Cli) -> None:
    if not empty_cli.is_postgres:
        empty_sqlite_database(empty_cli.db)  # (db upgrade creates no file)
    result = empty_cli.ok("db", "upgrade", lang="zh-Hans")
    assert "升级到 " + HEAD_REVISION in result.stderr
    url = empty_cli.location if empty_cli.is_postgres else f"sqlite:///{empty_cli.location}"
    engine = create_engine(url)
    if empty_cli.is_postgres:
        assoc_cli.db.models.postgresql_partial_indexes()
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []
    engine.dispose()
    assert empty_cli.ok("db", "current").stdout.strip() == f"{HEAD_REVISION} (head)"
    assert "最新版本" in empty_cli.ok("db", "upgrade", lang="zh-Hans").stderr


def _revisions() -> list[str]:
    script = ScriptDirectory(str(migrations_dir()))
    return [rev.revision for rev in script.walk_revisions()]


@pytest.mark.parametrize("revision", _revisions())
def test_an_older_database_upgrades_itself_on_first_use(tmp_path: Path, revision: str) -> None:
    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        command.upgrade(_alembic_config(connection), revision)  # type: ignore[arg-type]
    engine.dispose()
    Cli(str(path)).ok("members", "list")
    connection = sqlite3.connect(path)
    assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (
        HEAD_REVISION,
    )
    connection.close()


def test_a_database_newer_than_this_assoc_is_refused(cli: Cli) -> None:
    cli.sql("UPDATE alembic_version SET version_num = '9999'")
    assert "newer than this assoc knows" in cli.fails("members", "list", lang="en")
    # db current says so too, not that it is behind.
    said = cli.ok("db", "current").stdout.strip()
    assert said == f"9999 (newer than this assoc, whose newest is {HEAD_REVISION}: upgrade assoc)"


def test_db_current_on_a_missing_file(tmp_path: Path) -> None:
    assert "no database at" in Cli(str(tmp_path / "missing.db")).fails("db", "current", lang="en")
    assert not (tmp_path / "missing.db").exists()


def test_seeded_tiers_and_offices(cli: Cli) -> None:
    tiers = [r[0] for r in cli.sql("SELECT name FROM tier ORDER BY rank")]
    offices = [r[0] for r in cli.sql("SELECT name FROM office ORDER BY rank")]
    assert tiers == ["会长单位", "副会长单位", "理事单位", "会员单位"]
    assert offices == ["会长", "执行会长", "副会长", "监事长", "秘书长", "副秘书长", "理事", "监事"]
