"""Chinese text takes full-width punctuation: 时间:2021年, 会费标准,贵单位, (扩大).

One function puts it right wherever Chinese text is made — messages, errors, papers — so
a half-width ``:,;!?()`` next to Chinese never reaches a reader, while ``14:30``,
``1,000``, ``assoc dues pay`` and English text keep their ASCII.
"""

from __future__ import annotations

import re

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
_FULL = str.maketrans({",": ",", ":": ":", ";": ";", "!": "!", "?": "?"})
# A mark right after Chinese (时间:), or right before it after a digit (3家,其中 → no: the
# mark follows 家) — in short: touching a Chinese character on either side.
_MARK = re.compile(f"(?<=[{_CJK}])[,:;!?]|[,:;!?](?=[{_CJK}])")
# A pair of parentheses that holds Chinese or touches it outside: (扩大), 公司(M0001).
_PAIR = re.compile(r"(?P<before>.?)\((?P<inside>[^()\n]*)\)(?P<after>.?)")
_HAS_CJK = re.compile(f"[{_CJK}]")


def chinese_punctuation(text: str) -> str:
    """*text* with the ASCII marks that touch Chinese characters made full-width."""
    if not _HAS_CJK.search(text):
        return text
    text = _MARK.sub(lambda match: match.group().translate(_FULL), text)

    def pair(match: re.Match[str]) -> str:
        before, inside, after = match.group("before", "inside", "after")
        if _HAS_CJK.search(before + inside + after):
            return f"{before}({inside}){after}"
        return match.group()

    return _PAIR.sub(pair, text)
