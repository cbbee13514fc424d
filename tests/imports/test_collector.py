"""The import's garbage-collector setting: rarer full passes inside, the usual setting back afterwards."""

from __future__ import annotations

import gc

import pytest

from famille.imports.collector import FULL_PASS_EVERY, fewer_full_collections


def test_full_passes_are_rarer_inside_and_restored_after() -> None:
    before = gc.get_threshold()
    with fewer_full_collections():
        inside = gc.get_threshold()
        with fewer_full_collections():  # an overlapping import keeps the setting
            assert gc.get_threshold() == inside
        assert gc.get_threshold() == inside
    assert inside[:2] == before[:2]
    assert inside[2] == max(before[2], FULL_PASS_EVERY)
    assert gc.get_threshold() == before


def test_setting_restored_when_the_import_fails() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), fewer_full_collections():
        raise RuntimeError("refused")
    assert gc.get_threshold() == before
