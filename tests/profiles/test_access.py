"""Who may open and use the link pages: every role against every page, GET and POST."""

from __future__ import annotations

import pytest

from tests.profiles.helpers import EN, build_family, links_of
from tests.web import csrf_token


@pytest.fixture
def family(app):
    return build_family(app)


def _pages(family) -> dict[str, str]:
    base = f"/people/{family.helene}/links"
    return {"list": base, "edit": f"{base}/{family.helene_link}/edit", "remove": f"{base}/{family.helene_link}/remove"}


def _post_data(family, page: str) -> tuple[str, dict[str, str]]:
    """A POST that would change something on ``page``."""
    pages = _pages(family)
    if page == "list":
        return pages["list"], {"url": "https://github.com/helene-demo", "label": ""}
    if page == "edit":
        return pages["edit"], {"url": "https://www.facebook.com/someone.else", "label": "changed"}
    return pages["remove"], {}


PAGES = ["list", "edit", "remove"]


@pytest.mark.parametrize("page", PAGES)
def test_visitors_are_sent_to_log_in(client, family, page: str) -> None:
    url = _pages(family)[page]
    response = client.get(url)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=") and "links" in response.headers["Location"]


@pytest.mark.parametrize("page", PAGES)
def test_visitors_cannot_post(app, client, family, page: str) -> None:
    before = [(link.url, link.label) for link in links_of(app, family.helene)]
    url, data = _post_data(family, page)
    response = client.post(url, data={**data, "csrf_token": csrf_token(client, "/login")})
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    assert [(link.url, link.label) for link in links_of(app, family.helene)] == before


@pytest.mark.parametrize("own_person", [False, True], ids=["no-person", "another-person"])
@pytest.mark.parametrize("page", PAGES)
def test_a_member_cannot_edit_someone_elses_links(app, client, family, login_as, page: str, own_person: bool) -> None:
    login_as("member", person_id=family.marc if own_person else None)
    assert client.get(_pages(family)[page], headers=EN).status_code == 403
    before = [(link.url, link.label) for link in links_of(app, family.helene)]
    url, data = _post_data(family, page)
    response = client.post(url, data={**data, "csrf_token": csrf_token(client, "/")})
    assert response.status_code == 403
    assert [(link.url, link.label) for link in links_of(app, family.helene)] == before


@pytest.mark.parametrize("page", PAGES)
def test_a_member_edits_their_own_claimed_person(app, client, family, login_as, page: str) -> None:
    login_as("member", person_id=family.helene)
    assert client.get(_pages(family)[page], headers=EN).status_code == 200
    _post_and_check_changed(app, client, family, page)


@pytest.mark.parametrize("role", ["editor", "admin"])
@pytest.mark.parametrize("page", PAGES)
def test_editors_and_admins_edit_anyone(app, client, family, login_as, role: str, page: str) -> None:
    login_as(role)
    assert client.get(_pages(family)[page], headers=EN).status_code == 200
    _post_and_check_changed(app, client, family, page)


def _post_and_check_changed(app, client, family, page: str) -> None:
    before = [(link.url, link.label) for link in links_of(app, family.helene)]
    url, data = _post_data(family, page)
    response = client.post(url, data={**data, "csrf_token": csrf_token(client, url)})
    assert response.status_code == 302 and response.headers["Location"].startswith(_pages(family)["list"])
    assert [(link.url, link.label) for link in links_of(app, family.helene)] != before


@pytest.mark.parametrize("role", ["member", "editor", "admin"])
def test_every_role_edits_its_own_person(client, family, login_as, role: str) -> None:
    login_as(role, person_id=family.joseph)
    assert client.get(f"/people/{family.joseph}/links", headers=EN).status_code == 200


@pytest.mark.parametrize("role", ["editor", "admin"])
def test_unknown_person_or_link_is_not_found(client, family, login_as, role: str) -> None:
    login_as(role)
    token = csrf_token(client, "/")
    assert client.get("/people/999999/links").status_code == 404
    assert client.post("/people/999999/links", data={"csrf_token": token, "url": "github.com/x"}).status_code == 404
    assert client.get(f"/people/{family.helene}/links/999999/edit").status_code == 404
    assert client.get("/people/99999999999999999999999/links").status_code == 404
    assert client.get(f"/people/{family.helene}/links/99999999999999999999999/remove").status_code == 404
    # A link reached through another person's address is not found there.
    assert client.get(f"/people/{family.marc}/links/{family.helene_link}/edit").status_code == 404
    response = client.post(f"/people/{family.marc}/links/{family.helene_link}/remove", data={"csrf_token": token})
    assert response.status_code == 404


def test_a_member_cannot_reach_their_own_link_through_another_person(app, client, family, login_as) -> None:
    login_as("member", person_id=family.marc)
    token = csrf_token(client, "/")
    response = client.post(f"/people/{family.marc}/links/{family.helene_link}/remove", data={"csrf_token": token})
    assert response.status_code == 404
    assert [link.link_id for link in links_of(app, family.helene)] == [family.helene_link]


def test_posts_without_the_csrf_token_are_refused(app, client, family, login_as) -> None:
    login_as("editor")
    before = [(link.url, link.label) for link in links_of(app, family.helene)]
    for page in PAGES:
        url, data = _post_data(family, page)
        assert client.post(url, data=data).status_code == 400
        assert client.post(url, data={**data, "csrf_token": "forged"}).status_code == 400
    assert [(link.url, link.label) for link in links_of(app, family.helene)] == before
