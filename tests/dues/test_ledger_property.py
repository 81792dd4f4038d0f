"""Property tests: for random sequences of payments, waivers and voids the ledger never
loses a fen. Runs the real services and the real SQL ledger on a real SQLite file, and
compares with the plain-Python model of the same rules."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from assoc_cli.db.engine import open_database
from assoc_cli.db.models import DuesEntry
from assoc_cli.dues import service as dues
from assoc_cli.dues.ledger import year_ledger_select
from assoc_cli.dues.policy import dues_policy
from assoc_cli.dues.reference_model import Entry, account, valid_entries
from assoc_cli.dues.statement import member_ledger
from assoc_cli.errors import InvalidValueError
from assoc_cli.members.service import add_member
from tools import pg_server

YEARS = (2021, 2022, 2023)
RATE = {2021: 300000, 2022: 300000, 2023: 350000}
START = date(2021, 1, 1)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def engine(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[Engine]:
    if request.param == "sqlite":
        path: Path = tmp_path_factory.mktemp("property") / "ledger.db"
        url = f"sqlite:///{path}"
    else:
        url = pg_server.create_database(request.getfixturevalue("postgres"), "property_ledger")
    engine = open_database(url, create=True)
    with Session(engine) as session, session.begin():
        for year in YEARS:
            dues.set_rate(
                session=session,
                year=year,
                tier_name="会员单位",
                amount_fen=RATE[year],
                adopted_by=None,
            )
    yield engine
    engine.dispose()


operation = st.one_of(
    st.tuples(
        st.just("pay"),
        st.integers(1, 900_000),
        st.sampled_from([None, *YEARS]),
        st.integers(0, 1000),
    ),
    st.tuples(
        st.just("waive"), st.integers(1, 400_000), st.sampled_from(YEARS), st.integers(0, 1000)
    ),
    st.tuples(st.just("void"), st.integers(0, 50), st.none(), st.integers(0, 200)),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    joined=st.sampled_from([date(2015, 1, 1), date(2021, 7, 1), date(2022, 3, 15)]),
    operations=st.lists(operation, min_size=1, max_size=12),
    probes=st.lists(st.integers(0, 1300), min_size=1, max_size=4),
)
def test_the_ledger_never_loses_a_fen(
    engine: Engine,
    joined: date,
    operations: list[tuple[str, int, int | None, int]],
    probes: list[int],
) -> None:
    with Session(engine) as session:
        session.begin()
        try:
            _run(session, joined, operations, probes)
        finally:
            session.rollback()


def _run(
    session: Session,
    joined: date,
    operations: list[tuple[str, int, int | None, int]],
    probes: list[int],
) -> None:
    member = add_member(session=session, values={"name": "性质测试公司", "joined_on": joined})
    assert member.id is not None
    policy = dues_policy(session)
    recorded: list[DuesEntry] = []
    for kind, amount, year, offset in operations:
        on = START + timedelta(days=offset)
        if kind == "pay":
            paid = dues.record_payment(
                session=session,
                member=member,
                # (counter safety is tested in test_counter.py; here any sequence goes)
                payment=dues.PaymentInput(
                    amount_fen=amount, on=on, year=year, again=True, credit=True
                ),
            )
            # (written on the Core tables: the ORM loads the new entry by its id)
            entry = session.get(DuesEntry, paid.entry_id)
            assert entry is not None
            recorded.append(entry)
        elif kind == "waive" and year is not None:
            rows = {
                r["year"]: r
                for r in member_ledger(session, policy, member_id=member.id, as_of=date(2099, 1, 1))
            }
            row = rows.get(year)
            if row is None or row["waived"] + amount > row["due"]:
                continue  # the service would refuse it; that refusal is tested elsewhere
            try:
                waiver = dues.record_waiver(
                    session=session,
                    member=member,
                    year=year,
                    amount_fen=amount,
                    on=on,
                    reason="测试",
                    approved_by=None,
                )
            except InvalidValueError:
                continue  # more than is still owed: refused, as tested elsewhere
            recorded.append(waiver)
        elif kind == "void" and recorded:
            target = recorded[amount % len(recorded)]
            if target.kind == "void" or any(e.reverses_id == target.id for e in recorded):
                continue
            reference = dues.entry_reference(target)
            recorded.append(
                dues.void_entry(
                    session=session, reference=reference, on=max(on, target.entry_on), reason="测试"
                )[1]
            )
    entries = [
        Entry(e.id or 0, e.kind, e.year, e.amount_fen, e.entry_on, e.reverses_id)
        for e in session.exec(
            # In the order they were recorded: the twin below gets them in that order, so
            # each of its waivers meets the "no more than is still owed" check as the
            # original did (never with more paid, since voided payments are left out).
            select(DuesEntry).where(DuesEntry.member_id == member.id).order_by(col(DuesEntry.id))
        ).all()
    ]
    for probe in probes:
        as_of = START + timedelta(days=probe)
        rows = member_ledger(session, policy, member_id=member.id, as_of=as_of)
        valid = valid_entries(entries, as_of)
        paid_in = sum(e.amount for e in valid if e.kind == "payment")
        credit = max((r["credit"] for r in rows), default=paid_in)
        # No fen lost: every valid payment is either applied to a year or kept as credit.
        assert sum(r["paid"] for r in rows) + credit == paid_in
        for row in rows:
            # paid + waived + balance = due, and nothing is negative.
            assert row["paid"] + row["waived"] + row["balance"] == row["due"]
            assert min(row["paid"], row["waived"], row["balance"]) >= 0
        # The SQL ledger equals the plain-Python model of the same rules.
        model = account([(r["year"], r["due"]) for r in rows], entries, as_of)
        assert [(r["year"], r["paid"], r["waived"], r["balance"]) for r in rows] == [
            (y.year, y.paid, y.waived, y.balance) for y in model.years.values()
        ]
        assert credit == model.credit
        # The one-year ledger (the collection report's, no window functions) agrees with
        # the whole ledger, year by year (this member is the only one in the database).
        keys = ("member_id", "tier", "due", "waived", "net_due", "paid", "balance")
        for row in rows:
            query = year_ledger_select(session, policy, as_of, row["year"])
            assert query is not None
            one_year = session.connection().execute(query).mappings().all()
            assert [tuple(r[k] for k in keys) for r in one_year] == [tuple(row[k] for k in keys)]
    # Voids undo exactly: a twin member given only the entries that were never voided
    # ends with the very same ledger.
    twin = add_member(session=session, values={"name": "性质测试孪生公司", "joined_on": joined})
    assert twin.id is not None
    for entry in valid_entries(entries, date(2099, 1, 1)):
        if entry.kind == "payment":
            dues.record_payment(
                session=session,
                member=twin,
                payment=dues.PaymentInput(
                    amount_fen=entry.amount, on=entry.on, year=entry.year, again=True, credit=True
                ),
            )
        else:
            assert entry.year is not None
            dues.record_waiver(
                session=session,
                member=twin,
                year=entry.year,
                amount_fen=entry.amount,
                on=entry.on,
                reason="测试",
                approved_by=None,
            )

    def figures(member_id: int) -> list[tuple[int, int, int, int, int]]:
        rows = member_ledger(session, policy, member_id=member_id, as_of=date(2099, 1, 1))
        return [(r["year"], r["paid"], r["waived"], r["balance"], r["credit"]) for r in rows]

    assert figures(member.id) == figures(twin.id)
