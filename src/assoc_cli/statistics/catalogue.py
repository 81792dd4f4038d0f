"""Indicators, reporting plans and periods as data, with their defaults and settings.

Amounts are stored in integer fen: an indicator in 万元 is typed in 万元 (up to six
decimals) and kept as fen (1 万元 = 1,000,000 fen), so no figure is ever a float.
Persons (人, 名) are whole numbers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from assoc_cli.db.core import setting_t, stat_indicator_t, stat_plan_t
from assoc_cli.errors import InvalidValueError, NotFoundError
from assoc_cli.i18n import t

if TYPE_CHECKING:
    from sqlmodel import Session

    from assoc_cli.db.reader import DbSession

FEN_PER_WAN = 1_000_000
MONEY_UNIT = "万元"
UNITS = (MONEY_UNIT, "人", "名", "项")
KINDS = ("flow", "level")
FREQUENCIES = ("monthly", "quarterly", "yearly")

# name, unit, kind: the association's usual 主要经济指标 (research §2.3).
DEFAULT_INDICATORS: tuple[tuple[str, str, str], ...] = (
    ("产值", MONEY_UNIT, "flow"),
    ("营业收入", MONEY_UNIT, "flow"),
    ("利润总额", MONEY_UNIT, "flow"),
    ("税收", MONEY_UNIT, "flow"),
    ("从业人员平均人数", "人", "level"),
    ("研发投入", MONEY_UNIT, "flow"),
)
DEFAULT_PLAN = ("月报", "monthly", True, 15)

SETTINGS = {
    # 规模以上: annual 营业收入 at or above this many 万元 (2,000 for industry, NBS).
    "stats.scale_threshold": "2000",
    # Published tables hide a group with fewer reporting firms (商业秘密).
    "stats.min_group": "3",
    # The indicator 规上 is derived from.
    "stats.scale_indicator": "营业收入",
}


def get_setting(session: DbSession, key: str) -> str:
    """A statistics setting, or its default."""
    value = (
        session.connection()
        .execute(select(setting_t.c.value).where(setting_t.c.key == key))
        .scalar()
    )
    return str(value) if value is not None else SETTINGS[key]


def set_setting(session: Session, key: str, value: str) -> None:
    """Store a statistics setting (checked by the caller)."""
    from assoc_cli.db.models import Setting

    row = session.get(Setting, key) or Setting(key=key, value=value)
    row.value = value
    session.add(row)
    session.flush()


def set_statistics_settings(
    session: Session, *, scale_threshold: str | None, min_group: int | None
) -> None:
    """``stats settings``: the 规上 threshold (万元) and the smallest published group."""
    if scale_threshold is not None:
        fen = parse_figure(scale_threshold, MONEY_UNIT, "--scale-threshold")
        if fen <= 0:
            raise InvalidValueError(
                "the 规上 threshold must be above zero", zh="规上标准必须大于零"
            )
        set_setting(session, "stats.scale_threshold", scale_threshold.strip())
    if min_group is not None:
        if not 1 <= min_group <= 100:
            raise InvalidValueError(
                f"the smallest published group must be 1–100 firms, not {min_group}",
                zh=f"公布分组的最少企业数须在 1–100 之间,而不是 {min_group}",
            )
        set_setting(session, "stats.min_group", str(min_group))


def parse_figure(text: str, unit: str, what: str) -> int:
    """A figure typed in *unit* as stored: 万元 to fen (at most six decimals), persons as
    a whole number. Thousands separators are allowed; a float never appears."""
    cleaned = text.strip().replace(",", "").replace(",", "")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite() or cleaned == "":
        raise InvalidValueError(f'{what}: "{text}" is not a number', zh=f"{what}:“{text}”不是数字")
    scale = FEN_PER_WAN if unit == MONEY_UNIT else 1
    stored = number * scale
    if stored != stored.to_integral_value():
        places = "six decimals" if unit == MONEY_UNIT else "whole numbers"
        places_zh = "最多六位小数" if unit == MONEY_UNIT else "整数"
        raise InvalidValueError(
            f'{what}: "{text}" has too many decimals ({unit} takes {places})',
            zh=f"{what}:“{text}”的小数位过多({unit}须为{places_zh})",
        )
    if abs(stored) >= 2**62:
        raise InvalidValueError(f'{what}: "{text}" is too large', zh=f"{what}:“{text}”过大")
    return int(stored)


def shown(value: int | None, unit: str, places: int = 2) -> Decimal | int | None:
    """A stored figure for people: 万元 with *places* decimals (half up), persons as is."""
    if value is None:
        return None
    if unit != MONEY_UNIT:
        return int(value)
    exponent = Decimal(1).scaleb(-places)
    return (Decimal(int(value)) / FEN_PER_WAN).quantize(exponent, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Indicator:
    """An indicator as the reports use it."""

    id: int
    name: str
    unit: str
    kind: str


def indicators(session: DbSession) -> list[Indicator]:
    """Every indicator, in their order."""
    query = select(stat_indicator_t).order_by(stat_indicator_t.c.position, stat_indicator_t.c.id)
    return [
        Indicator(row.id, row.name, row.unit, row.kind)
        for row in session.connection().execute(query)
    ]


def find_indicator(session: DbSession, name: str) -> Indicator:
    """The indicator named *name* (exactly)."""
    for indicator in indicators(session):
        if indicator.name == name.strip():
            return indicator
    known = "、".join(i.name for i in indicators(session)) or "-"
    raise NotFoundError(
        f'there is no indicator "{name}"; indicators: {known} (add one: assoc stats '
        "indicators add)",
        zh=f"没有指标“{name}”;现有指标:{known}(新增:assoc stats indicators add)",
    )


def ensure_defaults(session: Session) -> None:
    """The default indicators and the default plan (月报, Jan+Feb together, due the 15th),
    made the first time statistics are written."""
    from assoc_cli.db.models import StatIndicator, StatPlan

    now = datetime.now(UTC)
    connection = session.connection()
    if connection.execute(select(stat_indicator_t.c.id).limit(1)).first() is None:
        for position, (name, unit, kind) in enumerate(DEFAULT_INDICATORS, start=1):
            session.add(
                StatIndicator(name=name, unit=unit, kind=kind, position=position, created_at=now)
            )
    if connection.execute(select(stat_plan_t.c.id).limit(1)).first() is None:
        name, frequency, together, due_day = DEFAULT_PLAN
        session.add(
            StatPlan(
                name=name,
                frequency=frequency,
                jan_feb_together=together,
                due_day=due_day,
                created_at=now,
            )
        )
    session.flush()


def add_indicator(*, session: Session, name: str, unit: str, kind: str) -> Any:
    """``stats indicators add``: a new indicator, e.g. 博士 (名, level)."""
    from assoc_cli.db.models import StatIndicator
    from assoc_cli.i18n.controls import one_line

    ensure_defaults(session)
    name = one_line(name, "the indicator's name").strip()
    if not name:
        raise InvalidValueError("an indicator needs a name", zh="指标需要名称")
    if unit not in UNITS:
        raise InvalidValueError(
            f'unknown unit "{unit}"; use one of {", ".join(UNITS)}',
            zh=f"未知的计量单位“{unit}”;请使用 {'、'.join(UNITS)} 之一",
        )
    if kind not in KINDS:
        raise InvalidValueError(
            f'unknown kind "{kind}"; use flow (sums over the year) or level (a state)',
            zh=f"未知的指标类型“{kind}”;请使用 flow(按年累计)或 level(时点数)",
        )
    if any(i.name == name for i in indicators(session)):
        raise InvalidValueError(f'the indicator "{name}" exists', zh=f"指标“{name}”已存在")
    position = 1 + int(
        session.connection().execute(select(func.max(stat_indicator_t.c.position))).scalar() or 0
    )
    item = StatIndicator(
        name=name, unit=unit, kind=kind, position=position, created_at=datetime.now(UTC)
    )
    session.add(item)
    session.flush()
    return item


# Periods --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """A reporting period: months start_month..end_month of a year (本期); 本年累计 runs
    from January to end_month."""

    year: int
    start_month: int
    end_month: int

    def label(self, lang: str) -> str:
        """2022年11月, 2022年1-2月, 2022年第三季度, 2022年 (en: 2022-11, 2022 Q3…)."""
        y, s, e = self.year, self.start_month, self.end_month
        if s == 1 and e == 12:
            return t("stats.period_year", lang, year=y)
        if e - s == 2 and e % 3 == 0:
            return t(f"stats.period_q{e // 3}", lang, year=y)
        if s == e:
            return t("stats.period_month", lang, year=y, month=e)
        return t("stats.period_months", lang, year=y, start=s, end=e)

    def cumulative_label(self, lang: str) -> str:
        """The 本年累计 span: 2022年1-11月."""
        if self.end_month == 1:
            return t("stats.period_month", lang, year=self.year, month=1)
        return t("stats.period_months", lang, year=self.year, start=1, end=self.end_month)

    def due_on(self, due_day: int) -> date:
        """Due on *due_day* of the month after the period."""
        if self.end_month == 12:
            return date(self.year + 1, 1, due_day)
        return date(self.year, self.end_month + 1, due_day)


@dataclass(frozen=True)
class Plan:
    """A reporting plan as the periods need it."""

    id: int
    name: str
    frequency: str
    jan_feb_together: bool
    due_day: int

    def periods(self, year: int) -> list[Period]:
        """The plan's periods in *year*, in order."""
        if self.frequency == "yearly":
            return [Period(year, 1, 12)]
        if self.frequency == "quarterly":
            return [Period(year, q * 3 - 2, q * 3) for q in range(1, 5)]
        months = [Period(year, m, m) for m in range(1, 13)]
        if self.jan_feb_together:
            months = [Period(year, 1, 2), *months[2:]]
        return months


def plans(session: DbSession) -> list[Plan]:
    """Every reporting plan."""
    query = select(stat_plan_t).order_by(stat_plan_t.c.id)
    return [
        Plan(row.id, row.name, row.frequency, bool(row.jan_feb_together), row.due_day)
        for row in session.connection().execute(query)
    ]


def find_plan(session: DbSession, name: str | None) -> Plan:
    """The plan named *name*, or the first (default) plan."""
    known = plans(session)
    if name is None and known:
        return known[0]
    for plan in known:
        if plan.name == (name or "").strip():
            return plan
    raise NotFoundError(
        f'there is no reporting plan "{name}"; see: assoc stats plans list',
        zh=f"没有报表制度“{name}”;请查看:assoc stats plans list",
    )


def add_plan(
    *, session: Session, name: str, frequency: str, jan_feb_together: bool, due_day: int
) -> Any:
    """``stats plans add``: a reporting plan (月报, 季报, 年报)."""
    from assoc_cli.db.models import StatPlan
    from assoc_cli.i18n.controls import one_line

    ensure_defaults(session)
    name = one_line(name, "the plan's name").strip()
    if not name:
        raise InvalidValueError("a plan needs a name", zh="报表制度需要名称")
    if frequency not in FREQUENCIES:
        raise InvalidValueError(
            f'unknown frequency "{frequency}"; use monthly, quarterly or yearly',
            zh=f"未知的报送周期“{frequency}”;请使用 monthly、quarterly 或 yearly",
        )
    if not 1 <= due_day <= 28:
        raise InvalidValueError(
            f"the due day must be 1–28, not {due_day}",
            zh=f"报送截止日须在 1–28 之间,而不是 {due_day}",
        )
    if jan_feb_together and frequency != "monthly":
        raise InvalidValueError(
            "only a monthly plan reports January and February together",
            zh="只有月报才将1、2月合并报送",
        )
    if any(plan.name == name for plan in plans(session)):
        raise InvalidValueError(f'the plan "{name}" exists', zh=f"报表制度“{name}”已存在")
    plan = StatPlan(
        name=name,
        frequency=frequency,
        jan_feb_together=jan_feb_together,
        due_day=due_day,
        created_at=datetime.now(UTC),
    )
    session.add(plan)
    session.flush()
    return plan


def parse_period(text: str, plan: Plan | None = None) -> Period:
    """A period typed as 2022-11 (a month), 2022-Q3 (a quarter) or 2022 (a year); with a
    *plan*, it must be one of the plan's periods (2022-02 is 1–2月 when January and
    February are reported together; 2022-01 is then refused)."""
    value = text.strip().upper()
    bad = InvalidValueError(
        f'"{text}" is not a period; give 2022-11 (month), 2022-Q3 (quarter) or 2022 (year)',
        zh=f"“{text}”不是报告期;请写作 2022-11(月)、2022-Q3(季)或 2022(年)",
    )
    year_text, _, rest = value.partition("-")
    if not year_text.isdigit() or not 1980 <= int(year_text) <= 2100:
        raise bad
    year = int(year_text)
    if not rest:
        wanted = Period(year, 1, 12)
    elif rest.startswith("Q") and rest[1:] in ("1", "2", "3", "4"):
        quarter = int(rest[1:])
        wanted = Period(year, quarter * 3 - 2, quarter * 3)
    elif rest.isdigit() and 1 <= int(rest) <= 12:
        wanted = Period(year, int(rest), int(rest))
    else:
        raise bad
    if plan is None:
        return wanted
    for period in plan.periods(year):
        if period == wanted or (
            wanted.start_month == wanted.end_month and period.end_month == wanted.end_month
        ):
            return period
    if plan.jan_feb_together and wanted == Period(year, 1, 1):
        raise InvalidValueError(
            f"under the plan {plan.name} January is reported with February: give {year}-02",
            zh=f"按{plan.name}规定,1月与2月合并报送:请写作 {year}-02",
        )
    raise InvalidValueError(
        f'"{text}" is not a period of the plan {plan.name} ({plan.frequency})',
        zh=f"“{text}”不是{plan.name}的报告期",
    )
