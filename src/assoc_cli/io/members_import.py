"""``assoc members import``: check a whole roster file first, then write all of it or none.

Rows are matched to existing members by member number or credit code; a matched row
updates only the cells it fills (an empty cell never erases what is stored). Every bad row
is reported with its line number and reason, and then nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from assoc_cli.db.locks import serialize
from assoc_cli.db.models import Member, Tier
from assoc_cli.errors import ImportFileError, InvalidValueError
from assoc_cli.io.tables import read_rows
from assoc_cli.reports.roster import RosterFilter, roster_rows
from assoc_cli.services.member_fields import FIELDS_BY_KEY, field_for_header
from assoc_cli.services.members import (
    NUMBER_PREFIX,
    add_members,
    format_member_number,
    next_member_number,
    update_member,
)

LOOKUP_CHUNK = 500
EXPORT_ONLY_HEADERS = {"职务", "状态"}
MAX_PROBLEMS_SHOWN = 200


@dataclass
class PlannedRow:
    """What one line of the file will do."""

    line: int
    action: str  # add | update | same
    values: dict[str, Any]
    member: Member | None = None
    changes: list[str] = field(default_factory=list)

    @property
    def number(self) -> str:
        """The member number the row is for (generated for new members)."""
        return str(self.values.get("number") or (self.member.number if self.member else ""))

    @property
    def name(self) -> str:
        """The member's name, from the file or the database."""
        return str(self.values.get("name") or (self.member.name if self.member else ""))


@dataclass
class ImportPlan:
    """The checked file: what each row does, and the columns that were not recognised."""

    rows: list[PlannedRow]
    ignored_headers: list[str]

    def count(self, action: str) -> int:
        """How many rows will do *action*."""
        return sum(1 for row in self.rows if row.action == action)


def _map_headers(headers: list[str], file_name: str) -> tuple[dict[str, int], list[str]]:
    mapping: dict[str, int] = {}
    ignored: list[str] = []
    for index, header in enumerate(headers):
        key = field_for_header(header) if header else None
        if key is None:
            # 职务 and 状态 come from `members export`: offices and status change through
            # their own commands, so an export imports back without a warning.
            if header and header.strip() not in EXPORT_ONLY_HEADERS:
                ignored.append(header)
            continue
        if key in mapping:
            raise ImportFileError(
                f"{file_name}: columns {mapping[key] + 1} and {index + 1} both hold "
                f'{FIELDS_BY_KEY[key].export_header} ("{headers[mapping[key]]}", "{header}"); '
                "keep one of them"
            )
        mapping[key] = index
    if not {"name", "number", "credit_code"} & mapping.keys():
        raise ImportFileError(
            f"{file_name}: no 名称 (name), 会员编号 (number) or 统一社会信用代码 column was found "
            f"in the header row ({', '.join(h for h in headers if h) or 'empty'})"
        )
    return mapping, ignored


def _parse_row(
    line: int, cells: list[str], mapping: dict[str, int], problems: list[str]
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, index in mapping.items():
        text = cells[index].strip() if index < len(cells) else ""
        if not text:
            continue  # an empty cell leaves the stored value alone
        spec = FIELDS_BY_KEY[key]
        try:
            values[key] = spec.parse(text)
        except InvalidValueError as exc:
            problems.append(f"line {line}: {spec.export_header} ({key}): {exc}")
    return values


def _chunks(items: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(items), LOOKUP_CHUNK):
        yield items[start : start + LOOKUP_CHUNK]


def _lookup(session: Session, column: Any, keys: set[str]) -> dict[str, Member]:
    found: dict[str, Member] = {}
    for chunk in _chunks(sorted(keys)):
        for member in session.exec(select(Member).where(col(column).in_(chunk))):
            found[getattr(member, column.key)] = member
    return found


def _effective_tiers(
    session: Session, members: Iterable[Member], term_id: int | None
) -> dict[int, str]:
    ids = sorted({m.id for m in members if m.id is not None})
    tiers: dict[int, str] = {}
    for start in range(0, len(ids), LOOKUP_CHUNK):
        filters = RosterFilter(
            term_id=term_id, status=None, member_ids=tuple(ids[start : start + LOOKUP_CHUNK])
        )
        for row in roster_rows(session, filters):
            tiers[row["id"]] = row["tier"]
    return tiers


def plan_import(
    *,
    session: Session,
    path: Path,
    term_id: int | None,
    progress: Callable[[int], None] | None = None,
) -> ImportPlan:
    """Read and check the whole file; raise ImportFileError listing every bad row."""
    headers, rows = read_rows(path)
    mapping, ignored = _map_headers(headers, path.name)
    problems: list[str] = []
    parsed: list[tuple[int, dict[str, Any]]] = []
    for count, (line, cells) in enumerate(rows, start=1):
        if progress is not None:
            progress(count)
        if not any(cell.strip() for cell in cells):
            continue
        parsed.append((line, _parse_row(line, cells, mapping, problems)))

    by_number = _lookup(session, Member.number, {v["number"] for _, v in parsed if v.get("number")})
    by_code = _lookup(
        session, Member.credit_code, {v["credit_code"] for _, v in parsed if v.get("credit_code")}
    )
    tier_names = {tier.name for tier in session.exec(select(Tier))}
    lowest_tier = session.exec(select(Tier).order_by(col(Tier.rank).desc())).first()
    effective = _effective_tiers(session, [*by_number.values(), *by_code.values()], term_id)

    seen_numbers: dict[str, int] = {}
    seen_codes: dict[str, int] = {}
    planned: list[PlannedRow] = []
    for line, values in parsed:
        planned_row = _plan_row(
            line, values, by_number, by_code, seen_numbers, seen_codes, problems
        )
        if planned_row is None:
            continue
        tier = values.get("tier")
        if tier is not None:
            if tier.lower() in ("auto", "自动"):
                values["tier"] = None
            elif tier not in tier_names:
                problems.append(
                    f'line {line}: 会费档次 (tier): "{tier}" is not one of '
                    + ", ".join(sorted(tier_names))
                )
                continue
        _settle_tier(planned_row, effective, lowest_tier.name if lowest_tier else None, session)
        planned.append(planned_row)

    if problems:
        shown = problems[:MAX_PROBLEMS_SHOWN]
        if len(problems) > MAX_PROBLEMS_SHOWN:
            shown.append(f"… and {len(problems) - MAX_PROBLEMS_SHOWN} more problems")
        raise ImportFileError(
            f"{path.name}: {len(problems)} problem(s) found; nothing was imported. "
            "Fix these rows and import again:",
            shown,
        )
    serialize(session, "assoc.member_numbers")
    _number_new_rows(session, planned)
    return ImportPlan(planned, ignored)


def _plan_row(
    line: int,
    values: dict[str, Any],
    by_number: dict[str, Member],
    by_code: dict[str, Member],
    seen_numbers: dict[str, int],
    seen_codes: dict[str, int],
    problems: list[str],
) -> PlannedRow | None:
    number, code = values.get("number"), values.get("credit_code")
    for key, seen, label in (
        (number, seen_numbers, "member number"),
        (code, seen_codes, "credit code"),
    ):
        if key is not None:
            if key in seen:
                problems.append(f"line {line}: {label} {key} is also on line {seen[key]}")
                return None
            seen[key] = line
    match_number = by_number.get(number) if number else None
    match_code = by_code.get(code) if code else None
    if match_number and match_code and match_number.id != match_code.id:
        problems.append(
            f"line {line}: member number {number} is {match_number.name} but credit code {code} "
            f"belongs to {match_code.name} ({match_code.number})"
        )
        return None
    member = match_number or match_code
    if member is None:
        if not values.get("name"):
            problems.append(f"line {line}: 名称 (name) is empty; a new member needs a name")
            return None
        return PlannedRow(line, "add", values)
    if "left_on" in values and values["left_on"] != member.left_on:
        problems.append(
            f"line {line}: 退会日期 (left_on) differs from the roster for {member.number}; "
            "record leaving with: assoc members leave"
        )
        return None
    values.pop("left_on", None)
    return PlannedRow(line, "update", values, member)


def _settle_tier(
    row: PlannedRow, effective: dict[int, str], lowest: str | None, session: Session
) -> None:
    """Decide whether a tier cell pins an explicit tier or only repeats what already follows
    from offices (so an exported roster imports back without pinning every tier), then
    work out what the row changes."""
    tier = row.values.get("tier")
    member = row.member
    if "tier" in row.values:
        if member is None:
            repeats_default = tier == lowest
        else:
            repeats_default = member.tier_id is None and tier == effective.get(member.id or -1)
        if repeats_default:
            row.values.pop("tier")
    if member is not None:
        row.changes = _changes(session, member, row.values)
        row.action = "update" if row.changes else "same"


def _changes(session: Session, member: Member, values: dict[str, Any]) -> list[str]:
    changed = []
    for key, value in values.items():
        if key == "tier":
            current = session.get(Tier, member.tier_id).name if member.tier_id else None  # type: ignore[union-attr]
            if current != value:
                changed.append(key)
        elif getattr(member, key) != value:
            changed.append(key)
    return changed


def _number_new_rows(session: Session, planned: list[PlannedRow]) -> None:
    """Give new rows without a number the next free M-numbers, after any the file uses."""
    highest = int(next_member_number(session=session)[len(NUMBER_PREFIX) :]) - 1
    for row in planned:
        number = row.values.get("number") or ""
        suffix = number[len(NUMBER_PREFIX) :]
        if number.startswith(NUMBER_PREFIX) and suffix.isdigit():
            highest = max(highest, int(suffix))
    for row in planned:
        if row.action == "add" and not row.values.get("number"):
            highest += 1
            row.values["number"] = format_member_number(highest)


def apply_import(*, session: Session, plan: ImportPlan) -> None:
    """Write the checked plan (inside the caller's transaction)."""
    add_members(session=session, rows=[row.values for row in plan.rows if row.action == "add"])
    for row in plan.rows:
        if row.action == "update" and row.member is not None:
            update_member(
                session=session,
                member=row.member,
                values={key: row.values[key] for key in row.changes},
            )
