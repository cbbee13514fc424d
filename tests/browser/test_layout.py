"""The layout on a phone (390 × 844) and a desktop, in Chromium: nothing wider than the screen, a menu one can open.

Many relatives read the site on a phone; a page that scrolls sideways, or a menu that needs a script, loses them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

import famille
from famille.auth.services import create_user
from famille.db import get_engine, session_scope
from famille.models.people import Person
from tests.web import PASSWORD

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
ADMIN_EMAIL = "organiser@example.org"


@pytest.fixture
def someone(live_server: str, tmp_path: Path) -> int:
    """An organiser's account on the demo site, and the id of a long-dead person everyone may see."""
    app = famille.create_app(
        {"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'famille.sqlite'}", "LOAD_DEMO": False}
    )
    try:
        with session_scope(app) as session:
            create_user(session, email=ADMIN_EMAIL, password=PASSWORD, display_name="Organiser", role="admin")
            return session.scalars(
                select(Person.person_id).where(Person.living.is_(False)).order_by(Person.person_id).limit(1)
            ).one()
    finally:
        get_engine(app).dispose()


def log_in(page: Page, base: str) -> None:
    """Log the organiser in through the form, as a person would."""
    page.goto(f"{base}/login")
    page.locator("input[name=email]").fill(ADMIN_EMAIL)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form.form button[type=submit]").click()
    expect(page.locator(".site-header .account")).to_contain_text("Organiser")


def horizontal_overflow(page: Page) -> int:
    """How many CSS pixels the page is wider than the window (0 when nothing scrolls sideways)."""
    return page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")


def test_no_page_scrolls_sideways_on_a_phone(live_server: str, someone: int, new_page: Callable[..., Page]) -> None:
    page = new_page(viewport=PHONE, locale="fr-CA", is_mobile=True, has_touch=True)
    log_in(page, live_server)
    for path in ("/", f"/people/{someone}", "/feed", f"/charts/person/{someone}"):
        response = page.goto(f"{live_server}{path}")
        assert response is not None and response.status == 200, path
        assert horizontal_overflow(page) <= 0, f"{path} scrolls sideways on a phone"
    page.locator(".chart-options > summary").click()
    assert horizontal_overflow(page) <= 0, "the chart's options scroll sideways on a phone"


def test_the_phone_menu_opens_without_javascript(live_server: str, someone: int, new_page: Callable[..., Page]) -> None:
    page = new_page(viewport=PHONE, locale="fr-CA", java_script_enabled=False)
    log_in(page, live_server)
    page.goto(f"{live_server}/people/{someone}")
    search = page.locator(".main-menu a[href='/search']")
    expect(search).to_be_hidden()  # folded: the brand and the button take one short row
    assert page.locator(".site-header").bounding_box()["height"] < 120
    page.locator(".menu > summary").click()
    expect(search).to_be_visible()
    page.locator(".admin-menu > summary").click()
    expect(page.locator(".admin-menu a[href='/invitations']")).to_be_visible()
    expect(page.locator(".site-header .account")).to_be_visible()
    search.click()
    expect(page).to_have_url(re.compile(r"/search$"))
    expect(page.locator(".main-menu a[href='/search']")).to_have_attribute("aria-current", "page")


def test_the_desktop_menu_is_shown_and_gathers_the_organisers_pages(
    live_server: str, someone: int, new_page: Callable[..., Page]
) -> None:
    page = new_page(viewport=DESKTOP, locale="fr-CA")
    log_in(page, live_server)
    expect(page.locator(".menu > summary")).to_be_hidden()
    expect(page.locator(".main-menu a[href='/search']")).to_be_visible()
    # Brand and account on one row, the menu on the next: no third row however many pages an organiser has.
    assert page.locator(".site-header").bounding_box()["height"] < 130
    invitations = page.locator(".admin-menu a[href='/invitations']")
    expect(invitations).to_be_hidden()
    page.locator(".admin-menu > summary").click()
    invitations.click()
    expect(page).to_have_url(re.compile(r"/invitations$"))
    assert horizontal_overflow(page) <= 0


def test_touch_sized_controls_on_the_chart_page(live_server: str, someone: int, new_page: Callable[..., Page]) -> None:
    page = new_page(viewport=PHONE, locale="fr-CA", is_mobile=True, has_touch=True)
    page.goto(f"{live_server}/charts/person/{someone}")
    page.locator(".chart-options > summary").click()
    controls = page.locator(".chart-controls select, .chart-controls input:not([type=hidden]), .chart-search input")
    assert controls.count() >= 5
    for index in range(controls.count()):
        control = controls.nth(index)
        box = control.bounding_box()
        size = control.evaluate("element => parseFloat(getComputedStyle(element).fontSize)")
        assert box is not None and box["height"] >= 44 and size >= 16, control.get_attribute("name")
    viewport = page.locator(".chart-viewport").bounding_box()
    assert viewport is not None and viewport["width"] >= PHONE["width"] - 40  # the chart takes the width
    legend = page.locator(".chart-legend").bounding_box()
    assert legend is not None and legend["y"] > viewport["y"] + viewport["height"]  # legend below the chart
