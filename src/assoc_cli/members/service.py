"""The member roster (会员名册): add, edit, find by name, leave and rejoin. Nothing is deleted."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import ColumnElement, insert
from sqlalchemy import select as sa_select
from sqlmodel import Session, SQLModel, col, func, select

from assoc_cli.db.locks import serialize
from assoc_cli.db.models import Member, MembershipPeriod, Tier
from assoc_cli.db.values import MemberKind, MemberStatus
from assoc_cli.errors import (
    ConflictError,
    InvalidValueError,
)
from assoc_cli.i18n.sorting import initials_of, pinyin_initials, pinyin_key, stroke_key
from assoc_cli.members.choices import is_auto_tier
from assoc_cli.members.lookup import find_member
from assoc_cli.organisation.tiers import find_tier_id

NUMBER_PREFIX = "M"
# Fields stored as they are on the member row (tier is resolved to tier_id separately).
PLAIN_FIELDS = (
    "number",
    "name",
    "short_name",
    "kind",
    "credit_code",
    "representative",
    "representative_title",
    "phone",
    "email",
    "address",
    "segment",
    "joined_on",
    "employees",
    "party_members",
    "has_party_org",
    "note",
)


def _describe(member: Member) -> str:
    return f"{member.name} ({member.number})"


def _describe_zh(member: Member) -> str:
    return f"{member.name}（{member.number}）"


def resolve_member(*, session: Session, query: str) -> Member:
    """Find one member by number, exact name, short name or a unique part of the name
    (``members.lookup.find_member``), as the ORM object a write command changes."""
    found = session.get(Member, find_member(session, query)["id"])
    assert found is not None  # found in this very transaction
    return found


def next_member_number(*, session: Session) -> str:
    """The next free number of the form M0001: one past the highest M-number in use, as
    wide as the widest (a roster imported as M0000001… goes on with M0002001, not M2001,
    which would sort apart and be taken again by the next one).

    At the counter this must not read the roster: the highest number is looked for among
    the newest members and the highest in the number index (two index reads), and the
    number that follows is checked to be free; only when it is not are all the numbers
    compared (0.7 s at 1,000,000 members). (A roster whose numbers were typed by hand
    out of order and in several widths may so get a free number below its widest one.)"""
    prefixed = col(Member.number).like(f"{NUMBER_PREFIX}%")
    newest = select(Member.number).order_by(col(Member.id).desc()).limit(50)
    highest = select(Member.number).where(prefixed).order_by(col(Member.number).desc()).limit(50)
    candidate = _one_past([*session.exec(newest), *session.exec(highest)])
    taken = session.exec(select(Member.id).where(Member.number == candidate)).first()
    if taken is None:
        return candidate
    widest_first = (
        select(Member.number)
        .where(prefixed)
        .order_by(func.length(Member.number).desc(), col(Member.number).desc())
        .limit(50)
    )
    return _one_past(list(session.exec(widest_first)))


def _one_past(numbers: list[str]) -> str:
    """The number after the highest M-number of *numbers*, as wide as the widest."""
    highest, width = 0, 4
    for number in numbers:
        suffix = number[len(NUMBER_PREFIX) :]
        if number.startswith(NUMBER_PREFIX) and suffix.isdigit():
            highest = max(highest, int(suffix))
            width = max(width, len(suffix))
    return f"{NUMBER_PREFIX}{highest + 1:0{width}d}"


def format_member_number(sequence: int, width: int = 4) -> str:
    """The generated number for a sequence value: 12 -> M0012 (width 7: M0000012)."""
    return f"{NUMBER_PREFIX}{sequence:0{width}d}"


def _check_unique(session: Session, member_id: int | None, values: dict[str, Any]) -> None:
    number = values.get("number")
    if number is not None:
        clash = session.exec(select(Member).where(Member.number == number)).first()
        if clash is not None and clash.id != member_id:
            raise ConflictError(
                f"member number {number} is already used by {_describe(clash)}",
                zh=f"会员编号 {number} 已被 {_describe_zh(clash)} 使用",
            )
    for key, label in (("name", "name"), ("short_name", "short name")):
        value = values.get(key)
        if value:
            column = Member.name if key == "name" else Member.short_name
            clash = session.exec(select(Member).where(column == value)).first()
            if clash is not None and clash.id != member_id:
                raise ConflictError(
                    f'{label} "{value}" is already used by {_describe(clash)}; '
                    "names are how members are found, so each must be unique",
                    zh=f"{'名称' if key == 'name' else '简称'}“{value}”已被 "
                    f"{_describe_zh(clash)} 使用;"
                    "会员靠名称查找,名称和简称都不能重复",
                )
    code = values.get("credit_code")
    if code is not None:
        clash = session.exec(select(Member).where(Member.credit_code == code)).first()
        if clash is not None and clash.id != member_id:
            raise ConflictError(
                f"credit code {code} is already used by {_describe(clash)}",
                zh=f"统一社会信用代码 {code} 已被 {_describe_zh(clash)} 使用",
            )


def _set_fields(session: Session, member: Member, values: dict[str, Any]) -> list[str]:
    """Set *values* on *member*; return the keys that really changed."""
    changed: list[str] = []
    for key in PLAIN_FIELDS:
        if key in values and getattr(member, key) != values[key]:
            if key in ("number", "name") and values[key] is None:
                raise InvalidValueError(
                    f"a member's {key} cannot be emptied",
                    zh=f"会员的{'编号' if key == 'number' else '名称'}不能清空",
                )
            setattr(member, key, values[key])
            changed.append(key)
    if "tier" in values:
        tier_name = values["tier"]
        tier_id = (
            None
            if tier_name is None or is_auto_tier(tier_name)
            else find_tier_id(session, tier_name)
        )
        if member.tier_id != tier_id:
            member.tier_id = tier_id
            changed.append("tier")
    if "name" in changed:
        member.name_pinyin = pinyin_key(member.name)
        member.name_strokes = stroke_key(member.name)
        member.name_initials = initials_of(member.name_pinyin)
    if "short_name" in changed:
        member.short_name_initials = pinyin_initials(member.short_name)
    return changed


def _new_member(session: Session, values: dict[str, Any], now: datetime) -> Member:
    member = Member(number="", name="", created_at=now, updated_at=now)
    values = {**values, "kind": values.get("kind") or MemberKind.unit.value}
    _set_fields(session, member, values)
    if values.get("left_on") is not None:
        if member.joined_on is not None and values["left_on"] < member.joined_on:
            raise InvalidValueError(
                f"{_describe(member)} cannot leave before it joined",
                zh=f"{_describe_zh(member)} 的退会日期不能早于入会日期",
            )
        member.status = MemberStatus.withdrawn.value
        member.left_on = values["left_on"]
    return member


def _first_period(member: Member) -> MembershipPeriod:
    return MembershipPeriod(
        member_id=member.id,  # type: ignore[arg-type]
        joined_on=member.joined_on,
        left_on=member.left_on,
    )


def add_member(*, session: Session, values: dict[str, Any]) -> Member:
    """Add a member from parsed field values; the number is generated when not given."""
    if not values.get("name"):
        raise InvalidValueError("a member needs a name", zh="会员需要名称")
    if values.get("left_on") is not None:
        raise InvalidValueError(
            "a new member cannot have a leave date; add it, then: assoc members leave",
            zh="新会员不能带退会日期;请先添加,再运行:assoc members leave",
        )
    if not values.get("number"):
        # Two clerks adding members at once must not draw the same number.
        serialize(session, "assoc.member_numbers")
    values = {**values, "number": values.get("number") or next_member_number(session=session)}
    _check_unique(session, None, values)
    member = _new_member(session, values, datetime.now(UTC))
    session.add(member)
    session.flush()
    session.add(_first_period(member))
    session.flush()
    return member


# The member table's columns an insert fills, in the table's order (all but id).
MEMBER_COLUMNS = (
    "number",
    "name",
    "short_name",
    "kind",
    "credit_code",
    "representative",
    "representative_title",
    "phone",
    "email",
    "address",
    "segment",
    "joined_on",
    "left_on",
    "status",
    "employees",
    "party_members",
    "has_party_org",
    "tier_id",
    "note",
    "name_pinyin",
    "name_strokes",
    "created_at",
    "updated_at",
    "name_initials",
    "short_name_initials",
)
NUMBERS_PER_QUERY = 500
BULK_INDEXING = 100_000


class NewMembers:
    """Writes many already-checked new members (numbers given, uniqueness checked by the
    caller) a batch at a time: one executemany for the members, one INSERT … SELECT for
    their first membership periods. Each row holds what ``add_member`` would store (kind,
    status, sort keys, tier); nothing passes through the ORM, so the audit hook does not
    see these rows and the caller records the batch (``assoc_cli.db.audit.record``)."""

    def __init__(
        self, session: Session, now: datetime | None = None, expected: int | None = None
    ) -> None:
        from assoc_cli.db import ledger_notes
        from assoc_cli.db.bulk import BulkInsert, defer_triggers

        self.now = now or datetime.now(UTC)
        self.expected = expected
        self.connection = session.connection()
        self.tier_ids = {tier.name: tier.id for tier in session.exec(select(Tier))}
        self.member_t = SQLModel.metadata.tables[str(Member.__tablename__)]
        self.period_t = SQLModel.metadata.tables[str(MembershipPeriod.__tablename__)]
        self.members = BulkInsert(self.connection, self.member_t, MEMBER_COLUMNS)
        self.added = 0
        self.triggers: list[str] = []
        if expected is not None and expected > ledger_notes.AUTO_LIMIT:
            # More new members than a command refreshes: note everyone stale at once
            # (`assoc db refresh` stores them later); the ledger triggers on the tables
            # written here would only find that note again for every row, so they are
            # set aside until ``finish``.
            ledger_notes.note_everyone(self.connection)
            self.triggers = defer_triggers(
                self.connection, (self.member_t.name, self.period_t.name)
            )
        # Values as the database driver takes them (see BulkInsert.converter).
        self._date = self.members.converter("joined_on")
        self._left_date = self.members.converter("left_on")
        self._flag = self.members.converter("has_party_org")
        self._created = self.members.converter("created_at")(self.now)
        self._updated = self.members.converter("updated_at")(self.now)

    def row(
        self, values: dict[str, Any], sort_keys: tuple[str, str] | None = None
    ) -> tuple[Any, ...]:
        """The member row for parsed *values*, as the driver takes it (a leave date is
        allowed, as in an import of former members; it must not be before the join date).
        *sort_keys* are the name's pinyin and stroke keys when already computed."""
        get = values.get
        number, name = values["number"], values["name"]
        joined_on, left_on = get("joined_on"), get("left_on")
        if left_on is not None and joined_on is not None and left_on < joined_on:
            raise InvalidValueError(
                f"{name} ({number}) cannot leave before it joined",
                zh=f"{name}({number})的退会日期不能早于入会日期",
            )
        tier = get("tier")
        pinyin, strokes = sort_keys or (pinyin_key(name), stroke_key(name))
        return (
            number,
            name,
            get("short_name"),
            get("kind") or MemberKind.unit.value,
            get("credit_code"),
            get("representative"),
            get("representative_title"),
            get("phone"),
            get("email"),
            get("address"),
            get("segment"),
            self._date(joined_on),
            self._left_date(left_on),
            MemberStatus.active.value if left_on is None else MemberStatus.withdrawn.value,
            get("employees"),
            get("party_members"),
            self._flag(get("has_party_org")),
            self.tier_ids.get(tier) if tier else None,
            get("note"),
            pinyin,
            strokes,
            self._created,
            self._updated,
            initials_of(pinyin),
            pinyin_initials(get("short_name")),
        )

    def write(self, rows: list[tuple[Any, ...]]) -> None:
        """Insert the members of *rows* (from ``row``) and their first periods."""
        if not self.added and self._many(len(rows)):
            self.members.defer_indexes()
        member = self.member_t
        if self.members.raw:
            # SQLite: this transaction holds the write lock, so the members with an id
            # above the highest before the batch are exactly the batch's.
            before = self.connection.execute(sa_select(func.max(member.c.id))).scalar()
            self.members.run(rows)
            self._first_periods(member.c.id > (before or 0))
        else:
            self.members.run(rows)
            for start in range(0, len(rows), NUMBERS_PER_QUERY):
                numbers = [row[0] for row in rows[start : start + NUMBERS_PER_QUERY]]
                self._first_periods(member.c.number.in_(numbers))
        self.added += len(rows)

    def _first_periods(self, members: ColumnElement[bool]) -> None:
        """INSERT the first membership period of each of *members*, as add_member does."""
        member = self.member_t
        self.connection.execute(
            insert(self.period_t).from_select(
                ["member_id", "joined_on", "left_on"],
                sa_select(member.c.id, member.c.joined_on, member.c.left_on)
                .where(members)
                .order_by(member.c.id),
            )
        )

    def _many(self, batch: int) -> bool:
        """Whether so many members are coming that the member table's plain indexes are
        better built again afterwards than updated row by row: at least BULK_INDEXING
        expected, and no fewer than the members stored already (rebuilding the indexes
        costs about what adding the rows to them costs)."""
        expected = max(self.expected or 0, batch)
        if expected < BULK_INDEXING:
            return False
        stored = self.connection.execute(sa_select(func.count()).select_from(self.member_t))
        return expected >= int(stored.scalar() or 0)

    def finish(self) -> None:
        """Build the indexes and triggers set aside while writing (call once every batch
        is written)."""
        from assoc_cli.db.bulk import restore_triggers

        self.members.restore_indexes()
        restore_triggers(self.connection, self.triggers)
        self.triggers = []


def update_member(*, session: Session, member: Member, values: dict[str, Any]) -> list[str]:
    """Change the given fields; returns the keys that changed (empty when nothing did)."""
    if "left_on" in values:
        raise InvalidValueError(
            "change membership with: assoc members leave / rejoin",
            zh="会籍变动请用:assoc members leave / rejoin",
        )
    if values.get("kind", MemberKind.unit.value) is None:
        raise InvalidValueError(
            "a member's kind cannot be emptied; use 单位 or 个人",
            zh="会员类型不能清空;请用 单位 或 个人",
        )
    _check_unique(session, member.id, values)
    changed = _set_fields(session, member, values)
    if "joined_on" in changed:
        first = session.exec(
            select(MembershipPeriod)
            .where(MembershipPeriod.member_id == member.id)
            .order_by(col(MembershipPeriod.id))
        ).first()
        if first is not None:
            first.joined_on = member.joined_on
            session.add(first)
    if changed:
        member.updated_at = datetime.now(UTC)
        session.add(member)
        session.flush()
    return changed


def _open_period(session: Session, member: Member) -> MembershipPeriod | None:
    return session.exec(
        select(MembershipPeriod)
        .where(MembershipPeriod.member_id == member.id, col(MembershipPeriod.left_on).is_(None))
        .order_by(col(MembershipPeriod.id).desc())
    ).first()


def leave_member(*, session: Session, member: Member, on: date, reason: str | None) -> Member:
    """Record that *member* left (退会) on *on*; the member and its history stay."""
    if member.status == MemberStatus.withdrawn:
        raise ConflictError(
            f"{_describe(member)} already left on {member.left_on}",
            zh=f"{_describe_zh(member)} 已于 {member.left_on} 退会",
        )
    period = _open_period(session, member)
    joined = period.joined_on if period is not None else member.joined_on
    if joined is not None and on < joined:
        raise InvalidValueError(
            f"{_describe(member)} joined on {joined}; it cannot leave before that",
            zh=f"{_describe_zh(member)} 入会日期为 {joined};不能早于此日期退会",
        )
    member.status = MemberStatus.withdrawn.value
    member.left_on = on
    member.updated_at = datetime.now(UTC)
    if period is None:
        period = MembershipPeriod(member_id=member.id, joined_on=member.joined_on)  # type: ignore[arg-type]
    period.left_on = on
    period.leave_reason = reason
    session.add_all([member, period])
    session.flush()
    return member


def rejoin_member(*, session: Session, member: Member, on: date) -> Member:
    """Record that a member who left joined again on *on* (a new membership period)."""
    if member.status != MemberStatus.withdrawn:
        raise ConflictError(
            f"{_describe(member)} is an active member; only a member who left can rejoin",
            zh=f"{_describe_zh(member)} 是在册会员;只有已退会的会员才能重新入会",
        )
    if member.left_on is not None and on < member.left_on:
        raise InvalidValueError(
            f"{_describe(member)} left on {member.left_on}; rejoin on or after that",
            zh=f"{_describe_zh(member)} 已于 {member.left_on} 退会;重新入会日期须在此当日或之后",
        )
    member.status = MemberStatus.active.value
    member.left_on = None
    member.updated_at = datetime.now(UTC)
    session.add(member)
    session.add(MembershipPeriod(member_id=member.id, joined_on=on))  # type: ignore[arg-type]
    session.flush()
    return member
