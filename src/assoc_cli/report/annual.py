"""The annual report (年度工作报告 / 年检): its sections in the official order (民政部 《社会
团体年度检查办法》 and the provinces' 填报说明; research §2.2), each filled by providers, and
the check list. Figures as of 31 December of the year (or an earlier --as-of)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from assoc_cli.dues.collection import CollectionFigures
from assoc_cli.i18n import t
from assoc_cli.i18n.dates import format_date
from assoc_cli.i18n.money import format_money
from assoc_cli.report import record, sources
from assoc_cli.report.checks import check_list
from assoc_cli.report.figures import Figure, Problem, Scope, Section, Table, pending

if TYPE_CHECKING:
    from sqlmodel import Session


@dataclass
class Chart:
    """A chart's data: categories and one or more series of percentages."""

    key: str
    title: str
    category_label: str
    categories: list[str]
    series: list[tuple[str, list[Decimal | None]]]


@dataclass
class AnnualReport:
    """The whole pack: sections in order, the check list, the charts."""

    association: str
    year: int
    as_of: date
    lang: str
    sections: list[Section]
    problems: list[Problem]
    charts: dict[str, Chart] = field(default_factory=dict)

    @property
    def figures(self) -> list[tuple[Section, Figure]]:
        """Every figure with its section, in order."""
        return [(section, figure) for section in self.sections for figure in section.figures]


def _rate_chart(key: str, scope: Scope, rows: list[CollectionFigures], label: str) -> Chart:
    return Chart(
        key,
        t(f"rpt.chart.{key}", scope.lang, year=scope.year),
        label,
        [row.group or "" for row in rows],
        [
            (t("col.rate_count", scope.lang), [row.rate_count for row in rows]),
            (t("col.rate_amount", scope.lang), [row.rate_amount for row in rows]),
        ],
    )


def _percent(value: Decimal | None) -> str:
    return f"{value}%" if value is not None else "—"


def finance_section(scope: Scope, charts: dict[str, Chart]) -> Section:
    """财务: 会费收入 (cash basis) by year of dues, the 收缴率 per tier and per year, the
    rates and who adopted them; the other 业务活动表 lines are 待填写."""
    lang = scope.lang
    section = Section("finance", t("rpt.section.finance", lang))
    section.figures += record.dues_figures(scope)
    section.figures += record.collection_figures_of_year(scope)
    income = record.cash_income(scope.session, scope.first_day, scope.as_of)
    section.tables.append(
        Table(
            t("rpt.table.income", lang, year=scope.year),
            [t("rpt.col.dues_year", lang), t("rpt.col.income", lang)],
            [
                [str(year) if year is not None else t("rpt.unplaced", lang), format_money(fen)]
                for year, fen in income
            ],
            "assoc dues export",
        )
    )
    by_tier = record.collection_by_tier(scope.session, scope.year, scope.as_of)
    if by_tier is not None:
        groups, total = by_tier
        section.tables.append(
            Table(
                t(
                    "rpt.table.collection",
                    lang,
                    year=scope.year,
                    date=format_date(scope.as_of, lang),
                ),
                [
                    t("col.tier", lang),
                    t("col.members_owing", lang),
                    t("col.paid_full", lang),
                    t("col.net_due", lang),
                    t("col.collected", lang),
                    t("col.rate_count", lang),
                    t("col.rate_amount", lang),
                ],
                [
                    [
                        row.group or t("report.total", lang),
                        str(row.members_owing),
                        str(row.paid_full),
                        format_money(row.net_due),
                        format_money(row.collected),
                        _percent(row.rate_count),
                        _percent(row.rate_amount),
                    ]
                    for row in [*groups, total]
                ],
                f"assoc dues report --year {scope.year} --as-of {scope.as_of.isoformat()}",
            )
        )
        if groups:
            charts["rate_by_tier"] = _rate_chart("rate_by_tier", scope, groups, t("col.tier", lang))
            section.charts.append("rate_by_tier")
    by_year = record.collection_by_year(scope.session, scope.year, scope.as_of)
    if by_year:
        charts["rate_by_year"] = _rate_chart(
            "rate_by_year", scope, by_year, t("rpt.col.dues_year", lang)
        )
        section.charts.append("rate_by_year")
    rates = record.rates_on_record(scope.session, scope.year, scope.as_of)
    section.tables.append(
        Table(
            t("rpt.table.rates", lang, year=scope.year),
            [
                t("col.tier", lang),
                t("col.amount", lang),
                t("col.adopted_by", lang),
                t("rpt.col.on_record", lang),
            ],
            [
                [
                    rate.tier,
                    format_money(rate.amount_fen) if rate.amount_fen is not None else "—",
                    rate.adopted_by or "—",
                    rate.assembly or t("rpt.not_on_record", lang),
                ]
                for rate in rates
            ],
            f"assoc dues rates list --year {scope.year}",
        )
    )
    return section


def members_section(scope: Scope) -> Section:
    """会员和负责人: the counts, the 负责人 list."""
    lang = scope.lang
    section = Section("members", t("rpt.section.members", lang))
    section.figures += record.member_figures(scope)
    section.figures += record.leader_figures(scope)
    term = record.term_on(scope.session, scope.as_of)
    found = record.leaders(scope.session, term)
    section.tables.append(
        Table(
            t("rpt.table.leaders", lang),
            [t("col.office", lang), t("col.person", lang), t("col.member", lang)],
            [[leader.office, leader.person, leader.member] for leader in found],
            f"assoc offices list --term {term.number}" if term else "assoc offices list",
        )
    )
    return section


def governance_section(scope: Scope, problems: list[Problem]) -> Section:
    """治理和会议: the term and 换届, meetings by kind, the meetings held, the explanation
    box (说明情况) when 换届 or the meetings were not as the charter requires."""
    lang = scope.lang
    section = Section("governance", t("rpt.section.governance", lang))
    section.figures += record.term_figures(scope)
    section.figures += record.meeting_figures(scope)
    held = record.meetings_held(scope.session, scope.first_day, scope.as_of)
    section.tables.append(
        Table(
            t("rpt.table.meetings", lang, year=scope.year),
            [t("col.date", lang), t("col.title", lang), t("col.kind", lang)],
            [
                [format_date(each.meeting.held_on, lang), each.title, each.kind.name]
                for each in held
            ],
            f"assoc meetings list --year {scope.year}",
        )
    )
    flagged = {"term_overdue", "no_assembly", "no_council", "no_term"}
    if any(problem.key in flagged for problem in problems):
        section.figures.append(
            pending("governance.explanation", scope, needed=t("rpt.need.explanation", lang))
        )
    return section


def build_annual_report(
    *, session: Session, year: int, as_of: date | None, lang: str
) -> AnnualReport:
    """The annual report of *year*: every section filled by its providers, the check list."""
    day = as_of or date(year, 12, 31)
    scope = Scope(session, year, lang, min(day, date(year, 12, 31)))
    problems = check_list(scope)
    charts: dict[str, Chart] = {}
    basics = Section("basics", t("rpt.section.basics", lang), record.profile_figures(scope))
    activities = Section(
        "activities",
        t("rpt.section.activities", lang),
        [*sources.activities(scope), *sources.services(scope)],
    )
    party = Section(
        "party",
        t("rpt.section.party", lang),
        [*record.party_figures(scope), *sources.party_register(scope)],
    )
    statistics = Section("statistics", t("rpt.section.statistics", lang), sources.statistics(scope))
    attachments = Section(
        "attachments",
        t("rpt.section.attachments", lang),
        [
            pending(key, scope, needed=t("rpt.need.prose", lang))
            for key in ("attach.summary", "attach.plan", "attach.pledge")
        ],
    )
    association = record.profile_figures(scope)[0]
    return AnnualReport(
        association=str(association.value or ""),
        year=year,
        as_of=scope.as_of,
        lang=lang,
        sections=[
            basics,
            members_section(scope),
            governance_section(scope, problems),
            activities,
            finance_section(scope, charts),
            party,
            statistics,
            attachments,
        ],
        problems=problems,
        charts=charts,
    )
