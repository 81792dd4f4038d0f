"""Writers that must wait for each other, and say so.

Two staff members recording payments at the same moment must never get the same receipt
number or lose a payment. SQLite: a command that writes takes the write lock when its
transaction begins (BEGIN IMMEDIATE), so writers queue up instead of failing halfway.
PostgreSQL: receipt numbering takes a transaction-level advisory lock. Either way a
writer that finds the lock taken reports that it is waiting; one that waits longer than
the timeout fails cleanly with nothing written.
"""

from __future__ import annotations

import math
import os
import sys
import zlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from assoc_cli.errors import InvalidValueError

if TYPE_CHECKING:
    from assoc_cli.db.reader import DbSession


ENV_LOCK_TIMEOUT = "ASSOC_LOCK_TIMEOUT"


def lock_timeout_seconds() -> float:
    """How long a writer waits for another (ASSOC_LOCK_TIMEOUT seconds, default 10); a
    value that is not a number of seconds from 0.1 to a day is an InvalidValueError."""
    raw = os.environ.get(ENV_LOCK_TIMEOUT, "").strip()
    if not raw:
        return 10.0
    try:
        seconds = float(raw)
    except ValueError:
        seconds = math.nan
    if not 0.1 <= seconds <= 86400:  # (also false for nan)
        raise InvalidValueError(
            f"{ENV_LOCK_TIMEOUT}={raw!r} is not a number of seconds from 0.1 to 86400; "
            "set it like 10, or unset it",
            zh=f"{ENV_LOCK_TIMEOUT}={raw!r} 不是 0.1 到 86400 之间的秒数;请设为 10 之类的数,或不设",
        )
    return seconds


def _say_waiting() -> None:
    sys.stderr.write("waiting for another assoc to finish writing…\n")


# Called once when a writer has to wait; the CLI leaves this default in place.
on_wait: Callable[[], None] = _say_waiting


def serialize(session: DbSession, name: str) -> None:
    """Hold the named lock until the transaction ends (PostgreSQL; SQLite's write lock
    already serialises writers)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    from sqlalchemy import text

    key = zlib.crc32(name.encode("utf-8")) & 0x7FFFFFFF
    connection = session.connection()
    got = connection.execute(text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": key})
    if got.scalar():
        return
    on_wait()
    milliseconds = int(lock_timeout_seconds() * 1000)
    connection.execute(text(f"SET LOCAL lock_timeout = {milliseconds}"))
    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
