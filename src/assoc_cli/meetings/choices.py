"""The meetings feature's choices, each defined once: the CLI offers them to Typer and the
service checks values against them.

Light on purpose (only ``enum``): ``assoc meetings --help`` builds its options from these
without importing the database stack. The values are what the database stores.
"""

from __future__ import annotations

from enum import StrEnum


class ItemKind(StrEnum):
    """What an agenda item is; a dues-report or actions item is filled in live on paper."""

    study = "study"
    report = "report"
    reading = "reading"
    discussion = "discussion"
    speech = "speech"
    lecture = "lecture"
    exchange = "exchange"
    vote = "vote"
    dues_report = "dues-report"
    actions = "actions"


class Role(StrEnum):
    """出席 (attend) or 列席 (sit in)."""

    attend = "attend"
    sit_in = "sit-in"


class AttendanceStatus(StrEnum):
    """Attendance."""

    present = "present"
    leave = "leave"
    absent = "absent"
    invited = "invited"


class MeetingStatus(StrEnum):
    """A meeting is planned until it is cancelled (it keeps its number either way)."""

    planned = "planned"
    cancelled = "cancelled"


class Numbering(StrEnum):
    """How a kind of meeting is numbered: within the term (二届二次), by year (第一期) or not."""

    term = "term"
    year = "year"
    none = "none"


class QuorumRule(StrEnum):
    """How many must be present for a kind of meeting to be quorate."""

    two_thirds = "two-thirds"
    majority = "majority"
    none = "none"


class QuorumBase(StrEnum):
    """Whom the quorum counts from: all members, or those invited to attend."""

    members = "members"
    invited = "invited"


class Threshold(StrEnum):
    """What a motion needs to pass."""

    majority = "majority"
    two_thirds = "two-thirds"


class VoteMethod(StrEnum):
    """How a motion was voted on; each can also be named by its English member name
    (secret, roll-call, hands, acclamation)."""

    secret = "无记名投票"
    roll_call = "记名投票"
    hands = "举手"
    acclamation = "鼓掌"

    @classmethod
    def named(cls, text: str) -> VoteMethod | None:
        """The method written in Chinese or in English (roll-call), or None."""
        for method in cls:
            if text in (method.value, method.name.replace("_", "-")):
                return method
        return None


class AgendaStyle(StrEnum):
    """How the agenda reads."""

    list = "list"
    sentence = "sentence"


class PaperFormat(StrEnum):
    """How a meeting paper is written."""

    md = "md"
    txt = "txt"
    docx = "docx"


class SigninFormat(StrEnum):
    """How the sign-in sheet is written: as a paper, or as CSV for a spreadsheet."""

    md = "md"
    txt = "txt"
    docx = "docx"
    csv = "csv"
    xlsx = "xlsx"
