"""What is at a database path before SQLite touches it, and what SQLite's errors mean.

Only ``init``, ``demo``, ``db restore`` and ``db copy`` create a database file; every
other command finds a SQLite database at its path or stops. An empty file, a folder or a
file that is not a SQLite database is refused before it is opened, so it is never changed.
A database whose file or folder cannot be written is opened read-only for the commands
that only read. Kept free of SQLAlchemy: the CLI's error edge uses ``explain_sqlite_error``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import quote

from assoc_cli.errors import DatabaseError

SQLITE_HEADER = b"SQLite format 3\x00"

# SQLite's primary result codes (https://sqlite.org/rescode.html) this module explains.
_READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 8, 10, 11, 13, 14, 26
# The same, for an error that lost its code on the way: SQLite's own message for each.
_BY_MESSAGE = {
    "attempt to write a readonly database": _READONLY,
    "disk I/O error": _IOERR,
    "database disk image is malformed": _CORRUPT,
    "database or disk is full": _FULL,
    "unable to open database file": _CANTOPEN,
    "file is not a database": _NOTADB,
}
# Below this much free space, a disk I/O error is taken for a full disk (SQLite reports a
# full disk as an I/O error when it cannot grow its shared-memory file).
_NEARLY_FULL = 4 * 1024 * 1024

CREATE_HINT = "create one with `assoc init --name …` (or check --db / ASSOC_DB)"
CREATE_HINT_ZH = "请用 assoc init --name … 建立(或检查 --db / ASSOC_DB)"


def missing_database(path: Path) -> DatabaseError:
    """The error for a command other than the creating ones on a path with no file."""
    return DatabaseError(
        f"no database at {path}: {CREATE_HINT}", zh=f"{path} 处没有数据库;{CREATE_HINT_ZH}"
    )


def check_database_file(path: Path) -> bool:
    """Refuse what is not a SQLite database (a folder, an empty file, any other file)
    without changing it; for a SQLite database, whether its header says WAL mode."""
    if path.is_dir():
        raise DatabaseError(
            f"{path} is a folder, not an assoc database; check --db / ASSOC_DB",
            zh=f"{path} 是文件夹,不是 assoc 数据库;请检查 --db / ASSOC_DB",
        )
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise DatabaseError(
            f"cannot read the database {path}: {exc.strerror or exc}; "
            "check its permissions and --db / ASSOC_DB",
            zh=f"无法读取数据库 {path}:{exc.strerror or exc};请检查其权限以及 --db / ASSOC_DB",
        ) from exc
    if not header:
        raise DatabaseError(
            f"{path} is not an assoc database (it is an empty file); check --db / ASSOC_DB, "
            "or remove the file and run `assoc init --name …`",
            zh=f"{path} 不是 assoc 数据库(它是空文件);请检查 --db / ASSOC_DB,"
            "或删除该文件后运行 assoc init --name …",
        )
    if not header.startswith(SQLITE_HEADER):
        raise DatabaseError(
            f"{path} is not an assoc database (not a SQLite database file); check --db / ASSOC_DB",
            zh=f"{path} 不是 assoc 数据库(不是 SQLite 数据库文件);请检查 --db / ASSOC_DB",
        )
    # Bytes 18 and 19: the file format versions for writing and reading, 2 in WAL mode.
    return header[18:20] == b"\x02\x02"


def can_write(path: Path) -> bool:
    """Whether this process can change the database: SQLite writes the file and creates
    its journal (-wal, -shm) in the folder beside it."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def read_only_uri(path: Path) -> str:
    """A SQLite URI that reads *path* without writing anything. With no -wal file there
    is nothing to merge and SQLite could not create its -shm file in a read-only folder,
    so the file is read as it is (``immutable``); a change someone else makes meanwhile
    is not seen by that command."""
    uri = f"file:{quote(str(path), safe='/')}?mode=ro"
    if not Path(f"{path}-wal").exists():
        uri += "&immutable=1"
    return uri


def read_only_database(path: Path) -> DatabaseError:
    """The error for a command that changes a database it cannot write."""
    return DatabaseError(
        f"the database {path} is read-only (it or its folder cannot be written): nothing "
        "was changed; make both writable, or work on a copy",
        zh=f"数据库 {path} 是只读的(它或所在文件夹不可写):未作任何改动;"
        "请让两者都可写,或在副本上操作",
    )


def _sqlite_code(exc: BaseException) -> tuple[int, str] | None:
    """SQLite's primary result code and message behind *exc* (a sqlite3 error, or one
    SQLAlchemy wrapped), or None when SQLite did not raise it."""
    seen: BaseException | None = exc
    for _ in range(5):
        if seen is None:
            break
        orig = getattr(seen, "orig", None)
        if isinstance(orig, BaseException):
            seen = orig
        code = getattr(seen, "sqlite_errorcode", None)
        text = str(seen).strip().splitlines()[0] if str(seen).strip() else ""
        if isinstance(code, int):
            return code & 0xFF, text
        if type(seen).__module__ == "sqlite3":
            for known, primary in _BY_MESSAGE.items():
                if known in text:
                    return primary, text
            return None
        seen = seen.__cause__
    return None


def _nearly_full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < _NEARLY_FULL
    except OSError:
        return False


def explain_sqlite_error(exc: BaseException, path: Path | None) -> DatabaseError | None:
    """The error, in one line a user can act on, for SQLite's errors about the file *path*
    itself (full disk, I/O error, read-only, damaged, cannot open); None for any other."""
    found = _sqlite_code(exc)
    if found is None:
        return None
    code, text = found
    where = str(path) if path is not None else "the database"
    where_zh = str(path) if path is not None else ""
    folder = str(path.parent) if path is not None else "the database's folder"
    folder_zh = str(path.parent) if path is not None else "数据库所在文件夹"
    if code in (_CORRUPT, _NOTADB):
        return DatabaseError(
            f"the database file {where} is damaged (SQLite: {text}); run `assoc db check` "
            "and restore from a backup (`assoc db restore BACKUP`)",
            zh=f"数据库文件 {where_zh} 已损坏(SQLite 报告:{text});请运行 assoc db check,"
            "并从备份恢复(assoc db restore 备份文件)",
        )
    if code == _FULL or (code == _IOERR and path is not None and _nearly_full(path.parent)):
        return DatabaseError(
            f"disk full: nothing was saved; free space on the disk holding {folder} and try again",
            zh=f"磁盘已满:未保存任何内容;请在 {folder_zh} 所在磁盘腾出空间后重试",
        )
    if code == _IOERR:
        return DatabaseError(
            f"disk I/O error on {where} (SQLite: {text}): nothing was saved; check the disk "
            "(full, removed or failing?), then run `assoc db check`",
            zh=f"数据库 {where_zh} 磁盘读写出错(SQLite 报告:{text}):未保存任何内容;"
            "请检查磁盘(已满、被拔出或有故障?),再运行 assoc db check",
        )
    if code == _READONLY:
        if path is not None:
            return read_only_database(path)
        return DatabaseError(
            "the database is read-only: nothing was changed; make it and its folder writable",
            zh="数据库是只读的:未作任何改动;请让它和所在文件夹都可写",
        )
    if code == _CANTOPEN:
        return DatabaseError(
            f"cannot open the database {where} (SQLite: {text}); check that it and its "
            "folder exist and can be read, and --db / ASSOC_DB",
            zh=f"无法打开数据库 {where_zh}(SQLite 报告:{text});请检查它和所在文件夹是否存在、"
            "能否读取,以及 --db / ASSOC_DB",
        )
    return None
