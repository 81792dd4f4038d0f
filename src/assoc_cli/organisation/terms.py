"""Terms of office (届): numbered, a fixed number of years, the current one covers a date."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session, col, select

from assoc_cli.db.models import Term
from assoc_cli.errors import ConflictError, InvalidValueError, NotFoundError
from assoc_cli.i18n import term_label
from assoc_cli.listing import Column, Listing

MAX_TERM_YEARS = 10
TERM_COLUMNS = [
    Column("term", kind="int"),
    Column("label", "col.name"),
    Column("start_on", kind="date"),
    Column("end_on", kind="date"),
    Column("years", kind="int"),
    Column("current", kind="bool"),
]


def term_end(start: date, years: int) -> date:
    """The last day of a term of *years* starting on *start* (the day before the anniversary)."""
    try:
        anniversary = start.replace(year=start.year + years)
    except ValueError:  # 29 February
        anniversary = start.replace(year=start.year + years, day=28) + timedelta(days=1)
    return anniversary - timedelta(days=1)


def add_term(*, session: Session, number: int, start: date, years: int = 5) -> Term:
    """Record term *number* starting on *start*, lasting *years*."""
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
    later = session.exec(
        select(Term).where(Term.number > number).order_by(col(Term.number))
    ).first()
    if later is not None and start >= later.start_on:
        raise InvalidValueError(
            f"term {number} must start before term {later.number} began ({later.start_on})",
            zh=f"第 {number} 届的开始日期必须早于第 {later.number} 届的开始日期({later.start_on})",
        )
    term = Term(number=number, start_on=start, end_on=term_end(start, years), years=years)
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


def get_term(*, session: Session, number: int | None, as_of: date) -> Term:
    """Term *number*, or the current one; an error when there is none."""
    if number is not None:
        term = session.exec(select(Term).where(Term.number == number)).first()
        if term is None:
            raise NotFoundError(
                f"there is no term {number}; add it with: assoc terms add {number} --start …",
                zh=f"没有第 {number} 届;请添加:assoc terms add {number} --start …",
            )
        return term
    term = current_term(session=session, as_of=as_of)
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
    *as_of* marked current."""
    current = current_term(session=session, as_of=as_of)
    rows = [
        {
            "term": term.number,
            "label": term_label(term.number, lang),
            "start_on": term.start_on,
            "end_on": term.end_on,
            "years": term.years,
            "current": current is not None and term.id == current.id,
        }
        for term in list_terms(session=session)
    ]
    return Listing(TERM_COLUMNS, rows)
