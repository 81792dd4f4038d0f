"""an index of the voids: a member's ledger finds what was voided without a scan

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 19:30:00

Every one-member ledger (the position after a payment, the stored balances refreshed at
commit, a statement) excludes the entries voided by its as-of date. Without an index that
query walked ``ix_dues_entry_entry_on`` over every entry dated before then and read each
row to see whether it was a void: the cost of `dues pay` grew with the ledger (2.4 s at
100,000 members). A partial index holds the voids alone.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_dues_entry_voids",
        "dues_entry",
        ["entry_on", "reverses_id"],
        sqlite_where=sa.text("kind = 'void'"),
        postgresql_where=sa.text("kind = 'void'"),
    )


def downgrade() -> None:
    op.drop_index("ix_dues_entry_voids", table_name="dues_entry")
