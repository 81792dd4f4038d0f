"""The fixed values some columns take, importable without the ORM (read-only commands
use them without loading SQLModel)."""

from __future__ import annotations

MEMBER_KINDS = ("unit", "person")
MEMBER_STATUSES = ("active", "withdrawn")
