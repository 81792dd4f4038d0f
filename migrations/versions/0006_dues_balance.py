"""dues balance: the ledger kept ready, with triggers noting which members changed

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24 09:30:00

``dues_balance`` holds the ledger's rows; ``ledger_dirty`` the members whose rows are
stale. Triggers on every table the ledger reads fill ``ledger_dirty`` in the same
transaction as the change, whatever wrote it (a command, a bulk import, a hand-made SQL
statement), so stale balances are never read: reports fall back to computing the ledger
until ``dues/balances.py`` has refreshed them. Member 0 means "every member".
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, the column naming the member) — a change marks that member stale.
PER_MEMBER = (
    ("dues_entry", "member_id"),
    ("membership_period", "member_id"),
    ("office_holding", "member_id"),
)
# Tables whose change can move every member's figures — a change marks all stale.
EVERYONE = ("dues_rate", "tier", "term", "office")
# The one setting the ledger reads.
JOIN_POLICY = "dues.join_policy"
EVENTS = ("INSERT", "UPDATE", "DELETE")


def _sqlite_triggers() -> list[str]:
    # SQLite has one writer at a time: a note already there (or "everyone") stands for
    # this change too, so the triggers skip writing another.
    not_all = "NOT EXISTS (SELECT 1 FROM ledger_dirty WHERE member_id = 0)"

    def mark(row: str, column: str) -> str:
        noted = f"SELECT 1 FROM ledger_dirty WHERE member_id = {row}.{column}"
        return (
            f"INSERT INTO ledger_dirty (member_id) SELECT {row}.{column} "
            f"WHERE NOT EXISTS ({noted});"
        )

    statements = []
    for table, column in (*PER_MEMBER, ("member", "id")):
        for event in EVENTS:
            rows = {"INSERT": ["NEW"], "UPDATE": ["OLD", "NEW"], "DELETE": ["OLD"]}[event]
            # A member's own row matters to the ledger only through its tier.
            on = "UPDATE OF tier_id" if (table, event) == ("member", "UPDATE") else event
            body = " ".join(mark(row, column) for row in rows)
            statements.append(
                f"CREATE TRIGGER ledger_{table}_{event.lower()} AFTER {on} ON {table} "
                f"WHEN {not_all} BEGIN {body} END"
            )
    everyone = "INSERT INTO ledger_dirty (member_id) VALUES (0);"
    for table in EVERYONE:
        for event in EVENTS:
            statements.append(
                f"CREATE TRIGGER ledger_{table}_{event.lower()} AFTER {event} ON {table} "
                f"WHEN {not_all} BEGIN {everyone} END"
            )
    for event in EVENTS:
        row = "OLD" if event == "DELETE" else "NEW"
        statements.append(
            f"CREATE TRIGGER ledger_setting_{event.lower()} AFTER {event} ON setting "
            f"WHEN {row}.key = '{JOIN_POLICY}' AND {not_all} BEGIN {everyone} END"
        )
    return statements


def _postgresql_triggers() -> list[str]:
    # Every change writes its own note, even when the member (or everyone) is noted
    # already: under READ COMMITTED a refresh in another transaction may be taking that
    # older note right now, and must not take this change's with it.
    statements = [
        """CREATE OR REPLACE FUNCTION ledger_mark_member() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP <> 'DELETE' THEN
                INSERT INTO ledger_dirty (member_id)
                VALUES ((to_jsonb(NEW) ->> TG_ARGV[0])::integer);
            END IF;
            IF TG_OP <> 'INSERT' THEN
                INSERT INTO ledger_dirty (member_id)
                VALUES ((to_jsonb(OLD) ->> TG_ARGV[0])::integer);
            END IF;
            RETURN NULL;
        END $$""",
        """CREATE OR REPLACE FUNCTION ledger_mark_everyone() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO ledger_dirty (member_id) VALUES (0);
            RETURN NULL;
        END $$""",
    ]
    for table, column in PER_MEMBER:
        statements.append(
            f"CREATE TRIGGER ledger_{table} AFTER INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION ledger_mark_member('{column}')"
        )
    statements += [
        "CREATE TRIGGER ledger_member AFTER INSERT OR DELETE OR UPDATE OF tier_id ON member "
        "FOR EACH ROW EXECUTE FUNCTION ledger_mark_member('id')",
    ]
    for table in (*EVERYONE, *(t for t, _ in PER_MEMBER), "member"):
        statements.append(
            f"CREATE TRIGGER ledger_{table}_truncate AFTER TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION ledger_mark_everyone()"
        )
    for table in EVERYONE:
        # Per row, as on SQLite: a statement that changes no row notes nothing.
        statements.append(
            f"CREATE TRIGGER ledger_{table} AFTER INSERT OR UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION ledger_mark_everyone()"
        )
    statements += [
        "CREATE TRIGGER ledger_setting AFTER INSERT OR UPDATE ON setting FOR EACH ROW "
        f"WHEN (NEW.key = '{JOIN_POLICY}') EXECUTE FUNCTION ledger_mark_everyone()",
        "CREATE TRIGGER ledger_setting_delete AFTER DELETE ON setting FOR EACH ROW "
        f"WHEN (OLD.key = '{JOIN_POLICY}') EXECUTE FUNCTION ledger_mark_everyone()",
    ]
    return statements


def upgrade() -> None:
    op.create_table(
        "dues_balance",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("tier", sa.String(length=50), nullable=True),
        sa.Column("tier_rank", sa.Integer(), nullable=True),
        sa.Column("due", sa.BigInteger(), nullable=False),
        sa.Column("waived", sa.BigInteger(), nullable=False),
        sa.Column("net_due", sa.BigInteger(), nullable=False),
        sa.Column("paid", sa.BigInteger(), nullable=False),
        sa.Column("balance", sa.BigInteger(), nullable=False),
        sa.Column("credit", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("year", "member_id"),
        sqlite_with_rowid=False,
    )
    with op.batch_alter_table("dues_balance", schema=None) as batch_op:
        batch_op.create_index("ix_dues_balance_member", ["member_id", "year"], unique=False)
        batch_op.create_index(
            "ix_dues_balance_owing",
            ["member_id", "year", "balance"],
            unique=False,
            sqlite_where=sa.text("balance > 0"),
            postgresql_where=sa.text("balance > 0"),
        )
    op.create_table(
        "ledger_dirty",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("ledger_dirty", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ledger_dirty_member_id"), ["member_id"], unique=False)
    with op.batch_alter_table("membership_period", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_membership_period_joined_on"), ["joined_on"], unique=False
        )
    # Nothing is stored yet: every member is stale until the first refresh.
    op.execute("INSERT INTO ledger_dirty (member_id) VALUES (0)")
    dialect = op.get_bind().dialect.name
    for statement in _postgresql_triggers() if dialect == "postgresql" else _sqlite_triggers():
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS ledger_mark_member() CASCADE")
        op.execute("DROP FUNCTION IF EXISTS ledger_mark_everyone() CASCADE")
    else:
        triggers = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'ledger%'"
        for (name,) in op.get_bind().execute(sa.text(triggers)):
            op.execute(f"DROP TRIGGER {name}")
    with op.batch_alter_table("membership_period", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_membership_period_joined_on"))
    op.drop_table("ledger_dirty")
    op.drop_table("dues_balance")
