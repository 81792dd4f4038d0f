"""The reading half of ``members import``: a roster file's rows parsed into field values,
bad cells reported by line, a batch at a time.

This module imports no database library. A large file is read here in a helper process
(``python -m assoc_cli.members.import_reader``), which also computes each name's sort keys,
while the command's own process matches, plans and writes the batches already read: on a
machine with two cores the two halves overlap instead of taking turns. The helper only
reads the file; everything is written by the command's process, in its one transaction.
"""

from __future__ import annotations

import gc
import os
import pickle
import re
import signal
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any, NamedTuple

from assoc_cli.errors import ImportFileError, InvalidValueError
from assoc_cli.files.spreadsheets import read_rows
from assoc_cli.members.fields import FIELDS_BY_KEY, LimitedText, looks_like_header

BATCH = 5_000
MAX_PROBLEMS_SHOWN = 200
# Fields whose cells repeat a great deal: their parsed values are remembered (the parsers
# are pure; dates only for cells starting with a digit, as "today" changes meaning).
REPEATING_FIELDS = {
    "kind",
    "segment",
    "representative_title",
    "has_party_org",
    "tier",
    "tier_explicit",
    "joined_on",
    "left_on",
    "employees",
    "party_members",
}
# Per column; join dates alone take some 30,000 spellings over a few decades.
MEMO_LIMIT = 50_000

# A row: line number, field values, and the name's sort keys (pinyin, strokes) when the
# reader computed them.
Row = tuple[int, dict[str, Any], tuple[str, str] | None]


# A problem in English and in Simplified Chinese (the CLI prints the one it speaks).
Problem = tuple[str, str]


class Batch(NamedTuple):
    """Rows read and parsed, with the problems found in them."""

    read: int  # rows of the file read so far, blank ones included
    rows: list[Row]
    problems: list[Problem]  # the new problems still among those shown
    problem_count: int  # how many new problems in all
    skipped: list[tuple[int, str]]  # total and note rows left out: line, text


class Problems:
    """Problems of one kind: how many, and the first ones (all that can be shown)."""

    def __init__(self) -> None:
        self.first: list[Problem] = []
        self.count = 0

    def append(self, english: str, chinese: str) -> None:
        self.count += 1
        if len(self.first) < MAX_PROBLEMS_SHOWN:
            self.first.append((english, chinese))

    def merge(self, shown: list[Problem], count: int) -> None:
        """Add *count* problems found elsewhere, of which *shown* are the first."""
        self.first.extend(shown[: MAX_PROBLEMS_SHOWN - len(self.first)])
        self.count += count


class RowParser:
    """Parses the cells of a row into field values, reporting bad cells by line."""

    def __init__(self, mapping: dict[str, int], problems: Problems) -> None:
        self.problems = problems
        self.width = max(mapping.values()) + 1
        # For each column read: cell index, field key, parser, the longest text when the
        # field is free text (checked here, without a call), whether that text may hold
        # line breaks, remembered values or None, and whether only cells starting with a
        # digit are remembered.
        self.fields: list[
            tuple[int, str, Callable[[str], Any], int | None, bool, dict[str, Any] | None, bool]
        ] = []
        for key, index in mapping.items():
            parse = FIELDS_BY_KEY[key].parse_cell
            limit = parse.limit if isinstance(parse, LimitedText) else None
            lines = isinstance(parse, LimitedText) and not parse.single_line
            memo: dict[str, Any] | None = {} if key in REPEATING_FIELDS else None
            self.fields.append((index, key, parse, limit, lines, memo, key.endswith("_on")))

    def __call__(self, line: int, cells: list[str]) -> dict[str, Any]:
        values: dict[str, Any] = {}
        if len(cells) < self.width:
            cells = cells + [""] * (self.width - len(cells))
        for index, key, parse, limit, lines, memo, digits_only in self.fields:
            text = cells[index].strip()
            if not text:
                continue  # an empty cell leaves the stored value alone
            if limit is not None:
                if len(text) <= limit and (
                    lines or ("\n" not in text and "\r" not in text and "\t" not in text)
                ):
                    values[key] = text
                    continue
            elif memo is not None:
                value = memo.get(text, memo)
                if value is not memo:
                    values[key] = value
                    continue
            try:
                value = parse(text)
            except InvalidValueError as exc:
                header = FIELDS_BY_KEY[key].export_header
                self.problems.append(
                    f"line {line}: {header} ({key}): {exc}",
                    f"第 {line} 行:{header}:{exc.text('zh-Hans')}",
                )
                continue
            values[key] = value
            if (
                memo is not None
                and len(memo) < MEMO_LIMIT
                and (not digits_only or text[0].isdigit())
            ):
                memo[text] = value
        return values


# A row below (or among) the members that sums them up or notes who made the table:
# its first cell is 合计:40家, 共40家, 总计, Total…, or 制表人:, 注:, 填报日期:…
_TOTAL = re.compile(
    r"^(?:(?:合\s*计|总\s*计|小\s*计|共\s*计|total|sum)\s*[:\uff1a]?\s*(?:共\s*)?"
    r"(?:[0-9０-９]+\s*(?:家|个|户|名|位|人|members?|units?)?)?"
    r"|共\s*[0-9０-９]+\s*(?:家|个|户|名|位)(?:会员|单位|企业)?.*"
    r"|(?:注|说明|制表人?|填表人?|审核人?|负责人|填报日期|制表日期|填报单位|制表单位)\s*[:\uff1a].*)$",
    re.IGNORECASE,
)
_TOTAL_STARTS = frozenset("合总小共注说制填审负TtSs")


def footer_text(joined: str, cells: list[str]) -> str | None:
    """The text of a total or note row (the row's non-empty cells), or None for a row
    of data. *joined* is the row's cells joined and stripped: most rows are told apart
    by its first character alone."""
    if joined[0] not in _TOTAL_STARTS:
        return None
    first = next(cell.strip() for cell in cells if cell.strip())
    if _TOTAL.match(first) is None:
        return None
    return " ".join(cell.strip() for cell in cells if cell.strip())


def parse_batches(
    rows: Iterable[tuple[int, list[str]]],
    mapping: dict[str, int],
    *,
    size: int = BATCH,
    sort_keys: bool = False,
) -> Iterator[Batch]:
    """The rows (after the header) parsed, *size* rows at a time, blank rows left out and
    total rows (合计:40家) set aside; with *sort_keys*, each named row also gets its name's
    pinyin and stroke keys."""
    problems = Problems()
    parse = RowParser(mapping, problems)
    if sort_keys:
        from assoc_cli.i18n.sorting import pinyin_key, stroke_key
    batch: list[Row] = []
    skipped: list[tuple[int, str]] = []
    shown, counted = 0, 0
    read = 0
    for read, (line, cells) in enumerate(rows, start=1):
        # Only whitespace in every cell (one strip of the joined row: a million rows add up).
        joined = "".join(cells).strip()
        if not joined:
            continue
        footer = footer_text(joined, cells)
        if footer is not None:
            skipped.append((line, footer))
            continue
        values = parse(line, cells)
        name = values.get("name") if sort_keys else None
        batch.append((line, values, (pinyin_key(name), stroke_key(name)) if name else None))
        if len(batch) >= size:
            yield Batch(read, batch, problems.first[shown:], problems.count - counted, skipped)
            batch, shown, counted, skipped = [], len(problems.first), problems.count, []
    if batch or skipped or problems.count > counted:
        yield Batch(read, batch, problems.first[shown:], problems.count - counted, skipped)


# --- The helper process -------------------------------------------------------------


def _package_root() -> str:
    """The folder holding the assoc_cli package this process runs, so the helper imports
    the very same code (a source checkout, a wheel, or an editable install)."""
    return str(Path(__file__).resolve().parent.parent.parent)


class HelperReader:
    """``parse_batches`` of a file, run in a helper process started at once; iterating
    gives its batches, and its ImportFileError (a broken file) is raised here as it would
    be in this process. ``close`` ends the helper."""

    def __init__(
        self, path: Path, mapping: dict[str, int], size: int = BATCH, sort_keys: bool = True
    ) -> None:
        self.path = path
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (_package_root(), env.get("PYTHONPATH")) if p
        )
        # What the helper says on stderr, for the error if it stops unexpectedly.
        self.errors = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close())
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "assoc_cli.members.import_reader"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self.errors,
                env=env,
            )
        except BaseException:
            self.errors.close()
            raise
        assert self.process.stdin is not None
        with self.process.stdin as request:
            pickle.dump((str(path), mapping, size, sort_keys), request)

    def __iter__(self) -> Iterator[Batch]:
        process = self.process
        assert process.stdout is not None
        while True:
            message = _receive(process.stdout)
            if message[0] == "batch":
                yield Batch(*message[1:])
            elif message[0] == "end":
                return
            elif message[0] == "error":
                raise ImportFileError(message[1], message[2], zh=message[3])
            else:
                process.wait()
                self.errors.seek(0)
                detail = message[1] or self.errors.read().decode(errors="replace")
                raise RuntimeError(
                    f"the helper reading {self.path.name} stopped (exit code "
                    f"{process.returncode}):\n{detail}"
                )

    def close(self) -> None:
        """End the helper (at once, if it is still reading)."""
        if self.process.stdout is not None:
            self.process.stdout.close()
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self.errors.close()


# Each message is its length (8 bytes, big-endian) and then a pickle.
def _send(fd: int, message: tuple[Any, ...]) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    _write_all(fd, len(data).to_bytes(8, "big") + data)


def _write_all(fd: int, data: bytes) -> None:
    """All of *data* to the pipe, however many writes it takes (a write to a pipe may take
    less than it is given when interrupted)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _receive(stream: IO[bytes]) -> tuple[Any, ...]:
    """The next message from the helper; ("crash", "") if it ended without one."""
    head = _read_exactly(stream, 8)
    size = int.from_bytes(head, "big")
    data = _read_exactly(stream, size) if len(head) == 8 else b""
    if not data or len(data) != size:
        return ("crash", "")
    message: tuple[Any, ...] = pickle.loads(data)
    return message


def _read_exactly(stream: IO[bytes], size: int) -> bytes:
    """*size* bytes, fewer only at the end of the stream (a read from a pipe may return
    less than asked, e.g. when a profiler interrupts it)."""
    parts = []
    while size > 0:
        part = stream.read(size)
        if not part:
            break
        parts.append(part)
        size -= len(part)
    return b"".join(parts)


def _serve() -> None:
    """The helper: read its orders from stdin, send batches to stdout."""
    # Ctrl-C reaches the command's process, which stops reading; this one then finds
    # its pipe closed and ends.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    path, mapping, size, sort_keys = pickle.load(sys.stdin.buffer)
    out = sys.stdout.fileno()  # written with os.write (see _write_all)
    if sort_keys:
        from assoc_cli.i18n.sorting import load_pinyin

        load_pinyin()
    gc.freeze()  # pypinyin's dictionaries: not for the collector to walk again and again
    message: tuple[Any, ...]
    try:
        rows = read_rows(Path(path), looks_like_header).rows
        for batch in parse_batches(rows, mapping, size=size, sort_keys=sort_keys):
            _send(out, ("batch", *batch))  # plain tuples: here this module is __main__
        message = ("end",)
    except ImportFileError as exc:
        message = ("error", str(exc), exc.problems, exc.zh)
    except BrokenPipeError:
        raise
    except Exception:
        message = ("crash", traceback.format_exc())
    _send(out, message)


if __name__ == "__main__":
    try:
        _serve()
    except BrokenPipeError:
        # The command's process is gone (it failed, or was stopped): nothing to say.
        os._exit(1)
