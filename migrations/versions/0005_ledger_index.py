"""ledger index: one covering index on dues_entry for the ledger's per-member-year sums

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 21:50:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("dues_entry", schema=None) as batch_op:
        batch_op.create_index(
            "ix_dues_entry_ledger",
            ["member_id", "year", "kind", "entry_on", "amount_fen"],
            unique=False,
        )
        # Its first column serves every lookup the old single-column index did.
        batch_op.drop_index("ix_dues_entry_member_id")


def downgrade() -> None:
    with op.batch_alter_table("dues_entry", schema=None) as batch_op:
        batch_op.create_index("ix_dues_entry_member_id", ["member_id"], unique=False)
        batch_op.drop_index("ix_dues_entry_ledger")
