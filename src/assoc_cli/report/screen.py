"""What ``assoc report`` prints on screen: the check list, and the year on one screen
(``report year``) — each line with the command that gives its detail."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from assoc_cli.i18n import t
from assoc_cli.listing import Column, Listing
from assoc_cli.report import record, sources
from assoc_cli.report.figures import Figure, Problem, Scope

if TYPE_CHECKING:
    from sqlmodel import Session

PROBLEM_COLUMNS = [
    Column("n", "rpt.col.n", kind="int"),
    Column("key", "rpt.col.key"),
    Column("problem", "rpt.col.problem"),
    Column("fix", "rpt.col.fix"),
]
YEAR_COLUMNS = [
    Column("item", "col.field"),
    Column("value", "col.value"),
    Column("detail", "rpt.col.detail"),
    Column("key", "rpt.col.key"),
]


def problems_listing(problems: list[Problem], lang: str) -> Listing:
    """The check list (问题清单): each problem and how to fix it."""
    rows = [
        {"n": n, "key": problem.key, "problem": problem.text, "fix": problem.fix}
        for n, problem in enumerate(problems, 1)
    ]
    return Listing(PROBLEM_COLUMNS, rows, title=t("rpt.section.checks", lang))


def _row(figure: Figure, lang: str, detail: str | None = None) -> dict[str, Any]:
    from assoc_cli.report.pack import figure_text

    return {
        "item": figure.label,
        "value": figure_text(figure, lang),
        "detail": detail if detail is not None else figure.source,
        "key": figure.key,
    }


def year_listing(*, session: Session, year: int, lang: str, today: date | None = None) -> Listing:
    """``report year``: members in and out, dues collected against due, meetings held,
    votes, open action items, services and requests, statistics coverage."""
    day = min(date(year, 12, 31), today or date.today())
    if day < date(year, 1, 1):
        day = date(year, 12, 31)
    scope = Scope(session, year, lang, day)
    members = {figure.key: figure for figure in record.member_figures(scope)}
    rows = [
        _row(members[key], lang)
        for key in ("members.total", "members.units", "members.persons", "members.joined")
    ]
    rows.append(_row(members["members.left"], lang))
    dues = {figure.key: figure for figure in record.collection_figures_of_year(scope)}
    rows += [_row(dues[key], lang) for key in ("dues.net_due", "dues.collected", "dues.rate_count")]
    income = record.dues_figures(scope)[0]
    rows.append(_row(income, lang, f"assoc dues export --year {year}"))
    meetings = {figure.key: figure for figure in record.meeting_figures(scope)}
    rows += [
        _row(meetings[key], lang)
        for key in (
            "meetings.total",
            "meetings.assembly",
            "meetings.council",
            "meetings.resolutions",
        )
    ]
    open_items = record.open_actions(session, day)
    rows.append(
        {
            "item": t("rpt.f.actions.open", lang),
            "value": str(len(open_items)),
            "detail": "assoc actions list --open",
            "key": "actions.open",
        }
    )
    rows += [
        _row(figure, lang) for figure in [*sources.services(scope), *sources.statistics(scope)]
    ]
    return Listing(YEAR_COLUMNS, rows, title=t("rpt.year_title", lang, year=year))
