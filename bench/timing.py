"""Timing one whole process for the benchmarks: wall and CPU seconds, peak memory."""

from __future__ import annotations

import compileall
import os
import signal
import subprocess
import sys
import threading
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
    """One whole process: wall and CPU (user + system, its children included) seconds,
    the peak RSS (KiB) of its largest process; with ``whole_tree``, the peak of all its
    processes' RSS added up (sampled every 0.1 s). The load average as it ended, and
    the first line it wrote to stderr (a command's summary)."""

    wall: float
    cpu: float
    kib: int
    tree_kib: int = 0
    load: float = 0.0
    summary: str = ""


def tree_kib(root: int) -> int:
    """The RSS (KiB) of process *root* and all its descendants, now."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        parents[int(entry.name)] = int(fields.get("PPid", "0"))
        rss[int(entry.name)] = int(fields.get("VmRSS", "0 kB").split()[0])
    total = 0
    for pid in rss:
        ancestor = pid
        while ancestor and ancestor != root:
            ancestor = parents.get(ancestor, 0)
        if ancestor == root:
            total += rss[pid]
    return total


def measure(
    command: list[str],
    timeout: float | None = None,
    *,
    env: dict[str, str] | None = None,
    whole_tree: bool = False,
) -> Run | None:
    """Run *command* under /usr/bin/time, output discarded; None if it ran past *timeout*.
    It runs in a session of its own, so a stuck or interrupted run is killed with
    everything it started (no orphan keeps running and skews later runs). A failing
    command stops the benchmark. With *whole_tree*, the RSS of all its processes (a
    helper process included) is sampled too."""
    timed = ["/usr/bin/time", "-f", "%e %U %S %M", *command]
    process = subprocess.Popen(
        timed,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        env=env,
    )
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.1):
            peak[0] = max(peak[0], tree_kib(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    if whole_tree:
        sampler.start()
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        return None
    except BaseException:
        os.killpg(process.pid, signal.SIGKILL)
        raise
    finally:
        done.set()
        if whole_tree:
            sampler.join()
    if process.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{stderr[-3000:]}")
    lines = stderr.strip().splitlines()
    wall, user, system, kib = lines[-1].split()
    summary = lines[0].split(":", 1)[-1] if len(lines) > 1 else ""
    return Run(
        float(wall), float(user) + float(system), int(kib), peak[0], os.getloadavg()[0], summary
    )


def finished(
    command: list[str], *, env: dict[str, str] | None = None, whole_tree: bool = False
) -> Run:
    """:func:`measure` without a time limit."""
    run = measure(command, env=env, whole_tree=whole_tree)
    assert run is not None
    return run
