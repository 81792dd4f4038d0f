"""Money at the edges: parse what people type, print ¥12,000.00 and 大写 capitals.

Inside assoc every amount is an integer number of fen (分); Decimal is used only to read
and write text. No float ever touches an amount.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from assoc_cli.errors import InvalidValueError

_WAN = Decimal(10_000)
_AMOUNT = re.compile(r"^(?P<number>[0-9]+(?:\.[0-9]+)?)(?P<wan>万)?(?:元)?$")
_GROUPED = re.compile(r"^[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?(?:万)?(?:元)?$")
# The largest amount accepted: 100亿 yuan, far above any association's dues.
MAX_FEN = 10**12


def parse_amount(text: str) -> int:
    """Read an amount in yuan — 30000, 30,000.00, ¥30000, 3万, 1.5万元 — as positive fen.

    Zero, negative amounts and more than two decimals (below a fen) are refused.
    """
    cleaned = (
        text.strip()
        .replace(",", ",")
        .replace(" ", "")
        .replace("¥", "")
        .replace("￥", "")
        .replace("RMB", "")
        .replace("CNY", "")
    )
    if "," in cleaned:
        # Thousands separators only where they belong: 30,000.00 yes, 3,0000 no.
        if not _GROUPED.match(cleaned):
            raise InvalidValueError(
                f'amount "{text}" has its commas in the wrong places; write 30,000.00 or 30000',
                zh=f"金额“{text}”的逗号位置不对;请写成 30,000.00 或 30000",
            )
        cleaned = cleaned.replace(",", "")
    if cleaned.startswith("-") or cleaned.startswith("−"):
        raise InvalidValueError(
            f'amount "{text}" is negative; to take money back, void its receipt',
            zh=f"金额“{text}”为负数;如要退款,请作废其收据",
        )
    match = _AMOUNT.match(cleaned)
    if not match:
        raise InvalidValueError(
            f'amount "{text}" is not an amount of yuan; '
            "write it like 30000, 30,000.00, ¥30000 or 3万",
            zh=f"金额“{text}”不是以元计的金额;请写成 30000、30,000.00、¥30000 或 3万",
        )
    try:
        yuan = Decimal(match.group("number"))
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only digits
        raise InvalidValueError(
            f'amount "{text}" is not a number', zh=f"金额“{text}”不是数字"
        ) from exc
    if match.group("wan"):
        yuan *= _WAN
    fen = yuan * 100
    if fen != fen.to_integral_value():
        raise InvalidValueError(
            f'amount "{text}" has more than two decimals; the smallest unit is a fen (0.01)',
            zh=f"金额“{text}”超过两位小数;最小单位是分(0.01)",
        )
    if fen <= 0:
        raise InvalidValueError(
            f'amount "{text}" must be more than zero', zh=f"金额“{text}”必须大于零"
        )
    if fen > MAX_FEN:
        raise InvalidValueError(
            f'amount "{text}" is implausibly large; check the number of digits',
            zh=f"金额“{text}”大得不合常理;请检查位数",
        )
    return int(fen)


def fen_to_decimal(fen: int) -> Decimal:
    """Fen as a Decimal number of yuan with two places."""
    return (Decimal(fen) / 100).quantize(Decimal("0.01"))


def format_money(fen: int) -> str:
    """¥12,000.00 (a minus sign before the ¥ for negative amounts)."""
    fen = int(fen)
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}¥{whole:,}.{cents:02d}"


_CAPITAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS = ("", "拾", "佰", "仟")
_BIG_UNITS = ("", "万", "亿", "万亿")


def _four_digits(group: int) -> str:
    text = ""
    zero = False
    for position in range(3, -1, -1):
        digit = group // 10**position % 10
        if digit == 0:
            zero = bool(text)
            continue
        if zero:
            text += "零"
            zero = False
        text += _CAPITAL_DIGITS[digit] + _SMALL_UNITS[position]
    return text


def capital_amount(fen: int) -> str:
    """The amount in Chinese financial capitals (大写), as on receipts and notices:
    30000 元 -> 叁万元整, 1005.10 -> 壹仟零伍元壹角, 100.05 -> 壹佰元零伍分."""
    if fen < 0:
        return "负" + capital_amount(-fen)
    yuan, cents = divmod(fen, 100)
    jiao, fen_digit = divmod(cents, 10)
    text = ""
    if yuan:
        groups = []
        rest = yuan
        while rest:
            groups.append(rest % 10_000)
            rest //= 10_000
        need_zero = False
        for index in range(len(groups) - 1, -1, -1):
            group = groups[index]
            if group == 0:
                need_zero = bool(text)
                continue
            if text and (need_zero or group < 1000):
                text += "零"
            text += _four_digits(group) + _BIG_UNITS[index]
            need_zero = False
        text += "元"
    if not jiao and not fen_digit:
        return (text or "零元") + "整"
    if jiao:
        text += _CAPITAL_DIGITS[jiao] + "角"
    elif text:
        text += "零"
    if fen_digit:
        text += _CAPITAL_DIGITS[fen_digit] + "分"
    return text
