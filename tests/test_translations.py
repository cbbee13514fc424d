"""French and English catalogs are complete, in step with the code, and keep every placeholder."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
CATALOGS = ROOT / "famille" / "translations"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def _catalog(locale: str):
    with (CATALOGS / locale / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=locale)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> set:
    """The messages the code and templates hold today, extracted afresh."""
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    pybabel = Path(sys.executable).parent / "pybabel"
    command = [str(pybabel), "--quiet", "extract", "-F", "babel.cfg", "-k", "N_", "-k", "_l", "-k", "lazy_gettext"]
    subprocess.run([*command, "-o", str(pot), "."], cwd=ROOT, check=True)
    with pot.open("rb") as handle:
        return {message.id for message in read_po(handle) if message.id}


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_catalog_has_every_message_translated(locale: str, extracted: set) -> None:
    catalog = _catalog(locale)
    ids = {message.id for message in catalog if message.id}
    assert extracted - ids == set(), "run `make messages` and translate the new strings"
    for message in catalog:
        if not message.id:
            continue
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        assert all(strings), f"untranslated: {message.id!r}"
        assert "fuzzy" not in message.flags, f"fuzzy: {message.id!r}"


def test_french_keeps_every_placeholder() -> None:
    for message in _catalog("fr"):
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) <= wanted | set(PLACEHOLDER.findall(ids[0])), message.id


def test_pages_speak_french(client) -> None:
    page = client.get("/", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert "Accueil" in page and "Noms de famille" in page and "Home" not in page


def test_error_page_speaks_french(client) -> None:
    page = client.get("/nulle-part", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert "Page introuvable" in page
