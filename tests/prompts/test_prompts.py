"""Prompts for what is missing, on a pseudo-terminal (pexpect) — and never on a pipe or
with --yes, so scripts and batches stay scriptable."""

from __future__ import annotations

import subprocess
import sys

import pexpect
import pytest

from tests.conftest import Cli, snapshot


def terminal(cli: Cli, *args: str) -> pexpect.spawn:
    """``assoc --db DB ARGS`` on a pseudo-terminal."""
    child = pexpect.spawn(
        sys.executable,
        ["-m", "assoc_cli", "--db", cli.location, *args],
        encoding="utf-8",
        timeout=60,
        dimensions=(40, 200),
    )
    return child


def finished(child: pexpect.spawn) -> tuple[int, str]:
    """The exit code and what was printed after the last answer."""
    child.expect(pexpect.EOF)
    output = str(child.before)
    child.close()
    return int(child.exitstatus if child.exitstatus is not None else -1), output


def payments(cli: Cli) -> list[tuple[str, int]]:
    return [
        (str(receipt), int(fen))
        for receipt, fen in cli.sql(
            "SELECT receipt, amount_fen FROM dues_entry WHERE kind = 'payment' ORDER BY id"
        )
    ]


def test_dues_pay_asks_for_the_member_and_amount_and_confirms_the_money(assoc: Cli) -> None:
    child = terminal(assoc, "dues", "pay", "--year", "2021", "--on", "2021-11-25")
    child.expect("会员（编号、名称、简称或名称的一部分）")
    child.sendline("山东")  # all six units: a numbered choice
    child.expect("金额")
    child.sendline("2万")
    child.expect("“山东”与多项相符")
    child.expect(r"请选择 1–6（0 取消）")
    before = str(child.before)
    assert "1. 山东通力有限公司 (M0001)" in before
    assert "2. 山东双涵有限公司 (M0002)" in before
    child.sendline("2")
    child.expect_exact("向 山东双涵有限公司 收取 ¥20,000.00 作为2021年度会费？ [y/N]")
    child.sendline("y")
    code, output = finished(child)
    assert code == 0, output
    assert "2021-0001" in output
    assert payments(assoc) == [("2021-0001", 2_000_000)]


def test_declining_the_money_records_nothing(assoc: Cli) -> None:
    before = snapshot(assoc.location)
    child = terminal(assoc, "dues", "pay", "双涵", "--amount", "20000", "--on", "2021-11-25")
    child.expect_exact("向 山东双涵有限公司 收取 ¥20,000.00 作为会费（先抵最早欠缴的年度）？ [y/N]")
    child.sendline("")  # the default is no
    code, output = finished(child)
    assert code == 1
    assert "已取消，未作任何改动" in output
    assert snapshot(assoc.location) == before


def test_in_english(assoc: Cli) -> None:
    child = terminal(
        assoc, "--lang", "en", "dues", "pay", "双涵", "--amount", "1.5万", "--year", "2021"
    )
    child.expect_exact("Receive ¥15,000.00 from 山东双涵有限公司 as dues for 2021? [y/N]")
    child.sendline("n")
    code, output = finished(child)
    assert code == 1 and "cancelled; nothing was changed" in output


def test_a_missing_member_or_meeting_is_asked_for(assoc: Cli) -> None:
    child = terminal(assoc, "members", "show")
    child.expect("会员（编号、名称、简称或名称的一部分）")
    child.sendline("双含")  # typed nearly right: the nearest, to confirm
    child.expect("没有找到“双含”，是不是指")
    child.expect(r"请选择 1–1（0 取消） \[1\]")
    child.sendline("")
    code, output = finished(child)
    assert code == 0, output
    assert "山东双涵有限公司" in output
    assoc.ok("meetings", "new", "--kind", "会长办公会", "--date", "2021-08-20")
    child = terminal(assoc, "meetings", "show")
    child.expect("会议（编号、日期或标题的一部分）")
    child.sendline("1")
    code, output = finished(child)
    assert code == 0, output
    assert "会长办公会" in output


def test_cancelling_a_choice_changes_nothing(assoc: Cli) -> None:
    before = snapshot(assoc.location)
    child = terminal(assoc, "members", "edit", "山东", "--phone", "0533-2")
    child.expect("请选择 1–6")
    child.sendline("0")
    code, output = finished(child)
    assert code == 1 and "已取消" in output
    assert snapshot(assoc.location) == before


def test_yes_never_asks(assoc: Cli) -> None:
    child = terminal(assoc, "--yes", "dues", "pay", "双涵", "--amount", "20000", "--year", "2021")
    code, output = finished(child)
    assert code == 0, output
    assert "[y/N]" not in output
    child = terminal(assoc, "dues", "pay", "通力", "--amount", "30000", "--year", "2021", "-y")
    code, output = finished(child)
    assert code == 0 and "[y/N]" not in output
    child = terminal(assoc, "--yes", "members", "show")
    code, output = finished(child)
    assert code == 2 and "Missing argument" in output
    child = terminal(assoc, "-y", "members", "show", "山东")
    code, output = finished(child)
    assert code == 1 and "与多个会员相符" in output
    assert len(payments(assoc)) == 2


@pytest.mark.parametrize(
    ("args", "code", "said"),
    [
        (("members", "show"), 2, "Missing argument"),
        (("members", "show", "山东"), 1, "与多个会员相符"),
        (("members", "show", "双含"), 1, "是不是指"),
        (("meetings", "show"), 2, "Missing argument"),
        (("dues", "pay", "--year", "2021"), 2, "请给出会员和 --amount"),
    ],
)
def test_a_pipe_never_prompts(assoc: Cli, args: tuple[str, ...], code: int, said: str) -> None:
    """stdin a pipe (with an answer waiting in it): the command fails as it always did,
    without reading a line."""
    before = snapshot(assoc.location)
    done = subprocess.run(
        [sys.executable, "-m", "assoc_cli", "--db", assoc.location, *args],
        input="1\ny\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == code, done.stderr
    assert said in done.stderr
    assert "请选择" not in done.stderr + done.stdout and "[y/N]" not in done.stderr
    assert snapshot(assoc.location) == before


PAY = ("dues", "pay", "双涵", "--amount", "20000", "--year", "2021")


def test_a_pipe_records_the_payment_without_asking(assoc: Cli) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "assoc_cli", "--db", assoc.location, *PAY],
        input="n\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "[y/N]" not in done.stderr
    assert payments(assoc) == [(done.stdout.strip(), 2_000_000)]
