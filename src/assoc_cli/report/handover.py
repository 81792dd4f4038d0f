"""The term hand-over pack (换届材料): officers by term with the changes, the term's
meetings with their numbers and resolutions, dues collected per year of the term, open
action items and requests, and the 负责人 list for the next term's filing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from assoc_cli.db.models import Member, Office, OfficeHolding, Term
from assoc_cli.errors import NotFoundError
from assoc_cli.files.papers import Document
from assoc_cli.i18n import t, term_label
from assoc_cli.i18n.dates import format_date
from assoc_cli.i18n.money import format_money
from assoc_cli.report import record, sources
from assoc_cli.report.figures import Scope
from assoc_cli.report.pack import section_number


def _holdings(session: Session, term: Term) -> dict[tuple[str, str], tuple[int, str, str]]:
    """(member number, office) -> (office rank, person, member name) in *term*."""
    rows = session.connection().execute(
        sa_select(
            col(Office.name),
            col(Office.rank),
            col(OfficeHolding.person),
            col(Member.number),
            col(Member.name),
        )
        .join(Office, col(Office.id) == col(OfficeHolding.office_id))
        .join(Member, col(Member.id) == col(OfficeHolding.member_id))
        .where(col(OfficeHolding.term_id) == term.id)
    )
    return {
        (number, office): (rank, person or "", name) for office, rank, person, number, name in rows
    }


def _changes(
    before: dict[tuple[str, str], tuple[int, str, str]],
    after: dict[tuple[str, str], tuple[int, str, str]],
    lang: str,
) -> list[list[str]]:
    """Offices taken up, given up, and held by another person, between two terms."""
    rows = []
    for key in sorted(set(before) | set(after), key=lambda k: ((after.get(k) or before[k])[0], k)):
        _, office = key
        if key not in before:
            _, person, name = after[key]
            rows.append([office, name, "", person, t("rpt.change.new", lang)])
        elif key not in after:
            _, person, name = before[key]
            rows.append([office, name, person, "", t("rpt.change.gone", lang)])
        elif before[key][1] != after[key][1]:
            rows.append(
                [office, after[key][2], before[key][1], after[key][1], t("rpt.change.person", lang)]
            )
    return rows


def _term(session: Session, number: int) -> Term | None:
    return session.exec(select(Term).where(Term.number == number)).first()


def _percent(value: Decimal | None) -> str:
    return f"{value}%" if value is not None else "—"


def handover_document(*, session: Session, number: int, as_of: date, lang: str) -> Document:
    """The hand-over pack of term *number* as a paper."""
    term = _term(session, number)
    if term is None:
        raise NotFoundError(
            f"there is no term {number}; see: assoc terms list",
            zh=f"没有第{number}届;请查看:assoc terms list",
        )
    previous, following = _term(session, number - 1), _term(session, number + 1)
    association = record.profile_figures(Scope(session, as_of.year, lang, as_of))[0]
    name = str(association.value or "")
    label = term_label(number, lang)
    document = Document(lang=lang, author=name)
    document.title(
        t("rpt.handover.title", lang, association=name, term=label),
        phrases=[name, t("rpt.handover.title", lang, association="", term=label)],
    )
    document.paragraph(
        t(
            "rpt.handover.intro",
            lang,
            term=label,
            start=format_date(term.start_on, lang),
            end=format_date(term.end_on, lang),
            date=format_date(as_of, lang),
        )
    )
    heading = iter(range(1, 20))

    def section(key: str) -> None:
        document.heading(section_number(next(heading), lang) + t(f"rpt.handover.{key}", lang))

    # officers and changes
    section("officers")
    held = _holdings(session, term)
    officer_header = [t("col.office", lang), t("col.person", lang), t("col.member", lang)]
    rows = [
        [office, person, member]
        for (_, office), (_, person, member) in sorted(held.items(), key=lambda i: (i[1][0], i[0]))
    ]
    document.table(officer_header, rows) if rows else document.paragraph(t("rpt.none", lang))
    change_header = [
        t("col.office", lang),
        t("col.member", lang),
        t("rpt.col.before", lang),
        t("rpt.col.after", lang),
        t("rpt.col.change", lang),
    ]
    for earlier, later in ((previous, term), (term, following)):
        if earlier is None or later is None:
            continue
        document.paragraph(
            t(
                "rpt.handover.changes",
                lang,
                before=term_label(earlier.number, lang),
                after=term_label(later.number, lang),
            ),
            bold=True,
        )
        changed = _changes(_holdings(session, earlier), _holdings(session, later), lang)
        if changed:
            document.table(change_header, changed)
        else:
            document.paragraph(t("rpt.none", lang))
    # meetings and resolutions
    section("meetings")
    meetings = record.meetings_held(session, term.start_on, min(term.end_on, as_of), term=term)
    votes = record.resolutions_of(session, [each.meeting.id or 0 for each in meetings])
    by_meeting: dict[int, list[str]] = {}
    for vote in votes:
        outcome = t("rpt.vote.passed" if vote.passed else "rpt.vote.failed", lang)
        by_meeting.setdefault(vote.meeting_id, []).append(
            t(
                "rpt.vote.line",
                lang,
                topic=vote.topic,
                votes_for=vote.votes_for,
                against=vote.votes_against,
                abstain=vote.abstentions,
                outcome=outcome,
            )
        )
    if meetings:
        document.table(
            [t("col.date", lang), t("col.title", lang), t("rpt.col.resolutions", lang)],
            [
                [
                    format_date(each.meeting.held_on, lang),
                    each.title,
                    "；".join(by_meeting.get(each.meeting.id or 0, [])) or "—",
                ]
                for each in meetings
            ],
            wide=2,
        )
    else:
        document.paragraph(t("rpt.none", lang))
    # dues per year of the term
    section("dues")
    dues_rows = []
    for year in range(term.start_on.year, min(term.end_on, as_of).year + 1):
        day = min(date(year, 12, 31), as_of)
        found = record.collection_by_tier(session, year, day)
        if found is None:
            continue
        _, total = found
        dues_rows.append(
            [
                str(year),
                str(total.members_owing),
                str(total.paid_full),
                format_money(total.net_due),
                format_money(total.collected),
                _percent(total.rate_count),
                _percent(total.rate_amount),
            ]
        )
    if dues_rows:
        document.table(
            [
                t("rpt.col.dues_year", lang),
                t("col.members_owing", lang),
                t("col.paid_full", lang),
                t("col.net_due", lang),
                t("col.collected", lang),
                t("col.rate_count", lang),
                t("col.rate_amount", lang),
            ],
            dues_rows,
        )
    else:
        document.paragraph(t("rpt.none", lang))
    # open action items
    section("actions")
    items = record.open_actions(session, as_of)
    if items:
        document.table(
            [t("col.content", lang), t("col.owner", lang), t("col.due_on", lang)],
            [[item.content, item.owner, format_date(item.due_on, lang)] for item, _ in items],
            wide=0,
        )
    else:
        document.paragraph(t("rpt.none", lang))
    # open requests
    section("requests")
    scope = Scope(session, as_of.year, lang, as_of)
    requests = sources.open_requests(scope)
    if requests.rows:
        document.table(requests.header, requests.rows)
    else:
        document.paragraph(t("rpt.none", lang))
    # the 负责人 list for the next filing
    section("leaders")
    listed = following or term
    if following is None:
        document.paragraph(t("rpt.handover.no_next", lang, term=label))
    leaders = record.leaders(session, listed)
    if leaders:
        document.table(
            [t("col.office", lang), t("col.person", lang), t("col.member", lang)],
            [[leader.office, leader.person, leader.member] for leader in leaders],
        )
    else:
        document.paragraph(t("rpt.none", lang))
    document.signature([name, format_date(as_of, lang)])
    return document
