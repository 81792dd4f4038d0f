"""SQLModel tables. Every change here needs an Alembic revision (see README, "Migrations").

Glossary: Association 协会 · Term 届 · Office 职务 · Tier 会费档次 · Member 会员 ·
MembershipPeriod 会籍期间 · OfficeHolding 任职.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel


def _partial(name: str, *columns: str, where: str, unique: bool = False) -> Index:
    """A partial index: only the rows where *where* holds. SQLite's condition is given
    here; PostgreSQL's copy of it is added by :func:`postgresql_partial_indexes` when
    PostgreSQL is in use (naming ``postgresql_where`` here would import PostgreSQL's
    dialect to check the keyword: 40 ms of every command on SQLite)."""
    return Index(name, *columns, unique=unique, sqlite_where=text(where))


def postgresql_partial_indexes() -> None:
    """Give PostgreSQL the same condition as SQLite for every partial index (for the
    migrations' comparison and any DDL made from the models). Idempotent."""
    for table in SQLModel.metadata.tables.values():
        for index in table.indexes:
            where = index.dialect_options["sqlite"]["where"]
            if where is not None:
                index.dialect_kwargs["postgresql_where"] = where


class Association(SQLModel, table=True):
    """The association's profile (协会信息); one row."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    short_name: str | None = Field(default=None, max_length=100)
    address: str | None = Field(default=None, max_length=300)
    phone: str | None = Field(default=None, max_length=50)
    email: str | None = Field(default=None, max_length=200)
    language: str = Field(default="zh-Hans", max_length=10)
    # Where members pay their dues, printed on every dues notice.
    bank_name: str | None = Field(default=None, max_length=100)
    bank_account: str | None = Field(default=None, max_length=50)
    account_name: str | None = Field(default=None, max_length=200)
    created_at: datetime


class Tier(SQLModel, table=True):
    """A dues tier (会费档次), e.g. 会长单位; rank 1 is the highest. At most four."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=50, unique=True)
    rank: int = Field(unique=True)


class Office(SQLModel, table=True):
    """An office (职务) such as 副会长; rank orders official lists, tier is the dues tier
    a unit holding it falls into by default."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=50, unique=True)
    rank: int
    tier_id: int | None = Field(default=None, foreign_key="tier.id")
    # How many units may hold it in one term (会长 1, 监事长 1); None: no limit.
    max_holders: int | None = None


class Term(SQLModel, table=True):
    """A term of office (届), numbered; it covers start_on..end_on inclusive."""

    id: int | None = Field(default=None, primary_key=True)
    number: int = Field(unique=True)
    start_on: date
    end_on: date
    years: int
    # Why end_on is not start_on + years: 延期换届 (extended), 提前换届 (ended early).
    note: str | None = Field(default=None, max_length=200)


class Member(SQLModel, table=True):
    """A member (会员): a unit (会员单位) or a person (个人会员). Never deleted."""

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(max_length=20, unique=True)
    name: str = Field(max_length=200, index=True)
    short_name: str | None = Field(default=None, max_length=100, index=True)
    kind: str = Field(default="unit", max_length=10)
    credit_code: str | None = Field(default=None, max_length=18, unique=True)
    representative: str | None = Field(default=None, max_length=50)
    representative_title: str | None = Field(default=None, max_length=50)
    phone: str | None = Field(default=None, max_length=50)
    email: str | None = Field(default=None, max_length=200)
    address: str | None = Field(default=None, max_length=300)
    segment: str | None = Field(default=None, max_length=50, index=True)
    joined_on: date | None = None
    left_on: date | None = None
    status: str = Field(default="active", max_length=10, index=True)
    employees: int | None = None
    party_members: int | None = None
    has_party_org: bool | None = None
    # An explicit tier; when empty the tier follows the highest office held in the term.
    tier_id: int | None = Field(default=None, foreign_key="tier.id")
    note: str | None = Field(default=None, max_length=500)
    # Sort keys kept next to the name so listings sort in SQL: pinyin (拼音) and
    # stroke counts (笔画, two digits a character), both computed when the name is saved.
    name_pinyin: str = Field(default="", max_length=600, index=True)
    name_strokes: str = Field(default="", max_length=400, index=True)
    created_at: datetime
    updated_at: datetime
    # Pinyin initials of the name and the short name (山东双涵… -> "sdsh…"), so shell
    # completion finds `sdsh<TAB>` by a range scan of an index (issue 21, migration 0016).
    name_initials: str = Field(
        default="", max_length=200, index=True, sa_column_kwargs={"server_default": ""}
    )
    short_name_initials: str = Field(
        default="", max_length=100, index=True, sa_column_kwargs={"server_default": ""}
    )


class MembershipPeriod(SQLModel, table=True):
    """One stretch of membership; leaving closes it, rejoining opens a new one."""

    __tablename__ = "membership_period"

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(foreign_key="member.id", index=True)
    # Indexed for its maximum: the stored balances hold only when no join is dated later
    # than the as-of date of a report (dues/balances.py).
    joined_on: date | None = Field(default=None, index=True)
    left_on: date | None = None
    leave_reason: str | None = Field(default=None, max_length=300)


class OfficeHolding(SQLModel, table=True):
    """A member unit holding an office in a term, through a named person (任职)."""

    __tablename__ = "office_holding"
    __table_args__ = (UniqueConstraint("term_id", "member_id", "office_id"),)

    id: int | None = Field(default=None, primary_key=True)
    term_id: int = Field(foreign_key="term.id", index=True)
    member_id: int = Field(foreign_key="member.id", index=True)
    office_id: int = Field(foreign_key="office.id")
    person: str | None = Field(default=None, max_length=50)


class Setting(SQLModel, table=True):
    """A policy setting (key/value), e.g. ``dues.join_policy``."""

    key: str = Field(primary_key=True, max_length=50)
    value: str = Field(max_length=200)


class DuesRate(SQLModel, table=True):
    """The fixed annual amount of one tier in one year (会费标准), in fen."""

    __tablename__ = "dues_rate"
    __table_args__ = (UniqueConstraint("year", "tier_id"),)

    id: int | None = Field(default=None, primary_key=True)
    year: int = Field(index=True)
    tier_id: int = Field(foreign_key="tier.id")
    amount_fen: int
    adopted_by: str | None = Field(default=None, max_length=200)
    created_at: datetime


class DuesEntry(SQLModel, table=True):
    """One line of the dues ledger, never changed once written (台账).

    kind: ``payment`` (缴费, with a receipt number), ``waiver`` (减免), ``void`` (作废, a
    reversal of an earlier payment or waiver, named by ``reverses_id``) or ``adjustment``
    (调整: a change to a closed year's dues, with reason and approver). Amounts are
    positive fen — an adjustment's is signed (more or less due); a void carries the
    amount it reverses.
    """

    __tablename__ = "dues_entry"
    __table_args__ = (
        UniqueConstraint("receipt_year", "receipt_seq"),
        # The ledger's index: it sums each member's entries per year straight from the
        # index (a covering scan in member order, no table lookups, no sort for GROUP BY),
        # and serves every "this member's entries" lookup through its first column.
        Index("ix_dues_entry_ledger", "member_id", "year", "kind", "entry_on", "amount_fen"),
        # The voids (作废) in date order: a member's ledger excludes what was voided by its
        # as-of date, and finds those few rows here instead of walking every entry dated
        # before it (2.4 s → 0.7 s for `dues pay` at 100,000 members).
        _partial("ix_dues_entry_voids", "entry_on", "reverses_id", where="kind = 'void'"),
        # The adjustments of closed years (调整), by year: the reports' note on them reads
        # these few rows, not the whole year's entries (0.55 s at 1,000,000 members).
        _partial(
            "ix_dues_entry_adjustments",
            "year",
            "entry_on",
            "member_id",
            "amount_fen",
            where="kind = 'adjustment'",
        ),
        # A bank reference (银行流水号) names one transfer: it is recorded once at most.
        _partial(
            "ux_dues_entry_reference", "reference", unique=True, where="reference IS NOT NULL"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(foreign_key="member.id")
    kind: str = Field(max_length=10)
    year: int | None = Field(default=None, index=True)
    amount_fen: int
    entry_on: date = Field(index=True)
    receipt: str | None = Field(default=None, max_length=50, unique=True)
    receipt_year: int | None = None
    receipt_seq: int | None = None
    method: str | None = Field(default=None, max_length=20)
    payer: str | None = Field(default=None, max_length=200)
    reason: str | None = Field(default=None, max_length=300)
    approved_by: str | None = Field(default=None, max_length=100)
    note: str | None = Field(default=None, max_length=500)
    reverses_id: int | None = Field(default=None, foreign_key="dues_entry.id", unique=True)
    # The bank's reference of a payment (流水号), when given: unique, so a bank statement
    # line can never be recorded twice.
    reference: str | None = Field(default=None, max_length=100)
    created_at: datetime


class DuesYearClose(SQLModel, table=True):
    """A closed dues year (已结账年度): from then on its dues are the snapshot in
    ``dues_year_due``, not the tiers, offices and rates of today; only an ``adjustment``
    entry (调整, with reason and approver) changes them. Never reopened."""

    __tablename__ = "dues_year_close"

    year: int = Field(primary_key=True)
    closed_on: date
    closed_by: str = Field(max_length=100)
    created_at: datetime


class DuesYearDue(SQLModel, table=True):
    """What one member owed for a closed year when it was closed: its tier and amount."""

    __tablename__ = "dues_year_due"

    year: int = Field(primary_key=True, foreign_key="dues_year_close.year")
    member_id: int = Field(primary_key=True, foreign_key="member.id")
    tier_id: int | None = Field(default=None, foreign_key="tier.id")
    due_fen: int = Field(sa_type=BigInteger)


class DuesNotice(SQLModel, table=True):
    """A dues notice (会费收缴通知) or reminder (催缴通知) sent to a member for a year."""

    __tablename__ = "dues_notice"

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(foreign_key="member.id", index=True)
    year: int
    kind: str = Field(max_length=10)
    sent_on: date
    balance_fen: int
    document: str | None = Field(default=None, max_length=500)
    created_at: datetime


class MeetingKind(SQLModel, table=True):
    """A kind of meeting (会议类型) such as 会长办公会, with how it is numbered, its quorum
    rule and the standing items a new meeting's agenda starts with (JSON list)."""

    __tablename__ = "meeting_kind"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=50, unique=True)
    numbering: str = Field(default="term", max_length=10)  # term | year | none
    quorum: str = Field(default="none", max_length=12)  # two-thirds | majority | none
    quorum_base: str = Field(default="invited", max_length=10)  # members | invited
    agenda_template: str = Field(default="[]", max_length=4000)


class Meeting(SQLModel, table=True):
    """A meeting (会议); a cancelled one keeps its running number."""

    id: int | None = Field(default=None, primary_key=True)
    kind_id: int = Field(foreign_key="meeting_kind.id", index=True)
    term_id: int | None = Field(default=None, foreign_key="term.id")
    sequence: int
    enlarged: bool = False
    topic: str | None = Field(default=None, max_length=200)
    title_override: str | None = Field(default=None, max_length=300)
    held_on: date = Field(index=True)
    starts_at: str | None = Field(default=None, max_length=5)
    venue: str | None = Field(default=None, max_length=200)
    chair: str | None = Field(default=None, max_length=100)
    status: str = Field(default="planned", max_length=10)  # planned | cancelled
    cancel_reason: str | None = Field(default=None, max_length=300)
    created_at: datetime


class AgendaItem(SQLModel, table=True):
    """One numbered agenda item (议程) with its presenter, kind and notes for the minutes."""

    __tablename__ = "agenda_item"

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    position: int
    title: str = Field(max_length=300)
    presenter: str | None = Field(default=None, max_length=100)
    kind: str = Field(default="report", max_length=15)
    minutes: int | None = None
    dues_year: int | None = None
    # A dues-report item's cut-off day (截至11月30日); None: the meeting date.
    dues_as_of: date | None = None
    notes: str | None = Field(default=None, max_length=4000)


class Attendance(SQLModel, table=True):
    """Someone invited to a meeting: role 出席 (attend) or 列席 (sit-in), and whether they
    came (present), sent apologies (leave, 请假) or were absent; proxies for assemblies."""

    __table_args__ = (UniqueConstraint("meeting_id", "member_id", "person"),)

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    member_id: int | None = Field(default=None, foreign_key="member.id", index=True)
    person: str = Field(max_length=100)
    title: str | None = Field(default=None, max_length=100)
    role: str = Field(default="attend", max_length=10)  # attend | sit-in
    status: str = Field(default="invited", max_length=10)  # invited | present | leave | absent
    reason: str | None = Field(default=None, max_length=300)
    proxy: str | None = Field(default=None, max_length=100)


class Resolution(SQLModel, table=True):
    """A vote on a motion (表决): 应到/实到/赞成/反对/弃权 and whether it passed by the rule."""

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    topic: str = Field(max_length=300)
    method: str = Field(max_length=10)
    threshold: str = Field(max_length=12)  # majority | two-thirds
    expected: int
    present: int
    votes_for: int
    votes_against: int
    abstentions: int
    passed: bool
    created_at: datetime


class ActionItem(SQLModel, table=True):
    """A work-plan item with 三落实: content, deadline and a responsible person."""

    __tablename__ = "action_item"

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id", index=True)
    content: str = Field(max_length=500)
    owner: str = Field(max_length=100)
    due_on: date
    status: str = Field(default="open", max_length=10)  # open | done
    done_on: date | None = None
    note: str | None = Field(default=None, max_length=500)
    created_at: datetime


class AuditLog(SQLModel, table=True):
    """Every change made through assoc: who, when, which command, what, before and after.
    Written in the same transaction as the change; the CLI has no way to edit it."""

    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(index=True)
    operator: str = Field(max_length=100)
    command: str = Field(max_length=100)
    entity: str = Field(max_length=50)
    entity_id: int | None = None
    action: str = Field(max_length=10)  # insert | update | delete
    member_id: int | None = Field(default=None, index=True)
    before: str | None = None
    after: str | None = None


class DuesBalance(SQLModel, table=True):
    """The dues ledger kept ready (会费余额): one row per member and dues year, the same
    figures ``dues/ledger.py`` computes, as of the end of time. Never written by a
    command directly: triggers note which members changed (``ledger_dirty``) and
    ``dues/balances.py`` recomputes them before the command commits. Reports read it
    only when nothing is noted and no entry or join is dated after their as-of date."""

    __tablename__ = "dues_balance"
    __table_args__ = (
        # "This member's years" (statements, refreshes) through the first column.
        Index("ix_dues_balance_member", "member_id", "year"),
        # Only the rows still owing, per member: the arrears of the unpaid list read this
        # small index instead of every member-year.
        _partial("ix_dues_balance_owing", "member_id", "year", "balance", where="balance > 0"),
        # Clustered by year on SQLite: one year's rows (a report, an unpaid list) are one
        # contiguous range of the table.
        {"sqlite_with_rowid": False},
    )

    year: int = Field(primary_key=True)
    member_id: int = Field(primary_key=True)
    tier: str | None = Field(default=None, max_length=50)
    tier_rank: int | None = None
    due: int = Field(sa_type=BigInteger)
    waived: int = Field(sa_type=BigInteger)
    net_due: int = Field(sa_type=BigInteger)
    paid: int = Field(sa_type=BigInteger)
    balance: int = Field(sa_type=BigInteger)
    credit: int = Field(sa_type=BigInteger)


class LedgerDirty(SQLModel, table=True):
    """Members whose ``dues_balance`` rows are stale, noted by triggers on every table the
    ledger reads; member 0 means every member (a rate, tier, term, office or join policy
    changed). A note per change, not per member: on PostgreSQL two transactions noting the
    same member each keep their own note, so a refresh that runs between them can take
    only the note it could see (dues/balances.py)."""

    __tablename__ = "ledger_dirty"

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(index=True)


# Industry statistics (行业统计, issue 19): indicators, reporting plans, members' reports
# per period (本期 and 本年累计 as reported), statistics contacts (信息员), 规上 per year.


class StatIndicator(SQLModel, table=True):
    """An indicator members report (统计指标): 产值, 营业收入, 从业人员平均人数, 博士…

    unit ``万元`` is stored in integer fen (1 万元 = 1,000,000 fen), ``人``/``名`` in whole
    persons; kind ``flow`` sums over the year (本年累计 = the months so far), ``level`` is a
    state (a headcount: 本年累计 is the year-to-date average as reported)."""

    __tablename__ = "stat_indicator"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=50, unique=True)
    unit: str = Field(max_length=10)  # 万元 | 人 | 名 | 项
    kind: str = Field(default="flow", max_length=10)  # flow | level
    position: int = 0
    created_at: datetime


class StatPlan(SQLModel, table=True):
    """A reporting plan (报表制度): monthly, quarterly or yearly; January and February
    reported together when ``jan_feb_together``; due on ``due_day`` of the month after the
    period (季报 by the 15th)."""

    __tablename__ = "stat_plan"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=50, unique=True)
    frequency: str = Field(max_length=10)  # monthly | quarterly | yearly
    jan_feb_together: bool = False
    due_day: int = 15
    created_at: datetime


class StatReporter(SQLModel, table=True):
    """A member that reports under a plan (报送单位)."""

    __tablename__ = "stat_reporter"

    member_id: int = Field(primary_key=True, foreign_key="member.id")
    plan_id: int = Field(foreign_key="stat_plan.id", index=True)
    created_at: datetime


class StatContact(SQLModel, table=True):
    """One of a member's one or two statistics contacts (统计联络员 / 信息员)."""

    __tablename__ = "stat_contact"
    __table_args__ = (UniqueConstraint("member_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(foreign_key="member.id", index=True)
    position: int  # 1 | 2
    name: str = Field(max_length=50)
    phone: str | None = Field(default=None, max_length=50)
    email: str | None = Field(default=None, max_length=200)


class StatValue(SQLModel, table=True):
    """One member's figure for one indicator in one period, as reported: 本期 (months
    start_month..end_month) and 本年累计 (months 1..end_month), integers in the indicator's
    smallest unit. Keyed period first, so a period's report reads one contiguous range."""

    __tablename__ = "stat_value"
    __table_args__ = (
        # A member's own figures (its form, last year's same period) through member first.
        Index("ix_stat_value_member", "member_id", "year", "end_month"),
        {"sqlite_with_rowid": False},
    )

    year: int = Field(primary_key=True)
    end_month: int = Field(primary_key=True)
    indicator_id: int = Field(primary_key=True, foreign_key="stat_indicator.id")
    member_id: int = Field(primary_key=True, foreign_key="member.id")
    start_month: int
    current: int = Field(sa_type=BigInteger)
    cumulative: int | None = Field(default=None, sa_type=BigInteger)
    reported_on: date


class StatScale(SQLModel, table=True):
    """Whether a member counts as 规上 (above the size threshold) in a year: derived from
    its revenue (source ``derived``) or set by hand (``manual``, never overwritten)."""

    __tablename__ = "stat_scale"

    year: int = Field(primary_key=True)
    member_id: int = Field(primary_key=True, foreign_key="member.id")
    above: bool
    source: str = Field(max_length=10)  # derived | manual


# The party register (党建, issue 19): organisations, the units each covers, counts by
# date, pairings (党建结对), the chain's groups (1+1+N+X) and 三会一课 meetings.


class PartyOrg(SQLModel, table=True):
    """A party organisation (党组织): 党委, 党总支, 党支部, 联合党支部 or 功能型党支部."""

    __tablename__ = "party_org"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    kind: str = Field(max_length=20)
    secretary: str | None = Field(default=None, max_length=50)
    founded_on: date | None = None
    parent_id: int | None = Field(default=None, foreign_key="party_org.id")
    note: str | None = Field(default=None, max_length=500)
    created_at: datetime


class PartyOrgUnit(SQLModel, table=True):
    """A member unit an organisation covers; a joint branch (联合党支部) covers several."""

    __tablename__ = "party_org_unit"

    org_id: int = Field(primary_key=True, foreign_key="party_org.id")
    member_id: int = Field(primary_key=True, foreign_key="member.id", index=True)


class PartyCount(SQLModel, table=True):
    """An organisation's party-member count (党员数) as of a date."""

    __tablename__ = "party_count"

    org_id: int = Field(primary_key=True, foreign_key="party_org.id")
    counted_on: date = Field(primary_key=True)
    party_members: int


class PartyPairing(SQLModel, table=True):
    """A 党建结对 pairing: an organisation with a unit or an outside body."""

    __tablename__ = "party_pairing"

    id: int | None = Field(default=None, primary_key=True)
    org_id: int = Field(foreign_key="party_org.id", index=True)
    member_id: int | None = Field(default=None, foreign_key="member.id")
    partner: str | None = Field(default=None, max_length=200)
    started_on: date | None = None
    note: str | None = Field(default=None, max_length=500)
    created_at: datetime


class PartyGroup(SQLModel, table=True):
    """A group of the chain's structure (seed 003's 1+1+N+X): a committee (联合党委), an
    alliance (联盟), a service station (服务站) or a model site (示范点)."""

    __tablename__ = "party_group"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    role: str = Field(max_length=10)  # committee | alliance | station | site
    created_at: datetime


class PartyGroupMember(SQLModel, table=True):
    """A member unit in a group of the chain's structure."""

    __tablename__ = "party_group_member"

    group_id: int = Field(primary_key=True, foreign_key="party_group.id")
    member_id: int = Field(primary_key=True, foreign_key="member.id")


class PartyMeeting(SQLModel, table=True):
    """A meeting held by a party organisation as one of 三会一课 (支部委员会, 党员大会,
    党课, 党小组会): the meeting's own kind says which."""

    __tablename__ = "party_meeting"

    meeting_id: int = Field(primary_key=True, foreign_key="meeting.id")
    org_id: int = Field(foreign_key="party_org.id", index=True)


# --- Member services (services/): requests (诉求台账), services and visits (服务台账) ---


class ServiceChoice(SQLModel, table=True):
    """A value the association added to one of the services' data lists (``category`` 诉求类别,
    ``source`` 诉求来源, ``kind`` 服务类型), beside the defaults written in services/choices.py."""

    __tablename__ = "service_choice"
    __table_args__ = (UniqueConstraint("list", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    list: str = Field(max_length=20)
    name: str = Field(max_length=50)


class ServiceSetting(SQLModel, table=True):
    """A setting of the services' reports (满意率 definition, visit coverage targets)."""

    __tablename__ = "service_setting"

    key: str = Field(primary_key=True, max_length=50)
    value: str = Field(max_length=200)


class ServiceRequest(SQLModel, table=True):
    """A member's request (诉求), numbered per year of receipt (SQ2026-0001, gap-free).
    Never deleted; every change is in the audit log. ``judged_due_on`` is the deadline the
    on-time figures judge by: an extension moves it only when granted before it passed."""

    __tablename__ = "service_request"
    __table_args__ = (
        UniqueConstraint("year", "seq"),
        Index("ix_service_request_year_status", "year", "status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    year: int
    seq: int
    number: str = Field(max_length=20, unique=True)
    received_on: date
    source: str = Field(max_length=50)
    member_id: int = Field(foreign_key="member.id", index=True)
    contact: str | None = Field(default=None, max_length=100)
    category: str = Field(max_length=50)
    tags: str | None = Field(default=None, max_length=300)
    description: str = Field(max_length=2000)
    handler: str | None = Field(default=None, max_length=100)
    lead_body: str | None = Field(default=None, max_length=200)  # 主办 outside body
    assisting_bodies: str | None = Field(default=None, max_length=300)  # 协办, joined by 、
    time_limit: int | None = None  # working days
    due_on: date | None = None
    judged_due_on: date | None = None
    extension_reason: str | None = Field(default=None, max_length=300)
    extended_on: date | None = None
    status: str = Field(max_length=10)
    result: str | None = Field(default=None, max_length=2000)
    replied_on: date | None = None
    closed_on: date | None = None
    followup: str | None = Field(default=None, max_length=10)
    followup_on: date | None = None
    reopened: int = 0
    created_at: datetime


class Service(SQLModel, table=True):
    """A service or visit to members (服务台账/走访台账): what was done, for whom, with what
    outcome and figures (money saved for members in fen; firms applying and succeeding)."""

    __tablename__ = "service"

    id: int | None = Field(default=None, primary_key=True)
    held_on: date = Field(index=True)
    kind: str = Field(max_length=50)
    staff: str = Field(max_length=100)
    title: str | None = Field(default=None, max_length=200)
    summary: str = Field(max_length=2000)
    outcome: str | None = Field(default=None, max_length=2000)
    saved: int | None = Field(default=None, sa_type=BigInteger)
    applied: int | None = None  # firms applying (申报), when not each named
    succeeded: int | None = None
    signed: bool = False
    created_at: datetime


class ServiceMember(SQLModel, table=True):
    """A member a service was for, with its own outcome (in an application round, the
    firm's stage: 辅导中/已申报/已推荐/成功/未成功)."""

    __tablename__ = "service_member"
    __table_args__ = (UniqueConstraint("service_id", "member_id"),)

    id: int | None = Field(default=None, primary_key=True)
    service_id: int = Field(foreign_key="service.id", index=True)
    member_id: int = Field(foreign_key="member.id", index=True)
    outcome: str | None = Field(default=None, max_length=20)


# ---------------------------------------------------------------- events (issue 17)
# A meeting or training class (活动、培训班) is a meeting row extended with its programme:
# organisers in ordered roles, sessions with their own 主持, speakers on its agenda items,
# and the people at it in the roles the news release names them by (出席, 列席, 参加, 特邀).


class EventGuest(SQLModel, table=True):
    """A person from outside the roster (嘉宾: an official, an expert, a member's staff),
    kept once by name and organisation and reused across events; *rank* orders officials
    in a list (1 first), as the articles list them."""

    __tablename__ = "event_guest"
    __table_args__ = (UniqueConstraint("name", "organisation"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100)
    # "" (not NULL) for no organisation: the pair stays unique on both engines.
    organisation: str = Field(default="", max_length=200)
    post: str | None = Field(default=None, max_length=100)
    phone: str | None = Field(default=None, max_length=50)
    rank: int | None = None


class EventOrganiser(SQLModel, table=True):
    """An organiser of an event in a role (主办, 承办, 协办, 支持, 赞助), in the order given."""

    __tablename__ = "event_organiser"
    __table_args__ = (UniqueConstraint("meeting_id", "role", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    role: str = Field(max_length=15)
    position: int
    name: str = Field(max_length=200)


class EventSession(SQLModel, table=True):
    """A block of an event's programme (上午, 下午, or timed) with its own 主持 and focus."""

    __tablename__ = "event_session"
    __table_args__ = (UniqueConstraint("meeting_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    position: int
    label: str = Field(max_length=50)
    starts_at: str | None = Field(default=None, max_length=5)
    ends_at: str | None = Field(default=None, max_length=5)
    focus: str | None = Field(default=None, max_length=200)
    host: str | None = Field(default=None, max_length=100)
    host_organisation: str | None = Field(default=None, max_length=200)
    host_post: str | None = Field(default=None, max_length=100)


class EventItem(SQLModel, table=True):
    """Which session an agenda item belongs to (an agenda item of a meeting without
    sessions has no row here)."""

    __tablename__ = "event_item"

    agenda_item_id: int = Field(foreign_key="agenda_item.id", primary_key=True)
    session_id: int = Field(foreign_key="event_session.id", index=True)


class EventSpeaker(SQLModel, table=True):
    """A speaker of an agenda item, in order: a member's representative, a secretariat staff
    member or a guest, with the organisation and post they spoke in."""

    __tablename__ = "event_speaker"
    __table_args__ = (UniqueConstraint("agenda_item_id", "name", "organisation"),)

    id: int | None = Field(default=None, primary_key=True)
    agenda_item_id: int = Field(foreign_key="agenda_item.id", index=True)
    position: int
    name: str = Field(max_length=100)
    organisation: str = Field(default="", max_length=200)
    post: str | None = Field(default=None, max_length=100)
    member_id: int | None = Field(default=None, foreign_key="member.id")
    guest_id: int | None = Field(default=None, foreign_key="event_guest.id")


class EventPerson(SQLModel, table=True):
    """Someone at an event in a role (出席 attend, 列席 sit-in, 参加 join, 特邀 special):
    the association's officers by their office (post, organisation ""), guests with their
    organisation and post; *group* names a set written once ("副会长单位:")."""

    __tablename__ = "event_person"
    __table_args__ = (UniqueConstraint("meeting_id", "name", "organisation"),)

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    role: str = Field(max_length=10)
    position: int
    name: str = Field(max_length=100)
    organisation: str = Field(default="", max_length=200)
    post: str | None = Field(default=None, max_length=100)
    group_label: str | None = Field(default=None, max_length=100)
    rank: int | None = None
    member_id: int | None = Field(default=None, foreign_key="member.id")
    guest_id: int | None = Field(default=None, foreign_key="event_guest.id")


class EventClass(SQLModel, table=True):
    """A training class's terms (培训班): how many places, the fee per participant for a
    member in good standing and for others (fen; voluntary, never a condition of
    membership), and how many sessions earn the certificate (结业证书)."""

    __tablename__ = "event_class"

    meeting_id: int = Field(foreign_key="meeting.id", primary_key=True)
    capacity: int | None = None
    fee_member: int = Field(default=0, sa_type=BigInteger)
    fee_other: int = Field(default=0, sa_type=BigInteger)
    min_sessions: int | None = None


class EventRegistration(SQLModel, table=True):
    """A participant sent to a class: by a member unit (member_id) or from elsewhere; status
    registered, waitlisted (候补) or cancelled. The fee due is fixed when registering."""

    __tablename__ = "event_registration"
    __table_args__ = (UniqueConstraint("meeting_id", "name", "unit"),)

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    member_id: int | None = Field(default=None, foreign_key="member.id", index=True)
    # "" (not NULL) when no unit is given: the triple stays unique on both engines.
    unit: str = Field(default="", max_length=200)
    name: str = Field(max_length=100)
    post: str | None = Field(default=None, max_length=100)
    phone: str | None = Field(default=None, max_length=50)
    status: str = Field(default="registered", max_length=12)
    fee_due: int = Field(default=0, sa_type=BigInteger)
    registered_at: datetime


class EventFee(SQLModel, table=True):
    """A line of the class fees ledger, never changed once written: a ``payment`` with a
    receipt of the fees' own gap-free series (PX2020-0001) or a ``void`` reversing one."""

    __tablename__ = "event_fee"
    __table_args__ = (UniqueConstraint("receipt_year", "receipt_seq"),)

    id: int | None = Field(default=None, primary_key=True)
    registration_id: int = Field(foreign_key="event_registration.id", index=True)
    kind: str = Field(max_length=10)
    amount_fen: int = Field(sa_type=BigInteger)
    entry_on: date
    receipt: str | None = Field(default=None, max_length=50, unique=True)
    receipt_year: int | None = None
    receipt_seq: int | None = None
    method: str | None = Field(default=None, max_length=20)
    reason: str | None = Field(default=None, max_length=300)
    reverses_id: int | None = Field(default=None, foreign_key="event_fee.id", unique=True)
    created_at: datetime


class EventSignin(SQLModel, table=True):
    """A participant signed in at a session (签到)."""

    __tablename__ = "event_signin"
    __table_args__ = (UniqueConstraint("session_id", "registration_id"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="event_session.id", index=True)
    registration_id: int = Field(foreign_key="event_registration.id", index=True)
    created_at: datetime


class EventCertificate(SQLModel, table=True):
    """A certificate (结业证书) numbered gap-free per class: 2020-01-0001 (year, the class's
    number, the participant's). A reissue keeps the number and counts up."""

    __tablename__ = "event_certificate"
    __table_args__ = (UniqueConstraint("meeting_id", "seq"),)

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    registration_id: int = Field(foreign_key="event_registration.id", unique=True)
    seq: int
    number: str = Field(max_length=30, unique=True)
    issued_on: date
    reissues: int = 0
    reissue_reason: str | None = Field(default=None, max_length=300)


class EventSeries(SQLModel, table=True):
    """A recurring event (三会一课, 半月一碰头, 一月一茶叙, the monthly 座谈会): a kind of
    meeting and a rule — every N days, weeks or months, or the nth weekday of every N
    months — that creates real meetings ahead of time."""

    __tablename__ = "event_series"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100, unique=True)
    kind_id: int = Field(foreign_key="meeting_kind.id")
    unit: str = Field(max_length=10)  # day | week | month
    every: int
    # For unit month: the nth (1-4, -1 last) weekday (0 Monday … 6 Sunday); else the day.
    nth: int | None = None
    weekday: int | None = None
    starts_on: date
    ends_on: date | None = None
    starts_at: str | None = Field(default=None, max_length=5)
    venue: str | None = Field(default=None, max_length=200)
    topic: str | None = Field(default=None, max_length=200)


class EventOccurrence(SQLModel, table=True):
    """A meeting of a series, with the day the rule gave it (a moved one keeps it)."""

    __tablename__ = "event_occurrence"

    meeting_id: int = Field(foreign_key="meeting.id", primary_key=True)
    series_id: int = Field(foreign_key="event_series.id", index=True)
    planned_on: date
