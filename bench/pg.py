"""The speed benchmark against PostgreSQL, beside SQLite on the same generated data.

    python bench/pg.py --members 100000 [--repeat 3] [--check]
    python bench/pg.py --sqlite /tmp/bench-100k.db [--repeat 3] [--check] [--load assoc]

Starts a throwaway PostgreSQL cluster (tools/pg_server.py: initdb in a temporary folder,
loopback port, ``fsync=off``, otherwise the server's defaults), loads the generated SQLite
database into it, stores the dues balances (``assoc db refresh``, timed), runs ``VACUUM
ANALYZE``, then runs each case whole process against whole process, interleaved:
``bench/baseline.py`` and ``assoc`` on the SQLite file, ``bench/pg_baseline.py`` (the same
hand-written queries in PostgreSQL's dialect, through a server-side cursor) and ``assoc`` on
PostgreSQL. Columns as bench/run.py's, per side: raw (the equivalent hand-written query —
for the dues cases, read from the stored balances, as assoc does), assoc, the ratio, the
client's peak memory (max RSS; the server's own memory is not counted), then for
comparison the ledger by hand from the entries (``ledger s``) and the naive one-year query
(``naive s``).

Loading: ``--load copy`` (default) makes the schema by opening the empty database with
assoc (``assoc --db URL db upgrade``: Alembic), then copies every table with psycopg's
``COPY … FROM STDIN`` and moves the sequences past the copied ids; ``--load assoc`` uses
``assoc db copy`` itself (batched INSERTs through SQLAlchemy; slower). Neither copies the
stored balances (``dues_balance``, ``ledger_dirty``: derived, rebuilt); both leave member 0
("everyone") noted stale (the row triggers fire on COPY too, and find it there), so
``assoc db refresh`` follows either load, and the benchmark stops unless it leaves
``ledger_dirty`` empty. ``--check`` first compares assoc's figures with the hand-written
queries' on PostgreSQL, and the stored balances with the ledger by hand (bench/run.py's
check). Server settings can be varied through libpq's PGOPTIONS, which every client
process inherits, e.g. ``PGOPTIONS="-c work_mem=64MB"``; ASSOC_TEST_PG_URL points at an
existing server instead of a throwaway one.
"""

from __future__ import annotations

import argparse
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tools"))

import pg_server  # noqa: E402  (tools/pg_server.py)
from run import ASSOC, CASES, Side, check, compare  # noqa: E402
from timing import compile_assoc  # noqa: E402

PG_RAW = [sys.executable, str(HERE / "pg_baseline.py")]
SQLITE_RAW = [sys.executable, str(HERE / "baseline.py")]


def plain_url(url: str) -> str:
    """A libpq URL from a SQLAlchemy one."""
    return url.replace("postgresql+psycopg://", "postgresql://")


def cancel_queries(url: str) -> None:
    """End the server side of a client killed at the timeout (it would run on)."""
    import psycopg

    with psycopg.connect(plain_url(url), autocommit=True) as connection:
        connection.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


def load_copy(sqlite_path: Path, url: str) -> dict[str, int]:
    """Schema through assoc's migrations, then every table by COPY in one transaction —
    all but the stored balances (``transfer.DERIVED``: ``dues_balance``, ``ledger_dirty``),
    which :func:`refresh` rebuilds. The migration leaves member 0 ("everyone") noted in
    ``ledger_dirty`` and the TRUNCATE and COPY triggers keep it so."""
    import psycopg

    subprocess.run([*ASSOC, "--db", url, "db", "upgrade"], check=True, capture_output=True)
    from assoc_cli.db.transfer import DERIVED, tables  # parents before children

    source = sqlite3.connect(sqlite_path)
    counts: dict[str, int] = {}
    with psycopg.connect(plain_url(url)) as target:
        names = [t.name for t in tables()]
        assert not DERIVED & set(names), "the stored balances are rebuilt, not copied"
        target.execute(f"TRUNCATE {', '.join(names)} RESTART IDENTITY")  # the seeded rows
        for name in names:
            columns = [row[1] for row in source.execute(f"PRAGMA table_info({name})")]
            rows = source.execute(f"SELECT {', '.join(columns)} FROM {name}")
            n = 0
            with target.cursor().copy(f"COPY {name} ({', '.join(columns)}) FROM STDIN") as copy:
                while batch := rows.fetchmany(5000):
                    for row in batch:
                        copy.write_row(row)
                    n += len(batch)
            counts[name] = n
        serials = target.execute(
            "SELECT table_name, column_name FROM information_schema.columns"
            " WHERE table_schema = 'public' AND column_default LIKE 'nextval(%'"
        ).fetchall()
        for table, column in serials:
            target.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'),"
                f" COALESCE((SELECT MAX({column}) FROM {table}), 0) + 1, false)"
            )
    source.close()
    return counts


def load_assoc(sqlite_path: Path, url: str) -> None:
    """assoc's own `db copy` (schema by the migrations, batched INSERTs, count check)."""
    subprocess.run(
        [*ASSOC, "--db", str(sqlite_path), "db", "copy", "--to", url],
        check=True,
        capture_output=True,
    )


def refresh(url: str) -> str:
    """``assoc db refresh`` (every member's stored balances), timed; fails unless it leaves
    ``ledger_dirty`` empty and ``dues_balance`` filled, so assoc's reports read the stored
    rows as they do on the SQLite side."""
    import psycopg

    started = time.monotonic()
    subprocess.run([*ASSOC, "--db", url, "db", "refresh"], check=True, capture_output=True)
    seconds = time.monotonic() - started
    with psycopg.connect(plain_url(url)) as connection:
        dirty = connection.execute("SELECT COUNT(*) FROM ledger_dirty").fetchone()
        stored = connection.execute(
            "SELECT COUNT(*), COUNT(DISTINCT member_id) FROM dues_balance"
        ).fetchone()
    assert dirty and stored, "no counts"
    if dirty[0] or not stored[0]:
        raise SystemExit(f"after db refresh: {dirty[0]} noted stale, {stored[0]} balance rows")
    return (
        f"db refresh (whole process) in {seconds:.1f} s: {stored[0]:,} balance rows"
        f" of {stored[1]:,} members, ledger_dirty empty"
    )


def sqlite_stale(sqlite_path: Path) -> int:
    """Rows in the SQLite file's ``ledger_dirty`` (generate.py leaves none; with any,
    assoc's SQLite reports compute the ledger instead of reading the stored rows)."""
    with sqlite3.connect(sqlite_path) as db:
        return int(db.execute("SELECT COUNT(*) FROM ledger_dirty").fetchone()[0])


def analyze(url: str) -> None:
    """VACUUM ANALYZE: planner statistics, and nothing left for autovacuum to do mid-run."""
    import psycopg

    with psycopg.connect(plain_url(url), autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")


def describe(url: str) -> str:
    """The server version and the settings that matter here."""
    import psycopg

    names = (
        "fsync",
        "shared_buffers",
        "work_mem",
        "jit",
        "max_parallel_workers_per_gather",
        "random_page_cost",
    )
    with psycopg.connect(plain_url(url)) as connection:
        version = connection.execute("SHOW server_version").fetchone()
        settings = [f"{n}={connection.execute(f'SHOW {n}').fetchone()[0]}" for n in names]
    return f"PostgreSQL {version[0]}, " + ", ".join(settings)


def main() -> None:
    """Generate or take the data, load it, print the side-by-side table."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--members", type=int, help="generate this many members first")
    parser.add_argument(
        "--sqlite", type=Path, help="an already generated file (with --members: made here)"
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--check", action="store_true", help="compare the figures first")
    parser.add_argument("--cases", default=",".join(CASES), help="comma-separated subset")
    parser.add_argument("--load", choices=("copy", "assoc"), default="copy")
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL figures only")
    parser.add_argument(
        "--timeout", type=float, default=600, help="seconds before one run counts as stuck"
    )
    args = parser.parse_args()
    compile_assoc()
    if args.members is None and args.sqlite is None:
        parser.error("give --members N or --sqlite PATH")

    made_here = args.members is not None and args.sqlite is None
    sqlite_path = args.sqlite or Path(tempfile.mkdtemp(prefix="assoc-bench-")) / "bench.db"
    # `kill PID` cleans up too (a background job ignores Ctrl-C's SIGINT).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(f"stopped by SIGTERM (pid {os.getpid()})"))
    try:
        if args.members is not None:
            subprocess.run(
                [sys.executable, str(HERE / "generate.py"), "--members", str(args.members),
                 "--db", str(sqlite_path)],
                check=True,
            )  # fmt: skip
        server = pg_server.start()
        if isinstance(server, str):
            raise SystemExit(server)
        try:
            benchmark(args, sqlite_path, server)
        finally:
            server.stop()
    finally:
        if made_here:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{sqlite_path}{suffix}").unlink(missing_ok=True)
            sqlite_path.parent.rmdir()


def benchmark(args: argparse.Namespace, sqlite_path: Path, server: pg_server.PgServer) -> None:
    """Load the data into a new database on *server*, then measure and print the table."""
    url = pg_server.create_database(server, f"bench_{os.getpid()}")
    started = time.monotonic()
    if args.load == "copy":
        counts = load_copy(sqlite_path, url)
        rows = f"{counts['member']:,} members, {counts['dues_entry']:,} ledger entries, {sum(counts.values()):,} rows"
    else:
        load_assoc(sqlite_path, url)
        rows = "all tables"
    loaded = time.monotonic() - started
    print(
        f"loaded {rows} by {'COPY' if args.load == 'copy' else 'assoc db copy'} in {loaded:.1f} s",
        flush=True,
    )
    print(refresh(url), flush=True)
    started = time.monotonic()
    analyze(url)
    print(f"VACUUM ANALYZE in {time.monotonic() - started:.1f} s")
    print(describe(url), flush=True)
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    if not args.no_sqlite and (stale := sqlite_stale(sqlite_path)):
        print(
            f"warning: {stale} rows in the SQLite file's ledger_dirty; its assoc runs compute"
            " the ledger (run assoc db refresh on it first)"
        )
    if args.check:
        check(url, PG_RAW)

    sides: list[Side] = [("pg", PG_RAW, url)]
    if not args.no_sqlite:
        sides.insert(0, ("sqlite", SQLITE_RAW, str(sqlite_path)))
    compare(
        sides,
        args.cases.split(","),
        args.repeat,
        args.timeout,
        on_timeout=lambda side: cancel_queries(url) if side == "pg" else None,
    )
    print(f"load average at the end {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
