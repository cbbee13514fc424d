"""Fixtures of the import tests."""

from __future__ import annotations

import pytest

from tests.imports.helpers import SMALL_FAMILY


@pytest.fixture
def small_family() -> str:
    """The text of a four-person family with accents, a link, a note and a custom tag."""
    return SMALL_FAMILY
