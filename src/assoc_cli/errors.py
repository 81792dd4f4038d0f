"""Typed errors raised by services and turned into one ``Error: …`` line at the CLI edge.

Exit codes (documented in the README):
  0 success · 1 a domain error (bad value, unknown member, conflict…) · 2 usage error ·
  130 interrupted (Ctrl-C) by the person watching
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextvars import ContextVar
from typing import TypeVar

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class AssocError(Exception):
    """Base of every error a user can cause; the message says what is wrong and what to do.

    The message is given in English and, with *zh*, in Simplified Chinese: the CLI prints
    the one in the output language (Traditional Chinese is made from *zh* by OpenCC), so
    a Chinese interface never shows an English sentence."""

    exit_code = EXIT_ERROR

    def __init__(self, message: str = "", *, zh: str | None = None) -> None:
        super().__init__(message)
        self.zh = zh

    def text(self, lang: str) -> str:
        """The message for *lang* (``zh-Hant`` is converted by the caller)."""
        return self.zh if self.zh and lang != "en" else str(self)


class InterruptedCheckError(AssocError):
    """A long check stopped by Ctrl-C: it says how far it got (nothing was changed)."""

    exit_code = EXIT_INTERRUPTED


class NotFoundError(AssocError):
    """Something named on the command line does not exist."""


class AmbiguousError(AssocError):
    """A name matches more than one record."""


class InvalidValueError(AssocError):
    """A value is malformed or out of range."""


class ConflictError(AssocError):
    """The change would break a rule (a duplicate number, a second profile…)."""


class DatabaseError(AssocError):
    """The database cannot be opened, is not an assoc database, or is too new."""


class ImportFileError(AssocError):
    """An import file could not be read or has bad rows; nothing was imported."""

    def __init__(
        self,
        message: str,
        problems: Sequence[str | tuple[str, str]] | None = None,
        *,
        zh: str | None = None,
    ) -> None:
        super().__init__(message, zh=zh)
        # Each problem in English, or as (English, Simplified Chinese).
        self.problems = list(problems or [])


class OutputFileError(AssocError):
    """A file or folder could not be written (disk full, read-only, no such folder);
    nothing was left behind."""


T = TypeVar("T")

# How a person at a terminal settles a name that matches several records, or none but
# some nearly (set by cli/prompts.py for a command run interactively): given what was
# typed and the candidates as people read them, the index of the one chosen. None (the
# default, and always when stdin is not a terminal): the error is raised as it is.
chooser: ContextVar[Callable[[str, list[str]], int] | None] = ContextVar("chooser", default=None)


def choose(text: str, candidates: Sequence[T], describe: Callable[[T], str]) -> T | None:
    """The candidate a person picks for *text* (``chooser``), or None when nobody is asked."""
    pick = chooser.get()
    if pick is None or not candidates:
        return None
    return candidates[pick(text, [describe(candidate) for candidate in candidates])]
