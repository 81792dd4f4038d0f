"""The dues policy (会费规则): mid-year joiners, the charter's withdrawal rule, the notices'
deadline — settings kept in the database (key/value), with their defaults."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from assoc_cli.db.core import setting_t
from assoc_cli.dues.choices import JoinPolicy
from assoc_cli.errors import InvalidValueError
from assoc_cli.i18n import t
from assoc_cli.listing import Column, Listing

if TYPE_CHECKING:
    from sqlmodel import Session

    from assoc_cli.db.reader import DbSession

DEFAULTS = {
    # A unit joining mid-year owes that whole year (full-year) or starts next year.
    "dues.join_policy": JoinPolicy.full_year.value,
    # Charter rule: a unit that has paid nothing for this many ended years may be treated
    # as withdrawn. Reports mark it; nothing withdraws anyone automatically.
    "dues.withdraw_after_years": "1",
    # The payment deadline printed on notices, month-day within the dues year.
    "dues.deadline": "12-31",
    # Close each dues year automatically on this day (MM-DD) of the next year; empty: off.
    "dues.close_after": "",
}


@dataclass(frozen=True)
class DuesPolicy:
    """The dues rules in force."""

    join_policy: str
    withdraw_after_years: int
    deadline: str  # MM-DD
    close_after: str = ""  # MM-DD of the next year, or empty


def get_setting(session: DbSession, key: str) -> str:
    """A setting's value, or its default (a plain query: reports read settings too)."""
    query = select(setting_t.c.value).where(setting_t.c.key == key)
    value = session.connection().execute(query).scalar()
    return str(value) if value is not None else DEFAULTS[key]


def set_setting(session: Session, key: str, value: str) -> None:
    """Store a setting (flushed, so get_setting sees it at once)."""
    from assoc_cli.db.models import Setting

    row = session.get(Setting, key)
    if row is None:
        row = Setting(key=key, value=value)
    row.value = value
    session.add(row)
    session.flush()


def dues_policy(session: DbSession) -> DuesPolicy:
    """The dues rules currently in force."""
    return DuesPolicy(
        join_policy=get_setting(session, "dues.join_policy"),
        withdraw_after_years=int(get_setting(session, "dues.withdraw_after_years")),
        deadline=get_setting(session, "dues.deadline"),
        close_after=get_setting(session, "dues.close_after"),
    )


def set_dues_policy(
    session: Session,
    *,
    join_policy: str | None,
    withdraw_after_years: int | None,
    deadline: str | None,
    close_after: str | None = None,
) -> DuesPolicy:
    """Change the dues rules given; the others stay (*close_after* "none": off)."""
    if join_policy is not None:
        if join_policy not in tuple(JoinPolicy):
            choices = f"{JoinPolicy.full_year} or {JoinPolicy.next_year}"
            raise InvalidValueError(
                f"join policy is {choices}, not {join_policy}",
                zh=f"入会当年规则只能是 {choices},不能是 {join_policy}",
            )
        set_setting(session, "dues.join_policy", join_policy)
    if withdraw_after_years is not None:
        if not 1 <= withdraw_after_years <= 10:
            raise InvalidValueError(
                "the withdrawal rule counts 1 to 10 years without dues",
                zh="退会规则按连续未缴会费的年数计,为 1 到 10 年",
            )
        set_setting(session, "dues.withdraw_after_years", str(withdraw_after_years))
    if deadline is not None:
        set_setting(session, "dues.deadline", parse_month_day(deadline))
    if close_after is not None:
        off = close_after.strip().lower() in ("none", "off", "")
        set_setting(session, "dues.close_after", "" if off else parse_month_day(close_after))
    return dues_policy(session)


def policy_listing(
    session: Session,
    *,
    join_policy: JoinPolicy | None = None,
    withdraw_after_years: int | None = None,
    deadline: str | None = None,
    close_after: str | None = None,
    lang: str,
    for_machines: bool,
) -> Listing:
    """``assoc dues policy``: change the rules given (none: only show them), then list the
    rules in force — stable keys and raw values for machines, the settings' names and the
    join rule in words for people. A change is confirmed in a note."""
    changing = any(
        value is not None for value in (join_policy, withdraw_after_years, deadline, close_after)
    )
    if changing:
        current = set_dues_policy(
            session,
            join_policy=join_policy.value if join_policy else None,
            withdraw_after_years=withdraw_after_years,
            deadline=deadline,
            close_after=close_after,
        )
    else:
        current = dues_policy(session)
    settings = (
        ("dues.join_policy", current.join_policy, t(f"policy.{current.join_policy}", lang)),
        ("dues.withdraw_after_years", str(current.withdraw_after_years), None),
        ("dues.deadline", current.deadline, None),
        ("dues.close_after", current.close_after, None if current.close_after else "—"),
    )
    rows = [
        {"key": key, "value": value}
        if for_machines
        else {"setting": t(f"setting.{key}", lang), "value": label or value}
        for key, value, label in settings
    ]
    columns = (
        [Column("key"), Column("value")] if for_machines else [Column("setting"), Column("value")]
    )
    return Listing(columns, rows, notes=[t("msg.policy", lang)] if changing else [])


def parse_month_day(text: str) -> str:
    """12-31, 12/31 or 12月31日 -> "12-31"."""
    import re
    from datetime import date

    match = re.fullmatch(r"\s*(\d{1,2})[-/.月](\d{1,2})日?\s*", text)
    if match:
        month, day = int(match.group(1)), int(match.group(2))
        try:
            date(2000, month, day)
        except ValueError:
            pass
        else:
            return f"{month:02d}-{day:02d}"
    raise InvalidValueError(
        f'deadline "{text}" is not a month and day; write it like 12-31 or 12月31日',
        zh=f"缴费截止日“{text}”不是月和日;请写成 12-31 或 12月31日",
    )
