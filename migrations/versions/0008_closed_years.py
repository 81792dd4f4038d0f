"""closed years: each closed dues year's snapshot of who owed what, at which tier

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26 10:00:00

``dues_year_close`` names the closed years; ``dues_year_due`` holds, per member, the tier
and amount due fixed when the year was closed (``assoc dues close``). The ledger reads a
closed year's dues from here, so later changes of offices, tiers or rates leave it as it
was; an ``adjustment`` entry in ``dues_entry`` (no schema change: a new kind) is the one
way to change it. Closing changes no figure, so no trigger notes it.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "dues_year_close",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=False),
        sa.Column("closed_by", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("year"),
    )
    op.create_table(
        "dues_year_due",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("tier_id", sa.Integer(), nullable=True),
        sa.Column("due_fen", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"]),
        sa.ForeignKeyConstraint(["tier_id"], ["tier.id"]),
        sa.ForeignKeyConstraint(["year"], ["dues_year_close.year"]),
        sa.PrimaryKeyConstraint("year", "member_id"),
    )


def downgrade() -> None:
    op.drop_table("dues_year_due")
    op.drop_table("dues_year_close")
