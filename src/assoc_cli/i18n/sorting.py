"""Sort keys for names: pinyin (拼音) and stroke count (笔画, the order of official lists).

Both keys are computed when a name is saved and stored next to it, so listings sort in
SQL. Stroke counts come from Unicode's Unihan data shipped in ``data/strokes.txt``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from importlib.resources import files
from typing import Any

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


# Two-digit stroke codes by character, filled as characters are met (a name at a time
# is what people save; an import of a million names meets a few thousand characters).
_STROKE_CODES: dict[str, str] = {}


def stroke_key(name: str) -> str:
    """Two digits of stroke count per character: 王传强 -> "040612" (first character first)."""
    codes = _STROKE_CODES
    parts = []
    for char in name.strip():
        code = codes.get(char)
        if code is None:
            code = codes[char] = f"{min(stroke_count(char), 99):02d}"
        parts.append(code)
    return "".join(parts)


# Caches bounded so a file of odd names cannot grow them without limit.
_CACHE_LIMIT = 200_000


class _Pinyin:
    """``lazy_pinyin(text, style=Style.NORMAL, errors="default")``, the same result, faster.

    pypinyin splits text into runs of Han and other characters, cuts each Han run into
    words (forward maximum matching on its phrase dictionary) and converts each word on
    its own. The conversion of a word depends on nothing but the word, so it is cached
    here. The split and the cut are pypinyin's algorithms, done without a generator and
    with the dictionaries at hand; when pypinyin's segmenter is not the one this was
    written against, its own ``cut`` is used.
    """

    def __init__(self) -> None:
        from pypinyin import Style
        from pypinyin.constants import PHRASES_DICT, RE_HANS
        from pypinyin.converter import UltimateConverter
        from pypinyin.seg import mmseg

        # The converter lazy_pinyin builds with its default arguments.
        self._converter: Any = UltimateConverter()
        self._style: Any = Style.NORMAL
        self._is_han_run = RE_HANS.match
        self._phrases = PHRASES_DICT
        self._segment = bool(PHRASES_DICT)
        prefixes = getattr(getattr(mmseg.seg, "_prefix_set", None), "_set", None)
        strict = getattr(mmseg.seg, "_no_non_phrases", None) is True
        if isinstance(prefixes, set) and strict and type(mmseg.seg) is mmseg.Seg:
            self._prefixes: set[str] = prefixes
            self._cut: Callable[[str], Iterable[str]] = self._cut_words
        else:
            self._cut = mmseg.seg.cut
        self._han: dict[str, bool] = {}
        self._words: dict[str, list[str]] = {}

    def _runs(self, text: str) -> list[str]:
        """Maximal runs of Han / non-Han characters (pypinyin's simple_seg)."""
        han = self._han
        runs: list[str] = []
        start, previous = 0, None
        for index, char in enumerate(text):
            kind = han.get(char)
            if kind is None:
                kind = self._is_han_run(char) is not None
                if len(han) < _CACHE_LIMIT:
                    han[char] = kind
            if kind is not previous and index:
                runs.append(text[start:index])
                start = index
            previous = kind
        runs.append(text[start:])
        return runs

    def _convert(self, word: str) -> list[str]:
        """One word's syllables: what lazy_pinyin gets from the converter, flattened."""
        converted = self._converter.convert(word, self._style, False, "default", True)
        return [str(syllable) for item in converted for syllable in item]

    def _cut_words(self, text: str) -> list[str]:
        """pypinyin's ``Seg.cut`` (strict: only dictionary phrases are words): at each
        position take the longest dictionary phrase among the prefixes that lead to a
        phrase, else one character."""
        prefixes, phrases = self._prefixes, self._phrases
        words: list[str] = []
        start, size = 0, len(text)
        while start < size:
            end, phrase_end = start, 0
            while end < size:
                word = text[start : end + 1]
                if word not in prefixes:
                    break
                if word in phrases:
                    phrase_end = end + 1
                end += 1
            if phrase_end:
                words.append(text[start:phrase_end])
                start = phrase_end
            elif end < size:
                words.append(text[start])
                start += 1
            else:
                # The rest is a prefix of some phrase but holds none: one word per character.
                rest = text[start:]
                if rest in phrases:
                    words.append(rest)
                else:
                    words.extend(rest)
                break
        return words

    def syllables(self, text: str) -> list[str]:
        """What lazy_pinyin returns for *text*."""
        words = self._words
        out: list[str] = []
        for run in self._runs(text):
            pieces = self._cut(run) if self._segment and self._is_han_run(run) else (run,)
            for word in pieces:
                converted = words.get(word)
                if converted is None:
                    converted = self._convert(word)
                    if len(words) < _CACHE_LIMIT:
                        words[word] = converted
                out.extend(converted)
        return out


@cache
def _pinyin() -> _Pinyin:
    return _Pinyin()


def pinyin_key(name: str) -> str:
    """Toneless pinyin, syllables separated by spaces: 重庆长安 -> "chong qing chang an"."""
    return " ".join(_pinyin().syllables(name.strip())).lower()
