"""Search in Chromium, with and without accents, as a visitor and as a member."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

import famille
from famille.auth.services import create_user
from famille.db import get_engine, session_scope
from famille.models import Person
from famille.text import fold
from tests.web import PASSWORD

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser


@pytest.fixture
def accented(live_server: str, tmp_path: Path) -> dict:
    """A member account, and a demo person whose given name carries an accent (dead, so visitors find them too)."""
    app = famille.create_app(
        {"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'famille.sqlite'}", "LOAD_DEMO": False}
    )
    try:
        with session_scope(app) as session:
            create_user(session, email="membre@example.org", password=PASSWORD, role="member")
            people = session.scalars(select(Person).where(Person.living.is_(False)).order_by(Person.person_id))
            person = next(p for p in people if fold(p.given_name) != p.given_name.lower())
            return {"given": person.given_name, "surname": person.surname, "id": person.person_id}
    finally:
        get_engine(app).dispose()


def test_search_with_and_without_accents(live_server: str, accented: dict, new_page: Callable[..., Page]) -> None:
    page = new_page(locale="fr-CA")
    page.goto(f"{live_server}/")
    page.locator("nav a[href='/search']").click()
    for typed in (f"{accented['given']} {accented['surname']}", fold(f"{accented['given']} {accented['surname']}")):
        page.locator("#q").fill(typed.upper() if typed == fold(typed) else typed)
        page.locator("form.search-form button[type=submit]").click()
        result = page.locator(f"ul.results a[href='/people/{accented['id']}']")
        expect(result).to_be_visible()
        expect(result).to_contain_text(accented["given"])


def test_visitors_do_not_find_the_living_but_members_do(
    live_server: str, accented: dict, new_page: Callable[..., Page], tmp_path: Path
) -> None:
    app = famille.create_app(
        {"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'famille.sqlite'}", "LOAD_DEMO": False}
    )
    try:
        with session_scope(app) as session:
            living = session.scalars(select(Person).where(Person.living, Person.given_name != "")).first()
            query, person_id = f"{living.given_name} {living.surname}", living.person_id
    finally:
        get_engine(app).dispose()
    visitor = new_page(locale="en-CA")
    visitor.goto(f"{live_server}/search?q={query}")
    expect(visitor.locator(f"ul.results a[href='/people/{person_id}']")).to_have_count(0)
    member = new_page(locale="en-CA")
    member.goto(f"{live_server}/login")
    member.locator("input[name=email]").fill("membre@example.org")
    member.locator("input[name=password]").fill(PASSWORD)
    member.locator("main form button[type=submit]").click()
    member.goto(f"{live_server}/search?q={query}")
    expect(member.locator(f"ul.results a[href='/people/{person_id}']")).to_be_visible()
