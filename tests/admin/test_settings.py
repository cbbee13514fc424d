"""The site settings page: family name, welcome text, private site, what visitors see of the living."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from famille.admin.settings import load_settings
from famille.models import Change
from tests.imports.helpers import SMALL_FAMILY, run_import
from tests.web import csrf_token, log_in, post_form

EN = {"Accept-Language": "en"}
SETTINGS = {"family_name": "", "welcome_text": "", "visitor_names": "surname"}


def save(client, **values: str):
    return post_form(client, "/admin/settings", {**SETTINGS, **values}, headers=EN)


@pytest.mark.parametrize(("role", "expected"), [("visitor", 302), ("member", 403), ("editor", 403), ("admin", 200)])
def test_settings_page_by_role(app, client, login_as, db, role: str, expected: int) -> None:
    login_as(role)
    response = client.get("/admin/settings")
    assert response.status_code == expected
    token = csrf_token(client, "/login" if role == "visitor" else "/")
    response = client.post("/admin/settings", data={**SETTINGS, "family_name": "Pirates", "csrf_token": token})
    assert response.status_code == (302 if role in ("visitor", "admin") else 403)
    if role == "visitor":
        assert response.headers["Location"].startswith("/login?next=")
    assert (load_settings(db).family_name == "Pirates") == (role == "admin")


def test_family_name_is_shown_everywhere_and_logged(app, client, login_as, db) -> None:
    admin_id = login_as("admin")
    response = save(client, family_name="  Les   Tremblay  ", welcome_text="Bienvenue!\nÀ bientôt.")
    assert response.status_code == 302
    page = client.get("/", headers=EN).get_data(as_text=True)
    assert '<a class="brand" href="/">Les Tremblay</a>' in page and "Famille Test" not in page
    settings = load_settings(db)
    assert settings.family_name == "Les Tremblay" and settings.welcome_text == "Bienvenue!\nÀ bientôt."
    changes = db.scalars(select(Change).where(Change.kind == "site_setting").order_by(Change.change_id)).all()
    assert [(c.details["key"], c.details["old"], c.details["new"], c.user_id) for c in changes] == [
        ("family_name", "", "Les Tremblay", admin_id),
        ("welcome_text", "", "Bienvenue!\nÀ bientôt.", admin_id),
    ]
    assert save(client, family_name="Les Tremblay", welcome_text="Bienvenue!\nÀ bientôt.").status_code == 302
    assert len(db.scalars(select(Change).where(Change.kind == "site_setting")).all()) == 2  # nothing moved
    save(client, family_name="")
    assert '<a class="brand" href="/">Famille Test</a>' in client.get("/").get_data(as_text=True)


def test_too_long_text_is_refused_and_kept(app, client, login_as, db) -> None:
    login_as("admin")
    response = save(client, family_name="Côté", welcome_text="x" * 2001)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and 'value="Côté"' in page and "x" * 2001 in page
    assert "2000" in page
    assert load_settings(db).family_name == ""


def test_unknown_visitor_names_choice_is_refused(app, client, login_as, db) -> None:
    login_as("admin")
    assert save(client, visitor_names="everything").status_code == 200
    assert save(client, visitor_names="none").status_code == 302
    assert load_settings(db).visitor_names == "none"


def test_settings_without_csrf_token_are_refused(app, client, login_as, db) -> None:
    login_as("admin")
    response = client.post("/admin/settings", data={**SETTINGS, "family_name": "Sans jeton"})
    assert response.status_code == 400 and load_settings(db).family_name == ""


@pytest.fixture
def private_site(app, client, make_user):
    """A private site with a welcome text and a family in it; the client is a visitor."""
    run_import(app, SMALL_FAMILY)
    admin_email = "organiser@example.org"
    make_user("admin", email=admin_email)
    log_in(client, admin_email)
    save(client, private_site="y", welcome_text="Bienvenue chez les Tremblay.")
    post_form(client, "/logout", {}, page="/admin/settings")
    return client


def test_private_site_shows_visitors_only_the_welcome_and_login(private_site) -> None:
    client = private_site
    home = client.get("/", headers=EN)
    page = home.get_data(as_text=True)
    assert home.status_code == 200 and "Bienvenue chez les Tremblay." in page
    assert 'name="password"' in page and "Tremblay</a>" not in page and "data-count" not in page
    for path in ("/surnames", "/surnames/tremblay", "/admin/import"):
        response = client.get(path)
        assert response.status_code == 302 and response.headers["Location"].startswith("/login?next="), path
    assert client.get("/login").status_code == 200
    assert client.get("/password/forgot").status_code == 200
    invitation = client.get("/join/not-a-real-token")  # invitation links open, and say what is wrong with them
    assert invitation.status_code in (200, 404) and "/login" not in invitation.headers.get("Location", "")
    assert client.get("/lang/en?next=/").status_code == 302
    assert client.get("/static/css/famille.css").status_code == 200


def test_private_site_shows_members_everything(private_site, make_user) -> None:
    client = private_site
    make_user("member", email="cousin@example.org")
    assert log_in(client, "cousin@example.org").status_code == 302
    page = client.get("/", headers=EN).get_data(as_text=True)
    assert 'href="/surnames/tremblay">Tremblay</a>' in page
    assert "Hélène" in client.get("/surnames/tremblay").get_data(as_text=True)


def test_public_site_lets_visitors_in(app, client) -> None:
    run_import(app, SMALL_FAMILY)
    assert client.get("/surnames").status_code == 200
