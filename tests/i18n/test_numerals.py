"""Chinese numerals (一, 十二, 一百零五) as meeting titles number terms and sessions."""

from __future__ import annotations

import pytest

from assoc_cli.i18n.numerals import chinese_number


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1, "一"),
        (2, "二"),
        (10, "十"),
        (12, "十二"),
        (20, "二十"),
        (21, "二十一"),
        (105, "一百零五"),
    ],
)
def test_chinese_numerals(n: int, text: str) -> None:
    assert chinese_number(n) == text
