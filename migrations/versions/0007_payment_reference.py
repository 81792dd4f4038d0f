"""payment reference: the bank's reference of a payment (流水号), unique when given

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 18:40:00

``dues pay --ref`` and batch entry of a bank statement record the bank's reference of
each transfer; a partial unique index (where it is given) keeps a statement line from
being recorded twice. Existing entries have none.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ADD COLUMN (no batch copy on SQLite): the table keeps its triggers (0006).
    op.add_column("dues_entry", sa.Column("reference", sa.String(length=100), nullable=True))
    op.create_index(
        "ux_dues_entry_reference",
        "dues_entry",
        ["reference"],
        unique=True,
        sqlite_where=sa.text("reference IS NOT NULL"),
        postgresql_where=sa.text("reference IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("ux_dues_entry_reference", table_name="dues_entry")
    with op.batch_alter_table("dues_entry", schema=None) as batch_op:
        batch_op.drop_column("reference")
