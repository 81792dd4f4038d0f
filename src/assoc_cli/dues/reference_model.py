"""The dues rules written a second time, in plain Python, for one member at a time.

``dues/ledger.py`` computes the ledger in SQL for everyone at once; this module
computes the same figures from the same entries without SQL, so ``assoc dues verify``
and the property tests can compare the two. Keep the two in step with the rules in the
ledger module's docstring.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple


class Entry(NamedTuple):
    """A ledger entry as the model sees it (a tuple: verify makes millions)."""

    id: int
    kind: str  # payment | waiver | void | adjustment (signed: a closed year's due changed)
    year: int | None
    amount: int
    on: date
    reverses: int | None = None


@dataclass
class YearPosition:
    """One year of one member's account."""

    year: int
    due: int
    waived: int = 0
    paid: int = 0

    @property
    def net_due(self) -> int:
        """What is due after waivers."""
        return max(self.due - self.waived, 0)

    @property
    def balance(self) -> int:
        """What is still owed."""
        return self.net_due - self.paid


@dataclass
class Account:
    """A member's position: each year's figures and the credit left over."""

    years: dict[int, YearPosition] = field(default_factory=dict)
    credit: int = 0


def valid_entries(entries: Iterable[Entry], as_of: date) -> list[Entry]:
    """Payments, waivers and adjustments on or before *as_of* that no void on or before
    *as_of* reverses."""
    entries = list(entries)
    voided = {e.reverses for e in entries if e.kind == "void" and e.on <= as_of}
    return [e for e in entries if e.kind != "void" and e.on <= as_of and e.id not in voided]


def account(dues: Sequence[tuple[int, int]], entries: Iterable[Entry], as_of: date) -> Account:
    """Apply the rules: adjustments change a (closed) year's due, never below zero;
    waivers reduce a year; a payment for a named year settles it first; all else settles
    the oldest outstanding years first; the rest is credit."""
    valid = valid_entries(entries, as_of)
    adjusted: dict[int, int] = {}
    for entry in valid:
        if entry.kind == "adjustment" and entry.year is not None:
            adjusted[entry.year] = adjusted.get(entry.year, 0) + entry.amount
    result = Account(
        {
            year: YearPosition(year, max(due + adjusted.get(year, 0), 0))
            for year, due in sorted(dues)
        }
    )
    for entry in valid:
        if entry.kind == "waiver" and entry.year in result.years:
            result.years[entry.year].waived += entry.amount
    pool = 0
    for entry in valid:
        if entry.kind != "payment":
            continue
        position = result.years.get(entry.year) if entry.year is not None else None
        if position is None:
            pool += entry.amount
            continue
        applied = min(entry.amount, position.balance)
        position.paid += applied
        pool += entry.amount - applied
    for position in result.years.values():
        applied = min(pool, position.balance)
        position.paid += applied
        pool -= applied
    result.credit = pool
    return result
