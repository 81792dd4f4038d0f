"""Opening a database (issue 13): only init, demo, db restore and db copy create one; what
is not an assoc database is refused untouched; a damaged file, a full disk and a read-only
file or folder each get one line that says what to do; reading commands work on a
database in a read-only folder.

The read-only and full-disk tests mount a folder (a read-only bind mount, a 2 MiB tmpfs):
they need root and are skipped with that reason otherwise."""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from assoc_cli.cli import app
from tests.conftest import Cli, snapshot, sqlite_only

# These tests hold each message's English wording; its Chinese (the default) is held by
# tests/i18n/test_one_language.py.
pytestmark = pytest.mark.usefixtures("english_messages")


# A fixed time in the past: a file assoc refuses keeps it (and its bytes).
LONG_AGO = 978_307_200_000_000_000  # 2001-01-01, in nanoseconds

READS = [
    ("info",),
    ("members", "list"),
    ("members", "show", "M0001"),
    ("dues", "report", "--year", "2022"),
    ("db", "current"),
    ("db", "check"),
]
WRITES = [
    ("members", "add", "山东新会员有限公司"),
    ("db", "upgrade"),
    ("db", "refresh"),
    ("terms", "add", "3", "--start", "2026-06-18"),
]


def _one_error(result: Result) -> str:
    """The one ``Error:`` line of a command that failed cleanly with exit 1."""
    output = result.stdout + result.stderr
    assert result.exit_code == 1, output
    assert "Traceback" not in output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, result.stderr
    return errors[0]


def _mount(*args: str) -> None:
    subprocess.run(["mount", *args], check=True, capture_output=True, text=True)


@contextmanager
def _mounted(target: Path, *args: str) -> Iterator[None]:
    """``mount ARGS TARGET`` for the block (root only: skipped otherwise)."""
    if os.geteuid() != 0:
        pytest.skip("needs root to mount a read-only folder or a small disk")
    try:
        _mount(*args, str(target))
    except (OSError, subprocess.CalledProcessError) as exc:
        pytest.skip(f"cannot mount here: {getattr(exc, 'stderr', None) or exc}")
    try:
        yield
    finally:
        subprocess.run(["umount", str(target)], check=True)


@contextmanager
def _read_only(target: Path) -> Iterator[None]:
    """*target* (a folder or a file) read-only for the block: a read-only bind mount."""
    with _mounted(target, "--bind", str(target)):
        try:
            _mount("-o", "remount,ro,bind", str(target))
        except subprocess.CalledProcessError as exc:
            pytest.skip(f"cannot remount read-only here: {exc.stderr}")
        assert not os.access(target, os.W_OK)
        yield


# --- only the creating commands create ------------------------------------------------


@pytest.mark.parametrize("args", [*READS, *WRITES, ("db", "backup", "BACKUP")], ids=" ".join)
def test_a_mistyped_path_creates_nothing(tmp_path: Path, args: tuple[str, ...]) -> None:
    typo = tmp_path / "no" / "such" / "folder" / "x.db"
    args = tuple(str(tmp_path / "backup.db") if arg == "BACKUP" else arg for arg in args)
    error = _one_error(Cli(str(typo))(*args))
    assert error == (
        f"Error: no database at {typo}: create one with `assoc init --name …` "
        "(or check --db / ASSOC_DB)"
    )
    assert not (tmp_path / "no").exists()


def test_a_first_time_user_is_told_how_to_start(tmp_path: Path) -> None:
    # No --db, no ASSOC_DB: the user data directory, which does not exist yet.
    error = _one_error(CliRunner().invoke(app, ["members", "list"]))
    assert "no database at " in error and "assoc init --name" in error
    assert "/assoc/assoc.db" in error
    assert list((tmp_path / "home").rglob("*")) == []


def test_the_creating_commands_still_create(tmp_path: Path, demo_file: Path) -> None:
    made = tmp_path / "new" / "a.db"
    Cli(str(made)).ok("init", "--name", "测试协会")
    restored = Cli(str(tmp_path / "restored" / "r.db"))
    restored.ok("db", "restore", str(demo_file))
    Cli(str(demo_file)).ok("db", "copy", "--to", str(tmp_path / "copied.db"))
    Cli(str(tmp_path / "copied.db")).ok("dues", "verify")
    assert made.exists() and restored.db.exists()


# --- what is not an assoc database is never touched ------------------------------------


def _untouched(path: Path, args: tuple[str, ...], *, db: bool = True) -> str:
    """Run ``assoc [--db PATH] ARGS``: it must fail cleanly and leave *path* as it was
    (bytes, time of last change, no files beside it). Returns the error line."""
    os.utime(path, ns=(LONG_AGO, LONG_AGO))
    before = path.read_bytes()
    beside = sorted(path.parent.iterdir())
    prefix = ["--db", str(path)] if db else []
    error = _one_error(CliRunner().invoke(app, [*prefix, *args]))
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == LONG_AGO
    assert sorted(path.parent.iterdir()) == beside
    return error


FIRST_USES = [*READS, *WRITES, ("init", "--name", "测试协会")]


@pytest.mark.parametrize("args", FIRST_USES, ids=" ".join)
def test_an_empty_file_is_never_touched(tmp_path: Path, args: tuple[str, ...]) -> None:
    empty = tmp_path / "assoc.db"
    empty.touch()
    error = _untouched(empty, args)
    assert f"{empty} is not an assoc database (it is an empty file)" in error
    assert "check --db" in error


@pytest.mark.parametrize("args", FIRST_USES, ids=" ".join)
def test_a_file_that_is_not_a_database_is_never_touched(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    sheet = tmp_path / "会员名册.csv"
    sheet.write_text("名称,电话\n山东双涵石化装备有限公司,0533-7654321\n", encoding="utf-8")
    error = _untouched(sheet, args)
    assert f"{sheet} is not an assoc database (not a SQLite database file)" in error


@pytest.mark.parametrize("args", FIRST_USES, ids=" ".join)
def test_another_programs_database_is_never_touched(tmp_path: Path, args: tuple[str, ...]) -> None:
    other = tmp_path / "invoices.db"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount INTEGER)")
    connection.execute("INSERT INTO invoices VALUES (1, 100)")
    connection.commit()
    connection.close()
    error = _untouched(other, args)
    assert "not made by assoc" in error


def test_the_creating_commands_refuse_what_is_there(tmp_path: Path, demo_file: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    sheet = tmp_path / "notes.txt"
    sheet.write_text("not a database\n", encoding="utf-8")
    for target in (empty, sheet):
        assert "is not an assoc database" in _untouched(
            target, ("demo", "--db", str(target), "--replace"), db=False
        )
        assert "is not an assoc database" in _untouched(target, ("db", "restore", str(demo_file)))
        copy = ("--db", str(demo_file), "db", "copy", "--to", str(target))
        assert "is not an assoc database" in _untouched(target, copy, db=False)


def test_an_empty_sqlite_database_is_set_up_on_first_use(tmp_path: Path) -> None:
    # What `createdb` gives on PostgreSQL: a database with no tables yet.
    path = tmp_path / "assoc.db"
    connection = sqlite3.connect(path)
    connection.execute("VACUUM")
    connection.close()
    Cli(str(path)).ok("init", "--name", "测试协会")
    assert "测试协会" in Cli(str(path)).ok("info").stdout


# --- a damaged file ---------------------------------------------------------------------


def _damage(path: Path, table: str) -> None:
    """Overwrite the root pages of *table* and its indexes with random bytes, as a failing
    disk would."""
    connection = sqlite3.connect(path)
    page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    roots = [
        row[0]
        for row in connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE tbl_name = ? AND rootpage > 0", (table,)
        )
    ]
    connection.close()
    assert not Path(f"{path}-wal").exists()
    noise = random.Random(13)
    with path.open("r+b") as handle:
        for root in roots:
            handle.seek((root - 1) * page_size)
            handle.write(noise.randbytes(page_size))


@sqlite_only
@pytest.mark.parametrize(
    "args",
    [
        ("info",),
        ("members", "list"),
        ("members", "list", "-f", "csv"),  # (rows straight from SQLite's own cursor)
        ("dues", "report", "--year", "2022", "--as-of", "2022-11-30"),
    ],
    ids=" ".join,
)
def test_a_damaged_file_says_so_and_how_to_recover(demo: Cli, args: tuple[str, ...]) -> None:
    _damage(demo.db, "member")
    error = _one_error(demo(*args))
    assert error == (
        f"Error: the database file {demo.db} is damaged (SQLite: database disk image is "
        "malformed); run `assoc db check` and restore from a backup (`assoc db restore BACKUP`)"
    )


@sqlite_only
def test_db_check_reports_what_sqlites_integrity_check_finds(demo: Cli) -> None:
    _damage(demo.db, "member")
    result = demo("db", "check")
    error = _one_error(result)
    lines = result.stdout.splitlines()
    assert lines[0].startswith("integrity check: damaged (")
    assert "  integrity: table member: database disk image is malformed" in lines
    assert "dues ledger" not in result.stdout  # nothing reads a damaged file further
    assert f"the database file {demo.db} is damaged" in error and "assoc db restore" in error


@sqlite_only
def test_db_check_lists_the_findings_of_sqlites_integrity_check(demo: Cli) -> None:
    # The last bytes of the tiers' page zeroed: SQLite's check goes on and lists them.
    connection = sqlite3.connect(demo.db)
    page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    root = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = 'tier'").fetchone()[
        0
    ]
    connection.close()
    with demo.db.open("r+b") as handle:
        handle.seek(root * page_size - 16)
        handle.write(b"\x00" * 16)
    result = demo("db", "check")
    assert "is damaged" in _one_error(result)
    findings = [line for line in result.stdout.splitlines() if line.startswith("  integrity: ")]
    assert "  integrity: NULL value in tier.name" in findings, result.stdout
    assert any("missing from index" in line for line in findings)
    assert result.stdout.startswith(f"integrity check: damaged ({len(findings)} findings)")


# --- read-only files and folders --------------------------------------------------------


def _beside(path: Path) -> list[str]:
    """The files SQLite keeps beside a database (-wal, -shm, -journal)."""
    return sorted(p.name for p in path.parent.glob(f"{path.name}-*"))


def _outputs(cli: Cli) -> list[str]:
    return [cli.ok(*args).stdout for args in READS]


@sqlite_only
def test_reading_commands_work_in_a_read_only_folder(demo: Cli, tmp_path: Path) -> None:
    expected = _outputs(demo)
    with _read_only(tmp_path):
        assert _outputs(demo) == expected
        assert demo.ok("meetings", "list").stdout
        for args in WRITES:
            error = _one_error(demo(*args))
            assert error == (
                f"Error: the database {demo.db} is read-only (it or its folder cannot be "
                "written): nothing was changed; make both writable, or work on a copy"
            )
        assert _beside(demo.db) == []
    assert _outputs(demo) == expected


@sqlite_only
def test_reading_commands_work_on_a_read_only_file(demo: Cli, tmp_path: Path) -> None:
    expected = _outputs(demo)
    before = snapshot(demo.db)
    with _read_only(demo.db):
        assert _outputs(demo) == expected
        assert "is read-only" in _one_error(demo("members", "add", "山东新会员有限公司"))
        # Nothing is left beside it (a -wal or -shm file) that would get in its owner's way.
        assert _beside(demo.db) == []
    assert snapshot(demo.db) == before


@sqlite_only
def test_an_old_schema_in_a_read_only_folder_is_said_in_one_line(cli: Cli, tmp_path: Path) -> None:
    cli.sql("UPDATE alembic_version SET version_num = '0005'")
    with _read_only(tmp_path):
        error = _one_error(cli("members", "list"))
    assert "schema revision 0005" in error and "read-only" in error
    assert "assoc db upgrade" in error


# --- a full disk ------------------------------------------------------------------------


def _fill(folder: Path, leave: int) -> Path:
    """A file that takes all but *leave* bytes of the disk holding *folder*."""
    filler = folder / "filler"
    free = shutil.disk_usage(folder).free
    with suppress(OSError), filler.open("wb") as handle:  # (full already: so be it)
        handle.write(b"\0" * max(free - leave, 0))
    return filler


@sqlite_only
def test_a_full_disk_saves_nothing_and_says_so(cli: Cli, tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "名称\n" + "".join(f"淄博市某某装备制造有限公司{n}\n" for n in range(3000)),
        encoding="utf-8",
    )
    with _mounted(disk, "-t", "tmpfs", "-o", "size=2m", "tmpfs"):
        shutil.copy(cli.db, disk / "assoc.db")
        on_disk = Cli(str(disk / "assoc.db"))
        before = snapshot(on_disk.db)
        full = f"Error: disk full: nothing was saved; free space on the disk holding {disk}"
        for leave, args in [
            (64 * 1024, ("members", "import", str(roster))),
            (0, ("members", "add", "山东新会员有限公司")),
        ]:
            filler = _fill(disk, leave)
            error = _one_error(on_disk(*args))
            assert error.startswith(full), error
            filler.unlink()
        assert snapshot(on_disk.db) == before
        assert on_disk.ok("db", "check").stdout.startswith("integrity check: ok")


@sqlite_only
def test_a_backup_onto_a_full_disk_names_that_disk(demo: Cli, tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    with _mounted(disk, "-t", "tmpfs", "-o", "size=1m", "tmpfs"):
        filler = _fill(disk, 64 * 1024)
        error = _one_error(demo("db", "backup", str(disk / "backup.db")))
        assert error.startswith(f"Error: disk full: {disk / 'backup.db'} was not written"), error
        assert list(disk.iterdir()) == [filler]  # (no half-written backup)
