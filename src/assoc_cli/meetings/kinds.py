"""Kinds of meeting (会议类型: 会员大会, 理事会, 会长办公会…): how each is numbered, its
quorum rule and the standing items its agenda starts with."""

from __future__ import annotations

import json
from typing import Any

from sqlmodel import Session, col, select

from assoc_cli.db.models import MeetingKind
from assoc_cli.errors import InvalidValueError, NotFoundError
from assoc_cli.listing import Column, Listing
from assoc_cli.meetings.choices import ItemKind, Numbering, QuorumBase, QuorumRule


def find_kind(*, session: Session, name: str) -> MeetingKind:
    """A kind of meeting by name (会长办公会, 理事会…)."""
    kind = session.exec(select(MeetingKind).where(MeetingKind.name == name.strip())).first()
    if kind is None:
        names = ", ".join(k.name for k in list_kinds(session=session))
        raise NotFoundError(
            f'there is no meeting kind "{name}"; the kinds are: {names} '
            "(add one with: assoc meetings kinds NAME --numbering term)",
            zh=f"没有会议类型“{name}”;现有类型:{names}(可用 assoc "
            "meetings kinds 名称 --numbering term 添加)",
        )
    return kind


def list_kinds(*, session: Session) -> list[MeetingKind]:
    """Every kind of meeting."""
    return list(session.exec(select(MeetingKind).order_by(col(MeetingKind.id))))


def template_items(kind: MeetingKind) -> list[dict[str, Any]]:
    """The standing agenda items of a kind."""
    items = json.loads(kind.agenda_template or "[]")
    return [item for item in items if isinstance(item, dict) and item.get("title")]


def check_item_kind(kind: str) -> str:
    """study, report, reading, discussion, speech, lecture, exchange, vote, dues-report or
    actions."""
    if kind not in set(ItemKind):
        allowed = ", ".join(ItemKind)
        raise InvalidValueError(
            f'agenda item kind is one of {allowed}, not "{kind}"',
            zh=f"议程事项类型只能是 {allowed} 之一,不能是“{kind}”",
        )
    return kind


def parse_template_item(text: str) -> dict[str, Any]:
    """ "标题|kind|presenter" -> a template item."""
    parts = [part.strip() for part in text.split("|")]
    if not parts[0]:
        raise InvalidValueError(
            f'template item "{text}" has no title; write it as 标题|kind|presenter',
            zh=f"模板事项“{text}”没有标题;请写成 标题|类型|汇报人",
        )
    item: dict[str, Any] = {
        "title": parts[0],
        "kind": parts[1] if len(parts) > 1 and parts[1] else ItemKind.report.value,
    }
    check_item_kind(item["kind"])
    if len(parts) > 2 and parts[2]:
        item["presenter"] = parts[2]
    return item


def set_kind(
    *,
    session: Session,
    name: str,
    numbering: str | None,
    quorum: str | None,
    quorum_base: str | None,
    template: list[str] | None,
) -> MeetingKind:
    """Add a kind of meeting or change its numbering, quorum rule or agenda template (its
    standing items, each written "标题|kind|presenter")."""
    items = [parse_template_item(text) for text in template] if template else None
    clean = name.strip()
    if not clean or len(clean) > 50:
        raise InvalidValueError(
            "a meeting kind has a name of 1 to 50 characters", zh="会议类型名称为 1 到 50 个字符"
        )
    kind = session.exec(select(MeetingKind).where(MeetingKind.name == clean)).first()
    if kind is None:
        kind = MeetingKind(name=clean)
    choices: tuple[tuple[str | None, type[Numbering | QuorumRule | QuorumBase], str, str], ...] = (
        (numbering, Numbering, "numbering", "编号方式"),
        (quorum, QuorumRule, "quorum", "法定人数规则"),
        (quorum_base, QuorumBase, "quorum base", "法定人数基数"),
    )
    for value, allowed, what, what_zh in choices:
        if value is not None and value not in set(allowed):
            raise InvalidValueError(
                f'{what} is one of {", ".join(allowed)}, not "{value}"',
                zh=f"{what_zh}只能是 {', '.join(allowed)} 之一,不能是“{value}”",
            )
    kind.numbering = numbering or kind.numbering or Numbering.term.value
    kind.quorum = quorum or kind.quorum or QuorumRule.none.value
    kind.quorum_base = quorum_base or kind.quorum_base or QuorumBase.invited.value
    if items is not None:
        kind.agenda_template = json.dumps(items, ensure_ascii=False)
    session.add(kind)
    session.flush()
    return kind


KIND_COLUMNS = [
    Column("kind"),
    Column("numbering", kind="enum", enum_prefix="numbering."),
    Column("quorum"),
    Column("quorum_base"),
    Column("template"),
]


def kinds_listing(*, session: Session) -> Listing:
    """``assoc meetings kinds``: every kind with its numbering, quorum rule and the titles
    of its standing items."""
    rows = [
        {
            "kind": kind.name,
            "numbering": kind.numbering,
            "quorum": kind.quorum,
            "quorum_base": kind.quorum_base,
            "template": "; ".join(item["title"] for item in template_items(kind)),
        }
        for kind in list_kinds(session=session)
    ]
    return Listing(KIND_COLUMNS, rows)
