"""`dues unpaid -f csv` cells computed by the database equal the JSON made in Python."""

from __future__ import annotations

import csv
import io
import json

from tests.conftest import Cli


def test_unpaid_csv_made_in_sql_matches_the_json_made_in_python(demo: Cli) -> None:
    """`dues unpaid -f csv` writes cells computed by the database; `-f json` formats the
    same rows in Python. Every cell must agree, on the stored and the computed ledger."""
    for tier, amount in (("会长单位", "30000"), ("副会长单位", "20000"), ("理事单位", "10000")):
        demo.ok("dues", "rates", "set", "2020", tier, amount)  # arrears from 2020 on
    demo.ok("dues", "rates", "set", "2020", "会员单位", "1000.50")
    for as_of in ("2022-12-31", "2022-06-30"):
        args = ["dues", "unpaid", "--year", "2022", "--as-of", as_of]
        rows = list(csv.DictReader(io.StringIO(demo.ok(*args, "-f", "csv").stdout)))
        objects = json.loads(demo.ok(*args, "-f", "json").stdout)
        assert len(rows) == len(objects) > 0
        for row, obj in zip(rows, objects, strict=True):
            assert list(row) == [key for key in obj if key in row]
            assert row == {key: "" if obj[key] is None else str(obj[key]) for key in row}
        assert any("、" in row["years_in_arrears"] for row in rows)
