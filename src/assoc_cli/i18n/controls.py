"""Characters that have no place in what people type or read: C0 controls (ESC starts the
terminal sequences that clear a screen or retitle a window), DEL, C1 controls, and the
bidirectional overrides and isolates that make text read differently from its bytes.

They are refused where text comes in (arguments, import files, single-line fields) and
spelled out (``\\u001b``) wherever text goes to a person, whatever was stored before.
"""

from __future__ import annotations

import re

# Refused everywhere; tab and line breaks are ordinary in free text (notes, minutes).
CONTROLS = frozenset(
    [*(chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"), "\x7f"]
    + [chr(c) for c in range(0x80, 0xA0)]
    + [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]
)
_CONTROL_CLASS = "".join(f"\\u{ord(c):04x}" for c in sorted(CONTROLS))
_CONTROL = re.compile(f"[{_CONTROL_CLASS}]")
# On a screen, tab and carriage return can also overwrite what was printed before.
_SHOWN_ESCAPED = re.compile(f"[{_CONTROL_CLASS}\\t\\r]")


def has_control(text: str) -> bool:
    """Whether *text* holds a refused control character."""
    return _CONTROL.search(text) is not None


def spelled_out(text: str) -> str:
    """*text* with every refused control character written as ``\\u001b`` (for messages)."""
    return _CONTROL.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def for_screen(text: str) -> str:
    """*text* safe to print: controls, tabs and carriage returns spelled out; line breaks
    kept. Plain text passes through untouched (one regex search)."""
    if _SHOWN_ESCAPED.search(text) is None:
        return text
    return _SHOWN_ESCAPED.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def single_line(text: str) -> str | None:
    """None when *text* is fit for a one-line field (a name, a receipt number, a title);
    else why not."""
    if has_control(text):
        return f'holds a control character ("{spelled_out(text)}")'
    if any(char in text for char in "\n\r\t"):
        return "must be on one line (it holds a line break or tab)"
    return None


# The fields one_line() checks, named in Chinese for the error message.
_WHAT_ZH = {
    "the responsible person": "责任人",
    "the meeting title": "会议名称",
    "the item title": "议程标题",
    "the presenter": "汇报人",
    "the name": "姓名",
    "the receipt number": "收据号",
    "the bank reference": "银行流水号",
    "the contact": "联系人",
    "the handler": "承办人",
    "the lead body": "主办单位",
    "the reason": "理由",
    "the body": "转办单位",
    "the staff": "服务人员",
    "the title": "名称",
    "a tag": "标签",
}


def field_name_zh(what: str) -> str:
    """The Chinese name of a one-line field named *what* in English (for refusals)."""
    return _WHAT_ZH.get(what, what)


def _problem_zh(text: str) -> str:
    """single_line()'s complaint about *text*, in Chinese."""
    if has_control(text):
        return f"含有控制字符(“{spelled_out(text)}”)"
    return "必须写在一行内(其中有换行或制表符)"


def one_line(value: str, what: str) -> str:
    """*value* stripped, for a one-line field named *what* (a receipt number, a title, a
    person's name); raises InvalidValueError when it holds a line break, tab or control."""
    from assoc_cli.errors import InvalidValueError

    text = value.strip()
    problem = single_line(text)
    if problem is not None:
        raise InvalidValueError(
            f"{what} {problem}", zh=f"{_WHAT_ZH.get(what, what)}{_problem_zh(text)}"
        )
    return text
