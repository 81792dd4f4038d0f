"""Prove a refactoring changed no output: build the demo with two installs of assoc and
compare what a list of read commands prints, byte for byte (stdout and stderr).

    python tools/compare_demo.py --before /path/to/old/.venv/bin/assoc --after .venv/bin/assoc

Each side builds its own demo at the same path (the path is part of some outputs), runs
every command in every output format and language that applies, and keeps the results;
the script prints the commands whose output differs and exits 1 if any does.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# The demo's own tour and the figures the issue names, then one command per report.
COMMANDS = [
    "info",
    "members stats",
    "members stats --by segment",
    "members list --sort strokes",
    "members list --tier 副会长单位 --sort strokes",
    "members show M0003",
    "offices list",
    "offices kinds",
    "terms list",
    "dues rates list",
    "dues policy",
    "dues report --year 2022 --as-of 2022-11-30",
    "dues report --year 2022 --as-of 2022-11-30 --compare 2021",
    "dues report --year 2022 --as-of 2022-11-30 --by segment",
    "dues unpaid",
    "dues unpaid --year 2022 --as-of 2022-11-30",
    "dues unpaid --year 2022 --as-of 2022-11-30 --sort strokes",
    "dues arrears --as-of 2022-11-30",
    "dues statement M0003 --as-of 2022-11-30",
    "dues statement M0010",
    "dues notices",
    "dues verify",
    "meetings list",
    "meetings kinds",
    "meetings show 2",
    "meetings agenda list 2",
    "meetings agenda render 2",
    "meetings agenda render 2 --style sentence",
    "meetings signin 2",
    "meetings minutes 2",
    "meetings quorum 2",
    "meetings attendance --meeting 2",
    "actions list",
    "meetings attendance",
    "meetings attendance --member M0003",
]
FORMATS = ["", "-f plain", "-f csv", "-f json"]
LANGS = ["", "--lang en", "--lang zh-Hant"]


def outputs(assoc: str, folder: Path) -> dict[str, bytes]:
    """Every command's output from a fresh demo built by *assoc* in *folder*."""
    db = folder / "demo.db"
    if db.exists():
        db.unlink()
    built = subprocess.run([assoc, "demo", "--db", str(db)], capture_output=True, check=True)
    results = {"demo": built.stdout + built.stderr}
    for command in COMMANDS:
        for lang in LANGS:
            for fmt in FORMATS:
                args = [*lang.split(), *command.split(), *fmt.split()]
                done = subprocess.run(
                    [assoc, "--db", str(db), *args], capture_output=True, check=False
                )
                key = " ".join(args)
                status = b"exit %d\n" % done.returncode
                results[key] = status + done.stdout + b"\n--\n" + done.stderr
    return results


def main() -> int:
    """Compare the two installs; print what differs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, help="the assoc command before the change")
    parser.add_argument("--after", required=True, help="the assoc command after it")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="assoc-compare-"))
    try:
        before = outputs(args.before, folder)
        after = outputs(args.after, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    different = [key for key in before if before[key] != after.get(key)]
    for key in different:
        print(f"differs: assoc {key}")
    print(f"{len(before) - len(different)} of {len(before)} outputs identical")
    return 1 if different else 0


if __name__ == "__main__":
    sys.exit(main())
