"""The demo's statistics and party register: two years (2021–2022) of quarterly figures
for its units under a 季报 plan, and a few party organisations — one a joint branch of
two units — with counts and a pairing. Its own random numbers, so the rest of the demo
stays exactly as it was."""

from __future__ import annotations

import random
from datetime import date

from sqlmodel import Session

from assoc_cli.db.models import Member
from assoc_cli.party.service import add_org, add_pairing, record_count
from assoc_cli.statistics.catalogue import (
    FEN_PER_WAN,
    Period,
    add_plan,
    ensure_defaults,
    find_indicator,
)
from assoc_cli.statistics.collection import Figure, enrol, record_report


def build_statistics(session: Session, members: list[Member]) -> None:
    """Quarterly 产值, 营业收入, 税收 and 从业人员 for every active unit in 2021 and 2022
    (about +8% a year), and the party register."""
    rng = random.Random(19)
    ensure_defaults(session)
    add_plan(
        session=session, name="季报", frequency="quarterly", jan_feb_together=False, due_day=15
    )
    units = [m for m in members if m.kind == "unit" and m.status == "active"]
    output = find_indicator(session, "产值")
    revenue = find_indicator(session, "营业收入")
    tax = find_indicator(session, "税收")
    staff = find_indicator(session, "从业人员平均人数")
    for member in units:
        enrol(session=session, member=member, plan_name="季报")
        yearly = rng.randint(800, 60_000) * FEN_PER_WAN  # 万元 a year
        people = member.employees or rng.randint(20, 400)
        for year in (2021, 2022):
            done = {output.id: 0, revenue.id: 0, tax.id: 0}
            for quarter in range(1, 5):
                period = Period(year, quarter * 3 - 2, quarter * 3)
                made = yearly * rng.randint(22, 28) // 100
                figures = []
                for indicator, amount in (
                    (output, made),
                    (revenue, made * 95 // 100),
                    (tax, made * 3 // 100),
                ):
                    done[indicator.id] += amount
                    figures.append(Figure(indicator, amount, done[indicator.id]))
                figures.append(Figure(staff, people, people))
                record_report(
                    session=session,
                    member=member,
                    period=period,
                    figures=figures,
                    reported_on=date(year + (quarter == 4), quarter * 3 % 12 + 1, 10),
                )
            yearly = yearly * rng.randint(100, 116) // 100
    with_org = [m for m in units if m.has_party_org]
    if len(with_org) >= 5:
        committee = add_org(
            session=session,
            name=f"{with_org[0].short_name or with_org[0].name}党委",
            kind="党委",
            units=[with_org[0]],
            secretary=with_org[0].representative,
            founded_on=date(2015, 7, 1),
            parent=None,
        )
        joint = add_org(
            session=session,
            name="示范市装备制造业第一联合党支部",
            kind="联合党支部",
            units=with_org[1:3],
            secretary=with_org[1].representative,
            founded_on=date(2019, 6, 28),
            parent=None,
        )
        record_count(
            session=session, org=committee, counted_on=date(2022, 12, 31), party_members=48
        )
        record_count(session=session, org=joint, counted_on=date(2022, 12, 31), party_members=17)
        for member in with_org[3:5]:
            org = add_org(
                session=session,
                name=f"{member.short_name or member.name}党支部",
                kind="党支部",
                units=[member],
                secretary=member.representative,
                founded_on=date(2018, 7, 1),
                parent=None,
            )
            record_count(
                session=session,
                org=org,
                counted_on=date(2022, 12, 31),
                party_members=rng.randint(5, 30),
            )
        add_pairing(
            session=session,
            org=joint,
            member=None,
            partner="示范市税务局机关党委",
            started_on=date(2022, 5, 1),
        )
