"""pinyin initials of members' names, indexed, for shell completion

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06 20:45:00

`assoc dues pay sdsh<TAB>` completes 山东双涵石化装备有限公司: the initials of each
member's name and short name are stored beside its pinyin sort key and indexed, so
completion is a range scan of an index (well under 0.3 s at 100,000 members) rather
than converting every name to pinyin. Existing members get theirs here.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 5_000


def upgrade() -> None:
    # Added columns (no table rebuild on SQLite: the ledger's triggers on member stay).
    op.add_column(
        "member",
        sa.Column("name_initials", sa.String(length=200), nullable=False, server_default=""),
    )
    op.add_column(
        "member",
        sa.Column("short_name_initials", sa.String(length=100), nullable=False, server_default=""),
    )
    from assoc_cli.i18n.sorting import pinyin_initials

    connection = op.get_bind()
    member = sa.table(
        "member",
        sa.column("id", sa.Integer),
        sa.column("name", sa.String),
        sa.column("short_name", sa.String),
        sa.column("name_initials", sa.String),
        sa.column("short_name_initials", sa.String),
    )
    rows = connection.execute(sa.select(member.c.id, member.c.name, member.c.short_name)).all()
    update = (
        member.update()
        .where(member.c.id == sa.bindparam("member_id"))
        .values(name_initials=sa.bindparam("initials"), short_name_initials=sa.bindparam("short"))
    )
    for start in range(0, len(rows), BATCH):
        connection.execute(
            update,
            [
                {
                    "member_id": row.id,
                    "initials": pinyin_initials(row.name)[:200],
                    "short": pinyin_initials(row.short_name)[:100],
                }
                for row in rows[start : start + BATCH]
            ],
        )
    op.create_index("ix_member_name_initials", "member", ["name_initials"])
    op.create_index("ix_member_short_name_initials", "member", ["short_name_initials"])


def downgrade() -> None:
    op.drop_index("ix_member_short_name_initials", table_name="member")
    op.drop_index("ix_member_name_initials", table_name="member")
    op.drop_column("member", "short_name_initials")
    op.drop_column("member", "name_initials")
