"""Alembic environment: runs the migrations on the connection that Famille hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

import famille.models  # noqa: F401 - registers every table on the metadata
from famille.db import Base

config = context.config
target_metadata = Base.metadata


def run_online() -> None:
    """Migrate through the connection given in ``config.attributes`` (or one made from the URL)."""
    connection = config.attributes.get("connection")
    if connection is None:
        engine = create_engine(config.get_main_option("sqlalchemy.url"))
        with engine.begin() as own_connection:
            _run(own_connection)
        return
    _run(connection)


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_online()
