"""The member fields people type or import, each with its headers and its parser.

One table serves ``members add/edit`` (options), ``members import`` (column headers in
Chinese or English) and ``members export`` (the Chinese headers, so an export imports back).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from assoc_cli.db.values import MemberKind
from assoc_cli.errors import InvalidValueError
from assoc_cli.i18n.controls import single_line, spelled_out
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
            zh = (
                "须写在一行内(其中有换行符或制表符)"
                if problem.startswith("must be on one line")
                else f"含有控制字符(“{spelled_out(value)}”)"
            )
            raise InvalidValueError(problem, zh=zh)
        if len(value) > self.limit:
            raise InvalidValueError(
                f"{len(value)} characters is too long; at most {self.limit} fit",
                zh=f"{len(value)} 个字符太长;最多 {self.limit} 个",
            )
        return value


def _text(limit: int, *, lines: bool = False) -> LimitedText:
    return LimitedText(limit, single_line=not lines)


# Dashes people (and Chinese input methods) put between digits, all read as "-".
_DASHES = str.maketrans({"－": "-", "—": "-", "–": "-", "‐": "-", "‑": "-", "―": "-", "−": "-"})


def half_width(value: str) -> str:
    """*value* with full-width digits, letters and punctuation (０５３３－１２３) made ASCII,
    and the dashes of Chinese input methods made "-" (plain ASCII text is returned as is)."""
    if value.isascii():
        return value
    return unicodedata.normalize("NFKC", value).translate(_DASHES)


# A count as rosters write it: 1,200 / 1200.0 (Excel) / 120人 / 120 名.
_COUNT = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(?:\.0+)?\s*(?:人|名)?$")


def _count(value: str) -> int:
    cleaned = half_width(value).replace("，", ",").strip()
    match = _COUNT.match(cleaned)
    if match is None:
        raise InvalidValueError(
            f'"{value}" is not a whole number of 0 or more (write 120 or 120人)',
            zh=f"“{value}”不是大于或等于 0 的整数(可写 120 或 120人)",
        )
    digits = match.group(1).replace(",", "")
    if len(digits) > 9:
        raise InvalidValueError(f'"{value}" is implausibly large', zh=f"“{value}”大得不合常理")
    return int(digits)


_TRUE = {"是", "有", "yes", "y", "true", "1", "已建", "√", "✓"}
_FALSE = {"否", "无", "没有", "no", "n", "false", "0", "未建", "×"}


def parse_bool(value: str) -> bool:
    """是/否, 有/无, yes/no, true/false, 1/0."""
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise InvalidValueError(
        f'"{value}" is not yes or no; write 是 or 否', zh=f"“{value}”不是“是”或“否”;请填 是 或 否"
    )


# What rosters write in the party column besides 是/否: the kind of organisation the unit
# has (党支部, 党委, 联合党支部…), or 有/无 with it in brackets: 有(党支部).
_PARTY_ORG = re.compile(
    r"^(?:有|是|已建)?\s*[((]?\s*[\u4e00-\u9fff]*(?:党委|党总支|党支部|支部|党组)\s*[))]?$"
)
_NO_PARTY_ORG = re.compile(r"^(?:无|否|没有|未建)\s*[((].*[))]$")


def parse_party_org(value: str) -> bool:
    """Whether a unit has a party organisation: 是/否, 有/无…, or the organisation's kind
    (党支部, 党委, 党总支, 联合党支部, 有(党支部)), which means yes."""
    text = value.strip()
    lowered = text.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    if _PARTY_ORG.match(text) and not text.startswith(("无", "未", "没")):
        return True
    if _NO_PARTY_ORG.match(text):
        return False
    raise InvalidValueError(
        f'"{value}" is not yes or no; write 是 or 否 (or the organisation: 党支部, 党委…)',
        zh=f"“{value}”不是“是”或“否”;请填 是、否 或党组织形式(党支部、党委…)",
    )


_UNIT, _PERSON = MemberKind.unit.value, MemberKind.person.value
_KINDS = {"unit": _UNIT, "单位": _UNIT, "企业": _UNIT, "person": _PERSON, "个人": _PERSON}


def parse_kind(value: str) -> str:
    """单位/unit or 个人/person."""
    kind = _KINDS.get(value.strip().lower())
    if kind is None:
        raise InvalidValueError(
            f'"{value}" is not a member kind; use 单位 (unit) or 个人 (person)',
            zh=f"“{value}”不是会员类型;请填 单位 或 个人",
        )
    return kind


def parse_email(value: str) -> str:
    """A plausible e-mail address."""
    if not _EMAIL.match(value):
        raise InvalidValueError(
            f'"{value}" is not an e-mail address', zh=f"“{value}”不是电子邮箱地址"
        )
    return value


def parse_phone(value: str) -> str:
    """Digits with the usual separators (several numbers may be listed); full-width digits
    and dashes are made ASCII."""
    phone = half_width(value)
    if not _PHONE.match(phone):
        raise InvalidValueError(f'"{value}" is not a phone number', zh=f"“{value}”不是电话号码")
    return phone


# A landline whose leading 0 a spreadsheet dropped: 9 to 11 digits without it (0533-2345678
# is 5332345678), but not a mobile (11 digits starting with 1) or a 400/800 hotline.
_LOST_ZERO = re.compile(r"^(?!1\d{10}$)(?![48]00)[1-9]\d{8,10}$")


def parse_imported_phone(value: str) -> str:
    """A phone cell of an imported file: as ``parse_phone``, refusing a number that looks
    like a landline whose leading 0 the spreadsheet dropped."""
    phone = parse_phone(value)
    if _LOST_ZERO.match(phone):
        raise InvalidValueError(
            f'"{value}" looks like a landline that lost its leading 0: a spreadsheet probably '
            "read it as a number. Type it as 0533-… (format the column as text first)",
            zh=f"“{value}”像是丢了开头 0 的座机号:电子表格可能把它当成了数字。"
            "请先把该列设为“文本”格式,再按 0533-… 填写",
        )
    return phone


def parse_member_number(value: str) -> str:
    """Letters, digits and dashes, at most 20: M0001, 2021-015."""
    number = half_width(value).strip().upper()
    if not re.fullmatch(r"[A-Z0-9][A-Z0-9\-]{0,19}", number):
        raise InvalidValueError(
            f'member number "{value}" may only hold letters, digits and dashes (at most 20)',
            zh=f"会员编号“{value}”只能由字母、数字和连字符组成(最多 20 个)",
        )
    return number


# Dates a roster gives to the month only: 2020.5, 2020-05, 2020/5, 2020年5月.
_MONTH = re.compile(r"^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*月?$")


def parse_roster_date(value: str) -> date:
    """A date as ``parse_date`` reads it, in full-width digits too, or a month alone
    (2020.5, 2020年5月): the day is not known, so it is taken as the 1st of that month."""
    text = half_width(value).strip()
    match = _MONTH.match(text)
    if match is not None:
        year, month = int(match.group(1)), int(match.group(2))
        if 1 <= month <= 12:
            return date(year, month, 1)
    try:
        return parse_date(text)
    except InvalidValueError:
        raise InvalidValueError(
            f'"{value}" is not a valid date; '
            "write it like 2022-11-30, 2022年11月30日 or 2022年11月",
            zh=f"“{value}”不是有效日期;请写成 2022-11-30、2022年11月30日 或 2022年11月",
        ) from None


@dataclass(frozen=True)
class FieldSpec:
    """A member field: its key, the headers that name it, how to parse a typed value."""

    key: str
    headers: tuple[str, ...]
    parse: Callable[[str], Any]
    export_header: str
    # How a cell of an imported file is read, when it needs more care than a typed value:
    # what a spreadsheet may have made of it (a phone that lost its leading 0).
    imported: Callable[[str], Any] | None = None

    @property
    def parse_cell(self) -> Callable[[str], Any]:
        """The parser for a cell of an imported file."""
        return self.imported or self.parse


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
        parse_imported_phone,
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
        parse_roster_date,
        "入会日期",
    ),
    FieldSpec(
        "left_on",
        ("退会日期", "退会时间", "left", "left on", "left_on"),
        parse_roster_date,
        "退会日期",
    ),
    FieldSpec("employees", ("员工数", "员工人数", "职工人数", "employees"), _count, "员工数"),
    FieldSpec(
        "party_members", ("党员数", "党员人数", "party members", "party_members"), _count, "党员数"
    ),
    FieldSpec(
        "has_party_org",
        ("党组织", "是否建立党组织", "建有党组织", "party org", "has_party_org"),
        parse_party_org,
        "党组织",
    ),
    FieldSpec("tier", ("会费档次", "档次", "tier", "dues tier"), _text(50), "会费档次"),
    # Whether 会费档次 is set for the member (是) or shows what its offices give (否), as
    # ``members export`` writes it; without the column, a tier cell is read as before.
    FieldSpec(
        "tier_explicit",
        ("指定档次", "档次指定", "tier explicit", "tier_explicit"),
        parse_bool,
        "指定档次",
    ),
    FieldSpec("note", ("备注", "note", "notes", "remark"), _text(500, lines=True), "备注"),
)

FIELDS_BY_KEY = {spec.key: spec for spec in FIELDS}


def _normalize_header(header: str) -> str:
    return re.sub(r"[\s_*:：()（）]+", " ", header).strip().lower()


HEADER_TO_KEY = {_normalize_header(h): spec.key for spec in FIELDS for h in spec.headers}


def field_for_header(header: str) -> str | None:
    """The field key a spreadsheet header names, or None for a column we do not know."""
    return HEADER_TO_KEY.get(_normalize_header(header))


# 职务 is the representative's job title in the rosters people keep, but the offices held
# in the association in ``members export`` (which has 代表职务 beside it): it names the
# title only in a file without a 代表职务 column (see importing._map_headers).
TITLE_OR_OFFICES = "职务"
# The fields one of which a header row must name (the rest may come from a title row).
KEY_FIELDS = frozenset({"name", "number", "credit_code"})


def looks_like_header(cells: list[str]) -> bool:
    """Whether a row is a roster's header row: it names 名称, 会员编号 or 统一社会信用代码 and
    at least one other column we know (a title row above it names neither)."""
    keys = {field_for_header(cell) for cell in cells if cell}
    known = keys - {None}
    if _normalize_header(TITLE_OR_OFFICES) in {_normalize_header(c) for c in cells if c}:
        known.add("representative_title")
    return bool(known & KEY_FIELDS) and len(known) >= 2


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
            raise InvalidValueError(
                f"{spec.export_header} ({key}): {exc}",
                zh=f"{spec.export_header}:{exc.text('zh-Hans')}",
            ) from exc
    return values
