"""member services: requests (诉求台账), services and visits (服务台账), their lists and settings

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06 20:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "service_choice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("list", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("list", "name"),
    )
    op.create_table(
        "service_setting",
        sa.Column("key", sa.String(length=50), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "service_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("source", sa.String(length=50), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("contact", sa.String(length=100), nullable=True),
        sa.Column("category", sa.String(length=50), nullable=False),
        sa.Column("tags", sa.String(length=300), nullable=True),
        sa.Column("description", sa.String(length=2000), nullable=False),
        sa.Column("handler", sa.String(length=100), nullable=True),
        sa.Column("lead_body", sa.String(length=200), nullable=True),
        sa.Column("assisting_bodies", sa.String(length=300), nullable=True),
        sa.Column("time_limit", sa.Integer(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("judged_due_on", sa.Date(), nullable=True),
        sa.Column("extension_reason", sa.String(length=300), nullable=True),
        sa.Column("extended_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("result", sa.String(length=2000), nullable=True),
        sa.Column("replied_on", sa.Date(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("followup", sa.String(length=10), nullable=True),
        sa.Column("followup_on", sa.Date(), nullable=True),
        sa.Column("reopened", sa.Integer(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("number"),
        sa.UniqueConstraint("year", "seq"),
    )
    op.create_index("ix_service_request_member_id", "service_request", ["member_id"], unique=False)
    op.create_index(
        "ix_service_request_year_status", "service_request", ["year", "status"], unique=False
    )
    op.create_table(
        "service",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=50), nullable=False),
        sa.Column("staff", sa.String(length=100), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=True),
        sa.Column("summary", sa.String(length=2000), nullable=False),
        sa.Column("outcome", sa.String(length=2000), nullable=True),
        sa.Column("saved", sa.BigInteger(), nullable=True),
        sa.Column("applied", sa.Integer(), nullable=True),
        sa.Column("succeeded", sa.Integer(), nullable=True),
        sa.Column("signed", sa.Boolean(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_service_held_on", "service", ["held_on"], unique=False)
    op.create_table(
        "service_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=True),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"]),
        sa.ForeignKeyConstraint(["service_id"], ["service.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("service_id", "member_id"),
    )
    op.create_index("ix_service_member_member_id", "service_member", ["member_id"], unique=False)
    op.create_index("ix_service_member_service_id", "service_member", ["service_id"], unique=False)


def downgrade() -> None:
    op.drop_table("service_member")
    op.drop_index("ix_service_held_on", table_name="service")
    op.drop_table("service")
    op.drop_index("ix_service_request_year_status", table_name="service_request")
    op.drop_index("ix_service_request_member_id", table_name="service_request")
    op.drop_table("service_request")
    op.drop_table("service_setting")
    op.drop_table("service_choice")
