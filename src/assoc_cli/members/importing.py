"""``assoc members import``: check a whole roster file, then write all of it or none.

Rows are matched to existing members by member number or credit code; a matched row
updates only the cells it fills (an empty cell never erases what is stored). Every bad row
is reported with its line number and reason, and then nothing is written.

A roster may have a million rows, so the file is read as a stream, a batch of rows at a
time, and never held whole: each batch is parsed (``roster_reader``; for a large file in
a helper process, while this one writes), matched against the members stored (one query
per few hundred keys) and planned. New members are written as their batch is planned,
inside the command's one transaction; when any row turns out bad, the caller rolls that
transaction back, so all-or-nothing holds. Updates of existing members wait
until the whole file is checked and then go through ``update_member`` one by one (the
audit log records each); the new members get one audit entry for the import.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import Table, func
from sqlalchemy import select as sa_select
from sqlmodel import Session, SQLModel, col, select

from assoc_cli.db.audit import record
from assoc_cli.db.locks import serialize
from assoc_cli.db.models import Member, Tier
from assoc_cli.errors import AssocError, ImportFileError, InvalidValueError
from assoc_cli.files.spreadsheets import estimate_rows, read_rows
from assoc_cli.i18n import t
from assoc_cli.i18n.sorting import load_pinyin
from assoc_cli.listing import Column, Listing
from assoc_cli.members.choices import is_auto_tier
from assoc_cli.members.fields import (
    FIELDS_BY_KEY,
    KEY_FIELDS,
    TITLE_OR_OFFICES,
    field_for_header,
    looks_like_header,
    parse_member_number,
)
from assoc_cli.members.import_reader import (
    BATCH,
    MAX_PROBLEMS_SHOWN,
    Batch,
    HelperReader,
    Problems,
    Row,
    parse_batches,
)
from assoc_cli.members.roster import RosterFilter, roster_select
from assoc_cli.members.service import (
    NUMBER_PREFIX,
    NewMembers,
    format_member_number,
    next_member_number,
    update_member,
)
from assoc_cli.organisation.queries import term_id_for

LOOKUP_CHUNK = 500
# From about this many rows (as estimated from the file) a helper process reads the file.
HELPER_ROWS = 50_000
EXPORT_ONLY_HEADERS = {TITLE_OR_OFFICES, "状态"}
# What a dry run lists: each line of the file that adds a member or changes one.
PREVIEW_COLUMNS = [
    Column("line", kind="int"),
    Column("action", kind="enum", enum_prefix="action."),
    Column("number"),
    Column("name"),
    Column("changes"),
]
member_t: Table = SQLModel.metadata.tables[str(Member.__tablename__)]


class ListedRow(NamedTuple):
    """What one line of the file will do (kept for a dry run's listing)."""

    line: int
    action: str  # add | update
    number: str
    name: str
    changes: tuple[str, ...]


class _Update(NamedTuple):
    line: int
    member_id: int
    values: dict[str, Any]  # only the fields that change


@dataclass
class ImportPlan:
    """The checked file: how many rows add, update or leave members as they are, the
    updates still to write, and (in a dry run) every row that changes something."""

    file_name: str
    ignored_headers: list[str]
    counts: dict[str, int]
    # Rows left out: titles above the header row and total/note rows (line, text).
    titles: list[tuple[int, str]] = field(default_factory=list)
    footers: list[tuple[int, str]] = field(default_factory=list)
    updates: list[_Update] = field(default_factory=list)
    listing: list[ListedRow] = field(default_factory=list)
    added_numbers: tuple[str, str] | None = None
    adds_written: bool = False
    # An error adding a member (left before it joined), raised by apply_import: the rows
    # themselves were fine, so it does not count among the file's problems.
    deferred: AssocError | None = None

    @property
    def total(self) -> int:
        """How many rows of the file were read (blank rows aside)."""
        return sum(self.counts.values())

    def count(self, action: str) -> int:
        """How many rows will do *action* (add, update or same)."""
        return self.counts.get(action, 0)

    def summary(self, lang: str) -> list[str]:
        """What people are told once the file is checked: the columns it ignored, if any,
        and how many rows add, update or leave members as they are."""
        said = []
        if self.ignored_headers:
            said.append(t("msg.ignored_columns", lang, columns=", ".join(self.ignored_headers)))
        for line, text in self.titles:
            said.append(
                f"第 {line} 行是标题，已跳过：{text}"
                if lang != "en"
                else f"Line {line} is a title, skipped: {text}"
            )
        for line, text in self.footers:
            said.append(
                f"第 {line} 行是合计或说明，已跳过：{text}"
                if lang != "en"
                else f"Line {line} is a total or note, skipped: {text}"
            )
        said.append(
            t(
                "msg.import_summary",
                lang,
                file=self.file_name,
                rows=self.total,
                added=self.count("add"),
                updated=self.count("update"),
                same=self.count("same"),
            )
        )
        return said

    def preview(self, lang: str) -> Listing:
        """A dry run's answer: every line that would add or change a member, with what it
        changes, and the note that nothing was written."""
        rows = (
            {
                "line": row.line,
                "action": row.action,
                "number": row.number,
                "name": row.name,
                "changes": ", ".join(_field_names(row.changes, lang)),
            }
            for row in self.listing
        )
        return Listing(PREVIEW_COLUMNS, rows, notes=[t("msg.import_dry_run", lang)])


def _field_names(keys: Iterable[str], lang: str) -> list[str]:
    """Field keys as people read them: the Chinese headers (名称, 电话), or the keys in English."""
    return list(keys) if lang == "en" else [FIELDS_BY_KEY[key].export_header for key in keys]


def _map_headers(headers: list[str], file_name: str) -> tuple[dict[str, int], list[str]]:
    mapping: dict[str, int] = {}
    ignored: list[str] = []
    keys = [field_for_header(header) if header else None for header in headers]
    # 职务 is the representative's title unless the file has a 代表职务 column too (then it
    # is a `members export`, where 职务 lists the offices held).
    title_column = "representative_title" not in keys
    for index, header in enumerate(headers):
        key = keys[index]
        if key is None and title_column and header.strip() == TITLE_OR_OFFICES:
            key, title_column = "representative_title", False
        if key is None:
            # 职务 and 状态 come from `members export`: offices and status change through
            # their own commands, so an export imports back without a warning.
            if header and header.strip() not in EXPORT_ONLY_HEADERS:
                ignored.append(header)
            continue
        if key in mapping:
            first, spec = headers[mapping[key]], FIELDS_BY_KEY[key]
            raise ImportFileError(
                f"{file_name}: columns {mapping[key] + 1} and {index + 1} both hold "
                f'{spec.export_header} ("{first}", "{header}"); keep one of them',
                zh=f"{file_name}:第 {mapping[key] + 1} 列和第 {index + 1} 列都是"
                f"{spec.export_header}(“{first}”“{header}”);请只保留一列",
            )
        mapping[key] = index
    if not KEY_FIELDS & mapping.keys():
        found = ", ".join(h for h in headers if h)
        raise ImportFileError(
            f"{file_name}: no 名称 (name), 会员编号 (number) or 统一社会信用代码 column was found "
            f"in the header row ({found or 'empty'})",
            zh=f"{file_name}:表头行({found or '空'})中没有 名称、会员编号 或 统一社会信用代码 列",
        )
    return mapping, ignored


def _chunks(items: list[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(items), LOOKUP_CHUNK):
        yield items[start : start + LOOKUP_CHUNK]


def _lookup(
    session: Session, column: Any, keys: set[str], columns: list[Any]
) -> dict[Any, dict[str, Any]]:
    """Stored members by *column* value (each a dict of *columns*)."""
    found: dict[str, dict[str, Any]] = {}
    connection = session.connection()
    names = [c.key for c in columns]
    at = names.index(column.key)
    for chunk in _chunks(sorted(keys)):
        for row in connection.execute(sa_select(*columns).where(column.in_(chunk))).all():
            found[row[at]] = dict(zip(names, row, strict=True))
    return found


def _effective_tiers(session: Session, ids: set[int], term_id: int | None) -> dict[int, str]:
    """The tier each member follows (the roster's rule), for members without their own."""
    tiers: dict[int, str] = {}
    connection = session.connection()
    for chunk in _chunks(sorted(ids)):
        filters = RosterFilter(term_id=term_id, status=None, member_ids=tuple(chunk))
        roster = roster_select(session, filters).subquery("roster")
        for member_id, tier in connection.execute(sa_select(roster.c.id, roster.c.tier)):
            tiers[member_id] = tier
    return tiers


def _lookup_names(
    session: Session, names: set[str], columns: list[Any], last_id: int
) -> dict[str, list[dict[str, Any]]]:
    """The members stored before the import (id up to *last_id*) that bear each name."""
    found: dict[str, list[dict[str, Any]]] = {}
    connection = session.connection()
    keys = [c.key for c in columns]
    at = keys.index("name")
    for chunk in _chunks(sorted(names)):
        query = sa_select(*columns).where(member_t.c.name.in_(chunk), member_t.c.id <= last_id)
        for row in connection.execute(query).all():
            found.setdefault(row[at], []).append(dict(zip(keys, row, strict=True)))
    return found


def _last_member_id(session: Session) -> int:
    """The highest member id stored (0 when none)."""
    query = sa_select(func.max(member_t.c.id))
    return int(session.connection().execute(query).scalar() or 0)


def _zero_padded_numbers(session: Session) -> dict[str, str]:
    """Stored member numbers of digits that start with 0 (0099), by what is left without
    the zeros (99). Few associations number so; those that do have few members."""
    query = sa_select(member_t.c.number).where(member_t.c.number.like("0%"))
    numbers = session.connection().execute(query).scalars()
    return {n.lstrip("0"): n for n in numbers if n.isdigit() and n.lstrip("0")}


def _members_stored(session: Session) -> bool:
    """Whether any member is stored."""
    query = sa_select(member_t.c.id).limit(1)
    return session.connection().execute(query).first() is not None


def _highest_number_in_file(path: Path, index: int) -> int:
    """The highest M-number in the file's number column (0 if none): new rows are
    numbered after it, so a number the file gives is never drawn for another row."""
    highest = 0
    for _line, cells in read_rows(path, looks_like_header).rows:
        text = cells[index].strip() if index < len(cells) else ""
        if not text:
            continue
        try:
            number = parse_member_number(text)
        except InvalidValueError:
            continue  # reported when the row is read
        suffix = number[len(NUMBER_PREFIX) :]
        if number.startswith(NUMBER_PREFIX) and suffix.isdigit():
            highest = max(highest, int(suffix))
    return highest


class _Planner:
    """Reads the file once: parses, checks and plans every row, and (unless it is a dry
    run) writes the new members batch by batch while no problem has been found."""

    def __init__(
        self,
        session: Session,
        path: Path,
        mapping: dict[str, int],
        term_id: int | None,
        write: bool,
        expected: int | None,
        existing: bool,
        match_by_name: bool = False,
    ) -> None:
        self.session = session
        self.match_by_name = match_by_name
        self.path = path
        self.term_id = term_id
        self.write = write
        self.parse_problems = Problems()
        self.plan_problems = Problems()
        self.counts = {"add": 0, "update": 0, "same": 0}
        self.updates: list[_Update] = []
        self.listing: list[ListedRow] = []
        self.seen_numbers: dict[str, int] = {}
        self.seen_codes: dict[int, int] = {}
        # The names of rows that add a member, rename one or match one by name.
        self.seen_names: dict[int, int] = {}
        self.footers: list[tuple[int, str]] = []
        self.first_added: str | None = None
        self.last_added: str | None = None
        self.deferred: AssocError | None = None
        tiers = list(session.exec(select(Tier)))
        self.tier_names = {tier.name for tier in tiers}
        self.tier_by_id = {tier.id: tier.name for tier in tiers}
        lowest = session.exec(select(Tier).order_by(col(Tier.rank).desc())).first()
        self.lowest = lowest.name if lowest else None
        # With no members stored yet (a first import), no row can match one.
        self.existing = existing
        # Members this import adds (written as it reads) come after this id: a name is
        # compared with the members stored before, and with the file's other rows.
        self.last_id_before = _last_member_id(session) if existing else 0
        # All-digit member numbers with leading zeros (0099), by the number a spreadsheet
        # makes of them (99): such a row was converted, not a new member.
        self.zero_numbers = _zero_padded_numbers(session) if existing else {}
        # New rows without a number draw the next free M-numbers, after any the file uses.
        serialize(session, "assoc.member_numbers")
        # (As wide as the roster's numbers: M0000001… goes on with M1000001, not M2001.)
        following = next_member_number(session=session)[len(NUMBER_PREFIX) :]
        self.highest, self.width = int(following) - 1, len(following)
        if "number" in mapping:
            self.highest = max(self.highest, _highest_number_in_file(path, mapping["number"]))
        # What a match is compared with: the fields the file has, and what matching uses.
        wanted = {"id", "number", "name", "credit_code", "left_on", "tier_id", *mapping}
        self.member_columns = [c for c in member_t.columns if c.key in wanted]
        self.writer = NewMembers(session, expected=expected) if write else None
        self.pending: list[tuple[Any, ...]] = []

    @property
    def failed(self) -> bool:
        return bool(self.parse_problems.count or self.plan_problems.count or self.deferred)

    def read(self, batches: Iterable[Batch], progress: Callable[[int], None] | None) -> None:
        for batch in batches:
            if progress is not None:
                progress(batch.read)
            self.parse_problems.merge(batch.problems, batch.problem_count)
            self.footers.extend(batch.skipped)
            self._plan_batch(batch.rows)
            self._flush()

    def _plan_batch(self, parsed: list[Row]) -> None:
        by_number: dict[Any, dict[str, Any]] = {}
        by_code: dict[Any, dict[str, Any]] = {}
        by_name: dict[str, list[dict[str, Any]]] = {}
        effective: dict[int, str] = {}
        if self.existing:
            session, columns = self.session, self.member_columns
            numbers = {v["number"] for _, v, _keys in parsed if v.get("number")}
            codes = {v["credit_code"] for _, v, _keys in parsed if v.get("credit_code")}
            by_number = _lookup(session, member_t.c.number, numbers, columns)
            by_code = _lookup(session, member_t.c.credit_code, codes, columns)
            # Names are looked up for the rows that would add a member or rename one: a
            # name may be another member's only if the row is matched to that member.
            names = set()
            for _line, values, _keys in parsed:
                name = values.get("name")
                if name:
                    member = by_number.get(values.get("number")) or by_code.get(
                        values.get("credit_code")
                    )
                    if member is None or member["name"] != name:
                        names.add(name)
            by_name = _lookup_names(session, names, columns, self.last_id_before)
            # The tier that follows from offices matters only for a tier cell of a member
            # without an explicit tier.
            ids = set()
            for _line, values, _keys in parsed:
                if "tier" in values:
                    member = by_number.get(values.get("number")) or by_code.get(
                        values.get("credit_code")
                    )
                    if member is None and self.match_by_name and not values.get("number"):
                        same = by_name.get(values.get("name") or "", [])
                        member = same[0] if len(same) == 1 else None
                    if member is not None and member["tier_id"] is None:
                        ids.add(member["id"])
            if ids:
                effective = _effective_tiers(session, ids, self.term_id)
        for line, values, keys in parsed:
            self._plan_row(line, values, keys, by_number, by_code, by_name, effective)

    def _plan_row(
        self,
        line: int,
        values: dict[str, Any],
        keys: tuple[str, str] | None,
        by_number: dict[str, Any],
        by_code: dict[str, Any],
        by_name: dict[str, list[dict[str, Any]]],
        effective: dict[int, str],
    ) -> None:
        problems = self.plan_problems
        number, code = values.get("number"), values.get("credit_code")
        name = values.get("name")
        if number is not None:
            first = self.seen_numbers.setdefault(number, line)
            if first != line:
                problems.append(
                    f"line {line}: member number {number} is also on line {first}",
                    f"第 {line} 行:会员编号 {number} 与第 {first} 行重复",
                )
                return
        if code is not None:
            # A checked code is 18 characters of 0-9 and A-Z: as a base-36 number it takes
            # half the memory of the text, which counts with a million codes.
            first = self.seen_codes.setdefault(int(code, 36), line)
            if first != line:
                problems.append(
                    f"line {line}: credit code {code} is also on line {first}",
                    f"第 {line} 行:统一社会信用代码 {code} 与第 {first} 行重复",
                )
                return
        match_number = by_number.get(number) if number else None
        match_code = by_code.get(code) if code else None
        if match_number and match_code and match_number["id"] != match_code["id"]:
            problems.append(
                f"line {line}: member number {number} is {match_number['name']} but credit code "
                f"{code} belongs to {match_code['name']} ({match_code['number']})",
                f"第 {line} 行:会员编号 {number} 是{match_number['name']},但统一社会信用代码 "
                f"{code} 属于{match_code['name']}({match_code['number']})",
            )
            return
        member = match_number or match_code
        stored = None
        if number is not None and number.isdigit():
            if member is None:
                stored = self.zero_numbers.get(number)
            elif member["number"] != number and member["number"].lstrip("0") == number:
                stored = member["number"]  # matched by credit code
        if stored is not None:
            problems.append(
                f"line {line}: member number {number} is not in the roster but {stored} is: a "
                f"spreadsheet probably read {stored} as a number and dropped its leading "
                f"zeros. Format the column as text, type {stored} and save again",
                f"第 {line} 行:名册中没有会员编号 {number},但有 {stored}:电子表格可能把 "
                f"{stored} 当成数字,去掉了开头的 0。"
                f"请把该列设为“文本”格式,改回 {stored} 后重新保存",
            )
            return
        same_name = by_name.get(name, []) if name else []
        # Whether the row names a member it is not matched to by number or credit code: a
        # new member, a rename, or a match by name. (Rows that keep their member's name
        # need no check: any other row taking that name meets it in the roster.)
        names_member = member is None or member["name"] != name
        if member is None and same_name and self.match_by_name and number is None:
            if len(same_name) > 1:
                numbers = ", ".join(sorted(m["number"] for m in same_name))
                problems.append(
                    f'line {line}: 名称 (name) "{name}" is the name of {len(same_name)} members '
                    f"({numbers}); give the member number of the one to update",
                    f"第 {line} 行:名称“{name}”有 {len(same_name)} 个会员同名({numbers});"
                    "请填写要更新的会员编号",
                )
                return
            member = same_name[0]
            if code is not None and member["credit_code"] not in (None, code):
                problems.append(
                    f'line {line}: 名称 (name) "{name}" is {member["number"]}, whose credit '
                    f"code is {member['credit_code']}, not {code}",
                    f"第 {line} 行:名称“{name}”是 {member['number']},其统一社会信用代码为 "
                    f"{member['credit_code']},不是 {code}",
                )
                return
        if name and names_member:
            others = [m for m in same_name if member is None or m["id"] != member["id"]]
            if others:
                other = others[0]
                if member is None:
                    hint_en = (
                        "give its member number or credit code to update it, or import "
                        "with --match name"
                    )
                    hint_zh = (
                        "如要更新该会员,请填写其会员编号或统一社会信用代码,或加 --match name 导入"
                    )
                else:
                    hint_en, hint_zh = "two members cannot share a name", "两个会员不能同名"
                problems.append(
                    f'line {line}: 名称 (name) "{name}" is already member {other["number"]}; '
                    + hint_en,
                    f"第 {line} 行:名称“{name}”已是会员 {other['number']};" + hint_zh,
                )
                return
            # By the name's hash: a million names' text would take far more memory.
            first = self.seen_names.setdefault(hash(name), line)
            if first != line:
                problems.append(
                    f'line {line}: 名称 (name) "{name}" is also on line {first}',
                    f"第 {line} 行:名称“{name}”与第 {first} 行重复",
                )
                return
        if member is None:
            if not name:
                problems.append(
                    f"line {line}: 名称 (name) is empty; a new member needs a name",
                    f"第 {line} 行:名称为空;新会员必须有名称",
                )
                return
        else:
            if "left_on" in values and values["left_on"] != member["left_on"]:
                problems.append(
                    f"line {line}: 退会日期 (left_on) differs from the roster for "
                    f"{member['number']}; record leaving with: assoc members leave",
                    f"第 {line} 行:退会日期与名册中 {member['number']} 的不同;"
                    "退会请用 assoc members leave 登记",
                )
                return
            values.pop("left_on", None)
        if not self._plan_tier(line, values, member, effective):
            return
        if member is None:
            self._add(line, values, keys)
        else:
            self._update(line, values, member)

    def _plan_tier(
        self, line: int, values: dict[str, Any], member: Any, effective: dict[int, str]
    ) -> bool:
        """Turn a row's 会费档次 and 指定档次 cells into the tier to store (a name to set,
        None to follow offices, no "tier" key to leave it alone); False after a problem.

        指定档次 是 sets the tier the row names; 否 lets it follow offices, and then the tier
        cell only shows what they give. Without 指定档次 (older exports, other rosters), a
        tier cell that only repeats what follows from offices pins nothing, so an exported
        roster imports back without pinning every tier."""
        problems = self.plan_problems
        explicit = values.pop("tier_explicit", None)
        if "tier" in values:
            tier = values["tier"]
            if is_auto_tier(tier):
                values["tier"] = None
            elif tier not in self.tier_names:
                tiers = sorted(self.tier_names)
                problems.append(
                    f'line {line}: 会费档次 (tier): "{tier}" is not one of {", ".join(tiers)}',
                    f"第 {line} 行:会费档次“{tier}”不在{'、'.join(tiers)}之中",
                )
                return False
        tier = values.get("tier")
        if explicit is True:
            if tier is None:
                problems.append(
                    f"line {line}: 指定档次 (tier_explicit) is 是 but 会费档次 (tier) is empty; "
                    "write the tier, or 否 to follow the offices",
                    f"第 {line} 行:指定档次为“是”但会费档次为空;请填写档次,或填“否”按职务确定",
                )
                return False
        elif explicit is False:
            values.pop("tier", None)
            pinned = member is not None and member["tier_id"] is not None
            follows = self.lowest if member is None else effective.get(member["id"])
            if tier is not None and not pinned and tier != follows:
                problems.append(
                    f'line {line}: 会费档次 (tier) "{tier}" is not what the offices give '
                    f"({follows}) and 指定档次 (tier_explicit) is 否; write 是 in 指定档次 to "
                    "set the tier (a file exported for another term imports with --term)",
                    f"第 {line} 行:会费档次“{tier}”不是职务对应的档次({follows}),而指定档次为"
                    "“否”;要指定档次,请在指定档次填“是”(按其他届导出的文件请用 --term 导入)",
                )
                return False
            if pinned:
                values["tier"] = None  # follows the offices again
        elif tier is not None:
            if member is None:
                repeats_default = tier == self.lowest
            else:
                repeats_default = member["tier_id"] is None and tier == effective.get(member["id"])
            if repeats_default:
                values.pop("tier")
        return True

    def _add(self, line: int, values: dict[str, Any], keys: tuple[str, str] | None) -> None:
        self.counts["add"] += 1
        if not values.get("number"):
            self.highest += 1
            values["number"] = format_member_number(self.highest, self.width)
        number = values["number"]
        if not self.write:
            self.listing.append(ListedRow(line, "add", number, values["name"], ()))
            return
        if self.failed or self.writer is None:
            return  # nothing more is written: the transaction will be rolled back
        try:
            self.pending.append(self.writer.row(values, keys))
        except InvalidValueError as exc:
            self.deferred = exc
            return
        if self.first_added is None:
            self.first_added = number
        self.last_added = number

    def _update(self, line: int, values: dict[str, Any], member: Any) -> None:
        changes = []
        for key, value in values.items():
            if key == "tier":
                tier_id = member["tier_id"]
                if (self.tier_by_id.get(tier_id) if tier_id else None) != value:
                    changes.append(key)
            elif member[key] != value:
                changes.append(key)
        if not changes:
            self.counts["same"] += 1
            return
        self.counts["update"] += 1
        if self.write:
            self.updates.append(_Update(line, member["id"], {key: values[key] for key in changes}))
        else:
            number = str(values.get("number") or member["number"])
            name = str(values.get("name") or member["name"])
            self.listing.append(ListedRow(line, "update", number, name, tuple(changes)))

    def _flush(self) -> None:
        if self.pending and self.writer is not None and not self.failed:
            self.writer.write(self.pending)
        self.pending = []

    def check(self) -> None:
        """Raise ImportFileError listing the problems found, if any."""
        total = self.parse_problems.count + self.plan_problems.count
        if not total:
            return
        shown = (self.parse_problems.first + self.plan_problems.first)[:MAX_PROBLEMS_SHOWN]
        if total > MAX_PROBLEMS_SHOWN:
            more = total - MAX_PROBLEMS_SHOWN
            shown.append((f"… and {more} more problems", f"……另有 {more} 个问题"))
        raise ImportFileError(
            f"{self.path.name}: {total} problem(s) found; nothing was imported. "
            "Fix these rows and import again:",
            shown,
            zh=f"{self.path.name}:发现 {total} 个问题,未导入任何数据。请修改以下各行后重新导入:",
        )


def plan_import(
    *,
    session: Session,
    path: Path,
    term: int | None,
    as_of: date,
    progress: Callable[[int], None] | None = None,
    add_now: bool = False,
    match_by_name: bool = False,
) -> ImportPlan:
    """Read and check the whole file; raise ImportFileError listing every bad row. A tier
    cell is compared with the tier offices give in term *term* (default: the term covering
    *as_of*).

    With *add_now*, the new members are written while the file is read, in the caller's
    transaction (roll it back when this raises); ``apply_import`` then writes the rest.
    Without it nothing is written, and the plan lists every row that would change.

    With *match_by_name*, a row without a member number that matches no member by credit
    code updates the member of the same name (when exactly one has it); otherwise a name
    already in the roster is refused, never added a second time."""
    term_id = term_id_for(session, term, as_of)
    headers, titles, rows = read_rows(path, looks_like_header)
    mapping, ignored = _map_headers(headers, path.name)
    batches: Iterable[Batch]
    expected, existing = estimate_rows(path), _members_stored(session)
    if (expected or 0) >= HELPER_ROWS:
        # A large file is read and parsed in a helper process, started first, while this
        # one plans and writes (see roster_reader). On a first import every row is a new
        # member, so the helper computes the names' sort keys too; otherwise they are
        # computed here for the new rows only (most rows of a re-import match a member).
        sort_keys = add_now and not existing
        batches = helper = HelperReader(path, mapping, BATCH, sort_keys=sort_keys)
    else:
        helper, sort_keys = None, False
        batches = parse_batches(rows, mapping, size=BATCH)
    try:
        if add_now and not sort_keys:
            load_pinyin()  # before gc.freeze: its dictionaries are alive for good
        planner = _Planner(
            session, path, mapping, term_id, add_now, expected, existing, match_by_name
        )
        # Reading makes and drops millions of small containers; each full run of the
        # cyclic garbage collector would walk every object alive before (SQLAlchemy's,
        # pypinyin's dictionaries) for nothing. Those are set aside meanwhile; new objects
        # are collected. (gc.unfreeze releases everything frozen, so when the command's
        # start-up froze already, cli.common's, that freeze is left standing.)
        frozen_before = gc.get_freeze_count() > 0
        gc.freeze()
        try:
            planner.read(batches, progress)
        finally:
            if not frozen_before:
                gc.unfreeze()
    finally:
        if helper is not None:
            helper.close()
    planner.check()
    # A million keys each: free them first.
    planner.seen_numbers, planner.seen_codes, planner.seen_names = {}, {}, {}
    if planner.writer is not None:
        planner.writer.finish()
    first, last = planner.first_added, planner.last_added
    return ImportPlan(
        file_name=path.name,
        ignored_headers=ignored,
        counts=planner.counts,
        titles=titles,
        footers=planner.footers,
        updates=planner.updates,
        listing=planner.listing,
        added_numbers=(first, last) if first is not None and last is not None else None,
        adds_written=add_now,
        deferred=planner.deferred,
    )


def apply_import(*, session: Session, plan: ImportPlan) -> None:
    """Finish a plan made with ``add_now`` (inside the caller's transaction): update the
    matched members and record the new ones in the audit log."""
    if not plan.adds_written:
        raise ValueError("apply_import needs a plan made with add_now=True")
    if plan.deferred is not None:
        raise plan.deferred
    for chunk in _chunks(plan.updates):
        ids = [update.member_id for update in chunk]
        members = {m.id: m for m in session.exec(select(Member).where(col(Member.id).in_(ids)))}
        for update in chunk:
            update_member(session=session, member=members[update.member_id], values=update.values)
    if plan.count("add"):
        first, last = plan.added_numbers or ("", "")
        record(
            session,
            entity=str(Member.__tablename__),
            action="import",
            after={
                "file": plan.file_name,
                "added": plan.count("add"),
                "first_number": first,
                "last_number": last,
                "updated": plan.count("update"),
                "unchanged": plan.count("same"),
            },
        )
