"""Shell completion at scale: python bench/completion.py --db /tmp/c100k.db [--repeat 7].

Make the database first: python bench/generate.py --members 100000 --db /tmp/c100k.db.

Two figures per case, medians of --repeat runs:

* **process**: a whole ``assoc`` answering bash's completion request (``_ASSOC_COMPLETE=
  complete_bash``, ``COMP_WORDS``, ``COMP_CWORD``), what a person waits for after Tab —
  start-up included; beside it ``python -c "import typer"``, the floor of any Typer CLI;
* **lookup**: the database part alone (``assoc_cli.db.completion``), in this process.

Target (issue 21): well under 0.3 s a Tab at 100,000 members.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

PYTHON = sys.executable
_SCRIPT = Path(PYTHON).with_name("assoc")
ASSOC = [str(_SCRIPT)] if _SCRIPT.exists() else [PYTHON, "-m", "assoc_cli"]
TARGET = 0.3

# (what is completed, the command line before Tab, the lookup it runs)
CASES = [
    ("member by pinyin initials", "dues pay wtd", "complete_members"),
    ("member by name prefix", "dues pay 王通达", "complete_members"),
    ("member by part of the name", "dues pay 通达华", "complete_members"),
    ("member by number", "dues pay M00012", "complete_members"),
    ("receipt", "dues void 2024-00", "complete_receipts"),
    ("meeting", "meetings show ", "complete_meetings"),
]


def _process(db: Path, line: str) -> tuple[float, int]:
    words = f"assoc {line}"
    env = dict(
        os.environ,
        _ASSOC_COMPLETE="complete_bash",
        COMP_WORDS=words,
        COMP_CWORD=str(len(words.split()) - (0 if line.endswith(" ") else 1)),
        ASSOC_DB=str(db),
    )
    started = time.perf_counter()
    out = subprocess.run(ASSOC, env=env, capture_output=True, text=True, check=True).stdout
    return time.perf_counter() - started, len(out.split())


def _baseline() -> float:
    started = time.perf_counter()
    subprocess.run([PYTHON, "-c", "import typer"], check=True)
    return time.perf_counter() - started


def main() -> None:
    """Time each case and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    from assoc_cli.db import completion

    count = completion.lookup(str(args.db))
    with count as found:
        assert found is not None, f"no database at {args.db}"
        (members,) = found.rows("SELECT count(*) FROM member")[0]
    print(f"{members:,} members in {args.db}\n")
    base = statistics.median(_baseline() for _ in range(args.repeat))
    print("| case | Tab (whole process) | lookup alone | candidates |")
    print("| --- | --- | --- | --- |")
    for label, line, name in CASES:
        runs = [_process(args.db, line) for _ in range(args.repeat)]
        whole = statistics.median(seconds for seconds, _ in runs)
        find = getattr(completion, name)
        incomplete = "" if line.endswith(" ") else line.split()[-1]
        lookups = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            found_count = len(find(str(args.db), incomplete))
            lookups.append(time.perf_counter() - started)
        lookup = statistics.median(lookups)
        print(
            f"| {label} (`{line.strip()}`) | {whole:.3f} s | {lookup * 1000:.1f} ms | "
            f"{found_count} |"
        )
    print(f"\n`python -c 'import typer'`: {base:.3f} s; target: under {TARGET} s a Tab")


if __name__ == "__main__":
    main()
