"""The audit log: every change, by whom and with which command; a failed command leaves
nothing in it. On PostgreSQL "whom" is the database user, with --operator added to it."""

from __future__ import annotations

import getpass
import json

from sqlalchemy import make_url

from tests.conftest import Cli


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
    user = make_url(cli.location).username if cli.is_postgres else None

    def by(name: str) -> str:
        return f"{user} (as {name})" if user else name

    assert [(e["operator"], e["command"], e["entity"], e["action"]) for e in entries] == [
        (by("小王"), "dues pay", "dues_entry", "insert"),
        (by("小王"), "members edit", "member", "update"),
        (by("小李"), "members add", "membership_period", "insert"),
        (by("小李"), "members add", "member", "insert"),
    ]
    # Without --operator: the database user on PostgreSQL, the OS user on SQLite.
    rates = json.loads(cli.ok("log", "--table", "dues_rate", "-f", "json").stdout)
    assert rates[0]["operator"] == (user or getpass.getuser())
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


def test_a_payment_written_without_the_orm_is_logged_as_the_orm_logs_an_entry(cli: Cli) -> None:
    """`dues pay` writes on the Core tables and logs its entry itself; `dues waive` goes
    through the ORM's hook. The two log entries have the same shape: every column, the
    values as stored, dates in ISO form."""
    cli.ok("members", "add", "山东双涵石化装备有限公司", "--joined", "2021-03-01")
    cli.ok("dues", "rates", "set", "2022", "会员单位", "3000")
    cli.ok("dues", "waive", "双涵", "--year", "2022", "--amount", "1000", "--reason", "困难")
    cli.ok("dues", "pay", "双涵", "--amount", "2000", "--on", "2022-11-25", "--ref", "B-1")
    logged = json.loads(cli.ok("log", "--table", "dues_entry", "-f", "json").stdout)
    paid, waived = (json.loads(entry["after"]) for entry in logged)
    assert (paid["kind"], waived["kind"]) == ("payment", "waiver")
    assert sorted(paid) == sorted(waived)
    stored = cli.sql(
        "SELECT id, member_id, amount_fen, entry_on, receipt, reference, method "
        "FROM dues_entry WHERE kind = 'payment'"
    )[0]
    entry_id, member_id, amount, on, receipt, reference, method = stored
    assert {key: paid[key] for key in ("id", "member_id", "amount_fen", "receipt")} == {
        "id": entry_id,
        "member_id": member_id,
        "amount_fen": amount,
        "receipt": receipt,
    }
    assert paid["entry_on"] == str(on)[:10] == "2022-11-25"
    assert (paid["reference"], paid["method"]) == (reference, method) == ("B-1", "银行转账")
    assert paid["created_at"].endswith("+00:00") and waived["created_at"].endswith("+00:00")
    assert logged[0]["entity_id"] == entry_id
