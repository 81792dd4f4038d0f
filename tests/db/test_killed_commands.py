"""Processes killed mid-command leave the database as it was, or with the whole change."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import Cli, snapshot


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
