"""Copies between engines and backups that restore into either engine."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from tests.conftest import Cli, sqlite_only
from tools import pg_server


def _report(cli: Cli) -> object:
    return json.loads(
        cli.ok("dues", "report", "--year", "2022", "--as-of", "2022-11-30", "-f", "json").stdout
    )


def _fresh(cli: Cli, tmp_path: Path, request: pytest.FixtureRequest, backend: str) -> Cli:
    if backend == "sqlite":
        return Cli(str(tmp_path / f"{uuid.uuid4().hex}.db"))
    server = request.getfixturevalue("postgres")
    return Cli(pg_server.create_database(server, f"x_{uuid.uuid4().hex[:16]}"))


@pytest.mark.parametrize("target_backend", ["sqlite", "postgresql"])
def test_copy_moves_a_whole_association_with_the_same_numbers(
    demo: Cli, tmp_path: Path, request: pytest.FixtureRequest, target_backend: str
) -> None:
    target = _fresh(demo, tmp_path, request, target_backend)
    result = demo.ok("db", "copy", "--to", target.location, lang="en")
    assert "counts match" in result.stderr
    assert _report(target) == _report(demo)
    assert (
        target.ok("members", "list", "-f", "json").stdout
        == demo.ok("members", "list", "-f", "json").stdout
    )
    target.ok("dues", "verify")
    # New rows get fresh ids on the copy (sequences moved past the copied ones).
    target.ok("members", "add", "复制后新增公司")
    assert "already holds an association" in demo.fails(
        "db", "copy", "--to", target.location, lang="en"
    )
    demo.ok("db", "copy", "--to", target.location, "--force")


def test_backup_restores_into_either_engine(
    demo: Cli, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    backup = tmp_path / "backup.bin"
    demo.ok("db", "backup", str(backup))
    assert "exists" in demo.fails("db", "backup", str(backup), code=2, lang="en")
    for target_backend in ("sqlite", "postgresql"):
        target = _fresh(demo, tmp_path, request, target_backend)
        target.ok("db", "restore", str(backup))
        assert _report(target) == _report(demo)
        target.ok("db", "check")
        assert "--force" in target.fails("db", "restore", str(backup), lang="en")
        target.ok("db", "restore", str(backup), "--force")


def test_restore_refuses_what_is_not_a_backup(cli: Cli, tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a backup at all")
    assert "not an assoc backup" in cli.fails("db", "restore", str(junk), lang="en")
    assert "no backup at" in cli.fails("db", "restore", str(tmp_path / "missing"), lang="en")


@sqlite_only
def test_backup_of_a_live_database_is_private_and_consistent(demo: Cli, tmp_path: Path) -> None:
    backup = tmp_path / "live.db"
    demo.ok("db", "backup", str(backup))
    assert oct(backup.stat().st_mode & 0o777) == "0o600"
    assert Cli(str(backup)).ok("dues", "verify")
