"""The figures that come from the features below the report: events and training classes
(issue 17), member services and requests (issue 18), statistics and the party register
(issue 19).

Each function is a provider (``Scope -> list[Figure]``, or problems/rows for the check list
and the hand-over pack) that calls the feature's own queries, so a figure agrees with the
command named as its source. ``report/annual.py`` and ``report/handover.py`` call only
these names.

How the activities are counted (``activities.<kind>``): meetings held in
``scope.first_day..scope.as_of`` (not cancelled), each counted once, by what the record
says of it — a training class (培训) is a meeting with class terms (``assoc events class``)
or of a kind named …培训…/…班; otherwise the kind's name decides: 论坛/讲坛 a forum, 年会 an
annual meeting, 研讨会 a seminar, 评比/达标/表彰/颁奖 an award. A lecture (讲座、报告会) is
an agenda item of kind ``lecture`` at any such meeting, or a meeting of a kind named
讲座/报告会. Governance meetings and 座谈会 are not among these activities (they are counted
under meetings).
"""

from __future__ import annotations

from calendar import monthrange
from typing import TYPE_CHECKING

from sqlalchemy import and_, exists, func, select

from assoc_cli.db import core as tables
from assoc_cli.i18n import t
from assoc_cli.i18n.dates import format_date
from assoc_cli.i18n.money import format_money
from assoc_cli.report.figures import Figure, Problem, Scope, Table, pending

if TYPE_CHECKING:
    from sqlalchemy import ColumnElement

# The kinds of activity the annual report counts (鲁民函〔2021〕19号: 论坛、讲坛、讲座、年会、
# 报告会、研讨会; 评比、达标、表彰): the figure keys ``activities.<kind>``.
ACTIVITY_KINDS = ("forum", "lecture", "annual_meeting", "seminar", "training", "award")

# The words of a meeting kind's name that make it one activity, in order (first wins).
KIND_WORDS: dict[str, tuple[str, ...]] = {
    "training": ("培训", "班"),
    "lecture": ("讲座", "报告会"),
    "forum": ("论坛", "讲坛"),
    "annual_meeting": ("年会",),
    "seminar": ("研讨会",),
    "award": ("评比", "达标", "表彰", "颁奖"),
}

# The statistics indicators the annual report totals (本年累计).
OUTPUT_INDICATORS = ("产值", "营业收入")


def activity_of(kind_name: str, has_class: bool) -> str | None:
    """Which activity a held meeting is (see the module's text), or None."""
    if has_class:
        return "training"
    for activity, words in KIND_WORDS.items():
        if any(word in kind_name for word in words):
            return activity
    return None


def _held(scope: Scope) -> ColumnElement[bool]:
    m = tables.meeting_t.c
    return and_(m.held_on >= scope.first_day, m.held_on <= scope.as_of, m.status != "cancelled")


def activities(scope: Scope) -> list[Figure]:
    """Activities held in the year, by kind (论坛/讲座/年会/研讨会/培训/评比表彰) — from the
    meetings and events tables (the module's text says how each is counted)."""
    m, k = tables.meeting_t.c, tables.meeting_kind_t.c
    has_class = exists().where(tables.event_class_t.c.meeting_id == m.id)
    connection = scope.session.connection()
    counts = dict.fromkeys(ACTIVITY_KINDS, 0)
    query = (
        select(k.name, has_class.label("has_class"))
        .join_from(tables.meeting_t, tables.meeting_kind_t, k.id == m.kind_id)
        .where(_held(scope))
    )
    for row in connection.execute(query):
        activity = activity_of(row.name, bool(row.has_class))
        if activity is not None:
            counts[activity] += 1
    a = tables.agenda_item_t.c
    lectures = connection.execute(
        select(func.count())
        .select_from(tables.agenda_item_t)
        .join(tables.meeting_t, m.id == a.meeting_id)
        .where(_held(scope), a.kind == "lecture")
    ).scalar_one()
    counts["lecture"] += int(lectures)
    source = f"assoc meetings list --year {scope.year}"
    return [
        Figure(
            f"activities.{kind}",
            t(f"rpt.f.activities.{kind}", scope.lang),
            counts[kind],
            "int",
            source,
        )
        for kind in ACTIVITY_KINDS
    ]


def services(scope: Scope) -> list[Figure]:
    """Member services (走访、调研…) held in the year, and the requests (诉求) received in it
    and closed (办结), as ``assoc requests report`` counts them."""
    from assoc_cli.services.reports import request_figures
    from assoc_cli.services.settings import satisfaction

    s = tables.service_t.c
    held = (
        scope.session.connection()
        .execute(select(func.count()).where(s.held_on >= scope.first_day, s.held_on <= scope.as_of))
        .scalar_one()
    )
    ((_, figures),) = request_figures(
        scope.session,
        year=scope.year,
        as_of=scope.as_of,
        definition=satisfaction(scope.session),
    )
    report = f"assoc requests report --year {scope.year} --as-of {scope.as_of.isoformat()}"
    return [
        Figure(
            "services.count",
            t("rpt.f.services.count", scope.lang),
            int(held),
            "int",
            f"assoc services list --year {scope.year}",
        ),
        Figure(
            "requests.received",
            t("rpt.f.requests.received", scope.lang),
            figures.received,
            "int",
            report,
        ),
        Figure(
            "requests.solved", t("rpt.f.requests.solved", scope.lang), figures.closed, "int", report
        ),
    ]


def _statistics_month(scope: Scope) -> int | None:
    """The latest month of the year whose 本年累计 is on record and over by *as_of*."""
    done = scope.as_of.month
    if scope.as_of.day < monthrange(scope.as_of.year, scope.as_of.month)[1]:
        done -= 1
    v = tables.stat_value_t.c
    month = (
        scope.session.connection()
        .execute(select(func.max(v.end_month)).where(v.year == scope.year, v.end_month <= done))
        .scalar()
    )
    return int(month) if month is not None else None


def statistics(scope: Scope) -> list[Figure]:
    """Member economic statistics for the year (本年累计 of the latest period on record):
    who reported of those enrolled (报送率), and the 产值 and 营业收入 totals."""
    from assoc_cli.statistics.aggregation import expected_reporters, period_totals
    from assoc_cli.statistics.catalogue import indicators, shown

    needed = t("rpt.need.statistics", scope.lang)
    month = _statistics_month(scope)
    known = {i.name: i for i in indicators(scope.session)}
    present = [known[name] for name in OUTPUT_INDICATORS if name in known]
    if month is None or not present:
        return [
            pending("statistics.coverage", scope, needed=needed),
            pending("statistics.output", scope, needed=needed),
        ]
    totals = {
        item.indicator_id: item
        for item in period_totals(scope.session, year=scope.year, end_month=month)
    }
    expected = sum(
        expected_reporters(
            scope.session, by="none", year=scope.year, segment=None, end_month=month
        ).values()
    )
    first = totals.get(present[0].id)
    reported = first.reported if first is not None else 0
    parts = []
    for indicator in present:
        item = totals.get(indicator.id)
        value = shown(item.cumulative if item is not None else 0, indicator.unit)
        parts.append(f"{indicator.name}{value}{indicator.unit}")
    source = f"assoc stats report {scope.year}-{month:02d}"
    return [
        Figure(
            "statistics.coverage",
            t("rpt.f.statistics.coverage", scope.lang),
            t("stats.coverage", scope.lang, expected=expected, reported=reported),
            "text",
            source,
        ),
        Figure(
            "statistics.output",
            t("rpt.f.statistics.output", scope.lang),
            t("rpt.list_sep", scope.lang).join(parts),
            "text",
            source,
        ),
    ]


def party_register(scope: Scope) -> list[Figure]:
    """The party register: the association's own 党组织 (those that cover no member unit),
    and the 三会一课 held in the year against those required (``assoc party meetings``).
    (Party members and organisations *in member units* are on the roster and filled by
    ``annual.party_figures``.)"""
    from assoc_cli.party.service import held_vs_required

    o, u = tables.party_org_t.c, tables.party_org_unit_t.c
    own = (
        scope.session.connection()
        .execute(
            select(o.name, o.kind, o.secretary, o.founded_on)
            .where(~exists().where(u.org_id == o.id))
            .order_by(o.id)
        )
        .all()
    )
    figures = []
    if own:
        text = t("rpt.list_sep", scope.lang).join(
            t(
                "rpt.party.own_org",
                scope.lang,
                name=row.name,
                kind=row.kind,
                secretary=row.secretary or "—",
                founded=format_date(row.founded_on, scope.lang) if row.founded_on else "—",
            )
            for row in own
        )
        figures.append(
            Figure(
                "party.own_org",
                t("rpt.f.party.own_org", scope.lang),
                text,
                "text",
                "assoc party list",
            )
        )
    else:
        figures.append(pending("party.own_org", scope, needed=t("rpt.need.party", scope.lang)))
    rows = list(held_vs_required(scope.session, year=scope.year, as_of=scope.as_of).rows)
    if rows:
        held = sum(int(row["held"]) for row in rows)
        required = sum(int(row["required"]) for row in rows)
        figures.append(
            Figure(
                "party.activities",
                t("rpt.f.party.activities", scope.lang),
                t(
                    "rpt.party.activities",
                    scope.lang,
                    orgs=len({r["party_org"] for r in rows}),
                    held=held,
                    required=required,
                ),
                "text",
                f"assoc party meetings --year {scope.year} --as-of {scope.as_of.isoformat()}",
            )
        )
    else:
        figures.append(
            pending("party.activities", scope, needed=t("rpt.need.party_meetings", scope.lang))
        )
    return figures


def fee_overlap_problems(scope: Scope) -> list[Problem]:
    """Fees charged for services the dues already cover (收费自查: 对会费所包含的基本服务
    项目重复收取费用). Conservative: a training class held in the year that charges a fee
    to participants from members in good standing on its day (``fee_due`` fixed at the
    member price, above nothing) — one problem per class, to be checked against what the
    dues cover. Services (issue 18) record no fee, so they cannot overlap."""
    m, r, p = tables.meeting_t.c, tables.event_registration_t.c, tables.membership_period_t.c
    # A member in good standing on the class day (its membership periods, as registering
    # judged it).
    good = exists().where(
        p.member_id == r.member_id,
        p.joined_on.is_(None) | (p.joined_on <= m.held_on),
        p.left_on.is_(None) | (p.left_on >= m.held_on),
    )
    query = (
        select(
            m.id,
            m.held_on,
            tables.event_class_t.c.fee_member,
            func.count().label("participants"),
        )
        .join_from(tables.event_registration_t, tables.meeting_t, m.id == r.meeting_id)
        .join(tables.event_class_t, tables.event_class_t.c.meeting_id == m.id)
        .where(_held(scope), r.status != "cancelled", r.fee_due > 0, good)
        .group_by(m.id, m.held_on, tables.event_class_t.c.fee_member)
        .order_by(m.held_on, m.id)
    )
    return [
        Problem(
            "fee_overlap",
            t(
                "rpt.problem.fee_overlap",
                scope.lang,
                meeting=row.id,
                date=format_date(row.held_on, scope.lang),
                count=row.participants,
                fee=format_money(row.fee_member),
            ),
            t("rpt.fix.fee_overlap", scope.lang, meeting=row.id),
        )
        for row in scope.session.connection().execute(query)
    ]


def open_requests(scope: Scope) -> Table:
    """Members' requests still open (未办结诉求) received by *as_of*, for the hand-over
    pack (as ``assoc requests list --open``)."""
    from assoc_cli.services.queries import requests_listing

    lang = scope.lang
    rows = [
        [
            str(row["number"]),
            str(row["member"]),
            str(row["category"] or ""),
            format_date(row["received_on"], lang),
            format_date(row["due_on"], lang) if row["due_on"] else "—",
        ]
        for row in requests_listing(scope.session, open_only=True).rows
        if row["received_on"] <= scope.as_of
    ]
    return Table(
        t("rpt.f.requests.open", lang),
        [
            t("col.sq_number", lang),
            t("col.member", lang),
            t("col.sq_category", lang),
            t("col.sq_received_on", lang),
            t("col.sq_due_on", lang),
        ],
        rows,
        "assoc requests list --open",
    )
