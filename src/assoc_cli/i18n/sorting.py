"""Sort keys for names: pinyin (拼音) and stroke count (笔画, the order of official lists).

Both keys are computed when a name is saved and stored next to it, so listings sort in
SQL. Stroke counts come from Unicode's Unihan data shipped in ``data/strokes.txt``.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

# Characters with no stroke data (Latin letters, digits, punctuation) sort before all Han.
_NO_STROKES = 0


@cache
def _stroke_table() -> dict[str, int]:
    table: dict[str, int] = {}
    text = files("assoc_cli.i18n").joinpath("data/strokes.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        count, chars = line.split("\t")
        number = int(count)
        for char in chars:
            table[char] = number
    return table


def stroke_count(char: str) -> int:
    """The total strokes of one Han character (0 for anything else)."""
    return _stroke_table().get(char, _NO_STROKES)


def stroke_key(name: str) -> str:
    """Two digits of stroke count per character: 王传强 -> "040612" (first character first)."""
    return "".join(f"{min(stroke_count(char), 99):02d}" for char in name.strip())


def pinyin_key(name: str) -> str:
    """Toneless pinyin, syllables separated by spaces: 重庆长安 -> "chong qing chang an"."""
    from pypinyin import Style, lazy_pinyin

    return " ".join(lazy_pinyin(name.strip(), style=Style.NORMAL, errors="default")).lower()
