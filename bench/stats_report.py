"""The period report at scale: python bench/stats_report.py [--members 100000] [--db PATH].

Builds N member units, the six default indicators and 24 monthly reports each (2021-01 ..
2022-12) straight in SQL (executemany, in key order — the CLI would take hours to type
14.4 million figures), then times ``assoc stats report 2022-11 --by segment -f json`` as a
whole process (/usr/bin/time: wall, CPU, peak RSS) against the same aggregation run on the
raw sqlite3 module. PASS when the command's wall time is within 1.5x of the raw query's
(the command's own start-up included)."""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import time
from pathlib import Path

from timing import measure

ASSOC = [sys.executable, "-m", "assoc_cli"]
SEGMENTS = ("原料", "生产", "物流", "销售", "研发", None)
# The report's two aggregates as plain SQL: this year's rows joined by key to last
# year's (本期, 本年累计, 同口径 pairs), and last year's rows (上年同期), per segment.
RAW = (
    """
SELECT c.indicator_id, m.segment, count(*), sum(c.current), sum(c.cumulative),
       sum(CASE WHEN c.cumulative IS NOT NULL AND p.cumulative IS NOT NULL THEN 1 ELSE 0 END),
       sum(CASE WHEN c.cumulative IS NOT NULL AND p.cumulative IS NOT NULL
           THEN c.cumulative ELSE 0 END),
       sum(CASE WHEN c.cumulative IS NOT NULL AND p.cumulative IS NOT NULL
           THEN p.cumulative ELSE 0 END)
FROM stat_value c
JOIN member m ON m.id = c.member_id
LEFT JOIN stat_value p ON p.year = 2021 AND p.end_month = 11
     AND p.indicator_id = c.indicator_id AND p.member_id = c.member_id
WHERE c.year = 2022 AND c.end_month = 11
GROUP BY c.indicator_id, m.segment
""",
    """
SELECT p.indicator_id, m.segment, count(*), sum(p.current), sum(p.cumulative)
FROM stat_value p JOIN member m ON m.id = p.member_id
WHERE p.year = 2021 AND p.end_month = 11
GROUP BY p.indicator_id, m.segment
""",
)


def build(path: Path, members: int) -> None:
    """The database: schema by the migrations, then members, indicators and figures."""
    from assoc_cli.db.engine import open_database

    if path.exists():
        path.unlink()
    open_database(f"sqlite:///{path.resolve()}", create=True).dispose()
    rng = random.Random(19)
    now = "2026-01-01 00:00:00"
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=OFF")
    with db:
        db.execute(
            "INSERT INTO association (name, language, created_at) VALUES ('基准', 'zh-Hans', ?)",
            (now,),
        )
        db.executemany(
            "INSERT INTO member (id, number, name, kind, status, segment, name_pinyin, "
            "name_strokes, created_at, updated_at) VALUES (?, ?, ?, 'unit', 'active', ?, '', '', ?, ?)",
            [
                (i, f"M{i:06d}", f"企业{i}号有限公司", rng.choice(SEGMENTS), now, now)
                for i in range(1, members + 1)
            ],
        )
        for position, (name, unit, kind) in enumerate(
            [
                ("产值", "万元", "flow"),
                ("营业收入", "万元", "flow"),
                ("利润总额", "万元", "flow"),
                ("税收", "万元", "flow"),
                ("从业人员平均人数", "人", "level"),
                ("研发投入", "万元", "flow"),
            ],
            start=1,
        ):
            db.execute(
                "INSERT INTO stat_indicator (id, name, unit, kind, position, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (position, name, unit, kind, position, now),
            )
        db.execute(
            "INSERT INTO stat_plan (name, frequency, jan_feb_together, due_day, created_at)"
            " VALUES ('月报', 'monthly', 0, 15, ?)",
            (now,),
        )
        db.execute("INSERT INTO stat_reporter SELECT id, 1, ? FROM member", (now,))
        db.execute("DROP INDEX ix_stat_value_member")
    base = [rng.randint(1, 5_000) * 1_000_000 for _ in range(members + 1)]
    for year in (2021, 2022):
        for month in range(1, 13):
            with db:
                for indicator in range(1, 7):
                    db.executemany(
                        "INSERT INTO stat_value VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        (
                            (
                                year,
                                month,
                                indicator,
                                m,
                                month,
                                base[m],
                                base[m] * month,
                                f"{year}-{month:02d}-15",
                            )
                            for m in range(1, members + 1)
                            if (m + month) % 97  # about one in a hundred misses a month
                        ),
                    )
    with db:
        db.execute("CREATE INDEX ix_stat_value_member ON stat_value (member_id, year, end_month)")
        db.execute("ANALYZE")
    db.close()


def main() -> None:
    """Build (unless --db exists and --keep), then time the report and the raw query."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/assoc-bench-statistics.db"))
    parser.add_argument("--keep", action="store_true", help="Reuse an existing --db.")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not (args.keep and args.db.exists()):
        started = time.monotonic()
        build(args.db, args.members)
        print(f"built {args.db} in {time.monotonic() - started:.1f} s")
    raw = []
    for _ in range(args.repeat):
        connection = sqlite3.connect(args.db)
        started = time.monotonic()
        rows = [row for query in RAW for row in connection.execute(query).fetchall()]
        raw.append(time.monotonic() - started)
        connection.close()
    runs = [
        measure(
            [
                *ASSOC,
                "--db",
                str(args.db),
                "stats",
                "report",
                "2022-11",
                "--by",
                "segment",
                "-f",
                "json",
            ]
        )
        for _ in range(args.repeat)
    ]
    walls = [r.wall for r in runs if r is not None]
    raw_s, wall = statistics.median(raw), statistics.median(walls)
    peak = max(r.kib for r in runs if r is not None)
    verdict = "PASS" if wall <= 1.5 * raw_s else "FAIL"
    print(f"raw sqlite3 query: {raw_s:.2f} s ({len(rows)} rows)")
    print(
        f"assoc stats report 2022-11 --by segment -f json: {wall:.2f} s wall, peak {peak // 1024} MiB"
    )
    print(f"ratio {wall / raw_s:.2f} (limit 1.5): {verdict}")
    sys.exit(0 if verdict == "PASS" else 1)


if __name__ == "__main__":
    main()
