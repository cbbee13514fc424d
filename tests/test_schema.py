"""The schema is made by the migrations alone, and they agree with the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

import famille.models  # noqa: F401 - registers the tables
from famille.db import Base, get_engine
from famille.schema import is_up_to_date


def test_migrations_and_models_agree(app) -> None:
    with get_engine(app).connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_upgrade_creates_every_table_and_is_current(app) -> None:
    tables = set(inspect(get_engine(app)).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert "alembic_version" in tables
    assert is_up_to_date(app)


def test_sqlite_runs_with_foreign_keys_and_wal(app) -> None:
    engine = get_engine(app)
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
