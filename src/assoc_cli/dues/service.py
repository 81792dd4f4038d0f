"""The dues ledger (会费台账): rates, payments, waivers, voids.

Every entry is written once and never changed: a mistaken payment is voided by a new
``void`` entry that names it. What a member owes and has paid is computed from the entries
in SQL (``dues/ledger.py``), for any date.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from sqlmodel import Session, col, select

from assoc_cli.db.models import DuesEntry, DuesNotice, DuesRate, Member, Tier
from assoc_cli.dues.choices import EntryKind
from assoc_cli.dues.payment import (
    PaymentInput,
    PaymentRecorded,
    check_year,
    parse_method,
    record_payment,
)
from assoc_cli.dues.policy import dues_policy
from assoc_cli.dues.statement import member_ledger
from assoc_cli.errors import ConflictError, InvalidValueError, NotFoundError
from assoc_cli.i18n.money import format_money

MAX_TIERS = 4
PAYMENT, WAIVER, VOID = EntryKind.payment.value, EntryKind.waiver.value, EntryKind.void.value
WAIVER_REF = re.compile(r"^[Ww](\d+)$")
# (Payments are written on the Core tables, in dues/payment.py; named here for callers.)
__all__ = ["PaymentInput", "PaymentRecorded", "check_year", "parse_method", "record_payment"]


def set_rate(
    *, session: Session, year: int, tier_name: str, amount_fen: int, adopted_by: str | None
) -> tuple[DuesRate, int | None]:
    """Set one tier's annual dues for *year*; returns (rate, the amount it replaced)."""
    check_year(year)
    if amount_fen < 0:
        raise InvalidValueError("a dues rate cannot be negative", zh="会费标准不能为负数")
    tier = session.exec(select(Tier).where(Tier.name == tier_name.strip())).first()
    if tier is None:
        tiers = list(session.exec(select(Tier).order_by(col(Tier.rank))))
        if len(tiers) >= MAX_TIERS:
            raise ConflictError(
                f'there is no tier "{tier_name}", and a fifth tier is not allowed: Chinese rules '
                f"for social organisations allow at most {MAX_TIERS} dues tiers "
                "(会费档次不得超过4档); "
                f"use one of {', '.join(t.name for t in tiers)}",
                zh=f"没有档次“{tier_name}”,也不能再增加第五档:社会组织会费档次不得超过{MAX_TIERS}档;"
                f"请使用 {'、'.join(t.name for t in tiers)} 之一",
            )
        tier = Tier(name=tier_name.strip(), rank=(tiers[-1].rank + 1) if tiers else 1)
        session.add(tier)
        session.flush()
    rate = session.exec(
        select(DuesRate).where(DuesRate.year == year, DuesRate.tier_id == tier.id)
    ).first()
    previous = rate.amount_fen if rate is not None else None
    if rate is None:
        assert tier.id is not None
        rate = DuesRate(
            year=year, tier_id=tier.id, amount_fen=amount_fen, created_at=datetime.now(UTC)
        )
    rate.amount_fen = amount_fen
    if adopted_by is not None:
        rate.adopted_by = adopted_by.strip() or None
    session.add(rate)
    session.flush()
    return rate, previous


def record_waiver(
    *,
    session: Session,
    member: Member,
    year: int,
    amount_fen: int,
    on: date,
    reason: str,
    approved_by: str | None,
) -> DuesEntry:
    """Record a reduction (减免) of *member*'s dues for *year*. It cannot exceed the year's
    dues (less what was already waived), nor what is still owed — read from the ledger as
    of the decision or the end of *year*, whichever is later."""
    check_year(year)
    assert member.id is not None
    rows = member_ledger(
        session, dues_policy(session), member_id=member.id, as_of=max(on, date(year, 12, 31))
    )
    row = next((row for row in rows if row["year"] == year), None)
    due_fen, waived_fen, balance_fen = (
        (int(row["due"]), int(row["waived"]), int(row["balance"])) if row else (0, 0, 0)
    )
    if not reason.strip():
        raise InvalidValueError(
            "a waiver needs a reason (--reason), e.g. 理事会决议减免",
            zh="减免需要说明理由(--reason),例如 理事会决议减免",
        )
    if due_fen <= 0:
        raise InvalidValueError(
            f"{member.name} ({member.number}) owes no dues for {year}; there is nothing to waive",
            zh=f"{member.name}({member.number}){year}年度没有应缴会费,无可减免",
        )
    if waived_fen + amount_fen > due_fen:
        raise InvalidValueError(
            f"waiving {format_money(amount_fen)} would exceed the {year} dues of "
            f"{format_money(due_fen)}"
            + (f" (already waived {format_money(waived_fen)})" if waived_fen else ""),
            zh=f"减免 {format_money(amount_fen)} 将超过{year}年度会费 {format_money(due_fen)}"
            + (f"(已减免 {format_money(waived_fen)})" if waived_fen else ""),
        )
    if amount_fen > balance_fen:
        raise InvalidValueError(
            f"only {format_money(balance_fen)} of the {year} dues is still owed; a waiver can "
            "only reduce what is owed (to give money back, void the payment)",
            zh=f"{year}年度会费只剩 {format_money(balance_fen)} 未缴;"
            "减免只能减少尚欠的部分(如要退款,请作废那笔缴费)",
        )
    entry = DuesEntry(
        member_id=member.id,
        kind=WAIVER,
        year=year,
        amount_fen=amount_fen,
        entry_on=on,
        reason=reason.strip(),
        approved_by=(approved_by or "").strip() or None,
        created_at=datetime.now(UTC),
    )
    session.add(entry)
    session.flush()
    return entry


def find_entry(*, session: Session, reference: str) -> DuesEntry:
    """A payment by receipt number, or a waiver by its W-number (W12)."""
    text = reference.strip()
    waiver = WAIVER_REF.match(text)
    if waiver:
        entry = session.get(DuesEntry, int(waiver.group(1)))
        if entry is None or entry.kind != WAIVER:
            raise NotFoundError(
                f"there is no waiver {text}; see: assoc dues statement MEMBER",
                zh=f"没有减免记录 {text};请查看:assoc dues statement 会员",
            )
        return entry
    entry = session.exec(select(DuesEntry).where(DuesEntry.receipt == text)).first()
    if entry is None:
        raise NotFoundError(
            f"there is no receipt {text}; see: assoc dues export --year YEAR",
            zh=f"没有收据 {text};请查看:assoc dues export --year 年度",
        )
    return entry


def void_entry(
    *, session: Session, reference: str, on: date, reason: str
) -> tuple[DuesEntry, DuesEntry]:
    """Reverse a payment or waiver with a void entry; the original stays on record."""
    if not reason.strip():
        raise InvalidValueError(
            "a void needs a reason (--reason), e.g. 重复录入",
            zh="作废需要说明理由(--reason),例如 重复录入",
        )
    original = find_entry(session=session, reference=reference)
    existing = session.exec(select(DuesEntry).where(DuesEntry.reverses_id == original.id)).first()
    if existing is not None:
        raise ConflictError(
            f"{reference} was already voided on {existing.entry_on} ({existing.reason})",
            zh=f"{reference} 已于 {existing.entry_on} 作废({existing.reason})",
        )
    if on < original.entry_on:
        raise InvalidValueError(
            f"{reference} was recorded on {original.entry_on}; it cannot be voided before that",
            zh=f"{reference} 登记于 {original.entry_on};不能在此之前作废",
        )
    void = DuesEntry(
        member_id=original.member_id,
        kind=VOID,
        year=original.year,
        amount_fen=original.amount_fen,
        entry_on=on,
        reason=reason.strip(),
        reverses_id=original.id,
        created_at=datetime.now(UTC),
    )
    session.add(void)
    session.flush()
    return original, void


def entry_reference(entry: DuesEntry) -> str:
    """How an entry is named to people: its receipt number, or W<id> for a waiver."""
    if entry.kind == WAIVER:
        return f"W{entry.id}"
    return entry.receipt or f"#{entry.id}"


def log_notice(
    *,
    session: Session,
    member_id: int,
    year: int,
    kind: str,
    sent_on: date,
    balance_fen: int,
    document: str | None,
) -> DuesNotice:
    """Record that a notice or reminder was sent (for ``dues notices`` and ``--again``)."""
    notice = DuesNotice(
        member_id=member_id,
        year=year,
        kind=kind,
        sent_on=sent_on,
        balance_fen=balance_fen,
        document=document,
        created_at=datetime.now(UTC),
    )
    session.add(notice)
    session.flush()
    return notice
