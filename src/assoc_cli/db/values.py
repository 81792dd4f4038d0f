"""The fixed values some columns take, importable without the ORM (read-only commands
use them without loading SQLModel). Standard library only: the command line's choices
are built from them at start-up."""

from __future__ import annotations

from enum import StrEnum


class MemberKind(StrEnum):
    """What a member is (``member.kind``)."""

    unit = "unit"  # 单位会员
    person = "person"  # 个人会员


class MemberStatus(StrEnum):
    """Where a member stands (``member.status``)."""

    active = "active"  # 在册
    withdrawn = "withdrawn"  # 已退会


# The setting holding when the database was last backed up (UTC, ISO 8601): written by
# `assoc db backup` (db/maintenance.py), read by `assoc today`'s backup line.
LAST_BACKUP = "db.last_backup"
