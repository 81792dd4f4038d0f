"""The shapes every report section is made of: a figure with the command that gives it
(or, when the record cannot give it, what is needed: 待填写), a table, a problem with its
fix, and what a provider is handed (``Scope``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from assoc_cli.i18n import t

if TYPE_CHECKING:
    from sqlmodel import Session


@dataclass(frozen=True)
class Scope:
    """What a provider computes for: the unit of work, the year (figures as of 31
    December of it, or *as_of* when earlier) and the output language."""

    session: Session
    year: int
    lang: str
    as_of: date

    @property
    def first_day(self) -> date:
        """1 January of the year."""
        return date(self.year, 1, 1)


@dataclass
class Figure:
    """One figure of a report: *value* None means the record cannot give it (待填写);
    *needed* then says what would. *source* is the assoc command that computes it on
    its own (empty for what the user types in)."""

    key: str
    label: str
    value: Any
    kind: str = "int"  # int | money | text | percent
    source: str = ""
    needed: str = ""

    @property
    def pending(self) -> bool:
        """Whether the figure is still to be filled in (待填写)."""
        return self.value is None


@dataclass
class Table:
    """A table inside a section (the 负责人 list, meetings by kind)."""

    title: str
    header: list[str]
    rows: list[list[str]]
    source: str = ""


@dataclass
class Problem:
    """A problem the check list names, with how to fix it."""

    key: str
    text: str
    fix: str


@dataclass
class Section:
    """One section of a report, in the official order."""

    key: str
    title: str
    figures: list[Figure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    charts: list[str] = field(default_factory=list)  # keys of the charts drawn here


# A provider: the figures of one part of a section, computed for a scope.
Provider = Callable[[Scope], list[Figure]]


def pending(key: str, scope: Scope, *, needed: str, source: str = "") -> Figure:
    """A figure the record cannot give yet: shown as 待填写, with what is needed."""
    return Figure(key, t(f"rpt.f.{key}", scope.lang), None, "text", source, needed)


def pending_text(figure: Figure, lang: str) -> str:
    """待填写(需要:…) — how a pending figure is written in every file."""
    if figure.needed:
        return t("rpt.pending_needs", lang, needed=figure.needed)
    return t("rpt.pending", lang)
