"""The roster's choices: which members a listing covers, its orders, how statistics are
grouped, the words that let a tier follow offices. (The values of ``member.kind`` and
``member.status`` themselves are the schema's: ``db/values.py``.)

Defined once, here, for the feature and for the command line (whose ``--status``,
``--sort`` and ``--by`` choices are these enums). Standard library only: ``assoc members
--help`` imports this module and must stay fast.
"""

from __future__ import annotations

from enum import StrEnum


class RosterStatus(StrEnum):
    """Which members a listing covers: one status (``MemberStatus``), or all of them."""

    active = "active"
    withdrawn = "withdrawn"
    all = "all"

    @property
    def member_status(self) -> str | None:
        """The stored status to match, or None for every member."""
        return None if self is RosterStatus.all else self.value


class RosterSort(StrEnum):
    """The order of a roster: by number, by name in pinyin, or by stroke count (笔画)."""

    number = "number"
    name = "name"
    strokes = "strokes"


class ImportMatch(StrEnum):
    """How ``members import`` finds the member a row is about: by member number or credit
    code only (``number``), or also by name for a row without a number (``name``)."""

    number = "number"
    name = "name"


class StatsBy(StrEnum):
    """How member statistics are grouped: by dues tier, by segment, or both."""

    tier = "tier"
    segment = "segment"
    all = "all"

    @property
    def groupings(self) -> list[str]:
        """The groupings to count, in the order they are shown."""
        return ["tier", "segment"] if self is StatsBy.all else [self.value]


# A tier typed as one of these clears the member's own tier: it follows its offices again.
AUTO_TIER_WORDS = ("auto", "自动")


def is_auto_tier(text: str) -> bool:
    """Whether *text* asks for the tier that follows from offices (auto, 自动)."""
    return text.lower() in AUTO_TIER_WORDS
