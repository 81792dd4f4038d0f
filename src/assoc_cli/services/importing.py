"""Importing an existing 台账 (a .xlsx or .csv the secretariat kept by hand): requests
(诉求台账) or services and visits (服务台账/走访台账). Like the roster import, all or nothing:
every line is checked, each problem is reported with its line number, and when there is
any problem nothing is imported (the command's one transaction is rolled back)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlmodel import Session

from assoc_cli.errors import AssocError, ImportFileError, InvalidValueError
from assoc_cli.files.spreadsheets import read_rows
from assoc_cli.i18n.dates import parse_date
from assoc_cli.i18n.money import parse_amount
from assoc_cli.members.service import resolve_member
from assoc_cli.services.requests import (
    NewRequest,
    add_request,
    close_request,
    follow_up_request,
    handle_request,
)
from assoc_cli.services.visits import NewService, add_service

MAX_PROBLEMS = 200

# Field -> the headers it is recognised by (Chinese as kept by hand, English as exported).
REQUEST_HEADERS = {
    "received": ("受理日期", "received"),
    "member": ("会员", "会员单位", "企业名称", "member"),
    "source": ("来源", "诉求来源", "source"),
    "category": ("类别", "诉求类别", "category"),
    "description": ("诉求内容", "description"),
    "contact": ("联系人", "contact"),
    "tags": ("标签", "tags"),
    "handler": ("承办人", "handler"),
    "limit": ("办理时限", "办理时限（工作日）", "time_limit"),
    "due": ("办理期限", "due_on"),
    "result": ("办理结果", "result"),
    "closed": ("办结日期", "closed_on"),
    "followup": ("回访结果", "followup"),
}
VISIT_HEADERS = {
    "date": ("日期", "服务日期", "走访日期", "held_on"),
    "kind": ("服务类型", "kind"),
    "staff": ("服务人员", "走访人员", "staff"),
    "members": ("服务对象", "会员", "走访企业", "members"),
    "summary": ("服务内容", "走访内容", "summary"),
    "title": ("名称", "title"),
    "outcome": ("服务成效", "outcome"),
    "saved": ("节约资金", "saved"),
    "signed": ("走访记录签字", "签字", "signed"),
}
REQUIRED = {
    "requests": ("received", "member", "source", "category", "description"),
    "visits": ("date", "kind", "staff", "members", "summary"),
}


def _mapping(headers: list[str], known: dict[str, tuple[str, ...]]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, header in enumerate(headers):
        for field, names in known.items():
            if header.strip() in names and field not in found:
                found[field] = index
    return found


def _date(text: str) -> date:
    return parse_date(text)


def _yes(text: str) -> bool:
    value = text.strip().lower()
    if value in ("是", "已签", "有", "yes", "y", "true", "1"):
        return True
    if value in ("", "否", "未签", "无", "no", "n", "false", "0"):
        return False
    raise InvalidValueError(f'"{text}" is not yes/no (是/否)', zh=f"“{text}”不是 是/否")


def import_ledger(*, session: Session, path: Path, which: str) -> int:
    """Import the 台账 at *path* (*which*: requests or visits); returns the rows imported.
    Any bad line: ImportFileError listing every problem by line, nothing imported."""
    known = REQUEST_HEADERS if which == "requests" else VISIT_HEADERS
    sheet = read_rows(path, lambda cells: len(_mapping(cells, known)) >= 3)
    mapping = _mapping(sheet.headers, known)
    missing = [known[field][0] for field in REQUIRED[which] if field not in mapping]
    if missing:
        raise ImportFileError(
            f"{path.name} has no column {', '.join(missing)}",
            zh=f"{path.name} 缺少列：{'、'.join(missing)}",
        )
    importer = _request_row if which == "requests" else _visit_row
    problems: list[tuple[str, str]] = []
    count = 0
    for line, cells in sheet.rows:
        if not any(cell.strip() for cell in cells):
            continue

        def cell(field: str, cells: list[str] = cells) -> str:
            index = mapping.get(field)
            return cells[index].strip() if index is not None and index < len(cells) else ""

        try:
            importer(session, cell)
            count += 1
        except AssocError as error:
            if len(problems) < MAX_PROBLEMS:
                problems.append((f"line {line}: {error}", f"第{line}行：{error.text('zh-Hans')}"))
            else:
                problems.append(("…", "…"))
                break
    if problems:
        raise ImportFileError(
            f"{path.name}: {len(problems)} line(s) have problems; nothing was imported",
            problems,
            zh=f"{path.name}：{len(problems)} 行有问题，未导入任何记录",
        )
    if not count:
        raise ImportFileError(f"{path.name} has no rows", zh=f"{path.name} 没有数据行")
    return count


def _request_row(session: Session, cell: Callable[[str], str]) -> None:
    received = _date(cell("received"))
    limit_text = cell("limit")
    try:
        limit = int(limit_text) if limit_text else None
    except ValueError:
        raise InvalidValueError(
            f'the time limit "{limit_text}" is not a number of working days',
            zh=f"办理时限“{limit_text}”不是工作日数",
        ) from None
    due_text = cell("due")
    request = add_request(
        session=session,
        new=NewRequest(
            member=resolve_member(session=session, query=cell("member")),
            received_on=received,
            source=cell("source"),
            category=cell("category"),
            description=cell("description"),
            contact=cell("contact") or None,
            tags=(cell("tags"),) if cell("tags") else (),
            handler=cell("handler") or None,
            time_limit=None if due_text else limit,
            due_on=_date(due_text) if due_text else None,
        ),
    )
    if request.handler:
        handle_request(session=session, request=request, handler=None, lead_body=None, assisting=())
    if cell("closed"):
        close_request(
            session=session,
            request=request,
            result=cell("result") or None,
            on=_date(cell("closed")),
        )
        if cell("followup"):
            follow_up_request(
                session=session, request=request, answer=cell("followup"), on=_date(cell("closed"))
            )


def _visit_row(session: Session, cell: Callable[[str], str]) -> None:
    import re

    names = [name for name in re.split(r"[、,，;；\n]", cell("members")) if name.strip()]
    add_service(
        session=session,
        new=NewService(
            held_on=_date(cell("date")),
            kind=cell("kind"),
            staff=cell("staff"),
            members=tuple(resolve_member(session=session, query=name) for name in names),
            summary=cell("summary"),
            title=cell("title") or None,
            outcome=cell("outcome") or None,
            saved=parse_amount(cell("saved")) if cell("saved") else None,
            signed=_yes(cell("signed")),
        ),
    )
