"""A member adds a profile link to their own page in Chromium: it comes back cleaned; a javascript: link is refused."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect
from sqlalchemy import exists, select

import famille
from famille.auth.services import create_user
from famille.db import get_engine, session_scope
from famille.models import Person, ProfileLink
from tests.web import PASSWORD

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

MEMBER_EMAIL = "helene.member@example.org"
TYPED = "linkedin.com/in/helene-tremblay-demo?utm_source=newsletter&fbclid=abc"
CLEAN = "https://www.linkedin.com/in/helene-tremblay-demo"


@pytest.fixture
def demo_member(live_server: str, tmp_path: Path) -> int:
    """A member account linked to a living demo person without links; returns that person's id.

    The harness serves ``tmp_path / "famille.sqlite"`` without exposing its app, so a second app on the same
    database file creates the account through the real account service.
    """
    app = famille.create_app(
        {"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'famille.sqlite'}", "LOAD_DEMO": False}
    )
    try:
        with session_scope(app) as session:
            person_id = session.scalar(
                select(Person.person_id)
                .where(Person.living, ~exists().where(ProfileLink.person_id == Person.person_id))
                .order_by(Person.person_id)
                .limit(1)
            )
            assert person_id is not None, "the demo family has no living person without links"
            user = create_user(session, email=MEMBER_EMAIL, password=PASSWORD, display_name="Hélène", role="member")
            user.person_id = person_id
        return person_id
    finally:
        get_engine(app).dispose()


def test_a_member_adds_a_link_and_sees_it_cleaned(
    live_server: str, demo_member: int, new_page: Callable[..., Page]
) -> None:
    page = new_page(locale="en-CA")
    page.goto(f"{live_server}/login")
    page.locator("input[name=email]").fill(MEMBER_EMAIL)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form.form button[type=submit]").click()
    expect(page.locator(".site-header .account")).to_contain_text("Hélène")

    page.goto(f"{live_server}/people/{demo_member}")
    page.locator(f"a[href='/people/{demo_member}/links']").click()
    expect(page).to_have_url(re.compile(rf"/people/{demo_member}/links$"))

    page.locator("#url").fill(TYPED)
    page.locator("form[action$='/links'] button[type=submit]").click()

    saved = page.locator("#saved")
    expect(saved).to_be_visible()
    expect(saved.locator("a.url")).to_have_attribute("href", CLEAN)
    expect(saved.locator("a.url")).to_have_text(CLEAN)
    expect(saved.locator(".platform")).to_have_text("LinkedIn")
    expect(saved.locator(".handle")).to_have_text("helene-tremblay-demo")
    expect(saved.locator("img")).to_have_attribute("src", "/static/icons/linkedin.svg")
    assert "utm_source" not in page.content() and "fbclid" not in page.content()

    page.locator("#url").fill("javascript:alert(1)")
    page.locator("form[action$='/links'] button[type=submit]").click()

    expect(page.locator("#url-errors")).to_contain_text("javascript:")
    expect(page.locator("#url")).to_have_value("javascript:alert(1)")
    expect(page.locator("#url")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("ul.editable-links > li")).to_have_count(1)  # only the LinkedIn link was saved

    page.goto(f"{live_server}/people/{demo_member}")
    profile = page.locator(f"section[aria-labelledby=links-title] a[href='{CLEAN}']")
    expect(profile).to_have_attribute("rel", "me noopener noreferrer")
    expect(profile).to_contain_text("LinkedIn: helene-tremblay-demo")
