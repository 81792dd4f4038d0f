"""``dues verify`` finds what is wrong, whatever batch a member falls in: a receipt whose
name does not match its number, and a stored balance that differs from the ledger. The
batches are made small so the demo spans many of them, with gaps in the ids."""

from __future__ import annotations

import pytest

from assoc_cli.dues import verify
from tests.conftest import Cli


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(verify, "BATCH", 7)


def _count(demo: Cli, sql: str) -> int:
    return int(demo.sql(sql)[0][0])


def test_every_member_is_checked_across_batches(demo: Cli, small_batches: None) -> None:
    members = _count(demo, "SELECT count(*) FROM member")
    entries = _count(demo, "SELECT count(*) FROM dues_entry")
    said = demo.ok("dues", "verify", lang="en")
    assert f"{members} members, {entries} entries" in said.stderr + said.stdout


def test_a_misnamed_receipt_is_found(demo: Cli, small_batches: None) -> None:
    year, seq, receipt = demo.sql(
        "SELECT receipt_year, receipt_seq, receipt FROM dues_entry "
        "WHERE receipt_seq IS NOT NULL ORDER BY id LIMIT 1"
    )[0]
    demo.sql(f"UPDATE dues_entry SET receipt = '{year}-{seq}' WHERE receipt = '{receipt}'")
    demo.fails("dues", "verify", lang="en")
    found = demo("dues", "verify").stdout
    assert f"receipt {year}-{seq} should read {year}-{seq:04d}" in found


def test_a_wrong_stored_row_in_a_late_batch_is_found(demo: Cli, small_batches: None) -> None:
    last = _count(demo, "SELECT max(member_id) FROM dues_balance")
    year = _count(demo, f"SELECT max(year) FROM dues_balance WHERE member_id = {last}")
    demo.sql(f"UPDATE dues_balance SET paid = paid + 1 WHERE member_id = {last} AND year = {year}")
    demo.fails("dues", "verify", lang="en")
    assert "differ from the ledger in 1 row(s)" in demo("dues", "verify").stdout
