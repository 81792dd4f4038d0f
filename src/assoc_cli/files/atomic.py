"""Every file assoc writes is written whole or not at all, and private.

The content goes to a hidden temporary file in the target folder (so the final rename
never crosses file systems), is flushed to disk (fsync), and only then renamed over the
target name. A failure — a full disk, a read-only folder, an error while making the
content, Ctrl-C — removes the temporary file and leaves the target as it was: never a
truncated CSV, a 0-byte workbook or a half-made backup under the name people open.

Files are created 0600 and folders 0700 (rosters, notices and sign-in sheets hold names
and phone numbers), unless ``--mode`` or ``ASSOC_FILE_MODE`` asks for another mode, e.g.
``0640`` for a shared group folder. Writing over an existing file replaces it with a new
file of that mode: an old 0666 file does not stay world-writable.
"""

from __future__ import annotations

import errno
import io
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

from assoc_cli.errors import InvalidValueError, OutputFileError

ENV_FILE_MODE = "ASSOC_FILE_MODE"
PRIVATE_FILE = 0o600
_chosen_mode: int | None = None


def parse_mode(text: str) -> int:
    """An octal file mode as people write it for chmod: 600, 0640, 0o644."""
    digits = text.strip().lower().removeprefix("0o")
    if not digits or len(digits) > 4 or any(c not in "01234567" for c in digits):
        raise InvalidValueError(
            f'"{text}" is not a file mode; write it in octal as for chmod, e.g. 0600 or 0640',
            zh=f"“{text}”不是文件权限;请按 chmod 的八进制写法,例如 0600 或 0640",
        )
    mode = int(digits, 8)
    if mode & ~0o777:
        raise InvalidValueError(
            f'"{text}": give the permission bits only, e.g. 0600 or 0640',
            zh=f"“{text}”:只给权限位,例如 0600 或 0640",
        )
    if not mode & 0o600 == 0o600:
        raise InvalidValueError(
            f'"{text}" would stop you reading or writing your own files; give at least 0600',
            zh=f"“{text}”会让你无法读写自己的文件;至少给 0600",
        )
    return mode


def choose_mode(text: str | None) -> None:
    """Use the mode in *text* (``--mode``) for every file this process writes."""
    global _chosen_mode
    _chosen_mode = None if text is None else parse_mode(text)


def file_mode() -> int:
    """The mode new files get: ``--mode``, then ``ASSOC_FILE_MODE``, then 0600."""
    if _chosen_mode is not None:
        return _chosen_mode
    from_env = os.environ.get(ENV_FILE_MODE)
    if from_env:
        try:
            return parse_mode(from_env)
        except InvalidValueError as exc:
            raise InvalidValueError(
                f"{ENV_FILE_MODE}: {exc}", zh=f"{ENV_FILE_MODE}:{exc.text('zh-Hans')}"
            ) from None
    return PRIVATE_FILE


def folder_mode() -> int:
    """The mode new folders get: the file mode with search (x) wherever read is allowed."""
    mode = file_mode()
    return mode | ((mode & 0o444) >> 2)


def make_folder(folder: Path) -> None:
    """Create *folder* and any missing parents with :func:`folder_mode`; an existing
    folder keeps its mode."""
    missing: list[Path] = []
    here = folder
    while not here.exists():
        missing.append(here)
        if here.parent == here:
            break
        here = here.parent
    try:
        for new in reversed(missing):
            new.mkdir(mode=0o700)
            os.chmod(new, folder_mode())  # (mkdir's mode is cut by the umask)
    except OSError as exc:
        raise _failure(exc, folder) from exc
    if not folder.is_dir():
        raise OutputFileError(
            f"{folder} is a file, not a folder; choose another folder",
            zh=f"{folder} 是文件,不是文件夹;请换一个文件夹",
        )


class FileBatch:
    """Files written together — one notice per member — that stand or fall together: when
    the command fails (a full disk at the 40th file, the database refusing the commit),
    :func:`file_batch` removes the files written so far and the folders it made."""

    def __init__(self) -> None:
        self.files: list[Path] = []
        self.folders: list[Path] = []

    def folder(self, folder: Path) -> None:
        """Make *folder* (see :func:`make_folder`), remembering what was new."""
        missing = [here for here in (folder, *folder.parents) if not here.exists()]
        make_folder(folder)
        self.folders.extend(missing)  # deepest first

    def wrote(self, path: Path) -> None:
        """Remember *path*, written whole by :func:`writing`."""
        self.files.append(path)

    def undo(self) -> None:
        for path in self.files:
            path.unlink(missing_ok=True)
        for folder in self.folders:
            with suppress(OSError):  # not empty: someone else's files are there too
                folder.rmdir()


@contextmanager
def file_batch() -> Iterator[FileBatch]:
    """A :class:`FileBatch` undone when the block ends in an error."""
    batch = FileBatch()
    try:
        yield batch
    except BaseException:
        batch.undo()
        raise


def disk_full(target: Path) -> OutputFileError:
    """The error for *target* not written for want of space (from a writer that reports
    it otherwise than as an OSError, as SQLite does)."""
    return _failure(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)), target)


def _failure(exc: OSError, target: Path) -> OutputFileError:
    """One line saying why *target* could not be written (nothing was left behind)."""
    code = exc.errno
    if code in (errno.ENOSPC, errno.EDQUOT):
        why, why_zh = "disk full", "磁盘已满"
        advice = "free some space or choose another folder, then try again"
        advice_zh = "请腾出空间或换一个文件夹后重试"
    elif code in (errno.EROFS, errno.EACCES, errno.EPERM):
        if code == errno.EROFS:
            why, why_zh = "the folder or file is read-only", "文件夹或文件是只读的"
        else:
            why, why_zh = "permission denied", "没有权限"
        advice, advice_zh = "choose another file or folder", "请换一个文件或文件夹"
    elif code == errno.ENOENT:
        why, why_zh = f"there is no folder {target.parent}", f"没有文件夹 {target.parent}"
        advice = "create it first or choose another file"
        advice_zh = "请先建立它,或换一个文件"
    elif code == errno.EISDIR:
        why, why_zh = "that is a folder", "那是一个文件夹"
        advice, advice_zh = "give a file name", "请给出文件名"
    else:
        why = why_zh = exc.strerror or str(exc)
        advice, advice_zh = "choose another file or folder", "请换一个文件或文件夹"
    return OutputFileError(
        f"{why}: {target} was not written; {advice}",
        zh=f"{why_zh}:{target} 未写入;{advice_zh}",
    )


@contextmanager
def written_path(target: Path) -> Iterator[Path]:
    """A temporary path beside *target* for a writer that needs a file name (SQLite's
    backup, gzip); renamed over *target* when the block ends without error."""
    if target.is_dir():
        raise OutputFileError(
            f"{target} is a folder; give a file name", zh=f"{target} 是文件夹;请给出文件名"
        )
    import tempfile

    try:
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    except OSError as exc:
        raise _failure(exc, target) from exc
    os.close(fd)
    temporary = Path(name)
    try:
        try:
            yield temporary
            _sync(temporary)
            os.chmod(temporary, file_mode())
            os.replace(temporary, target)
            _sync_folder(target.parent)
        except OSError as exc:
            raise _failure(exc, target) from exc
    finally:
        temporary.unlink(missing_ok=True)


@contextmanager
def writing(
    target: Path, *, binary: bool = False, encoding: str = "utf-8", newline: str | None = ""
) -> Iterator[Any]:
    """An open file whose content replaces *target* when the block ends without error.

    Binary handles are guarded: once a write fails, the writer that owned it (a zip
    archive inside openpyxl or python-docx) can no longer touch the file, so its own
    clean-up after the error stays silent."""
    with written_path(target) as temporary:
        raw = temporary.open("wb", buffering=0)
        guard = _Guard(raw)
        buffered = io.BufferedWriter(guard, 1 << 16)
        handle: IO[Any] = (
            buffered if binary else io.TextIOWrapper(buffered, encoding=encoding, newline=newline)
        )
        try:
            yield handle
            if not handle.closed:
                handle.flush()
        except BaseException:
            guard.failed = True
            raise
        finally:
            raw.close()


def _sync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sync_folder(folder: Path) -> None:
    # The rename is durable once the folder's entry is on disk too (not every system can).
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class _Guard(io.RawIOBase):
    """A write-only file that turns into a sink after the first failed write: writes and
    seeks then only move a position, so a zip archive's clean-up adds up and says nothing."""

    def __init__(self, raw: IO[bytes]) -> None:
        super().__init__()
        self.raw = raw
        self.position = 0
        self._failed = False

    @property
    def failed(self) -> bool:
        return self._failed

    @failed.setter
    def failed(self, value: bool) -> None:
        if value and not self._failed:
            with suppress(OSError, ValueError):
                self.position = self.raw.tell()
        self._failed = value

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        size = len(memoryview(data))
        if not self._failed:
            try:
                written = self.raw.write(data)
            except BaseException:
                self.failed = True
                raise
            return size if written is None else written
        self.position += size
        return size

    def seek(self, offset: int, whence: int = 0) -> int:
        if not self._failed:
            return self.raw.seek(offset, whence)
        self.position = offset if whence == 0 else self.position + offset
        return self.position

    def tell(self) -> int:
        return self.position if self._failed else self.raw.tell()

    def flush(self) -> None:
        if not self._failed and not self.raw.closed:
            try:
                self.raw.flush()
            except BaseException:
                self.failed = True
                raise
