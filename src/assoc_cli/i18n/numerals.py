"""Chinese numerals for ordinals such as 二届, 第三次, 一、二、三…"""

from __future__ import annotations

_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """Write 0..9999 in Chinese numerals the way documents do: 二, 十二, 二十一, 一百零五."""
    if not 0 <= n <= 9999:
        raise ValueError(f"{n} is out of range for Chinese numerals")
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    parts: list[str] = []
    zero = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit:
            if zero and parts:
                parts.append("零")
            parts.append(_DIGITS[digit] + unit)
            zero = False
        else:
            zero = True
    return "".join(parts)
