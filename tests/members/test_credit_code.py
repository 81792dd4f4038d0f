"""The unified social credit code (GB 32100-2015): the check character catches every
single change, bad codes say why, and any text only ever gets a yes or a reason."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assoc_cli.errors import InvalidValueError
from assoc_cli.members.credit_code import ALPHABET, check_character, normalize_credit_code

# The worked example printed in GB 32100-2015.
STANDARD_EXAMPLE = "91350100M000100Y43"


def test_standard_example_code_is_valid() -> None:
    assert normalize_credit_code(STANDARD_EXAMPLE.lower()) == STANDARD_EXAMPLE


@given(st.text(alphabet=ALPHABET, min_size=17, max_size=17), st.integers(0, 16), st.data())
def test_any_single_character_change_is_caught(
    body: str, position: int, data: st.DataObject
) -> None:
    code = body + check_character(body)
    assert normalize_credit_code(code) == code
    replacement = data.draw(st.sampled_from([c for c in ALPHABET if c != code[position]]))
    broken = code[:position] + replacement + code[position + 1 :]
    with pytest.raises(InvalidValueError, match="check character"):
        normalize_credit_code(broken)


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("91350100M000100Y4", "17 characters"),
        ("91350100M000100Y4I", "contains I"),
        ("91350100M000100Y44", "check character"),
    ],
)
def test_bad_codes_say_why(code: str, reason: str) -> None:
    with pytest.raises(InvalidValueError, match=reason):
        normalize_credit_code(code)


@given(st.text(alphabet=string.ascii_uppercase + string.digits + "IOZSV -", max_size=20))
def test_credit_codes_only_ever_say_yes_or_why_not(text: str) -> None:
    try:
        assert len(normalize_credit_code(text)) == 18
    except InvalidValueError as exc:
        assert "统一社会信用代码" in str(exc) or "check character" in str(exc)
