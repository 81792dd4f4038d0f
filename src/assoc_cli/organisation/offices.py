"""Offices (职务) held by member units in a term (届). The list of offices is data."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from assoc_cli.db.models import Member, Office, OfficeHolding, Term, Tier
from assoc_cli.db.values import MemberStatus
from assoc_cli.errors import ConflictError, InvalidValueError, NotFoundError
from assoc_cli.i18n.sorting import stroke_key
from assoc_cli.listing import Column, Listing
from assoc_cli.organisation.terms import get_term
from assoc_cli.organisation.tiers import find_tier_id

HOLDER_COLUMNS = [
    Column("term", kind="int"),
    Column("office"),
    Column("person"),
    Column("number"),
    Column("member"),
]
OFFICE_COLUMNS = [
    Column("office"),
    Column("rank", kind="int"),
    Column("tier"),
    Column("max_holders", kind="int"),
]


def find_office(*, session: Session, name: str) -> Office:
    """An office by its name (会长, 副会长…)."""
    office = session.exec(select(Office).where(Office.name == name.strip())).first()
    if office is None:
        names = ", ".join(o.name for o in list_offices(session=session))
        raise NotFoundError(
            f'there is no office "{name}"; the offices are: {names} '
            "(add one with: assoc offices define NAME --rank N)",
            zh=f"没有职务“{name}”;现有职务:{names}(可用 assoc offices define 名称 --rank N 添加)",
        )
    return office


def list_offices(*, session: Session) -> list[Office]:
    """Every office, highest first."""
    return list(session.exec(select(Office).order_by(col(Office.rank), col(Office.id))))


def define_office(
    *,
    session: Session,
    name: str,
    rank: int | None,
    tier_name: str | None,
    max_holders: int | None = None,
) -> Office:
    """Add an office or change its rank, tier or capacity (e.g. 常务副会长 between 执行会长
    and 副会长; ``会长 --max 2`` for rotating presidents). What is not given stays as it is;
    *max_holders* 0 lifts the cap."""
    if not name.strip() or len(name.strip()) > 50:
        raise InvalidValueError(
            "an office name has 1 to 50 characters", zh="职务名称为 1 到 50 个字符"
        )
    if rank is not None and rank < 1:
        raise InvalidValueError(
            "an office's rank is 1 or more (lower ranks come first)",
            zh="职务排序为 1 或更大(数字小的在前)",
        )
    if max_holders is not None and max_holders < 0:
        raise InvalidValueError(
            "--max is how many units may hold the office in one term (0: no limit)",
            zh="--max 为一届中可担任该职务的单位数(0 为不限)",
        )
    office = session.exec(select(Office).where(Office.name == name.strip())).first()
    if office is None:
        if rank is None:
            raise InvalidValueError(
                f'a new office needs its place in official lists: assoc offices define "{name}" '
                "--rank N",
                zh=f"新职务需要排序:assoc offices define {name} --rank N",
            )
        office = Office(name=name.strip(), rank=rank)
    if rank is not None:
        office.rank = rank
    if tier_name is not None:
        office.tier_id = find_tier_id(session, tier_name)
    if max_holders and office.id is not None:
        _check_lower_cap(session, office, max_holders)
    if max_holders is not None:
        office.max_holders = max_holders or None
    session.add(office)
    session.flush()
    return office


def _find_holding(
    session: Session, member: Member, office: Office, term: Term
) -> OfficeHolding | None:
    return session.exec(
        select(OfficeHolding).where(
            OfficeHolding.term_id == term.id,
            OfficeHolding.member_id == member.id,
            OfficeHolding.office_id == office.id,
        )
    ).first()


def assign_office(
    *, session: Session, member: Member, office: Office, term: Term, person: str | None
) -> OfficeHolding:
    """Record that *member* holds *office* in *term* through *person*
    (default: the unit's representative)."""
    if _find_holding(session, member, office, term) is not None:
        raise ConflictError(
            f"{member.name} ({member.number}) already holds {office.name} in term {term.number}",
            zh=f"{member.name}({member.number})在第{term.number}届已担任{office.name}",
        )
    if member.status != MemberStatus.active:
        raise ConflictError(
            f"{member.name} ({member.number}) has left; rejoin it before assigning an office",
            zh=f"{member.name}({member.number})已退会;请先重新入会,再安排职务",
        )
    _check_capacity(session, office, term)
    holding = OfficeHolding(
        term_id=term.id,  # type: ignore[arg-type]
        member_id=member.id,  # type: ignore[arg-type]
        office_id=office.id,  # type: ignore[arg-type]
        person=(person or member.representative or "").strip() or None,
    )
    session.add(holding)
    session.flush()
    return holding


def _check_lower_cap(session: Session, office: Office, cap: int) -> None:
    """Refuse a cap below what a term already has (it would hold more than it allows)."""
    from sqlalchemy import func

    counts = session.exec(
        select(Term.number, func.count())
        .join(OfficeHolding, col(OfficeHolding.term_id) == Term.id)
        .where(OfficeHolding.office_id == office.id)
        .group_by(col(Term.number))
        .having(func.count() > cap)
    ).all()
    if counts:
        number, held = max(counts)
        raise ConflictError(
            f"term {number} already has {held} {office.name}; a cap of {cap} would be broken — "
            "remove holders first (assoc offices remove)",
            zh=f"第{number}届已有 {held} 名{office.name}，上限 {cap} 会被突破；"
            "请先撤销多出的任职（assoc offices remove）",
        )


def _check_capacity(session: Session, office: Office, term: Term) -> None:
    """Refuse a holder beyond the office's capacity (one 会长 per term by default)."""
    if office.max_holders is None:
        return
    holders = list(
        session.exec(
            select(Member)
            .join(OfficeHolding, col(OfficeHolding.member_id) == Member.id)
            .where(OfficeHolding.term_id == term.id, OfficeHolding.office_id == office.id)
            .order_by(col(Member.number))
        )
    )
    if len(holders) < office.max_holders:
        return
    names = ", ".join(f"{m.name} ({m.number})" for m in holders)
    names_zh = "、".join(f"{m.name}({m.number})" for m in holders)
    raise ConflictError(
        f"term {term.number} already has {len(holders)} {office.name} (at most "
        f"{office.max_holders}): {names}; remove one first (assoc offices remove), or allow "
        f"more: assoc offices define {office.name} --max {office.max_holders + 1}",
        zh=f"第{term.number}届已有 {len(holders)} 名{office.name}(上限 {office.max_holders}):"
        f"{names_zh};请先撤销(assoc offices remove),或放宽上限:"
        f"assoc offices define {office.name} --max {office.max_holders + 1}",
    )


def remove_office(*, session: Session, member: Member, office: Office, term: Term) -> None:
    """Take *office* away from *member* in *term*: for correcting a mistaken assignment."""
    holding = _find_holding(session, member, office, term)
    if holding is None:
        raise NotFoundError(
            f"{member.name} ({member.number}) does not hold {office.name} in term {term.number}",
            zh=f"{member.name}({member.number})在第{term.number}届未担任{office.name}",
        )
    session.delete(holding)
    session.flush()


def holdings(*, session: Session, term: Term) -> list[tuple[OfficeHolding, Office, Member]]:
    """Who holds which office in *term*: by office, then by the person's surname strokes
    (按姓氏笔画排序), the order of official lists. A term has dozens of officers, not more."""
    rows = session.exec(
        select(OfficeHolding, Office, Member)
        .join(Office, col(Office.id) == OfficeHolding.office_id)
        .join(Member, col(Member.id) == OfficeHolding.member_id)
        .where(OfficeHolding.term_id == term.id)
    )
    return sorted(
        rows,
        key=lambda row: (row[1].rank, stroke_key(row[0].person or row[2].name), row[2].number),
    )


def holders_listing(*, session: Session, term: int | None, as_of: date) -> Listing:
    """``offices list``: who holds which office in term *term* (default: the term covering
    *as_of*), in the order of ``holdings``."""
    the_term = get_term(session=session, number=term, as_of=as_of)
    rows = [
        {
            "term": the_term.number,
            "office": office.name,
            "person": holding.person,
            "number": member.number,
            "member": member.name,
        }
        for holding, office, member in holdings(session=session, term=the_term)
    ]
    return Listing(HOLDER_COLUMNS, rows)


def offices_listing(*, session: Session) -> Listing:
    """``offices kinds``: every office, highest first, with the dues tier it gives."""
    tiers = {tier.id: tier.name for tier in session.exec(select(Tier))}
    rows = [
        {
            "office": office.name,
            "rank": office.rank,
            "tier": tiers[office.tier_id] if office.tier_id else None,
            "max_holders": office.max_holders,
        }
        for office in list_offices(session=session)
    ]
    return Listing(OFFICE_COLUMNS, rows)
