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
