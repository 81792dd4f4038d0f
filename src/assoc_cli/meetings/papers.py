"""Meeting papers: the agenda (议程), the sign-in sheet (签到表) and the minutes (会议纪要).

The agenda's dues-report item is live: it states the collection figures as of the
meeting date, straight from the dues ledger, in the same sentence ``dues report`` ends with.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from assoc_cli.db.models import ActionItem, AgendaItem, Meeting
from assoc_cli.files.papers import Document
from assoc_cli.i18n import t
from assoc_cli.i18n.dates import format_date
from assoc_cli.i18n.numerals import chinese_number
from assoc_cli.meetings.service import (
    Invitee,
    agenda,
    describe,
    invitees,
    official_order,
    resolutions,
)

_EN_ORDINALS = (
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
)
_EN_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _ordinal(n: int, lang: str) -> str:
    if lang == "en":
        return _EN_ORDINALS[n - 1] if n <= len(_EN_ORDINALS) else f"{n}th"
    return chinese_number(n)


def _count(n: int, lang: str) -> str:
    if lang == "en":
        return _EN_NUMBERS[n] if n < len(_EN_NUMBERS) else str(n)
    return chinese_number(n)


def _heading(
    doc: Document, session: Session, meeting: Meeting, lang: str, suffix_key: str | None
) -> None:
    title = describe(session, meeting)
    doc.title(title + (t(suffix_key, lang) if suffix_key else ""))
    when = format_date(meeting.held_on, lang) + (
        f" {meeting.starts_at}" if meeting.starts_at else ""
    )
    lines = [t("doc.time", lang, value=when)]
    if meeting.venue:
        lines.append(t("doc.venue", lang, value=meeting.venue))
    if meeting.chair:
        lines.append(t("doc.chair", lang, value=meeting.chair))
    if meeting.status == "cancelled":
        lines.append(t("doc.cancelled", lang, reason=meeting.cancel_reason or ""))
    doc.lines(lines)


def dues_sentence(session: Session, item: AgendaItem, meeting: Meeting, lang: str) -> str:
    """The live collection figures for a dues-report item, as of the meeting date."""
    from assoc_cli.dues.collection import collection_figures, collection_sentence
    from assoc_cli.dues.ledger import dues_years
    from assoc_cli.dues.policy import dues_policy

    policy = dues_policy(session)
    year = item.dues_year or meeting.held_on.year
    if not any(y.year == year for y in dues_years(session, policy, meeting.held_on)):
        return t("doc.no_dues_rates", lang, year=year)
    _, total = collection_figures(session, policy, year=year, as_of=meeting.held_on, by=None)
    return collection_sentence(total, lang, meeting.held_on)


def open_actions_before(session: Session, meeting: Meeting) -> list[ActionItem]:
    """Open action items decided at earlier meetings of the same kind."""
    earlier = select(Meeting.id).where(
        Meeting.kind_id == meeting.kind_id, col(Meeting.held_on) < meeting.held_on
    )
    return list(
        session.exec(
            select(ActionItem)
            .where(col(ActionItem.meeting_id).in_(earlier), ActionItem.status == "open")
            .order_by(col(ActionItem.due_on), col(ActionItem.id))
        )
    )


def _action_line(index: int, action: ActionItem, lang: str) -> str:
    return t(
        "doc.action_line",
        lang,
        n=index,
        content=action.content,
        owner=action.owner,
        due=format_date(action.due_on, lang),
    )


def agenda_document(session: Session, meeting: Meeting, lang: str, style: str) -> Document:
    """The agenda: a numbered list (一、二、三…) or the sentence the seed prints
    ("本次会议有五项议程:一是…;二是…")."""
    doc = Document()
    _heading(doc, session, meeting, lang, "doc.agenda_suffix")
    items = agenda(session=session, meeting=meeting)
    if not items:
        doc.paragraph(t("doc.no_items", lang))
        return doc
    live: list[str] = []
    if style == "sentence":
        parts = [
            t("doc.sentence_part", lang, ordinal=_ordinal(i, lang), title=item.title)
            for i, item in enumerate(items, 1)
        ]
        joiner = "; " if lang == "en" else ";"
        doc.paragraph(
            t("doc.sentence", lang, count=_count(len(items), lang), items=joiner.join(parts))
        )
        for item in items:
            live.extend(_live_lines(session, meeting, item, lang))
        for line in live:
            doc.paragraph(line)
        return doc
    doc.heading(t("doc.agenda_heading", lang))
    for index, item in enumerate(items, 1):
        extra = [
            part
            for part in (
                item.presenter,
                t("doc.minutes", lang, n=item.minutes) if item.minutes else None,
            )
            if part
        ]
        suffix = (
            ("(" + ",".join(extra) + ")" if lang != "en" else " (" + ", ".join(extra) + ")")
            if extra
            else ""
        )
        number = f"{index}." if lang == "en" else f"{chinese_number(index)}、"
        doc.paragraph(f"{number}{' ' if lang == 'en' else ''}{item.title}{suffix}")
        for line in _live_lines(session, meeting, item, lang):
            doc.detail(line)
    return doc


def _live_lines(session: Session, meeting: Meeting, item: AgendaItem, lang: str) -> list[str]:
    if item.kind == "dues-report":
        return [dues_sentence(session, item, meeting, lang)]
    if item.kind == "actions":
        actions = open_actions_before(session, meeting)
        if not actions:
            return [t("doc.no_open_actions", lang)]
        return [_action_line(i, action, lang) for i, action in enumerate(actions, 1)]
    return []


SIGNIN_KEYS = ("seq", "person", "unit", "title", "phone", "signature", "remark")


def signin_rows(session: Session, meeting: Meeting, lang: str) -> list[dict[str, Any]]:
    """The sign-in sheet's rows: by office, then surname stroke count."""
    rows = []
    ordered = official_order(session, invitees(session=session, meeting=meeting))
    sit_in = t("role.sit-in", lang)
    for index, invitee in enumerate(ordered, 1):
        remark = sit_in if invitee.role == "sit-in" else ""
        if invitee.proxy:
            remark = (remark + " " if remark else "") + t("doc.proxy", lang, name=invitee.proxy)
        rows.append(
            {
                "seq": index,
                "person": invitee.person,
                "unit": invitee.unit or "",
                "title": invitee.title or invitee.unit_title or "",
                "phone": invitee.phone or "",
                "signature": "",
                "remark": remark,
            }
        )
    return rows


def signin_document(session: Session, meeting: Meeting, lang: str) -> Document:
    """The sign-in sheet (签到表): 序号, 姓名, 单位, 职务, 电话, 签到, 备注."""
    doc = Document()
    _heading(doc, session, meeting, lang, "doc.signin_suffix")
    rows = signin_rows(session, meeting, lang)
    header = [t(f"signin.{key}", lang) for key in SIGNIN_KEYS]
    doc.table(header, [[str(row[key]) for key in SIGNIN_KEYS] for row in rows])
    return doc


def _names(rows: list[Invitee], lang: str, with_reason: bool = False) -> str:
    sep = ", " if lang == "en" else "、"
    space = " " if lang == "en" else ""
    parts = []
    for invitee in rows:
        text = invitee.person
        if invitee.title:
            text = f"{invitee.title}{space}{invitee.person}"
        if invitee.unit is not None and invitee.title is None:
            text = f"{invitee.unit}{space}{invitee.person}"
        if with_reason and invitee.reason:
            text += f"({invitee.reason})" if lang != "en" else f" ({invitee.reason})"
        parts.append(text)
    return sep.join(parts)


def minutes_document(session: Session, meeting: Meeting, lang: str) -> Document:
    """The minutes (会议纪要) in the usual official layout."""
    doc = Document()
    _heading(doc, session, meeting, lang, "doc.minutes_suffix")
    ordered = official_order(session, invitees(session=session, meeting=meeting))
    blocks = (
        (
            "doc.present",
            [r for r in ordered if r.role == "attend" and r.status == "present"],
            False,
        ),
        ("doc.on_leave", [r for r in ordered if r.status == "leave"], True),
        (
            "doc.absent",
            [r for r in ordered if r.role == "attend" and r.status == "absent"],
            False,
        ),
        (
            "doc.sitting_in",
            [r for r in ordered if r.role == "sit-in" and r.status == "present"],
            False,
        ),
    )
    for key, rows, with_reason in blocks:
        if rows:
            doc.paragraph(t(key, lang, names=_names(rows, lang, with_reason)))
    items = agenda(session=session, meeting=meeting)
    if items:
        doc.heading(t("doc.agenda_heading", lang))
        for index, item in enumerate(items, 1):
            number = f"{index}. " if lang == "en" else f"{chinese_number(index)}、"
            presenter = (
                f"({item.presenter})"
                if item.presenter and lang != "en"
                else f" ({item.presenter})"
                if item.presenter
                else ""
            )
            doc.paragraph(f"{number}{item.title}{presenter}", bold=True)
            for line in _live_lines(session, meeting, item, lang):
                doc.detail(line)
            if item.notes:
                doc.paragraph(item.notes)
    votes = resolutions(session=session, meeting=meeting)
    if votes:
        doc.heading(t("doc.resolutions", lang))
        for index, vote in enumerate(votes, 1):
            doc.paragraph(
                t(
                    "doc.vote_line",
                    lang,
                    n=index,
                    topic=vote.topic,
                    method=vote.method,
                    expected=vote.expected,
                    present=vote.present,
                    votes_for=vote.votes_for,
                    against=vote.votes_against,
                    abstain=vote.abstentions,
                    outcome=t("vote.passed" if vote.passed else "vote.failed", lang),
                )
            )
    actions = list(
        session.exec(
            select(ActionItem)
            .where(ActionItem.meeting_id == meeting.id)
            .order_by(col(ActionItem.id))
        )
    )
    if actions:
        doc.heading(t("doc.actions", lang))
        for index, action in enumerate(actions, 1):
            doc.paragraph(_action_line(index, action, lang))
    doc.signature([t("doc.issuer", lang), format_date(meeting.held_on, lang)])
    return doc
