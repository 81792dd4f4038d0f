"""Requests reports at scale: python bench/requests.py [--requests 1000000] [--repeat 3] [--db FILE].

Builds an association through the real CLI (``assoc init``, 50 members), then writes N
requests received in 2025 (plus a tenth as many in 2024) straight into ``service_request``
with sqlite3: sources, categories, handlers, deadlines, statuses, closings early and late,
follow-ups, as the CLI would leave them. With --db the database is built there once and
reused by later runs.

Then it times whole processes with ``/usr/bin/time`` (median wall seconds over --repeat,
interleaved): each ``assoc requests`` report against a raw script (python + sqlite3) that
runs exactly the same SQL — compiled here from assoc's own query objects, with literal
values — and prints every row. PASS when assoc's median is within --limit (1.5×) of the raw
one; the exit status is 1 otherwise.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from timing import compile_assoc, finished

ASSOC = [sys.executable, "-m", "assoc_cli"]
AS_OF = date(2025, 12, 31)
CATEGORIES = (
    "用工",
    "人才引进",
    "要素保障",
    "子女就读",
    "市场推广",
    "融资",
    "政策资金",
    "纠纷协调",
    "其他",
)
SOURCES = ("走访", "座谈会", "电话", "微信", "来函", "政府转办")
HANDLERS = ("李娜", "王强", "赵敏", "刘洋", "陈静")
STATUSES = ("受理", "办理中", "已答复", "已办结", "不予受理", "已转办")


def run(db: Path, *args: str) -> None:
    subprocess.run([*ASSOC, "--db", str(db), *args], check=True, capture_output=True)


def build(db: Path, count: int, seed: int) -> None:
    """The association (through the CLI) and *count* requests (through sqlite3)."""
    run(db, "init", "--name", "基准市装备制造业协会")
    for i in range(50):
        run(db, "members", "add", f"基准会员企业{i:03d}有限公司")
    rng = random.Random(seed)
    connection = sqlite3.connect(db)

    def rows(year: int, n: int):  # type: ignore[no-untyped-def]
        start = date(year, 1, 1)
        for seq in range(1, n + 1):
            received = start + timedelta(days=rng.randrange(365))
            due = received + timedelta(days=rng.choice((7, 14, 21)))
            status = rng.choices(STATUSES, (5, 10, 5, 75, 3, 2))[0]
            closed = None
            followup = None
            if status in ("已办结", "不予受理", "已转办"):
                closed = due + timedelta(days=rng.randint(-6, 3))
                if status == "已办结":
                    followup = rng.choices(("满意", "基本满意", None), (70, 20, 10))[0]
            yield (
                year,
                seq,
                f"SQ{year}-{seq:07d}",
                received.isoformat(),
                rng.choice(SOURCES),
                rng.randint(1, 50),
                rng.choice(CATEGORIES),
                "诉求内容",
                rng.choice(HANDLERS),
                10,
                due.isoformat(),
                due.isoformat(),
                status,
                None if closed is None else closed.isoformat(),
                followup,
                0,
                "2025-01-01 00:00:00.000000",
            )

    with connection:
        for year, n in ((2024, count // 10), (2025, count)):
            connection.executemany(
                "INSERT INTO service_request (year, seq, number, received_on, source, member_id,"
                " category, description, handler, time_limit, due_on, judged_due_on, status,"
                " closed_on, followup, reopened, created_at)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                rows(year, n),
            )
    connection.execute("ANALYZE")
    connection.close()


def sql_of(query: object) -> str:
    from sqlalchemy.dialects import sqlite

    return str(query.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))  # type: ignore[attr-defined]


RAW = """
import csv, sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
writer = csv.writer(sys.stdout)
for statement in sys.argv[2:]:
    for row in connection.execute(statement):
        writer.writerow(row)
"""


def cases() -> list[tuple[str, list[str], list[str]]]:
    """(name, assoc arguments, the same SQL raw)."""
    from assoc_cli.services.reports import figures_query, overdue_query

    def figures(by: str) -> str:
        return sql_of(figures_query(year=2025, as_of=AS_OF, definition="strict", by=by))

    as_of = ["--as-of", AS_OF.isoformat()]
    return [
        (
            "requests report --year 2025",
            ["requests", "report", "--year", "2025", *as_of, "-f", "csv"],
            [figures("category")],
        ),
        (
            "requests report --year 2025 --by month",
            ["requests", "report", "--year", "2025", "--by", "month", *as_of, "-f", "csv"],
            [figures("category"), figures("month")],
        ),
        (
            "requests report --year 2025 --by handler",
            ["requests", "report", "--year", "2025", "--by", "handler", *as_of, "-f", "csv"],
            [figures("category"), figures("handler")],
        ),
        (
            "requests overdue --year 2025",
            ["requests", "overdue", "--year", "2025", *as_of, "-f", "csv"],
            [sql_of(overdue_query(year=2025, as_of=AS_OF))],
        ),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--limit", type=float, default=1.5)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--case", default="", help="Only the cases whose name holds this.")
    args = parser.parse_args()
    db = args.db or Path(tempfile.mkdtemp()) / "requests.db"
    if not db.exists():
        print(f"building {args.requests:,} requests in {db} …", flush=True)
        build(db, args.requests, args.seed)
    compile_assoc()
    failed = False
    print("| case | raw (same SQL) | assoc | ratio |")
    print("| --- | --- | --- | --- |")
    for name, assoc_args, statements in cases():
        if args.case not in name:
            continue
        raw_times, assoc_times = [], []
        for _ in range(args.repeat):
            raw_times.append(finished([sys.executable, "-c", RAW, str(db), *statements]).wall)
            assoc_times.append(finished([*ASSOC, "--db", str(db), *assoc_args]).wall)
        raw, ours = statistics.median(raw_times), statistics.median(assoc_times)
        ratio = ours / raw if raw else float("inf")
        failed |= ratio > args.limit
        verdict = "PASS" if ratio <= args.limit else "FAIL"
        print(f"| `{name}` | {raw:.2f} s | {ours:.2f} s | {ratio:.2f}× {verdict} |", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
