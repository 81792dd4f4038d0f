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
            code = f"{min(stroke_count(char), 99):02d}"
            if len(codes) < _CACHE_LIMIT:
                codes[char] = code
        parts.append(code)
    return "".join(parts)


# Caches bounded so a file of odd names cannot grow them without limit.
_CACHE_LIMIT = 200_000
# Tails of names up to this long are remembered with their syllables (有限公司, 机械有限公司…).
_TAIL = 8


class _Pinyin:
    """``lazy_pinyin(text, style=Style.NORMAL, errors="default")``, the same result, faster.

    pypinyin splits text into runs of Han and other characters, cuts each Han run into
    words (forward maximum matching on its phrase dictionary) and converts each word on
    its own. The conversion of a word depends on nothing but the word, so it is cached
    here. The split and the cut are pypinyin's algorithms, done without a generator and
    with the dictionaries at hand; when pypinyin's segmenter is not the one this was
    written against, its own ``cut`` is used. The cut goes left to right, one word at a
    time, and each step looks only at the text still to cut: so the syllables of a short
    tail are the same in every name that ends with it, and are remembered.
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
        self._prefixes: set[str] = prefixes if isinstance(prefixes, set) else set()
        self._own_cut = isinstance(prefixes, set) and strict and type(mmseg.seg) is mmseg.Seg
        self._library_cut: Callable[[str], Iterable[str]] = mmseg.seg.cut
        self._han: dict[str, bool] = {}
        self._words: dict[str, list[str]] = {}
        self._tails: dict[str, list[str]] = {}

    def _runs(self, text: str) -> list[str]:
        """Maximal runs of Han / non-Han characters (pypinyin's simple_seg)."""
        if self._is_han_run(text):
            return [text]  # most names are Han throughout
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

    def _word(self, word: str) -> list[str]:
        """One word's syllables: what lazy_pinyin gets from the converter, flattened."""
        known = self._words.get(word)
        if known is None:
            converted = self._converter.convert(word, self._style, False, "default", True)
            known = [str(syllable) for item in converted for syllable in item]
            if len(self._words) < _CACHE_LIMIT:
                self._words[word] = known
        return known

    def _step(self, text: str, start: int) -> int:
        """One step of pypinyin's ``Seg.cut`` (strict: only dictionary phrases are words)
        at *start*: where the word found there ends — the longest dictionary phrase among
        the prefixes that lead to a phrase, else one character. -1 when the whole rest is
        a prefix of some phrase but holds none: then each character is a word, and the
        cut ends."""
        prefixes, phrases = self._prefixes, self._phrases
        end, phrase_end, size = start, 0, len(text)
        while end < size:
            word = text[start : end + 1]
            if word not in prefixes:
                break
            if word in phrases:
                phrase_end = end + 1
            end += 1
        if phrase_end:
            return phrase_end
        if end < size:
            return start + 1
        return size if text[start:] in phrases else -1

    def _cut_words(self, text: str) -> list[str]:
        """The words pypinyin's segmenter cuts *text* into."""
        if not self._own_cut:
            return list(self._library_cut(text))
        words: list[str] = []
        start = 0
        while start < len(text):
            end = self._step(text, start)
            if end < 0:
                words.extend(text[start:])
                break
            words.append(text[start:end])
            start = end
        return words

    def _han_syllables(self, run: str) -> list[str]:
        """The syllables of a run of Han characters: its words, each converted."""
        if not self._own_cut:
            return [syllable for word in self._cut_words(run) for syllable in self._word(word)]
        out: list[str] = []
        start, size = 0, len(run)
        while start < size:
            if size - start <= _TAIL:
                tail = run[start:]
                known = self._tails.get(tail)
                if known is None:
                    known = [s for word in self._cut_words(tail) for s in self._word(word)]
                    if len(self._tails) < _CACHE_LIMIT:
                        self._tails[tail] = known
                out.extend(known)
                break
            end = self._step(run, start)
            if end < 0:
                for char in run[start:]:
                    out.extend(self._word(char))
                break
            out.extend(self._word(run[start:end]))
            start = end
        return out

    def syllables(self, text: str) -> list[str]:
        """What lazy_pinyin returns for *text*."""
        out: list[str] = []
        for run in self._runs(text):
            if self._segment and self._is_han_run(run):
                out.extend(self._han_syllables(run))
            else:
                out.extend(self._word(run))
        return out


@cache
def _pinyin() -> _Pinyin:
    return _Pinyin()


def load_pinyin() -> None:
    """Load pypinyin's dictionaries now, before a long run of names (an import)."""
    _pinyin()


def pinyin_initials(name: str | None) -> str:
    """The pinyin initials a person types for a name (山东双涵石化 -> "sdshsh"), for
    completion; "" for no name."""
    return initials_of(pinyin_key(name)) if name else ""


def initials_of(pinyin: str) -> str:
    """The initials of a ``pinyin_key`` ("shan dong" -> "sd"): the first letter or digit
    of each syllable or other word."""
    return "".join(word[0] for word in pinyin.split())


def pinyin_key(name: str) -> str:
    """Toneless pinyin, syllables separated by spaces: 重庆长安 -> "chong qing chang an"."""
    return " ".join(_pinyin().syllables(name.strip())).lower()
