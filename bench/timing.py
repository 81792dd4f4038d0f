"""Timing one whole process for the benchmarks: wall and CPU seconds, peak memory."""

from __future__ import annotations

import compileall
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1] / "src" / "assoc_cli"


def compile_assoc() -> None:
    """Write the bytecode of assoc's own modules first, as installing it (pip compiles
    what it installs) or its first run (Python caches what it imports) does on people's
    machines. An editable install run with PYTHONDONTWRITEBYTECODE=1, as on the build
    machine, would otherwise compile every module it imports from source on every run:
    about 0.1 s of each command, which no user pays."""
    compileall.compile_dir(SOURCE, quiet=1)


@dataclass
class Run:
    """One whole process: wall and CPU (user + system) seconds, peak RSS in KiB."""

    wall: float
    cpu: float
    kib: int


def measure(command: list[str], timeout: float | None = None) -> Run | None:
    """Run *command* under /usr/bin/time, output discarded; None if it ran past *timeout*.
    It runs in a session of its own, so a stuck or interrupted run is killed with
    everything it started (no orphan keeps running and skews later runs). A failing
    command stops the benchmark."""
    timed = ["/usr/bin/time", "-f", "%e %U %S %M", *command]
    process = subprocess.Popen(
        timed,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        return None
    except BaseException:
        os.killpg(process.pid, signal.SIGKILL)
        raise
    if process.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{stderr}")
    wall, user, system, kib = stderr.strip().splitlines()[-1].split()
    return Run(float(wall), float(user) + float(system), int(kib))


def finished(command: list[str]) -> Run:
    """:func:`measure` without a time limit."""
    run = measure(command)
    assert run is not None
    return run
