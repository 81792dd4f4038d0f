"""Processes killed mid-command (SIGKILL: no handler runs, no cleanup) leave the database
as it was, or with the whole change — and nothing a killed command printed was a lie:
a receipt or an "imported" it showed is stored. Nothing is left beside the database but
SQLite's own -wal and -shm files, and no helper process outlives the command.

Each command is run as a real process about ten times, killed at random moments over the
time it takes (measured by letting the first run finish), and, to hit the window between
the commit and the exit, the instant it first prints anything.
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import Cli, snapshot


@dataclass
class Run:
    """What one (perhaps killed) command did."""

    code: int
    stdout: str
    stderr: str
    seconds: float


def _group_alive(group: int) -> bool:
    """Whether any process of process group *group* is still running (zombies aside)."""
    proc = Path("/proc")
    if not proc.is_dir():  # pragma: no cover (not Linux: ask the kernel, zombies and all)
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return False
        return True
    for stat in proc.glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            return True
    return False


def _run(args: list[str], folder: Path, *, kill_after: float | None, on_output: bool) -> Run:
    """Run ``assoc ARGS`` in *folder*; SIGKILL it after *kill_after* seconds, or (with
    *on_output*) the moment it prints anything. Its helpers must not outlive it."""
    out, err = folder / "stdout.txt", folder / "stderr.txt"
    started = time.monotonic()
    with out.open("wb") as stdout, err.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "assoc_cli", *args],
            stdout=stdout,
            stderr=stderr,
            cwd=folder,
            start_new_session=True,  # its own process group: what it starts can be found
        )
        try:
            if on_output:
                while process.poll() is None and out.stat().st_size + err.stat().st_size == 0:
                    time.sleep(0.002)
            else:
                process.wait(timeout=kill_after)
        except subprocess.TimeoutExpired:
            pass
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        code = process.wait()
    seconds = time.monotonic() - started
    deadline = time.monotonic() + 5
    while _group_alive(process.pid) and time.monotonic() < deadline:
        time.sleep(0.02)
    survived = _group_alive(process.pid)
    if survived:
        os.killpg(process.pid, signal.SIGKILL)  # (only what this test started)
    assert not survived, f"a helper of the killed `assoc {' '.join(args)}` kept running"
    assert code in (0, -signal.SIGKILL), (code, err.read_text())
    return Run(code, out.read_text(errors="replace"), err.read_text(errors="replace"), seconds)


def _moments(runs: int, seed: int) -> list[tuple[float | None, bool]]:
    """When to kill each run, as a fraction of a whole run (None: let it finish; True:
    the moment it prints): the first finishes, then two on output, then at random (from
    40%: before that the interpreter is still starting)."""
    rng = random.Random(seed)
    at_random = [(rng.uniform(0.4, 1.05), False) for _ in range(runs - 3)]
    return [(None, False), *[(None, True)] * 2, *at_random]


def _only_the_database_beside_it(cli: Cli, folder: Path) -> None:
    """Nothing next to the database but the database and SQLite's -wal and -shm; nothing in
    the working folder but the captured output."""
    if not cli.is_postgres:
        beside = {path.name for path in cli.db.parent.iterdir() if path.is_file()}
        allowed = {cli.db.name, f"{cli.db.name}-wal", f"{cli.db.name}-shm"}
        assert beside <= allowed, f"left beside the database: {sorted(beside - allowed)}"
    assert {path.name for path in folder.iterdir()} <= {"stdout.txt", "stderr.txt"}


def _folders(tmp_path: Path) -> tuple[Path, Path]:
    work, files = tmp_path / "work", tmp_path / "files"
    work.mkdir()
    files.mkdir()
    return work, files


RECEIPT = re.compile(r"\b\d{4}-\d{4,}\b")


def test_a_killed_payment_is_all_or_nothing_and_never_a_false_receipt(
    cli: Cli, tmp_path: Path
) -> None:
    work, _ = _folders(tmp_path)
    cli.ok("members", "add", "测试公司")
    cli.ok("dues", "rates", "set", "2022", "会员单位", "3000")
    # (--again: the same payment is entered again and again on purpose)
    args = ["--db", cli.location, "dues", "pay", "测试公司", "--amount", "100", "--again"]
    whole = 1.0
    for fraction, on_output in _moments(10, seed=7):
        before = snapshot(cli.location)
        count = int(cli.sql("SELECT COUNT(*) FROM dues_entry")[0][0])
        delay = None if fraction is None else fraction * whole
        run = _run(args, work, kill_after=delay, on_output=on_output)
        if fraction is None and not on_output:
            whole = run.seconds
        rows = cli.sql("SELECT receipt, amount_fen FROM dues_entry")
        stored = {str(receipt) for receipt, _ in rows}
        assert len(rows) in (count, count + 1)
        if len(rows) == count:
            assert snapshot(cli.location) == before, "a killed payment changed something"
        assert all(int(amount) == 10000 for _, amount in rows)
        shown = set(RECEIPT.findall(run.stdout)) | set(RECEIPT.findall(run.stderr))
        assert shown <= stored, f"a receipt was shown but not stored: {shown - stored}"
        if shown or "已收" in run.stderr:
            assert len(rows) == count + 1, run.stderr
        if run.code == 0:
            assert len(rows) == count + 1 and len(shown) == 1, run.stderr
        else:
            assert run.stdout.strip() in ("", *shown), run.stdout  # never half a receipt
    cli.ok("dues", "verify")
    cli.ok("db", "check")
    _only_the_database_beside_it(cli, work)


def _roster(folder: Path, run: int, rows: int) -> Path:
    """A new roster for each run (names a finished run already added would clash)."""
    lines = ["名称,电话,员工数"] + [
        f"测试{run}-{i}号公司,0533-{i:07d},{i % 300}" for i in range(rows)
    ]
    path = folder / f"roster-{run}.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_killed_import_is_all_or_nothing_and_never_a_false_imported(
    cli: Cli, tmp_path: Path
) -> None:
    work, files = _folders(tmp_path)
    # Most runs import 1,000 rows in this process; the last imports 50,000, read by a
    # helper process (members/importing.py: HELPER_ROWS), which must not outlive the kill
    # (at 1.3 times what a whole 1,000-row run took: while the helper reads).
    plan: list[tuple[int, float | None, bool]] = [
        (1_000, *moment) for moment in _moments(8, seed=11)
    ]
    plan.append((50_000, 1.3, False))
    whole = 1.0
    for run, (size, fraction, on_output) in enumerate(plan):
        before = snapshot(cli.location)
        count = int(cli.sql("SELECT COUNT(*) FROM member")[0][0])
        roster = _roster(files, run, size)
        delay = None if fraction is None else fraction * whole
        args = ["--db", cli.location, "members", "import", str(roster)]
        done = _run(args, work, kill_after=delay, on_output=on_output)
        if fraction is None and not on_output:
            whole = done.seconds
        after = int(cli.sql("SELECT COUNT(*) FROM member")[0][0])
        assert after in (count, count + size), (count, after)
        if after == count:
            assert snapshot(cli.location) == before, "a killed import changed something"
        if "已导入" in done.stderr or done.code == 0:
            assert after == count + size, f"said imported, stored {after - count}\n{done.stderr}"
        assert done.stdout == ""
        roster.unlink()
    cli.ok("dues", "verify")
    cli.ok("db", "check")
    _only_the_database_beside_it(cli, work)
