"""The party register's writes and reads. Organisations are records, not a yes/no: a
joint branch (联合党支部) covers several member units, and every count of organisations
counts it once (``members stats`` counts the same way, from ``party_org_unit``)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, func, select
from sqlmodel import col
from sqlmodel import select as orm_select

from assoc_cli.db.core import (
    meeting_kind_t,
    meeting_t,
    member_t,
    party_count_t,
    party_meeting_t,
    party_org_t,
    party_org_unit_t,
    setting_t,
)
from assoc_cli.db.sql import string_agg
from assoc_cli.errors import ConflictError, InvalidValueError, NotFoundError
from assoc_cli.i18n.controls import one_line
from assoc_cli.listing import Column, Listing

if TYPE_CHECKING:
    from sqlmodel import Session

    from assoc_cli.db.models import Member, PartyOrg
    from assoc_cli.db.reader import DbSession
    from assoc_cli.events.series import Rule

ORG_KINDS = ("党委", "党总支", "党支部", "联合党支部", "功能型党支部")
GROUP_ROLES = ("committee", "alliance", "station", "site")
# 三会一课 and how often each is required (a setting each: party.required.<kind>).
MEETING_KINDS = ("支部委员会", "党员大会", "党课", "党小组会")
FREQUENCIES = {"monthly": 12, "quarterly": 4, "half-yearly": 2, "yearly": 1}
DEFAULT_FREQUENCY = {
    "支部委员会": "monthly",
    "党员大会": "quarterly",
    "党课": "quarterly",
    "党小组会": "monthly",
}


def find_org(session: Session, name: str) -> PartyOrg:
    """A party organisation by its exact name or number."""
    from assoc_cli.db.models import PartyOrg

    text = name.strip()
    found = session.exec(orm_select(PartyOrg).where(col(PartyOrg.name) == text)).first()
    if found is None and text.isdigit():
        found = session.get(PartyOrg, int(text))
    if found is None:
        raise NotFoundError(
            f'there is no party organisation "{name}"; see: assoc party list',
            zh=f"没有党组织“{name}”;请查看:assoc party list",
        )
    return found


def add_org(
    *,
    session: Session,
    name: str,
    kind: str,
    units: list[Member],
    secretary: str | None,
    founded_on: date | None,
    parent: str | None,
) -> PartyOrg:
    """``party add``: an organisation, the member units it covers (one or several)."""
    from assoc_cli.db.models import PartyOrg, PartyOrgUnit

    name = one_line(name, "the organisation's name")
    if not name:
        raise InvalidValueError("a party organisation needs a name", zh="党组织需要名称")
    if kind not in ORG_KINDS:
        raise InvalidValueError(
            f'unknown kind "{kind}"; use one of {", ".join(ORG_KINDS)}',
            zh=f"未知的组织类型“{kind}”;请使用 {'、'.join(ORG_KINDS)} 之一",
        )
    if (
        session.connection()
        .execute(select(party_org_t.c.id).where(party_org_t.c.name == name))
        .first()
    ):
        raise ConflictError(f'the party organisation "{name}" exists', zh=f"党组织“{name}”已存在")
    if kind == "联合党支部" and len(units) < 2:
        raise InvalidValueError(
            "a joint branch (联合党支部) covers two or more units: name them with --unit",
            zh="联合党支部应覆盖两家及以上单位:请用 --unit 逐一指明",
        )
    if len({m.id for m in units}) != len(units):
        raise InvalidValueError("a unit is named twice", zh="同一单位重复指明")
    for member in units:
        if member.kind != "unit":
            raise InvalidValueError(
                f"{member.number} is an individual member, not a unit",
                zh=f"{member.number} 是个人会员,不是单位",
            )
    org = PartyOrg(
        name=name,
        kind=kind,
        secretary=one_line(secretary, "a person's name") if secretary else None,
        founded_on=founded_on,
        parent_id=find_org(session, parent).id if parent else None,
        created_at=datetime.now(UTC),
    )
    session.add(org)
    session.flush()
    assert org.id is not None
    for member in units:
        assert member.id is not None
        session.add(PartyOrgUnit(org_id=org.id, member_id=member.id))
    session.flush()
    return org


def record_count(*, session: Session, org: PartyOrg, counted_on: date, party_members: int) -> None:
    """``party count``: the organisation's party members as of a date."""
    from assoc_cli.db.models import PartyCount

    if party_members < 0:
        raise InvalidValueError("a count cannot be negative", zh="党员数不能为负")
    assert org.id is not None
    row = session.get(PartyCount, (org.id, counted_on)) or PartyCount(
        org_id=org.id, counted_on=counted_on, party_members=party_members
    )
    row.party_members = party_members
    session.add(row)
    session.flush()


def add_pairing(
    *,
    session: Session,
    org: PartyOrg,
    member: Member | None,
    partner: str | None,
    started_on: date | None,
) -> Any:
    """``party pair``: a 党建结对 pairing with a member unit or an outside body."""
    from assoc_cli.db.models import PartyPairing

    if (member is None) == (not partner):
        raise InvalidValueError(
            "pair with a member unit (--member) or an outside body (--partner), one of them",
            zh="结对对象须为会员单位(--member)或外部单位(--partner)之一",
        )
    assert org.id is not None
    pairing = PartyPairing(
        org_id=org.id,
        member_id=member.id if member else None,
        partner=one_line(partner, "the partner's name") if partner else None,
        started_on=started_on,
        created_at=datetime.now(UTC),
    )
    session.add(pairing)
    session.flush()
    return pairing


def add_group(*, session: Session, name: str, role: str, units: list[Member]) -> Any:
    """``party group``: one part of the chain's 1+1+N+X structure, its member units."""
    from assoc_cli.db.models import PartyGroup, PartyGroupMember

    name = one_line(name, "the group's name")
    if not name:
        raise InvalidValueError("a group needs a name", zh="需要名称")
    if role not in GROUP_ROLES:
        raise InvalidValueError(
            f'unknown role "{role}"; use committee, alliance, station or site',
            zh=f"未知的角色“{role}”;请使用 committee、alliance、station 或 site",
        )
    if role in ("committee", "alliance"):
        existing = session.exec(orm_select(PartyGroup).where(col(PartyGroup.role) == role)).first()
        if existing is not None:
            raise ConflictError(
                f"the structure has one {role} already (1+1+N+X)",
                zh="1+1+N+X 结构中联合党委与联盟各只有一个",
            )
    group = PartyGroup(name=name, role=role, created_at=datetime.now(UTC))
    session.add(group)
    session.flush()
    assert group.id is not None
    for member_id in {m.id for m in units}:
        assert member_id is not None
        session.add(PartyGroupMember(group_id=group.id, member_id=member_id))
    session.flush()
    return group


def link_meeting(*, session: Session, org: PartyOrg, meeting_id: int) -> str:
    """``party meeting``: a meeting held by *org* as one of 三会一课; its kind must be one."""
    from assoc_cli.db.models import Meeting, MeetingKind, PartyMeeting

    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFoundError(
            f"there is no meeting {meeting_id}; see: assoc meetings list",
            zh=f"没有编号为 {meeting_id} 的会议;请查看:assoc meetings list",
        )
    kind = session.get(MeetingKind, meeting.kind_id)
    assert kind is not None and org.id is not None
    if kind.name not in MEETING_KINDS:
        raise InvalidValueError(
            f"meeting {meeting_id} is a {kind.name}, not one of 三会一课 "
            f"({', '.join(MEETING_KINDS)})",
            zh=f"会议 {meeting_id} 是{kind.name},不属于三会一课({'、'.join(MEETING_KINDS)})",
        )
    if session.get(PartyMeeting, meeting_id) is not None:
        raise ConflictError(
            f"meeting {meeting_id} is already linked to a party organisation",
            zh=f"会议 {meeting_id} 已关联党组织",
        )
    session.add(PartyMeeting(meeting_id=meeting_id, org_id=org.id))
    session.flush()
    return kind.name


def _three_meetings_kind(session: Session, kind: str) -> None:
    """Check *kind* is one of 三会一课 and make its meeting kind (unnumbered) the first time
    it is used."""
    from assoc_cli.db.models import MeetingKind

    if kind not in MEETING_KINDS:
        raise InvalidValueError(
            f'"{kind}" is not one of 三会一课 ({", ".join(MEETING_KINDS)})',
            zh=f"“{kind}”不属于三会一课({'、'.join(MEETING_KINDS)})",
        )
    exists = session.exec(orm_select(MeetingKind).where(col(MeetingKind.name) == kind)).first()
    if exists is None:
        session.add(MeetingKind(name=kind, numbering="none"))
        session.flush()


def hold_meeting(
    *, session: Session, org: PartyOrg, kind: str, held_on: date, topic: str | None
) -> int:
    """A 三会一课 meeting of *org* recorded in the meetings table and linked to it; the
    meeting kind is made (unnumbered) the first time it is used."""
    from assoc_cli.meetings.service import MeetingInput, create_meeting

    _three_meetings_kind(session, kind)
    meeting = create_meeting(
        session=session,
        data=MeetingInput(
            kind=kind, held_on=held_on, topic=topic, title=f"{org.name}{kind}", use_template=False
        ),
    )
    assert meeting.id is not None
    link_meeting(session=session, org=org, meeting_id=meeting.id)
    return meeting.id


def plan_meetings(
    *,
    session: Session,
    org: PartyOrg,
    kind: str,
    rule: Rule,
    starts_on: date,
    until: date | None = None,
    count: int | None = None,
    name: str | None = None,
    topic: str | None = None,
) -> tuple[str, int]:
    """``party series``: a recurring 三会一课 series of *org* (``events series``' API), its
    meetings up to *until* or the first *count* of them, each linked to *org*; returns the
    series' name and how many meetings were created. Occurrences cancelled later are not
    counted as held; those added later with ``events series extend`` are linked with
    ``party link``."""
    from assoc_cli.events.series import occurrence_dates, plan_series

    _three_meetings_kind(session, kind)
    if count is not None:
        # Far enough for *count* meetings even when a fifth weekday skips months.
        unit_days = {"day": 1, "week": 7}.get(rule.unit, 31)
        horizon = starts_on + timedelta(days=unit_days * rule.every * (count * 3 + 2))
        days = occurrence_dates(rule.checked(), starts_on, horizon)[:count]
        until = days[-1] if days else starts_on
    if until is None:
        raise InvalidValueError("give --count or --until", zh="请给出 --count 或 --until")
    series, meetings = plan_series(
        session=session,
        name=name or f"{org.name}{kind}",
        kind=kind,
        rule=rule,
        starts_on=starts_on,
        until=until,
        topic=topic,
    )
    for meeting in meetings:
        assert meeting.id is not None
        link_meeting(session=session, org=org, meeting_id=meeting.id)
    return series.name, len(meetings)


def required_frequency(session: DbSession, kind: str) -> str:
    """How often *kind* is required (setting ``party.required.<kind>``)."""
    value = (
        session.connection()
        .execute(select(setting_t.c.value).where(setting_t.c.key == f"party.required.{kind}"))
        .scalar()
    )
    return str(value) if value else DEFAULT_FREQUENCY[kind]


def set_frequency(*, session: Session, kind: str, frequency: str) -> None:
    """``party settings``: how often one of 三会一课 is required."""
    from assoc_cli.db.models import Setting

    if kind not in MEETING_KINDS:
        raise InvalidValueError(
            f'"{kind}" is not one of 三会一课 ({", ".join(MEETING_KINDS)})',
            zh=f"“{kind}”不属于三会一课({'、'.join(MEETING_KINDS)})",
        )
    if frequency not in FREQUENCIES:
        raise InvalidValueError(
            f'unknown frequency "{frequency}"; use {", ".join(FREQUENCIES)}',
            zh=f"未知的频次“{frequency}”;请使用 {'、'.join(FREQUENCIES)}",
        )
    key = f"party.required.{kind}"
    row = session.get(Setting, key) or Setting(key=key, value=frequency)
    row.value = frequency
    session.add(row)
    session.flush()


def _required(frequency: str, founded_on: date | None, year: int) -> int:
    """Meetings required in *year*: the frequency, in proportion when founded that year."""
    per_year = FREQUENCIES[frequency]
    if founded_on is None or founded_on.year < year:
        return per_year
    if founded_on.year > year:
        return 0
    months = 12 - founded_on.month + 1
    return per_year * months // 12


def held_vs_required(session: DbSession, *, year: int, as_of: date | None = None) -> Listing:
    """``party meetings``: per organisation and kind of 三会一课, the meetings held in
    *year* (not cancelled; with *as_of*, held by then — a series plans meetings ahead)
    against the number required by the frequency settings — in
    proportion for an organisation founded that year. A 党委 is left out: 三会一课 is
    the branches' (党支部) duty."""
    held_query = (
        select(
            party_meeting_t.c.org_id,
            meeting_kind_t.c.name.label("kind"),
            func.count().label("held"),
        )
        .join(meeting_t, meeting_t.c.id == party_meeting_t.c.meeting_id)
        .join(meeting_kind_t, meeting_kind_t.c.id == meeting_t.c.kind_id)
        .where(
            meeting_t.c.held_on >= date(year, 1, 1),
            meeting_t.c.held_on <= min(date(year, 12, 31), as_of or date(year, 12, 31)),
            meeting_t.c.status != "cancelled",
        )
        .group_by(party_meeting_t.c.org_id, meeting_kind_t.c.name)
    )
    held = {(r.org_id, r.kind): int(r.held) for r in session.connection().execute(held_query)}
    orgs = session.connection().execute(
        select(party_org_t.c.id, party_org_t.c.name, party_org_t.c.kind, party_org_t.c.founded_on)
        .where(party_org_t.c.kind != "党委")
        .order_by(party_org_t.c.id)
    )
    rows = []
    for org in orgs:
        for kind in MEETING_KINDS[:3]:
            required = _required(required_frequency(session, kind), org.founded_on, year)
            count = held.get((org.id, kind), 0)
            rows.append(
                {
                    "party_org": org.name,
                    "meeting_kind": kind,
                    "year": year,
                    "held": count,
                    "required": required,
                    "shortfall": max(required - count, 0),
                }
            )
    columns = [
        Column("party_org", header="col.party_org"),
        Column("meeting_kind", header="col.meeting_kind"),
        Column("year", header="col.year"),
        Column("held", header="col.held", kind="int"),
        Column("required", header="col.required", kind="int"),
        Column("shortfall", header="col.shortfall", kind="int"),
    ]
    return Listing(columns, rows)


def orgs_listing(session: DbSession, *, as_of: date) -> Listing:
    """``party list``: each organisation, its kind, secretary, founding date, the units it
    covers and its latest party-member count as of *as_of*."""
    units = (
        select(
            party_org_unit_t.c.org_id,
            string_agg(session, member_t.c.name, "、").label("units"),
        )
        .join(member_t, member_t.c.id == party_org_unit_t.c.member_id)
        .group_by(party_org_unit_t.c.org_id)
        .subquery("u")
    )
    latest = (
        select(party_count_t.c.org_id, func.max(party_count_t.c.counted_on).label("on"))
        .where(party_count_t.c.counted_on <= as_of)
        .group_by(party_count_t.c.org_id)
        .subquery("l")
    )
    counts = party_count_t.alias("c")
    query = (
        select(
            party_org_t.c.name,
            party_org_t.c.kind,
            party_org_t.c.secretary,
            party_org_t.c.founded_on,
            units.c.units,
            counts.c.party_members,
            counts.c.counted_on,
        )
        .outerjoin(units, units.c.org_id == party_org_t.c.id)
        .outerjoin(latest, latest.c.org_id == party_org_t.c.id)
        .outerjoin(
            counts,
            and_(counts.c.org_id == party_org_t.c.id, counts.c.counted_on == latest.c.on),
        )
        .order_by(party_org_t.c.id)
    )
    rows = [dict(r) for r in session.connection().execute(query).mappings()]
    columns = [
        Column("name", header="col.party_org"),
        Column("kind", header="col.party_kind"),
        Column("secretary", header="col.secretary"),
        Column("founded_on", header="col.founded_on", kind="date"),
        Column("units", header="col.units_covered"),
        Column("party_members", header="col.party_members_counted", kind="int"),
        Column("counted_on", header="col.counted_on", kind="date"),
    ]
    return Listing(columns, rows)
