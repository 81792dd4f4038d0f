"""The services' data lists: request categories (诉求类别), request sources (诉求来源) and
kinds of service (服务类型). The defaults are seed 004's categories and the usual sources and
kinds; an association adds its own (``assoc requests lists add``), stored in
``service_choice``. Statuses and follow-up answers are fixed: the figures depend on them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assoc_cli.errors import InvalidValueError

if TYPE_CHECKING:
    from sqlmodel import Session

    from assoc_cli.db.models import ServiceChoice

DEFAULTS: dict[str, tuple[str, ...]] = {
    "category": (
        "用工",
        "人才引进",
        "要素保障",
        "子女就读",
        "市场推广",
        "融资",
        "政策资金",
        "纠纷协调",
        "其他",
    ),
    "source": ("走访", "座谈会", "电话", "微信", "来函", "政府转办"),
    "kind": ("走访", "调研", "座谈", "培训", "信息推送", "申报辅导", "对接撮合", "协调", "迎检"),
}
LIST_NAMES = {
    "category": ("category", "诉求类别"),
    "source": ("source", "诉求来源"),
    "kind": ("kind of service", "服务类型"),
}

# Request statuses: 受理 → 办理中 → 已答复 → 已办结; or 不予受理 / 已转办.
RECEIVED, IN_HAND, REPLIED, CLOSED, REFUSED, TRANSFERRED = (
    "受理",
    "办理中",
    "已答复",
    "已办结",
    "不予受理",
    "已转办",
)
OPEN_STATUSES = (RECEIVED, IN_HAND, REPLIED)
STATUSES = (RECEIVED, IN_HAND, REPLIED, CLOSED, REFUSED, TRANSFERRED)
SATISFIED, FAIRLY_SATISFIED, DISSATISFIED = "满意", "基本满意", "不满意"
FOLLOWUPS = (SATISFIED, FAIRLY_SATISFIED, DISSATISFIED)
# Each firm's stage in an application round (荣誉/资金/平台申报): coached, applied,
# recommended by the first review, then its outcome. All but 辅导中 count as applying.
APPLICATION_STAGES = ("辅导中", "已申报", "已推荐", "成功", "未成功")
APPLIED_STAGES = APPLICATION_STAGES[1:]


def choices(session: Session, which: str) -> list[str]:
    """The values of data list *which*: the defaults, then those the association added."""
    from sqlmodel import col, select

    from assoc_cli.db.models import ServiceChoice

    added = session.exec(
        select(ServiceChoice.name)
        .where(ServiceChoice.list == which)
        .order_by(col(ServiceChoice.id))
    )
    return [*DEFAULTS[which], *(name for name in added if name not in DEFAULTS[which])]


def check_choice(session: Session, which: str, value: str) -> str:
    """*value* if it is in data list *which*, else a refusal naming the list."""
    value = value.strip()
    allowed = choices(session, which)
    if value not in allowed:
        en, zh = LIST_NAMES[which]
        raise InvalidValueError(
            f'"{value}" is not a {en}; the {en} list is: {", ".join(allowed)} '
            f"(add one with: assoc requests lists add {which} NAME)",
            zh=f"“{value}”不在{zh}中；现有{zh}：{'、'.join(allowed)}"
            f"（可用 assoc requests lists add {which} 名称 添加）",
        )
    return value


def add_choice(session: Session, which: str, value: str) -> ServiceChoice:
    """Add *value* to data list *which*."""
    value = value.strip()
    if which not in DEFAULTS:
        raise InvalidValueError(
            f'the lists are category, source and kind, not "{which}"',
            zh=f"数据列表只能是 category、source 或 kind，不能是“{which}”",
        )
    if not value or len(value) > 50:
        raise InvalidValueError("a list value is 1 to 50 characters", zh="列表取值须为1至50个字符")
    if value in choices(session, which):
        en, zh = LIST_NAMES[which]
        raise InvalidValueError(f'"{value}" is already a {en}', zh=f"“{value}”已在{zh}中")
    from assoc_cli.db.models import ServiceChoice

    choice = ServiceChoice(list=which, name=value)
    session.add(choice)
    session.flush()
    return choice


def check_one_of(value: str, allowed: tuple[str, ...], en: str, zh: str) -> str:
    """*value* if it is one of *allowed* (a fixed list: statuses, follow-up answers)."""
    value = value.strip()
    if value not in allowed:
        raise InvalidValueError(
            f'{en} is one of {", ".join(allowed)}, not "{value}"',
            zh=f"{zh}只能是{'、'.join(allowed)}之一，不能是“{value}”",
        )
    return value
