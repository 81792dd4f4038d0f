"""One payment at the counter (缴费): checked, numbered, written and logged on the Core
tables, so ``assoc dues pay`` neither imports the ORM nor waits for it to load — it costs
what a report costs (issue 16). ORM callers (the demo, the tests) pass their session: it
is flushed first, and the new entry can be loaded from its id.

Every entry is written once and never changed; a mistaken payment is voided by a new
``void`` entry that names it (``dues/service.py``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from assoc_cli.db.audit import insert_logged
from assoc_cli.db.locks import serialize
from assoc_cli.dues.choices import METHOD_NAMES, EntryKind, PaymentMethod
from assoc_cli.dues.ledger import entry_t
from assoc_cli.dues.statement import Position, member_position
from assoc_cli.errors import ConflictError, InvalidValueError
from assoc_cli.i18n import t
from assoc_cli.i18n.controls import one_line
from assoc_cli.i18n.money import format_money

if TYPE_CHECKING:
    from assoc_cli.db.reader import DbSession, Unit

PAYMENT = EntryKind.payment.value
# Receipts assoc issues itself: 2022-0001, gap-free within each calendar year.
AUTO_RECEIPT = re.compile(r"^\d{4}-\d{4,}$")
MIN_YEAR, MAX_YEAR = 1980, 2100
MAX_REFERENCE = 100  # dues_entry.reference


def check_year(year: int) -> int:
    """A plausible dues year."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InvalidValueError(
            f"year {year} is out of range; give a year like 2022",
            zh=f"年度 {year} 超出范围；请给出像 2022 这样的年份",
        )
    return year


def parse_method(text: str) -> str:
    """银行转账, 现金, 微信, 支付宝 or 其他 (English names accepted)."""
    method = METHOD_NAMES.get(text.strip().lower())
    if method is None:
        raise InvalidValueError(
            f'payment method "{text}" is not one of {", ".join(PaymentMethod)}',
            zh=f"缴费方式“{text}”不在 {'、'.join(PaymentMethod)} 之中",
        )
    return method.value


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


def next_receipt(session: DbSession, year: int) -> tuple[str, int]:
    """The next receipt number of *year* (2022-0001 style) and its sequence number. Call
    it under ``serialize(session, "assoc.receipts")`` so two clerks never draw the same."""
    query = select(func.max(entry_t.c.receipt_seq)).where(entry_t.c.receipt_year == year)
    seq = int(session.connection().execute(query).scalar() or 0) + 1
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


@dataclass(frozen=True)
class Payer:
    """The member paying: its id, number and name."""

    id: int
    number: str
    name: str

    @classmethod
    def of(cls, member: Any) -> Payer:
        """From a member row (a mapping, ``members.lookup.find_member``) or model."""
        if isinstance(member, Mapping):
            return cls(int(member["id"]), str(member["number"]), str(member["name"]))
        return cls(int(member.id), str(member.number), str(member.name))


def counter_checks(
    *, session: DbSession, member: Payer, payment: PaymentInput, reference: str | None
) -> None:
    """Refuse a payment that repeats one already recorded, reuses a bank reference, or
    leaves more credit than one year's dues (``dues/checks.py``), naming the first problem."""
    from assoc_cli.dues.checks import Intended, payment_problems

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
    """A payment just recorded: its entry (the new ``dues_entry`` row, every column),
    who paid, and the member's position after it."""

    entry: Mapping[str, Any]
    number: str
    name: str
    position: Position

    @property
    def entry_id(self) -> int:
        """The new entry's id."""
        return int(self.entry["id"])

    @property
    def receipt(self) -> str:
        """The receipt number: the next 2022-0001 style number, or the member's own."""
        return str(self.entry["receipt"] or "")

    def sentences(self, lang: str) -> list[str]:
        """What people are told: the payment, then where the member stands."""
        paid = t(
            "msg.paid",
            lang,
            number=self.number,
            name=self.name,
            amount=format_money(self.entry["amount_fen"]),
            method=self.entry["method"],
            receipt=self.entry["receipt"],
        )
        return [paid, t("msg.after_payment", lang, summary=self.position.summary(lang))]


def _own_receipt(session: DbSession, text: str) -> str:
    """The member's own receipt number (``--receipt``), refused when it looks like one
    assoc issues, is too long, or is recorded already."""
    receipt = one_line(text, "the receipt number")
    if AUTO_RECEIPT.match(receipt):
        raise InvalidValueError(
            f"receipt numbers like {receipt} are issued by assoc itself; leave --receipt out, "
            "or give the number from your own receipt book (e.g. SJ-000123)",
            zh=f"{receipt} 这样的收据号由 assoc 自动编号；"
            "请不要给 --receipt，或填写自有收据本上的号码（例如 SJ-000123）",
        )
    if len(receipt) > 50:
        raise InvalidValueError(
            "a receipt number has at most 50 characters", zh="收据号最多 50 个字符"
        )
    clash = (
        session.connection()
        .execute(
            select(entry_t.c.amount_fen, entry_t.c.entry_on).where(entry_t.c.receipt == receipt)
        )
        .first()
    )
    if clash is not None:
        amount, on = clash
        raise ConflictError(
            f"receipt {receipt} is already recorded ({format_money(amount)} on {on}); "
            "nothing was paid twice",
            zh=f"收据号 {receipt} 已登记（{on} {format_money(amount)}）；"
            "没有重复收款，请核对后重试",
        )
    return receipt


def record_payment(*, session: Unit, member: Any, payment: PaymentInput) -> PaymentRecorded:
    """Record a payment (缴费) by *member* (a member row or model) with a receipt
    number; it settles the named year, or the oldest outstanding years first, and any
    excess is credit. Returns it with the member's position after it, as of the
    payment's date or today, whichever is later."""
    payer = Payer.of(member)
    if payment.amount_fen <= 0:
        raise InvalidValueError("a payment must be more than zero", zh="缴费金额必须大于零")
    if not MIN_YEAR <= payment.on.year <= MAX_YEAR:
        raise InvalidValueError(
            f"payment date {payment.on} is out of range; check --on",
            zh=f"缴费日期 {payment.on} 超出范围；请检查 --on",
        )
    if payment.year is not None:
        check_year(payment.year)
    reference = check_reference(payment.reference)
    flush = getattr(session, "flush", None)
    if flush is not None:  # an ORM session: what it holds goes first
        flush()
    # Checks and numbering under one lock: two clerks entering the same payment at once
    # must not both pass the repeat check, nor draw the same number.
    serialize(session, "assoc.receipts")
    receipt_year: int | None = None
    receipt_seq: int | None = None
    if payment.receipt:
        receipt = _own_receipt(session, payment.receipt)
    else:
        receipt, receipt_seq = next_receipt(session, payment.on.year)
        receipt_year = payment.on.year
    counter_checks(session=session, member=payer, payment=payment, reference=reference)
    values = {
        "member_id": payer.id,
        "kind": PAYMENT,
        "year": payment.year,
        "amount_fen": payment.amount_fen,
        "entry_on": payment.on,
        "receipt": receipt,
        "receipt_year": receipt_year,
        "receipt_seq": receipt_seq,
        "method": payment.method,
        "payer": (payment.payer or "").strip() or None,
        "note": (payment.note or "").strip() or None,
        "reference": reference,
        "created_at": datetime.now(UTC),
    }
    entry = insert_logged(session, entry_t, values)
    position = member_position(session, member_id=payer.id, as_of=max(payment.on, date.today()))
    return PaymentRecorded(entry=entry, number=payer.number, name=payer.name, position=position)
