"""The dues ledger (会费台账): rates, payments, waivers, voids.

Every entry is written once and never changed: a mistaken payment is voided by a new
``void`` entry that names it. What a member owes and has paid is computed from the entries
in SQL (``dues/ledger.py``), for any date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from assoc_cli.db.locks import serialize
from assoc_cli.db.models import DuesEntry, DuesNotice, DuesRate, Member, Tier
from assoc_cli.dues.choices import METHOD_NAMES, EntryKind, PaymentMethod
from assoc_cli.dues.policy import dues_policy
from assoc_cli.dues.statement import Position, member_ledger, member_position
from assoc_cli.errors import ConflictError, InvalidValueError, NotFoundError
from assoc_cli.i18n import t
from assoc_cli.i18n.controls import one_line
from assoc_cli.i18n.money import format_money

MAX_TIERS = 4
PAYMENT, WAIVER, VOID = EntryKind.payment.value, EntryKind.waiver.value, EntryKind.void.value
# Receipts assoc issues itself: 2022-0001, gap-free within each calendar year.
AUTO_RECEIPT = re.compile(r"^\d{4}-\d{4,}$")
WAIVER_REF = re.compile(r"^[Ww](\d+)$")
MIN_YEAR, MAX_YEAR = 1980, 2100


def check_year(year: int) -> int:
    """A plausible dues year."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InvalidValueError(
            f"year {year} is out of range; give a year like 2022",
            zh=f"年度 {year} 超出范围;请给出像 2022 这样的年份",
        )
    return year


def parse_method(text: str) -> str:
    """银行转账, 现金, 微信, 支付宝 or 其他 (English names accepted)."""
    method = METHOD_NAMES.get(text.strip().lower())
    if method is None:
        raise InvalidValueError(
            f'payment method "{text}" is not one of {", ".join(PaymentMethod)}',
            zh=f"缴费方式“{text}”不在 {', '.join(PaymentMethod)} 之中",
        )
    return method.value


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


def _next_receipt(session: Session, year: int) -> tuple[str, int]:
    highest = session.exec(
        select(func.max(DuesEntry.receipt_seq)).where(DuesEntry.receipt_year == year)
    ).one()
    seq = int(highest or 0) + 1
    return f"{year}-{seq:04d}", seq


@dataclass(frozen=True)
class PaymentInput:
    """What ``dues pay`` was told."""

    amount_fen: int
    on: date
    year: int | None = None
    method: str = PaymentMethod.bank.value
    receipt: str | None = None
    payer: str | None = None
    note: str | None = None
    # The bank's reference (流水号): recorded once at most.
    reference: str | None = None
    # Record it although it repeats one already recorded (same member, amount, date).
    again: bool = False
    # Record it although it leaves more credit than one year's dues.
    credit: bool = False


MAX_REFERENCE = 100  # dues_entry.reference


def check_reference(text: str | None) -> str | None:
    """A bank reference as stored: one line, at most 100 characters; None when empty."""
    if text is None or not text.strip():
        return None
    reference = one_line(text, "the bank reference")
    if len(reference) > MAX_REFERENCE:
        raise InvalidValueError(
            f"a bank reference has at most {MAX_REFERENCE} characters",
            zh=f"银行流水号最多 {MAX_REFERENCE} 个字符",
        )
    return reference


def counter_checks(
    *, session: Session, member: Member, payment: PaymentInput, reference: str | None
) -> None:
    """Refuse a payment that repeats one already recorded, reuses a bank reference, or
    leaves more credit than one year's dues (``dues/checks.py``), naming the first problem."""
    from assoc_cli.dues.checks import Intended, payment_problems

    assert member.id is not None
    intended = Intended(
        member_id=member.id,
        number=member.number,
        name=member.name,
        amount_fen=payment.amount_fen,
        on=payment.on,
        year=payment.year,
        reference=reference,
    )
    problems = payment_problems(
        session, [intended], again=payment.again, credit=payment.credit, today=date.today()
    )
    if problems:
        raise ConflictError(problems[0].english, zh=problems[0].chinese)


@dataclass(frozen=True)
class PaymentRecorded:
    """A payment just recorded: its entry (with the receipt number), who paid, and the
    member's position after it."""

    entry: DuesEntry
    number: str
    name: str
    position: Position

    @property
    def receipt(self) -> str:
        """The receipt number: the next 2022-0001 style number, or the member's own."""
        return self.entry.receipt or ""

    def sentences(self, lang: str) -> list[str]:
        """What people are told: the payment, then where the member stands."""
        paid = t(
            "msg.paid",
            lang,
            number=self.number,
            name=self.name,
            amount=format_money(self.entry.amount_fen),
            method=self.entry.method,
            receipt=self.entry.receipt,
        )
        return [paid, t("msg.after_payment", lang, summary=self.position.summary(lang))]


def record_payment(*, session: Session, member: Member, payment: PaymentInput) -> PaymentRecorded:
    """Record a payment (缴费) with a receipt number; it settles the named year, or the
    oldest outstanding years first, and any excess is credit. Returns it with the
    member's position after it, as of the payment's date or today, whichever is later."""
    if payment.amount_fen <= 0:
        raise InvalidValueError("a payment must be more than zero", zh="缴费金额必须大于零")
    if not MIN_YEAR <= payment.on.year <= MAX_YEAR:
        raise InvalidValueError(
            f"payment date {payment.on} is out of range; check --on",
            zh=f"缴费日期 {payment.on} 超出范围;请检查 --on",
        )
    if payment.year is not None:
        check_year(payment.year)
    reference = check_reference(payment.reference)
    # Checks and numbering under one lock: two clerks entering the same payment at once
    # must not both pass the repeat check.
    serialize(session, "assoc.receipts")
    receipt_year: int | None = None
    receipt_seq: int | None = None
    if payment.receipt:
        receipt = one_line(payment.receipt, "the receipt number")
        if AUTO_RECEIPT.match(receipt):
            raise InvalidValueError(
                f"receipt numbers like {receipt} are issued by assoc itself; leave --receipt out, "
                "or give the number from your own receipt book (e.g. SJ-000123)",
                zh=f"{receipt} 这样的收据号由 assoc 自动编号;"
                "请不要给 --receipt,或填写自有收据本上的号码(例如 SJ-000123)",
            )
        if len(receipt) > 50:
            raise InvalidValueError(
                "a receipt number has at most 50 characters", zh="收据号最多 50 个字符"
            )
        clash = session.exec(select(DuesEntry).where(DuesEntry.receipt == receipt)).first()
        if clash is not None:
            raise ConflictError(
                f"receipt {receipt} is already recorded ({format_money(clash.amount_fen)} on "
                f"{clash.entry_on}); nothing was paid twice",
                zh=f"收据号 {receipt} 已登记({clash.entry_on} {format_money(clash.amount_fen)});"
                "没有重复收款,请核对后重试",
            )
    else:
        # (Under the lock taken above: two clerks never draw the same number.)
        receipt, receipt_seq = _next_receipt(session, payment.on.year)
        receipt_year = payment.on.year
    counter_checks(session=session, member=member, payment=payment, reference=reference)
    entry = DuesEntry(
        member_id=member.id,  # type: ignore[arg-type]
        kind=PAYMENT,
        year=payment.year,
        amount_fen=payment.amount_fen,
        entry_on=payment.on,
        receipt=receipt,
        receipt_year=receipt_year,
        receipt_seq=receipt_seq,
        method=payment.method,
        payer=(payment.payer or "").strip() or None,
        note=(payment.note or "").strip() or None,
        reference=reference,
        created_at=datetime.now(UTC),
    )
    session.add(entry)
    session.flush()
    assert member.id is not None
    position = member_position(session, member_id=member.id, as_of=max(payment.on, date.today()))
    return PaymentRecorded(entry=entry, number=member.number, name=member.name, position=position)


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
