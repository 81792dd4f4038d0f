"""agenda items: a dues-report item's cut-off day (截至11月30日)

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 10:00:00

A meeting on 5 December reads out the collection figures "as of 30 November"; the day
belongs to the item (it is what the agenda says), so it is stored with it. Empty means the
meeting date, as before.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.add_column(sa.Column("dues_as_of", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.drop_column("dues_as_of")
