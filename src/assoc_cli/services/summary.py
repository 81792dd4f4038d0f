"""The year-end work summary (年度工作总结), drafted from the record in seed 000's form:
"一是加强调研服务工作力度……走访会员企业N家……二是……" — one paragraph per kind of service
with its counts and named examples, then the members' requests, dues collection and the
meetings held. A draft for a person to edit: it says so in its title and file properties."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Integer, cast, extract, func, select
from sqlmodel import Session

from assoc_cli.db import core as tables
from assoc_cli.dues.collection import collection_figures, collection_sentence
from assoc_cli.dues.policy import dues_policy
from assoc_cli.files.papers import Document
from assoc_cli.i18n import t
from assoc_cli.i18n.money import format_money
from assoc_cli.i18n.numerals import chinese_number
from assoc_cli.services.choices import DEFAULTS
from assoc_cli.services.papers import association_name
from assoc_cli.services.reports import request_figures, solved_sentence
from assoc_cli.services.settings import satisfaction
from assoc_cli.services.visits import services_by_kind

s_t = tables.service_t.c
sm_t = tables.service_member_t.c
m_t = tables.member_t.c
EXAMPLES = 3
ENGLISH_ORDINALS = (
    "First",
    "Second",
    "Third",
    "Fourth",
    "Fifth",
    "Sixth",
    "Seventh",
    "Eighth",
    "Ninth",
    "Tenth",
    "Eleventh",
    "Twelfth",
)


def _ordinal(n: int, lang: str) -> str:
    if lang == "en":
        return ENGLISH_ORDINALS[n - 1] if n <= len(ENGLISH_ORDINALS) else f"No. {n}"
    return chinese_number(n)


def _section(n: int, lang: str) -> str:
    return str(n) if lang == "en" else chinese_number(n)


def _examples(session: Session, *, year: int, kind: str, lang: str) -> list[str]:
    """Named examples of a kind: the works (a service's title, else its summary; the same
    work done for several firms counts once) reaching the most firms, each with up to
    three firms named, "等" when there were more."""
    year_of = cast(extract("year", s_t.held_on), Integer)
    what = func.coalesce(s_t.title, s_t.summary)
    firms = func.count(func.distinct(sm_t.member_id))
    joined = tables.service_t.join(tables.service_member_t, sm_t.service_id == s_t.id)
    works = (
        session.connection()
        .execute(
            select(what.label("what"), firms.label("firms"), func.min(s_t.held_on))
            .select_from(joined)
            .where(year_of == year, s_t.kind == kind)
            .group_by(what)
            .order_by(firms.desc(), func.min(s_t.held_on), what)
            .limit(EXAMPLES)
        )
        .all()
    )
    examples = []
    sep = ", " if lang == "en" else "、"
    for text, count, _ in works:
        names = list(
            session.connection()
            .execute(
                select(func.coalesce(m_t.short_name, m_t.name))
                .select_from(joined.join(tables.member_t, m_t.id == sm_t.member_id))
                .where(year_of == year, s_t.kind == kind, what == text)
                .group_by(m_t.id, m_t.number, m_t.short_name, m_t.name)
                .order_by(m_t.number)
                .limit(3)
            )
            .scalars()
        )
        named = sep.join(names) + (t("ws.and_more", lang) if count > len(names) else "")
        examples.append(t("ws.example", lang, what=str(text).rstrip("。."), firms=named))
    return examples


def _service_paragraph(
    session: Session, row: dict[str, Any], *, year: int, n: int, lang: str
) -> str:
    kind = row["kind"]
    lead_key = f"ws.lead.{kind}"
    lead = t(lead_key, lang) if kind in DEFAULTS["kind"] else t("ws.lead_other", lang, kind=kind)
    text = t(
        "ws.kind",
        lang,
        ordinal=_ordinal(n, lang),
        lead=lead,
        kind=kind,
        services=row["services"],
        firms=row["firms"],
    )
    if row["applied"]:
        text += t("ws.applied", lang, applied=row["applied"], succeeded=row["succeeded"])
    if row["saved"]:
        text += t("ws.saved", lang, amount=format_money(row["saved"]))
    examples = _examples(session, year=year, kind=kind, lang=lang)
    if examples:
        text += t("ws.examples", lang, examples=("; " if lang == "en" else "；").join(examples))
    return text + ("." if lang == "en" else "。")


def _meetings_sentence(session: Session, *, year: int, as_of: date, lang: str) -> str:
    mt, kt = tables.meeting_t.c, tables.meeting_kind_t.c
    rows = (
        session.connection()
        .execute(
            select(kt.name, func.count())
            .join_from(tables.meeting_t, tables.meeting_kind_t, kt.id == mt.kind_id)
            .where(
                cast(extract("year", mt.held_on), Integer) == year,
                mt.held_on <= as_of,
                mt.status != "cancelled",
            )
            .group_by(kt.name, kt.id)
            .order_by(kt.id)
        )
        .all()
    )
    if not rows:
        return t("ws.no_meetings", lang, year=year)
    sep = ", " if lang == "en" else "、"
    held = sep.join(t("ws.meeting_count", lang, kind=name, count=count) for name, count in rows)
    return t("ws.meetings", lang, year=year, held=held)


def work_summary(session: Session, *, year: int, as_of: date, lang: str) -> Document:
    """The draft 年度工作总结 of *year*."""
    association = association_name(session)
    doc = Document(lang=lang, author=association, status=t("ws.draft", lang))
    doc.title(t("ws.title", lang, association=association, year=year))
    doc.paragraph(t("ws.draft_note", lang))
    doc.heading(t("ws.heading_services", lang, number=_section(1, lang)))
    doc.paragraph(t("ws.intro", lang, year=year))
    order = {name: i for i, name in enumerate(DEFAULTS["kind"])}
    kinds = sorted(services_by_kind(session, year=year), key=lambda r: order.get(r["kind"], 99))
    n = 0
    for row in kinds:
        n += 1
        doc.paragraph(_service_paragraph(session, row, year=year, n=n, lang=lang))
    ((_, total),) = request_figures(
        session, year=year, as_of=as_of, definition=satisfaction(session)
    )
    if total.received:
        n += 1
        doc.paragraph(
            t("ws.requests", lang, ordinal=_ordinal(n, lang), received=total.received)
            + solved_sentence(session, year=year, as_of=as_of, lang=lang)
        )
    if not n:
        doc.paragraph(t("ws.no_services", lang, year=year))
    doc.heading(t("ws.heading_dues", lang, number=_section(2, lang)))
    year_end = min(as_of, date(year, 12, 31))
    _, figures = collection_figures(
        session, dues_policy(session), year=year, as_of=year_end, by=None
    )
    if figures.members_owing:
        doc.paragraph(collection_sentence(figures, lang, year_end))
    else:
        doc.paragraph(t("ws.no_dues", lang, year=year))
    doc.heading(t("ws.heading_meetings", lang, number=_section(3, lang)))
    doc.paragraph(_meetings_sentence(session, year=year, as_of=as_of, lang=lang))
    return doc
