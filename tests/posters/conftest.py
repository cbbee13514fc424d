"""Fixtures of the poster pages' tests: posters go to the test's own folder."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def poster_folder(app, tmp_path: Path) -> Path:
    """The folder where this test's posters are kept (never the checkout's instance/ folder)."""
    folder = tmp_path / "posters"
    app.config["POSTER_FOLDER"] = str(folder)
    return folder
