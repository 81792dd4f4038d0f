"""The SQL totals equal a plain-Python model of them: nominal sums over everyone who
reported, 同口径 sums over the members with both years' figures, per segment."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, text
from sqlmodel import Session

from assoc_cli.statistics.aggregation import period_totals
from tests.conftest import Cli

MEMBERS = 6
SEGMENTS = ["甲", "乙", "甲", None, "乙", "甲"]

figure = st.one_of(st.none(), st.integers(-(10**12), 10**14))
# per member: (this year's 本年累计, last year's 本年累计) for indicator 1 at month 11
examples = st.lists(st.tuples(figure, figure), min_size=MEMBERS, max_size=MEMBERS)


def _model(pairs: list[tuple[int | None, int | None]], by_segment: bool) -> dict[object, tuple]:
    out: dict[object, list[int]] = {}
    for member, (now, before) in enumerate(pairs):
        if now is None and before is None:
            continue
        key = SEGMENTS[member] if by_segment else None
        row = out.setdefault(key, [0, 0, 0, 0, 0, 0, 0])
        if now is not None:
            row[0] += 1
            row[1] += now
        if before is not None:
            row[2] += 1
            row[3] += before
        if now is not None and before is not None:
            row[4] += 1
            row[5] += now
            row[6] += before
    return {k: tuple(v) for k, v in out.items()}


def test_totals_equal_the_plain_python_model(cli: Cli) -> None:
    for member in range(MEMBERS):
        segment = SEGMENTS[member]
        cli.ok("members", "add", f"企业{member}", *(["--segment", segment] if segment else []))
    cli.ok("stats", "enter", "企业0", "2020-11", "产值=1/1")  # the default indicators
    ids = [row[0] for row in cli.sql("SELECT id FROM member ORDER BY id")]
    indicator = cli.sql("SELECT id FROM stat_indicator WHERE name = '产值'")[0][0]
    engine = create_engine(cli.url)

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(examples)
    def check(pairs: list[tuple[int | None, int | None]]) -> None:
        with engine.begin() as connection:
            connection.execute(text("DELETE FROM stat_value WHERE year IN (2021, 2022)"))
            rows = [
                {"y": year, "m": ids[member], "i": indicator, "v": value}
                for member, (now, before) in enumerate(pairs)
                for year, value in ((2022, now), (2021, before))
                if value is not None
            ]
            if rows:
                connection.execute(
                    text(
                        "INSERT INTO stat_value (year, end_month, indicator_id, member_id, "
                        "start_month, current, cumulative, reported_on) "
                        "VALUES (:y, 11, :i, :m, 11, :v, :v, '2022-12-01')"
                    ),
                    rows,
                )
        with Session(engine) as session:
            for by_segment in (False, True):
                got = {
                    t.group: (
                        t.reported,
                        t.cumulative,
                        t.previous_reported,
                        t.previous_cumulative,
                        t.same_members,
                        t.same_cumulative,
                        t.same_previous,
                    )
                    for t in period_totals(
                        session, year=2022, end_month=11, by="segment" if by_segment else "none"
                    )
                    if t.indicator_id == indicator
                }
                assert got == _model(pairs, by_segment)

    check()
    engine.dispose()
