"""Chinese text takes full-width punctuation: 时间\uff1a2021年, 会费标准\uff0c贵单位,
\uff08扩大\uff09.

One function puts it right wherever Chinese text is made — messages, errors, papers — so
a half-width ``:,;!?()`` next to Chinese never reaches a reader, while ``14:30``,
``1,000``, ``assoc dues pay`` and English text keep their ASCII.

The full-width marks are written as escapes (``\\uff1a``…): in an editor or a terminal
the two widths look alike, and a half-width mark typed by mistake would go unnoticed.
"""

from __future__ import annotations

import re

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
# , : ; ! ? ( ) and their full-width forms (FF0C, FF1A, FF1B, FF01, FF1F, FF08, FF09).
HALF_WIDTH = ",:;!?()"
FULL_WIDTH = "\uff0c\uff1a\uff1b\uff01\uff1f\uff08\uff09"
_FULL = str.maketrans(HALF_WIDTH, FULL_WIDTH)
# A mark touching a Chinese character on either side: 时间:2021, 3家,其中, 好!
_MARK = re.compile(f"(?<=[{_CJK}])[,:;!?]|[,:;!?](?=[{_CJK}])")
# A pair of parentheses that holds Chinese or touches it outside: (扩大), 公司(M0001).
_PAIR = re.compile(r"(?P<before>.?)\((?P<inside>[^()\n]*)\)(?P<after>.?)")
_HAS_CJK = re.compile(f"[{_CJK}]")
# What must never be left in Chinese text: a half-width mark with Chinese beside it.
HALF_WIDTH_IN_CHINESE = re.compile(f"(?<=[{_CJK}])[,:;!?()]|[,:;!?()](?=[{_CJK}])")


def chinese_punctuation(text: str) -> str:
    """*text* with the ASCII marks that touch Chinese characters made full-width."""
    if not _HAS_CJK.search(text):
        return text

    def mark(match: re.Match[str]) -> str:
        return match.group().translate(_FULL)

    def pair(match: re.Match[str]) -> str:
        # Chinese outside the pair, or inside it unless it follows an English word: "a term
        # (二届二次…)" is English with a Chinese gloss and keeps its ASCII.
        before, inside, after = match.group("before", "inside", "after")
        start = match.start("before")
        english = bool(re.fullmatch(r"[A-Za-z0-9.,;:]? ?", before)) and bool(
            re.search(r"[A-Za-z0-9.,;:] ?$", text[max(start - 1, 0) : start] + before)
        )
        if _HAS_CJK.search(before + after) or (_HAS_CJK.search(inside) and not english):
            return f"{before}\uff08{inside}\uff09{after}"
        return match.group()

    text = _MARK.sub(mark, text)
    text = _PAIR.sub(pair, text)
    # Again: a mark after a parenthesis made full-width just now (（扩大）:) touches it.
    return _MARK.sub(mark, text)
