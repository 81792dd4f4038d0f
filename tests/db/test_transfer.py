"""Trustworthy data: copies between engines, backups that restore anywhere, checks, the
audit log, and processes killed mid-command."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.conftest import Cli, snapshot, sqlite_only
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
    result = demo.ok("db", "copy", "--to", target.location)
    assert "counts match" in result.stderr
    assert _report(target) == _report(demo)
    assert (
        target.ok("members", "list", "-f", "json").stdout
        == demo.ok("members", "list", "-f", "json").stdout
    )
    target.ok("dues", "verify")
    # New rows get fresh ids on the copy (sequences moved past the copied ones).
    target.ok("members", "add", "复制后新增公司")
    assert "already holds an association" in demo.fails("db", "copy", "--to", target.location)
    demo.ok("db", "copy", "--to", target.location, "--force")


def test_backup_restores_into_either_engine(
    demo: Cli, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    backup = tmp_path / "backup.bin"
    demo.ok("db", "backup", str(backup))
    assert "exists" in demo.fails("db", "backup", str(backup), code=2)
    for target_backend in ("sqlite", "postgresql"):
        target = _fresh(demo, tmp_path, request, target_backend)
        target.ok("db", "restore", str(backup))
        assert _report(target) == _report(demo)
        target.ok("db", "check")
        assert "--force" in target.fails("db", "restore", str(backup))
        target.ok("db", "restore", str(backup), "--force")


def test_restore_refuses_what_is_not_a_backup(cli: Cli, tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a backup at all")
    assert "not an assoc backup" in cli.fails("db", "restore", str(junk))
    assert "no backup at" in cli.fails("db", "restore", str(tmp_path / "missing"))


@sqlite_only
def test_backup_of_a_live_database_is_private_and_consistent(demo: Cli, tmp_path: Path) -> None:
    backup = tmp_path / "live.db"
    demo.ok("db", "backup", str(backup))
    assert oct(backup.stat().st_mode & 0o777) == "0o600"
    assert Cli(str(backup)).ok("dues", "verify")


def test_check_reports_integrity_and_the_ledger(demo: Cli) -> None:
    out = demo.ok("db", "check").stdout
    assert "dues ledger: ok" in out
    demo.sql("UPDATE dues_entry SET receipt_seq = 900, receipt = '2022-0900' WHERE id = 3")
    result = demo("db", "check")
    assert result.exit_code == 1 and "gap or a repeat" in result.stdout


def test_every_change_is_in_the_audit_log(cli: Cli) -> None:
    from typer.testing import CliRunner

    from assoc_cli.cli import app

    def run(*args: str) -> None:
        outcome = CliRunner().invoke(app, ["--db", cli.location, *args])
        assert outcome.exit_code == 0, outcome.stderr

    run("--operator", "小李", "members", "add", "山东双涵石化装备有限公司", "--phone", "0533-1")
    run("--operator", "小王", "members", "edit", "双涵", "--phone", "0533-2")
    run("dues", "rates", "set", "2022", "会员单位", "3000")
    run("--operator", "小王", "dues", "pay", "双涵", "--amount", "3000", "--on", "2022-11-25")
    entries = json.loads(cli.ok("log", "--member", "双涵", "-f", "json").stdout)
    assert [(e["operator"], e["command"], e["entity"], e["action"]) for e in entries] == [
        ("小王", "dues pay", "dues_entry", "insert"),
        ("小王", "members edit", "member", "update"),
        ("小李", "members add", "membership_period", "insert"),
        ("小李", "members add", "member", "insert"),
    ]
    update = entries[1]
    assert (
        json.loads(update["before"])["phone"] == "0533-1"
        and json.loads(update["after"])["phone"] == "0533-2"
    )
    # A command that fails leaves nothing in the log.
    count = len(json.loads(cli.ok("log", "-f", "json").stdout))
    cli.fails("members", "edit", "双涵", "--email", "broken")
    assert len(json.loads(cli.ok("log", "-f", "json").stdout)) == count
    assert "--limit" in cli.fails("log", "--limit", "0", code=2)


def _kill_after(args: list[str], seconds: float) -> int:
    process = subprocess.Popen(
        [sys.executable, "-m", "assoc_cli", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(seconds)
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
    return process.wait()


def test_a_killed_import_leaves_the_database_as_it_was(cli: Cli, tmp_path: Path) -> None:
    # Big enough that the kills land while the import runs (it writes 6,000 rows in
    # well under a second now; 60,000 take about as long as 6,000 used to).
    rows = ["名称,电话,员工数"] + [f"测试{i}号公司,0533-{i:07d},{i % 300}" for i in range(60000)]
    big = tmp_path / "big.csv"
    big.write_text("\n".join(rows) + "\n", encoding="utf-8")
    before = snapshot(cli.location)
    for delay in (0.8, 1.6):
        code = _kill_after(["--db", cli.location, "members", "import", str(big)], delay)
        count = int(cli.sql("SELECT COUNT(*) FROM member")[0][0])
        if code == -signal.SIGKILL and count == 0:
            assert snapshot(cli.location) == before
        else:  # it committed first (perhaps killed while exiting): then all of it is there
            assert count == 60000
            return
    cli.ok("db", "check")


def test_a_killed_payment_is_all_or_nothing(cli: Cli) -> None:
    cli.ok("members", "add", "测试公司")
    cli.ok("dues", "rates", "set", "2022", "会员单位", "3000")
    rng = random.Random(7)
    for _ in range(5):
        before = int(cli.sql("SELECT COUNT(*) FROM dues_entry")[0][0])
        _kill_after(
            ["--db", cli.location, "dues", "pay", "测试公司", "--amount", "100"],
            rng.uniform(0.2, 1.0),
        )
        after = cli.sql("SELECT COUNT(*), COALESCE(SUM(amount_fen), 0) FROM dues_entry")[0]
        assert int(after[0]) in (before, before + 1)
        assert int(after[1]) == int(after[0]) * 10000
    cli.ok("dues", "verify")
    cli.ok("db", "check")
