"""Fixtures of the admin pages' tests: uploads go to the test's own folder."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def upload_folder(app, tmp_path: Path) -> Path:
    """The folder where this test's uploads are kept (never the checkout's instance/ folder)."""
    folder = tmp_path / "uploads"
    app.config["UPLOAD_FOLDER"] = str(folder)
    return folder


@pytest.fixture
def admin_client(client, login_as):
    """The test client, logged in as an admin."""
    login_as("admin")
    return client
