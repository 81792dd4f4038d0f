"""Output language: Simplified Chinese (default), Traditional Chinese, English.

Messages are written once in Simplified Chinese and English (``messages.py``); Traditional
Chinese is produced from the Simplified text by OpenCC, never by a hand table.
"""

from __future__ import annotations

import os
from functools import cache
from typing import Any

from assoc_cli.errors import InvalidValueError

LANGUAGES = ("zh-Hans", "zh-Hant", "en")
DEFAULT_LANG = "zh-Hans"
ENV_LANG = "ASSOC_LANG"

_ALIASES = {
    "zh-hans": "zh-Hans",
    "zh": "zh-Hans",
    "zh-cn": "zh-Hans",
    "zh_cn": "zh-Hans",
    "cn": "zh-Hans",
    "简体": "zh-Hans",
    "zh-hant": "zh-Hant",
    "zh-tw": "zh-Hant",
    "zh_tw": "zh-Hant",
    "zh-hk": "zh-Hant",
    "繁体": "zh-Hant",
    "繁體": "zh-Hant",
    "en": "en",
    "en-us": "en",
    "en_us": "en",
    "english": "en",
}


def normalize_lang(value: str) -> str:
    """Map a user's spelling of a language (zh, zh-TW, en_US…) to one of LANGUAGES."""
    found = _ALIASES.get(value.strip().lower())
    if found is None:
        raise InvalidValueError(
            f'unknown language "{value}"; use one of {", ".join(LANGUAGES)}',
            zh=f"未知的语言“{value}”;请使用 {', '.join(LANGUAGES)} 之一",
        )
    return found


def env_lang() -> str | None:
    """The language from ASSOC_LANG, if set."""
    value = os.environ.get(ENV_LANG)
    return normalize_lang(value) if value else None


@cache
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("s2tw")


def to_traditional(text: str) -> str:
    """Convert Simplified Chinese text to Traditional with OpenCC."""
    return str(_converter().convert(text))


def localize(text: str, lang: str) -> str:
    """Convert Simplified text to the language's script (a no-op except for zh-Hant)."""
    return to_traditional(text) if lang == "zh-Hant" and text else text


@cache
def _messages() -> dict[str, tuple[str, str]]:
    # The catalogue is loaded on first use (``--help`` never needs it), once: t() is
    # called per cell in some listings.
    from assoc_cli.i18n.messages import MESSAGES

    return MESSAGES


def t(key: str, lang: str, **values: Any) -> str:
    """The message *key* in *lang*, with ``{placeholders}`` filled from *values*."""
    zh, en = _messages()[key]
    template = en if lang == "en" else localize(zh, lang)
    return template.format(**values) if values else template


def term_label(number: int, lang: str) -> str:
    """A term's name: 第二届 in Chinese, Term 2 in English."""
    from assoc_cli.i18n.numerals import chinese_number

    return t("term.label", lang, number=number if lang == "en" else chinese_number(number))
