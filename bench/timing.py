"""Timing one whole process for the benchmarks: wall and CPU seconds, peak memory."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from dataclasses import dataclass


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
