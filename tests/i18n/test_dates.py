"""Dates: every spelling people type, refusals that show the expected form, formatting per
language, and any text only ever gets a yes or a reason."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given

from assoc_cli.errors import InvalidValueError
from assoc_cli.i18n.dates import format_date, parse_date
from tests.strategies import nasty_text


@pytest.mark.parametrize(
    "text", ["2022-11-30", "2022/11/30", "2022.11.30", "20221130", "2022年11月30日", " 2022-11-30 "]
)
def test_dates_in_every_spelling(text: str) -> None:
    assert parse_date(text) == date(2022, 11, 30)


@pytest.mark.parametrize("text", ["2022-13-01", "2022-02-30", "30/11/2022", "yesterday", ""])
def test_bad_dates_are_refused(text: str) -> None:
    with pytest.raises(InvalidValueError, match="2022年11月30日"):
        parse_date(text)


def test_date_formatting() -> None:
    assert format_date(date(2022, 11, 30), "zh-Hans") == "2022年11月30日"
    assert format_date(date(2022, 11, 30), "en") == "2022-11-30"


@given(nasty_text)
def test_date_parsing_only_ever_says_yes_or_why_not(text: str) -> None:
    try:
        parse_date(text)
    except InvalidValueError as exc:
        assert "2022年11月30日" in str(exc)
