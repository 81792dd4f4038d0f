"""The check list (问题清单) of the annual report: what a reviewer at the 登记管理机关 would
flag, each with how to fix it in assoc."""

from __future__ import annotations

from assoc_cli.i18n import t, term_label
from assoc_cli.i18n.dates import format_date
from assoc_cli.i18n.money import fen_to_decimal, format_money
from assoc_cli.report import sources
from assoc_cli.report.figures import Problem, Scope
from assoc_cli.report.record import (
    RateOnRecord,
    is_assembly,
    is_council,
    meetings_held,
    rates_on_record,
    term_state,
    undated_members,
)


def term_problems(scope: Scope) -> list[Problem]:
    """换届 overdue (or due within the year) as of 31 December."""
    state = term_state(scope.session, scope.as_of)
    lang = scope.lang
    if state.term is None:
        return [Problem("no_term", t("rpt.problem.no_term", lang), t("rpt.fix.no_term", lang))]
    label = term_label(state.term.number, lang)
    end = format_date(state.term.end_on, lang)
    if state.state == "overdue":
        return [
            Problem(
                "term_overdue",
                t("rpt.problem.term_overdue", lang, term=label, end=end),
                t("rpt.fix.term_overdue", lang, next=state.term.number + 1),
            )
        ]
    if state.state == "due":
        return [
            Problem(
                "term_due",
                t("rpt.problem.term_due", lang, term=label, end=end),
                t("rpt.fix.term_due", lang, next=state.term.number + 1),
            )
        ]
    return []


def meeting_problems(scope: Scope) -> list[Problem]:
    """No 会员（代表）大会, or no 理事会, held in the year."""
    held = meetings_held(scope.session, scope.first_day, scope.as_of)
    lang, year = scope.lang, scope.year
    found = []
    if not any(is_assembly(each.kind.name) for each in held):
        found.append(
            Problem(
                "no_assembly",
                t("rpt.problem.no_assembly", lang, year=year),
                t("rpt.fix.no_assembly", lang, year=year),
            )
        )
    if not any(is_council(each.kind.name) for each in held):
        found.append(
            Problem(
                "no_council",
                t("rpt.problem.no_council", lang, year=year),
                t("rpt.fix.no_council", lang, year=year),
            )
        )
    return found


def rate_problems(scope: Scope) -> list[Problem]:
    """Tiers whose rate for the year was not adopted by an assembly on record (会费标准未按
    规定程序制定), or that have no rate at all: one problem per cause (and per meeting
    named), listing its tiers."""
    lang, year = scope.lang, scope.year
    groups: dict[tuple[str, str], list[RateOnRecord]] = {}
    for rate in rates_on_record(scope.session, year, scope.as_of):
        if rate.amount_fen is None:
            key = "rate_missing"
        elif rate.assembly is None:
            key = "rate_unadopted" if rate.adopted_by is None else "rate_no_assembly"
        else:
            continue
        groups.setdefault((key, rate.adopted_by or ""), []).append(rate)
    found = []
    separator = ", " if lang == "en" else "、"
    for (key, adopted), rates in groups.items():
        tiers = separator.join(
            rate.tier
            if rate.amount_fen is None
            else f"{rate.tier}（{format_money(rate.amount_fen)}）"
            for rate in rates
        )
        if lang == "en":
            tiers = tiers.replace("（", " (").replace("）", ")")
        first = rates[0]
        amount = fen_to_decimal(first.amount_fen) if first.amount_fen is not None else ""
        found.append(
            Problem(
                key,
                t(f"rpt.problem.{key}", lang, year=year, tiers=tiers, adopted=adopted),
                t(
                    f"rpt.fix.{key}",
                    lang,
                    year=year,
                    tier=first.tier,
                    amount=amount,
                    adopted=adopted,
                ),
            )
        )
    return found


def member_problems(scope: Scope) -> list[Problem]:
    """Members counted on 31 December with no join date (入会手续 not on record)."""
    numbers = undated_members(scope.session, scope.as_of)
    if not numbers:
        return []
    shown = "、".join(numbers[:10]) + ("…" if len(numbers) > 10 else "")
    return [
        Problem(
            "undated_members",
            t("rpt.problem.undated", scope.lang, count=len(numbers), numbers=shown),
            t("rpt.fix.undated", scope.lang, example=numbers[0]),
        )
    ]


def check_list(scope: Scope) -> list[Problem]:
    """Every problem, in the order of the report's sections."""
    return [
        *member_problems(scope),
        *term_problems(scope),
        *meeting_problems(scope),
        *rate_problems(scope),
        *sources.fee_overlap_problems(scope),
    ]
