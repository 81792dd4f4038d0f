"""Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters, the last a
check character computed from the first 17."""

from __future__ import annotations

from operator import getitem

from assoc_cli.errors import InvalidValueError

# The code's alphabet leaves out I, O, S, V and Z so they cannot be misread.
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ALLOWED = frozenset(ALPHABET)
# Each position's weighted value of every character, for the check-character sum.
_WEIGHTED = tuple(
    {char: value * weight for value, char in enumerate(ALPHABET)} for weight in WEIGHTS
)


def check_character(first17: str) -> str:
    """The check character for the first 17 characters of a code."""
    if len(first17) != len(WEIGHTS):
        raise ValueError(f"the check character is computed from {len(WEIGHTS)} characters")
    try:
        total = sum(map(getitem, _WEIGHTED, first17))
    except KeyError as exc:
        raise ValueError(f"{exc.args[0]!r} is not a character of a credit code") from None
    return ALPHABET[(31 - total % 31) % 31]


def normalize_credit_code(value: str) -> str:
    """Upper-case, strip and validate a code; raise with the reason when it is wrong."""
    code = value.strip().upper().replace(" ", "")
    if len(code) != 18:
        raise InvalidValueError(
            f'"{value}" has {len(code)} characters; a 统一社会信用代码 has 18',
            zh=f"“{value}”有 {len(code)} 个字符;统一社会信用代码为 18 位",
        )
    if not _ALLOWED.issuperset(code):
        bad = sorted({char for char in code if char not in ALPHABET})
        raise InvalidValueError(
            f'"{value}" contains {"".join(bad)}, which a 统一社会信用代码 never uses',
            zh=f"“{value}”含有 {''.join(bad)},统一社会信用代码不会使用这些字符",
        )
    expected = check_character(code[:17])
    if code[17] != expected:
        raise InvalidValueError(
            f'"{value}" fails its check character (expected {expected} at the end); '
            "check it for a typing mistake",
            zh=f"“{value}”校验码不对(末位应为 {expected});请检查是否录入有误",
        )
    return code
