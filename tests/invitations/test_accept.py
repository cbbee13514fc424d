"""Opening an invitation link: the welcome page, each state of a link, joining with a new or an existing account."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from famille.models import InvitationUse, User
from famille.security import limiter
from famille.site.services import set_setting
from tests.invitations.conftest import load_invitation
from tests.web import PASSWORD, csrf_token, log_in, post_form

EN = {"Accept-Language": "en"}
NEW_ACCOUNT = {
    "display_name": "Hélène Tremblay",
    "email": "helene@example.org",
    "password": "a long enough password",
    "confirm": "a long enough password",
    "language": "en",
}


def _users(app) -> list[User]:
    session = app.extensions["famille.sessionmaker"]()
    try:
        return list(session.scalars(select(User).order_by(User.user_id)))
    finally:
        session.close()


def _uses(app) -> int:
    session = app.extensions["famille.sessionmaker"]()
    try:
        return session.scalar(select(func.count()).select_from(InvitationUse)) or 0
    finally:
        session.close()


# --- the welcome page and every state of a link ----------------------------------------------------------------


def test_welcome_page_names_the_inviter_the_family_and_the_person(client, invite, family, make_user) -> None:
    inviter = make_user("editor", name="Sylvie Côté")
    _, token = invite(person_id=family["Hélène"], created_by=inviter, message="Bienvenue parmi nous !")
    response = client.get(f"/join/{token}", headers=EN)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Sylvie Côté invites you to join Famille Test" in page
    assert "You are Hélène, daughter of Marc Tremblay and Sylvie Côté." in page
    assert "Bienvenue parmi nous !" in page
    for relative in ("Luc Tremblay", "(1990)", "Antoine Gagnon", "Léa Gagnon", "(2015)", "(1950)"):
        assert relative in page
    assert "Joseph" not in page  # not close family
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["Cache-Control"] == "no-store"


def test_a_family_wide_link_has_no_person(client, invite) -> None:
    _, token = invite(max_uses=50)
    page = client.get(f"/join/{token}", headers=EN).get_data(as_text=True)
    assert "You are invited to join Famille Test" in page and "You are " not in page.replace("You are invited", "")


@pytest.mark.parametrize(
    ("options", "status", "text"),
    [
        ({"max_uses": 2, "used": 2}, 410, "This link has already been used"),
        ({"expired": True}, 410, "This link has expired"),
        ({"revoked": True}, 410, "This link was cancelled"),
    ],
)
def test_unusable_links_get_a_friendly_page_naming_the_inviter(client, invite, make_user, options, status, text):
    inviter = make_user("editor", name="Marc Tremblay")
    _, token = invite(created_by=inviter, **options)
    for url in (f"/join/{token}", f"/join/{token}/login", f"/join/{token}/card"):
        response = client.get(url, headers=EN)
        page = response.get_data(as_text=True)
        assert response.status_code == status
        assert text in page and "Ask Marc Tremblay, who invited you, for a new link" in page
        assert response.headers["Referrer-Policy"] == "no-referrer"
    response = client.post(f"/join/{token}", data={**NEW_ACCOUNT, "csrf_token": csrf_token(client, "/login")})
    assert response.status_code == status and _users(app=client.application)[1:] == []


@pytest.mark.parametrize("suffix", ["", "/login", "/card"])
def test_tampered_and_unknown_tokens_get_a_friendly_page(client, invite, suffix) -> None:
    _, token = invite()
    for bad in (token[:-2] + "xy", "x" * 32, "nope", "%00" * 40, "a" * 200, "é" * 40):
        response = client.get(f"/join/{bad}{suffix}", headers=EN)
        assert response.status_code == 404
        assert "This link does not work" in response.get_data(as_text=True)
        assert "Ask the person who sent you this link" in response.get_data(as_text=True)


def test_the_card_has_a_qr_code_and_prints_alone(client, invite, family) -> None:
    _, token = invite(person_id=family["Hélène"])
    response = client.get(f"/join/{token}/card", headers=EN)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and response.headers["Referrer-Policy"] == "no-referrer"
    assert '<svg viewBox="0 0' in page and 'class="qr"' in page and "<path" in page
    assert f"/join/{token}" in page and "Hélène, you are invited" in page
    assert "<script" not in page
    css = client.get("/static/css/famille.css").get_data(as_text=True)
    assert "@media print" in css and ".invitation-card" in css


# --- joining with a new account -------------------------------------------------------------------------------


def test_joining_creates_an_account_linked_to_the_person_with_the_role(app, client, invite, family) -> None:
    invitation_id, token = invite(person_id=family["Hélène"], role="editor", email="helene@example.org")
    page = client.get(f"/join/{token}", headers=EN).get_data(as_text=True)
    assert 'value="helene@example.org"' in page  # prefilled from the invitation
    response = post_form(client, f"/join/{token}", NEW_ACCOUNT, headers=EN)
    assert response.status_code == 302 and response.headers["Location"] == "/"
    home = client.get("/", headers=EN).get_data(as_text=True)
    assert "Welcome, you are now linked to Hélène Tremblay." in home and "Log out" in home
    [user] = _users(app)
    assert (user.email, user.person_id, user.role, user.locale) == (
        "helene@example.org",
        family["Hélène"],
        "editor",
        "en",
    )
    assert load_invitation(app, invitation_id).uses == 1 and _uses(app) == 1


def test_a_one_use_link_cannot_be_used_twice(app, client, invite) -> None:
    _, token = invite()
    assert post_form(client, f"/join/{token}", NEW_ACCOUNT).status_code == 302
    other = app.test_client()
    response = other.post(
        f"/join/{token}",
        data={**NEW_ACCOUNT, "email": "second@example.org", "csrf_token": csrf_token(other, "/login")},
        headers=EN,
    )
    assert response.status_code == 410 and "already been used" in response.get_data(as_text=True)
    assert [u.email for u in _users(app)] == ["helene@example.org"]


def test_a_shared_link_serves_several_people(app, invite) -> None:
    invitation_id, token = invite(max_uses=2)
    for number in (1, 2):
        client = app.test_client()
        data = {**NEW_ACCOUNT, "email": f"cousin{number}@example.org"}
        assert post_form(client, f"/join/{token}", data).status_code == 302
    assert load_invitation(app, invitation_id).uses == 2 and _uses(app) == 2
    assert app.test_client().get(f"/join/{token}").status_code == 410


def test_bad_registration_input_is_explained_and_kept(app, client, invite) -> None:
    _, token = invite()
    data = {**NEW_ACCOUNT, "email": "no-at-sign", "confirm": "something else"}
    response = post_form(client, f"/join/{token}", data, headers=EN)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "The two passwords are not the same." in page and 'value="Hélène Tremblay"' in page
    response = post_form(client, f"/join/{token}", {**NEW_ACCOUNT, "email": "no-at-sign"}, headers=EN)
    assert "is not a valid e-mail address" in response.get_data(as_text=True)
    assert _users(app) == [] and _uses(app) == 0


def test_an_address_already_taken_points_to_logging_in(app, client, invite, make_user) -> None:
    make_user("member", email="helene@example.org")
    invitation_id, token = invite()
    response = post_form(client, f"/join/{token}", NEW_ACCOUNT, headers=EN)
    page = response.get_data(as_text=True)
    assert "An account already uses this e-mail address." in page and f"/join/{token}/login" in page
    assert load_invitation(app, invitation_id).uses == 0


def test_a_person_already_claimed_is_refused_clearly(app, client, invite, family, make_user) -> None:
    invitation_id, token = invite(person_id=family["Hélène"])
    make_user("member", email="first@example.org", person_id=family["Hélène"])
    response = post_form(client, f"/join/{token}", NEW_ACCOUNT, headers=EN)
    assert "Hélène Tremblay is already linked to another account." in response.get_data(as_text=True)
    assert [u.email for u in _users(app)] == ["first@example.org"]
    assert load_invitation(app, invitation_id).uses == 0


# --- joining with an existing account -------------------------------------------------------------------------


def test_an_existing_account_logs_in_and_accepts(app, client, invite, family, make_user) -> None:
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"  # every request in English, the POSTs too
    user_id = make_user("member", email="luc@example.org")
    invitation_id, token = invite(person_id=family["Luc"], role="editor")
    wrong = post_form(client, f"/join/{token}/login", {"email": "luc@example.org", "password": "nope"}, headers=EN)
    assert wrong.status_code == 200 and "do not match an account" in wrong.get_data(as_text=True)
    assert 'value="luc@example.org"' in wrong.get_data(as_text=True)
    response = post_form(client, f"/join/{token}/login", {"email": "luc@example.org", "password": PASSWORD})
    assert response.status_code == 302
    [user] = _users(app)
    assert (user.user_id, user.person_id, user.role) == (user_id, family["Luc"], "editor")
    assert load_invitation(app, invitation_id).uses == 1
    assert "Welcome, you are now linked to Luc Tremblay." in client.get("/", headers=EN).get_data(as_text=True)


def test_a_logged_in_account_accepts_with_one_button(app, client, invite, family, make_user) -> None:
    user_id = make_user("member", email="sylvie@example.org")
    log_in(client, "sylvie@example.org")
    _, token = invite(person_id=family["Sylvie"])
    page = client.get(f"/join/{token}", headers=EN).get_data(as_text=True)
    assert "Join as sylvie@example.org" in page and "display_name" not in page
    assert post_form(client, f"/join/{token}", {}).status_code == 302
    assert _users(app)[0].person_id == family["Sylvie"] and _users(app)[0].user_id == user_id


def test_an_account_linked_to_another_person_is_refused(app, client, invite, family, make_user) -> None:
    make_user("member", email="luc@example.org", person_id=family["Luc"])
    invitation_id, token = invite(person_id=family["Hélène"])
    response = post_form(client, f"/join/{token}/login", {"email": "luc@example.org", "password": PASSWORD}, headers=EN)
    assert response.status_code == 200
    assert "already linked to Luc Tremblay" in response.get_data(as_text=True)
    assert _users(app)[0].person_id == family["Luc"] and load_invitation(app, invitation_id).uses == 0


# --- protections ----------------------------------------------------------------------------------------------


def test_accepting_without_csrf_token_is_refused(app, client, invite) -> None:
    invitation_id, token = invite()
    assert client.post(f"/join/{token}", data=NEW_ACCOUNT).status_code == 400
    login = {"email": "x@example.org", "password": PASSWORD}
    assert client.post(f"/join/{token}/login", data=login).status_code == 400
    assert _users(app) == [] and load_invitation(app, invitation_id).uses == 0


def test_accepting_is_rate_limited(client, invite) -> None:
    _, token = invite()
    data = {
        "email": "nobody@example.org",
        "password": "wrong",
        "csrf_token": csrf_token(client, f"/join/{token}/login"),
    }
    statuses = [client.post(f"/join/{token}/login", data=data).status_code for _ in range(11)]
    assert statuses[:10] == [200] * 10 and statuses[10] == 429
    # The other form, and guessing other tokens, share the same budget.
    assert client.post(f"/join/{token}", data=data).status_code == 429
    assert client.post("/join/" + "g" * 32, data=data).status_code == 429


def test_the_welcome_page_says_at_once_when_the_person_is_taken(client, invite, family, make_user) -> None:
    _, token = invite(person_id=family["Hélène"])
    make_user("member", email="first@example.org", person_id=family["Hélène"])
    page = client.get(f"/join/{token}", headers=EN).get_data(as_text=True)
    assert "Hélène Tremblay is already linked to another account." in page
    log_in(client, "first@example.org")
    page = client.get(f"/join/{token}", headers=EN).get_data(as_text=True)
    assert "already linked to another account" not in page and "Join as first@example.org" in page


def _race(app, token: str, prefix: str, racers: int = 4) -> list[int]:
    """Post the registration form from ``racers`` browsers at the same instant; their status codes."""
    clients = [app.test_client() for _ in range(racers)]
    forms = [
        {**NEW_ACCOUNT, "email": f"{prefix}-{index}@example.org", "csrf_token": csrf_token(client, "/login")}
        for index, client in enumerate(clients)
    ]
    start, statuses = threading.Barrier(racers), []

    def post(index: int) -> None:
        start.wait()
        statuses.append(clients[index].post(f"/join/{token}", data=forms[index]).status_code)

    threads = [threading.Thread(target=post, args=(index,)) for index in range(racers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(statuses)


def test_simultaneous_accepts_of_a_one_use_link_let_exactly_one_in(app, invite, monkeypatch) -> None:
    """Four browsers post at the same instant: one account is made, the others get the friendly page, no 500."""
    monkeypatch.setattr(limiter, "enabled", False)  # sixteen POSTs from one address would hit the limit
    for round_number in range(4):
        _, token = invite()
        assert _race(app, token, f"racer{round_number}") == [302, 410, 410, 410]
    assert len(_users(app)) == 4 and _uses(app) == 4


def test_a_private_site_still_opens_invitation_links_with_the_familys_chosen_name(app, client, invite) -> None:
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"  # every request in English, the POSTs too
    session = app.extensions["famille.sessionmaker"]()
    set_setting(session, "private_site", "1")
    set_setting(session, "family_name", "Les Tremblay du Saguenay")
    session.commit()
    session.close()
    _, token = invite(max_uses=3)
    for url in (f"/join/{token}", f"/join/{token}/login", f"/join/{token}/card"):
        response = client.get(url, headers=EN)
        assert response.status_code == 200 and "Les Tremblay du Saguenay" in response.get_data(as_text=True)
    assert post_form(client, f"/join/{token}", NEW_ACCOUNT).status_code == 302
    assert "Welcome to Les Tremblay du Saguenay!" in client.get("/", headers=EN).get_data(as_text=True)
