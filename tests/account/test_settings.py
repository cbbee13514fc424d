"""The account page: who I am, name, language, password, e-mail address, and deleting my account."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from famille.models import Claim, Person, User
from tests.imports.helpers import SMALL_FAMILY, run_import
from tests.web import PASSWORD, csrf_token, log_in, post_form

NEW_PASSWORD = "another long password here"
GET_PAGES = ["/account", "/account/delete"]
POST_PAGES = ["/account/name", "/account/language", "/account/password", "/account/email", "/account/delete"]


@pytest.fixture
def english(client):
    """The client, reading the site in English."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def _user(app, user_id: int) -> User | None:
    session = app.extensions["famille.sessionmaker"]()
    try:
        return session.get(User, user_id)
    finally:
        session.close()


def _send(client, url: str, data: dict):
    return post_form(client, url, data, page="/account")


@pytest.mark.parametrize("page", GET_PAGES)
def test_visitors_are_sent_to_log_in(client, page: str) -> None:
    response = client.get(page)
    assert response.status_code == 302 and response.headers["Location"].startswith("/login?next=")


@pytest.mark.parametrize("page", POST_PAGES)
def test_visitors_cannot_post(client, page: str) -> None:
    token = csrf_token(client, "/login")
    response = client.post(page, data={"csrf_token": token, "display_name": "Pirate", "locale": "en"})
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


@pytest.mark.parametrize("role", ["member", "editor", "admin"])
@pytest.mark.parametrize("page", GET_PAGES)
def test_every_role_has_its_account_pages(english, login_as, role: str, page: str) -> None:
    login_as(role, email=f"{role}@example.org")
    response = english.get(page)
    assert response.status_code == 200 and f"{role}@example.org" in response.get_data(as_text=True)


@pytest.mark.parametrize("role", ["member", "editor", "admin"])
def test_every_role_can_change_its_account(app, english, login_as, role: str) -> None:
    user_id = login_as(role)
    assert _send(english, "/account/name", {"display_name": f"A {role}"}).status_code == 302
    assert _send(english, "/account/language", {"locale": "en"}).status_code == 302
    user = _user(app, user_id)
    assert user.display_name == f"A {role}" and user.locale == "en" and user.role == role


@pytest.mark.parametrize(("role", "label"), [("member", "Member"), ("editor", "Editor"), ("admin", "Admin")])
def test_page_shows_the_account(app, english, login_as, role: str, label: str) -> None:
    run_import(app, SMALL_FAMILY)
    session = app.extensions["famille.sessionmaker"]()
    helene = session.scalar(select(Person).where(Person.given_name == "Hélène")).person_id
    session.close()
    login_as(role, email="me@example.org", name="Hélène T.", person_id=helene)
    page = english.get("/account").get_data(as_text=True)
    assert "me@example.org" in page and "Hélène T." in page and f"<dd>{label}<br>" in page
    assert '<a href="/surnames/tremblay">Hélène Tremblay</a>' in page


def test_page_says_when_no_person_is_linked(english, login_as) -> None:
    login_as("member")
    assert "not linked to a person of the tree yet" in english.get("/account").get_data(as_text=True)


def test_the_menu_links_to_the_account(english, login_as) -> None:
    login_as("member", name="Sylvie")
    assert '<a href="/account">Sylvie</a>' in english.get("/").get_data(as_text=True)


def test_change_name(app, english, login_as) -> None:
    user_id = login_as("member", name="Old name")
    response = _send(english, "/account/name", {"display_name": "  Sylvie   Côté "})
    assert response.status_code == 302 and response.headers["Location"] == "/account"
    assert _user(app, user_id).display_name == "Sylvie Côté"
    assert "Your name is saved." in english.get("/account").get_data(as_text=True)


def test_too_long_name_is_refused_and_kept(app, english, login_as) -> None:
    user_id = login_as("member", name="Kept")
    long_name = "N" * 201
    response = _send(english, "/account/name", {"display_name": long_name})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and f'value="{long_name}"' in page and 'class="errors"' in page
    assert _user(app, user_id).display_name == "Kept"


def test_language_is_stored_and_applied(app, client, login_as) -> None:
    user_id = login_as("member")
    response = _send(client, "/account/language", {"locale": "en"})
    assert response.status_code == 302
    assert _user(app, user_id).locale == "en"
    assert '<html lang="en">' in client.get("/account", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    _send(client, "/account/language", {"locale": "fr"})
    assert '<html lang="fr">' in client.get("/account", headers={"Accept-Language": "en"}).get_data(as_text=True)


def test_unknown_language_is_refused(app, english, login_as) -> None:
    user_id = login_as("member")
    response = _send(english, "/account/language", {"locale": "de"})
    assert response.status_code == 200 and 'class="errors"' in response.get_data(as_text=True)
    assert _user(app, user_id).locale == ""


def test_change_password_ends_the_other_sessions(app, english, login_as) -> None:
    user_id = login_as("member", email="pw@example.org")
    other = app.test_client()
    assert log_in(other, "pw@example.org").status_code == 302
    data = {"current_password": PASSWORD, "new_password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD}
    response = _send(english, "/account/password", data)
    assert response.status_code == 302
    assert english.get("/account").status_code == 200  # this browser stays logged in
    assert other.get("/account").headers["Location"].startswith("/login")  # the other one is out
    assert _user(app, user_id).session_version == 2
    assert log_in(app.test_client(), "pw@example.org", NEW_PASSWORD).status_code == 302


@pytest.mark.parametrize(
    ("current", "new", "confirm", "message"),
    [
        ("wrong password!", NEW_PASSWORD, NEW_PASSWORD, "The current password is not right."),
        (PASSWORD, "short", "short", "at least 10 characters"),
        (PASSWORD, NEW_PASSWORD, "not the same one", "The two passwords are not the same."),
    ],
)
def test_bad_password_changes_say_why(app, english, login_as, current, new, confirm, message) -> None:
    user_id = login_as("member")
    data = {"current_password": current, "new_password": new, "confirm_password": confirm}
    response = _send(english, "/account/password", data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and message in page
    assert current not in page and new not in page  # passwords are never written back
    assert _user(app, user_id).session_version == 1


def test_change_email(app, english, login_as) -> None:
    user_id = login_as("member", email="old@example.org")
    response = _send(english, "/account/email", {"new_email": "New@Example.org", "email_password": PASSWORD})
    assert response.status_code == 302
    assert _user(app, user_id).email == "new@example.org"
    assert log_in(app.test_client(), "new@example.org").status_code == 302
    assert log_in(app.test_client(), "old@example.org").status_code == 200


@pytest.mark.parametrize(
    ("address", "password", "message"),
    [
        ("fresh@example.org", "wrong password!", "The current password is not right."),
        ("taken@example.org", PASSWORD, "An account already uses this e-mail address."),
        ("no-at-sign", PASSWORD, "not a valid e-mail address"),
    ],
)
def test_bad_email_changes_say_why_and_keep_the_address(
    app, english, login_as, make_user, address, password, message
) -> None:
    make_user("member", email="taken@example.org")
    user_id = login_as("member", email="mine@example.org")
    response = _send(english, "/account/email", {"new_email": address, "email_password": password})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and message in page and f'value="{address}"' in page
    assert _user(app, user_id).email == "mine@example.org"


def test_delete_account_keeps_the_person(app, english, login_as) -> None:
    run_import(app, SMALL_FAMILY)
    session = app.extensions["famille.sessionmaker"]()
    helene, marc = (session.scalar(select(Person.person_id).where(Person.given_name == n)) for n in ("Hélène", "Marc"))
    session.close()
    user_id = login_as("member", email="leaving@example.org", person_id=helene)
    session = app.extensions["famille.sessionmaker"]()
    session.add(Claim(user_id=user_id, person_id=marc))
    session.commit()
    session.close()

    confirm = english.get("/account/delete").get_data(as_text=True)
    assert "Hélène Tremblay stays in the family tree" in confirm
    refused = post_form(english, "/account/delete", {"delete_password": "wrong password!"})
    assert refused.status_code == 200 and "not right" in refused.get_data(as_text=True)
    assert _user(app, user_id) is not None

    response = post_form(english, "/account/delete", {"delete_password": PASSWORD})
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert "Log in" in english.get("/").get_data(as_text=True)
    session = app.extensions["famille.sessionmaker"]()
    assert session.get(User, user_id) is None
    assert session.get(Person, helene) is not None
    assert session.scalars(select(Claim)).all() == []
    session.close()
    assert log_in(app.test_client(), "leaving@example.org").status_code == 200


def test_the_only_admin_cannot_delete_their_account(app, english, login_as, make_user) -> None:
    user_id = login_as("admin")
    response = post_form(english, "/account/delete", {"delete_password": PASSWORD})
    assert response.status_code == 200 and "only admin" in response.get_data(as_text=True)
    assert _user(app, user_id) is not None
    make_user("admin")
    assert post_form(english, "/account/delete", {"delete_password": PASSWORD}).status_code == 302
    assert _user(app, user_id) is None


@pytest.mark.parametrize("page", POST_PAGES)
def test_posts_without_csrf_token_are_refused(app, client, login_as, page: str) -> None:
    user_id = login_as("member", name="Same")
    response = client.post(page, data={"display_name": "Changed", "delete_password": PASSWORD, "locale": "en"})
    assert response.status_code == 400
    user = _user(app, user_id)
    assert user is not None and user.display_name == "Same" and user.locale == ""
