"""The forms members fill in and send back (.xlsx): one row per member and indicator
under a header row, so the same layout is one member's form or one sheet for everyone.
Last year's same-period figures are filled in for reference; import reads 本期 and
本年累计 back, all or nothing, every bad cell named by line and column."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from assoc_cli.db.core import member_t, stat_reporter_t, stat_value_t
from assoc_cli.db.values import MemberStatus
from assoc_cli.errors import ImportFileError
from assoc_cli.listing import Column
from assoc_cli.statistics.catalogue import Period, indicators, parse_period, shown

if TYPE_CHECKING:
    from sqlmodel import Session

    from assoc_cli.db.reader import DbSession

HEADERS = (
    "会员编号",
    "单位名称",
    "报告期",
    "指标",
    "计量单位",
    "本期",
    "本年累计",
    "上年同期本期",
    "上年同期累计",
)
FORM_COLUMNS = [
    Column("number", header="col.number"),
    Column("name"),
    Column("period", header="col.stat_period"),
    Column("indicator", header="col.stat_indicator"),
    Column("unit", header="col.stat_unit"),
    Column("current", header="col.stat_current"),
    Column("cumulative", header="col.stat_cumulative"),
    Column("previous_current", header="col.stat_previous_current"),
    Column("previous", header="col.stat_previous"),
]


def period_code(period: Period) -> str:
    """The period as typed on the command line and in forms: 2022-11, 2022-Q3, 2022."""
    if period.start_month == 1 and period.end_month == 12:
        return str(period.year)
    if period.end_month - period.start_month == 2 and period.end_month % 3 == 0:
        return f"{period.year}-Q{period.end_month // 3}"
    return f"{period.year}-{period.end_month:02d}"


def form_rows(session: DbSession, *, member_id: int, period: Period) -> list[dict[str, Any]]:
    """One member's form: each indicator, blank 本期 and 本年累计, last year's figures."""
    member = (
        session.connection()
        .execute(select(member_t.c.number, member_t.c.name).where(member_t.c.id == member_id))
        .one()
    )
    last = {
        row.indicator_id: row
        for row in session.connection().execute(
            select(stat_value_t).where(
                stat_value_t.c.member_id == member_id,
                stat_value_t.c.year == period.year - 1,
                stat_value_t.c.end_month == period.end_month,
            )
        )
    }
    rows = []
    for indicator in indicators(session):
        before = last.get(indicator.id)
        rows.append(
            {
                "number": member.number,
                "name": member.name,
                "period": period_code(period),
                "indicator": indicator.name,
                "unit": indicator.unit,
                "current": None,
                "cumulative": None,
                "previous_current": shown(before.current, indicator.unit, 6) if before else None,
                "previous": shown(before.cumulative, indicator.unit, 6) if before else None,
            }
        )
    return rows


def write_forms(
    session: DbSession, *, period_text: str, folder: Path, members: list[int] | None, lang: str
) -> list[Path]:
    """``stats forms``: a blank form per reporting member (or the members named) in
    *folder*, named by member number."""
    from assoc_cli.files.spreadsheets import OutSheet, write_xlsx_sheets

    period = parse_period(period_text)
    query = (
        select(member_t.c.id, member_t.c.number)
        .join(stat_reporter_t, stat_reporter_t.c.member_id == member_t.c.id)
        .where(member_t.c.status == MemberStatus.active.value)
        .order_by(member_t.c.number)
    )
    if members is not None:
        query = select(member_t.c.id, member_t.c.number).where(member_t.c.id.in_(members))
    written = []
    for member_id, number in list(session.connection().execute(query)):
        rows = form_rows(session, member_id=member_id, period=period)
        path = folder / f"{number}_{period_code(period)}.xlsx"
        title = f"主要经济指标统计表 {rows[0]['name']} {period.label('zh-Hans')}" if rows else None
        write_xlsx_sheets(
            path, [OutSheet(FORM_COLUMNS, rows, list(HEADERS), "统计表", title=title)], lang
        )
        written.append(path)
    return written


@dataclass
class FormLine:
    """One line read from a form, checked."""

    line: int
    number: str
    period: str
    indicator: str
    current: str
    cumulative: str


def _is_header(cells: list[str]) -> bool:
    return "会员编号" in [c.strip() for c in cells] and "本期" in [c.strip() for c in cells]


def import_forms(*, session: Session, paths: list[Path], reported_on: date) -> tuple[int, int]:
    """``stats import``: the returned forms (one file per member or one sheet for all),
    all or nothing: any bad cell — an unknown member or indicator, a period not of the
    member's plan, a figure that is not a number — is listed by file, line and column,
    and nothing is written. Returns (members, figures)."""
    from assoc_cli.errors import AssocError
    from assoc_cli.files.spreadsheets import read_rows
    from assoc_cli.members.service import resolve_member
    from assoc_cli.statistics.catalogue import ensure_defaults, find_indicator
    from assoc_cli.statistics.collection import (
        ensure_enrolled,
        parse_figure_pair,
        record_report,
    )

    ensure_defaults(session)
    problems: list[tuple[str, str]] = []
    reports: dict[tuple[int, Period], list[Any]] = {}
    members: dict[int, Any] = {}
    for path in paths:
        sheet = read_rows(path, _is_header)
        index = {name: sheet.headers.index(name) for name in HEADERS if name in sheet.headers}
        missing = [name for name in HEADERS[:7] if name not in index and name != "单位名称"]
        if missing:
            raise ImportFileError(
                f"{path.name}: no column {', '.join(missing)} (use the form of: assoc stats forms)",
                zh=f"{path.name}:缺少列 {'、'.join(missing)}(请使用 assoc stats forms 生成的报表)",
            )
        for line, cells in sheet.rows:

            def cell(name: str, cells: list[str] = cells, index: dict[str, int] = index) -> str:
                at = index[name]
                return cells[at].strip() if at < len(cells) else ""

            if not any(c.strip() for c in cells):
                continue
            where = f"{path.name} line {line}"
            where_zh = f"{path.name} 第{line}行"
            current, cumulative = cell("本期"), cell("本年累计")
            if not current and not cumulative:
                continue  # an indicator the member left blank
            try:
                member = resolve_member(session=session, query=cell("会员编号"))
                assert member.id is not None
                plan = ensure_enrolled(session, member)
                period = parse_period(cell("报告期"), plan)
                indicator = find_indicator(session, cell("指标"))
                if not current:
                    raise ImportFileError("本期 is empty", zh="本期为空")
                figure = parse_figure_pair(indicator, current, cumulative or None, "")
            except AssocError as exc:
                problems.append((f"{where}: {exc}", f"{where_zh}:{exc.text('zh-Hans')}"))
                continue
            members[member.id] = member
            reports.setdefault((member.id, period), []).append(figure)
    if not problems:
        for (member_id, period), figures in reports.items():
            try:
                record_report(
                    session=session,
                    member=members[member_id],
                    period=period,
                    figures=figures,
                    reported_on=reported_on,
                    where=f"{members[member_id].number} {period_code(period)} ",
                )
            except AssocError as exc:
                problems.append((str(exc), exc.text("zh-Hans")))
    if problems:
        raise ImportFileError(
            f"{len(problems)} problem(s) in the forms; nothing was imported",
            problems,
            zh=f"报表中有 {len(problems)} 处错误;未导入任何数据",
        )
    return len(members), sum(len(f) for f in reports.values())
