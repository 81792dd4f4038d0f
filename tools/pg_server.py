"""A throwaway PostgreSQL cluster for the tests: initdb in a temporary folder, started on a
free loopback port, stopped by its pid at the end. Under a second to start.

Used when PostgreSQL's server binaries are installed (Debian: ``apt-get install
postgresql``); otherwise the PostgreSQL half of the suite is skipped with that reason.
``ASSOC_TEST_PG_URL`` points the tests at an existing server instead.
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


def find_bin(name: str) -> str | None:
    """A PostgreSQL server binary (initdb, pg_ctl) on PATH or in Debian's versioned folder."""
    for candidate in sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True):
        return candidate
    return shutil.which(name)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _memory_folder() -> str | None:
    """Where the cluster lives: in memory (/dev/shm) when there is one, as a throwaway
    cluster needs no disk; else the usual temporary folder."""
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK | os.X_OK) else None


@dataclass
class PgServer:
    """A running throwaway cluster."""

    url: str  # postgresql+psycopg://postgres@127.0.0.1:PORT/
    folder: Path | None = None
    pid: int | None = None

    def stop(self) -> None:
        """Stop the server by its pid and remove its folder. An immediate shutdown (SIGQUIT):
        the cluster is thrown away, so the shutdown checkpoint that a smart one (SIGTERM)
        makes would only write every test database out to disk before it is deleted (minutes,
        after a whole suite on a busy disk)."""
        if self.pid is not None:
            try:
                os.kill(self.pid, signal.SIGQUIT)
                for _ in range(100):
                    os.kill(self.pid, 0)
                    time.sleep(0.05)
            except ProcessLookupError:
                pass
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)


def start() -> PgServer | str:
    """Start a cluster; returns it, or the reason it cannot be started."""
    given = os.environ.get("ASSOC_TEST_PG_URL")
    if given:
        return PgServer(url=given.rstrip("/") + "/")
    initdb, pg_ctl = find_bin("initdb"), find_bin("pg_ctl")
    if not initdb or not pg_ctl:
        return "PostgreSQL is not installed (apt-get install postgresql); PostgreSQL tests skipped"
    folder = Path(tempfile.mkdtemp(prefix="assoc-pg-", dir=_memory_folder()))
    data, sockets = folder / "data", folder / "sock"
    sockets.mkdir()
    prefix: list[str] = []
    if os.geteuid() == 0:
        # The server refuses to run as root: run it as the postgres user.
        shutil.chown(folder, "postgres")
        shutil.chown(sockets, "postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    try:
        subprocess.run(
            [*prefix, initdb, "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
             "--locale=C.UTF-8", "--no-sync"],
            check=True, capture_output=True, timeout=60,
        )  # fmt: skip
        options = f"-p {port} -k {sockets} -h 127.0.0.1 -c fsync=off -c max_connections=200"
        subprocess.run(
            [*prefix, pg_ctl, "-D", str(data), "-o", options, "-w", "-l", str(folder / "log"),
             "start"],
            check=True, capture_output=True, timeout=60,
        )  # fmt: skip
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
        shutil.rmtree(folder, ignore_errors=True)
        return f"could not start a PostgreSQL server ({exc}); PostgreSQL tests skipped"
    pid = int((data / "postmaster.pid").read_text().splitlines()[0])
    return PgServer(url=f"postgresql+psycopg://postgres@127.0.0.1:{port}/", folder=folder, pid=pid)


def create_database(server: PgServer, name: str, template: str | None = None) -> str:
    """Create a database (optionally a copy of *template*) and return its URL."""
    import psycopg

    plain = server.url.replace("postgresql+psycopg://", "postgresql://") + "postgres"
    with psycopg.connect(plain, autocommit=True) as connection:
        extra = f" TEMPLATE {template}" if template else ""
        connection.execute(f'CREATE DATABASE "{name}"{extra}')  # type: ignore[arg-type]
    return server.url + name


def drop_database(server: PgServer, name: str) -> bool:
    """Drop a database unless someone is still connected to it; returns whether it was."""
    import psycopg

    plain = server.url.replace("postgresql+psycopg://", "postgresql://") + "postgres"
    try:
        with psycopg.connect(plain, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')  # type: ignore[arg-type]
    except psycopg.errors.ObjectInUse:
        return False
    return True
