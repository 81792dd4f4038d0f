"""Money: amounts in every spelling to exact fen, Chinese capitals, round trips without
float, and whatever is typed as an amount."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assoc_cli.errors import InvalidValueError
from assoc_cli.i18n.money import MAX_FEN, capital_amount, format_money, parse_amount
from tests.strategies import nasty_text


@pytest.mark.parametrize(
    ("text", "fen"),
    [
        ("30000", 3000000),
        ("30,000.00", 3000000),
        ("¥30000", 3000000),
        ("3万", 3000000),
        ("1.5万元", 1500000),
        ("0.01", 1),
        ("12345.67", 1234567),
        ("￥1,000", 100000),
    ],
)
def test_amounts_parse_to_exact_fen(text: str, fen: int) -> None:
    assert parse_amount(text) == fen


@pytest.mark.parametrize("text", ["0", "-1", "0.001", "1.2.3", "abc", "1e3", "3千", ""])
def test_bad_amounts(text: str) -> None:
    with pytest.raises(InvalidValueError):
        parse_amount(text)


@pytest.mark.parametrize(
    ("fen", "capital"),
    [
        (3000000, "叁万元整"),
        (100510, "壹仟零伍元壹角"),
        (10005, "壹佰元零伍分"),
        (10000000, "壹拾万元整"),
        (101000, "壹仟零壹拾元整"),
        (50, "伍角"),
        (5, "伍分"),
        (1234567, "壹万贰仟叁佰肆拾伍元陆角柒分"),
        (200050000, "贰佰万零伍佰元整"),
        (10001000000, "壹亿零壹万元整"),
        (0, "零元整"),
    ],
)
def test_chinese_capitals(fen: int, capital: str) -> None:
    assert capital_amount(fen) == capital


@given(st.integers(1, MAX_FEN))
def test_money_round_trips_without_float(fen: int) -> None:
    text = format_money(fen)
    assert parse_amount(text) == fen


@given(nasty_text)
def test_amount_parsing_only_ever_says_yes_or_why_not(text: str) -> None:
    try:
        assert parse_amount(text) > 0
    except InvalidValueError as exc:
        assert str(exc)
