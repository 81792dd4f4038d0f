"""Run assoc and the raw sqlite3 baselines side by side.

    python bench/run.py --db PATH [--repeat 3] [--check]

Whole process against whole process: each case runs ``assoc …`` and ``python
bench/baseline.py CASE`` alternately, output discarded, and prints the median wall time,
the ratio, and the peak memory (max RSS) of each. ``--check`` first compares the figures of
assoc's JSON output with the hand-written queries' (same members, same fen), so the ratio
compares the same work.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import statistics
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from timing import compile_assoc, measure

HERE = Path(__file__).resolve().parent
ASSOC = [sys.executable, "-m", "assoc_cli"]
YEAR = ["--year", "2025", "--as-of", "2025-12-31"]
CASES = {
    "unpaid": ["dues", "unpaid", *YEAR, "-f", "csv"],
    "report": ["dues", "report", *YEAR, "-f", "csv"],
    "export": ["members", "export"],
}
# The equivalent raw query of each case: what assoc's own query does, by hand.
RAW = {"unpaid": "unpaid-stored", "report": "report-stored", "export": "export"}
# For comparison: the ledger computed by hand from the entries (what a report costs
# without stored balances), and the naive one-year query (a lower bound, not the answer).
LEDGER = {"unpaid": "unpaid", "report": "report"}
LOWER_BOUNDS = {"unpaid": "unpaid-simple", "report": "report-simple"}


def _output(command: list[str]) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def _fen(text: str) -> int:
    whole, _, cents = text.partition(".")
    sign = -1 if whole.startswith("-") else 1
    return sign * (abs(int(whole)) * 100 + int(cents or 0))


def check(db: Path | str, raw_command: list[str] | None = None) -> None:
    """Fail unless assoc and the hand-written queries give the same figures. *db* is a
    SQLite path or a database URL; *raw_command* + [CASE, DB] runs the hand-written query
    (default ``python bench/baseline.py``; bench/pg.py passes its PostgreSQL one)."""
    raw_command = raw_command or [sys.executable, str(HERE / "baseline.py")]
    raw = {
        case: list(csv.reader(io.StringIO(_output([*raw_command, case, str(db)]))))
        for case in CASES
    }
    unpaid = json.loads(_output([*ASSOC, "--db", str(db), "dues", "unpaid", *YEAR, "-f", "json"]))
    ours = [
        (r["number"], _fen(r["due"]), _fen(r["paid"]), _fen(r["balance"]), _fen(r["total_owing"]))
        for r in unpaid
    ]
    theirs = [(r[0], int(r[3]), int(r[4]), int(r[6]), int(r[11])) for r in raw["unpaid"]]
    assert ours == theirs, "unpaid: assoc and the hand-written ledger differ"
    # -f csv cells are made by the database, -f json's in Python: the same text.
    unpaid_csv = _output([*ASSOC, "--db", str(db), "dues", "unpaid", *YEAR, "-f", "csv"])
    cells = list(csv.DictReader(io.StringIO(unpaid_csv)))
    assert cells == [
        {key: "" if row[key] is None else str(row[key]) for key in cells[0]} for row in unpaid
    ], "unpaid: -f csv and -f json differ"
    report = json.loads(_output([*ASSOC, "--db", str(db), "dues", "report", *YEAR, "-f", "json"]))[
        :-1
    ]
    keys = ("members_owing", "paid_full", "partial", "unpaid")
    ours_r = [
        (r["group"], *(r[k] for k in keys), _fen(r["net_due"]), _fen(r["collected"]))
        for r in report
    ]
    theirs_r = [(r[0], *(int(x) for x in r[1:5]), int(r[7]), int(r[8])) for r in raw["report"]]
    assert ours_r == theirs_r, f"report differs:\n{ours_r}\n{theirs_r}"
    exported = list(
        csv.reader(
            io.StringIO(_output([*ASSOC, "--db", str(db), "members", "export"]).lstrip("\ufeff"))
        )
    )[1:]
    assert [r[0] for r in exported] == [r[0] for r in raw["export"]], "export: members differ"
    assert [r[16] for r in exported] == [r[16] for r in raw["export"]], "export: tiers differ"
    for case, stored in (("unpaid", "unpaid-stored"), ("report", "report-stored")):
        by_hand = list(csv.reader(io.StringIO(_output([*raw_command, stored, str(db)]))))
        columns = (0, 3, 4, 6, 11) if case == "unpaid" else range(10)
        assert [[r[i] for i in columns] for r in by_hand] == [
            [r[i] for i in columns] for r in raw[case]
        ], f"{stored}: the stored balances and the ledger by hand differ"
    print(
        f"check: same figures ({len(ours)} unpaid, {len(ours_r)} tiers, {len(exported)} exported;"
        " stored balances = ledger by hand)"
    )


Side = tuple[str, list[str], str]  # name, the hand-written query's command, database


def compare(
    sides: list[Side],
    cases: list[str],
    repeat: int,
    timeout: float | None = None,
    on_timeout: Callable[[str], None] | None = None,
) -> None:
    """Run each case on each side *repeat* times, interleaved (every process sees the same
    machine), and print per side: the medians of the raw query and of assoc, the ratio,
    peak MiB, and the ledger by hand and the naive query for the dues cases. A run past
    *timeout* counts as infinitely slow (*on_timeout* is told on which side)."""
    print(
        f"{'case':8}"
        + "".join(
            f" | {side + ': raw s':>14} {'assoc s':>8} {'ratio':>6} {'raw MiB':>8}"
            f" {'assoc MiB':>9} {'ledger s':>9} {'naive s':>8}"
            for side, _, _ in sides
        )
    )
    for case in cases:
        times: dict[tuple[str, str], list[tuple[float, int]]] = {}
        for _ in range(repeat):
            for side, raw_command, db in sides:
                runs = [
                    ("raw", [*raw_command, RAW[case], db]),
                    ("assoc", [*ASSOC, "--db", db, *CASES[case]]),
                ]
                if case in LEDGER:
                    runs += [
                        ("ledger", [*raw_command, LEDGER[case], db]),
                        ("naive", [*raw_command, LOWER_BOUNDS[case], db]),
                    ]
                for who, command in runs:
                    run = measure(command, timeout)
                    if run is None and on_timeout is not None:
                        on_timeout(side)
                    result = (run.wall, run.kib) if run else (float("inf"), 0)
                    times.setdefault((side, who), []).append(result)
        line = f"{case:8}"
        for side, _, _ in sides:
            raw_s = statistics.median(t[0] for t in times[(side, "raw")])
            ours_s = statistics.median(t[0] for t in times[(side, "assoc")])
            extra = " ".join(
                f"{statistics.median(t[0] for t in times[(side, who)]):{width}.2f}"
                if (side, who) in times
                else f"{'-':>{width}}"
                for who, width in (("ledger", 9), ("naive", 8))
            )
            line += (
                f" | {raw_s:14.2f} {ours_s:8.2f} {ours_s / max(raw_s, 0.01):6.2f}"
                f" {max(t[1] for t in times[(side, 'raw')]) / 1024:8.0f}"
                f" {max(t[1] for t in times[(side, 'assoc')]) / 1024:9.0f} {extra}"
            )
        print(line, flush=True)


def main() -> None:
    """Print a table of medians and ratios."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--check", action="store_true", help="compare the figures first")
    parser.add_argument("--cases", default=",".join(CASES), help="comma-separated subset")
    args = parser.parse_args()
    compile_assoc()
    if args.check:
        check(args.db)
    sides: list[Side] = [("sqlite", [sys.executable, str(HERE / "baseline.py")], str(args.db))]
    compare(sides, args.cases.split(","), args.repeat)


if __name__ == "__main__":
    main()
