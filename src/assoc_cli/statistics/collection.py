"""Collecting the figures: who reports under which plan, their 信息员, each report as
entered or imported (本期 and 本年累计 as reported), and who is overdue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, and_, exists, func, select

from assoc_cli.db.core import (
    member_t,
    stat_contact_t,
    stat_reporter_t,
    stat_value_t,
)
from assoc_cli.db.values import MemberStatus
from assoc_cli.errors import ConflictError, InvalidValueError
from assoc_cli.listing import Column, Listing
from assoc_cli.statistics.catalogue import (
    MONEY_UNIT,
    Indicator,
    Period,
    Plan,
    ensure_defaults,
    find_indicator,
    find_plan,
    parse_figure,
    parse_period,
    plans,
)

if TYPE_CHECKING:
    from sqlmodel import Session

    from assoc_cli.db.models import Member
    from assoc_cli.db.reader import DbSession


def plan_of(session: DbSession, member_id: int) -> Plan | None:
    """The plan *member_id* reports under, if enrolled."""
    plan_id = (
        session.connection()
        .execute(select(stat_reporter_t.c.plan_id).where(stat_reporter_t.c.member_id == member_id))
        .scalar()
    )
    return next((plan for plan in plans(session) if plan.id == plan_id), None)


def ensure_enrolled(session: Session, member: Member) -> Plan:
    """The plan *member* reports under; one not yet enrolled reports under the default
    plan from now on (a member that sends figures is a reporter)."""
    from assoc_cli.db.models import StatReporter

    assert member.id is not None
    plan = plan_of(session, member.id)
    if plan is None:
        plan = find_plan(session, None)
        session.add(
            StatReporter(member_id=member.id, plan_id=plan.id, created_at=datetime.now(UTC))
        )
        session.flush()
    return plan


def enrol(*, session: Session, member: Member, plan_name: str | None) -> Plan:
    """``stats enrol``: *member* reports under the plan (the default plan when not named);
    enrolling again moves it to another plan."""
    from assoc_cli.db.models import StatReporter

    ensure_defaults(session)
    plan = find_plan(session, plan_name)
    assert member.id is not None
    row = session.get(StatReporter, member.id)
    if row is None:
        row = StatReporter(member_id=member.id, plan_id=plan.id, created_at=datetime.now(UTC))
    row.plan_id = plan.id
    session.add(row)
    session.flush()
    return plan


def set_contacts(
    *, session: Session, member: Member, contacts: list[tuple[str, str | None]]
) -> None:
    """``stats contacts``: the member's one or two 统计联络员 (name, phone), replacing any."""
    from sqlmodel import col
    from sqlmodel import select as orm_select

    from assoc_cli.db.models import StatContact
    from assoc_cli.i18n.controls import one_line

    if not 1 <= len(contacts) <= 2:
        raise InvalidValueError(
            "a member names one or two statistics contacts (信息员)",
            zh="每家会员指定1–2名统计联络员(信息员)",
        )
    for old in session.exec(orm_select(StatContact).where(col(StatContact.member_id) == member.id)):
        session.delete(old)
    session.flush()
    for position, (name, phone) in enumerate(contacts, start=1):
        name = one_line(name, "a person's name")
        if not name:
            raise InvalidValueError("a contact needs a name", zh="联络员需要姓名")
        assert member.id is not None
        session.add(
            StatContact(
                member_id=member.id,
                position=position,
                name=name,
                phone=one_line(phone, "a phone number") if phone else None,
            )
        )
    session.flush()


@dataclass(frozen=True)
class Figure:
    """One indicator's figures as typed: 本期 and, when given, 本年累计 (stored units)."""

    indicator: Indicator
    current: int
    cumulative: int | None


def parse_figure_pair(
    indicator: Indicator, current: str, cumulative: str | None, where: str
) -> Figure:
    """本期 and 本年累计 typed for *indicator* (万元 or persons), checked."""
    return Figure(
        indicator,
        parse_figure(current, indicator.unit, f"{where}{indicator.name} 本期"),
        parse_figure(cumulative, indicator.unit, f"{where}{indicator.name} 本年累计")
        if cumulative not in (None, "")
        else None,
    )


def parse_assignment(session: DbSession, text: str) -> Figure:
    """``产值=9000/96520``: an indicator, its 本期 and (after /) its 本年累计."""
    name, sep, figures = text.partition("=")
    if not sep:
        raise InvalidValueError(
            f'"{text}" is not NAME=本期[/本年累计], e.g. 产值=9000/96520',
            zh=f"“{text}”的格式应为 指标=本期[/本年累计],如 产值=9000/96520",
        )
    current, _, cumulative = figures.partition("/")
    return parse_figure_pair(find_indicator(session, name), current, cumulative or None, "")


def record_report(
    *,
    session: Session,
    member: Member,
    period: Period,
    figures: list[Figure],
    reported_on: date,
    where: str = "",
) -> int:
    """Store a member's figures for *period* (a report entered again replaces them).

    本年累计 is required where the period does not start in January (it cannot be known
    from 本期 alone); from January on it equals 本期 for an indicator that sums."""
    from assoc_cli.db.models import StatValue

    assert member.id is not None
    if member.kind != "unit":
        raise InvalidValueError(
            f"{member.number} is an individual member: only units report figures",
            zh=f"{member.number} 是个人会员:只有单位会员报送统计数据",
        )
    seen: set[int] = set()
    stored = 0
    for figure in figures:
        indicator = figure.indicator
        if indicator.id in seen:
            raise InvalidValueError(
                f"{where}{indicator.name} is given twice", zh=f"{where}{indicator.name} 重复填报"
            )
        seen.add(indicator.id)
        cumulative = figure.cumulative
        if cumulative is None:
            if period.start_month == 1 or indicator.kind == "level":
                cumulative = figure.current
            else:
                raise InvalidValueError(
                    f"{where}{indicator.name}: give 本年累计 too ({period.cumulative_label('en')})"
                    f", e.g. {indicator.name}=本期/本年累计",
                    zh=f"{where}{indicator.name}:请同时填报本年累计"
                    f"({period.cumulative_label('zh-Hans')}),如 {indicator.name}=本期/本年累计",
                )
        elif period.start_month == 1 and indicator.kind == "flow" and cumulative != figure.current:
            raise InvalidValueError(
                f"{where}{indicator.name}: from January on 本期 and 本年累计 are the same figure",
                zh=f"{where}{indicator.name}:报告期自1月起,本期与本年累计应相同",
            )
        if indicator.unit != MONEY_UNIT and (figure.current < 0 or cumulative < 0):
            raise InvalidValueError(
                f"{where}{indicator.name}: a head count cannot be negative",
                zh=f"{where}{indicator.name}:人数不能为负",
            )
        key = (period.year, period.end_month, indicator.id, member.id)
        row = session.get(StatValue, key)
        if row is None:
            row = StatValue(
                year=period.year,
                end_month=period.end_month,
                indicator_id=indicator.id,
                member_id=member.id,
                start_month=period.start_month,
                current=figure.current,
                cumulative=cumulative,
                reported_on=reported_on,
            )
        else:
            row.start_month = period.start_month
            row.current = figure.current
            row.cumulative = cumulative
            row.reported_on = reported_on
        session.add(row)
        stored += 1
    if not stored:
        raise InvalidValueError(
            "give at least one figure, e.g. 产值=9000/96520",
            zh="请至少填报一项指标,如 产值=9000/96520",
        )
    session.flush()
    return stored


def enter_report(
    *,
    session: Session,
    member: Member,
    period_text: str,
    assignments: list[str],
    reported_on: date,
) -> tuple[Period, int]:
    """``stats enter``: one member's report for a period, typed on the command line. A
    member not yet enrolled reports under the default plan from now on."""

    ensure_defaults(session)
    plan = ensure_enrolled(session, member)
    period = parse_period(period_text, plan)
    figures = [parse_assignment(session, text) for text in assignments]
    return period, record_report(
        session=session, member=member, period=period, figures=figures, reported_on=reported_on
    )


def clear_report(*, session: Session, member: Member, period: Period) -> int:
    """``stats withdraw``: remove a member's report for a period (entered in error)."""
    from sqlmodel import col
    from sqlmodel import select as orm_select

    from assoc_cli.db.models import StatValue

    rows = list(
        session.exec(
            orm_select(StatValue).where(
                col(StatValue.member_id) == member.id,
                col(StatValue.year) == period.year,
                col(StatValue.end_month) == period.end_month,
            )
        )
    )
    if not rows:
        raise ConflictError(
            f"{member.number} has no report for {period.label('en')}",
            zh=f"{member.number} 没有{period.label('zh-Hans')}的报表",
        )
    for row in rows:
        session.delete(row)
    session.flush()
    return len(rows)


OVERDUE_COLUMNS = [
    Column("number", header="col.number"),
    Column("name"),
    Column("plan", header="col.stat_plan"),
    Column("period", header="col.stat_period"),
    Column("due_on", header="col.due_on", kind="date"),
    Column("contact", header="col.stat_contact"),
    Column("phone"),
]


def _not_reported(plan: Plan, year: int, end_month: int) -> Select[Any]:
    """Active reporters of *plan* with nothing reported for the period of *year* ending in
    *end_month*, with their first 信息员 (else the member's phone)."""
    reported = exists().where(
        and_(
            stat_value_t.c.year == year,
            stat_value_t.c.end_month == end_month,
            stat_value_t.c.member_id == member_t.c.id,
        )
    )
    contacts = (
        select(
            stat_contact_t.c.member_id,
            func.min(stat_contact_t.c.name).label("name"),
            func.min(stat_contact_t.c.phone).label("phone"),
        )
        .where(stat_contact_t.c.position == 1)
        .group_by(stat_contact_t.c.member_id)
        .subquery("c")
    )
    return (
        select(
            member_t.c.number,
            member_t.c.name,
            contacts.c.name.label("contact"),
            func.coalesce(contacts.c.phone, member_t.c.phone).label("phone"),
        )
        .join(stat_reporter_t, stat_reporter_t.c.member_id == member_t.c.id)
        .outerjoin(contacts, contacts.c.member_id == member_t.c.id)
        .where(
            stat_reporter_t.c.plan_id == plan.id,
            member_t.c.status == MemberStatus.active.value,
            ~reported,
        )
    )


def overdue_count(session: DbSession, plan: Plan, year: int, end_month: int) -> int:
    """How many of *plan*'s active reporters have not reported that period (one COUNT;
    the today page says how many, it does not list them)."""
    query = select(func.count()).select_from(_not_reported(plan, year, end_month).subquery())
    return int(session.connection().execute(query).scalar_one())


def overdue_rows(
    session: DbSession, *, year: int, end_month: int, as_of: date, lang: str
) -> list[dict[str, object]]:
    """Active reporters whose plan has a period ending in *end_month*, due before
    *as_of*, with nothing reported for it: one row each, with their contacts."""
    out: list[dict[str, object]] = []
    connection = session.connection()
    for plan in plans(session):
        period = next((p for p in plan.periods(year) if p.end_month == end_month), None)
        if period is None or period.due_on(plan.due_day) >= as_of:
            continue
        query = _not_reported(plan, year, end_month).order_by(member_t.c.number)
        for row in connection.execute(query):
            out.append(
                {
                    "number": row.number,
                    "name": row.name,
                    "plan": plan.name,
                    "period": period.label(lang),
                    "due_on": period.due_on(plan.due_day),
                    "contact": row.contact,
                    "phone": row.phone,
                }
            )
    return out


def overdue_listing(
    session: DbSession, *, year: int, end_month: int, as_of: date, lang: str
) -> Listing:
    """``stats overdue``: who has not reported a period that is past due."""
    return Listing(
        OVERDUE_COLUMNS,
        overdue_rows(session, year=year, end_month=end_month, as_of=as_of, lang=lang),
    )


def contacts_of(session: DbSession, number: str) -> list[tuple[str, str | None]]:
    """A member's 信息员 (name, phone), in order."""
    query = (
        select(stat_contact_t.c.name, stat_contact_t.c.phone)
        .join(member_t, member_t.c.id == stat_contact_t.c.member_id)
        .where(member_t.c.number == number)
        .order_by(stat_contact_t.c.position)
    )
    return [(row.name, row.phone) for row in session.connection().execute(query)]
