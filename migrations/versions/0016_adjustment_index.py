"""an index of the adjustments: the reports' note on them reads a few rows, not a year

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07 00:30:00

`dues report` and `dues unpaid` say how many members' dues of a closed year were adjusted
and by how much. Without an index that note walked ``ix_dues_entry_year`` over every entry
of the year and read each row to see whether it was an adjustment: 0.55 s of each report
at 1,000,000 members, where the report itself takes 0.8 s. A partial index holds the
adjustments alone (there are none in most associations).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_dues_entry_adjustments",
        "dues_entry",
        ["year", "entry_on", "member_id", "amount_fen"],
        sqlite_where=sa.text("kind = 'adjustment'"),
        postgresql_where=sa.text("kind = 'adjustment'"),
    )


def downgrade() -> None:
    op.drop_index("ix_dues_entry_adjustments", table_name="dues_entry")
