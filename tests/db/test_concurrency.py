"""Several assoc processes writing to one database at once: nothing lost, receipt numbers
unique and gap-free; a writer that must wait says so, one that times out changes nothing."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import pytest

from tests.conftest import Cli, snapshot

# These tests hold each message's English wording; its Chinese (the default) is held by
# tests/i18n/test_one_language.py.
pytestmark = pytest.mark.usefixtures("english_messages")


WORKERS = 4
PAYMENTS = 6


def _assoc(
    location: str, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assoc_cli", "--db", location, *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def test_parallel_payments_lose_nothing_and_number_receipts_without_gaps(cli: Cli) -> None:
    cli.ok("dues", "rates", "set", "2022", "会员单位", "3000")
    for worker in range(WORKERS):
        cli.ok("members", "add", f"并发测试{worker}号公司")
    results: list[subprocess.CompletedProcess[str]] = []

    def work(worker: int) -> None:
        for payment in range(PAYMENTS):
            results.append(
                _assoc(
                    cli.location,
                    "dues",
                    "pay",
                    f"M{worker + 1:04d}",
                    "--amount",
                    f"{payment + 1}",
                    "--on",
                    "2022-11-25",
                )
            )

    threads = [threading.Thread(target=work, args=(w,)) for w in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [r.returncode for r in results] == [0] * (WORKERS * PAYMENTS), [
        r.stderr for r in results
    ]
    receipts = sorted(r.stdout.strip() for r in results)
    assert receipts == [f"2022-{n:04d}" for n in range(1, WORKERS * PAYMENTS + 1)]
    rows = cli.sql("SELECT COUNT(*), SUM(amount_fen) FROM dues_entry")
    assert (int(rows[0][0]), int(rows[0][1])) == (
        WORKERS * PAYMENTS,
        WORKERS * sum(range(1, PAYMENTS + 1)) * 100,
    )
    cli.ok("dues", "verify")


def test_a_writer_that_waits_says_so_and_a_timeout_changes_nothing(cli: Cli) -> None:
    cli.ok("members", "add", "等待测试公司")
    if cli.is_postgres:
        import psycopg

        holder = psycopg.connect(
            cli.location.replace("postgresql+psycopg://", "postgresql://"), autocommit=True
        )
        import zlib

        key = zlib.crc32(b"assoc.receipts") & 0x7FFFFFFF
        holder.execute("SELECT pg_advisory_lock(%s)", (key,))
    else:
        import sqlite3

        holder = sqlite3.connect(cli.db, isolation_level=None)  # type: ignore[assignment]
        holder.execute("BEGIN IMMEDIATE")
    try:
        before = snapshot(cli.location)
        started = time.monotonic()
        result = _assoc(
            cli.location,
            "dues",
            "pay",
            "M0001",
            "--amount",
            "100",
            "--credit",
            env={"ASSOC_LOCK_TIMEOUT": "1"},
        )
        assert result.returncode == 1, result.stderr
        assert "waiting for another assoc to finish writing" in result.stderr
        assert (
            "Error: another assoc kept the database busy for too long; nothing was changed"
            in result.stderr
        )
        assert "Traceback" not in result.stderr
        assert time.monotonic() - started < 30
    finally:
        holder.close()
    assert snapshot(cli.location) == before
    # Once the other writer is gone, the same command goes through.
    assert (
        _assoc(cli.location, "dues", "pay", "M0001", "--amount", "100", "--credit")
        .stdout.strip()
        .endswith("-0001")
    )
