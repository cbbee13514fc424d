"""The editors' invitation pages: access by role, creating, the link shown once, the list, revoking, extending."""

from __future__ import annotations

import html
import re
from urllib.parse import unquote

import pytest
from sqlalchemy import select

from famille.models import Change, Invitation
from tests.invitations.conftest import LINK, load_invitation
from tests.web import csrf_token, post_form

EN = {"Accept-Language": "en"}


def _create(client, data: dict | None = None, *, query: str = ""):
    """Create an invitation through the form; returns the response of the POST."""
    fields = {
        "person_id": "",
        "role": "member",
        "days": "30",
        "max_uses": "1",
        "message": "",
        "email": "",
        "language": "",
    } | (data or {})
    url = "/invitations/new" + (f"?q={query}" if query else "")
    return post_form(client, url, fields, headers=EN)


def _created_link(client, response) -> tuple[str, str]:
    """Follow a creation's redirect to the page that shows the link once; returns (page, token)."""
    assert response.status_code == 302, response.get_data(as_text=True)
    page = client.get(response.headers["Location"], headers=EN).get_data(as_text=True)
    match = LINK.search(page)
    assert match, page
    return page, match.group(1)


# --- access by role -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("role", "expected"), [("visitor", 302), ("member", 403), ("editor", 200), ("admin", 200)])
@pytest.mark.parametrize("page", ["/invitations", "/invitations/new", "/invitations/new?q=tremblay"])
def test_each_role_against_each_page(client, login_as, family, role, expected, page) -> None:
    login_as(role)
    response = client.get(page)
    assert response.status_code == expected
    if role == "visitor":
        assert response.headers["Location"].startswith("/login?next=")


@pytest.mark.parametrize(("role", "expected"), [("visitor", 302), ("member", 403)])
@pytest.mark.parametrize("action", ["revoke", "extend", "send", "created"])
def test_members_and_visitors_cannot_touch_invitations(app, client, login_as, invite, role, expected, action) -> None:
    invitation_id, token = invite()
    login_as(role)
    url = f"/invitations/{invitation_id}/{action}"
    if action == "created":
        response = client.get(url)
    else:
        response = client.post(url, data={"csrf_token": csrf_token(client, "/login"), "days": "5", "token": token})
    assert response.status_code == expected
    assert load_invitation(app, invitation_id).revoked_at is None


def test_the_menu_links_to_invitations_for_editors_only(client, login_as) -> None:
    login_as("member")
    assert 'href="/invitations"' not in client.get("/").get_data(as_text=True)
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    login_as("editor")
    assert 'href="/invitations"' in client.get("/").get_data(as_text=True)


# --- creating -------------------------------------------------------------------------------------------------


def test_the_person_picker_finds_people_without_accents(client, login_as, family, make_user) -> None:
    make_user("member", person_id=family["Luc"])
    login_as("editor")
    page = client.get("/invitations/new?q=helene", headers=EN).get_data(as_text=True)
    assert "Hélène Tremblay (1987)" in page and f'value="{family["Hélène"]}"' in page
    page = client.get("/invitations/new?q=TREMBLAY", headers=EN).get_data(as_text=True)
    luc = re.search(rf'<input[^>]*value="{family["Luc"]}"[^>]*>', page).group(0)
    assert "disabled" in luc and "already has an account" in page
    page = client.get("/invitations/new?q=zzz", headers=EN).get_data(as_text=True)
    assert "Nobody in the tree matches “zzz”" in page


def test_a_person_can_be_chosen_in_advance(client, login_as, family) -> None:
    login_as("editor")
    page = client.get(f"/invitations/new?person_id={family['Hélène']}", headers=EN).get_data(as_text=True)
    radio = re.search(rf'<input[^>]*value="{family["Hélène"]}"[^>]*>', page).group(0)
    assert "checked" in radio


def test_create_shows_the_link_once_with_messages_mailto_and_card(app, client, login_as, family) -> None:
    login_as("editor", name="Marc Tremblay")
    response = _create(
        client,
        {"person_id": str(family["Hélène"]), "message": "Viens voir l'arbre !", "email": "helene@example.org"},
        query="helene",
    )
    page, token = _created_link(client, response)
    assert "This link is shown only this once" in page
    # The ready-to-send message in French and in English, whatever the page's language (dates show which).
    french = re.search(r'<textarea id="message-fr"[^>]*>(.*?)</textarea>', page, re.S).group(1)
    english = re.search(r'<textarea id="message-en"[^>]*>(.*?)</textarea>', page, re.S).group(1)
    assert re.search(
        r"\d+ (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) ", french
    )
    assert re.search(
        r"(January|February|March|April|May|June|July|August|September|October|November|December) \d+, ", english
    )
    for message in (french, english):
        assert "Hélène" in message and "Viens voir l&#39;arbre !" in message and f"/join/{token}" in message
    mailto = html.unescape(re.search(r'href="(mailto:[^"]+)"', page).group(1))
    assert mailto.startswith("mailto:helene@example.org?subject=") and " " not in mailto
    assert f"/join/{token}" in unquote(mailto)
    assert f'href="/join/{token}/card"' in page
    assert 'src="/static/js/copy.js"' in page and "<script>" not in page
    invitation = load_invitation(app, int(response.headers["Location"].split("/")[-2]))
    assert invitation.person_id == family["Hélène"] and invitation.email == "helene@example.org"
    # A reload does not show the link again.
    again = client.get(response.headers["Location"], headers=EN)
    assert again.status_code == 200 and token not in again.get_data(as_text=True)
    assert "This link was already shown" in again.get_data(as_text=True)
    assert again.headers["Cache-Control"] == "no-store"


def test_the_send_form_appears_only_with_mail_configured(client, login_as) -> None:
    login_as("editor")
    page, _ = _created_link(client, _create(client))
    assert "does not send e-mail itself" in page and "/send" not in page


def test_bad_input_is_explained_and_kept(client, login_as) -> None:
    login_as("editor")
    response = _create(client, {"days": "400", "max_uses": "0", "message": "Mon message gardé", "email": "x"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Mon message gardé" in page and 'value="400"' in page
    assert page.count('class="errors"') >= 2


def test_an_editor_cannot_create_an_admin_invitation(app, client, login_as) -> None:
    login_as("editor")
    page = client.get("/invitations/new", headers=EN).get_data(as_text=True)
    assert 'value="editor"' in page and 'value="admin"' not in page
    response = _create(client, {"role": "admin"})
    assert response.status_code == 200 and "Not a valid choice" in response.get_data(as_text=True)
    session = app.extensions["famille.sessionmaker"]()
    assert session.scalar(select(Invitation.invitation_id)) is None
    session.close()


def test_an_admin_can_create_an_admin_invitation(app, client, login_as) -> None:
    login_as("admin")
    _, token = _created_link(client, _create(client, {"role": "admin", "max_uses": "3"}))
    session = app.extensions["famille.sessionmaker"]()
    invitation = session.scalar(select(Invitation))
    session.close()
    assert invitation.role == "admin" and invitation.max_uses == 3
    assert token not in invitation.token_hash


def test_creating_without_csrf_token_is_refused(app, client, login_as) -> None:
    login_as("admin")
    response = client.post("/invitations/new", data={"person_id": "", "role": "member", "days": "30", "max_uses": "1"})
    assert response.status_code == 400
    session = app.extensions["famille.sessionmaker"]()
    assert session.scalar(select(Invitation.invitation_id)) is None
    session.close()


def test_revoke_and_extend_without_csrf_token_are_refused(app, client, login_as, invite) -> None:
    invitation_id, _ = invite()
    login_as("admin")
    assert client.post(f"/invitations/{invitation_id}/revoke").status_code == 400
    assert client.post(f"/invitations/{invitation_id}/extend", data={"days": "3"}).status_code == 400
    assert load_invitation(app, invitation_id).revoked_at is None


# --- the list, revoking, extending ---------------------------------------------------------------------------


def test_the_list_shows_states_creators_people_and_who_joined(app, client, login_as, invite, family, make_user) -> None:
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"  # every request in English, the POSTs too
    editor = make_user("editor", name="Sylvie Côté")
    invite(person_id=family["Hélène"], created_by=editor)
    invite(max_uses=3, used=1)
    invite(expired=True)
    invite(revoked=True)
    invite(max_uses=2, used=2)
    _, token = invite(max_uses=5)
    post_form(
        client,
        f"/join/{token}",
        {
            "display_name": "Luc T",
            "email": "luc@example.org",
            "password": "a long password",
            "confirm": "a long password",
            "language": "en",  # the newcomer's choice stays with this browser after logging out
        },
    )
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    login_as("editor")
    page = client.get("/invitations", headers=EN).get_data(as_text=True)
    states = re.findall(r'data-state="([a-z_]+)"', page)
    assert sorted(states) == sorted(["pending", "used", "expired", "revoked", "used_up", "used"])
    assert "Used 1/3" in page and "Used up (2/2)" in page and "Expired" in page and "Revoked" in page
    assert "For Hélène Tremblay" in page and "by Sylvie Côté" in page and "from the command line" in page
    assert "Luc T" in page


def test_revoke_then_the_link_stops_working(app, client, login_as, invite) -> None:
    invitation_id, token = invite()
    login_as("editor")
    response = post_form(client, f"/invitations/{invitation_id}/revoke", {}, page="/invitations", headers=EN)
    assert response.status_code == 302
    page = client.get("/invitations", headers=EN).get_data(as_text=True)
    assert f"Invitation {invitation_id} is revoked" in page
    assert load_invitation(app, invitation_id).revoked_at is not None
    assert client.get(f"/join/{token}").status_code == 410


def test_extend_gives_an_expired_link_new_life(app, client, login_as, invite) -> None:
    invitation_id, token = invite(expired=True)
    login_as("editor")
    assert client.get(f"/join/{token}").status_code == 410
    response = post_form(client, f"/invitations/{invitation_id}/extend", {"days": "7"}, page="/invitations")
    assert response.status_code == 302
    assert client.get(f"/join/{token}").status_code == 200
    bad = post_form(client, f"/invitations/{invitation_id}/extend", {"days": "abc"}, page="/invitations", headers=EN)
    assert bad.status_code == 302
    assert "between 1 and 365" in client.get("/invitations", headers=EN).get_data(as_text=True)


def test_an_editor_cannot_revoke_a_missing_invitation_nor_extend_an_admin_one(client, login_as, invite) -> None:
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"  # every request in English, the POSTs too
    admin_invitation, _ = invite(role="admin")
    login_as("editor")
    page = client.get("/invitations", headers=EN).get_data(as_text=True)
    assert f"/invitations/{admin_invitation}/extend" not in page
    post_form(client, f"/invitations/{admin_invitation}/extend", {"days": "7"}, page="/invitations")
    assert "You may not change an invitation as admin" in client.get("/invitations", headers=EN).get_data(as_text=True)
    post_form(client, "/invitations/99999/revoke", {}, page="/invitations")
    assert "no invitation number 99999" in client.get("/invitations", headers=EN).get_data(as_text=True)


def test_changes_are_recorded_with_the_actor(app, client, login_as, invite) -> None:
    user_id = login_as("editor")
    _created_link(client, _create(client))
    session = app.extensions["famille.sessionmaker"]()
    change = session.scalar(select(Change).where(Change.kind == "invitation_created"))
    session.close()
    assert change.user_id == user_id and change.actor.startswith("editor-")
