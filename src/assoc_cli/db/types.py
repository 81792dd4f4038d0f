"""Column types of the Core tables (``db/core.py``) that plain SQLAlchemy lacks.

SQLModel stores every ``datetime`` field as its ``UTCDateTime``; importing it would import
SQLModel and pydantic, so the Core tables use this twin, which reads and writes the same
way. ``tests/db/test_core_tables.py`` checks the two agree.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import types
from sqlalchemy.engine.interfaces import Dialect
from sqlalchemy.sql.operators import OperatorType


class UTCDateTime(types.TypeDecorator[datetime]):
    """Aware datetimes, stored in UTC and read back as UTC (naive values are refused)."""

    impl = types.DateTime
    cache_ok = True

    def __init__(self) -> None:
        super().__init__(timezone=True)

    def __repr__(self) -> str:
        return "UTCDateTime()"

    def coerce_compared_value(self, op: OperatorType | None, value: Any) -> types.TypeEngine[Any]:
        """Compare with a timedelta as an interval, with anything else as a datetime."""
        if isinstance(value, timedelta):
            return types.Interval()
        return self

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """An aware datetime converted to UTC."""
        if value is None:
            return None
        if value.utcoffset() is None:
            raise ValueError("datetime values must carry a time zone, e.g. datetime.now(UTC)")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """The stored value as an aware UTC datetime (SQLite keeps no offset: it is UTC)."""
        if value is None:
            return None
        if value.utcoffset() is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
