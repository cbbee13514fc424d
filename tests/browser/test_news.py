"""News in Chromium: a member posts news with a photo; another member sees it in the feed and on the chart."""

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
from famille.models import NewsPost, Person
from famille.news.photos import remove_photo
from tests.news.images import photo_bytes
from tests.web import PASSWORD

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

AUTHOR, READER = "author.news@example.org", "reader.news@example.org"
BODY = "J'ai un nouvel emploi à Québec! Photos: https://example.org/album"


def _app(tmp_path: Path) -> famille.Flask:
    return famille.create_app(
        {"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'famille.sqlite'}", "LOAD_DEMO": False}
    )


@pytest.fixture
def members(live_server: str, tmp_path: Path) -> int:
    """Two members of the demo family; the author is a living person of it, whose id is returned."""
    app = _app(tmp_path)
    try:
        with session_scope(app) as session:
            living = session.scalars(
                select(Person.person_id).where(Person.living).order_by(Person.person_id).limit(2)
            ).all()
            author = create_user(session, email=AUTHOR, password=PASSWORD, display_name="Hélène", role="member")
            author.person_id = living[0]
            reader = create_user(session, email=READER, password=PASSWORD, display_name="Paul", role="member")
            reader.person_id = living[1]
        return living[0]
    finally:
        get_engine(app).dispose()


def _log_in(page: Page, base: str, email: str) -> None:
    page.goto(f"{base}/login")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form.form button[type=submit]").click()
    expect(page.locator(".site-header .account")).to_be_visible()


def _remove_stored_photos(tmp_path: Path) -> None:
    """The live server keeps photos in the instance's upload folder: leave nothing behind there."""
    app = _app(tmp_path)
    try:
        with session_scope(app) as session, app.app_context():
            from famille.news.views import photo_folder

            with app.test_request_context():
                folder = photo_folder()
            for name in session.scalars(select(NewsPost.photo)):
                remove_photo(folder, name)
    finally:
        get_engine(app).dispose()


def test_a_member_posts_news_with_a_photo_and_another_sees_it(
    live_server: str, members: int, tmp_path: Path, new_page: Callable[..., Page]
) -> None:
    photo = tmp_path / "nouvel-emploi.jpg"
    photo.write_bytes(photo_bytes("JPEG", size=(640, 480), gps=True))
    try:
        author = new_page(locale="fr-CA")
        _log_in(author, live_server, AUTHOR)
        author.goto(f"{live_server}/people/{members}")
        author.locator(".person-news a.button").click()
        expect(author).to_have_url(re.compile(rf"/news/new\?person={members}$"))
        expect(author.locator("#person")).to_have_value(str(members))
        author.locator("#topic").select_option("job")
        author.locator("#body").fill(BODY)
        author.locator("#photo").set_input_files(str(photo))
        author.locator("form button[type=submit].primary").click()
        expect(author).to_have_url(re.compile(r"/news/\d+$"))
        expect(author.locator(".news-body")).to_contain_text("nouvel emploi à Québec")

        reader = new_page(locale="en-CA")
        _log_in(reader, live_server, READER)
        reader.goto(f"{live_server}/feed")
        entry = reader.locator(".feed-entry[data-kind=news]").first
        expect(entry).to_contain_text("nouvel emploi à Québec")
        expect(entry).to_contain_text("a new job")
        expect(entry.locator(".news-body a")).to_have_attribute("href", "https://example.org/album")
        image = entry.locator(".news-photo img")
        expect(image).to_be_visible()
        assert image.evaluate("img => img.complete && img.naturalWidth") == 640

        reader.goto(f"{live_server}/charts/person/{members}")
        node = reader.locator(f"svg #person-{members}")
        expect(node).to_have_class(re.compile(r"\brecent\b"))
        expect(node).to_contain_text("news")
    finally:
        _remove_stored_photos(tmp_path)
