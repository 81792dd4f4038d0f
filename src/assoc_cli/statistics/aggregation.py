"""Totals in SQL: a period's 本期 and 本年累计 over the members who reported, against the
same period a year earlier — nominal (each year's published total) and 同口径 (only the
members that reported in both years, with the coverage stated, as the NBS computes it) —
by segment or 规上, small groups suppressed; 规上 derived per year; the seed-004 sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, case, func, literal, select

from assoc_cli.db.core import member_t, stat_reporter_t, stat_scale_t, stat_value_t, tier_t
from assoc_cli.db.sql import int_sum
from assoc_cli.db.values import MemberStatus
from assoc_cli.errors import InvalidValueError
from assoc_cli.i18n import t
from assoc_cli.i18n.punctuation import chinese_punctuation
from assoc_cli.listing import Column, Listing, SheetChart
from assoc_cli.statistics.catalogue import (
    FEN_PER_WAN,
    MONEY_UNIT,
    Indicator,
    Period,
    find_indicator,
    get_setting,
    indicators,
    parse_figure,
    shown,
)

if TYPE_CHECKING:
    from sqlmodel import Session

    from assoc_cli.db.reader import DbSession

GROUPINGS = ("none", "segment", "scale", "tier")


@dataclass(frozen=True)
class Totals:
    """One indicator's totals for a group (None: everyone) at (year, end_month)."""

    indicator_id: int
    group: str | None
    reported: int  # members with this year's figure
    current: int  # Σ 本期
    cumulative: int  # Σ 本年累计
    previous_reported: int  # members with last year's figure
    previous_current: int
    previous_cumulative: int  # Σ 上年同期 (本年累计 a year earlier), everyone who reported
    same_members: int  # members with both years' figures (同口径)
    same_cumulative: int  # their Σ 本年累计 this year
    same_previous: int  # their Σ 本年累计 last year


def _tiers(session: DbSession, year: int, end_month: int) -> Any:
    """Each member's dues tier (会费档次) at the period's end, as ``members list`` has it."""
    from calendar import monthrange

    from assoc_cli.members.choices import RosterStatus
    from assoc_cli.members.roster import RosterSelection, roster_filter, roster_select

    as_of = date(year, end_month, monthrange(year, end_month)[1])
    filters = roster_filter(session, RosterSelection(status=RosterStatus.all), as_of)
    return roster_select(session, filters).subquery("tiers")


def _group_expression(by: str, year: int, tiers: Any = None) -> Any:
    if by == "tier":
        return tiers.c.tier
    if by == "segment":
        return member_t.c.segment
    if by == "scale":
        return case(
            (stat_scale_t.c.above.is_(True), literal("above")),
            (stat_scale_t.c.above.is_(False), literal("below")),
            else_=literal("unknown"),
        )
    return literal(None)


def period_totals(
    session: DbSession,
    *,
    year: int,
    end_month: int,
    by: str = "none",
    segment: str | None = None,
    scale_only: bool = False,
) -> list[Totals]:
    """Each indicator's totals per group at (*year*, *end_month*), in two aggregates that
    each read one contiguous key range of ``stat_value``: this year's rows, each joined to
    the same member's row a year earlier by primary key (本期, 本年累计, and the 同口径
    pairs), and last year's rows (the nominal 上年同期). At 100,000 members this is 2.2
    times faster than pairing both years' rows in one GROUP BY (bench/stats_report.py)."""
    now = stat_value_t.alias("c")
    before = stat_value_t.alias("p")
    tiers = _tiers(session, year, end_month) if by == "tier" else None
    group = _group_expression(by, year, tiers).label("grp")

    def scoped(query: Any, rows: Any) -> Any:
        if by != "none" or segment is not None:
            query = query.join(member_t, member_t.c.id == rows.c.member_id)
        if tiers is not None:
            query = query.outerjoin(tiers, tiers.c.id == rows.c.member_id)
        if by == "scale" or scale_only:
            query = query.outerjoin(
                stat_scale_t,
                and_(stat_scale_t.c.member_id == rows.c.member_id, stat_scale_t.c.year == year),
            )
        if segment is not None:
            query = query.where(member_t.c.segment == segment)
        if scale_only:
            query = query.where(stat_scale_t.c.above.is_(True))
        return query.group_by(rows.c.indicator_id, group)

    both = and_(now.c.cumulative.is_not(None), before.c.cumulative.is_not(None))
    this_year = scoped(
        select(
            now.c.indicator_id,
            group,
            func.count().label("reported"),
            int_sum(now.c.current).label("current"),
            int_sum(now.c.cumulative).label("cumulative"),
            int_sum(case((both, 1), else_=0)).label("same_members"),
            int_sum(case((both, now.c.cumulative), else_=0)).label("same_cumulative"),
            int_sum(case((both, before.c.cumulative), else_=0)).label("same_previous"),
        )
        .select_from(now)
        .outerjoin(
            before,
            and_(
                before.c.year == year - 1,
                before.c.end_month == end_month,
                before.c.indicator_id == now.c.indicator_id,
                before.c.member_id == now.c.member_id,
            ),
        )
        .where(now.c.year == year, now.c.end_month == end_month),
        now,
    )
    last_year = scoped(
        select(
            before.c.indicator_id,
            group,
            func.count().label("reported"),
            int_sum(before.c.current).label("current"),
            int_sum(before.c.cumulative).label("cumulative"),
        )
        .select_from(before)
        .where(before.c.year == year - 1, before.c.end_month == end_month),
        before,
    )
    connection = session.connection()
    found: dict[tuple[int, str | None], dict[str, int]] = {}
    for row in connection.execute(this_year).mappings():
        found[(row["indicator_id"], row["grp"])] = {
            k: int(v or 0) for k, v in row.items() if k not in ("indicator_id", "grp")
        }
    for row in connection.execute(last_year).mappings():
        into = found.setdefault((row["indicator_id"], row["grp"]), {})
        into["previous_reported"] = int(row["reported"] or 0)
        into["previous_current"] = int(row["current"] or 0)
        into["previous_cumulative"] = int(row["cumulative"] or 0)
    return [
        Totals(
            indicator_id=indicator_id,
            group=grp,
            reported=figures.get("reported", 0),
            current=figures.get("current", 0),
            cumulative=figures.get("cumulative", 0),
            previous_reported=figures.get("previous_reported", 0),
            previous_current=figures.get("previous_current", 0),
            previous_cumulative=figures.get("previous_cumulative", 0),
            same_members=figures.get("same_members", 0),
            same_cumulative=figures.get("same_cumulative", 0),
            same_previous=figures.get("same_previous", 0),
        )
        for (indicator_id, grp), figures in found.items()
    ]


def expected_reporters(
    session: DbSession, *, by: str, year: int, segment: str | None, end_month: int = 12
) -> dict[str | None, int]:
    """How many active members are enrolled to report, per group (the 35 of "35家中33家")."""
    tiers = _tiers(session, year, end_month) if by == "tier" else None
    group = _group_expression(by, year, tiers).label("grp")
    query = (
        select(group, func.count().label("n"))
        .select_from(stat_reporter_t)
        .join(member_t, member_t.c.id == stat_reporter_t.c.member_id)
        .where(member_t.c.status == MemberStatus.active.value)
    )
    if by == "scale":
        query = query.outerjoin(
            stat_scale_t,
            and_(stat_scale_t.c.member_id == member_t.c.id, stat_scale_t.c.year == year),
        )
    if tiers is not None:
        query = query.outerjoin(tiers, tiers.c.id == member_t.c.id)
    if segment is not None:
        query = query.where(member_t.c.segment == segment)
    return {row.grp: int(row.n) for row in session.connection().execute(query.group_by(group))}


def growth(now: int, before: int) -> Decimal | None:
    """(now - before) / before in percent, two decimals half up; None when before ≤ 0."""
    if before <= 0:
        return None
    change = Decimal(now - before) * 100 / Decimal(before)
    return change.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def report_columns(period: Period) -> list[Column]:
    """The published layout: 本月 (本期) / 本年累计 / 上年同期 / 同比, then 同口径."""
    this = "col.stat_this_month" if period.start_month == period.end_month else "col.stat_current"
    return [
        Column("group", header="col.group"),
        Column("indicator", header="col.stat_indicator"),
        Column("unit", header="col.stat_unit"),
        Column("current", header=this),
        Column("cumulative", header="col.stat_cumulative"),
        Column("previous", header="col.stat_previous"),
        Column("growth", header="col.stat_growth", kind="percent"),
        Column("same_growth", header="col.stat_same_growth", kind="percent"),
        Column("reported", header="col.stat_reported", kind="int"),
        Column("expected", header="col.stat_expected", kind="int"),
        Column("same_members", header="col.stat_same_members", kind="int"),
    ]


def _group_label(by: str, group: str | None, lang: str) -> str:
    if group is None:
        return t("stats.no_segment", lang)
    if by == "scale":
        return t(f"stats.scale_{group}", lang)
    return group


def combined(items: list[Totals]) -> Totals:
    """The totals of several groups of one indicator as one (every field adds up: each
    member is in exactly one group)."""
    return Totals(
        indicator_id=items[0].indicator_id,
        group=None,
        reported=sum(x.reported for x in items),
        current=sum(x.current for x in items),
        cumulative=sum(x.cumulative for x in items),
        previous_reported=sum(x.previous_reported for x in items),
        previous_current=sum(x.previous_current for x in items),
        previous_cumulative=sum(x.previous_cumulative for x in items),
        same_members=sum(x.same_members for x in items),
        same_cumulative=sum(x.same_cumulative for x in items),
        same_previous=sum(x.same_previous for x in items),
    )


def hidden_groups(totals: list[Totals], minimum: int) -> set[tuple[int, str | None]]:
    """(indicator, group) pairs not to publish: a group of 1..minimum-1 reporting firms,
    and — when that is the only one hidden beside a published total — the next smallest
    group too, so the hidden one cannot be had by subtraction (complementary suppression)."""
    hidden: set[tuple[int, str | None]] = set()
    by_indicator: dict[int, list[Totals]] = {}
    for item in totals:
        by_indicator.setdefault(item.indicator_id, []).append(item)
    for indicator_id, items in by_indicator.items():
        small = [x for x in items if 0 < x.reported < minimum]
        hidden.update((indicator_id, x.group) for x in small)
        others = sorted(
            (x for x in items if x not in small and x.reported > 0), key=lambda x: x.reported
        )
        if len(small) == 1 and len(others) > 1:
            hidden.add((indicator_id, others[0].group))
    return hidden


def period_report(
    session: DbSession,
    *,
    period: Period,
    by: str,
    segment: str | None,
    lang: str,
) -> Listing:
    """``stats report``: per group and indicator, 本期, 本年累计, 上年同期, nominal 同比 and
    同口径 growth with the firms counted, then the totals (added up from the groups: one
    pass over the data); a group with fewer reporting firms than the setting
    ``stats.min_group`` is suppressed (its figures left blank, said in a note)."""
    if by not in GROUPINGS:
        raise InvalidValueError(
            f'unknown grouping "{by}"; use none, segment or scale',
            zh=f"未知的分组方式“{by}”;请使用 none、segment 或 scale",
        )
    minimum = int(get_setting(session, "stats.min_group"))
    known = {i.id: i for i in indicators(session)}
    order = {i: n for n, i in enumerate(known)}
    groups = period_totals(
        session, year=period.year, end_month=period.end_month, by=by, segment=segment
    )
    expected = expected_reporters(
        session, by=by, year=period.year, segment=segment, end_month=period.end_month
    )
    per_indicator: dict[int, list[Totals]] = {}
    for item in groups:
        per_indicator.setdefault(item.indicator_id, []).append(item)
    totals = [combined(items) for items in per_indicator.values()]
    parts: list[tuple[str, list[Totals]]] = [("none", totals)]
    if by != "none":
        parts.insert(0, (by, groups))
    hidden = hidden_groups(groups, minimum) if by != "none" else set()
    hidden |= {(x.indicator_id, None) for x in totals if 0 < x.reported < minimum}
    rank: dict[str | None, int] = {"above": 1, "below": 2, "unknown": 3}
    if by == "tier":
        query = select(tier_t.c.name, tier_t.c.rank)
        rank = {name: int(value) for name, value in session.connection().execute(query)}
    rows: list[dict[str, Any]] = []
    suppressed: set[str] = set()
    for grouping, items in parts:
        for item in sorted(
            items,
            key=lambda x: (
                x.group is None,
                rank.get(x.group, 0),
                str(x.group),
                order.get(x.indicator_id, 0),
            ),
        ):
            indicator = known[item.indicator_id]
            total = grouping == "none"
            label = t("stats.total", lang) if total else _group_label(grouping, item.group, lang)
            secret = (item.indicator_id, None if total else item.group) in hidden
            if secret:
                suppressed.add(label)
            rows.append(
                {
                    "group": label,
                    "indicator": indicator.name,
                    "unit": indicator.unit,
                    "current": None if secret else shown(item.current, indicator.unit),
                    "cumulative": None if secret else shown(item.cumulative, indicator.unit),
                    "previous": None if secret else shown(item.previous_cumulative, indicator.unit),
                    "growth": None if secret else growth(item.cumulative, item.previous_cumulative),
                    "same_growth": None
                    if secret
                    else growth(item.same_cumulative, item.same_previous),
                    "reported": item.reported,
                    "expected": sum(expected.values()) if total else expected.get(item.group, 0),
                    "same_members": None if secret else item.same_members,
                }
            )
    notes = []
    if suppressed:
        notes.append(
            t("stats.suppressed", lang, groups="、".join(sorted(suppressed)), minimum=minimum)
        )
    title = t("stats.report_title", lang, period=period.label(lang))
    # In an .xlsx (-o), a native chart of each indicator's 同比 and 同口径 growth.
    chart = SheetChart(title, "indicator", ("growth", "same_growth"), y_title="%")
    return Listing(report_columns(period), rows, title=title, notes=notes, charts=[chart])


def coverage_sentence(
    *, reported: int, expected: int, same_growth: Decimal | None, same_members: int, lang: str
) -> str:
    """ "35家中33家报送;同口径增长9.05%(31家)"."""
    text = t("stats.coverage", lang, expected=expected, reported=reported)
    if same_growth is not None:
        text += t("stats.same_growth", lang, growth=_signed(same_growth, lang), firms=same_members)
    return text


def _signed(value: Decimal, lang: str) -> str:
    if value < 0:
        return t("stats.decline", lang, value=-value)
    return t("stats.increase", lang, value=value)


def _yi(fen: int) -> Decimal:
    """fen to 亿元 with two decimals (1 亿元 = 10,000 万元)."""
    return (Decimal(fen) / (FEN_PER_WAN * 10_000)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _totals_for(items: list[Totals], indicator: Indicator) -> Totals | None:
    return next((x for x in items if x.indicator_id == indicator.id), None)


@dataclass(frozen=True)
class ChainFacts:
    """What the seed-004 sentence states, every figure from the database."""

    name: str
    scale_firms: int
    last_year: int
    last_year_output: int  # fen
    last_year_tax: int  # fen
    year: int
    end_month: int
    output_to_date: int  # fen
    growth: Decimal | None  # 同口径
    nominal_growth: Decimal | None
    reported: int
    expected: int
    same_members: int
    employees: int | None
    party_members: int | None
    party_orgs: int


def chain_facts(
    session: DbSession,
    *,
    name: str,
    segment: str | None,
    year: int,
    end_month: int,
    roster_figures: tuple[int | None, int | None, int],
) -> ChainFacts:
    """The figures of the sentence for *segment* (or everyone): 规上 firms in *year*,
    last year's annual 产值 and 税收 (December's 本年累计), 产值 1–*end_month* with its
    同口径 growth and coverage; employees, party members and organisations from the
    roster (*roster_figures*, counted by ``members stats``)."""
    output = find_indicator(session, "产值")
    tax = find_indicator(session, "税收")
    annual = period_totals(session, year=year - 1, end_month=12, segment=segment)
    to_date = period_totals(session, year=year, end_month=end_month, segment=segment)
    scale = (
        select(func.count())
        .select_from(stat_scale_t)
        .where(stat_scale_t.c.year == year, stat_scale_t.c.above.is_(True))
    )
    if segment is not None:
        scale = scale.join(member_t, member_t.c.id == stat_scale_t.c.member_id).where(
            member_t.c.segment == segment
        )
    firms = int(session.connection().execute(scale).scalar() or 0)
    out_year = _totals_for(annual, output)
    tax_year = _totals_for(annual, tax)
    out_now = _totals_for(to_date, output)
    expected = expected_reporters(session, by="none", year=year, segment=segment)
    employees, party_members, orgs = roster_figures
    return ChainFacts(
        name=name,
        scale_firms=firms,
        last_year=year - 1,
        last_year_output=out_year.cumulative if out_year else 0,
        last_year_tax=tax_year.cumulative if tax_year else 0,
        year=year,
        end_month=end_month,
        output_to_date=out_now.cumulative if out_now else 0,
        growth=growth(out_now.same_cumulative, out_now.same_previous) if out_now else None,
        nominal_growth=growth(out_now.cumulative, out_now.previous_cumulative) if out_now else None,
        reported=out_now.reported if out_now else 0,
        expected=sum(expected.values()),
        same_members=out_now.same_members if out_now else 0,
        employees=employees,
        party_members=party_members,
        party_orgs=orgs,
    )


def chain_sentence(facts: ChainFacts, lang: str) -> list[str]:
    """Seed 004's sentence from *facts*, then the coverage line:

    常德经开区医药化工产链现有规上企业35家,2021年实现产值107.75亿元,实现税收2.78亿元,
    2022年1-11月,完成产值96.52亿元,较去年同期增长9.05%。共有员工5330名,其中党员537名,
    有党委、党支部12家。"""
    growth_now = facts.growth
    change = t("stats.no_growth", lang) if growth_now is None else _signed(growth_now, lang)
    first = t(
        "stats.sentence",
        lang,
        name=facts.name,
        firms=facts.scale_firms,
        last_year=facts.last_year,
        output=_yi(facts.last_year_output),
        tax=_yi(facts.last_year_tax),
        year=facts.year,
        month=facts.end_month,
        to_date=_yi(facts.output_to_date),
        change=change,
    )
    people = t(
        "stats.sentence_people",
        lang,
        employees=facts.employees if facts.employees is not None else "-",
        party_members=facts.party_members if facts.party_members is not None else "-",
        orgs=facts.party_orgs,
    )
    coverage = coverage_sentence(
        reported=facts.reported,
        expected=facts.expected,
        same_growth=facts.growth,
        same_members=facts.same_members,
        lang=lang,
    )
    nominal = (
        t("stats.nominal_growth", lang, growth=_signed(facts.nominal_growth, lang))
        if facts.nominal_growth is not None
        else ""
    )
    lines = [first + people, coverage + nominal]
    return lines if lang == "en" else [chinese_punctuation(line) for line in lines]


# 规上 ------------------------------------------------------------------------------------


def derive_scale(*, session: Session, year: int, basis_year: int | None = None) -> tuple[int, int]:
    """``stats scale derive``: 规上 for *year* from each member's annual revenue of
    *basis_year* (default the year before: the NBS sets this year's scope from last
    year's 主营业务收入) against the threshold; a hand-set flag is kept. Returns (above,
    below)."""
    from assoc_cli.db.models import StatScale

    basis = basis_year or year - 1
    indicator = find_indicator(session, get_setting(session, "stats.scale_indicator"))
    threshold = parse_figure(
        get_setting(session, "stats.scale_threshold"), MONEY_UNIT, "stats.scale_threshold"
    )
    revenue = select(stat_value_t.c.member_id, stat_value_t.c.cumulative).where(
        stat_value_t.c.year == basis,
        stat_value_t.c.end_month == 12,
        stat_value_t.c.indicator_id == indicator.id,
        stat_value_t.c.cumulative.is_not(None),
    )
    figures = list(session.connection().execute(revenue))
    if not figures:
        raise InvalidValueError(
            f"no member has reported its {basis} {indicator.name} for the whole year "
            f"(period {basis}-12 or {basis}): 规上 cannot be derived",
            zh=f"没有会员报送{basis}年全年{indicator.name}(报告期 {basis}-12 或 {basis}):"
            "无法认定规上企业",
        )
    above = below = 0
    for member_id, value in figures:
        row = session.get(StatScale, (year, member_id))
        flag = int(value) >= threshold
        if row is not None and row.source == "manual":
            flag = row.above
        elif row is None:
            row = StatScale(year=year, member_id=member_id, above=flag, source="derived")
        else:
            row.above = flag
        session.add(row)
        above += flag
        below += not flag
    session.flush()
    return above, below


def set_scale(*, session: Session, member_id: int, year: int, above: bool) -> None:
    """``stats scale set``: 规上 (or not) for a member and year, by hand."""
    from assoc_cli.db.models import StatScale

    row = session.get(StatScale, (year, member_id)) or StatScale(
        year=year, member_id=member_id, above=above, source="manual"
    )
    row.above = above
    row.source = "manual"
    session.add(row)
    session.flush()


def scale_listing(session: DbSession, *, year: int) -> Listing:
    """``stats scale list``: each member's 规上 flag for a year and where it came from."""
    query = (
        select(member_t.c.number, member_t.c.name, stat_scale_t.c.above, stat_scale_t.c.source)
        .join(member_t, member_t.c.id == stat_scale_t.c.member_id)
        .where(stat_scale_t.c.year == year)
        .order_by(member_t.c.number)
    )
    rows = [dict(row) for row in session.connection().execute(query).mappings()]
    columns = [
        Column("number"),
        Column("name"),
        Column("above", header="col.stat_scale", kind="bool"),
        Column("source", header="col.stat_scale_source", kind="enum", enum_prefix="stats.source_"),
    ]
    return Listing(columns, rows)
