"""The dues feature computes its own invariants and returns results the CLI only renders:
a waiver reads what is still owed itself, a payment comes back with the member's
position after it, and the CLI's choices are the feature's own enums."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session

from assoc_cli.db.engine import open_database
from assoc_cli.db.models import Member
from assoc_cli.dues import service as dues
from assoc_cli.dues.choices import PaymentMethod
from assoc_cli.errors import InvalidValueError
from assoc_cli.members.service import add_member


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    engine = open_database(f"sqlite:///{tmp_path / 'dues.db'}", create=True)
    with Session(engine) as session, session.begin():
        dues.set_rate(
            session=session, year=2022, tier_name="会员单位", amount_fen=300000, adopted_by=None
        )
        yield session
        session.rollback()
    engine.dispose()


def _member(session: Session) -> Member:
    values = {"name": "结果测试公司", "joined_on": date(2020, 1, 1)}
    return add_member(session=session, values=values)


def test_a_waiver_reads_what_is_still_owed_itself(session: Session) -> None:
    member = _member(session)
    dues.record_payment(
        session=session,
        member=member,
        payment=dues.PaymentInput(amount_fen=200000, on=date(2022, 11, 1), year=2022),
    )
    with pytest.raises(InvalidValueError, match=r"only ¥1,000\.00 of the 2022 dues is still owed"):
        dues.record_waiver(
            session=session,
            member=member,
            year=2022,
            amount_fen=150000,
            on=date(2022, 11, 10),
            reason="减免",
            approved_by=None,
        )
    with pytest.raises(InvalidValueError, match="owes no dues for 2019"):
        dues.record_waiver(
            session=session,
            member=member,
            year=2019,
            amount_fen=100,
            on=date(2022, 11, 10),
            reason="减免",
            approved_by=None,
        )
    entry = dues.record_waiver(
        session=session,
        member=member,
        year=2022,
        amount_fen=100000,
        on=date(2022, 11, 10),
        reason="减免",
        approved_by=None,
    )
    assert dues.entry_reference(entry) == f"W{entry.id}"


def test_a_payment_comes_back_with_the_position_after_it(session: Session) -> None:
    member = _member(session)
    paid = dues.record_payment(
        session=session,
        member=member,
        payment=dues.PaymentInput(
            amount_fen=350000, on=date(2022, 11, 1), method=PaymentMethod.cash.value
        ),
    )
    assert paid.receipt == "2022-0001"
    assert paid.position.years == [(2022, 0)]
    assert paid.position.credit == 50000
    assert paid.sentences("en")[1] == "After this payment: 2022 paid in full; credit ¥500.00"


def test_the_choices_module_loads_nothing_heavy() -> None:
    code = (
        "import sys, assoc_cli.dues.choices; "
        "print([m for m in ('sqlalchemy', 'sqlmodel', 'openpyxl', 'docx') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
