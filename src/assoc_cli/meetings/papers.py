"""Meeting papers: the agenda (议程), the sign-in sheet (签到表) and the minutes (会议纪要).

As with dues notices, a paper is drawn from facts: :func:`meeting_facts` reads what a
paper says from the database into a :class:`MeetingFacts` (plain data, no session, no
language), and the builders — :func:`agenda_document`, :func:`signin_sheet`,
:func:`signin_document`, :func:`minutes_document` — write it in a language. The
``*_paper`` functions do both for a command.

The agenda's dues-report item is live: it states the collection figures as of the
meeting date, straight from the dues ledger, in the same sentence ``dues report`` ends with.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, col, select

from assoc_cli.db.models import ActionItem, Association, Meeting
from assoc_cli.errors import InvalidValueError
from assoc_cli.files.papers import Document
from assoc_cli.i18n import t
from assoc_cli.i18n.dates import format_date
from assoc_cli.i18n.numerals import chinese_number
from assoc_cli.listing import Column, Listing
from assoc_cli.meetings.choices import (
    AgendaStyle,
    AttendanceStatus,
    ItemKind,
    MeetingStatus,
    Role,
)
from assoc_cli.meetings.queries import (
    Invitee,
    agenda,
    describe,
    invitee_count,
    invitees,
    official_order,
    streamed_invitees,
)
from assoc_cli.meetings.votes import resolutions

if TYPE_CHECKING:
    from assoc_cli.dues.collection import CollectionFigures


# ---------------------------------------------------------------- facts


@dataclass(frozen=True)
class ActionFacts:
    """An action item as the papers state it (三落实: content, owner, deadline)."""

    content: str
    owner: str
    due_on: date


@dataclass(frozen=True)
class ItemFacts:
    """An agenda item; a dues-report item carries its year's collection figures as of the
    meeting date (None when that year has no dues rates)."""

    title: str
    presenter: str | None
    kind: str
    minutes: int | None
    notes: str | None
    dues_year: int
    dues: CollectionFigures | None = None
    # The day the dues figures are as of (截至…): the item's cut-off, else the meeting date.
    dues_as_of: date | None = None


@dataclass(frozen=True)
class VoteFacts:
    """A recorded vote (表决) as the minutes state it."""

    topic: str
    method: str
    expected: int
    present: int
    votes_for: int
    votes_against: int
    abstentions: int
    passed: bool


@dataclass(frozen=True)
class MeetingFacts:
    """What the papers say about one meeting. The heading is always there; the agenda, the
    invitees (in official order) and the records (votes, actions decided) only when
    :func:`meeting_facts` was asked for them."""

    title: str
    held_on: date
    starts_at: str | None
    venue: str | None
    chair: str | None
    cancelled: bool
    cancel_reason: str | None
    items: tuple[ItemFacts, ...] = ()
    # Open action items decided at earlier meetings of the same kind (read when an agenda
    # item of kind "actions" reports on them).
    open_actions: tuple[ActionFacts, ...] = ()
    invitees: tuple[Invitee, ...] = ()
    votes: tuple[VoteFacts, ...] = ()
    actions: tuple[ActionFacts, ...] = ()
    # The association's full name: the papers' author and the minutes' issuer.
    association: str = ""


def meeting_facts(
    session: Session,
    meeting: Meeting,
    *,
    with_agenda: bool = False,
    with_invitees: bool = False,
    with_records: bool = False,
) -> MeetingFacts:
    """Read what the papers say about *meeting*: its title and heading, and (as asked) its
    agenda with the live figures, its invitees in official order, its votes and actions."""
    items: list[ItemFacts] = []
    open_actions: list[ActionFacts] = []
    if with_agenda:
        from assoc_cli.meetings.service import collecting_year

        figures: dict[tuple[int, date], CollectionFigures | None] = {}
        collecting: int | None = None
        for item in agenda(session=session, meeting=meeting):
            dues = None
            year = item.dues_year or meeting.held_on.year
            as_of = item.dues_as_of or meeting.held_on
            if item.kind == ItemKind.dues_report:
                # Not the calendar year: the year being collected at the meeting date.
                if item.dues_year is None:
                    if collecting is None:
                        collecting = collecting_year(session, meeting.held_on)
                    year = collecting
                if (year, as_of) not in figures:
                    figures[year, as_of] = _collection(session, year, as_of)
                dues = figures[year, as_of]
            items.append(
                ItemFacts(
                    title=item.title,
                    presenter=item.presenter,
                    kind=item.kind,
                    minutes=item.minutes,
                    notes=item.notes,
                    dues_year=year,
                    dues=dues,
                    dues_as_of=as_of,
                )
            )
        if any(item.kind == ItemKind.actions for item in items):
            open_actions = [
                _action_facts(action) for action in open_actions_before(session, meeting)
            ]
    ordered: list[Invitee] = []
    if with_invitees:
        ordered = official_order(session, invitees(session=session, meeting=meeting))
    votes: list[VoteFacts] = []
    decided: list[ActionFacts] = []
    if with_records:
        votes = [
            VoteFacts(
                topic=vote.topic,
                method=vote.method,
                expected=vote.expected,
                present=vote.present,
                votes_for=vote.votes_for,
                votes_against=vote.votes_against,
                abstentions=vote.abstentions,
                passed=vote.passed,
            )
            for vote in resolutions(session=session, meeting=meeting)
        ]
        decided = [
            _action_facts(action)
            for action in session.exec(
                select(ActionItem)
                .where(ActionItem.meeting_id == meeting.id)
                .order_by(col(ActionItem.id))
            )
        ]
    return MeetingFacts(
        title=describe(session, meeting),
        held_on=meeting.held_on,
        starts_at=meeting.starts_at,
        venue=meeting.venue,
        chair=meeting.chair,
        cancelled=meeting.status == MeetingStatus.cancelled,
        cancel_reason=meeting.cancel_reason,
        items=tuple(items),
        open_actions=tuple(open_actions),
        invitees=tuple(ordered),
        votes=tuple(votes),
        actions=tuple(decided),
        association=_association_name(session),
    )


def _association_name(session: Session) -> str:
    profile = session.exec(select(Association)).first()
    return profile.name if profile is not None else ""


def _collection(session: Session, year: int, as_of: date) -> CollectionFigures | None:
    """The collection figures for dues *year* as of *as_of*, or None when it has no rates."""
    from assoc_cli.dues.collection import collection_figures
    from assoc_cli.dues.ledger import dues_years
    from assoc_cli.dues.policy import dues_policy

    policy = dues_policy(session)
    if not any(y.year == year for y in dues_years(session, policy, as_of)):
        return None
    _, total = collection_figures(session, policy, year=year, as_of=as_of, by=None)
    return total


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


def _action_facts(action: ActionItem) -> ActionFacts:
    return ActionFacts(content=action.content, owner=action.owner, due_on=action.due_on)


# ---------------------------------------------------------------- the papers a command prints


@dataclass(frozen=True)
class Paper:
    """A paper ready to print or save: its document, the name its file gets when none is
    given (a .docx is never printed), and for the sign-in sheet its table for CSV."""

    document: Document
    name: str
    sheet: Listing | None = None


def agenda_paper(*, session: Session, meeting: Meeting, lang: str, style: str) -> Paper:
    """``assoc meetings agenda render``: the agenda, as a list or a sentence."""
    facts = meeting_facts(session, meeting, with_agenda=True)
    return Paper(agenda_document(facts, lang, style), f"{facts.title}议程")


# A printed sign-in sheet holds about 25 names a page: 5,000 is 200 pages. Beyond that the
# paper (and python-docx, which holds a whole document in memory: 2.4 GB for 100,000
# rows) gives way to a spreadsheet, which streams.
SIGNIN_PAPER_LIMIT = 5_000


def signin_paper(*, session: Session, meeting: Meeting, lang: str) -> Paper:
    """``assoc meetings signin``: the sign-in sheet, as a paper and as a table. A meeting
    too large to print is refused before anything is read, pointing to the spreadsheet."""
    count = invitee_count(session=session, meeting=meeting)
    if count > SIGNIN_PAPER_LIMIT:
        raise InvalidValueError(
            f"meeting #{meeting.id} has {count:,} invitees: too many for a printed sign-in "
            f"sheet (at most {SIGNIN_PAPER_LIMIT:,}); write it as a spreadsheet instead: "
            f"assoc meetings signin {meeting.id} -o 签到表.xlsx (or -f csv)",
            zh=f"会议 #{meeting.id} 受邀 {count:,} 人,超出打印签到表的上限"
            f"({SIGNIN_PAPER_LIMIT:,} 人);请改写成电子表格:"
            f"assoc meetings signin {meeting.id} -o 签到表.xlsx(或 -f csv)",
        )
    facts = meeting_facts(session, meeting, with_invitees=True)
    sheet = signin_sheet(facts, lang)
    return Paper(signin_document(facts, lang, sheet), f"{facts.title}签到表", sheet)


def minutes_paper(*, session: Session, meeting: Meeting, lang: str) -> Paper:
    """``assoc meetings minutes``: the minutes."""
    facts = meeting_facts(session, meeting, with_agenda=True, with_invitees=True, with_records=True)
    return Paper(minutes_document(facts, lang), f"{facts.title}纪要")


# ---------------------------------------------------------------- writing them

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


def _heading(doc: Document, facts: MeetingFacts, lang: str, suffix_key: str | None) -> None:
    title = facts.title + (t(suffix_key, lang) if suffix_key else "")
    # A long title breaks after the association's name: 淄博市装备制造业协会 / 二届二次…会议程.
    lead = facts.association
    phrases = [lead, title[len(lead) :]] if lead and title.startswith(lead) else None
    doc.title(title, phrases=phrases)
    when = format_date(facts.held_on, lang) + (f" {facts.starts_at}" if facts.starts_at else "")
    lines = [t("doc.time", lang, value=when)]
    if facts.venue:
        lines.append(t("doc.venue", lang, value=facts.venue))
    if facts.chair:
        lines.append(t("doc.chair", lang, value=facts.chair))
    if facts.cancelled:
        lines.append(t("doc.cancelled", lang, reason=facts.cancel_reason or ""))
    doc.lines(lines)


def dues_sentence(item: ItemFacts, held_on: date, lang: str) -> str:
    """The live collection figures for a dues-report item, as of its cut-off day (else the
    meeting date)."""
    from assoc_cli.dues.collection import collection_sentence

    if item.dues is None:
        return t("doc.no_dues_rates", lang, year=item.dues_year)
    return collection_sentence(item.dues, lang, item.dues_as_of or held_on)


def _action_line(index: int, action: ActionFacts, lang: str) -> str:
    return t(
        "doc.action_line",
        lang,
        n=index,
        content=action.content,
        owner=action.owner,
        due=format_date(action.due_on, lang),
    )


def _live_lines(facts: MeetingFacts, item: ItemFacts, lang: str) -> list[str]:
    if item.kind == ItemKind.dues_report:
        return [dues_sentence(item, facts.held_on, lang)]
    if item.kind == ItemKind.actions:
        if not facts.open_actions:
            return [t("doc.no_open_actions", lang)]
        return [_action_line(i, action, lang) for i, action in enumerate(facts.open_actions, 1)]
    return []


def agenda_document(facts: MeetingFacts, lang: str, style: str) -> Document:
    """The agenda: a numbered list (一、二、三…) or the sentence the seed prints
    ("本次会议有五项议程:一是…;二是…")."""
    doc = Document(lang=lang, author=facts.association)
    _heading(doc, facts, lang, "doc.agenda_suffix")
    items = facts.items
    if not items:
        doc.paragraph(t("doc.no_items", lang))
        return doc
    if style == AgendaStyle.sentence:
        parts = [
            t("doc.sentence_part", lang, ordinal=_ordinal(i, lang), title=item.title)
            for i, item in enumerate(items, 1)
        ]
        joiner = "; " if lang == "en" else ";"
        doc.paragraph(
            t("doc.sentence", lang, count=_count(len(items), lang), items=joiner.join(parts))
        )
        for item in items:
            for line in _live_lines(facts, item, lang):
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
        for line in _live_lines(facts, item, lang):
            doc.detail(line)
    return doc


SIGNIN_KEYS = ("seq", "person", "unit", "title", "phone", "signature", "remark")


def signin_sheet(facts: MeetingFacts, lang: str) -> Listing:
    """The sign-in sheet's table (序号, 姓名, 单位, 职务, 电话, 签到, 备注): everyone invited
    by office, then surname stroke count; as CSV, a sheet for a spreadsheet."""
    return _signin_listing(facts.title, list(_signin_rows(facts.invitees, lang)))


def _signin_listing(title: str, rows: Iterable[dict[str, Any]]) -> Listing:
    columns = [Column(key, f"signin.{key}") for key in SIGNIN_KEYS]
    return Listing(columns, rows, title=title, spreadsheet=True)


def _signin_rows(invitees: Iterable[Invitee], lang: str) -> Iterator[dict[str, Any]]:
    sit_in = t("role.sit-in", lang)
    for index, invitee in enumerate(invitees, 1):
        remark = sit_in if invitee.role == Role.sit_in else ""
        if invitee.proxy:
            remark = (remark + " " if remark else "") + t("doc.proxy", lang, name=invitee.proxy)
        yield {
            "seq": index,
            "person": invitee.person,
            "unit": invitee.unit or "",
            "title": invitee.title or invitee.unit_title or "",
            "phone": invitee.phone or "",
            "signature": "",
            "remark": remark,
        }


def streamed_signin_sheet(*, session: Session, meeting: Meeting, lang: str) -> Listing:
    """The sign-in sheet's table for a spreadsheet (-f csv, -o .csv/.xlsx), its rows read
    and written a chunk at a time: memory stays flat for a meeting of any size."""
    facts = meeting_facts(session, meeting)
    rows = _signin_rows(streamed_invitees(session=session, meeting=meeting), lang)
    return _signin_listing(facts.title, rows)


def signin_document(facts: MeetingFacts, lang: str, sheet: Listing | None = None) -> Document:
    """The sign-in sheet (签到表) as a paper: the heading, then the table."""
    sheet = sheet or signin_sheet(facts, lang)
    doc = Document(lang=lang, author=facts.association)
    _heading(doc, facts, lang, "doc.signin_suffix")
    header = [column.label(lang) for column in sheet.columns]
    keys = [column.key for column in sheet.columns]
    # The 签到 column takes the width the others leave: people sign there by hand.
    doc.table(
        header,
        [[str(row[key]) for key in keys] for row in sheet.rows],
        wide=keys.index("signature") if "signature" in keys else None,
    )
    return doc


def _names(rows: list[Invitee], lang: str, with_reason: bool = False) -> str:
    sep = ", " if lang == "en" else "、"
    space = " " if lang == "en" else ""
    parts = []
    for invitee in rows:
        text = invitee.person
        # The title or unit before the name, unless the name already says it (秘书处 /
        # 秘书处工作人员 is 秘书处工作人员, not 秘书处秘书处工作人员).
        before = invitee.title if invitee.title else invitee.unit
        if before and not invitee.person.startswith(before):
            text = f"{before}{space}{invitee.person}"
        if with_reason and invitee.reason:
            text += f"({invitee.reason})" if lang != "en" else f" ({invitee.reason})"
        parts.append(text)
    return sep.join(parts)


def minutes_document(facts: MeetingFacts, lang: str) -> Document:
    """The minutes (会议纪要) in the usual official layout."""
    doc = Document(lang=lang, author=facts.association)
    _heading(doc, facts, lang, "doc.minutes_suffix")
    ordered = facts.invitees
    present, leave, absent = (
        AttendanceStatus.present,
        AttendanceStatus.leave,
        AttendanceStatus.absent,
    )
    blocks = (
        (
            "doc.present",
            [r for r in ordered if r.role == Role.attend and r.status == present],
            False,
        ),
        ("doc.on_leave", [r for r in ordered if r.status == leave], True),
        (
            "doc.absent",
            [r for r in ordered if r.role == Role.attend and r.status == absent],
            False,
        ),
        (
            "doc.sitting_in",
            [r for r in ordered if r.role == Role.sit_in and r.status == present],
            False,
        ),
    )
    for key, rows, with_reason in blocks:
        if rows:
            doc.paragraph(t(key, lang, names=_names(rows, lang, with_reason)))
    if facts.items:
        doc.heading(t("doc.agenda_heading", lang))
        for index, item in enumerate(facts.items, 1):
            number = f"{index}. " if lang == "en" else f"{chinese_number(index)}、"
            presenter = (
                f"({item.presenter})"
                if item.presenter and lang != "en"
                else f" ({item.presenter})"
                if item.presenter
                else ""
            )
            doc.paragraph(f"{number}{item.title}{presenter}", bold=True)
            for line in _live_lines(facts, item, lang):
                doc.detail(line)
            if item.notes:
                doc.paragraph(item.notes)
    if facts.votes:
        doc.heading(t("doc.resolutions", lang))
        for index, vote in enumerate(facts.votes, 1):
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
    if facts.actions:
        doc.heading(t("doc.actions", lang))
        for index, action in enumerate(facts.actions, 1):
            doc.paragraph(_action_line(index, action, lang))
    # Signed with the issuing body's full name (示范市装备制造业协会秘书处) and the date.
    issuer = (
        t("notice.issuer", lang, association=facts.association)
        if facts.association
        else t("doc.issuer", lang)
    )
    doc.signature([issuer, format_date(facts.held_on, lang)])
    return doc
