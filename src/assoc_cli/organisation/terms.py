"""Terms of office (届): numbered, a fixed number of years, the current one covers a date."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session, col, select

from assoc_cli.db.models import Term
from assoc_cli.errors import ConflictError, InvalidValueError, NotFoundError
from assoc_cli.i18n import term_label
from assoc_cli.listing import Column, Listing
from assoc_cli.organisation.queries import note_expired_term

MAX_TERM_YEARS = 10
TERM_COLUMNS = [
    Column("term", kind="int"),
    Column("label", "col.name"),
    Column("start_on", kind="date"),
    Column("end_on", kind="date"),
    Column("years", "col.term_years", kind="int"),
    Column("current", kind="bool"),
    Column("note"),
]
NOTE_LENGTH = 200


def term_end(start: date, years: int) -> date:
    """The last day of a term of *years* starting on *start* (the day before the anniversary)."""
    try:
        anniversary = start.replace(year=start.year + years)
    except ValueError:  # 29 February
        anniversary = start.replace(year=start.year + years, day=28) + timedelta(days=1)
    return anniversary - timedelta(days=1)


def _next_term(session: Session, number: int) -> Term | None:
    """The term after term *number*, if one is on record."""
    return session.exec(select(Term).where(Term.number > number).order_by(col(Term.number))).first()


def add_term(
    *, session: Session, number: int, start: date, years: int = 5, early: bool = False
) -> Term:
    """Record term *number* starting on *start*, lasting *years*.

    A term that starts before the previous one has ended is refused, unless *early*
    (提前换届): then the previous term ends the day before *start*."""
    if number < 1:
        raise InvalidValueError(
            f"term number {number} must be 1 or more (二届 is 2)",
            zh=f"届次 {number} 必须为 1 或更大(二届即 2)",
        )
    if not 1 <= years <= MAX_TERM_YEARS:
        raise InvalidValueError(
            f"a term lasts 1 to {MAX_TERM_YEARS} years, not {years}",
            zh=f"一届为 1 到 {MAX_TERM_YEARS} 年,不能是 {years} 年",
        )
    if session.exec(select(Term).where(Term.number == number)).first():
        raise ConflictError(
            f"term {number} already exists; see: assoc terms list",
            zh=f"第 {number} 届已存在;请查看:assoc terms list",
        )
    earlier = session.exec(
        select(Term).where(Term.number < number).order_by(col(Term.number).desc())
    ).first()
    if earlier is not None and start <= earlier.start_on:
        raise InvalidValueError(
            f"term {number} must start after term {earlier.number} began ({earlier.start_on})",
            zh=f"第 {number} 届的开始日期必须晚于第 {earlier.number} "
            f"届的开始日期({earlier.start_on})",
        )
    later = _next_term(session, number)
    if later is not None and start >= later.start_on:
        raise InvalidValueError(
            f"term {number} must start before term {later.number} began ({later.start_on})",
            zh=f"第 {number} 届的开始日期必须早于第 {later.number} 届的开始日期({later.start_on})",
        )
    if later is not None and term_end(start, years) >= later.start_on:
        raise InvalidValueError(
            f"term {number} would run past the start of term {later.number} "
            f"({later.start_on}); give fewer --years",
            zh=f"第 {number} 届将延续到第 {later.number} 届开始({later.start_on})之后;"
            "请减少 --years",
        )
    if earlier is not None and start <= earlier.end_on:
        if not early:
            raise ConflictError(
                f"term {number} would start on {start} while term {earlier.number} runs to "
                f"{earlier.end_on}; for an early election (提前换届) add --early, which ends "
                f"term {earlier.number} on {start - timedelta(days=1)}",
                zh=f"第 {number} 届开始于 {start},而第 {earlier.number} 届到 {earlier.end_on} "
                f"才结束;如为提前换届,请加 --early,第 {earlier.number} 届将于 "
                f"{start - timedelta(days=1)} 结束",
            )
        earlier.end_on = start - timedelta(days=1)
        earlier.note = "提前换届"
        session.add(earlier)
    term = Term(number=number, start_on=start, end_on=term_end(start, years), years=years)
    session.add(term)
    session.flush()
    return term


def edit_term(*, session: Session, number: int, end: date, reason: str) -> Term:
    """Move the last day of term *number* to *end*: 延期换届 when the election is late,
    or an earlier end; *reason* is kept on the term (the audit log keeps the old date)."""
    term = get_term(session=session, number=number, as_of=end)
    reason = reason.strip()
    if not reason or len(reason) > NOTE_LENGTH:
        raise InvalidValueError(
            f"say why the term's end moves (--reason, 1 to {NOTE_LENGTH} characters), "
            "e.g. 延期换届",
            zh=f"请说明届期变动的原因(--reason,1 到 {NOTE_LENGTH} 个字符),如 延期换届",
        )
    if end < term.start_on:
        raise InvalidValueError(
            f"term {number} began on {term.start_on}; it cannot end before that",
            zh=f"第 {number} 届始于 {term.start_on};结束日期不能早于此日期",
        )
    later = _next_term(session, number)
    if later is not None and end >= later.start_on:
        raise InvalidValueError(
            f"term {later.number} begins on {later.start_on}; term {number} must end before it",
            zh=f"第 {later.number} 届始于 {later.start_on};第 {number} 届须在此之前结束",
        )
    term.end_on = end
    term.note = reason
    session.add(term)
    session.flush()
    return term


def list_terms(*, session: Session) -> list[Term]:
    """All terms, oldest first (a handful of rows)."""
    return list(session.exec(select(Term).order_by(col(Term.number))))


def current_term(*, session: Session, as_of: date) -> Term | None:
    """The term covering *as_of*: the newest one that has started and not ended.

    When a new term is elected early, the newer term wins over the old one's last days.
    """
    return session.exec(
        select(Term)
        .where(Term.start_on <= as_of, Term.end_on >= as_of)
        .order_by(col(Term.number).desc())
    ).first()


def term_in_force(*, session: Session, as_of: date) -> Term | None:
    """The term covering *as_of*, else — when it has ended and 换届 is late — the last term
    begun by then, with a note for the command to say (``organisation.queries``)."""
    term = current_term(session=session, as_of=as_of)
    if term is not None:
        return term
    last = session.exec(
        select(Term).where(Term.start_on <= as_of).order_by(col(Term.number).desc())
    ).first()
    if last is not None:
        note_expired_term(last.number, last.end_on)
    return last


def get_term(*, session: Session, number: int | None, as_of: date) -> Term:
    """Term *number*, or the one in force on *as_of* (``term_in_force``); an error when
    there is none."""
    if number is not None:
        term = session.exec(select(Term).where(Term.number == number)).first()
        if term is None:
            raise NotFoundError(
                f"there is no term {number}; add it with: assoc terms add {number} --start …",
                zh=f"没有第 {number} 届;请添加:assoc terms add {number} --start …",
            )
        return term
    term = term_in_force(session=session, as_of=as_of)
    if term is None:
        raise NotFoundError(
            f"no term covers {as_of.isoformat()}; add one with: "
            "assoc terms add N --start YYYY-MM-DD, or name one with --term",
            zh=f"没有哪一届涵盖 {as_of.isoformat()};"
            "请添加(assoc terms add N --start YYYY-MM-DD),或用 --term 指定",
        )
    return term


def terms_listing(*, session: Session, as_of: date, lang: str) -> Listing:
    """``terms list``: every term, oldest first, named in *lang* (第二届), the one covering
    *as_of* (or, 换届 being late, the last one) marked current."""
    current = term_in_force(session=session, as_of=as_of)
    rows = [
        {
            "term": term.number,
            "label": term_label(term.number, lang),
            "start_on": term.start_on,
            "end_on": term.end_on,
            "years": term.years,
            "current": current is not None and term.id == current.id,
            "note": term.note,
        }
        for term in list_terms(session=session)
    ]
    return Listing(TERM_COLUMNS, rows)
