"""Sorting names by strokes (from Unihan) and by pinyin."""

from __future__ import annotations

from assoc_cli.i18n.sorting import pinyin_key, stroke_count, stroke_key


def test_stroke_counts_come_from_unihan() -> None:
    # 王 4, 李 7, 张 7, 郑 8, 蔡 14 strokes (standard simplified forms).
    assert [stroke_count(c) for c in "王李张郑蔡"] == [4, 7, 7, 8, 14]
    names = ["蔡杰", "王传强", "郑辉", "刘美兰"]
    assert sorted(names, key=stroke_key) == ["王传强", "刘美兰", "郑辉", "蔡杰"]


def test_pinyin_key() -> None:
    assert pinyin_key("张辉新") == "zhang hui xin"
