"""Reproduce races between the stored dues balances' refresh and concurrent writers on
PostgreSQL (migration 0006, src/assoc_cli/dues/balances.py). Not a fix: each scenario
interleaves two transactions by hand, deterministically, and prints whether the stored
balances still equal the computed ledger with nothing noted stale.

    .venv/bin/python tools/pg_balance_races.py

Starts a throwaway cluster (tools/pg_server.py), loads a generated 200-member association
with ``assoc db copy`` (which stores the balances), then runs:

A. member 0 short-cut: "everyone" is noted (as after a rate change on a big association,
   or a bulk load). An assoc command records a payment; the trigger sees member 0 noted
   and notes nothing. Before it commits, ``assoc db refresh`` runs (its snapshot cannot
   see the uncommitted payment) and clears every note. The command's own refresh then
   finds nothing noted and commits: that member's stored rows miss the payment, and
   nothing says so.
B. the refresh clears notes it never read: a writer outside assoc (psql, a script)
   commits a payment while a refresh is between its INSERT … SELECT and its ``DELETE FROM
   ledger_dirty`` (READ COMMITTED: each statement sees newly committed rows), so the
   DELETE removes the new note too.
C. the refresh fails: the same outside writer commits between the refresh's DELETE of the
   noted members' balances and its INSERT … SELECT; the INSERT sees one more noted member
   than the DELETE did and hits dues_balance's primary key.
D. a report mixes snapshots: ``is_current`` (no entry dated after the as-of date) and the
   read of the stored rows are two statements of a READ COMMITTED transaction; a payment
   dated after the as-of date committed (and refreshed) in between ends up in the report.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import event, except_, func, select, text

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import pg_server  # noqa: E402

from assoc_cli.db.engine import make_engine, read_only, unit_of_work  # noqa: E402
from assoc_cli.db.reader import Reader  # noqa: E402
from assoc_cli.dues import balances  # noqa: E402
from assoc_cli.dues import stored as stored_rows  # noqa: E402
from assoc_cli.dues.ledger import ledger_select  # noqa: E402
from assoc_cli.dues.policy import dues_policy  # noqa: E402

ASSOC = [sys.executable, "-m", "assoc_cli"]
PAYMENT = (
    "INSERT INTO dues_entry (member_id, kind, year, amount_fen, entry_on, created_at)"
    " VALUES (:member, 'payment', NULL, 123456, :on, now())"
)


def state(engine: Any, members: list[int]) -> str:
    """Notes left, and how many stored rows differ from the ledger computed now."""
    with read_only(engine) as session:
        connection = session.connection()
        noted = connection.execute(text("SELECT COUNT(*) FROM ledger_dirty")).scalar_one()
        stored = select(*(stored_rows.balance_t.c[c] for c in stored_rows.COLUMNS)).where(
            stored_rows.balance_t.c.member_id.in_(members)
        )
        ids = select(stored_rows.balance_t.c.member_id).where(
            stored_rows.balance_t.c.member_id.in_(members)
        )
        computed = ledger_select(
            session, dues_policy(session), stored_rows.END_OF_TIME, members=ids.distinct()
        )
        assert computed is not None
        differ = 0
        for one, other in ((stored, computed), (computed, stored)):
            differ += connection.execute(
                select(func.count()).select_from(except_(one, other).subquery())
            ).scalar_one()
    verdict = "WRONG: stale rows, nothing noted" if differ and not noted else "ok"
    if differ and noted:
        verdict = "stale but noted (reports compute the ledger): ok"
    return f"ledger_dirty rows {noted}, stored rows differing from the ledger {differ} -> {verdict}"


def reset(url: str) -> None:
    subprocess.run([*ASSOC, "--db", url, "db", "refresh"], check=True, capture_output=True)


def outside_payment(url: str, member: int, on: str = "2025-06-01") -> None:
    """A payment by a writer outside assoc (autocommit, as psql would)."""
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text(PAYMENT), {"member": member, "on": on})
    engine.dispose()


def refresh_with_hook(url: str, before: str, hook: Callable[[], None]) -> str:
    """``assoc db refresh``'s transaction, in-process, calling *hook* just before the first
    statement that starts with *before*."""
    engine = make_engine(url)
    fired = []

    @event.listens_for(engine, "before_cursor_execute")
    def _hook(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if statement.lstrip().startswith(before) and not fired:
            fired.append(True)
            hook()

    try:
        with engine.begin() as connection:
            balances.refresh(Reader(connection), limit=None)
        return "refresh committed" + ("" if fired else f" (no statement began {before!r})")
    except Exception as exc:  # reported: that is the point
        return f"refresh FAILED: {type(exc).__name__}: {str(exc).splitlines()[0]}"
    finally:
        engine.dispose()


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="assoc-races-"))
    sqlite_path = folder / "small.db"
    subprocess.run(
        [sys.executable, str(HERE.parent / "bench" / "generate.py"), "--members", "200",
         "--db", str(sqlite_path)],
        check=True, capture_output=True,
    )  # fmt: skip
    server = pg_server.start()
    if isinstance(server, str):
        raise SystemExit(server)
    try:
        url = pg_server.create_database(server, "races")
        subprocess.run(
            [*ASSOC, "--db", str(sqlite_path), "db", "copy", "--to", url],
            check=True, capture_output=True,
        )  # fmt: skip
        engine = make_engine(url)
        print("loaded:", state(engine, [1, 2, 3]))

        # A. The member-0 short-cut against a concurrent db refresh.
        with engine.begin() as connection:  # everyone noted, committed
            connection.execute(text("INSERT INTO ledger_dirty (member_id) VALUES (0)"))
        # An assoc command recording a payment:
        with unit_of_work(engine, before_commit=balances.refresh_before_commit) as session:
            session.execute(text(PAYMENT), {"member": 1, "on": "2025-06-01"})
            session.flush()
            # ... while it is still running, someone runs `assoc db refresh`:
            subprocess.run([*ASSOC, "--db", url, "db", "refresh"], check=True)
        # (unit_of_work refreshed the noted members before it committed: none)
        print("A (member 0 short-cut):", state(engine, [1]))
        reset(url)

        # B. A note committed between the refresh's INSERT … SELECT and its DELETE.
        # C. A note committed between the refresh's DELETE of balances and its INSERT.
        for label, before, shown in (
            ("B (note cleared unread)", "DELETE FROM ledger_dirty", [3]),
            ("C (after the failed refresh)", "WITH entry_sums", [2, 3]),
        ):
            with engine.begin() as connection:
                connection.execute(text("INSERT INTO ledger_dirty (member_id) VALUES (2)"))
            print(label[0] + ":", refresh_with_hook(url, before, lambda: outside_payment(url, 3)))
            print(label + ":", state(engine, shown))
            reset(url)

        # D. A report's is_current and its read in different snapshots.
        as_of = date(2025, 12, 31)
        with engine.connect() as connection:
            member = connection.execute(
                text("SELECT MIN(member_id) FROM dues_balance WHERE year = 2025 AND balance > 0")
            ).scalar_one()
        with read_only(engine) as session:
            query = stored_rows.stored_ledger(session, as_of, member_id=member, year=2025)
            assert query is not None, "stored rows should be current"
            # Meanwhile an assoc command records a 2025 payment dated after the as-of date.
            with unit_of_work(engine, before_commit=balances.refresh_before_commit) as writer:
                writer.execute(
                    text(PAYMENT.replace("NULL", "2025")), {"member": member, "on": "2026-01-15"}
                )
            reported = session.connection().execute(query).mappings().one()
        with read_only(engine) as session:
            computed = ledger_select(session, dues_policy(session), as_of, members=member)
            assert computed is not None
            ledger_q = computed.subquery()
            truth = (
                session.connection()
                .execute(select(ledger_q).where(ledger_q.c.year == 2025))
                .mappings()
                .one()
            )
        got, want = (reported["paid"], reported["balance"]), (truth["paid"], truth["balance"])
        print(
            f"D (report as of {as_of}, member {member}, year 2025): (paid, balance) {got} from"
            f" the stored rows, {want} in the ledger as of {as_of} ->"
            f" {'WRONG' if got != want else 'ok'}"
        )
        engine.dispose()
    finally:
        server.stop()
        sqlite_path.unlink(missing_ok=True)
        for suffix in ("-wal", "-shm"):
            Path(f"{sqlite_path}{suffix}").unlink(missing_ok=True)
        folder.rmdir()


if __name__ == "__main__":
    main()
