"""Services and visits (服务台账/走访台账): what the secretariat did for which members —
a visit, a training, an application coached (申报辅导, with each firm's outcome) — and
what it brought (money saved for members, in fen; firms applying and succeeding).

Reads are SQL: services by kind and month, visit coverage per dues tier against the
targets, the members not yet visited or not contacted at all this year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Integer, case, cast, exists, extract, func, select
from sqlmodel import Session, col
from sqlmodel import select as select_rows

from assoc_cli.db import core as tables
from assoc_cli.db.models import Member, Service, ServiceMember
from assoc_cli.errors import InvalidValueError, NotFoundError
from assoc_cli.i18n import t
from assoc_cli.listing import Column, Listing, Report
from assoc_cli.members.roster import RosterFilter, roster_select
from assoc_cli.organisation.queries import term_id_for
from assoc_cli.output import percent
from assoc_cli.services.choices import (
    APPLICATION_STAGES,
    APPLIED_STAGES,
    check_choice,
    check_one_of,
)
from assoc_cli.services.requests import _long_text, _text

VISIT = "走访"

s_t = tables.service_t.c
sm_t = tables.service_member_t.c
m_t = tables.member_t.c
r_t = tables.service_request_t.c


@dataclass(frozen=True)
class NewService:
    """What ``services add`` takes in."""

    held_on: date
    kind: str
    staff: str
    members: tuple[Member, ...]
    summary: str
    title: str | None = None
    outcome: str | None = None
    saved: int | None = None  # fen
    applied: int | None = None
    succeeded: int | None = None
    signed: bool = False


def add_service(*, session: Session, new: NewService) -> Service:
    """Record a service for one or more members."""
    kind = check_choice(session, "kind", new.kind)
    staff = _text(new.staff, "the staff", 100)
    if staff is None:
        raise InvalidValueError(
            "name the staff who did it (--staff)", zh="请写明服务人员（--staff）"
        )
    if not new.members:
        raise InvalidValueError(
            "a service is for at least one member (--member)", zh="服务对象至少一家会员（--member）"
        )
    for count, what, what_zh in (
        (new.applied, "--applied", "申报"),
        (new.succeeded, "--succeeded", "成功"),
    ):
        if count is not None and count < 0:
            raise InvalidValueError(
                f"{what} is a count, not {count}", zh=f"{what_zh}家数不能是{count}"
            )
    if new.applied is not None and new.succeeded is not None and new.succeeded > new.applied:
        raise InvalidValueError(
            f"{new.succeeded} firms cannot succeed of {new.applied} applying",
            zh=f"成功{new.succeeded}家多于申报{new.applied}家",
        )
    service = Service(
        held_on=new.held_on,
        kind=kind,
        staff=staff,
        title=_text(new.title, "the title", 200),
        summary=_long_text(new.summary, "the summary", "服务内容"),
        outcome=_long_text(new.outcome, "the outcome", "服务成效") if new.outcome else None,
        saved=new.saved,
        applied=new.applied,
        succeeded=new.succeeded,
        signed=new.signed,
        created_at=datetime.now(UTC),
    )
    session.add(service)
    session.flush()
    seen: set[int] = set()
    for member in new.members:
        assert member.id is not None
        if member.id in seen:
            continue
        seen.add(member.id)
        session.add(ServiceMember(service_id=service.id or 0, member_id=member.id))
    session.flush()
    return service


def get_service(*, session: Session, service_id: int) -> Service:
    """A service by its number."""
    service = session.get(Service, service_id)
    if service is None:
        raise NotFoundError(
            f"there is no service {service_id}; see: assoc services list",
            zh=f"没有编号为 {service_id} 的服务记录；请查看：assoc services list",
        )
    return service


def set_member_outcome(
    *, session: Session, service: Service, member: Member, outcome: str
) -> ServiceMember:
    """One firm's stage or outcome in an application (辅导中, 已申报, 已推荐, 成功, 未成功)."""
    outcome = check_one_of(outcome, APPLICATION_STAGES, "an application's stage", "申报进度")
    link = session.exec(
        select_rows(ServiceMember).where(
            col(ServiceMember.service_id) == service.id, col(ServiceMember.member_id) == member.id
        )
    ).first()
    if link is None:
        raise NotFoundError(
            f"{member.name} ({member.number}) is not among service {service.id}'s members",
            zh=f"{member.name}（{member.number}）不在服务记录 {service.id} 的对象中",
        )
    link.outcome = outcome
    session.add(link)
    session.flush()
    return link


def _year(column: Any) -> Any:
    return cast(extract("year", column), Integer)


SERVICE_COLUMNS = [
    Column("id", kind="int"),
    Column("held_on", "col.sv_held_on", kind="date"),
    Column("kind", "col.sv_kind"),
    Column("staff", "col.sv_staff"),
    Column("title", "col.sv_title"),
    Column("members", "col.sv_members"),
    Column("summary", "col.sv_summary"),
    Column("outcome", "col.sv_outcome"),
    Column("saved", "col.sv_saved", kind="money"),
    Column("applied", "col.sv_applied", kind="int"),
    Column("succeeded", "col.sv_succeeded", kind="int"),
    Column("signed", "col.sv_signed", kind="bool"),
]


def services_listing(
    session: Session, *, year: int | None, kind: str | None, member_id: int | None
) -> Listing:
    """``assoc services list``: services by date, with their members (名称（结果）)."""
    from assoc_cli.db.sql import string_agg

    label = m_t.name + func.coalesce("（" + sm_t.outcome + "）", "")
    members = (
        select(string_agg(session, label, "、"))
        .select_from(tables.service_member_t.join(tables.member_t, m_t.id == sm_t.member_id))
        .where(sm_t.service_id == s_t.id)
        .scalar_subquery()
    )
    query = select(
        *(s_t[c.key] for c in SERVICE_COLUMNS if c.key != "members"), members.label("members")
    )
    if year is not None:
        query = query.where(_year(s_t.held_on) == year)
    if kind:
        query = query.where(s_t.kind == kind)
    if member_id is not None:
        query = query.where(exists().where(sm_t.service_id == s_t.id, sm_t.member_id == member_id))
    rows = [
        dict(row._mapping)
        for row in session.connection().execute(query.order_by(s_t.held_on, s_t.id))
    ]
    return Listing(SERVICE_COLUMNS, rows)


def services_by_kind(session: Session, *, year: int) -> list[dict[str, Any]]:
    """Per kind of service in *year*: services, member visits (一家一次), firms applying and
    succeeding (named firms' outcomes, else the counts given), money saved."""
    per_service = (
        select(
            s_t.id,
            s_t.kind,
            func.count(sm_t.id).label("firms"),
            func.sum(case((sm_t.outcome.in_(APPLIED_STAGES), 1), else_=0)).label("named_applied"),
            func.sum(case((sm_t.outcome == "成功", 1), else_=0)).label("named_succeeded"),
        )
        .join_from(tables.service_t, tables.service_member_t, sm_t.service_id == s_t.id)
        .where(_year(s_t.held_on) == year)
        .group_by(s_t.id, s_t.kind)
        .subquery()
    )
    query = (
        select(
            per_service.c.kind,
            func.count().label("services"),
            func.sum(per_service.c.firms).label("firms"),
            func.sum(
                func.coalesce(s_t.applied, func.nullif(per_service.c.named_applied, 0), 0)
            ).label("applied"),
            func.sum(
                func.coalesce(s_t.succeeded, func.nullif(per_service.c.named_succeeded, 0), 0)
            ).label("succeeded"),
            func.coalesce(func.sum(s_t.saved), 0).label("saved"),
        )
        .join_from(per_service, tables.service_t, s_t.id == per_service.c.id)
        .group_by(per_service.c.kind)
    )
    rows = [dict(row._mapping) for row in session.connection().execute(query)]
    for row in rows:
        for key in ("services", "firms", "applied", "succeeded", "saved"):
            row[key] = int(row[key] or 0)
    return rows


KIND_COLUMNS = [
    Column("kind", "col.sv_kind"),
    Column("services", "col.sv_services", kind="int"),
    Column("firms", "col.sv_firms", kind="int"),
    Column("applied", "col.sv_applied", kind="int"),
    Column("succeeded", "col.sv_succeeded", kind="int"),
    Column("saved", "col.sv_saved", kind="money"),
]


def services_report(session: Session, *, year: int, lang: str) -> Report:
    """``assoc services report``: services by kind, and by month, in *year*."""
    from assoc_cli.services.choices import choices

    order = {name: i for i, name in enumerate(choices(session, "kind"))}
    kinds = sorted(services_by_kind(session, year=year), key=lambda r: order.get(r["kind"], 99))
    month = _month(s_t.held_on).label("month")
    by_month = [
        {"month": t("sq.month", lang, month=row.month), "services": int(row.services)}
        for row in session.connection().execute(
            select(month, func.count().label("services"))
            .where(_year(s_t.held_on) == year)
            .group_by(month)
            .order_by(month)
        )
    ]
    return Report(
        parts=[
            ("by_kind", Listing(KIND_COLUMNS, kinds, title=t("sv.by_kind", lang))),
            (
                "by_month",
                Listing(
                    [
                        Column("month", "col.sq_by_month"),
                        Column("services", "col.sv_services", kind="int"),
                    ],
                    by_month,
                    title=t("sv.by_month", lang),
                ),
            ),
        ]
    )


def _month(column: Any) -> Any:
    return cast(extract("month", column), Integer)


def _roster(session: Session, as_of: date) -> Any:
    filters = RosterFilter(term_id=term_id_for(session, None, as_of))
    return roster_select(session, filters).subquery("roster")


def coverage(
    session: Session, *, year: int, as_of: date, targets: dict[str, Decimal], lang: str
) -> Report:
    """``assoc services coverage``: per dues tier, the active members, those visited (走访)
    in *year*, the share and its target; then the members of tiers with a target not yet
    visited."""
    roster = _roster(session, as_of)
    visited = exists().where(
        sm_t.member_id == roster.c.id,
        sm_t.service_id == s_t.id,
        s_t.kind == VISIT,
        _year(s_t.held_on) == year,
    )
    query = (
        select(
            roster.c.tier,
            roster.c.tier_rank,
            func.count().label("members"),
            func.sum(case((visited, 1), else_=0)).label("visited"),
        )
        .group_by(roster.c.tier, roster.c.tier_rank)
        .order_by(roster.c.tier_rank)
    )
    rows = []
    for row in session.connection().execute(query):
        target = targets.get(row.tier)
        rate = percent(int(row.visited or 0), int(row.members))
        rows.append(
            {
                "tier": row.tier,
                "members": int(row.members),
                "visited": int(row.visited or 0),
                "rate": rate,
                "target": target,
                "met": None if target is None else (rate or Decimal(0)) >= target,
            }
        )
    not_visited = [
        dict(row._mapping)
        for row in session.connection().execute(
            select(roster.c.number, roster.c.name, roster.c.tier)
            .where(~visited, roster.c.tier.in_(list(targets)))
            .order_by(roster.c.tier_rank, roster.c.number)
        )
    ]
    return Report(
        parts=[
            (
                "coverage",
                Listing(
                    [
                        Column("tier"),
                        Column("members", kind="int"),
                        Column("visited", "col.sv_visited", kind="int"),
                        Column("rate", "col.sv_rate", kind="percent"),
                        Column("target", "col.sv_target", kind="percent"),
                        Column("met", "col.sv_met", kind="bool"),
                    ],
                    rows,
                    title=t("sv.coverage", lang, year=year),
                ),
            ),
            (
                "not_visited",
                Listing(
                    [Column("number"), Column("name"), Column("tier")],
                    not_visited,
                    title=t("sv.not_visited", lang),
                ),
            ),
        ]
    )


def not_contacted(session: Session, *, year: int, as_of: date) -> Listing:
    """``assoc services uncontacted``: active members with no service and no request in
    *year* — the ones to call."""
    roster = _roster(session, as_of)
    contacted = exists().where(
        sm_t.member_id == roster.c.id, sm_t.service_id == s_t.id, _year(s_t.held_on) == year
    ) | exists().where(r_t.member_id == roster.c.id, r_t.year == year)
    query = (
        select(roster.c.number, roster.c.name, roster.c.tier, roster.c.phone)
        .where(~contacted)
        .order_by(roster.c.tier_rank, roster.c.number)
    )
    rows = [dict(row._mapping) for row in session.connection().execute(query)]
    return Listing([Column("number"), Column("name"), Column("tier"), Column("phone")], rows)
