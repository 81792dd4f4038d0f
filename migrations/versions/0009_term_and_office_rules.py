"""term and office rules: how many units may hold an office, why a term's end moved

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 19:00:00

``office.max_holders`` caps the holders of an office in one term (NULL: no cap); a charter
has one 会长 and one 监事长, so those two start at 1 (``assoc offices define 会长 --max 2``
for an association with rotating presidents). ``term.note`` says why a term's end differs
from its start plus its years (``assoc terms edit N --end … --reason 延期换届``, or
``terms add --early``). Plain ADD COLUMN, no table rebuild: SQLite keeps the ledger
triggers of revision 0006 on both tables.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SINGLE_HOLDER_OFFICES = ("会长", "监事长")


def upgrade() -> None:
    op.add_column("office", sa.Column("max_holders", sa.Integer(), nullable=True))
    op.add_column("term", sa.Column("note", sa.String(length=200), nullable=True))
    office = sa.table("office", sa.column("name", sa.String), sa.column("max_holders", sa.Integer))
    op.execute(
        office.update().where(office.c.name.in_(SINGLE_HOLDER_OFFICES)).values(max_holders=1)
    )


def downgrade() -> None:
    # SQLite drops a column by rebuilding the table, which would lose revision 0006's
    # triggers on it; DROP COLUMN itself (SQLite ≥ 3.35, PostgreSQL) keeps them.
    op.drop_column("term", "note")
    op.drop_column("office", "max_holders")
