"""Where the database lives: ``--db``, then ``ASSOC_DB``, then the user data directory.

Kept free of SQLAlchemy so ``assoc info``-style messages and ``--help`` stay cheap.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_DB = "ASSOC_DB"


def default_database_path() -> Path:
    """The per-user database file (platformdirs' user data directory)."""
    from platformdirs import user_data_path

    return user_data_path("assoc", appauthor=False) / "assoc.db"


def resolve_database_url(db: str | None) -> str:
    """Turn ``--db`` / ``ASSOC_DB`` (a file path or a SQLAlchemy URL) into a URL."""
    value = db or os.environ.get(ENV_DB) or str(default_database_path())
    if "://" in value:
        return value
    return "sqlite:///" + str(Path(value).expanduser().resolve())


def sqlite_path(url: str) -> Path | None:
    """The file behind a ``sqlite:///`` URL, or None for other engines and memory."""
    prefix = "sqlite:///"
    if url.startswith(prefix) and url[len(prefix) :] not in ("", ":memory:"):
        return Path(url[len(prefix) :])
    return None


def display_location(url: str) -> str:
    """The location to show people: a file path, or the URL without its password."""
    path = sqlite_path(url)
    if path is not None:
        return str(path)
    scheme, _, rest = url.partition("://")
    if "@" in rest:
        credentials, _, host = rest.rpartition("@")
        user = credentials.split(":", 1)[0]
        return f"{scheme}://{user}:***@{host}"
    return url
