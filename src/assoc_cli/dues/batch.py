"""Batch entry of a bank statement (批量录入银行流水): ``dues pay --from FILE``.

The file (CSV or .xlsx) has a header row naming its columns in Chinese or English —
会员/会员编号/名称 (member), 金额 (amount), 日期/缴费日期 (date), and optionally 年度 (year),
方式 (method), 流水号/参考号 (reference), 付款人 (payer), 备注 (note). The whole file is
checked first and recorded all or nothing:

- every cell is read as ``dues pay`` reads it (amounts, dates, years, methods); every bad
  cell is listed by its line;
- the batch's control totals (CiviCRM's "expected entries" and "expected total"):
  ``--expect-count`` and ``--expect-total`` must match the file, so a line lost or typed
  twice while copying the statement is caught before anything is recorded;
- the counter-safety rules of a single payment (``dues/checks.py``): repeats (``--again``),
  bank references recorded once, too much credit (``--credit``).

Receipts are numbered in date order (then line order), gap-free per year, after the
receipts already issued.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, or_, select
from sqlmodel import Session

from assoc_cli.db.core import dues_entry_t as entry_t
from assoc_cli.db.core import member_t
from assoc_cli.db.locks import serialize
from assoc_cli.db.models import DuesEntry
from assoc_cli.dues.checks import Intended, payment_problems
from assoc_cli.dues.payment import (
    MAX_YEAR,
    MIN_YEAR,
    PAYMENT,
    check_reference,
    parse_method,
)
from assoc_cli.errors import AssocError, ImportFileError
from assoc_cli.files.spreadsheets import read_rows
from assoc_cli.i18n import t
from assoc_cli.i18n.dates import parse_date
from assoc_cli.i18n.money import format_money, parse_amount
from assoc_cli.listing import Column, Listing
from assoc_cli.members.service import resolve_member

# Header spellings (compared without spaces, case and a bracketed unit such as "(元)").
HEADERS: dict[str, tuple[str, ...]] = {
    "number": ("会员编号", "编号", "number", "membernumber", "memberno"),
    "member": ("会员", "名称", "会员名称", "单位", "单位名称", "缴费单位", "member", "name"),
    "amount": ("金额", "缴费金额", "到账金额", "amount"),
    "on": ("日期", "缴费日期", "到账日期", "交易日期", "date"),
    "year": ("年度", "会费年度", "year"),
    "method": ("方式", "缴费方式", "method"),
    "reference": ("流水号", "参考号", "银行流水号", "交易流水号", "reference", "ref"),
    "payer": ("付款人", "付款单位", "付款方", "payer"),
    "note": ("备注", "摘要", "note"),
}
_BY_SPELLING = {spelling: key for key, spellings in HEADERS.items() for spelling in spellings}
_UNIT = re.compile(r"[(（][^)）]*[)）]")
# A total or note row under the payments: 合计, 总计, 小计, Total…
_TOTAL = re.compile(r"^(合\s*计|总\s*计|小\s*计|共\s*计|total|sum)\b", re.IGNORECASE)
_YEAR = re.compile(r"^(\d{4})(?:\.0+)?\s*(?:年度?)?$")
MAX_PROBLEMS_SHOWN = 200


def header_key(cell: str) -> str | None:
    """The field a header cell names, or None."""
    text = _UNIT.sub("", cell).replace(" ", "").replace("\u3000", "").strip().lower()
    return _BY_SPELLING.get(text)


def _is_header(cells: list[str]) -> bool:
    keys = {header_key(cell) for cell in cells}
    return "amount" in keys and bool(keys & {"member", "number"})


@dataclass(frozen=True)
class _Raw:
    """One payment as the file has it: the member as typed, the cells read."""

    line: int
    member: str
    amount_fen: int
    on: date
    year: int | None
    method: str
    reference: str | None
    payer: str | None
    note: str | None


@dataclass(frozen=True)
class StatementLine(_Raw):
    """One payment of the statement, read and checked: its member found."""

    member_id: int
    number: str
    name: str

    def intended(self) -> Intended:
        """The payment as the counter checks see it."""
        return Intended(
            member_id=self.member_id,
            number=self.number,
            name=self.name,
            amount_fen=self.amount_fen,
            on=self.on,
            year=self.year,
            reference=self.reference,
            line=self.line,
        )


@dataclass
class BatchResult:
    """What a statement recorded (or, in a dry run, would record): each line with its
    receipt (None in a dry run)."""

    lines: list[StatementLine]
    receipts: list[str | None]

    @property
    def total_fen(self) -> int:
        """The statement's total."""
        return sum(line.amount_fen for line in self.lines)

    def summary(self, lang: str, *, dry_run: bool) -> str:
        """One sentence: how many payments, their total, the receipts' range."""
        count, total = len(self.lines), format_money(self.total_fen)
        if dry_run or not self.receipts:
            return t("msg.batch_dry_run", lang, count=count, total=total)
        numbers = sorted(r for r in self.receipts if r)
        return t(
            "msg.batch_recorded",
            lang,
            count=count,
            total=total,
            first=numbers[0] if numbers else "",
            last=numbers[-1] if numbers else "",
        )

    def listing(self, lang: str) -> Listing:
        """The payments, one row each: line, receipt, member, amount, date, year, method,
        reference."""
        rows = [
            {
                "line": line.line,
                "receipt": receipt or "",
                "number": line.number,
                "name": line.name,
                "amount": line.amount_fen,
                "date": line.on,
                "year": line.year,
                "method": line.method,
                "reference": line.reference,
            }
            for line, receipt in zip(self.lines, self.receipts, strict=True)
        ]
        columns = [
            Column("line"),
            Column("receipt"),
            Column("number"),
            Column("name"),
            Column("amount", kind="money"),
            Column("date", kind="date"),
            Column("year"),
            Column("method"),
            Column("reference", "col.bank_reference"),
        ]
        return Listing(columns, rows)


class _Problems:
    def __init__(self) -> None:
        self.shown: list[tuple[str, str]] = []
        self.count = 0

    def add(self, line: int | None, english: str, chinese: str) -> None:
        self.count += 1
        if len(self.shown) < MAX_PROBLEMS_SHOWN:
            if line is None:
                self.shown.append((english, chinese))
            else:
                self.shown.append((f"line {line}: {english}", f"第 {line} 行:{chinese}"))

    def raise_if_any(self, name: str) -> None:
        if not self.count:
            return
        more = self.count - len(self.shown)
        shown = list(self.shown)
        if more:
            shown.append((f"… and {more} more", f"……另有 {more} 个问题"))
        raise ImportFileError(
            f"{name}: {self.count} problem(s); nothing was recorded",
            shown,
            zh=f"{name}:发现 {self.count} 个问题;未登记任何缴费",
        )


def _cell(cells: list[str], index: int | None) -> str:
    if index is None or index >= len(cells):
        return ""
    return cells[index].strip()


def _parse_year(text: str) -> int:
    match = _YEAR.match(text)
    year = int(match.group(1)) if match else None
    if year is None or not MIN_YEAR <= year <= MAX_YEAR:
        from assoc_cli.errors import InvalidValueError

        raise InvalidValueError(
            f'"{text}" is not a dues year like 2022', zh=f"“{text}”不是像 2022 这样的年度"
        )
    return year


def _read(path: Path, problems: _Problems) -> tuple[list[_Raw], int]:
    """The payments read from *path* (rows with a bad cell left out, their problems
    noted), and how many payment rows the file has in all."""
    sheet = read_rows(path, _is_header)
    columns: dict[str, int] = {}
    for index, cell in enumerate(sheet.headers):
        key = header_key(cell)
        if key is not None and key not in columns:
            columns[key] = index
    missing = [
        (en, zh)
        for keys, en, zh in (
            (("member", "number"), "member (会员 or 会员编号)", "会员(或会员编号)"),
            (("amount",), "amount (金额)", "金额"),
            (("on",), "date (日期)", "日期"),
        )
        if not any(key in columns for key in keys)
    ]
    if missing:
        raise ImportFileError(
            f"{path.name} has no column for "
            + ", ".join(en for en, _ in missing)
            + "; the header row names member, amount, date, and may name year, method, "
            "reference",
            zh=f"{path.name} 缺少列:"
            + "、".join(zh for _, zh in missing)
            + ";表头应有 会员、金额、日期,可有 年度、方式、流水号",
        )
    read: list[_Raw] = []
    count = 0
    for line, cells in sheet.rows:
        if not any(cell.strip() for cell in cells):
            continue
        first = next(cell.strip() for cell in cells if cell.strip())
        if _TOTAL.match(first):
            continue
        count += 1
        member = _cell(cells, columns.get("number")) or _cell(cells, columns.get("member"))
        values: dict[str, Any] = {}
        if not member:
            problems.add(line, "no member", "缺少会员")
        for key, parse, en, zh in (
            ("amount", parse_amount, "amount", "金额"),
            ("on", parse_date, "date", "日期"),
            ("year", _parse_year, "year", "年度"),
            ("method", parse_method, "method", "方式"),
            ("reference", check_reference, "reference", "流水号"),
        ):
            text = _cell(cells, columns.get(key))
            if not text:
                if key in ("amount", "on"):
                    problems.add(line, f"no {en}", f"缺少{zh}")
                continue
            try:
                values[key] = parse(text)
            except AssocError as exc:
                problems.add(line, f"{en}: {exc}", f"{zh}:{exc.text('zh-Hans')}")
        if member and "amount" in values and "on" in values:
            read.append(
                _Raw(
                    line=line,
                    member=member,
                    amount_fen=values["amount"],
                    on=values["on"],
                    year=values.get("year"),
                    method=values.get("method", "银行转账"),
                    reference=values.get("reference"),
                    payer=_cell(cells, columns.get("payer"))[:200] or None,
                    note=_cell(cells, columns.get("note"))[:500] or None,
                )
            )
    return read, count


def _members(
    session: Session, texts: set[str], problems: _Problems, lines: dict[str, int]
) -> dict[str, tuple[int, str, str]]:
    """Each member text of the file -> (id, number, name): numbers, names and short names
    in one query per chunk; anything else (a unique part of a name) one by one."""
    found: dict[str, tuple[int, str, str]] = {}
    ordered = sorted(texts)
    connection = session.connection()
    for start in range(0, len(ordered), 300):
        chunk = ordered[start : start + 300]
        upper = [text.upper() for text in chunk]
        query = select(
            member_t.c.id, member_t.c.number, member_t.c.name, member_t.c.short_name
        ).where(
            or_(
                member_t.c.number.in_(upper),
                member_t.c.name.in_(chunk),
                member_t.c.short_name.in_(chunk),
            )
        )
        by_number: dict[str, tuple[int, str, str]] = {}
        by_name: dict[str, list[tuple[int, str, str]]] = {}
        for row in connection.execute(query):
            value = (row.id, row.number, row.name)
            by_number[row.number] = value
            for name in {row.name, row.short_name} - {None}:
                by_name.setdefault(name, []).append(value)
        for text in chunk:
            if text.upper() in by_number:
                found[text] = by_number[text.upper()]
            elif len(set(by_name.get(text, []))) == 1:
                found[text] = by_name[text][0]
    for text in ordered:
        if text in found:
            continue
        try:
            member = resolve_member(session=session, query=text)
        except AssocError as exc:
            problems.add(lines[text], str(exc), exc.text("zh-Hans"))
            continue
        assert member.id is not None
        found[text] = (member.id, member.number, member.name)
    return found


def pay_from_file(
    *,
    session: Session,
    path: Path,
    expect_count: int | None,
    expect_total: int | None,
    again: bool,
    credit: bool,
    dry_run: bool,
    today: date,
) -> BatchResult:
    """Check the statement in *path* whole and, unless *dry_run*, record every payment in
    it (receipts issued in date order); any problem refuses the whole file, listing every
    problem by line (``ImportFileError``)."""
    problems = _Problems()
    raw, count = _read(path, problems)
    first_line: dict[str, int] = {}
    for row in raw:
        first_line.setdefault(row.member, row.line)
    members = _members(session, set(first_line), problems, first_line)
    lines = [
        StatementLine(
            **vars(row),
            member_id=members[row.member][0],
            number=members[row.member][1],
            name=members[row.member][2],
        )
        for row in raw
        if row.member in members
    ]
    if not count:
        problems.add(None, f"{path.name} has no payments", f"{path.name} 中没有缴费记录")
    total = sum(row.amount_fen for row in raw)
    every_amount_read = not problems.count
    if expect_count is not None and expect_count != count:
        problems.add(
            None,
            f"the file has {count} payments; --expect-count says {expect_count}",
            f"文件中有 {count} 笔缴费;--expect-count 为 {expect_count}",
        )
    if expect_total is not None and expect_total != total and every_amount_read:
        problems.add(
            None,
            f"the payments total {format_money(total)}; --expect-total says "
            f"{format_money(expect_total)} (a difference of {format_money(total - expect_total)})",
            f"缴费合计 {format_money(total)};--expect-total 为 {format_money(expect_total)}"
            f"(相差 {format_money(total - expect_total)})",
        )
    problems.raise_if_any(path.name)
    serialize(session, "assoc.receipts")
    for problem in payment_problems(
        session, [line.intended() for line in lines], again=again, credit=credit, today=today
    ):
        problems.add(problem.line, problem.english, problem.chinese)
    problems.raise_if_any(path.name)
    if dry_run:
        return BatchResult(lines, [None] * len(lines))
    return BatchResult(lines, _record(session, lines))


def _record(session: Session, lines: list[StatementLine]) -> list[str | None]:
    """Write the payments with their receipts (date order, then line order); the
    receipts in the order of *lines*."""
    years = sorted({line.on.year for line in lines})
    entry = entry_t
    query = (
        select(entry.c.receipt_year, func.max(entry.c.receipt_seq))
        .where(entry.c.receipt_year.in_(years))
        .group_by(entry.c.receipt_year)
    )
    highest: dict[int, int] = {int(y): int(seq) for y, seq in session.connection().execute(query)}
    next_seq = {year: int(highest.get(year) or 0) for year in years}
    receipts: dict[int, str] = {}
    entries = []
    now = datetime.now(UTC)
    for line in sorted(lines, key=lambda line: (line.on, line.line)):
        year = line.on.year
        next_seq[year] += 1
        receipt = f"{year}-{next_seq[year]:04d}"
        receipts[line.line] = receipt
        entries.append(
            DuesEntry(
                member_id=line.member_id,
                kind=PAYMENT,
                year=line.year,
                amount_fen=line.amount_fen,
                entry_on=line.on,
                receipt=receipt,
                receipt_year=year,
                receipt_seq=next_seq[year],
                method=line.method,
                payer=line.payer,
                note=line.note,
                reference=line.reference,
                created_at=now,
            )
        )
    session.add_all(entries)
    session.flush()
    return [receipts[line.line] for line in lines]
