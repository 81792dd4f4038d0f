"""The roster as SQL: members with their effective dues tier and offices in a term.

A member's tier is its explicit tier if one is set, else the tier of the highest office
it holds in the term, else the lowest tier (会员单位). That rule lives here once, as SQL,
and every listing, count and export uses it.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    ColumnElement,
    Select,
    Table,
    case,
    distinct,
    exists,
    func,
    literal,
    or_,
    select,
)

from assoc_cli.db import core as tables
from assoc_cli.db.sql import int_sum, string_agg
from assoc_cli.db.values import MemberKind, MemberStatus
from assoc_cli.members.choices import RosterSort, RosterStatus
from assoc_cli.members.fields import parse_kind
from assoc_cli.organisation.queries import require_office, term_id_for
from assoc_cli.organisation.tiers import find_tier_id, lowest_tier_rank

if TYPE_CHECKING:
    from datetime import date

    from assoc_cli.db.reader import DbSession

member_t: Table = tables.member_t
office_t: Table = tables.office_t
holding_t: Table = tables.office_holding_t
tier_t: Table = tables.tier_t


# Every member column but the bookkeeping timestamps, which no listing shows (and which
# cost a timezone conversion per row and column on the way out).
ROSTER_COLUMNS = [c for c in member_t.c if c.name not in ("created_at", "updated_at")]


@dataclass(frozen=True)
class RosterFilter:
    """Which members a listing covers, checked and resolved (see ``roster_filter``)."""

    term_id: int | None = None
    status: str | None = MemberStatus.active.value
    tier: str | None = None
    segment: str | None = None
    office: str | None = None
    kind: str | None = None
    member_ids: tuple[int, ...] | None = None


@dataclass(frozen=True)
class RosterSelection:
    """Which members a command asks for, as the user typed it: a status, a term number,
    a tier, segment and office by name, a kind in words (单位/个人)."""

    status: RosterStatus = RosterStatus.active
    term: int | None = None
    tier: str | None = None
    segment: str | None = None
    office: str | None = None
    kind: str | None = None


def roster_filter(session: DbSession, selection: RosterSelection, as_of: date) -> RosterFilter:
    """The filter for *selection*: the tier and office must exist, the term is term
    *selection.term* or the one covering *as_of*; a clear error otherwise."""
    if selection.tier is not None:
        find_tier_id(session, selection.tier)
    if selection.office is not None:
        require_office(session, selection.office)
    return RosterFilter(
        term_id=term_id_for(session, selection.term, as_of),
        status=selection.status.member_status,
        tier=selection.tier,
        segment=selection.segment,
        office=selection.office,
        kind=parse_kind(selection.kind) if selection.kind else None,
    )


def _held_in_term(term_id: int) -> ColumnElement[bool]:
    return (holding_t.c.member_id == member_t.c.id) & (holding_t.c.term_id == term_id)


def roster_select(session: DbSession, filters: RosterFilter) -> Select[Any]:
    """SELECT members (and tier, offices) matching *filters*, unordered."""
    explicit = tier_t.alias("explicit_tier")
    office_tier = tier_t.alias("office_tier")
    office_rank: ColumnElement[Any] = literal(None)
    offices: ColumnElement[Any] = literal(None)
    if filters.term_id is not None:
        office_rank = (
            select(func.min(office_tier.c.rank))
            .select_from(
                holding_t.join(office_t, office_t.c.id == holding_t.c.office_id).join(
                    office_tier, office_tier.c.id == office_t.c.tier_id
                )
            )
            .where(_held_in_term(filters.term_id))
            .scalar_subquery()
        )
        offices = (
            select(string_agg(session, office_t.c.name, "、"))
            .select_from(holding_t.join(office_t, office_t.c.id == holding_t.c.office_id))
            .where(_held_in_term(filters.term_id))
            .scalar_subquery()
        )
    tier_rank = func.coalesce(explicit.c.rank, office_rank, lowest_tier_rank(session))
    inner = select(
        *ROSTER_COLUMNS,
        tier_rank.label("tier_rank"),
        offices.label("offices"),
        case((member_t.c.tier_id.is_(None), False), else_=True).label("tier_explicit"),
    ).select_from(member_t.outerjoin(explicit, explicit.c.id == member_t.c.tier_id))
    if filters.status:
        inner = inner.where(member_t.c.status == filters.status)
    if filters.segment:
        inner = inner.where(member_t.c.segment == filters.segment)
    if filters.kind:
        inner = inner.where(member_t.c.kind == filters.kind)
    if filters.member_ids is not None:
        inner = inner.where(member_t.c.id.in_(filters.member_ids))
    if filters.office:
        holds = (
            exists()
            .where(holding_t.c.member_id == member_t.c.id)
            .where(holding_t.c.office_id == office_t.c.id)
            .where(office_t.c.name == filters.office)
        )
        if filters.term_id is not None:
            holds = holds.where(holding_t.c.term_id == filters.term_id)
        inner = inner.where(holds)
    roster = inner.subquery("roster")
    query = select(roster, tier_t.c.name.label("tier")).join(
        tier_t, tier_t.c.rank == roster.c.tier_rank
    )
    if filters.tier:
        query = query.where(tier_t.c.name == filters.tier)
    return query


def order_roster(query: Select[Any], sort: str) -> Select[Any]:
    """Order a roster query by number, pinyin name, or stroke count (笔画) (``RosterSort``)."""
    roster = query.selected_columns
    if sort == RosterSort.name:
        return query.order_by(roster.name_pinyin, roster.number)
    if sort == RosterSort.strokes:
        return query.order_by(roster.name_strokes, roster.name_pinyin, roster.number)
    return query.order_by(func.length(roster.number), roster.number)


@contextmanager
def roster_cursor(
    session: DbSession, filters: RosterFilter, sort: str = RosterSort.number
) -> Iterator[Any]:
    """The roster query's result, fetched in batches of 1,000 rows; closed on leaving,
    so a reader that stops early never leaves a server-side cursor open."""
    result = session.connection().execute(
        order_roster(roster_select(session, filters), sort),
        execution_options={"yield_per": 1000},
    )
    try:
        yield result
    finally:
        result.close()


def roster_rows(
    session: DbSession, filters: RosterFilter, sort: str = RosterSort.number
) -> Generator[dict[str, Any], None, None]:
    """Stream roster rows as dicts (one SELECT; rows are not all held in memory)."""
    with roster_cursor(session, filters, sort) as result:
        keys = list(result.keys())
        for row in result:
            yield dict(zip(keys, row, strict=True))


STAT_KEYS = (
    "members",
    "units",
    "persons",
    "employees",
    "employees_unknown",
    "party_members",
    "party_members_unknown",
    "with_party_org",
)
# Figures a member may not have given: summed over those that did, None when none did.
PARTIAL_KEYS = ("employees", "party_members")


def roster_stats(session: DbSession, filters: RosterFilter, by: str) -> list[dict[str, Any]]:
    """Counts per tier or segment: members, units, persons, employees, party members and
    units with a party organisation (the figures seeds 003/004 report), in one GROUP BY;
    the last row holds the totals. An unknown figure (NULL) is not a zero: employees and
    party members are summed over the members that gave them (None when none did), and
    ``employees_unknown`` / ``party_members_unknown`` count the members that did not."""
    roster = roster_select(session, filters).subquery("r")
    covered = exists().where(tables.party_org_unit_t.c.member_id == roster.c.id)
    group = roster.c.tier if by == "tier" else roster.c.segment
    order = roster.c.tier_rank if by == "tier" else roster.c.segment
    query = (
        select(
            group.label("group"),
            func.count().label("members"),
            int_sum(case((roster.c.kind == MemberKind.unit.value, 1), else_=0)).label("units"),
            int_sum(case((roster.c.kind == MemberKind.person.value, 1), else_=0)).label("persons"),
            int_sum(roster.c.employees).label("employees"),
            int_sum(case((roster.c.employees.is_(None), 1), else_=0)).label("employees_unknown"),
            int_sum(roster.c.party_members).label("party_members"),
            int_sum(case((roster.c.party_members.is_(None), 1), else_=0)).label(
                "party_members_unknown"
            ),
            int_sum(case((or_(roster.c.has_party_org.is_(True), covered), 1), else_=0)).label(
                "with_party_org"
            ),
        )
        .group_by(group, order)
        .order_by(order)
    )
    rows = [dict(row) for row in session.connection().execute(query).mappings()]
    totals: dict[str, Any] = {"group": None}
    for key in STAT_KEYS:
        known = [int(row[key]) for row in rows if row[key] is not None]
        totals[key] = sum(known) if known or key not in PARTIAL_KEYS else None
    # Party organisations from the register (party_org_unit), each counted once per group
    # and once in the total however many units it covers (a 联合党支部 covers several).
    link = tables.party_org_unit_t
    orgs = (
        select(group.label("group"), func.count(distinct(link.c.org_id)).label("n"))
        .select_from(roster.join(link, link.c.member_id == roster.c.id))
        .group_by(group)
    )
    per_group = {row.group: int(row.n) for row in session.connection().execute(orgs)}
    for row in rows:
        row["party_orgs"] = per_group.get(row["group"], 0)
    everyone = select(func.count(distinct(link.c.org_id))).select_from(
        roster.join(link, link.c.member_id == roster.c.id)
    )
    totals["party_orgs"] = int(session.connection().execute(everyone).scalar() or 0)
    return [*rows, totals]
