"""Dates as people write them: 2022-11-30, 2022/11/30, 2022.11.30, 20221130, 2022年11月30日."""

from __future__ import annotations

import re
from datetime import date

from assoc_cli.errors import InvalidValueError

_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def parse_date(text: str, *, what: str = "date") -> date:
    """Parse a date in any of the accepted spellings, or raise with an example."""
    value = text.strip()
    if value.lower() == "today" or value == "今天":
        return date.today()
    for pattern in _PATTERNS:
        match = pattern.match(value)
        if match:
            year, month, day = (int(part) for part in match.groups())
            try:
                return date(year, month, day)
            except ValueError:
                break
    raise InvalidValueError(
        f'{what} "{text}" is not a valid date; write it like 2022-11-30 or 2022年11月30日',
        zh=f"{'日期' if what == 'date' else what}“{text}”不是有效日期;"
        "请写成 2022-11-30 或 2022年11月30日",
    )


def format_date(value: date | None, lang: str) -> str:
    """A date for people: 2022年11月30日 in Chinese, 2022-11-30 in English."""
    if value is None:
        return ""
    if lang == "en":
        return value.isoformat()
    return f"{value.year}年{value.month}月{value.day}日"
