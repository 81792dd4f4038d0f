"""Run assoc and the raw baselines side by side: python bench/run.py --db PATH [--repeat 3]."""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ASSOC = [sys.executable, "-m", "assoc_cli"]
CASES = {
    "unpaid": ["dues", "unpaid", "--year", "2025", "--as-of", "2025-11-30", "-f", "csv"],
    "report": ["dues", "report", "--year", "2025", "--as-of", "2025-11-30", "-f", "csv"],
    "export": ["members", "export"],
}


def measure(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one whole process, output discarded."""
    timed = ["/usr/bin/time", "-f", "%e %M", *command]
    result = subprocess.run(
        timed, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False
    )
    seconds, kib = result.stderr.strip().splitlines()[-1].split()
    return float(seconds), int(kib)


def main() -> None:
    """Print a table of medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'case':8} {'raw s':>8} {'assoc s':>8} {'ratio':>6} {'raw MiB':>8} {'assoc MiB':>9}")
    for case, assoc_args in CASES.items():
        raw = [
            measure([sys.executable, str(HERE / "baseline.py"), case, str(args.db)])
            for _ in range(args.repeat)
        ]
        ours = [measure([*ASSOC, "--db", str(args.db), *assoc_args]) for _ in range(args.repeat)]
        raw_s, ours_s = statistics.median(r[0] for r in raw), statistics.median(o[0] for o in ours)
        print(
            f"{case:8} {raw_s:8.2f} {ours_s:8.2f} {ours_s / max(raw_s, 0.01):6.1f} "
            f"{max(r[1] for r in raw) / 1024:8.0f} {max(o[1] for o in ours) / 1024:9.0f}"
        )


if __name__ == "__main__":
    main()
