"""``dues verify`` on a terminal: a progress bar while it runs, and Ctrl-C stops it saying
how far it got (exit 130, nothing changed). Run as a real process on a pseudo-terminal,
interrupted by a real SIGINT once its bar shows the first batch done."""

from __future__ import annotations

import os
import pty
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import Cli, sqlite_only

MEMBERS = 6_000


def _roster(cli: Cli, tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    lines = ["名称,入会日期"] + [f"示范第{i:05d}号科技有限公司,2019-03-01" for i in range(MEMBERS)]
    roster.write_text("\n".join(lines) + "\n", encoding="utf-8")
    cli.ok("terms", "add", "1", "--start", "2019-01-01")
    cli.ok("members", "import", str(roster))
    for year in ("2020", "2021", "2022"):
        cli.ok("dues", "rates", "set", year, "会员单位", "1000")


def _run_on_a_terminal(db: Path, *args: str, interrupt_when: str | None) -> tuple[int, str]:
    """Run assoc with stdout and stderr on a pseudo-terminal; send SIGINT once *interrupt_when*
    appears. Returns the exit status and everything it wrote."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "assoc_cli", "--db", str(db), *args],
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=follower,
        env={**os.environ, "COLUMNS": "100", "TERM": "xterm"},
    )
    os.close(follower)
    seen, sent = b"", False
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the process closed its end
                break
            if not chunk:
                break
            seen += chunk
        if interrupt_when and not sent and interrupt_when.encode() in seen:
            process.send_signal(signal.SIGINT)
            sent = True
        if process.poll() is not None and not ready:
            break
    os.close(leader)
    return process.wait(timeout=60), seen.decode(errors="replace")


@sqlite_only
def test_verify_shows_progress_and_stops_cleanly_on_ctrl_c(cli: Cli, tmp_path: Path) -> None:
    _roster(cli, tmp_path)
    status, shown = _run_on_a_terminal(cli.db, "dues", "verify", interrupt_when=None)
    assert status == 0, shown
    assert "核对会员账目" in shown  # the bar (rich, on the terminal)
    assert f"核对无误：{MEMBERS} 家会员" in shown

    before = cli.db.read_bytes()
    status, shown = _run_on_a_terminal(cli.db, "dues", "verify", interrupt_when="核对会员账目")
    assert status == 130, shown
    stopped = re.search(r"已中止.共 6,000 家会员.已核对 ([\d,]+) 家", shown)
    assert stopped, shown
    assert 0 < int(stopped.group(1).replace(",", "")) < MEMBERS
    assert "Traceback" not in shown and "核对无误" not in shown
    assert cli.db.read_bytes() == before


def test_verify_in_a_pipe_draws_no_bar(cli: Cli, tmp_path: Path) -> None:
    _roster(cli, tmp_path)
    result = cli.ok("dues", "verify")
    assert "核对会员账目" not in result.stderr + result.stdout
    assert f"核对无误：{MEMBERS} 家会员" in result.stderr
