"""The directory in Chromium: a member filters "on LinkedIn", and the print preview hides the navigation."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

import famille
from famille.auth.services import create_user
from famille.db import get_engine, session_scope
from tests.web import PASSWORD

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

MEMBER_EMAIL = "cousin.member@example.org"


@pytest.fixture
def member_page(live_server: str, tmp_path: Path, new_page: Callable[..., Page]) -> Page:
    """A browser page logged in as a member of the demo family's site (not linked to anyone in the tree)."""
    app = famille.create_app(
        {"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'famille.sqlite'}", "LOAD_DEMO": False}
    )
    try:
        with session_scope(app) as session:
            create_user(session, email=MEMBER_EMAIL, password=PASSWORD, display_name="Cousin", role="member")
    finally:
        get_engine(app).dispose()
    page = new_page(locale="en-CA")
    page.goto(f"{live_server}/login")
    page.locator("input[name=email]").fill(MEMBER_EMAIL)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form.form button[type=submit]").click()
    expect(page.locator(".site-header .account")).to_contain_text("Cousin")
    return page


def test_a_member_filters_the_directory_on_linkedin(live_server: str, member_page: Page) -> None:
    page = member_page
    page.locator(".site-header nav a", has_text="Directory").click()
    expect(page).to_have_url(re.compile(r"/directory$"))
    everyone = page.locator(".directory-list li.entry")
    expect(everyone.first).to_be_visible()
    total = everyone.count()

    page.locator(".platform-counts a[data-platform=linkedin]").click()
    expect(page).to_have_url(re.compile(r"/directory\?platform=linkedin$"))
    listed = page.locator(".directory-list li.entry")
    expect(listed.first).to_be_visible()
    shown = listed.count()
    expected = int(page.locator(".platform-counts a[data-platform=linkedin] .count").inner_text())
    assert 0 < shown < total and shown == expected  # every one of them, and nobody else
    for index in range(shown):
        entry = listed.nth(index)
        expect(entry.locator("a.profile-link[data-platform=linkedin]").first).to_be_visible()
        expect(entry.locator("a.profile-link[data-platform=linkedin]").first).to_have_attribute(
            "rel", "me noopener noreferrer"
        )
    expect(page.locator(".platform-counts a[data-platform=linkedin]")).to_have_attribute("aria-current", "true")


def test_the_print_preview_hides_the_navigation(live_server: str, member_page: Page) -> None:
    page = member_page
    page.goto(f"{live_server}/directory")
    main_menu = page.locator(".site-header nav").first
    expect(main_menu).to_be_visible()
    expect(page.locator(".directory-filters")).to_be_visible()

    page.emulate_media(media="print")
    expect(main_menu).to_be_hidden()
    expect(page.locator(".directory-filters")).to_be_hidden()
    expect(page.locator(".directory-actions")).to_be_hidden()
    expect(page.locator(".directory-list li.entry").first).to_be_visible()

    page.emulate_media(media="screen")
    page.locator(".directory-actions a", has_text="Print").click()
    expect(page).to_have_url(re.compile(r"/directory\?print=1$"))
    assert page.locator("nav").count() == 0
    page.emulate_media(media="print")
    expect(page.locator(".print-help")).to_be_hidden()
    expect(page.locator(".directory-print-list li").first).to_be_visible()
