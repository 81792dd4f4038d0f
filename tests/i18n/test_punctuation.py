"""Full-width punctuation in Chinese: the one function that guarantees it, and every
message of the catalogue, filled in, in Simplified and Traditional."""

from __future__ import annotations

import string

import pytest

from assoc_cli.i18n import t
from assoc_cli.i18n.messages import MESSAGES
from assoc_cli.i18n.punctuation import HALF_WIDTH_IN_CHINESE, chinese_punctuation


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("时间:2021年12月5日 14:30", "时间：2021年12月5日 14:30"),
        ("会费标准,贵单位", "会费标准，贵单位"),
        ("二届二次会长办公(扩大)会", "二届二次会长办公（扩大）会"),
        ("山东双涵(M0001):", "山东双涵（M0001）："),
        ("收缴率33.3%;部分缴纳", "收缴率33.3%；部分缴纳"),
        ("好!真的?", "好！真的？"),
        # ASCII stays where no Chinese touches it: times, amounts, commands, English.
        ("¥1,000.00 at 14:30 (M0001)", "¥1,000.00 at 14:30 (M0001)"),
        ("运行 assoc dues pay 双涵", "运行 assoc dues pay 双涵"),
    ],
)
def test_marks_touching_chinese_become_full_width(text: str, expected: str) -> None:
    assert chinese_punctuation(text) == expected
    assert chinese_punctuation(expected) == expected  # idempotent


@pytest.mark.parametrize("lang", ["zh-Hans", "zh-Hant"])
def test_every_catalogue_message_has_full_width_marks_in_chinese(lang: str) -> None:
    half_width = {}
    for key, (zh, _) in MESSAGES.items():
        names = {name for _, name, _, _ in string.Formatter().parse(zh) if name}
        text = t(key, lang, **dict.fromkeys(names, "示范"))
        if HALF_WIDTH_IN_CHINESE.search(text):
            half_width[key] = text
    # Placeholders are filled with Chinese, so "{person}:{status}" is caught too.
    assert half_width == {}
