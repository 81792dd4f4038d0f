"""One answer everywhere (issue 15): for any member, year and date, what a member owes for a
year is the same in its statement, the unpaid list, the arrears list, the collection report
and the notice — including dues paid before their year begins (seed 001: 2022's dues
collected from November 2021)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assoc_cli.i18n.money import format_money
from tests.conftest import Cli

# Demo members with different stories: an officer whose 2021 overpayment is credit for
# 2022 (M0009), partial payers (M0016, M0046), one owing (M0029), one that joined in
# December 2022 (M0001), and the two paid ahead below (M0049, M0030).
MEMBERS = ["M0001", "M0009", "M0016", "M0029", "M0030", "M0046", "M0049"]

ONE_ANSWER = settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def paid_ahead(demo: Cli) -> Cli:
    """The demo, with 2022's dues paid in November 2021: one payment for 2022 by name, one
    without a year (it settles the oldest year owing; the rest is credit for 2022)."""
    demo.ok("dues", "pay", "M0049", "--amount", "3000", "--year", "2022", "--on", "2021-11-20")
    demo.ok("dues", "pay", "M0030", "--amount", "25000", "--on", "2021-11-25", "--credit")
    return demo


def _json(cli: Cli, *args: str) -> Any:
    return json.loads(cli.ok("dues", *args, "-f", "json").stdout)


def _money(value: Any) -> Decimal:
    return Decimal(str(value))


def _fen(value: Decimal) -> int:
    return int(value * 100)


@ONE_ANSWER
@given(
    number=st.sampled_from(MEMBERS),
    year=st.sampled_from([2021, 2022]),
    on=st.dates(date(2021, 10, 1), date(2023, 3, 31)),
)
def test_statement_unpaid_arrears_report_and_notice_agree(
    paid_ahead: Cli, number: str, year: int, on: date
) -> None:
    cli, day = paid_ahead, on.isoformat()
    statement = _json(cli, "statement", number, "--as-of", day)
    years = {row["year"]: row for row in statement["years"]}
    balance = _money(years[year]["balance"]) if year in years else Decimal("0.00")
    owing = _money(statement["owing"])
    assert balance >= 0
    assert owing == sum((_money(row["balance"]) for row in years.values()), Decimal(0))

    unpaid = _json(cli, "unpaid", "--year", str(year), "--as-of", day)
    listed = {row["number"]: row for row in unpaid}
    row = listed.get(number)
    assert (_money(row["balance"]) if row else Decimal("0.00")) == balance, (statement, row)
    if row is not None:
        assert _money(row["due"]) == _money(years[year]["due"]) - _money(years[year]["waived"])
        # The unpaid list's arrears are the years up to the one it lists.
        up_to = sum((_money(r["balance"]) for y, r in years.items() if y <= year), Decimal(0))
        assert _money(row["total_owing"]) == up_to, (statement, row)

    arrears = {r["number"]: r for r in _json(cli, "arrears", "--as-of", day, "--min-years", "1")}
    owed = arrears.get(number)
    assert (_money(owed["total_owing"]) if owed else Decimal("0.00")) == owing, (statement, owed)
    if owed is not None:
        assert (str(year) in owed["years"]) == (balance > 0), (statement, owed)

    report = _json(cli, "report", "--year", str(year), "--as-of", day)
    outstanding = _money(report[-1]["outstanding"])
    assert outstanding == sum((_money(r["balance"]) for r in unpaid), Decimal(0)), report

    reminder = cli(
        "dues", "notice", "--member", number, "--year", str(year), "--on", day, "--unpaid"
    )
    if balance > 0:
        assert reminder.exit_code == 0, reminder.stderr
        assert format_money(_fen(balance)) in reminder.stdout or (
            _money(years[year]["paid"]) == 0
            and format_money(_fen(_money(years[year]["due"]))) in reminder.stdout
        ), (statement, reminder.stdout)
    else:
        assert reminder.exit_code == 1, reminder.stdout
        assert "已无尚欠的" in reminder.stderr, reminder.stderr
