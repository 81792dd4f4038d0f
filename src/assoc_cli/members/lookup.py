"""Finding the one member a person means, from what they typed: a number, the exact name
or short name, a unique part of the name, the name of a person standing for the unit
(representative, office holder, invitee), or, on a miss, "did you mean" suggestions.

On the Core tables (``db/core.py``), so a read-only command (``dues statement``,
``members show``) finds its member without importing the ORM; write commands go
through ``members.service.resolve_member``, which loads the row found here.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from sqlalchemy import RowMapping, case, or_, select

from assoc_cli.db.core import attendance_t, member_t, office_holding_t
from assoc_cli.errors import AmbiguousError, InvalidValueError, NotFoundError, choose
from assoc_cli.i18n.sorting import pinyin_key

if TYPE_CHECKING:
    from assoc_cli.db.reader import DbSession

CANDIDATES_SHOWN = 8
# How many members the fuzzy matcher compares on a miss, and how many characters of the
# query pick them (in SQL, by the characters they share with the query).
FUZZY_CANDIDATES = 200
FUZZY_CHARACTERS = 12
SUGGESTIONS = 3

m = member_t.c


def describe(member: Any) -> str:
    """ "name (number)" of a member row or model."""
    return f"{member['name']} ({member['number']})"


def describe_zh(member: Any) -> str:
    """ "name（number）" of a member row, for Chinese messages."""
    return f"{member['name']}（{member['number']}）"


def escape_like(text: str) -> str:
    """*text* with LIKE's wildcards escaped (escape character ``\\``)."""
    return re.sub(r"([\\%_])", r"\\\1", text)


def find_member(session: DbSession, query: str) -> RowMapping:
    """The member row *query* names: by number, exact name, short name, a unique part of
    the name, or a person standing for it; several matches are settled by a person at a
    terminal or refused naming them, none is refused with the nearest suggested."""
    text = query.strip()
    if not text:
        raise InvalidValueError(
            "name a member by number, name, short name or part of the name",
            zh="请用编号、名称、简称或名称的一部分指明会员",
        )
    connection = session.connection()
    by_number = connection.execute(select(member_t).where(m.number == text.upper())).first()
    if by_number is not None:
        return by_number._mapping
    exact = _rows(
        session,
        select(member_t)
        .where(or_(m.name == text, m.short_name == text))
        .limit(CANDIDATES_SHOWN + 1),
    )
    if exact:
        return _settle(text, exact)
    pattern = f"%{escape_like(text)}%"
    partial = _rows(
        session,
        select(member_t)
        .where(or_(m.name.like(pattern, escape="\\"), m.short_name.like(pattern, escape="\\")))
        .order_by(m.number)
        .limit(CANDIDATES_SHOWN + 1),
    )
    if partial:
        return _settle(text, partial)
    by_person = _by_person(session, text)
    if by_person:
        return _settle(text, by_person)
    near = near_members(session, text)
    chosen = choose(text, near, describe)
    if chosen is not None:
        return chosen
    raise not_found(session, text, near)


def _rows(session: DbSession, query: Any) -> list[RowMapping]:
    return list(session.connection().execute(query).mappings())


def _settle(text: str, candidates: list[RowMapping]) -> RowMapping:
    """The only candidate; else the one a person at a terminal picks
    (``errors.chooser``); else the error naming them."""
    if len(candidates) == 1:
        return candidates[0]
    chosen = choose(text, candidates[:CANDIDATES_SHOWN], describe)
    if chosen is None:
        raise ambiguous(text, candidates)
    return chosen


def _person_tables() -> tuple[tuple[Any, Any], ...]:
    """(member id column, person column) of the tables naming a unit's people: the
    office holders and meeting invitees (the representative is on the member row)."""
    return (
        (office_holding_t.c.member_id, office_holding_t.c.person),
        (attendance_t.c.member_id, attendance_t.c.person),
    )


def _by_person(session: DbSession, text: str) -> list[RowMapping]:
    """The members whose representative, office holder or meeting invitee is *text*."""
    connection = session.connection()
    representing = select(m.id).where(m.representative == text).limit(CANDIDATES_SHOWN + 1)
    ids: set[int] = set(connection.execute(representing).scalars())
    for member_id, person in _person_tables():
        query = select(member_id).where(person == text, member_id.is_not(None)).distinct()
        ids.update(connection.execute(query.limit(CANDIDATES_SHOWN + 1)).scalars())
    if not ids:
        return []
    chosen = sorted(ids)[: CANDIDATES_SHOWN + 1]
    return _rows(session, select(member_t).where(m.id.in_(chosen)).order_by(m.number))


def ambiguous(text: str, candidates: list[RowMapping]) -> AmbiguousError:
    """The error for *text* matching several *candidates*: it names them."""
    shown = "; ".join(describe(row) for row in candidates[:CANDIDATES_SHOWN])
    shown_zh = "、".join(describe_zh(row) for row in candidates[:CANDIDATES_SHOWN])
    more = " …" if len(candidates) > CANDIDATES_SHOWN else ""
    return AmbiguousError(
        f'"{text}" matches several members: {shown}{more} — use the member number',
        zh=f"“{text}”与多个会员相符：{shown_zh}{'等' if more else ''}；请用会员编号",
    )


def near_members(session: DbSession, text: str) -> list[RowMapping]:
    """The members nearest *text* (``members.matching``), best first: for "did you mean".

    Only a bounded set is compared: the FUZZY_CANDIDATES members whose number, name,
    short name, representative, office holder or invitee share the most characters (or
    the name's sound) with *text*, picked in SQL — one scan, on a miss only."""
    from assoc_cli.members.matching import best_matches

    characters = list(dict.fromkeys(ch for ch in text if not ch.isspace()))[:FUZZY_CHARACTERS]
    if not characters:
        return []
    like = {ch: f"%{escape_like(ch)}%" for ch in characters}
    fields = (m.name, m.short_name, m.representative)
    shares = [
        case((or_(*(field.like(pattern, escape="\\") for field in fields)), 1), else_=0)
        for pattern in like.values()
    ]
    sound = pinyin_key(text)
    if sound:
        shares.append(
            case((m.name_pinyin.like(f"%{escape_like(sound)}%", escape="\\"), 3), else_=0)
        )
    score = sum(shares[1:], shares[0])
    ranked = (
        select(m.id, score.label("score"))
        .order_by(score.desc(), m.id)
        .limit(FUZZY_CANDIDATES)
        .subquery()
    )
    rows = _rows(
        session,
        select(member_t).join(ranked, ranked.c.id == m.id).where(ranked.c.score > 0),
    )
    members = {row["id"]: row for row in rows}
    texts: dict[int, list[str | None]] = {
        row["id"]: [row["number"], row["name"], row["short_name"], row["representative"]]
        for row in rows
    }
    # The people standing for units (office holders, invitees) with a shared character.
    connection = session.connection()
    for member_id, person in _person_tables():
        query = (
            select(member_id, person)
            .where(member_id.is_not(None))
            .where(or_(*(person.like(pattern, escape="\\") for pattern in like.values())))
            .distinct()
            .limit(FUZZY_CANDIDATES)
        )
        for found_id, name in connection.execute(query):
            texts.setdefault(found_id, []).append(name)
    missing = [found for found in texts if found not in members]
    if missing:
        for row in _rows(session, select(member_t).where(m.id.in_(missing))):
            members[row["id"]] = row
    matches = best_matches(text, texts.items(), limit=SUGGESTIONS)
    return [members[key] for key, _score in matches if key in members]


def not_found(session: DbSession, text: str, near: list[RowMapping] | None = None) -> NotFoundError:
    """The error for *text* matching no member, suggesting the nearest."""
    near = near_members(session, text) if near is None else near
    hint = f" — did you mean {' or '.join(describe(row) for row in near)}?" if near else ""
    hint_zh = f"；是不是指 {'或'.join(describe_zh(row) for row in near)}？" if near else ""
    return NotFoundError(
        f'no member matches "{text}"{hint} (see: assoc members list)',
        zh=f"没有与“{text}”相符的会员{hint_zh}（请查看：assoc members list）",
    )
