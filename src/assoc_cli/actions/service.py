"""Action items (督办事项) with 三落实: content, deadline and a responsible person."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlmodel import Session, col, select

from assoc_cli.db.models import ActionItem, Meeting
from assoc_cli.errors import ConflictError, InvalidValueError, NotFoundError
from assoc_cli.i18n.controls import one_line
from assoc_cli.listing import Column, Listing
from assoc_cli.meetings.queries import describe_all


def add_action(
    *, session: Session, meeting: Meeting | None, content: str, owner: str, due_on: date
) -> ActionItem:
    """Record an action item decided at *meeting*."""
    if not content.strip():
        raise InvalidValueError(
            "an action item needs its content (内容)", zh="行动事项需要填写内容"
        )
    if not owner.strip():
        raise InvalidValueError(
            "an action item needs a responsible person (--owner)", zh="行动事项需要责任人(--owner)"
        )
    if meeting is not None and due_on < meeting.held_on:
        raise InvalidValueError(
            f"the deadline {due_on} is before the meeting ({meeting.held_on})",
            zh=f"截止日期 {due_on} 早于会议日期({meeting.held_on})",
        )
    item = ActionItem(
        meeting_id=meeting.id if meeting else None,
        content=content.strip(),
        owner=one_line(owner, "the responsible person"),
        due_on=due_on,
        created_at=datetime.now(UTC),
    )
    session.add(item)
    session.flush()
    return item


def get_action(*, session: Session, action_id: int) -> ActionItem:
    """An action item by its number."""
    item = session.get(ActionItem, action_id)
    if item is None:
        raise NotFoundError(
            f"there is no action item {action_id}; see: assoc actions list",
            zh=f"没有编号为 {action_id} 的行动事项;请查看:assoc actions list",
        )
    return item


def complete_action(
    *, session: Session, item: ActionItem, on: date, note: str | None
) -> ActionItem:
    """Mark an action item done (办结)."""
    if item.status == "done":
        raise ConflictError(
            f"action item {item.id} was already done on {item.done_on}",
            zh=f"行动事项 {item.id} 已于 {item.done_on} 完成",
        )
    meeting = session.get(Meeting, item.meeting_id) if item.meeting_id else None
    if meeting is not None and on < meeting.held_on:
        raise InvalidValueError(
            f"{on} is before the meeting that decided it ({meeting.held_on})",
            zh=f"{on} 早于作出该决定的会议({meeting.held_on})",
        )
    item.status = "done"
    item.done_on = on
    item.note = (note or "").strip() or None
    session.add(item)
    session.flush()
    return item


def list_actions(
    *,
    session: Session,
    open_only: bool = False,
    overdue_on: date | None = None,
    owner: str | None = None,
    meeting_ids: list[int] | None = None,
) -> list[tuple[ActionItem, Meeting | None]]:
    """Action items with the meeting that decided them, by deadline."""
    query = select(ActionItem, Meeting).outerjoin(Meeting, col(Meeting.id) == ActionItem.meeting_id)
    if open_only or overdue_on is not None:
        query = query.where(ActionItem.status == "open")
    if overdue_on is not None:
        query = query.where(col(ActionItem.due_on) < overdue_on)
    if owner:
        query = query.where(col(ActionItem.owner).contains(owner.strip()))
    if meeting_ids is not None:
        query = query.where(col(ActionItem.meeting_id).in_(meeting_ids))
    return list(session.exec(query.order_by(col(ActionItem.due_on), col(ActionItem.id))))


ACTION_COLUMNS = [
    Column("id", kind="int"),
    Column("content"),
    Column("owner"),
    Column("due_on", kind="date"),
    Column("status", kind="enum", enum_prefix="action."),
    Column("done_on", kind="date"),
    Column("meeting"),
    Column("note"),
]


def actions_listing(
    *,
    session: Session,
    open_only: bool = False,
    overdue_on: date | None = None,
    owner: str | None = None,
) -> Listing:
    """``assoc actions list``: action items by deadline, with the title of the meeting that
    decided them."""
    items = list_actions(session=session, open_only=open_only, overdue_on=overdue_on, owner=owner)
    titles = describe_all(session, [meeting for _, meeting in items if meeting])
    rows = [
        {
            "id": item.id,
            "content": item.content,
            "owner": item.owner,
            "due_on": item.due_on,
            "status": item.status,
            "done_on": item.done_on,
            "meeting": titles[meeting.id or 0] if meeting else None,
            "note": item.note,
        }
        for item, meeting in items
    ]
    return Listing(ACTION_COLUMNS, rows)
