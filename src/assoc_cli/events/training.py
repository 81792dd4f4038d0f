"""A training class's participants (培训班报名): member units send named participants,
others come too; places are limited and a waitlist (候补) fills them in order; each
participant's fee is fixed when registering — one for a member in good standing on the
class day, one for others (voluntary: never a condition of membership).

Fees are a ledger of their own, kept by the dues ledger's rules: a payment gets the next
receipt of the fees' gap-free series (PX2020-0001, by the payment's year) under one lock,
is never edited or deleted, and is corrected by a void that names it (作废, once, with a
reason); a participant already paid in full cannot be paid again.

Sign-in is per session (签到); the attendance rate is per session too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from assoc_cli.db.locks import serialize
from assoc_cli.db.models import (
    EventClass,
    EventFee,
    EventRegistration,
    EventSession,
    EventSignin,
    Meeting,
    Member,
)
from assoc_cli.errors import ConflictError, InvalidValueError, NotFoundError
from assoc_cli.i18n.controls import one_line
from assoc_cli.i18n.money import format_money

REGISTERED, WAITLISTED, CANCELLED = "registered", "waitlisted", "cancelled"
PAYMENT, VOID = "payment", "void"
RECEIPT_PREFIX = "PX"
FEE_RECEIPT = re.compile(r"^PX\d{4}-\d{4,}$")


# ---------------------------------------------------------------- the class's terms


def class_terms(session: Session, meeting: Meeting) -> EventClass:
    """The class's terms (no capacity, no fees, every session for a certificate when none
    were set)."""
    terms = session.get(EventClass, meeting.id)
    return terms or EventClass(meeting_id=meeting.id)  # type: ignore[arg-type]


def set_class_terms(
    *,
    session: Session,
    meeting: Meeting,
    capacity: int | None = None,
    fee_member: int | None = None,
    fee_other: int | None = None,
    min_sessions: int | None = None,
) -> EventClass:
    """Set the class's places, fees (fen) and the sessions a certificate needs; what is not
    given stays. Fewer places than participants already registered is refused."""
    terms = session.get(EventClass, meeting.id) or EventClass(meeting_id=meeting.id)  # type: ignore[arg-type]
    if capacity is not None:
        if capacity < 1:
            raise InvalidValueError("a class has at least one place", zh="培训班至少有一个名额")
        taken = _count(session, meeting, REGISTERED)
        if capacity < taken:
            raise ConflictError(
                f"{taken} participants are already registered; a capacity of {capacity} "
                "would leave some without a place (cancel registrations first)",
                zh=f"已有 {taken} 人报名，名额 {capacity} 不够（请先取消报名）",
            )
        terms.capacity = capacity
    for name, value in (("fee_member", fee_member), ("fee_other", fee_other)):
        if value is not None:
            if value < 0:
                raise InvalidValueError("a fee is zero or more", zh="费用不能为负")
            setattr(terms, name, value)
    if min_sessions is not None:
        if min_sessions < 1:
            raise InvalidValueError(
                "a certificate needs at least one session", zh="结业至少需要出席一个场次"
            )
        terms.min_sessions = min_sessions
    session.add(terms)
    session.flush()
    return terms


def _count(session: Session, meeting: Meeting, status: str) -> int:
    return int(
        session.exec(
            select(func.count()).where(
                EventRegistration.meeting_id == meeting.id, EventRegistration.status == status
            )
        ).one()
    )


# ---------------------------------------------------------------- registrations


@dataclass(frozen=True)
class Participant:
    """A participant as typed: name, the unit that sends them (a member's name or short
    name, or any organisation), post and phone."""

    name: str
    unit: str = ""
    post: str | None = None
    phone: str | None = None


def _member_in_good_standing(session: Session, unit: str, day: date) -> tuple[Member | None, bool]:
    """The member unit named *unit* (its name or short name), and whether it is a member on
    *day* (its membership period covers the class day)."""
    from assoc_cli.meetings.queries import members_on

    if not unit:
        return None, False
    member = session.exec(
        select(Member).where((Member.name == unit) | (Member.short_name == unit))
    ).first()
    if member is None:
        return None, False
    good = session.exec(select(Member.id).where(Member.id == member.id, members_on(day))).first()
    return member, good is not None


def register(
    *,
    session: Session,
    meeting: Meeting,
    people: list[Participant],
    waitlist: bool = False,
) -> list[EventRegistration]:
    """Register participants in the order given. Over the class's capacity they are refused
    — all of them, nothing is written — unless *waitlist*, when those beyond it wait (候补).
    Someone already registered (the same name and unit) is refused, and so is the same
    person typed twice."""
    if not people:
        raise InvalidValueError("name at least one participant", zh="请至少写一名学员")
    _check_open(meeting)
    serialize(session, f"assoc.class.{meeting.id}")
    terms = class_terms(session, meeting)
    existing = {
        (r.name, r.unit): r
        for r in session.exec(
            select(EventRegistration).where(EventRegistration.meeting_id == meeting.id)
        )
    }
    cleaned: list[Participant] = []
    for person in people:
        name = one_line(person.name, "the name")
        if not name:
            raise InvalidValueError("a participant needs a name", zh="学员需要姓名")
        unit = one_line(person.unit or "", "the unit")
        member, _ = _member_in_good_standing(session, unit, meeting.held_on)
        unit = member.name if member else unit  # 双涵 is 山东双涵有限公司
        key = (name, unit)
        where = f"{unit} " if unit else ""
        if key in existing:
            status = existing[key].status
            raise ConflictError(
                f"{where}{name} is already registered for meeting #{meeting.id} ({status})",
                zh=f"{where}{name} 已报名会议 #{meeting.id}（{_STATUS_ZH[status]}）",
            )
        if any((p.name, p.unit) == key for p in cleaned):
            raise ConflictError(f"{where}{name} is typed twice", zh=f"{where}{name} 重复填写")
        cleaned.append(
            Participant(
                name,
                unit,
                one_line(person.post or "", "the post") or None,
                one_line(person.phone or "", "the phone") or None,
            )
        )
    taken = _count(session, meeting, REGISTERED)
    free = None if terms.capacity is None else terms.capacity - taken
    if free is not None and len(cleaned) > free and not waitlist:
        raise ConflictError(
            f"the class has {terms.capacity} places and {taken} are taken: {len(cleaned)} more "
            "do not fit (nobody was registered); add --waitlist to put those beyond it on the "
            "waitlist",
            zh=f"培训班名额 {terms.capacity} 个，已报 {taken} 人，再报 {len(cleaned)} 人超出名额"
            "（均未登记）；如需候补请加 --waitlist",
        )
    added = []
    now = datetime.now(UTC)
    for index, person in enumerate(cleaned):
        member, good = _member_in_good_standing(session, person.unit, meeting.held_on)
        status = REGISTERED if free is None or index < free else WAITLISTED
        row = EventRegistration(
            meeting_id=meeting.id,  # type: ignore[arg-type]
            member_id=member.id if member else None,
            unit=person.unit,
            name=person.name,
            post=person.post,
            phone=person.phone,
            status=status,
            fee_due=terms.fee_member if good else terms.fee_other,
            registered_at=now,
        )
        session.add(row)
        added.append(row)
    session.flush()
    return added


_STATUS_ZH = {REGISTERED: "已报名", WAITLISTED: "候补", CANCELLED: "已取消"}


def _check_open(meeting: Meeting) -> None:
    """A cancelled class takes no registrations and no sign-ins."""
    if meeting.status == "cancelled":
        raise ConflictError(
            f"meeting #{meeting.id} is cancelled ({meeting.cancel_reason})",
            zh=f"会议 #{meeting.id} 已取消（{meeting.cancel_reason}）",
        )


def find_registration(
    *, session: Session, meeting: Meeting, name: str, unit: str | None = None
) -> EventRegistration:
    """A participant of the class by name (and unit, when two share a name)."""
    query = select(EventRegistration).where(
        EventRegistration.meeting_id == meeting.id, EventRegistration.name == name.strip()
    )
    if unit:
        query = query.where(col(EventRegistration.unit).contains(unit.strip()))
    rows = list(session.exec(query))
    if not rows:
        raise NotFoundError(
            f"{name} is not registered for meeting #{meeting.id}; see: assoc events "
            f"registrations {meeting.id}",
            zh=f"{name} 没有报名会议 #{meeting.id}；"
            f"请查看：assoc events registrations {meeting.id}",
        )
    if len(rows) > 1:
        units = "; ".join(r.unit or "-" for r in rows)
        raise ConflictError(
            f"several participants are called {name} ({units}); add --unit",
            zh=f"有多名学员叫 {name}（{units}）；请加 --unit",
        )
    return rows[0]


def cancel_registration(
    *, session: Session, meeting: Meeting, registration: EventRegistration
) -> EventRegistration | None:
    """Cancel a registration; the first on the waitlist takes the place (returned)."""
    if registration.status == CANCELLED:
        raise ConflictError(
            f"{registration.name}'s registration is already cancelled",
            zh=f"{registration.name} 的报名已取消",
        )
    serialize(session, f"assoc.class.{meeting.id}")
    was = registration.status
    registration.status = CANCELLED
    session.add(registration)
    session.flush()
    if was != REGISTERED:
        return None
    first = session.exec(
        select(EventRegistration)
        .where(
            EventRegistration.meeting_id == meeting.id,
            EventRegistration.status == WAITLISTED,
        )
        .order_by(col(EventRegistration.id))
    ).first()
    if first is not None:
        first.status = REGISTERED
        session.add(first)
        session.flush()
    return first


def registrations(*, session: Session, meeting: Meeting) -> list[EventRegistration]:
    """Everyone registered for the class, in the order they registered."""
    return list(
        session.exec(
            select(EventRegistration)
            .where(EventRegistration.meeting_id == meeting.id)
            .order_by(col(EventRegistration.id))
        )
    )


# ---------------------------------------------------------------- fees


def paid_fen(session: Session, registration_ids: list[int]) -> dict[int, int]:
    """What each registration has paid: its payments less the voided ones (one query)."""
    if not registration_ids:
        return {}
    voided = select(EventFee.reverses_id).where(col(EventFee.reverses_id).is_not(None))
    rows = session.exec(
        select(EventFee.registration_id, func.sum(EventFee.amount_fen))
        .where(
            col(EventFee.registration_id).in_(registration_ids),
            EventFee.kind == PAYMENT,
            col(EventFee.id).not_in(voided),
        )
        .group_by(col(EventFee.registration_id))
    )
    return {int(rid): int(total or 0) for rid, total in rows}


def _next_receipt(session: Session, year: int) -> tuple[str, int]:
    highest = session.exec(
        select(func.max(EventFee.receipt_seq)).where(EventFee.receipt_year == year)
    ).one()
    seq = int(highest or 0) + 1
    return f"{RECEIPT_PREFIX}{year}-{seq:04d}", seq


def pay_fee(
    *,
    session: Session,
    registration: EventRegistration,
    on: date,
    amount_fen: int | None = None,
    method: str | None = None,
    again: bool = False,
) -> EventFee:
    """Record a participant's fee with the next receipt of the fees' series (by the
    payment's year). The amount is what is still owed unless given; paying a participant
    already paid in full, more than is owed, or a cancelled one, is refused."""
    if registration.status == CANCELLED:
        raise ConflictError(
            f"{registration.name}'s registration is cancelled; nothing to pay",
            zh=f"{registration.name} 的报名已取消，无需缴费",
        )
    # Checks and numbering under one lock, as dues payments: two clerks entering the same
    # fee at once must not both pass the repeat check nor draw the same number.
    serialize(session, "assoc.fee-receipts")
    if registration.fee_due == 0:
        raise ConflictError(
            f"{registration.name} has no fee to pay (free of charge)",
            zh=f"{registration.name} 无需缴费（免费）",
        )
    paid = paid_fen(session, [registration.id or 0]).get(registration.id or 0, 0)
    owed = registration.fee_due - paid
    if owed <= 0:
        raise ConflictError(
            f"{registration.name} has already paid {format_money(paid)} "
            f"(the fee is {format_money(registration.fee_due)}); nothing was paid twice",
            zh=f"{registration.name} 已缴 {format_money(paid)}（费用 "
            f"{format_money(registration.fee_due)}），没有重复收款",
        )
    amount = owed if amount_fen is None else amount_fen
    if amount <= 0:
        raise InvalidValueError("a payment must be more than zero", zh="缴费金额必须大于零")
    if amount > owed:
        raise ConflictError(
            f"{registration.name} owes {format_money(owed)}; {format_money(amount)} is more",
            zh=f"{registration.name} 应缴 {format_money(owed)}，{format_money(amount)} 超出",
        )
    if not again:
        # As with dues: the same amount from the same person on the same day is taken for
        # the same payment entered twice, unless the clerk says it is another (--again).
        voided = select(EventFee.reverses_id).where(col(EventFee.reverses_id).is_not(None))
        twin = session.exec(
            select(EventFee).where(
                EventFee.registration_id == registration.id,
                EventFee.kind == PAYMENT,
                EventFee.amount_fen == amount,
                EventFee.entry_on == on,
                col(EventFee.id).not_in(voided),
            )
        ).first()
        if twin is not None:
            raise ConflictError(
                f"{registration.name} already paid {format_money(amount)} on {on} "
                f"({twin.receipt}); if this is another payment, add --again",
                zh=f"{registration.name} 已于 {on} 缴纳 {format_money(amount)}（{twin.receipt}）；"
                "如确为另一笔，请加 --again",
            )
    receipt, seq = _next_receipt(session, on.year)
    fee = EventFee(
        registration_id=registration.id,  # type: ignore[arg-type]
        kind=PAYMENT,
        amount_fen=amount,
        entry_on=on,
        receipt=receipt,
        receipt_year=on.year,
        receipt_seq=seq,
        method=one_line(method or "", "the method") or None,
        created_at=datetime.now(UTC),
    )
    session.add(fee)
    session.flush()
    return fee


def void_fee(*, session: Session, receipt: str, on: date, reason: str) -> EventFee:
    """Reverse a fee payment with a void entry naming it; the payment stays on record."""
    if not reason.strip():
        raise InvalidValueError(
            "a void needs a reason (--reason), e.g. 重复录入",
            zh="作废需要说明理由（--reason），例如 重复录入",
        )
    original = session.exec(
        select(EventFee).where(EventFee.receipt == receipt.strip(), EventFee.kind == PAYMENT)
    ).first()
    if original is None:
        raise NotFoundError(f"there is no fee receipt {receipt}", zh=f"没有培训费收据 {receipt}")
    existing = session.exec(select(EventFee).where(EventFee.reverses_id == original.id)).first()
    if existing is not None:
        raise ConflictError(
            f"{receipt} was already voided on {existing.entry_on} ({existing.reason})",
            zh=f"{receipt} 已于 {existing.entry_on} 作废（{existing.reason}）",
        )
    if on < original.entry_on:
        raise InvalidValueError(
            f"{receipt} was recorded on {original.entry_on}; it cannot be voided before that",
            zh=f"{receipt} 登记于 {original.entry_on}；不能在此之前作废",
        )
    void = EventFee(
        registration_id=original.registration_id,
        kind=VOID,
        amount_fen=original.amount_fen,
        entry_on=on,
        reason=one_line(reason, "the reason"),
        reverses_id=original.id,
        created_at=datetime.now(UTC),
    )
    session.add(void)
    session.flush()
    return void


# ---------------------------------------------------------------- sign-in


def sign_in(
    *,
    session: Session,
    block: EventSession,
    registrations_in: list[EventRegistration],
) -> list[EventSignin]:
    """Sign participants in at a session; someone not registered (waitlisted, cancelled)
    or already signed in there is refused."""
    meeting = session.get(Meeting, block.meeting_id)
    assert meeting is not None
    _check_open(meeting)
    signed = {
        s.registration_id
        for s in session.exec(select(EventSignin).where(EventSignin.session_id == block.id))
    }
    rows = []
    for registration in registrations_in:
        if registration.status != REGISTERED:
            raise ConflictError(
                f"{registration.name} is {registration.status}, not registered: no sign-in",
                zh=f"{registration.name} 为{_STATUS_ZH[registration.status]}状态，不能签到",
            )
        if registration.id in signed:
            raise ConflictError(
                f"{registration.name} has already signed in at {block.label}",
                zh=f"{registration.name} 已在{block.label}签到",
            )
        signed.add(registration.id or 0)
        row = EventSignin(
            session_id=block.id,  # type: ignore[arg-type]
            registration_id=registration.id,  # type: ignore[arg-type]
            created_at=datetime.now(UTC),
        )
        session.add(row)
        rows.append(row)
    session.flush()
    return rows


def sessions_attended(session: Session, meeting: Meeting) -> dict[int, int]:
    """How many sessions each registration signed in at (one query)."""
    rows = session.exec(
        select(EventSignin.registration_id, func.count())
        .join(EventSession, col(EventSession.id) == EventSignin.session_id)
        .where(EventSession.meeting_id == meeting.id)
        .group_by(col(EventSignin.registration_id))
    )
    return {int(rid): int(n) for rid, n in rows}
