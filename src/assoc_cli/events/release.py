"""The news release (新闻稿) of a meeting or training class, drafted from the record in the
form the secretariat's own articles take (seeds 001 and 002):

1. when, what, where: "12月5日下午，淄博市装备制造业协会二届二次会长办公（扩大）会在张店
   酩悦居召开。"
   (a meeting: the day and the half-day, 召开), or "2020年6月4日，……培训班在山东省淄博市举办。"
   (a training class: the whole date, 举办), then the organisers in their roles
   ("此次培训活动由中国工经联主办，山东省工经联承办，并得到了工信部的大力支持。");
2. who: the people in each role, grouped — the association's officers by office with the
   office written once ("协会会长张辉新，执行会长朱训岩、韩怀胜、郑辉……出席"), guests with
   organisation and post, a group label written once ("副会长单位：……参加会议"); then
   "会议由协会会长张辉新主持。";
3. a meeting without sessions: the agenda in one sentence that keeps presenters of
   speeches ("本次会议有五项议程：一是……；五是会长张辉新讲话。"), then a paragraph per item
   from its notes (a dues report with its live figures), the votes with their result and
   the action items (三落实);
   a programme in sessions: per session "上午的活动由……主持", "下午的培训活动聚焦……，由……
   主持", a lecture as "李毅中会长为培训班作“……”主题讲座", talks without notes as
   "……介绍了……", and every item's notes;
4. the sponsors ("本次会议由……提供赞助支持。").

Facts are read into plain data (:func:`release_facts`), then written in a language
(:func:`release_document`): zh-Hans, zh-Hant (through OpenCC) or en.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from assoc_cli.db.models import EventItem, Meeting, MeetingKind
from assoc_cli.events.choices import (
    GROUP_JOINER,
    ORGANISER_ROLES,
    PERSON_ROLES,
    OrganiserRole,
    PersonRole,
)
from assoc_cli.events.precedence import in_precedence, office_ranks
from assoc_cli.files.papers import Document
from assoc_cli.i18n import localize, t
from assoc_cli.i18n.numerals import chinese_number
from assoc_cli.meetings.choices import ItemKind
from assoc_cli.meetings.papers import ItemFacts, MeetingFacts, dues_sentence, meeting_facts

# ---------------------------------------------------------------- facts


@dataclass(frozen=True)
class Person:
    """Someone as the release names them: the association's own people have no
    organisation and are named by office ("会长张辉新")."""

    name: str
    organisation: str
    post: str | None
    role: str = PersonRole.attend.value
    group: str | None = None
    rank: int | None = None
    position: int = 0

    @property
    def own(self) -> bool:
        """One of the association's own officers or staff."""
        return not self.organisation


@dataclass(frozen=True)
class ProgrammeItem:
    """An agenda item with its speakers and the session it belongs to (0: none)."""

    facts: ItemFacts
    speakers: tuple[Person, ...]
    session: int = 0


@dataclass(frozen=True)
class SessionFacts:
    """A block of the programme with its 主持."""

    number: int
    label: str
    starts_at: str | None
    ends_at: str | None
    focus: str | None
    host: Person | None


@dataclass(frozen=True)
class ReleaseFacts:
    """What the release says about one meeting or class."""

    meeting: MeetingFacts
    kind: str
    training: bool
    organisers: tuple[tuple[str, str], ...]
    people: tuple[Person, ...]
    sessions: tuple[SessionFacts, ...]
    items: tuple[ProgrammeItem, ...]


def release_facts(*, session: Session, meeting: Meeting, order: str) -> ReleaseFacts:
    """Read everything the release says about *meeting*: the meeting's own facts (title,
    agenda with live figures, votes, actions), its organisers, its people in order of
    precedence (or as typed), its sessions and the speakers of each item."""
    from sqlmodel import col, select

    from assoc_cli.db.models import EventOrganiser
    from assoc_cli.events.service import event_people, event_sessions, speakers_of
    from assoc_cli.meetings.queries import agenda

    base = meeting_facts(session, meeting, with_agenda=True, with_records=True)
    kind = session.get(MeetingKind, meeting.kind_id)
    assert kind is not None
    organisers = [
        (o.role, o.name)
        for o in session.exec(
            select(EventOrganiser)
            .where(EventOrganiser.meeting_id == meeting.id)
            .order_by(col(EventOrganiser.position))
        )
    ]
    ranks = office_ranks(session)
    people = in_precedence(
        [
            Person(p.name, p.organisation, p.post, p.role, p.group_label, p.rank, p.position)
            for p in event_people(session=session, meeting=meeting)
        ],
        ranks,
        order,
    )
    if not people:
        people = _from_attendance(session, meeting, ranks)
    blocks = event_sessions(session=session, meeting=meeting)
    sessions = tuple(
        SessionFacts(
            number=index,
            label=block.label,
            starts_at=block.starts_at,
            ends_at=block.ends_at,
            focus=block.focus,
            host=Person(block.host, block.host_organisation or "", block.host_post)
            if block.host
            else None,
        )
        for index, block in enumerate(blocks, 1)
    )
    number_of = {block.id: index for index, block in enumerate(blocks, 1)}
    rows = agenda(session=session, meeting=meeting)
    ids = [row.id or 0 for row in rows]
    spoken = speakers_of(session=session, item_ids=ids)
    placed = {
        link.agenda_item_id: number_of.get(link.session_id, 0)
        for link in session.exec(select(EventItem).where(col(EventItem.agenda_item_id).in_(ids)))
    }
    items = []
    for row, item in zip(rows, base.items, strict=True):
        speakers = tuple(
            Person(s.name, s.organisation, s.post) for s in spoken.get(row.id or 0, [])
        )
        if not speakers and item.presenter:
            speakers = (Person(item.presenter, "", None),)
        items.append(ProgrammeItem(item, speakers, placed.get(row.id or 0, 0)))
    return ReleaseFacts(
        meeting=base,
        kind=kind.name,
        training="培训" in kind.name or "班" in kind.name,
        organisers=tuple(organisers),
        people=tuple(people),
        sessions=sessions,
        items=tuple(items),
    )


def _from_attendance(session: Session, meeting: Meeting, ranks: dict[str, int]) -> list[Person]:
    """The people of a meeting whose list was kept with ``assoc meetings invite`` and
    ``mark`` (no ``events attend``): those present, in official order — officers by their
    office, other members' representatives with their unit and title, 列席 as sit-in."""
    from assoc_cli.meetings.choices import AttendanceStatus, Role
    from assoc_cli.meetings.queries import invitees, official_order

    people = []
    rows = official_order(session, invitees(session=session, meeting=meeting))
    for index, row in enumerate(rows, 1):
        if row.status != AttendanceStatus.present:
            continue
        role = PersonRole.attend if row.role == Role.attend else PersonRole.sit_in
        if row.title and row.title in ranks:  # an officer, by office: 会长程秀英
            person = Person(row.person, "", row.title, role, position=index)
        elif row.title and row.person.startswith(row.title):  # 秘书处工作人员
            person = Person(row.person, "", None, role, position=index)
        else:
            post = row.title or row.unit_title
            person = Person(row.person, row.unit or "", post, role, position=index)
        people.append(person)
    return people


# ---------------------------------------------------------------- writing it


class _Namer:
    """Names people as an article does: in full the first time (organisation, post, name:
    "中国工业经济联合会会长李毅中"; the association's own: "会长张辉新"), then short
    ("李毅中会长")."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.named: set[tuple[str, str]] = set()

    def full(self, person: Person, *, own_prefix: bool = False) -> str:
        self.named.add((person.name, person.organisation))
        if self.lang == "en":
            parts = [person.post, person.name]
            text = " ".join(part for part in parts if part)
            return f"{text} ({person.organisation})" if person.organisation else text
        prefix = "协会" if own_prefix and person.own and person.post else ""
        return f"{prefix}{person.organisation}{person.post or ''}{person.name}"

    def mention(self, person: Person) -> str:
        """Short when named before, else in full."""
        if (person.name, person.organisation) in self.named and person.post:
            if self.lang == "en":
                return f"{person.post} {person.name}"
            return f"{person.name}{person.post}"
        return self.full(person)


def _join(names: list[str], lang: str) -> str:
    if lang == "en":
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return "、".join(names)


def _groups(people: list[Person], role: str, namer: _Namer, lang: str) -> str:
    """A role's people as one run: consecutive people of the same organisation and post
    share it, written once ("执行会长朱训岩、韩怀胜、郑辉"); a group label once before its
    people ("副会长单位：…"); the first of the association's officers as "协会会长…"."""
    parts: list[str] = []
    index = 0
    first_own = True
    label_open: str | None = None
    while index < len(people):
        person = people[index]
        run = [person]
        while (
            index + len(run) < len(people)
            and people[index + len(run)].organisation == person.organisation
            and people[index + len(run)].post == person.post
            and people[index + len(run)].group == person.group
            and person.post
        ):
            run.append(people[index + len(run)])
        index += len(run)
        text = namer.full(run[0], own_prefix=first_own and role == PersonRole.attend)
        for other in run[1:]:
            namer.named.add((other.name, other.organisation))
        if len(run) > 1:
            sep = ", " if lang == "en" else "、"
            text += sep + sep.join(other.name for other in run[1:])
        if run[0].own and run[0].post:
            first_own = False
        if run[0].group and run[0].group != label_open:
            text = f"{run[0].group}: {text}" if lang == "en" else f"{run[0].group}：{text}"
        label_open = run[0].group
        parts.append(text)
    joiner = "; " if lang == "en" else GROUP_JOINER[PersonRole(role)]
    return joiner.join(parts)


def _when(facts: ReleaseFacts, lang: str) -> str:
    day: date = facts.meeting.held_on
    if lang == "en":
        return day.strftime("%-d %B %Y")
    if facts.training:
        return f"{day.year}年{day.month}月{day.day}日"
    period = ""
    if facts.meeting.starts_at:
        hour = int(facts.meeting.starts_at[:2])
        period = "上午" if hour < 12 else "下午" if hour < 18 else "晚上"
    return f"{day.month}月{day.day}日{period}"


def _nouns(facts: ReleaseFacts, lang: str) -> tuple[str, str]:
    """What the event is called in running text, in full and short: 会议/会议 for a
    meeting, 培训活动/活动 for a class."""
    if lang == "en":
        return ("training", "event") if facts.training else ("meeting", "meeting")
    return ("培训活动", "活动") if facts.training else ("会议", "会议")


def _opening(facts: ReleaseFacts, lang: str) -> str:
    meeting = facts.meeting
    noun, _ = _nouns(facts, lang)
    if lang == "en":
        verb = "was held" if facts.training else "met"
        where = f" in {meeting.venue}" if meeting.venue else ""
        text = f"On {_when(facts, lang)}, the {meeting.title} {verb}{where}."
    else:
        verb = "举办" if facts.training else "召开"
        where = f"在{meeting.venue}" if meeting.venue else ""
        text = f"{_when(facts, lang)}，{meeting.title}{where}{verb}。"
    by_role: dict[str, list[str]] = {}
    for role, name in facts.organisers:
        by_role.setdefault(role, []).append(name)
    phrases = []
    for role in (
        OrganiserRole.host,
        OrganiserRole.organiser,
        OrganiserRole.co_organiser,
        OrganiserRole.support,
    ):
        if role in by_role:
            label = ORGANISER_ROLES[role]
            template = label.phrase_en if lang == "en" else label.phrase_zh
            phrases.append(template.format(names=_join(by_role[role], lang)))
    if phrases:
        if lang == "en":
            text += f" The {noun} was " + ", ".join(phrases) + "."
        else:
            text += f"此次{noun}" + "，".join(phrases) + "。"
    return text


def _speaker_ids(facts: ReleaseFacts) -> set[tuple[str, str]]:
    return {(s.name, s.organisation) for item in facts.items for s in item.speakers}


def _people_paragraph(facts: ReleaseFacts, namer: _Namer, lang: str) -> str:
    noun, short = _nouns(facts, lang)
    sentences = []
    speakers = _speaker_ids(facts)
    for role in PersonRole:
        people = [p for p in facts.people if p.role == role]
        if not people:
            continue
        names = _groups(people, role, namer, lang)
        label = PERSON_ROLES[role]
        if lang == "en":
            sentence = label.phrase_en.format(names=names, noun=noun)
            if role == PersonRole.attend and all(
                (p.name, p.organisation) in speakers for p in people
            ):
                sentence += " and spoke"
            sentences.append(sentence + ".")
            continue
        sentence = label.phrase_zh.format(names=names, noun=short if facts.training else noun)
        if role == PersonRole.attend and all((p.name, p.organisation) in speakers for p in people):
            sentence += f"{short}并讲话"
        sentences.append(sentence + "。")
    chair = facts.meeting.chair
    if chair:
        match = next((p for p in facts.people if p.name == chair), None)
        who = namer.full(match, own_prefix=True) if match else chair
        sentences.append(
            f"The {noun} was chaired by {who}." if lang == "en" else f"{noun}由{who}主持。"
        )
    return ("" if lang != "en" else " ").join(sentences)


def _speaking(item: ProgrammeItem, namer: _Namer, lang: str) -> str:
    """Who gives an item, as the agenda sentence names them: "会长张辉新"."""
    return _join([namer.full(s) for s in item.speakers], lang)


_EN_ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth"}


def _agenda_sentence(facts: ReleaseFacts, namer: _Namer, lang: str) -> str:
    parts = []
    for index, item in enumerate(facts.items, 1):
        title = item.facts.title
        # A speech or lecture is named by who gives it ("五是会长张辉新讲话"); other items say
        # their subject in the title as typed ("三是秘书处通报近期会费收缴情况").
        named = any(s.name in title for s in item.speakers)
        if item.facts.kind in (ItemKind.speech, ItemKind.lecture) and item.speakers and not named:
            who = _speaking(item, namer, lang)
            title = f"{who}: {title}" if lang == "en" else f"{who}{title}"
        ordinal = chinese_number(index) if lang != "en" else _EN_ORDINALS.get(index, f"{index}th")
        parts.append(t("doc.sentence_part", lang, ordinal=ordinal, title=title))
    # 两项议程, not 二项: a count of two is 两 in Chinese.
    count = (
        str(len(parts)) if lang == "en" else "两" if len(parts) == 2 else chinese_number(len(parts))
    )
    return t("doc.sentence", lang, count=count, items=("; " if lang == "en" else "；").join(parts))


def _item_paragraph(facts: ReleaseFacts, item: ProgrammeItem, namer: _Namer, lang: str) -> str:
    """What an item's paragraph says: a lecture's line, the notes, a dues report's figures."""
    parts = []
    if item.facts.kind == ItemKind.lecture and item.speakers:
        who = _join([namer.mention(s) for s in item.speakers], lang)
        if lang == "en":
            parts.append(f'{who} gave the lecture "{item.facts.title}" to the {facts.kind}.')
        else:
            parts.append(f"{who}为{facts.kind}作“{item.facts.title}”主题讲座。")
    if item.facts.notes:
        parts.append(item.facts.notes.strip())
    if item.facts.kind == ItemKind.dues_report and item.facts.dues is not None:
        parts.append(dues_sentence(item.facts, facts.meeting.held_on, lang))
    return ("" if lang != "en" else " ").join(parts)


def _talk_line(facts: ReleaseFacts, item: ProgrammeItem, namer: _Namer, lang: str) -> str:
    """A talk without notes, in the session's paragraph: "……介绍了……"."""
    who = _join([namer.full(s) for s in item.speakers], lang)
    if lang == "en":
        return f"{who} presented {item.facts.title}." if who else f"{item.facts.title}."
    if not who:
        return f"{item.facts.title}。"
    several = "分别" if len(item.speakers) > 1 else ""
    who = "和".join(namer.full(s) for s in item.speakers) if several else who
    return f"{who}{several}介绍了{item.facts.title}。"


def _session_opening(facts: ReleaseFacts, block: SessionFacts, namer: _Namer, lang: str) -> str:
    noun, short = _nouns(facts, lang)
    host = namer.full(block.host) if block.host else None
    if lang == "en":
        what = f"The {block.label} {noun}"
        focus = f" focused on {block.focus}" if block.focus else ""
        chaired = f" was chaired by {host}" if host else ""
        return f"{what}{focus}{',' if focus and host else ''}{chaired}." if focus or host else ""
    if block.focus:
        chaired = f"，由{host}主持" if host else ""
        return f"{block.label}的{noun}聚焦{block.focus}{chaired}。"
    return f"{block.label}的{short}由{host}主持。" if host else ""


def release_paragraphs(facts: ReleaseFacts, lang: str) -> list[str]:
    """The release's paragraphs in *lang* (zh-Hant through OpenCC)."""
    namer = _Namer(lang)
    paragraphs = [_opening(facts, lang)]
    people = _people_paragraph(facts, namer, lang)
    if not facts.sessions:
        if people:
            paragraphs.append(people)
        if facts.items:
            paragraphs.append(_agenda_sentence(facts, namer, lang))
        for item in facts.items:
            text = _item_paragraph(facts, item, namer, lang)
            if text:
                paragraphs.append(text)
    else:
        # The first session's 主持 closes the paragraph of who was there (as the article).
        current = people
        unplaced = [item for item in facts.items if item.session == 0]
        for block in facts.sessions:
            opening = _session_opening(facts, block, namer, lang)
            if block.number == 1:
                current = (current + ("" if lang != "en" else " ") + opening).strip()
            else:
                if current:
                    paragraphs.append(current)
                current = opening
            for item in [i for i in facts.items if i.session == block.number]:
                text = _item_paragraph(facts, item, namer, lang)
                if text:
                    if current:
                        paragraphs.append(current)
                    paragraphs.append(text)
                    current = ""
                elif item.facts.kind != ItemKind.speech:
                    line = _talk_line(facts, item, namer, lang)
                    current = (current + ("" if lang != "en" else " ") + line).strip()
        if current:
            paragraphs.append(current)
        for item in unplaced:
            text = _item_paragraph(facts, item, namer, lang)
            if text:
                paragraphs.append(text)
    paragraphs.extend(_records(facts, lang))
    sponsors = [name for role, name in facts.organisers if role == OrganiserRole.sponsor]
    if sponsors:
        label = ORGANISER_ROLES[OrganiserRole.sponsor]
        noun, _ = _nouns(facts, lang)
        template = label.phrase_en if lang == "en" else label.phrase_zh
        paragraphs.append(
            template.format(noun=noun, names=_join(sponsors, lang))
            + ("." if lang == "en" else "。")
        )
    if lang == "zh-Hant":
        paragraphs = [localize(text, lang) for text in paragraphs]
    return [text for text in paragraphs if text]


def _records(facts: ReleaseFacts, lang: str) -> list[str]:
    """The votes with their result and the action items decided (三落实)."""
    meeting = facts.meeting
    lines = []
    for index, vote in enumerate(meeting.votes, 1):
        lines.append(
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
    if meeting.actions:
        from assoc_cli.i18n.dates import format_date

        actions = [
            t(
                "doc.action_line",
                lang,
                n=index,
                content=action.content,
                owner=action.owner,
                due=format_date(action.due_on, lang),
            )
            for index, action in enumerate(meeting.actions, 1)
        ]
        lines.append(t("doc.actions", lang) + ("：" if lang != "en" else ": ") + " ".join(actions))
    return lines


def release_document(facts: ReleaseFacts, lang: str) -> Document:
    """The release as a paper: its headline, then its paragraphs."""
    doc = Document(lang=lang, author=facts.meeting.association)
    title = facts.meeting.title
    if lang == "en":
        headline = f"{title} {'held' if facts.training else 'meets'}"
    else:
        headline = localize(title + ("成功举办" if facts.training else "召开"), lang)
    doc.title(headline)
    for text in release_paragraphs(facts, lang):
        doc.paragraph(text)
    return doc


def release_paper(
    *, session: Session, meeting: Meeting, lang: str, order: str
) -> tuple[Document, str]:
    """``assoc events release``: the document and the file name it gets by default."""
    facts = release_facts(session=session, meeting=meeting, order=order)
    return release_document(facts, lang), f"{facts.meeting.title}新闻稿"
