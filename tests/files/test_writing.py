"""Every file assoc writes is whole or absent, and private: 0600 files and 0700 folders
(whatever the umask, over whatever was there), another mode only when asked; a full disk,
a refused commit or a wrong name leaves nothing behind and says so in one line."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path

import pytest

from tests.conftest import Cli, snapshot
from tests.db.test_commit_failure import REFUSE_AT_COMMIT

# These tests hold each message's English wording; its Chinese (the default) is held by
# tests/i18n/test_one_language.py.
pytestmark = pytest.mark.usefixtures("english_messages")


sqlite_only = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)

# Each kind of file assoc writes, by the command that writes it ({out}: the target).
WRITERS = [
    ["members", "export", "-o", "{out}/名册.csv"],
    ["members", "export", "-o", "{out}/名册.xlsx"],
    ["dues", "export", "--year", "2022", "-o", "{out}/台账.xlsx"],
    ["meetings", "list", "-o", "{out}/会议.json"],
    ["meetings", "signin", "2", "-o", "{out}/签到表.docx"],
    ["meetings", "signin", "2", "-o", "{out}/签到表.csv"],
    ["meetings", "minutes", "2", "-o", "{out}/纪要.md"],
    ["dues", "notice", "--year", "2022", "--unpaid", "--docx", "-o", "{out}/催缴/2022"],
    ["db", "backup", "{out}/备份.db"],
]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _written(folder: Path) -> Iterator[Path]:
    yield from (path for path in sorted(folder.rglob("*")) if path.name != FILLER)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """As a careless shell would have it: umask 000."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


@sqlite_only
def test_every_file_is_private_whatever_the_umask(
    demo: Cli, tmp_path: Path, open_umask: None
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for args in WRITERS:
        demo.ok(*[arg.format(out=out) for arg in args])
    written = list(_written(out))
    assert len(written) > len(WRITERS)  # the notices are several files
    for path in written:
        assert _mode(path) == (0o700 if path.is_dir() else 0o600), path
    # Writing over a world-writable file replaces it with a private one.
    roster = out / "名册.csv"
    roster.chmod(0o666)
    demo.ok("members", "export", "-o", str(roster))
    assert _mode(roster) == 0o600


@sqlite_only
def test_another_mode_only_when_asked(demo: Cli, tmp_path: Path, open_umask: None) -> None:
    demo.ok("--mode", "0640", "members", "export", "-o", str(tmp_path / "r.csv"))
    demo.ok("--mode", "640", "dues", "notice", "--year", "2022", "-o", str(tmp_path / "n" / "2022"))
    assert _mode(tmp_path / "r.csv") == 0o640
    assert _mode(tmp_path / "n") == _mode(tmp_path / "n" / "2022") == 0o750
    assert all(_mode(path) == 0o640 for path in (tmp_path / "n" / "2022").iterdir())
    for bad in ("0200", "rw-r--r--", "0o1777", "9"):
        assert "--mode" in demo.fails("--mode", bad, "info", code=2, lang="en")


@pytest.mark.parametrize(
    "args",
    [
        ["meetings", "signin", "2", "-f", "csv", "-o", "{out}/签到表.xlsx"],
        ["meetings", "minutes", "2", "-f", "md", "-o", "{out}/纪要.docx"],
        ["meetings", "agenda", "render", "2", "-o", "{out}/议程.pdf"],
    ],
)
def test_a_paper_is_never_written_under_another_formats_name(
    demo: Cli, tmp_path: Path, args: list[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    assert "-o" in demo.fails(*[arg.format(out=out) for arg in args], code=2, lang="en")
    assert not list(_written(out))


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_notices_go_with_a_commit_that_fails(demo: Cli, tmp_path: Path) -> None:
    """The notices are logged as sent in the same commit: when it fails, the files
    written for it are removed, and the folder made for them."""
    demo.sql(REFUSE_AT_COMMIT.format(table="dues_notice"))
    folder = tmp_path / "催缴" / "2022"
    error = demo.fails("dues", "notice", "--year", "2022", "--unpaid", "-o", str(folder), lang="en")
    assert "refused at commit" in error
    assert not (tmp_path / "催缴").exists()


# --- a full disk, for real: a small tmpfs (needs root; CI runs as root) ----------------


FILLER = "filler"


@pytest.fixture(params=[0, 8192], ids=["no room", "room for a part"])
def full_disk(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Path]:
    """A small file system filled up: no room at all, or room for the first part of a
    file only (the write fails midway)."""
    mount = tmp_path / "small"
    mount.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs to fill needs root")
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.decode().strip()}")
    try:
        filler = mount / FILLER
        with filler.open("wb", buffering=0) as handle, suppress(OSError):
            while True:
                handle.write(b"\0" * 4096)
        os.truncate(filler, max(0, filler.stat().st_size - request.param))
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=True)


@sqlite_only
@pytest.mark.parametrize("args", WRITERS, ids=lambda args: " ".join(args[:2] + args[-1:]))
def test_a_full_disk_leaves_nothing_and_says_so(
    demo: Cli, full_disk: Path, tmp_path: Path, args: list[str]
) -> None:
    before = snapshot(demo.location)
    # A separate process, as people run it: what Python prints at exit is seen too.
    result = subprocess.run(
        [sys.executable, "-m", "assoc_cli", "--db", demo.location]
        + [arg.format(out=full_disk) for arg in args],
        capture_output=True,
        text=True,
    )
    assert snapshot(demo.location) == before
    written = list(_written(full_disk))
    if result.returncode == 0:  # it fitted in the room left: then it is whole
        reference = tmp_path / "reference"
        reference.mkdir()
        demo.ok(*[arg.format(out=reference) for arg in args])
        expected = list(_written(reference))
        assert [p.stat().st_size for p in written] == [p.stat().st_size for p in expected]
        return
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("Error: disk full"), result.stderr
    assert result.stderr.count("\n") == 1, result.stderr  # no "Exception ignored in …"
    assert result.stdout == ""
    assert not written, "a partial file or folder was left behind"
