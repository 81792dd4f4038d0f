"""What shell completion offers: the members, meetings, receipts, offices, tiers and kinds
in the database a command would open, found fast and silently.

Completion runs a fresh ``assoc`` for every Tab, so each lookup is a prefix search on an
index through a plain DB-API cursor: ``sqlite3`` opened read-only (nothing is created,
upgraded or locked), or psycopg on PostgreSQL — no SQLAlchemy, no ORM, no migration. A
member is found by number, name, short name or the pinyin initials of either (``sdsh`` →
山东双涵石化装备有限公司, from ``member.name_initials``), then by a part of its name. Any
error (no database, an older schema, a locked or damaged file, a server that does not
answer) means no candidates: completion never prints an error into a command line.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from assoc_cli.db.location import resolve_database_url, sqlite_path

# The most candidates one Tab offers (a shell shows them all).
LIMIT = 30
# Seconds a lookup waits for a busy SQLite file or a PostgreSQL server before giving up.
WAIT = 1
# Seconds the search for a part of a name may scan (the prefix lookups before it are
# index range scans): a Tab stays quick on a roster of any size.
SCAN_BUDGET = 0.05


@dataclass(frozen=True)
class Candidate:
    """One completion: the text put on the command line, and what a shell shows beside it."""

    value: str
    help: str | None = None


class _Lookup:
    """A DB-API connection and the SQL dialect it needs (placeholders, prefix search)."""

    def __init__(self, connection: Any, *, sqlite: bool) -> None:
        self.connection = connection
        self.sqlite = sqlite

    def rows(
        self, sql: str, params: Sequence[Any] = (), *, budget: float | None = None
    ) -> list[tuple[Any, ...]]:
        """The rows of *sql* (written with ``?`` placeholders); none on any error. With a
        *budget* (seconds), a scan is cut short when it runs out: the rows found by then
        on SQLite, none on PostgreSQL (its statement_timeout)."""
        if not self.sqlite:
            sql = sql.replace("?", "%s")
        found: list[tuple[Any, ...]] = []
        try:
            cursor = self.connection.cursor()
            try:
                if budget is not None and self.sqlite:
                    stop_at = time.monotonic() + budget
                    self.connection.set_progress_handler(
                        lambda: int(time.monotonic() > stop_at), 10_000
                    )
                elif budget is not None:
                    cursor.execute(f"SET statement_timeout = {int(budget * 1000)}")
                cursor.execute(sql, tuple(params))
                for row in cursor:
                    found.append(row)
                return found
            except sqlite3.OperationalError as exc:
                if "interrupted" in str(exc):
                    return found
                raise
            finally:
                if budget is not None and self.sqlite:
                    self.connection.set_progress_handler(None, 0)
                cursor.close()
        except Exception:
            if not self.sqlite:  # a failed statement ends PostgreSQL's transaction
                try:
                    self.connection.rollback()
                except Exception:
                    return []
            return []

    def prefix(self, column: str, text: str) -> tuple[str, list[str]]:
        """A condition (and its parameters) for *column* starting with *text*, served by
        the column's index: a range on SQLite (its BINARY order is code-point order),
        LIKE on PostgreSQL (which uses the index under the C collation, and otherwise
        reads a few thousand rows a millisecond)."""
        if self.sqlite:
            return f"{column} >= ? AND {column} < ?", [text, _after_prefix(text)]
        return f"{column} LIKE ? ESCAPE '\\'", [_like_escape(text) + "%"]


def _after_prefix(text: str) -> str:
    """The first string after every string that starts with *text* (in code-point order)."""
    return text[:-1] + chr(ord(text[-1]) + 1)


def _like_escape(text: str) -> str:
    return re.sub(r"([\\%_])", r"\\\1", text)


@contextmanager
def lookup(db: str | None) -> Iterator[_Lookup | None]:
    """A read-only connection to the database ``--db``/``ASSOC_DB`` names (or the user data
    directory's), or None when there is none or it cannot be opened. Never creates a file."""
    try:
        url = resolve_database_url(db)
        path = sqlite_path(url)
        if path is not None:
            if not path.is_file():
                yield None
                return
            uri = f"file:{quote(str(path))}?mode=ro"
            connection: Any = sqlite3.connect(uri, uri=True, timeout=WAIT)
        elif url.startswith(("postgresql", "postgres")):
            import psycopg

            conninfo = re.sub(r"^postgres(ql)?(\+\w+)?://", "postgresql://", url)
            connection = psycopg.connect(conninfo, connect_timeout=WAIT + 1)
        else:
            yield None
            return
    except Exception:
        yield None
        return
    with closing(connection):
        yield _Lookup(connection, sqlite=path is not None)


def _safe(find: Callable[[_Lookup, str], list[Candidate]]) -> Callable[..., list[Candidate]]:
    """*find* run on the database of ``--db``; no candidates on any error."""

    def run(db: str | None, incomplete: str) -> list[Candidate]:
        try:
            with lookup(db) as found:
                return [] if found is None else _unique(find(found, incomplete))[:LIMIT]
        except Exception:
            return []

    run.__doc__ = find.__doc__
    return run


def _unique(candidates: list[Candidate]) -> list[Candidate]:
    seen: set[str] = set()
    out = []
    for candidate in candidates:
        if candidate.value and candidate.value not in seen:
            seen.add(candidate.value)
            out.append(candidate)
    return out


def _members(db: _Lookup, incomplete: str) -> list[Candidate]:
    """Members by number, name, short name, pinyin initials of either, then part of the name."""
    text = incomplete.strip()
    if not text:
        return []
    found: list[Candidate] = []

    def take(
        sql: str,
        params: list[Any],
        value: Callable[[tuple[Any, ...]], str],
        budget: float | None = None,
    ) -> None:
        if len(found) >= LIMIT:
            return
        for row in db.rows(sql + f" LIMIT {LIMIT}", params, budget=budget):
            number, name, short = row[0], row[1], row[2]
            shown = value(row)
            label = name if shown != name else f"{number} {short}" if short else number
            found.append(Candidate(shown, label))

    columns = "SELECT number, name, short_name FROM member WHERE "
    if text[0].isascii() and text[0].isalnum():
        where, params = db.prefix("number", text.upper())
        take(columns + where + " ORDER BY number", params, lambda row: row[0])
    if text.isascii() and text.isalnum():
        initials = text.lower()
        where, params = db.prefix("short_name_initials", initials)
        take(columns + where + " ORDER BY short_name_initials, number", params, lambda r: r[2])
        where, params = db.prefix("name_initials", initials)
        take(columns + where + " ORDER BY name_initials, number", params, lambda r: r[1])
    where, params = db.prefix("short_name", text)
    take(columns + where + " ORDER BY short_name", params, lambda row: row[2])
    where, params = db.prefix("name", text)
    take(columns + where + " ORDER BY name", params, lambda row: row[1])
    if not text.isascii():
        # A part of the name (双涵 in 山东双涵…): a scan, stopped at LIMIT matches.
        pattern = "%" + _like_escape(text) + "%"
        take(
            columns + "(name LIKE ? ESCAPE '\\' OR short_name LIKE ? ESCAPE '\\')",
            [pattern, pattern],
            lambda row: row[1],
            budget=SCAN_BUDGET,
        )
    return found


def _meetings(db: _Lookup, incomplete: str) -> list[Candidate]:
    """Meetings by number, each with its date, kind and topic (the newest first)."""
    text = incomplete.strip().lstrip("#")
    rows = db.rows(
        "SELECT m.id, m.held_on, k.name, m.topic, m.title_override, m.status FROM meeting m "
        "JOIN meeting_kind k ON k.id = m.kind_id ORDER BY m.held_on DESC, m.id DESC LIMIT 500"
    )
    found = []
    for meeting_id, held_on, kind, topic, title, status in rows:
        label = " ".join(
            str(part) for part in (held_on, title or kind, topic if not title else None) if part
        )
        if status == "cancelled":
            label += " (cancelled)"
        if str(meeting_id).startswith(text) or (text and not text.isdigit() and text in label):
            found.append(Candidate(str(meeting_id), label))
    return found


def _receipts(db: _Lookup, incomplete: str) -> list[Candidate]:
    """Receipt numbers of payments not voided, the newest first, with member and amount."""
    text = incomplete.strip()
    sql = (
        "SELECT e.receipt, m.name, e.amount_fen, e.entry_on FROM dues_entry e "
        "JOIN member m ON m.id = e.member_id WHERE e.kind = 'payment' "
        "AND e.receipt IS NOT NULL "
        "AND NOT EXISTS (SELECT 1 FROM dues_entry v WHERE v.reverses_id = e.id) "
    )
    params: list[Any] = []
    if text:
        where, params = db.prefix("e.receipt", text)
        sql += "AND " + where + " ORDER BY e.receipt"
    else:
        sql += "ORDER BY e.id DESC"
    found = []
    for receipt, name, fen, on in db.rows(sql + f" LIMIT {LIMIT}", params):
        yuan, cents = divmod(int(fen), 100)
        found.append(Candidate(receipt, f"{name} ¥{yuan:,}.{cents:02d} {on}"))
    return found


def _requests(db: _Lookup, incomplete: str) -> list[Candidate]:
    """Request numbers (SQ2026-0001), the newest first, with the member, category and
    status: typed in full or by a prefix (SQ2026-00…, or just the year's)."""
    text = incomplete.strip().upper()
    sql = (
        "SELECT r.number, m.name, r.category, r.status FROM service_request r "
        "JOIN member m ON m.id = r.member_id "
    )
    params: list[Any] = []
    if text:
        where, params = db.prefix("r.number", text)
        sql += "WHERE " + where + " ORDER BY r.number DESC"
    else:
        sql += "ORDER BY r.id DESC"
    return [
        Candidate(number, f"{name} {category} {status}")
        for number, name, category, status in db.rows(sql + f" LIMIT {LIMIT}", params)
    ]


def _names(sql: str) -> Callable[[_Lookup, str], list[Candidate]]:
    def find(db: _Lookup, incomplete: str) -> list[Candidate]:
        text = incomplete.strip()
        return [Candidate(str(name)) for (name,) in db.rows(sql) if str(name).startswith(text)]

    return find


complete_members = _safe(_members)
complete_meetings = _safe(_meetings)
complete_receipts = _safe(_receipts)
complete_requests = _safe(_requests)
complete_offices = _safe(_names("SELECT name FROM office ORDER BY rank, name"))
complete_tiers = _safe(_names("SELECT name FROM tier ORDER BY id"))
complete_meeting_kinds = _safe(_names("SELECT name FROM meeting_kind ORDER BY id"))
