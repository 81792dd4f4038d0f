"""SQL helpers (db/sql.py) make the cells Python makes: money text, and lists of years in
order."""

from __future__ import annotations

import random

from sqlalchemy import BigInteger, Column, Integer, MetaData, Table, create_engine, literal, select

from assoc_cli.db.sql import BITS, YearList, money_text
from assoc_cli.output import fen_to_text
from tests.conftest import Cli

AMOUNTS = [0, 1, 5, 10, 99, 100, 101, 150, 30000_00, 123456789, 10**15]


def test_money_text_is_fen_to_text(cli: Cli) -> None:
    engine = create_engine(cli.url)
    amounts = [*AMOUNTS, *(-amount for amount in AMOUNTS if amount)]
    try:
        with engine.connect() as connection:
            for amount in [*amounts, None]:
                cell = select(money_text(literal(amount, BigInteger)))
                text = connection.execute(cell).scalar()
                assert text == (None if amount is None else fen_to_text(amount)), amount
    finally:
        engine.dispose()


def test_year_lists_are_in_order_whatever_the_rows_order(cli: Cli) -> None:
    """Years over more than one mask's worth (BITS), rows shuffled, one group with none."""
    rng = random.Random(6)
    years = list(range(1950, 1950 + BITS + 20))
    groups = {group: sorted(rng.sample(years, rng.randint(1, 12))) for group in range(1, 40)}
    groups[40] = [years[0], years[BITS - 1], years[BITS], years[-1]]  # the chunks' edges
    rows = [(group, year, 1) for group, chosen in groups.items() for year in chosen]
    rows += [(41, years[3], 0)]  # a row that does not count
    rng.shuffle(rows)
    table = Table(
        "year_list_probe",
        MetaData(),
        Column("grp", Integer),
        Column("year", Integer),
        Column("counts", Integer),
    )
    year_list = YearList(years)
    grouped = (
        select(table.c.grp, *year_list.masks(table.c.year, table.c.counts == 1))
        .group_by(table.c.grp)
        .subquery("grouped")
    )
    query = select(grouped.c.grp, year_list.text(grouped)).order_by(grouped.c.grp)
    engine = create_engine(cli.url)
    try:
        with engine.begin() as connection:
            table.create(connection)
            connection.execute(
                table.insert(), [{"grp": g, "year": y, "counts": c} for g, y, c in rows]
            )
            found = dict(connection.execute(query).all())
            table.drop(connection)
    finally:
        engine.dispose()
    expected: dict[int, str | None] = {g: "、".join(map(str, y)) for g, y in groups.items()}
    expected[41] = None
    assert found == expected
