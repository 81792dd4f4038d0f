"""Several clerks at once (separate assoc processes) on both engines: a class never takes
more participants than its places, and fee receipts stay unique and gap-free."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

from tests.conftest import Cli

WORKERS = 4
EACH = 3


def _assoc(location: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assoc_cli", "--db", location, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "ASSOC_LANG": "en"},
        timeout=120,
    )


def _in_parallel(work: list[list[str]], location: str) -> list[subprocess.CompletedProcess[str]]:
    results: list[subprocess.CompletedProcess[str]] = []

    def run(commands: list[list[str]]) -> None:
        for command in commands:
            results.append(_assoc(location, *command))

    chunks = [work[w::WORKERS] for w in range(WORKERS)]
    threads = [threading.Thread(target=run, args=(chunk,)) for chunk in chunks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_parallel_registrations_and_fees(cli: Cli) -> None:
    meeting = cli.ok("meetings", "new", "--kind", "培训班", "--date", "2022-06-10").stdout.strip()
    cli.ok("events", "class", meeting, "--capacity", "7", "--fee-other", "100")
    people = [f"学员{n}|某公司" for n in range(WORKERS * EACH)]
    results = _in_parallel(
        [["events", "register", meeting, person] for person in people], cli.location
    )
    assert sum(r.returncode == 0 for r in results) == 7, [r.stderr for r in results]
    assert all("do not fit" in r.stderr for r in results if r.returncode != 0)
    assert cli.sql("SELECT COUNT(*) FROM event_registration")[0][0] == 7
    names = [row[0] for row in cli.sql("SELECT name FROM event_registration")]
    paid = _in_parallel(
        [["events", "pay", meeting, name, "--on", "2022-06-01"] for name in names], cli.location
    )
    assert [r.returncode for r in paid] == [0] * 7, [r.stderr for r in paid]
    assert sorted(r.stdout.strip() for r in paid) == [f"PX2022-{n:04d}" for n in range(1, 8)]
