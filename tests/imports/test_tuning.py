"""Settings of an import: rarer full garbage collections and a bigger SQLite cache, put back afterwards."""

from __future__ import annotations

import gc

import pytest

from famille.imports.tuning import (
    FULL_PASS_EVERY,
    IMPORT_CACHE_KIB,
    YOUNG_PASS_EVERY,
    bigger_page_cache,
    fewer_full_collections,
)


def test_full_passes_are_rarer_inside_and_restored_after() -> None:
    before = gc.get_threshold()
    with fewer_full_collections():
        inside = gc.get_threshold()
        with fewer_full_collections():  # an overlapping import keeps the setting
            assert gc.get_threshold() == inside
        assert gc.get_threshold() == inside
    assert inside == (max(before[0], YOUNG_PASS_EVERY), before[1], max(before[2], FULL_PASS_EVERY))
    assert gc.get_threshold() == before


def test_setting_restored_when_the_import_fails() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), fewer_full_collections():
        raise RuntimeError("refused")
    assert gc.get_threshold() == before


def _cache_size(db) -> int:
    return db.connection().exec_driver_sql("PRAGMA cache_size").scalar()


def test_sqlite_cache_is_bigger_inside_and_restored_after(db) -> None:
    if db.connection().dialect.name != "sqlite":
        pytest.skip("a SQLite setting")
    before = _cache_size(db)
    with pytest.raises(RuntimeError), bigger_page_cache(db):
        assert _cache_size(db) == -IMPORT_CACHE_KIB
        raise RuntimeError("refused")
    assert _cache_size(db) == before


def test_other_databases_are_left_alone(db) -> None:
    with bigger_page_cache(db):
        assert db.connection().exec_driver_sql("SELECT 1").scalar() == 1
