"""The dues feature's fixed choices, defined once: the CLI's options and the feature's code
use these same enums.

Light on purpose (nothing but ``enum``): ``cli/dues.py`` imports it at start-up to build
its ``--sort``, ``--by`` and ``--join`` choices, and ``assoc dues --help`` must not load
the database stack.
"""

from __future__ import annotations

from enum import StrEnum


class UnpaidSort(StrEnum):
    """Order of the unpaid list."""

    balance = "balance"
    number = "number"
    name = "name"
    strokes = "strokes"


class ReportBy(StrEnum):
    """Grouping of the collection report."""

    tier = "tier"
    segment = "segment"


class JoinPolicy(StrEnum):
    """Whether a unit joining mid-year owes that year."""

    full_year = "full-year"
    next_year = "next-year"


class PaymentMethod(StrEnum):
    """How a payment was received (stored as written here)."""

    bank = "银行转账"
    cash = "现金"
    wechat = "微信"
    alipay = "支付宝"
    other = "其他"


# What may be typed for --method: the names themselves, and English or short ones.
METHOD_NAMES: dict[str, PaymentMethod] = {
    "银行转账": PaymentMethod.bank,
    "转账": PaymentMethod.bank,
    "bank": PaymentMethod.bank,
    "transfer": PaymentMethod.bank,
    "现金": PaymentMethod.cash,
    "cash": PaymentMethod.cash,
    "微信": PaymentMethod.wechat,
    "wechat": PaymentMethod.wechat,
    "支付宝": PaymentMethod.alipay,
    "alipay": PaymentMethod.alipay,
    "其他": PaymentMethod.other,
    "other": PaymentMethod.other,
}


class EntryKind(StrEnum):
    """A ledger entry: a payment (缴费), a waiver (减免), or the void (作废) of either."""

    payment = "payment"
    waiver = "waiver"
    void = "void"


class NoticeKind(StrEnum):
    """A dues notice (会费收缴通知) or a reminder to those still owing (催缴通知)."""

    notice = "notice"
    reminder = "reminder"


class NoticeFormat(StrEnum):
    """The file a notice is written as (its suffix): Markdown, plain text or Word."""

    markdown = "md"
    text = "txt"
    docx = "docx"
