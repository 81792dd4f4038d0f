"""The figures the record gives today, each a provider (``Scope -> list[Figure]``) or a
small query the packs share: the profile, members as of 31 December, the 负责人, the
term and 换届, meetings and resolutions, dues income on the cash basis, rates and who
adopted them, collection rates, party figures on the roster.

Every figure names the command that gives it on its own (``source``), which the tests
run to check it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, and_, case, func, or_
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from assoc_cli.db.models import (
    ActionItem,
    Association,
    DuesEntry,
    DuesRate,
    Meeting,
    MeetingKind,
    Member,
    MembershipPeriod,
    Office,
    OfficeHolding,
    Resolution,
    Term,
    Tier,
)
from assoc_cli.dues.collection import CollectionFigures, collection_figures
from assoc_cli.dues.policy import dues_policy
from assoc_cli.i18n import t, term_label
from assoc_cli.i18n.dates import format_date
from assoc_cli.meetings.queries import meeting_title
from assoc_cli.report.figures import Figure, Scope, pending

# 秘书长以上负责人 (填报说明): 会长/理事长, 副会长/副理事长 (执行、常务副 included), 秘书长 —
# not 名誉职务, 顾问, 常务理事, 理事, 副秘书长, 监事长/监事.
LEADER_OFFICES = ("会长", "理事长", "执行会长", "常务副会长", "副会长", "副理事长", "秘书长")
EXCLUDED_WORDS = ("名誉", "荣誉", "顾问")


def is_leader_office(name: str) -> bool:
    """Whether an office counts among the 秘书长以上负责人."""
    return name in LEADER_OFFICES and not any(word in name for word in EXCLUDED_WORDS)


def is_assembly(kind_name: str) -> bool:
    """会员大会 or 会员代表大会."""
    return "会员大会" in kind_name or "会员代表大会" in kind_name


def is_council(kind_name: str) -> bool:
    """理事会 (not 常务理事会)."""
    return kind_name.endswith("理事会") and "常务" not in kind_name


def is_standing_council(kind_name: str) -> bool:
    """常务理事会."""
    return kind_name.endswith("常务理事会")


def _figure(key: str, scope: Scope, value: object, source: str, kind: str = "int") -> Figure:
    return Figure(key, t(f"rpt.f.{key}", scope.lang), value, kind, source)


# ---------------------------------------------------------------- profile


def profile_figures(scope: Scope) -> list[Figure]:
    """基本情况: what the profile holds, and what the 登记证书 gives (待填写)."""
    association = scope.session.exec(select(Association)).first()
    # (the name is in `assoc info`; the rest of the profile is what `assoc init` was given)
    found = [
        ("profile.name", association.name if association else None, "assoc info"),
        ("profile.address", association.address if association else None, "assoc init"),
        ("profile.phone", association.phone if association else None, "assoc init"),
        ("profile.email", association.email if association else None, "assoc init"),
    ]
    figures = []
    for key, value, source in found:
        if value:
            figures.append(_figure(key, scope, value, source, "text"))
        else:
            figures.append(
                pending(key, scope, needed=t("rpt.need.profile", scope.lang), source=source)
            )
    certificate = t("rpt.need.certificate", scope.lang)
    for key in (
        "profile.credit_code",
        "profile.legal_rep",
        "profile.supervisor",
        "profile.scope",
        "profile.capital",
        "profile.founded",
        "profile.category",
        "profile.contact",
    ):
        figures.append(pending(key, scope, needed=certificate))
    return figures


# ---------------------------------------------------------------- members


def _counted_on(day: date) -> ColumnElement[bool]:
    """Membership periods that cover *day* (the convention of ``meetings/queries.members_on``)."""
    return and_(
        or_(col(MembershipPeriod.joined_on).is_(None), col(MembershipPeriod.joined_on) <= day),
        or_(col(MembershipPeriod.left_on).is_(None), col(MembershipPeriod.left_on) >= day),
    )


def members_counted(session: Session, day: date) -> dict[str, int]:
    """Units, persons and all members on *day* (by membership periods), and how many of
    them have no join date on record."""
    query = (
        select(
            func.count(func.distinct(case((col(Member.kind) == "unit", col(Member.id))))),
            func.count(func.distinct(case((col(Member.kind) == "person", col(Member.id))))),
            func.count(func.distinct(Member.id)),
            func.count(
                func.distinct(case((col(MembershipPeriod.joined_on).is_(None), col(Member.id))))
            ),
        )
        .select_from(Member)
        .join(MembershipPeriod, col(MembershipPeriod.member_id) == col(Member.id))
        .where(_counted_on(day))
    )
    units, persons, total, undated = session.exec(query).one()
    return {
        "units": int(units),
        "persons": int(persons),
        "total": int(total),
        "undated": int(undated),
    }


def undated_members(session: Session, day: date) -> list[str]:
    """Numbers of the members counted on *day* with no join date."""
    query = (
        select(Member.number)
        .join(MembershipPeriod, col(MembershipPeriod.member_id) == col(Member.id))
        .where(_counted_on(day), col(MembershipPeriod.joined_on).is_(None))
        .distinct()
        .order_by(Member.number)
    )
    return list(session.exec(query))


def joins_and_leaves(session: Session, first: date, last: date) -> tuple[int, int]:
    """Members who joined, and who left, between *first* and *last*."""
    joined = session.exec(
        select(func.count(func.distinct(MembershipPeriod.member_id))).where(
            col(MembershipPeriod.joined_on).between(first, last)
        )
    ).one()
    left = session.exec(
        select(func.count(func.distinct(MembershipPeriod.member_id))).where(
            col(MembershipPeriod.left_on).between(first, last)
        )
    ).one()
    return int(joined), int(left)


def member_figures(scope: Scope) -> list[Figure]:
    """会员: 单位会员 + 个人会员 = 会员总数 on 31 December, joins and leaves in the year,
    members counted without a join date."""
    counts = members_counted(scope.session, scope.as_of)
    joined, left = joins_and_leaves(scope.session, scope.first_day, scope.as_of)
    source = "assoc members list --status all -f json"
    return [
        _figure("members.units", scope, counts["units"], source),
        _figure("members.persons", scope, counts["persons"], source),
        _figure("members.total", scope, counts["total"], source),
        _figure("members.joined", scope, joined, source),
        _figure("members.left", scope, left, source),
        _figure("members.undated", scope, counts["undated"], source),
        pending("members.staff", scope, needed=t("rpt.need.staff", scope.lang)),
    ]


# ---------------------------------------------------------------- terms and offices


def term_on(session: Session, day: date) -> Term | None:
    """The term covering *day*, else the latest one begun by then."""
    covering = session.exec(
        select(Term).where(col(Term.start_on) <= day, col(Term.end_on) >= day)
    ).first()
    if covering is not None:
        return covering
    return session.exec(
        select(Term).where(col(Term.start_on) <= day).order_by(col(Term.start_on).desc())
    ).first()


@dataclass(frozen=True)
class Leader:
    """One 负责人: the office, the person and the unit."""

    office: str
    person: str
    member: str
    number: str


def leaders(session: Session, term: Term | None) -> list[Leader]:
    """The 秘书长以上负责人 of *term*, by office rank."""
    if term is None:
        return []
    rows = session.exec(
        select(Office.name, OfficeHolding.person, Member.name, Member.number)
        .join(Office, col(Office.id) == col(OfficeHolding.office_id))
        .join(Member, col(Member.id) == col(OfficeHolding.member_id))
        .where(OfficeHolding.term_id == term.id)
        .order_by(col(Office.rank), col(Member.number))
    )
    return [
        Leader(office, person or "", member, number)
        for office, person, member, number in rows
        if is_leader_office(office)
    ]


def leader_figures(scope: Scope) -> list[Figure]:
    """秘书长以上负责人人数 in the term in force on 31 December."""
    term = term_on(scope.session, scope.as_of)
    found = leaders(scope.session, term)
    source = f"assoc offices list --term {term.number}" if term else "assoc offices list"
    return [_figure("leaders.count", scope, len(found), source)]


@dataclass(frozen=True)
class TermState:
    """The term in force on a day and whether its 换届 is on time, due or overdue."""

    term: Term | None
    state: str  # on_time | due | overdue | none
    next_term: Term | None


def term_state(session: Session, day: date) -> TermState:
    """换届: *overdue* when the latest term begun by *day* ended before it with no new
    term begun; *due* when the term in force ends within a year of *day*."""
    term = term_on(session, day)
    if term is None:
        return TermState(None, "none", None)
    later = session.exec(
        select(Term).where(col(Term.number) > term.number).order_by(col(Term.number))
    ).first()
    if term.end_on < day:
        return TermState(term, "overdue", later)
    if later is None and (term.end_on - day).days <= 365:
        return TermState(term, "due", later)
    return TermState(term, "on_time", later)


def term_figures(scope: Scope) -> list[Figure]:
    """届次, its end and 换届 on time / due / overdue."""
    state = term_state(scope.session, scope.as_of)
    source = "assoc terms list"
    if state.term is None:
        return [pending("term.current", scope, needed=t("rpt.need.term", scope.lang))]
    return [
        _figure("term.current", scope, term_label(state.term.number, scope.lang), source, "text"),
        _figure("term.end", scope, format_date(state.term.end_on, scope.lang), source, "text"),
        _figure("term.state", scope, t(f"rpt.term.{state.state}", scope.lang), source, "text"),
    ]


# ---------------------------------------------------------------- meetings


@dataclass(frozen=True)
class HeldMeeting:
    """A meeting held (not cancelled) with its kind and short title (二届一次会员大会)."""

    meeting: Meeting
    kind: MeetingKind
    title: str
    short_title: str


def meetings_held(
    session: Session, first: date, last: date, *, term: Term | None = None
) -> list[HeldMeeting]:
    """Meetings held (not cancelled) from *first* to *last* (or of *term*), by date."""
    association = session.exec(select(Association)).first()
    terms = {each.id: each for each in session.exec(select(Term))}
    query = (
        select(Meeting, MeetingKind)
        .join(MeetingKind, col(MeetingKind.id) == col(Meeting.kind_id))
        .where(Meeting.status != "cancelled", col(Meeting.held_on).between(first, last))
        .order_by(col(Meeting.held_on), col(Meeting.id))
    )
    found = []
    for meeting, kind in session.exec(query):
        term_of = terms.get(meeting.term_id)
        if term is not None and term_of is not None and term_of.id != term.id:
            continue
        found.append(
            HeldMeeting(
                meeting,
                kind,
                meeting_title(meeting, kind, term_of, association),
                meeting_title(meeting, kind, term_of, None),
            )
        )
    return found


def resolutions_of(session: Session, meeting_ids: Sequence[int]) -> list[Resolution]:
    """The votes taken at these meetings, in order."""
    if not meeting_ids:
        return []
    return list(
        session.exec(
            select(Resolution)
            .where(col(Resolution.meeting_id).in_(meeting_ids))
            .order_by(col(Resolution.meeting_id), col(Resolution.id))
        )
    )


def meeting_figures(scope: Scope) -> list[Figure]:
    """会员（代表）大会, 理事会, 常务理事会 and all meetings held in the year; votes taken
    and passed."""
    held = meetings_held(scope.session, scope.first_day, scope.as_of)
    source = f"assoc meetings list --year {scope.year}"
    kinds = [each.kind.name for each in held]
    votes = resolutions_of(scope.session, [each.meeting.id or 0 for each in held])
    votes_source = "assoc meetings votes"
    return [
        _figure("meetings.assembly", scope, sum(map(is_assembly, kinds)), source),
        _figure("meetings.council", scope, sum(map(is_council, kinds)), source),
        _figure("meetings.standing", scope, sum(map(is_standing_council, kinds)), source),
        _figure("meetings.total", scope, len(held), source),
        _figure("meetings.resolutions", scope, len(votes), votes_source),
        _figure("meetings.passed", scope, sum(1 for v in votes if v.passed), votes_source),
    ]


def meetings_by_kind(held: Sequence[HeldMeeting]) -> list[tuple[str, int]]:
    """How many meetings of each kind, in the order the kinds first appear."""
    counts: dict[str, int] = {}
    for each in held:
        counts[each.kind.name] = counts.get(each.kind.name, 0) + 1
    return list(counts.items())


# ---------------------------------------------------------------- dues


def cash_income(session: Session, first: date, last: date) -> list[tuple[int | None, int]]:
    """会费收入 on the cash basis: payments received from *first* to *last*, less the
    voids (作废 — a refund is recorded as one) of payments dated in that span, per year of
    dues (None: a payment not yet placed on a year), in fen."""
    reversed_entry = aliased(DuesEntry)
    is_payment = col(DuesEntry.kind) == "payment"
    dues_year = case((is_payment, col(DuesEntry.year)), else_=col(reversed_entry.year)).label(
        "dues_year"
    )
    signed = case((is_payment, col(DuesEntry.amount_fen)), else_=-col(DuesEntry.amount_fen))
    query = (
        select(dues_year, func.sum(signed))
        .select_from(DuesEntry)
        .outerjoin(reversed_entry, col(reversed_entry.id) == col(DuesEntry.reverses_id))
        .where(
            col(DuesEntry.entry_on).between(first, last),
            or_(
                is_payment,
                and_(col(DuesEntry.kind) == "void", col(reversed_entry.kind) == "payment"),
            ),
        )
        .group_by(dues_year)
    )
    rows = [(year, int(total or 0)) for year, total in session.exec(query)]
    return sorted(rows, key=lambda row: (row[0] is None, row[0] or 0))


def dues_figures(scope: Scope) -> list[Figure]:
    """会费收入 (cash basis, voids netted) in the year, in total and for the year's own dues."""
    income = cash_income(scope.session, scope.first_day, scope.as_of)
    source = "assoc dues export"
    own = sum(amount for year, amount in income if year == scope.year)
    return [
        _figure("dues.income", scope, sum(amount for _, amount in income), source, "money"),
        _figure("dues.income_own_year", scope, own, source, "money"),
        *[
            pending(key, scope, needed=t("rpt.need.accounts", scope.lang))
            for key in (
                "finance.donations",
                "finance.services",
                "finance.sales",
                "finance.grants",
                "finance.investment",
                "finance.other",
                "finance.expenses",
            )
        ],
    ]


@dataclass(frozen=True)
class RateOnRecord:
    """A tier's rate for a year and the assembly on record that adopted it (if found)."""

    tier: str
    amount_fen: int | None
    adopted_by: str | None
    assembly: str | None  # the title of the assembly meeting on record that matches


def rates_on_record(session: Session, year: int, day: date) -> list[RateOnRecord]:
    """Each tier's rate for *year* and whether a 会员（代表）大会 held by *day* is on record
    under the name the rate gives (``--adopted-by``)."""
    assemblies = [
        each
        for each in meetings_held(session, date(1900, 1, 1), day)
        if is_assembly(each.kind.name)
    ]
    rates = {
        rate.tier_id: rate for rate in session.exec(select(DuesRate).where(DuesRate.year == year))
    }
    found = []
    for tier in session.exec(select(Tier).order_by(col(Tier.rank))):
        rate = rates.get(tier.id or 0)
        adopted = (rate.adopted_by or "").strip() if rate else ""
        match = None
        if adopted:
            plain = adopted.replace(" ", "")
            for each in assemblies:
                if each.short_title in plain or (len(plain) >= 4 and plain in each.title):
                    match = each.title
                    break
        found.append(
            RateOnRecord(tier.name, rate.amount_fen if rate else None, adopted or None, match)
        )
    return found


def collection_by_tier(
    session: Session, year: int, day: date
) -> tuple[list[CollectionFigures], CollectionFigures] | None:
    """The collection figures of *year*'s dues per tier on *day* (None: no rates)."""
    if session.exec(select(DuesRate.id).where(DuesRate.year == year)).first() is None:
        return None
    return collection_figures(session, dues_policy(session), year=year, as_of=day, by="tier")


def collection_by_year(session: Session, up_to: int, day: date) -> list[CollectionFigures]:
    """Each dues year with rates up to *up_to*: its collection figures at that year's end
    (or *day*, when earlier); ``group`` is the year."""
    years = sorted(
        set(session.exec(select(DuesRate.year).where(DuesRate.year <= up_to).distinct()))
    )
    found = []
    policy = dues_policy(session)
    for year in years:
        _, total = collection_figures(
            session, policy, year=year, as_of=min(date(year, 12, 31), day), by=None
        )
        total.group = str(year)
        found.append(total)
    return found


def collection_figures_of_year(scope: Scope) -> list[Figure]:
    """收缴率 of the year's dues on 31 December, by count and by amount."""
    found = collection_by_tier(scope.session, scope.year, scope.as_of)
    source = f"assoc dues report --year {scope.year} --as-of {scope.as_of.isoformat()}"
    if found is None:
        return [
            pending(key, scope, needed=t("rpt.need.rates", scope.lang, year=scope.year))
            for key in ("dues.net_due", "dues.collected", "dues.rate_count", "dues.rate_amount")
        ]
    _, total = found
    return [
        _figure("dues.net_due", scope, total.net_due, source, "money"),
        _figure("dues.collected", scope, total.collected, source, "money"),
        _figure("dues.rate_count", scope, total.rate_count, source, "percent"),
        _figure("dues.rate_amount", scope, total.rate_amount, source, "percent"),
    ]


# ---------------------------------------------------------------- party (the roster)


def party_figures(scope: Scope) -> list[Figure]:
    """党员 and 党组织 in the member units counted on 31 December, as the roster holds
    them today (``members edit --party-members``)."""
    query = (
        select(
            func.sum(Member.party_members),
            func.count(func.distinct(case((col(Member.has_party_org).is_(True), Member.id)))),
            func.count(func.distinct(case((col(Member.party_members).is_(None), Member.id)))),
        )
        .select_from(Member)
        .join(MembershipPeriod, col(MembershipPeriod.member_id) == col(Member.id))
        .where(_counted_on(scope.as_of))
    )
    # (a member counted through two periods covering the day would count twice in the
    # sum; periods do not overlap)
    party_members, with_org, unknown = scope.session.exec(query).one()
    source = "assoc members list --status all -f json"
    return [
        _figure("party.members", scope, int(party_members or 0), source),
        _figure("party.units_with_org", scope, int(with_org), source),
        _figure("party.unknown", scope, int(unknown), source),
    ]


# ---------------------------------------------------------------- action items


def open_actions(session: Session, day: date) -> list[tuple[ActionItem, Meeting | None]]:
    """Action items still open on *day* (decided by then)."""
    query = (
        select(ActionItem, Meeting)
        .outerjoin(Meeting, col(Meeting.id) == col(ActionItem.meeting_id))
        .where(
            or_(col(ActionItem.status) == "open", col(ActionItem.done_on) > day),
            or_(col(Meeting.held_on).is_(None), col(Meeting.held_on) <= day),
        )
        .order_by(col(ActionItem.due_on), col(ActionItem.id))
    )
    return list(session.exec(query))
