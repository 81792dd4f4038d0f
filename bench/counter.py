"""Per-member commands at the counter, at every size: python bench/counter.py --db 2k=/tmp/g2k.db --db 1m=/tmp/g1m.db [--repeat 5].

A secretariat feels these at the counter: a payment, a waiver, a void, a member's page, a
statement, an office, a new member, an edit, an agenda item, a sign-in mark. Each must cost
what one member's rows cost, whatever the roster (issue 16). For every database given
(bench/generate.py builds them) and the demo (built fresh here), the benchmark works on a
copy, then times whole ``assoc`` processes: the same command, for a different member on each
run, on every database in turn (interleaved, so a busy spell hits all sizes alike), --repeat
times. It prints median wall seconds, the ratio to the demo and the peak RSS, and on the demo
``dues pay`` and ``dues statement`` against ``dues report``.

The exit status is 1 when a command at any size takes more than --limit (default 1.5) times
its time on the demo."""

from __future__ import annotations

import argparse
import csv
import io
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from timing import Run, compile_assoc, finished

ASSOC = [sys.executable, "-m", "assoc_cli"]


@dataclass
class Target:
    """One database and the members (numbers) each run works on."""

    label: str
    db: Path
    year: int
    members: list[str] = field(default_factory=list)  # spread over the roster
    owing: list[str] = field(default_factory=list)  # owing dues for *year*
    free: list[str] = field(default_factory=list)  # holding no office
    meeting: int = 0
    receipts: list[str] = field(default_factory=list)

    def assoc(self, *args: str) -> list[str]:
        return [*ASSOC, "--db", str(self.db), *args]


def call(target: Target, *args: str) -> str:
    """Run one assoc command untimed (setting up); its stdout."""
    result = subprocess.run(target.assoc(*args), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"{target.label}: assoc {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout


def prepare(target: Target, runs: int) -> None:
    """Members spread over the roster, some owing dues for the last rated year; a meeting
    with some of them invited (for ``mark``)."""
    with sqlite3.connect(target.db) as db:
        target.year = db.execute("SELECT MAX(year) FROM dues_rate").fetchone()[0]
        numbers = [
            number
            for (number,) in db.execute(
                "SELECT number FROM member WHERE left_on IS NULL AND kind = 'unit' ORDER BY id"
            )
        ]
        free = [
            number
            for (number,) in db.execute(
                "SELECT number FROM member WHERE left_on IS NULL AND kind = 'unit' AND id NOT IN "
                "(SELECT member_id FROM office_holding) ORDER BY id"
            )
        ]
    unpaid = call(target, "--lang", "en", "dues", "unpaid", "--year", str(target.year), "-f", "csv")
    owing = [row["number"] for row in csv.DictReader(io.StringIO(unpaid))]
    # Seven members per run (pay, show, statement, assign, edit, mark, a spare), spread over
    # the roster, and one owing the year's dues (waive).
    wanted = runs * 8
    if len(numbers) < wanted or len(owing) < runs or len(free) < runs:
        sys.exit(f"{target.label}: too few members ({len(numbers)}, {len(owing)} owing)")
    step = len(numbers) // wanted
    target.members = [numbers[i * step] for i in range(wanted)]
    target.owing = [owing[i * (len(owing) // runs)] for i in range(runs)]
    target.free = [free[i * (len(free) // runs)] for i in range(runs)]
    out = call(
        target, "--lang", "en", "meetings", "new", "--kind", "理事会",
        "--date", f"{target.year}-12-20", "--title", "基准测试理事会",
    )  # fmt: skip
    with sqlite3.connect(target.db) as db:
        target.meeting = db.execute("SELECT MAX(id) FROM meeting").fetchone()[0]
    assert out is not None
    marked = target.members[6::8]
    call(target, "meetings", "invite", str(target.meeting), *marked)


def member(target: Target, run: int, slot: int) -> str:
    return target.members[run * 8 + slot]


def last_receipt(target: Target, number: str) -> str:
    with sqlite3.connect(target.db) as db:
        row = db.execute(
            "SELECT e.receipt FROM dues_entry e JOIN member m ON m.id = e.member_id "
            "WHERE m.number = ? AND e.kind = 'payment' ORDER BY e.id DESC LIMIT 1",
            (number,),
        ).fetchone()
    return str(row[0])


# Each case: a name and the arguments for (target, run).
CASES: list[tuple[str, object]] = [
    (
        "dues pay",
        lambda t, r: ["dues", "pay", member(t, r, 0), "--amount", "1", "--year", str(t.year),
                      "--on", f"{t.year}-12-01", "--credit"],
    ),
    (
        "dues waive",
        lambda t, r: ["dues", "waive", t.owing[r], "--year", str(t.year), "--amount", "1",
                      "--reason", "基准测试", "--approved-by", "理事会"],
    ),
    ("dues void", lambda t, r: ["dues", "void", t.receipts[r], "--reason", "基准测试"]),
    ("members show", lambda t, r: ["members", "show", member(t, r, 2)]),
    ("dues statement", lambda t, r: ["dues", "statement", member(t, r, 3)]),
    ("offices assign", lambda t, r: ["offices", "assign", t.free[r], "理事"]),
    (
        "members add",
        lambda t, r: ["members", "add", f"基准新增{t.label}第{r}号有限公司", "--joined",
                      f"{t.year}-06-01"],
    ),
    ("members edit", lambda t, r: ["members", "edit", member(t, r, 5), "--phone", f"0533-{r}"]),
    ("meetings agenda add", lambda t, r: ["meetings", "agenda", "add", str(t.meeting), f"议题{r}"]),
    (
        "meetings mark",
        lambda t, r: ["meetings", "mark", str(t.meeting), member(t, r, 6), "--status", "present"],
    ),
    ("dues report (demo only)", lambda t, r: ["dues", "report", "--year", str(t.year)]),
]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db", action="append", default=[], metavar="LABEL=PATH", help="a generated database"
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--limit", type=float, default=1.5)
    args = parser.parse_args()
    compile_assoc()
    work = Path(tempfile.mkdtemp(prefix="assoc-counter-"))
    try:
        targets = [Target("demo", work / "demo.db", 0)]
        subprocess.run(
            [*ASSOC, "demo", "--db", str(targets[0].db)], check=True, capture_output=True
        )
        for spec in args.db:
            label, _, path = spec.partition("=")
            copy = work / f"{label}.db"
            print(f"copying {path} …", file=sys.stderr)
            shutil.copyfile(path, copy)
            targets.append(Target(label, copy, 0))
        for target in targets:
            prepare(target, args.repeat)
        times: dict[tuple[str, str], list[Run]] = {}
        for run in range(args.repeat):
            for name, arguments in CASES:
                for target in targets:
                    if name.endswith("(demo only)") and target.label != "demo":
                        continue
                    command = target.assoc(*arguments(target, run))  # type: ignore[operator]
                    times.setdefault((name, target.label), []).append(finished(command))
                    if name == "dues pay":
                        target.receipts.append(last_receipt(target, member(target, run, 0)))
            print(f"run {run + 1} of {args.repeat} done", file=sys.stderr)
        report(times, targets, args.limit)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(times: dict[tuple[str, str], list[Run]], targets: list[Target], limit: float) -> None:
    def median(name: str, label: str) -> float:
        return statistics.median(run.wall for run in times[(name, label)])

    def peak(name: str, label: str) -> int:
        return max(run.kib for run in times[(name, label)]) // 1024

    labels = [t.label for t in targets]
    failed = False
    header = "| command | " + " | ".join(labels) + " | worst ratio | peak MiB |"
    print(header)
    print("|" + " --- |" * (len(labels) + 3))
    for name, _ in CASES:
        if name.endswith("(demo only)"):
            continue
        demo = median(name, "demo")
        cells = [f"{median(name, label):.2f} s" for label in labels]
        worst = max(median(name, label) / demo for label in labels)
        failed |= worst > limit
        mib = "/".join(str(peak(name, label)) for label in labels)
        print(f"| `{name}` | " + " | ".join(cells) + f" | {worst:.2f}× | {mib} |")
    report_s = median("dues report (demo only)", "demo")
    print(f"\ndemo: `dues report` {report_s:.2f} s;", end=" ")
    for name in ("dues pay", "dues statement"):
        ratio = median(name, "demo") / report_s
        failed |= ratio > limit
        print(f"`{name}` {ratio:.2f}× of it;", end=" ")
    print(f"\n{'FAIL' if failed else 'PASS'} (limit {limit}×)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
