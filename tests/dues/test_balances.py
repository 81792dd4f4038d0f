"""The stored dues balances (``dues_balance``, dues/balances.py): after every kind of
change a command can make, they equal the ledger computed from the entries; a change made
behind assoc's back is noticed by the triggers; reports that cannot use them compute the
ledger instead and say the same; ``db check`` catches a stored row that is wrong."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, select, text

from assoc_cli.db import ledger_notes
from assoc_cli.db.reader import Reader
from assoc_cli.dues import balances
from assoc_cli.dues import stored as stored_rows
from assoc_cli.dues.ledger import ledger_select
from assoc_cli.dues.policy import dues_policy
from tests.conftest import Cli, sqlite_only

REPORTS = [
    ["dues", "report", "--year", "2022", "-f", "csv"],
    ["dues", "unpaid", "--year", "2022", "-f", "csv"],
    ["dues", "arrears", "-f", "csv"],
    ["dues", "statement", "M0003"],
    ["members", "export"],
]


def _state(cli: Cli) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[int]]:
    """(stored rows, the ledger computed as of the end of time, members noted stale)."""
    engine = create_engine(cli.url)
    try:
        with engine.connect() as connection:
            session = Reader(connection)
            b = stored_rows.balance_t
            stored = [
                tuple(row)
                for row in connection.execute(
                    select(*(b.c[n] for n in stored_rows.COLUMNS)).order_by(b.c.member_id, b.c.year)
                )
            ]
            query = ledger_select(session, dues_policy(session), stored_rows.END_OF_TIME)
            computed = []
            if query is not None:
                sub = query.subquery()
                computed = [
                    tuple(row)
                    for row in connection.execute(select(sub).order_by(sub.c.member_id, sub.c.year))
                ]
            noted = list(connection.execute(select(ledger_notes.dirty_t.c.member_id)).scalars())
    finally:
        engine.dispose()
    return stored, computed, noted


def _assert_current(cli: Cli) -> list[tuple[Any, ...]]:
    stored, computed, noted = _state(cli)
    assert noted == [], "a command committed without refreshing the stored balances"
    assert stored == computed
    return stored


def _reports(cli: Cli) -> dict[str, str]:
    """What each of REPORTS prints."""
    return {" ".join(args): cli.ok(*args).stdout for args in REPORTS}


def test_every_kind_of_change_keeps_the_stored_balances_equal_to_the_ledger(
    demo: Cli, tmp_path: Path
) -> None:
    before = _assert_current(demo)
    assert len(before) > 100
    changes = [
        ["dues", "pay", "M0003", "--amount", "123.45", "--on", "2022-12-20"],
        ["dues", "pay", "M0004", "--amount", "9000", "--on", "2022-12-20"],  # credit
        ["dues", "waive", "M0049", "--year", "2022", "--amount", "100", "--reason", "困难减免"],
        ["dues", "rates", "set", "2022", "会员单位", "1200"],
        ["dues", "rates", "set", "2023", "会员单位", "1500"],
        ["dues", "policy", "--join", "next-year"],
        ["members", "edit", "M0006", "--tier", "理事单位"],
        ["members", "leave", "M0007", "--on", "2022-06-30", "--reason", "注销"],
        ["offices", "assign", "M0046", "副会长", "--term", "2"],
    ]
    seen = before
    for args in changes:
        demo.ok(*args)
        now = _assert_current(demo)
        assert now != seen, f"{args} changed nothing in the ledger"
        seen = now
    receipt = demo.ok("dues", "pay", "M0009", "--amount", "50", "--on", "2022-12-21")
    _assert_current(demo)
    demo.ok("dues", "void", receipt.stdout.strip(), "--on", "2022-12-22", "--reason", "录错")
    _assert_current(demo)
    roster = tmp_path / "new.csv"
    roster.write_text("名称,入会日期\n淄博新入会机械有限公司,2022-05-01\n", encoding="utf-8")
    demo.ok("members", "import", str(roster))
    assert len(_assert_current(demo)) > len(seen)
    demo.ok("db", "check")


def test_a_change_behind_assocs_back_is_noticed_and_reports_stay_right(demo: Cli) -> None:
    reports = _reports(demo)
    # A payment typed straight into the database: the trigger notes the member, so the
    # reports compute the ledger rather than read the stored rows.
    demo.sql(
        "INSERT INTO dues_entry (member_id, kind, year, amount_fen, entry_on, created_at) "
        "SELECT id, 'payment', 2022, 777, '2022-12-01', '2022-12-01 00:00:00' "
        "FROM member WHERE number = 'M0003'",
    )
    stored, computed, noted = _state(demo)
    assert noted and stored != computed
    after = _reports(demo)
    assert after["dues statement M0003"] != reports["dues statement M0003"]
    demo.ok("db", "refresh")
    _assert_current(demo)
    assert _reports(demo) == after


def test_reports_say_the_same_from_stored_and_computed_balances(demo: Cli) -> None:
    stored = _reports(demo)
    demo.sql("INSERT INTO ledger_dirty (member_id) VALUES (0)")  # as a rate change does
    computed = _reports(demo)
    assert stored == computed
    assert all(stored.values())


def test_a_join_dated_after_the_report_is_not_read_from_the_stored_rows(demo: Cli) -> None:
    """The stored rows are the ledger as of the end of time: a member joining next month
    must not owe anything in a report dated today."""
    demo.ok("dues", "rates", "set", "2099", "会员单位", "1000")
    demo.ok("members", "add", "淄博明年机械有限公司", "--joined", "2099-01-02")
    _assert_current(demo)
    as_of = ["--as-of", "2099-01-01"]
    unpaid = demo.ok("dues", "unpaid", "--year", "2099", *as_of, "-f", "csv").stdout
    assert "淄博明年机械有限公司" not in unpaid
    later = demo.ok("dues", "unpaid", "--year", "2099", "--as-of", "2099-01-02", "-f", "csv")
    assert "淄博明年机械有限公司" in later.stdout


def test_a_big_change_waits_for_db_refresh_and_reports_compute_meanwhile(
    demo: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = demo.ok(*REPORTS[1]).stdout
    monkeypatch.setattr(ledger_notes, "AUTO_LIMIT", 3)
    # A rate concerns everyone: over the limit, so the command says what to run.
    said = demo.ok("dues", "rates", "set", "2022", "会员单位", "1300").stderr
    assert "assoc db refresh" in said
    stored, computed, noted = _state(demo)
    assert 0 in noted and stored != computed
    changed = demo.ok(*REPORTS[1]).stdout
    assert changed != expected
    result = demo.ok("db", "refresh")
    assert "个会员" in result.stderr + result.stdout
    _assert_current(demo)
    assert demo.ok(*REPORTS[1]).stdout == changed


def test_db_check_finds_a_wrong_stored_row_and_db_refresh_mends_it(demo: Cli) -> None:
    demo.ok("db", "check")
    demo.sql("UPDATE dues_balance SET balance = balance + 1 WHERE member_id = 3")
    error = demo.fails("db", "check", lang="en")
    assert "problem" in error
    result = demo("db", "check")
    assert "stored dues balances differ" in result.stdout
    demo.ok("db", "refresh")
    demo.ok("db", "check")


def test_copies_and_restores_rebuild_the_stored_balances(demo: Cli, tmp_path: Path) -> None:
    expected = _assert_current(demo)
    bundle = tmp_path / "backup.assoc.gz"
    demo.ok("db", "backup", str(bundle))
    target = Cli(str(tmp_path / "restored.db"))
    target.ok("db", "restore", str(bundle))
    assert _assert_current(target) == expected
    copy = Cli(str(tmp_path / "copied.db"))
    demo.ok("db", "copy", "--to", copy.location)
    assert _assert_current(copy) == expected


@sqlite_only
def test_every_table_the_ledger_reads_has_its_triggers(cli: Cli) -> None:
    """A later migration that rebuilds a table (SQLite's batch mode) would drop its
    triggers silently; this counts them."""
    cli.ok("init", "--name", "测试协会")
    names = {row[0] for row in cli.sql("SELECT tbl_name FROM sqlite_master WHERE type='trigger'")}
    assert names == {
        "dues_entry",
        "membership_period",
        "office_holding",
        "member",
        "dues_rate",
        "tier",
        "term",
        "office",
        "setting",
    }


@sqlite_only
def test_an_upgraded_database_computes_until_its_first_change(demo: Cli) -> None:
    """A database from before migration 0006 starts with every member noted stale: its
    reports compute the ledger, and its first change stores every balance."""
    from alembic import command

    from assoc_cli.db.migrate import _alembic_config

    expected = _reports(demo)
    engine = create_engine(demo.url)
    with engine.begin() as connection:
        command.downgrade(_alembic_config(connection), "0005")  # type: ignore[arg-type]
    engine.dispose()
    assert _reports(demo) == expected
    assert demo.sql("SELECT member_id FROM ledger_dirty") == [(0,)]
    demo.ok("dues", "pay", "M0003", "--amount", "10", "--on", "2022-12-20")
    _assert_current(demo)


def test_a_big_import_notes_everyone_once_and_says_what_to_run(
    demo: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ledger_notes, "AUTO_LIMIT", 3)
    triggers = _triggers(demo)
    roster = tmp_path / "big.csv"
    rows = [f"淄博批量{i:02d}机械有限公司,2022-05-01" for i in range(8)]
    # A bad last row: nothing is written, and the triggers set aside meanwhile are back.
    roster.write_text("名称,入会日期\n" + "\n".join([*rows, "淄博坏行,2022-13-01"]) + "\n")
    demo.fails("members", "import", str(roster), lang="en")  # (fails() checks nothing changed)
    roster.write_text("名称,入会日期\n" + "\n".join(rows) + "\n", encoding="utf-8")
    said = demo.ok("members", "import", str(roster)).stderr
    assert "assoc db refresh" in said
    # One note, "everyone", however many rows the import wrote (PostgreSQL's triggers
    # note each row; the deferred refresh folds them into note 0).
    assert demo.sql("SELECT member_id FROM ledger_dirty") == [(0,)]
    assert _triggers(demo) == triggers
    unpaid = demo.ok(*REPORTS[1]).stdout
    demo.ok("db", "refresh")
    assert len(_assert_current(demo)) > 0
    assert demo.ok(*REPORTS[1]).stdout == unpaid
    # The triggers work again: a member typed in by hand is noted.
    demo.sql(
        "INSERT INTO membership_period (member_id, joined_on) "
        "SELECT id, '2023-01-01' FROM member WHERE number = 'M0003'"
    )
    assert demo.sql("SELECT member_id FROM ledger_dirty") != []


def _triggers(cli: Cli) -> list[Any]:
    """The triggers' definitions (SQLite) or names and tables (PostgreSQL)."""
    if cli.is_postgres:
        query = "SELECT tgname, tgrelid::regclass::text FROM pg_trigger WHERE NOT tgisinternal"
    else:
        query = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
    return sorted(cli.sql(query))


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_a_refresh_between_a_change_and_its_commit_loses_nothing(demo: Cli) -> None:
    """PostgreSQL (READ COMMITTED): `db refresh` runs while another transaction has
    recorded a payment but not yet committed. The refresh cannot see that payment and must
    not take its note; the writer's own refresh then recomputes the member."""
    demo.sql("INSERT INTO ledger_dirty (member_id) VALUES (0)")  # as after a rate change
    engine = create_engine(demo.location)
    try:
        with engine.connect() as writer, writer.begin():
            writer.execute(
                text(
                    "INSERT INTO dues_entry (member_id, kind, year, amount_fen, entry_on,"
                    " created_at) SELECT id, 'payment', 2022, 777, '2022-12-01',"
                    " '2022-12-01 00:00:00' FROM member WHERE number = 'M0003'"
                )
            )
            demo.ok("db", "refresh")  # commits while the payment is still pending
            balances.refresh(Reader(writer), limit=None)
    finally:
        engine.dispose()
    _assert_current(demo)


def test_db_refresh_lets_other_commands_write_between_its_chunks(
    demo: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`db refresh` works in short transactions (here: 10 members each). Between them,
    real commands commit: a payment of a member already done, one of a member not yet
    reached, and a rate change — too big for one command here (the limit lowered to 20
    members), so it is left noted and the refresh starts again. Meanwhile reports do not
    read the half-refreshed rows. At the end the stored rows equal the ledger and nothing
    is left noted."""
    monkeypatch.setattr(ledger_notes, "AUTO_LIMIT", 20)
    engine = create_engine(demo.url)
    writes = iter(
        [
            ("dues", "pay", "M0002", "--amount", "100", "--year", "2022", "--credit"),
            ("dues", "pay", "M0050", "--amount", "100", "--year", "2022", "--credit"),
            ("dues", "rates", "set", "2022", "会员单位", "1234"),
            ("dues", "pay", "M0003", "--amount", "100", "--year", "2022", "--credit"),
        ]
    )
    seen: list[tuple[int, int]] = []

    def between_chunks(done: int, total: int) -> None:
        seen.append((done, total))
        command = next(writes, None)
        if command is not None:
            demo.ok(*command)
        with engine.connect() as connection:
            assert not stored_rows.is_current(Reader(connection), stored_rows.END_OF_TIME)

    try:
        count = balances.refresh_in_chunks(engine, chunk=10, progress=between_chunks)
    finally:
        engine.dispose()
    assert next(writes, None) is None, "every write ran between chunks"
    total = seen[0][1]
    assert count == total and seen[-1] == (total, total)
    assert any(done < previous for (done, _), (previous, _) in zip(seen[1:], seen, strict=False))
    _assert_current(demo)
    demo.ok("db", "check")
