"""An admin invites a relative for their person in the tree; the relative joins through the link and lands on
their own page; a visitor sees that living person as Private."""

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
from famille.models import Person, User
from tests.web import PASSWORD

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

ADMIN_EMAIL = "organisatrice@example.org"
NEWCOMER_EMAIL = "nouvelle.cousine@example.org"


def _second_app(tmp_path: Path):  # noqa: ANN202
    """An app on the live server's database file, to prepare and check rows through the real services."""
    return famille.create_app(
        {"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'famille.sqlite'}", "LOAD_DEMO": False}
    )


@pytest.fixture
def invitee(live_server: str, tmp_path: Path) -> dict:
    """An admin account, and a living demo person with a given name to invite (with their id and names)."""
    app = _second_app(tmp_path)
    try:
        with session_scope(app) as session:
            create_user(session, email=ADMIN_EMAIL, password=PASSWORD, display_name="Organisatrice", role="admin")
            person = session.scalars(
                select(Person).where(Person.living, Person.given_name != "").order_by(Person.person_id.desc())
            ).first()
            return {"id": person.person_id, "given": person.given_name, "surname": person.surname}
    finally:
        get_engine(app).dispose()


def _log_in(page: Page, server: str, email: str) -> None:
    page.goto(f"{server}/login")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()


def test_invitation_for_a_person_from_creation_to_their_page(
    live_server: str, invitee: dict, new_page: Callable[..., Page], tmp_path: Path
) -> None:
    admin = new_page(locale="fr-CA")
    _log_in(admin, live_server, ADMIN_EMAIL)
    admin.goto(f"{live_server}/invitations/new?q={invitee['given']} {invitee['surname']}")
    admin.locator(f"input[name=person_id][value='{invitee['id']}']").check()
    admin.locator("form[method=post] button[type=submit]").last.click()
    link = admin.locator("#invitation-link").input_value()
    assert re.search(r"/join/[A-Za-z0-9_-]{22,}$", link), link

    newcomer = new_page(locale="en-CA")  # a new browser context: no session shared with the admin
    newcomer.goto(link)
    expect(newcomer.locator(".you-are")).to_contain_text(invitee["given"])
    newcomer.locator("input[name=display_name]").fill(invitee["given"])
    newcomer.locator("input[name=email]").fill(NEWCOMER_EMAIL)
    newcomer.locator("input[name=password]").fill(PASSWORD)
    newcomer.locator("input[name=confirm]").fill(PASSWORD)
    newcomer.locator("main form button[type=submit]").last.click()
    expect(newcomer.locator(".site-header .account")).to_contain_text(invitee["given"])
    newcomer.locator(".site-header .account a", has_text="My page").click()
    expect(newcomer).to_have_url(re.compile(rf"/people/{invitee['id']}$"))
    expect(newcomer.locator("h1")).to_contain_text(f"{invitee['given']} {invitee['surname']}")

    visitor = new_page(locale="en-CA")
    visitor.goto(f"{live_server}/people/{invitee['id']}")
    expect(visitor.locator("h1")).to_contain_text("Private")
    assert invitee["given"] not in visitor.locator("main").inner_text()

    app = _second_app(tmp_path)
    try:
        with session_scope(app) as session:
            joined = session.scalar(select(User).where(User.email == NEWCOMER_EMAIL))
            assert joined is not None and joined.person_id == invitee["id"] and joined.role == "member"
    finally:
        get_engine(app).dispose()
