"""Working-day due dates across the 2023–2026 Spring Festival and National Day holidays.

The expected dates are worked out by hand from the State Council's notices (国务院办公厅关于
…年部分节假日安排的通知), not from the library:
- 2023 (国办发明电〔2022〕16号): 春节 1月21日至27日放假，1月28日（周六）、29日（周日）上班；
  国庆 9月29日至10月6日放假，10月7日（周六）、8日（周日）上班.
- 2024 (国办发明电〔2023〕7号): 春节 2月10日至17日放假，2月4日（周日）、18日（周日）上班
  （除夕2月9日是工作日）；国庆 10月1日至7日放假，9月29日（周日）、10月12日（周六）上班.
- 2025 (国办发明电〔2024〕12号): 春节 1月28日至2月4日放假，1月26日（周日）、2月8日（周六）
  上班；国庆中秋 10月1日至8日放假，9月28日（周日）、10月11日（周六）上班.
- 2026 (国办发明电〔2025〕7号): 春节 2月15日至23日放假，2月14日（周六）、28日（周六）上班；
  国庆 10月1日至7日放假，9月20日（周日）、10月10日（周六）上班.
The day of receipt is not counted: N working days end on the N-th working day after it.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from assoc_cli.errors import InvalidValueError
from assoc_cli.services.workdays import add_working_days
from tests.conftest import Cli

CASES = [
    # 2023 Spring Festival: the make-up weekend right after the holiday
    (date(2023, 1, 20), 1, date(2023, 1, 28)),
    (date(2023, 1, 20), 2, date(2023, 1, 29)),
    (date(2023, 1, 20), 3, date(2023, 1, 30)),
    # 2023 National Day (with Mid-Autumn)
    (date(2023, 9, 28), 1, date(2023, 10, 7)),
    (date(2023, 9, 28), 3, date(2023, 10, 9)),
    # 2024 Spring Festival: Sunday 4 Feb worked, 除夕 9 Feb a working day, Sunday 18 Feb worked
    (date(2024, 2, 2), 1, date(2024, 2, 4)),
    (date(2024, 2, 8), 1, date(2024, 2, 9)),
    (date(2024, 2, 8), 2, date(2024, 2, 18)),
    (date(2024, 2, 8), 3, date(2024, 2, 19)),
    # 2024 National Day: Sunday 29 Sep and Saturday 12 Oct worked
    (date(2024, 9, 27), 1, date(2024, 9, 29)),
    (date(2024, 9, 27), 2, date(2024, 9, 30)),
    (date(2024, 9, 27), 3, date(2024, 10, 8)),
    (date(2024, 10, 11), 1, date(2024, 10, 12)),
    # 2025 Spring Festival: Sunday 26 Jan and Saturday 8 Feb worked
    (date(2025, 1, 24), 1, date(2025, 1, 26)),
    (date(2025, 1, 24), 2, date(2025, 1, 27)),
    (date(2025, 1, 24), 3, date(2025, 2, 5)),
    (date(2025, 2, 7), 1, date(2025, 2, 8)),
    # 2025 National Day and Mid-Autumn, eight days: Sunday 28 Sep and Saturday 11 Oct worked
    (date(2025, 9, 26), 1, date(2025, 9, 28)),
    (date(2025, 9, 26), 4, date(2025, 10, 9)),
    (date(2025, 10, 10), 1, date(2025, 10, 11)),
    # 2026 Spring Festival, nine days: Saturdays 14 and 28 Feb worked
    (date(2026, 2, 13), 1, date(2026, 2, 14)),
    (date(2026, 2, 13), 2, date(2026, 2, 24)),
    (date(2026, 2, 27), 1, date(2026, 2, 28)),
    # 2026 National Day: Sunday 20 Sep and Saturday 10 Oct worked
    (date(2026, 9, 18), 1, date(2026, 9, 20)),
    (date(2026, 9, 18), 2, date(2026, 9, 21)),
    (date(2026, 9, 30), 1, date(2026, 10, 8)),
    (date(2026, 10, 9), 1, date(2026, 10, 10)),
    # an ordinary week: Friday + 5 working days is the next Friday
    (date(2026, 3, 6), 5, date(2026, 3, 13)),
]


@pytest.mark.parametrize(("received", "days", "due"), CASES)
def test_due_dates_follow_the_official_notices(received: date, days: int, due: date) -> None:
    assert add_working_days(received, days) == due


def test_a_year_the_calendar_does_not_hold_is_refused_clearly() -> None:
    with pytest.raises(InvalidValueError) as error:
        add_working_days(date(2026, 12, 28), 5)
    text = str(error.value)
    assert "2027" in text and "2004–2026" in text and "--due" in text


def _due(cli: Cli, number: str) -> str:
    record = json.loads(cli.ok("requests", "show", number, "-f", "json").stdout)
    return str(record["due_on"])


def test_the_cli_sets_the_due_date_and_refuses_an_uncovered_year(cli: Cli) -> None:
    cli.ok("members", "add", "山东双涵石化装备有限公司", "--short-name", "双涵")
    add = ("requests", "add", "双涵", "招工难", "--category", "用工", "--source", "走访")
    number = cli.ok(*add, "--received", "2026-02-13", "--limit", "2").stdout.strip()
    assert number == "SQ2026-0001"
    assert _due(cli, number) == "2026-02-24"
    error = cli.fails(*add, "--received", "2026-12-28", "--limit", "5", lang="en")
    assert "2027" in error and "covers 2004–2026" in error and "--due" in error
    zh = cli.fails(*add, "--received", "2026-12-28", "--limit", "5")
    assert "尚无2027年的法定节假日安排" in zh
    # by hand, the date is taken as given
    late = cli.ok(*add, "--received", "2026-12-28", "--due", "2027-01-08").stdout.strip()
    assert late == "SQ2026-0002" and _due(cli, late) == "2027-01-08"
