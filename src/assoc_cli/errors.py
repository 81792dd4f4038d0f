"""Typed errors raised by services and turned into one ``Error: …`` line at the CLI edge.

Exit codes (documented in the README):
  0 success · 1 a domain error (bad value, unknown member, conflict…) · 2 usage error
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2


class AssocError(Exception):
    """Base of every error a user can cause; the message says what is wrong and what to do."""

    exit_code = EXIT_ERROR


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

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


class OutputFileError(AssocError):
    """A file or folder could not be written (disk full, read-only, no such folder);
    nothing was left behind."""
