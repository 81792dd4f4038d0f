"""The member fields people type or import, each with its headers and its parser.

One table serves ``members add/edit`` (options), ``members import`` (column headers in
Chinese or English) and ``members export`` (the Chinese headers, so an export imports back).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from assoc_cli.db.values import MemberKind
from assoc_cli.errors import InvalidValueError
from assoc_cli.i18n.controls import single_line
from assoc_cli.i18n.dates import parse_date
from assoc_cli.members.credit_code import normalize_credit_code

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^[0-9+()\-\s/,、;转]{3,50}$")


class LimitedText:
    """Free text of at most *limit* characters, kept as typed. A class rather than a
    closure so an import can check a whole column at once by its ``limit``."""

    def __init__(self, limit: int, *, single_line: bool = True) -> None:
        self.limit = limit
        self.single_line = single_line

    def __call__(self, value: str) -> str:
        if self.single_line and (problem := single_line(value)) is not None:
            raise InvalidValueError(problem)
        if len(value) > self.limit:
            raise InvalidValueError(
                f"{len(value)} characters is too long; at most {self.limit} fit"
            )
        return value


def _text(limit: int, *, lines: bool = False) -> LimitedText:
    return LimitedText(limit, single_line=not lines)


def _count(value: str) -> int:
    cleaned = value.replace(",", "").replace(",", "").strip()
    if cleaned.endswith(".0"):  # Excel writes whole numbers as 12.0
        cleaned = cleaned[:-2]
    if not cleaned.isascii() or not cleaned.isdigit():
        raise InvalidValueError(f'"{value}" is not a whole number of 0 or more')
    if len(cleaned) > 9:
        raise InvalidValueError(f'"{value}" is implausibly large')
    return int(cleaned)


_TRUE = {"是", "有", "yes", "y", "true", "1", "已建", "√", "✓"}
_FALSE = {"否", "无", "没有", "no", "n", "false", "0", "未建", "×"}


def parse_bool(value: str) -> bool:
    """是/否, 有/无, yes/no, true/false, 1/0."""
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise InvalidValueError(f'"{value}" is not yes or no; write 是 or 否')


_UNIT, _PERSON = MemberKind.unit.value, MemberKind.person.value
_KINDS = {"unit": _UNIT, "单位": _UNIT, "企业": _UNIT, "person": _PERSON, "个人": _PERSON}


def parse_kind(value: str) -> str:
    """单位/unit or 个人/person."""
    kind = _KINDS.get(value.strip().lower())
    if kind is None:
        raise InvalidValueError(f'"{value}" is not a member kind; use 单位 (unit) or 个人 (person)')
    return kind


def parse_email(value: str) -> str:
    """A plausible e-mail address."""
    if not _EMAIL.match(value):
        raise InvalidValueError(f'"{value}" is not an e-mail address')
    return value


def parse_phone(value: str) -> str:
    """Digits with the usual separators (several numbers may be listed)."""
    if not _PHONE.match(value):
        raise InvalidValueError(f'"{value}" is not a phone number')
    return value


def parse_member_number(value: str) -> str:
    """Letters, digits and dashes, at most 20: M0001, 2021-015."""
    number = value.strip().upper()
    if not re.fullmatch(r"[A-Z0-9][A-Z0-9\-]{0,19}", number):
        raise InvalidValueError(
            f'member number "{value}" may only hold letters, digits and dashes (at most 20)'
        )
    return number


@dataclass(frozen=True)
class FieldSpec:
    """A member field: its key, the headers that name it, how to parse a typed value."""

    key: str
    headers: tuple[str, ...]
    parse: Callable[[str], Any]
    export_header: str


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "number",
        ("会员编号", "编号", "number", "member number", "no"),
        parse_member_number,
        "会员编号",
    ),
    FieldSpec(
        "name",
        ("名称", "单位名称", "会员名称", "企业名称", "会员单位", "姓名", "name"),
        _text(200),
        "名称",
    ),
    FieldSpec("short_name", ("简称", "short name", "short_name"), _text(100), "简称"),
    FieldSpec("kind", ("类型", "会员类型", "kind", "type"), parse_kind, "类型"),
    FieldSpec(
        "credit_code",
        ("统一社会信用代码", "信用代码", "社会信用代码", "credit code", "credit_code", "uscc"),
        normalize_credit_code,
        "统一社会信用代码",
    ),
    FieldSpec(
        "representative",
        ("代表", "会员代表", "联系人", "负责人", "representative", "contact"),
        _text(50),
        "代表",
    ),
    FieldSpec(
        "representative_title",
        ("代表职务", "联系人职务", "title", "representative title", "representative_title"),
        _text(50),
        "代表职务",
    ),
    FieldSpec(
        "phone",
        ("电话", "联系电话", "手机", "手机号", "phone", "mobile", "tel"),
        parse_phone,
        "电话",
    ),
    FieldSpec("email", ("邮箱", "电子邮箱", "email", "e-mail"), parse_email, "邮箱"),
    FieldSpec(
        "address", ("地址", "通讯地址", "单位地址", "address"), _text(300, lines=True), "地址"
    ),
    FieldSpec(
        "segment",
        ("行业环节", "产业链环节", "行业", "细分行业", "segment", "industry"),
        _text(50),
        "行业环节",
    ),
    FieldSpec(
        "joined_on",
        ("入会日期", "入会时间", "joined", "joined on", "joined_on"),
        parse_date,
        "入会日期",
    ),
    FieldSpec(
        "left_on",
        ("退会日期", "退会时间", "left", "left on", "left_on"),
        parse_date,
        "退会日期",
    ),
    FieldSpec("employees", ("员工数", "员工人数", "职工人数", "employees"), _count, "员工数"),
    FieldSpec(
        "party_members", ("党员数", "党员人数", "party members", "party_members"), _count, "党员数"
    ),
    FieldSpec(
        "has_party_org",
        ("党组织", "是否建立党组织", "建有党组织", "party org", "has_party_org"),
        parse_bool,
        "党组织",
    ),
    FieldSpec("tier", ("会费档次", "档次", "tier", "dues tier"), _text(50), "会费档次"),
    FieldSpec("note", ("备注", "note", "notes", "remark"), _text(500, lines=True), "备注"),
)

FIELDS_BY_KEY = {spec.key: spec for spec in FIELDS}


def _normalize_header(header: str) -> str:
    return re.sub(r"[\s_*:：()（）]+", " ", header).strip().lower()


HEADER_TO_KEY = {_normalize_header(h): spec.key for spec in FIELDS for h in spec.headers}


def field_for_header(header: str) -> str | None:
    """The field key a spreadsheet header names, or None for a column we do not know."""
    return HEADER_TO_KEY.get(_normalize_header(header))


def parse_fields(raw: dict[str, str | None]) -> dict[str, Any]:
    """Parse typed text into values; '' clears a field (None = not given). Errors name the field."""
    values: dict[str, Any] = {}
    for key, text in raw.items():
        if text is None:
            continue
        stripped = text.strip()
        if not stripped:
            values[key] = None
            continue
        spec = FIELDS_BY_KEY[key]
        try:
            values[key] = spec.parse(stripped)
        except InvalidValueError as exc:
            raise InvalidValueError(f"{spec.export_header} ({key}): {exc}") from exc
    return values
