"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


def corpus_path() -> Path:
    """Where the shared corpus of real GEDCOM files lives (beside the checkout by default)."""
    override = os.environ.get("FAMILLE_GEDCOM_CORPUS")
    return Path(override) if override else REPO_ROOT.parent / "shared" / "gedcom"


@pytest.fixture(scope="session")
def gedcom_corpus() -> Path:
    """The folder of real GEDCOM files; tests that need it skip with a reason when it is absent."""
    folder = corpus_path()
    if not folder.is_dir():
        pytest.skip(f"the shared GEDCOM corpus is not at {folder} (set FAMILLE_GEDCOM_CORPUS to its folder)")
    return folder
