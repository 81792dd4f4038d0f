"""Start-up time of assoc against bare imports: python bench/startup.py [--repeat 10].

Runs, interleaved (one of each per round, so a busy moment hits every case alike):

* ``python -c "import typer"`` and ``assoc --help`` / every ``assoc COMMAND --help``
  (target: at most 2× the bare import);
* ``python -c "import typer, sqlalchemy"`` and three read-only reports on the demo
  database, built fresh in a temporary folder (target: at most 1.5× the bare import).

Prints the median wall time of each case and its ratio to its baseline.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timing import compile_assoc

PYTHON = sys.executable
_SCRIPT = Path(PYTHON).with_name("assoc")
# The console script is what people run; fall back to ``python -m`` outside a venv.
ASSOC = [str(_SCRIPT)] if _SCRIPT.exists() else [PYTHON, "-m", "assoc_cli"]

HELP_TARGET = 2.0
REPORT_TARGET = 1.5
REPORTS = {
    "dues report": ["dues", "report", "--year", "2022", "--as-of", "2022-11-30"],
    "dues unpaid": ["dues", "unpaid", "--year", "2022", "--as-of", "2022-11-30"],
    "members list": ["members", "list"],
}


def top_level_commands() -> list[str]:
    """The names under ``assoc`` (commands and groups), from the command tree itself."""
    import typer

    from assoc_cli.cli import app

    root = typer.main.get_command(app)
    return list(root.list_commands(typer.Context(root, info_name="assoc")))  # type: ignore[attr-defined]


def seconds(command: list[str]) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one whole process, output discarded; a
    failure stops the benchmark. (Not timing.measure: /usr/bin/time counts in 10 ms
    steps, too coarse for processes of 70 ms.)"""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False
    )
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def main() -> None:
    """Build the demo, time every case *repeat* times, print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--db", type=Path, help="use this demo database instead of a fresh one")
    parser.add_argument("--only", choices=("help", "reports"), help="time only one target")
    args = parser.parse_args()
    compile_assoc()

    with tempfile.TemporaryDirectory() as folder:
        db = args.db or Path(folder) / "demo.db"
        if args.db is None and args.only != "help":
            subprocess.run(
                [*ASSOC, "demo", "--db", str(db), "--replace"],
                stdout=subprocess.DEVNULL,
                check=True,
            )
        help_cases: dict[str, list[str]] = {}
        report_cases: dict[str, list[str]] = {}
        baselines: dict[str, list[str]] = {}
        if args.only != "reports":
            baselines["import typer"] = [PYTHON, "-c", "import typer"]
            help_cases["assoc --help"] = [*ASSOC, "--help"]
            for name in top_level_commands():
                help_cases[f"assoc {name} --help"] = [*ASSOC, name, "--help"]
        if args.only != "help":
            baselines["import typer, sqlalchemy"] = [PYTHON, "-c", "import typer, sqlalchemy"]
            for name, argv in REPORTS.items():
                report_cases[f"assoc {name}"] = [*ASSOC, "--db", str(db), *argv]
        cases = {**baselines, **help_cases, **report_cases}
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in cases}
        for _ in range(args.repeat):
            for name, command in cases.items():
                times[name].append(seconds(command))

    median = {name: statistics.median(w for w, _ in values) for name, values in times.items()}
    cpu = {name: statistics.median(c for _, c in values) for name, values in times.items()}
    print(f"{args.repeat} runs each, interleaved; medians in seconds (the targets are on wall)")
    print("assoc's modules were compiled to bytecode first (bench/timing.py compile_assoc)")
    print(f"\n{'case':34} {'wall':>7} {'ratio':>6} {'target':>7}        {'cpu':>6} {'ratio':>6}")
    for name in baselines:
        print(f"{name:34} {median[name]:7.3f} {'':22} {cpu[name]:6.3f}")
    summary = []
    for group, base, target, label in (
        (help_cases, "import typer", HELP_TARGET, "--help"),
        (report_cases, "import typer, sqlalchemy", REPORT_TARGET, "report"),
    ):
        if not group:
            continue
        ratios = []
        for name in group:
            ratio = median[name] / median[base]
            ratios.append(ratio)
            verdict = "ok" if ratio <= target else "OVER"
            cpu_ratio = cpu[name] / cpu[base]
            print(
                f"{name:34} {median[name]:7.3f} {ratio:5.2f}× {target:5.1f}×  {verdict:4}  "
                f"{cpu[name]:6.3f} {cpu_ratio:5.2f}×"
            )
        summary.append(f"worst {label}: {max(ratios):.2f}× (target {target}×)")
    print("\n" + "; ".join(summary))


if __name__ == "__main__":
    main()
