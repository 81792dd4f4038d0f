"""Requests (诉求台账): a member's problem taken in, numbered per year (SQ2026-0001,
gap-free), handled to a deadline in working days, answered, closed and followed up (回访).

Nothing is deleted; each change is an ORM update the audit log records. The deadline the
figures judge by (``judged_due_on``) moves with an extension only when the extension was
granted before that deadline passed: a missed deadline stays missed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import func
from sqlmodel import Session, select

from assoc_cli.db.locks import serialize
from assoc_cli.db.models import Member, ServiceRequest
from assoc_cli.errors import ConflictError, InvalidValueError, NotFoundError
from assoc_cli.i18n.controls import field_name_zh, one_line
from assoc_cli.services.choices import (
    CLOSED,
    DISSATISFIED,
    FOLLOWUPS,
    IN_HAND,
    OPEN_STATUSES,
    RECEIVED,
    REFUSED,
    REPLIED,
    TRANSFERRED,
    check_choice,
    check_one_of,
)
from assoc_cli.services.workdays import add_working_days

NUMBER_PREFIX = "SQ"


def format_request_number(year: int, seq: int) -> str:
    """SQ2026-0001."""
    return f"{NUMBER_PREFIX}{year}-{seq:04d}"


@dataclass(frozen=True)
class NewRequest:
    """What ``requests add`` takes in."""

    member: Member
    received_on: date
    source: str
    category: str
    description: str
    contact: str | None = None
    tags: tuple[str, ...] = ()
    handler: str | None = None
    time_limit: int | None = None
    due_on: date | None = None


def _text(value: str | None, what: str, limit: int) -> str | None:
    if value is None or not value.strip():
        return None
    text = one_line(value, what)
    if len(text) > limit:
        raise InvalidValueError(
            f"{what} is at most {limit} characters",
            zh=f"{field_name_zh(what)}最多{limit}个字符",
        )
    return text


def _long_text(value: str, what: str, what_zh: str, limit: int = 2000) -> str:
    text = value.strip()
    if not text:
        raise InvalidValueError(f"{what} is empty", zh=f"{what_zh}不能为空")
    if len(text) > limit:
        raise InvalidValueError(
            f"{what} is at most {limit} characters", zh=f"{what_zh}最多{limit}个字符"
        )
    return text


def _tags(tags: tuple[str, ...]) -> str | None:
    cleaned: list[str] = []
    for tag in tags:
        for part in re.split(r"[,，、]", tag):
            part = part.strip()
            if part and part not in cleaned:
                cleaned.append(one_line(part, "a tag"))
    joined = "、".join(cleaned)
    if len(joined) > 300:
        raise InvalidValueError("the tags are at most 300 characters", zh="标签合计最多300个字符")
    return joined or None


def add_request(*, session: Session, new: NewRequest) -> ServiceRequest:
    """Take in a request (受理): number it in its year and set its deadline — *time_limit*
    working days after receipt, or the *due_on* given by hand."""
    source = check_choice(session, "source", new.source)
    category = check_choice(session, "category", new.category)
    description = _long_text(new.description, "the description", "诉求内容")
    if new.time_limit is not None and new.due_on is not None:
        raise InvalidValueError(
            "give the time limit (--limit) or the due date (--due), not both",
            zh="办理时限（--limit）与办理期限（--due）只能给出其一",
        )
    due_on = new.due_on
    if new.time_limit is not None:
        due_on = add_working_days(new.received_on, new.time_limit)
    if due_on is not None and due_on < new.received_on:
        raise InvalidValueError(
            f"the due date {due_on} is before the request was received ({new.received_on})",
            zh=f"办理期限 {due_on} 早于受理日期（{new.received_on}）",
        )
    year = new.received_on.year
    # Two staff taking in requests at once must not get the same number (PostgreSQL; a
    # SQLite writer already holds the database's write lock).
    serialize(session, "assoc.request_numbers")
    last = session.exec(
        select(func.max(ServiceRequest.seq)).where(ServiceRequest.year == year)
    ).one()
    seq = int(last or 0) + 1
    assert new.member.id is not None
    request = ServiceRequest(
        year=year,
        seq=seq,
        number=format_request_number(year, seq),
        received_on=new.received_on,
        source=source,
        member_id=new.member.id,
        contact=_text(new.contact, "the contact", 100),
        category=category,
        tags=_tags(new.tags),
        description=description,
        handler=_text(new.handler, "the handler", 100),
        time_limit=new.time_limit,
        due_on=due_on,
        judged_due_on=due_on,
        status=RECEIVED,
        reopened=0,
        created_at=datetime.now(UTC),
    )
    session.add(request)
    session.flush()
    return request


_NUMBER = re.compile(r"^(?:SQ)?(\d{4})-(\d{1,6})$", re.IGNORECASE)


def get_request(*, session: Session, number: str) -> ServiceRequest:
    """A request by its number (SQ2026-0001, or 2026-1)."""
    match = _NUMBER.match(number.strip())
    found = None
    if match:
        year, seq = int(match.group(1)), int(match.group(2))
        found = session.exec(
            select(ServiceRequest).where(ServiceRequest.year == year, ServiceRequest.seq == seq)
        ).first()
    if found is None:
        raise NotFoundError(
            f'there is no request "{number}"; see: assoc requests list',
            zh=f"没有编号为“{number}”的诉求；请查看：assoc requests list",
        )
    return found


def _not_before_receipt(request: ServiceRequest, on: date) -> None:
    if on < request.received_on:
        raise InvalidValueError(
            f"{on} is before {request.number} was received ({request.received_on})",
            zh=f"{on} 早于诉求 {request.number} 的受理日期（{request.received_on}）",
        )


def _require_open(request: ServiceRequest, doing: str, doing_zh: str) -> None:
    if request.status not in OPEN_STATUSES:
        raise ConflictError(
            f"{request.number} is {request.status}: it cannot be {doing}",
            zh=f"诉求 {request.number} 状态为{request.status}，不能{doing_zh}",
        )


def handle_request(
    *,
    session: Session,
    request: ServiceRequest,
    handler: str | None,
    lead_body: str | None,
    assisting: tuple[str, ...],
) -> ServiceRequest:
    """Start handling (办理中): who handles it, and the outside bodies it was passed to
    (主办, 协办)."""
    _require_open(request, "handled", "办理")
    if handler is not None:
        request.handler = _text(handler, "the handler", 100)
    if lead_body is not None:
        request.lead_body = _text(lead_body, "the lead body", 200)
    if assisting:
        request.assisting_bodies = _tags(assisting)
    if request.status == RECEIVED:
        request.status = IN_HAND
    session.add(request)
    session.flush()
    return request


def edit_request(
    *,
    session: Session,
    request: ServiceRequest,
    category: str | None = None,
    source: str | None = None,
    description: str | None = None,
    contact: str | None = None,
    tags: tuple[str, ...] | None = None,
) -> list[str]:
    """Correct what was taken in (类别, 来源, 内容, 联系人, 标签); returns the fields changed.
    The deadline and the status are not edited here: they have their own commands."""
    values: dict[str, str | None] = {}
    if category is not None:
        values["category"] = check_choice(session, "category", category)
    if source is not None:
        values["source"] = check_choice(session, "source", source)
    if description is not None:
        values["description"] = _long_text(description, "the description", "诉求内容")
    if contact is not None:
        values["contact"] = _text(contact, "the contact", 100)
    if tags is not None:
        values["tags"] = _tags(tags)
    changed = [key for key, value in values.items() if getattr(request, key) != value]
    for key in changed:
        setattr(request, key, values[key])
    session.add(request)
    session.flush()
    return changed


def extend_request(
    *, session: Session, request: ServiceRequest, to: date, reason: str, on: date
) -> ServiceRequest:
    """Extend the deadline (延期) to *to*, granted on *on* for *reason*. Granted after the
    deadline had passed, the figures still count the request as late."""
    _require_open(request, "extended", "延期")
    _not_before_receipt(request, on)
    reason_text = _text(reason, "the reason", 300)
    if reason_text is None:
        raise InvalidValueError(
            "an extension needs its reason (--reason)", zh="延期须说明理由（--reason）"
        )
    if request.due_on is not None and to <= request.due_on:
        raise InvalidValueError(
            f"the new due date {to} is not after the current one ({request.due_on})",
            zh=f"新的办理期限 {to} 不晚于现有期限（{request.due_on}）",
        )
    if to < on:
        raise InvalidValueError(
            f"the new due date {to} is before the day it is granted ({on})",
            zh=f"新的办理期限 {to} 早于批准延期的日期（{on}）",
        )
    if request.judged_due_on is None or on <= request.judged_due_on:
        request.judged_due_on = to
    request.due_on = to
    request.extension_reason = reason_text
    request.extended_on = on
    session.add(request)
    session.flush()
    return request


def reply_request(
    *, session: Session, request: ServiceRequest, result: str, on: date
) -> ServiceRequest:
    """Answer the member (已答复) with *result*."""
    _require_open(request, "answered", "答复")
    _not_before_receipt(request, on)
    request.result = _long_text(result, "the result", "办理结果")
    request.replied_on = on
    request.status = REPLIED
    session.add(request)
    session.flush()
    return request


def close_request(
    *, session: Session, request: ServiceRequest, result: str | None, on: date
) -> ServiceRequest:
    """Close it (已办结) on *on*, with its result (needed unless already answered)."""
    _require_open(request, "closed", "办结")
    _not_before_receipt(request, on)
    if result is not None and result.strip():
        request.result = _long_text(result, "the result", "办理结果")
    if not request.result:
        raise InvalidValueError(
            f"{request.number} has no result yet: give it with --result",
            zh=f"诉求 {request.number} 尚无办理结果，请用 --result 填写",
        )
    request.status = CLOSED
    request.closed_on = on
    session.add(request)
    session.flush()
    return request


def refuse_request(
    *, session: Session, request: ServiceRequest, reason: str, on: date
) -> ServiceRequest:
    """Not taken up (不予受理), with the reason told to the member."""
    if request.status != RECEIVED:
        raise ConflictError(
            f"{request.number} is {request.status}: only a request just received can be refused",
            zh=f"诉求 {request.number} 状态为{request.status}，只有刚受理的诉求可以不予受理",
        )
    _not_before_receipt(request, on)
    request.result = _long_text(reason, "the reason", "理由")
    request.status = REFUSED
    request.closed_on = on
    session.add(request)
    session.flush()
    return request


def transfer_request(
    *, session: Session, request: ServiceRequest, body: str, on: date
) -> ServiceRequest:
    """Passed on for good (已转办) to *body*, which handles it from now on."""
    _require_open(request, "transferred", "转办")
    _not_before_receipt(request, on)
    request.lead_body = _text(body, "the body", 200)
    if request.lead_body is None:
        raise InvalidValueError("name the body it goes to (--to)", zh="请写明转办单位（--to）")
    request.status = TRANSFERRED
    request.closed_on = on
    session.add(request)
    session.flush()
    return request


def follow_up_request(
    *, session: Session, request: ServiceRequest, answer: str, on: date
) -> ServiceRequest:
    """Record the follow-up (回访): 满意, 基本满意 or 不满意. 不满意 reopens it (重办): it is
    in hand again and will be closed and followed up again; the log keeps the first round."""
    answer = check_one_of(answer, FOLLOWUPS, "the follow-up", "回访结果")
    if request.status != CLOSED:
        raise ConflictError(
            f"{request.number} is {request.status}: only a closed request is followed up",
            zh=f"诉求 {request.number} 状态为{request.status}，只有已办结的诉求才能回访",
        )
    assert request.closed_on is not None
    if on < request.closed_on:
        raise InvalidValueError(
            f"the follow-up {on} is before {request.number} was closed ({request.closed_on})",
            zh=f"回访日期 {on} 早于诉求 {request.number} 的办结日期（{request.closed_on}）",
        )
    if answer == DISSATISFIED:
        request.status = IN_HAND
        request.closed_on = None
        request.followup = None
        request.followup_on = None
        request.reopened += 1
    else:
        request.followup = answer
        request.followup_on = on
    session.add(request)
    session.flush()
    return request
