"""Alembic environment: runs on the connection assoc hands it, or on ASSOC_DB."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection
from sqlmodel import SQLModel

import assoc_cli.db.models  # (registers the tables on SQLModel.metadata)

target_metadata = SQLModel.metadata


def run_on(connection: Connection) -> None:
    """Run the migrations on *connection* (batch mode so SQLite can alter tables)."""
    if connection.dialect.name == "postgresql":
        assoc_cli.db.models.postgresql_partial_indexes()
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        compare_type=True,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


given = context.config.attributes.get("connection")
if given is not None:
    run_on(given)
else:
    from assoc_cli.db.engine import make_engine
    from assoc_cli.db.location import resolve_database_url

    with make_engine(resolve_database_url(None)).begin() as connection:
        run_on(connection)
