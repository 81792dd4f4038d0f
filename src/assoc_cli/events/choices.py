"""The events feature's choices and their labels, each defined once (data, not code): the
CLI offers them to Typer, the service checks values against them, the release writes the
labels. Light on purpose (only ``enum`` and ``dataclasses``): ``assoc events --help`` builds
its options from these without importing the database stack.

zh-Hant labels come from the Simplified ones through OpenCC, as every message does.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class OrganiserRole(StrEnum):
    """An organiser's role, in the order the release names them: 主办, 承办, 协办, 支持, 赞助."""

    host = "host"
    organiser = "organiser"
    co_organiser = "co-organiser"
    support = "support"
    sponsor = "sponsor"


class PersonRole(StrEnum):
    """How someone is at an event: 出席, 列席, 参加, 特邀."""

    attend = "attend"
    sit_in = "sit-in"
    take_part = "join"
    special = "special"


class Order(StrEnum):
    """Order of precedence for a people list: by office and rank (then surname strokes), or
    as typed."""

    office = "office"
    given = "given"


class ReleaseFormat(StrEnum):
    """What a news release is written as."""

    md = "md"
    txt = "txt"
    docx = "docx"


@dataclass(frozen=True)
class Label:
    """A choice's name in Chinese (Simplified) and English, and for organisers and people
    the phrase the release writes them with."""

    zh: str
    en: str
    phrase_zh: str = ""
    phrase_en: str = ""


ORGANISER_ROLES: dict[str, Label] = {
    OrganiserRole.host: Label("主办", "host", "由{names}主办", "hosted by {names}"),
    OrganiserRole.organiser: Label("承办", "organiser", "{names}承办", "organised by {names}"),
    OrganiserRole.co_organiser: Label(
        "协办", "co-organiser", "{names}协办", "co-organised by {names}"
    ),
    OrganiserRole.support: Label(
        "支持", "supporter", "并得到了{names}的大力支持", "with the support of {names}"
    ),
    OrganiserRole.sponsor: Label(
        "赞助",
        "sponsor",
        "本次{noun}由{names}提供赞助支持",
        "The {noun} was sponsored by {names}",
    ),
}

# The people at an event: the phrase that closes their sentence, and how their groups are
# joined (出席 lists write "会长张辉新，执行会长朱训岩、韩怀胜、郑辉"; 参加 lists one run with 、).
PERSON_ROLES: dict[str, Label] = {
    PersonRole.attend: Label("出席", "attended", "{names}出席", "{names} attended"),
    PersonRole.sit_in: Label("列席", "sat in", "{names}列席{noun}", "{names} sat in"),
    PersonRole.take_part: Label("参加", "took part", "{names}参加{noun}", "{names} took part"),
    PersonRole.special: Label(
        "特邀", "special guest", "{names}应邀出席", "{names} attended as special guests"
    ),
}
GROUP_JOINER = {
    PersonRole.attend: "，",
    PersonRole.special: "，",
    PersonRole.sit_in: "、",
    PersonRole.take_part: "、",
}


def role_from_text(text: str, labels: dict[str, Label]) -> str | None:
    """A role by its key (host, attend…) or its Chinese or English label (主办, 出席…)."""
    wanted = text.strip()
    for key, label in labels.items():
        if wanted in (str(key), label.zh, label.en):
            return str(key)
    return None
