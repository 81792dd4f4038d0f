"""``dues verify`` finds what is wrong, whatever batch a member falls in: a receipt whose
name does not match its number, and a stored balance that differs from the ledger. The
batches are made small so the demo spans many of them, with gaps in the ids."""

from __future__ import annotations

from typing import Any

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


@pytest.mark.parametrize("how", [(), ("--recompute",)], ids=["stored", "recompute"])
def test_a_wrong_stored_row_in_a_late_batch_is_found(
    demo: Cli, small_batches: None, how: tuple[str, ...]
) -> None:
    """The model is held to the stored rows; where they differ, the member's ledger is
    computed to tell a stale row (mended by `db refresh`) from rules that disagree."""
    last = _count(demo, "SELECT max(member_id) FROM dues_balance")
    year = _count(demo, f"SELECT max(year) FROM dues_balance WHERE member_id = {last}")
    demo.sql(f"UPDATE dues_balance SET paid = paid + 1 WHERE member_id = {last} AND year = {year}")
    demo.fails("dues", "verify", *how, lang="en")
    found = demo("dues", "verify", *how).stdout
    assert found.splitlines() == [
        "the stored dues balances differ from the ledger in 1 row(s); "
        "run `assoc db refresh` to recompute them"
    ]
    demo.ok("db", "refresh")
    demo.ok("dues", "verify", *how)


@pytest.mark.parametrize("how", [(), ("--recompute",)], ids=["stored", "recompute"])
def test_a_figure_the_rules_disagree_with_names_the_member(
    demo: Cli, small_batches: None, monkeypatch: pytest.MonkeyPatch, how: tuple[str, ...]
) -> None:
    """Where the Python model and the ledger disagree (here the model is made to expect
    one fen more of one member's dues), the problem names that member by number."""
    number, member_id = demo.sql(
        "SELECT number, id FROM member WHERE id = (SELECT max(member_id) FROM dues_balance)"
    )[0]
    model = verify.account

    def one_fen_more(dues: list[tuple[int, int]], entries: Any, as_of: Any) -> Any:
        ours = any(entry.id in owned for entry in entries) if entries else False
        return model([(y, d + 1) for y, d in dues] if ours else dues, entries, as_of)

    owned = {row[0] for row in demo.sql(f"SELECT id FROM dues_entry WHERE member_id = {member_id}")}
    assert owned, "the member needs entries for the model to recognise it"
    monkeypatch.setattr(verify, "account", one_fen_more)
    found = demo("dues", "verify", *how).stdout.splitlines()
    assert found and all(line.startswith(f"{number} ") for line in found), found
