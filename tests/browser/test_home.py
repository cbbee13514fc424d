"""The demo site's home page, as a French-speaking visitor sees it in Chromium."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def shown_number(page: Page, selector: str) -> int:
    """The number an element shows, whatever the locale's digit grouping ("1 234", "1,234")."""
    text = page.locator(selector).first.inner_text()
    digits = re.sub(r"\D", "", text)
    assert digits, f"{selector} shows no number: {text!r}"
    return int(digits)


def test_home_page_shows_the_demo_family_in_french(
    live_server: str, demo_family_name: str, new_page: Callable[..., Page], tmp_path: Path
) -> None:
    page = new_page(locale="fr-CA")  # sends Accept-Language: fr-CA
    response = page.goto(live_server + "/")

    assert response is not None and response.ok, response
    expect(page.locator("html")).to_have_attribute("lang", re.compile(r"^fr"))
    expect(page.locator("h1")).to_contain_text(demo_family_name)
    assert 450 <= shown_number(page, "[data-count=people]") <= 550
    assert shown_number(page, "[data-count=families]") > 0
    assert shown_number(page, "[data-count=surnames]") > 0
    expect(page.locator(".demo-banner").first).to_be_visible()

    screenshot = tmp_path / "home.png"
    page.screenshot(path=str(screenshot), full_page=True)
    assert screenshot.read_bytes().startswith(PNG_SIGNATURE)

    page.locator("ul.surnames a", has_text="Tremblay").first.click()
    people = page.locator("ul.people li")
    expect(people.first).to_be_visible()
    names = people.all_inner_texts()
    assert all("Tremblay" in name for name in names), names


def test_switching_to_english_is_remembered(
    live_server: str, demo_family_name: str, new_page: Callable[..., Page]
) -> None:
    page = new_page(locale="fr-CA")
    page.goto(live_server + "/")
    expect(page.locator("html")).to_have_attribute("lang", re.compile(r"^fr"))
    french_text = page.locator("body").inner_text()

    page.locator("a[data-lang=en]").first.click()

    expect(page.locator("html")).to_have_attribute("lang", re.compile(r"^en"))
    expect(page.locator("h1")).to_contain_text(demo_family_name)
    assert page.locator("body").inner_text() != french_text, (
        "the page reads the same in French and in English: are both catalogs translated and compiled?"
    )

    # The choice wins over the browser's Accept-Language on the next visit.
    page.goto(live_server + "/")
    expect(page.locator("html")).to_have_attribute("lang", re.compile(r"^en"))
