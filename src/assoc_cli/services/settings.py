"""The services' settings (``assoc services settings``): what 满意率 counts as satisfied
(满意 only, or 满意 and 基本满意) and the visit coverage targets per dues tier."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from sqlmodel import Session, col, select

from assoc_cli.db.models import ServiceSetting, Tier
from assoc_cli.errors import InvalidValueError, NotFoundError

SATISFACTION = "satisfaction"
STRICT, BROAD = "strict", "broad"  # 满意 only | 满意 + 基本满意
TARGET_PREFIX = "target:"
# The targets until the association sets its own: a third of the council, a fifth of members.
DEFAULT_TARGETS = {"理事单位": Decimal(30), "会员单位": Decimal(20)}


def get_setting(session: Session, key: str) -> str | None:
    """The stored value of *key*, if set."""
    row = session.get(ServiceSetting, key)
    return row.value if row else None


def put_setting(session: Session, key: str, value: str) -> None:
    """Store *value* under *key* (an ORM write: the audit log has it)."""
    row = session.get(ServiceSetting, key)
    if row is None:
        session.add(ServiceSetting(key=key, value=value))
    else:
        row.value = value
        session.add(row)
    session.flush()


def satisfaction(session: Session) -> str:
    """strict (满意 only, the default) or broad (满意 and 基本满意)."""
    return get_setting(session, SATISFACTION) or STRICT


def set_satisfaction(session: Session, value: str) -> None:
    """Set what 满意率 counts."""
    if value not in (STRICT, BROAD):
        raise InvalidValueError(
            f'--satisfied is strict (满意 only) or broad (满意 and 基本满意), not "{value}"',
            zh=f"--satisfied 只能是 strict（仅满意）或 broad（满意和基本满意），不能是“{value}”",
        )
    put_setting(session, SATISFACTION, value)


def targets(session: Session) -> dict[str, Decimal]:
    """Visit coverage target (percent of the tier's members a year) per tier name."""
    stored = session.exec(
        select(ServiceSetting).where(col(ServiceSetting.key).startswith(TARGET_PREFIX))
    ).all()
    if not stored:
        return dict(DEFAULT_TARGETS)
    return {row.key[len(TARGET_PREFIX) :]: Decimal(row.value) for row in stored}


def set_target(session: Session, text: str) -> tuple[str, Decimal]:
    """Set a target from "理事单位=30" (percent of that tier's members visited a year)."""
    tier, sep, value = text.partition("=")
    try:
        percent = Decimal(value.strip().rstrip("%"))
    except InvalidOperation:
        percent = Decimal(-1)
    if not sep or not tier.strip() or not Decimal(0) <= percent <= Decimal(100):
        raise InvalidValueError(
            f'a target is written TIER=PERCENT, e.g. 理事单位=30, not "{text}"',
            zh=f"目标应写成 档次=百分比，例如 理事单位=30，不能是“{text}”",
        )
    name = tier.strip()
    if session.exec(select(Tier).where(Tier.name == name)).first() is None:
        names = "、".join(t.name for t in session.exec(select(Tier).order_by(col(Tier.rank))))
        raise NotFoundError(
            f'there is no dues tier "{name}"; the tiers are: {names}',
            zh=f"没有会费档次“{name}”；现有档次：{names}",
        )
    if not session.exec(
        select(ServiceSetting).where(col(ServiceSetting.key).startswith(TARGET_PREFIX))
    ).first():
        for default, value_ in DEFAULT_TARGETS.items():  # the defaults become stored ones
            if default != name and session.exec(select(Tier).where(Tier.name == default)).first():
                put_setting(session, TARGET_PREFIX + default, format(value_, "f"))
    put_setting(session, TARGET_PREFIX + name, format(percent.normalize(), "f"))
    return name, percent
