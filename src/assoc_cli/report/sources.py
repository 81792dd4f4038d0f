"""The figures that come from features built elsewhere — WIRE THESE AT MERGE.

Each function below is a provider (``Scope -> list[Figure]``, or problems/rows for the
check list and the hand-over pack). Today each returns its figures as 待填写 with what is
needed; when the feature lands, replace the body with a few lines that call it and keep
the keys (tests and the .xlsx of sources use them):

- issue 17 (events / trainings): :func:`activities`, :func:`fee_overlap_problems`;
- issue 18 (services / requests): :func:`services`, :func:`open_requests`,
  :func:`fee_overlap_problems`;
- issue 19 (statistics / party register): :func:`statistics`, :func:`party_register`.

``report/annual.py`` and ``report/handover.py`` call only these names, so nothing else
changes when they are wired.
"""

from __future__ import annotations

from assoc_cli.i18n import t
from assoc_cli.report.figures import Figure, Problem, Scope, Table, pending

# The kinds of activity the annual report counts (鲁民函〔2021〕19号: 论坛、讲坛、讲座、年会、
# 报告会、研讨会; 评比、达标、表彰): the figure keys ``activities.<kind>``.
ACTIVITY_KINDS = ("forum", "lecture", "annual_meeting", "seminar", "training", "award")


def activities(scope: Scope) -> list[Figure]:
    """Activities held in the year, by kind (论坛/讲座/年会/研讨会/培训/评比表彰) — issue 17.

    Wire: count the events/trainings held in ``scope.first_day..scope.as_of`` by kind,
    source ``assoc events list --year {scope.year}`` (or the command issue 17 names)."""
    needed = t("rpt.need.events", scope.lang)
    return [pending(f"activities.{kind}", scope, needed=needed) for kind in ACTIVITY_KINDS]


def services(scope: Scope) -> list[Figure]:
    """Member services and requests (走访、调研、诉求) in the year — issue 18.

    Wire: services by kind, requests received / solved in the year and the solved share,
    source ``assoc services list --year …`` / ``assoc requests report --year …``."""
    needed = t("rpt.need.services", scope.lang)
    return [
        pending("services.count", scope, needed=needed),
        pending("requests.received", scope, needed=needed),
        pending("requests.solved", scope, needed=needed),
    ]


def statistics(scope: Scope) -> list[Figure]:
    """Member economic statistics: who reported for the year (coverage, 报送率) — issue 19.

    Wire: members reporting / members asked, and the 产值 and 营业收入 totals (同口径)."""
    needed = t("rpt.need.statistics", scope.lang)
    return [
        pending("statistics.coverage", scope, needed=needed),
        pending("statistics.output", scope, needed=needed),
    ]


def party_register(scope: Scope) -> list[Figure]:
    """The party register: the association's own 党组织, its members and 三会一课 held —
    issue 19. (Party members and organisations *in member units* are on the roster today
    and filled by ``annual.party_figures``.)"""
    needed = t("rpt.need.party", scope.lang)
    return [
        pending("party.own_org", scope, needed=needed),
        pending("party.activities", scope, needed=needed),
    ]


def fee_overlap_problems(scope: Scope) -> list[Problem]:
    """Fees charged for services the dues already cover (收费自查: 对会费所包含的基本服务
    项目重复收取费用) — issues 17 and 18.

    Wire: events or services of the year that charged a fee for a service marked as
    covered by the dues; one problem each. Until then the check cannot be made, and the
    list says so (as a problem to check by hand)."""
    return [
        Problem(
            "fee_overlap",
            t("rpt.problem.fee_overlap_unchecked", scope.lang),
            t("rpt.fix.fee_overlap_unchecked", scope.lang),
        )
    ]


def open_requests(scope: Scope) -> Table | None:
    """Members' requests still open (未办结诉求), for the hand-over pack — issue 18.

    Wire: a table of the open requests (number, member, category, received, due)."""
    return None
