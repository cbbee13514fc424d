"""Every page of the claims blueprint against every role, CSRF refusals, and the privacy settings page."""

from __future__ import annotations

import pytest

from famille.privacy import PRIVACY_CLOSE_FAMILY, PRIVACY_MEMBERS
from tests.web import post_form

EN = {"Accept-Language": "en"}

#: page: the lowest role that may open it.
PAGES = {
    "/this-is-me": "member",
    "/this-is-me?q=tremblay": "member",
    "/this-is-me/{Julien}": "member",
    "/account/privacy": "member",
    "/approvals": "editor",
    "/not-yet-invited": "editor",
    "/not-yet-invited?branch={Henri}": "editor",
}
RANKS = ["visitor", "member", "editor", "admin"]


@pytest.mark.parametrize("role", RANKS)
@pytest.mark.parametrize("page", list(PAGES))
def test_each_page_for_each_role(client, login_as, family, role: str, page: str) -> None:
    login_as(role)
    url = page.format(**family)
    response = client.get(url, headers=EN)
    if role == "visitor":
        assert response.status_code == 302 and response.headers["Location"].startswith("/login?next=")
    elif RANKS.index(role) < RANKS.index(PAGES[page]):
        assert response.status_code == 403
    else:
        assert response.status_code == 200, response.get_data(as_text=True)[:500]
        assert "<h1>" in response.get_data(as_text=True)


@pytest.mark.parametrize("role", ["visitor", "member"])
def test_decisions_are_for_editors_only(client, login_as, family, role: str) -> None:
    login_as(role)
    token_page = "/this-is-me" if role == "member" else "/login"
    response = post_form(client, "/approvals/1/approve", {}, page=token_page)
    assert response.status_code == (403 if role == "member" else 302)


def test_nav_links_follow_permissions(client, login_as, family) -> None:
    login_as("member")
    page = client.get("/", headers=EN).get_data(as_text=True)
    assert 'href="/approvals"' not in page and 'href="/not-yet-invited"' not in page
    login_as("editor")
    page = client.get("/", headers=EN).get_data(as_text=True)
    assert 'href="/approvals"' in page and 'href="/not-yet-invited"' in page


@pytest.mark.parametrize(
    "url",
    ["/this-is-me/{Julien}", "/this-is-me/claims/1/withdraw", "/approvals/1/approve", "/approvals/1/reject"],
)
def test_posts_without_csrf_token_are_refused(client, login_as, family, read, url: str) -> None:
    login_as("admin")
    response = client.post(url.format(**family), data={"message": "x"})
    assert response.status_code == 400 and read.claims() == []


def test_privacy_form_without_csrf_token_is_refused(client, login_as, read) -> None:
    user_id = login_as("member")
    response = client.post("/account/privacy", data={"privacy": "close_family", "privacy_degree": "2"})
    assert response.status_code == 400 and read.user(user_id).privacy == PRIVACY_MEMBERS


def test_member_chooses_close_family(client, login_as, family, read) -> None:
    user_id = login_as("member", person_id=family["Hélène"])
    page = client.get("/account/privacy", headers=EN).get_data(as_text=True)
    assert '<input checked id="privacy-0" name="privacy" required type="radio" value="members">' in page
    response = post_form(client, "/account/privacy", {"privacy": "close_family", "privacy_degree": "3"}, headers=EN)
    assert response.status_code == 302
    user = read.user(user_id)
    assert (user.privacy, user.privacy_degree) == (PRIVACY_CLOSE_FAMILY, 3)
    assert "privacy_changed" in read.change_kinds()
    again = client.get("/account/privacy", headers=EN).get_data(as_text=True)
    assert '<option selected value="3">' in again and 'checked id="privacy-1"' in again


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"privacy": "close_family", "privacy_degree": "9"}, "one of the degrees shown"),
        ({"privacy": "close_family", "privacy_degree": "abc"}, "one of the degrees shown"),
        ({"privacy": "everyone", "privacy_degree": "2"}, "one of the options shown"),
    ],
)
def test_bad_privacy_input_gets_a_message_and_changes_nothing(client, login_as, read, data, message) -> None:
    user_id = login_as("member")
    response = post_form(client, "/account/privacy", data, headers=EN)
    assert response.status_code == 200 and message.lower() in response.get_data(as_text=True).lower()
    assert read.user(user_id).privacy == PRIVACY_MEMBERS


def test_privacy_page_says_when_the_account_is_not_linked(client, login_as) -> None:
    login_as("member")
    page = client.get("/account/privacy", headers=EN).get_data(as_text=True)
    assert "not linked to a person of the tree yet" in page and 'href="/this-is-me"' in page


def test_pages_speak_french(client, login_as, family) -> None:
    login_as("editor")
    page = client.get("/approvals", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert '<html lang="fr">' in page


def test_ids_beyond_the_database_are_not_found(client, login_as, family) -> None:
    login_as("admin")
    huge = "99999999999999999999"
    assert client.get(f"/this-is-me/{huge}").status_code == 404
    assert client.get(f"/not-yet-invited?branch={huge}").status_code == 404
    assert post_form(client, f"/approvals/{huge}/approve", {}, page="/approvals").status_code == 404
    assert post_form(client, f"/this-is-me/claims/{huge}/withdraw", {}, page="/approvals").status_code == 404
    assert client.get("/not-yet-invited?page=99999999999999999999").status_code == 200
