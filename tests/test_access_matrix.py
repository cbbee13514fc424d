"""Every page, for every role: never a server error; protected pages send visitors to log in; every form POST
without its CSRF token is refused."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from famille.models import Family, Person, Place
from tests.imports.helpers import SMALL_FAMILY, run_import

ROLES = ["visitor", "member", "editor", "admin"]
#: Pages anyone may open; every other GET page needs an account.
PUBLIC = {
    "site.home",
    "site.set_language",
    "static",
    "people.surnames",
    "people.surname",
    "people.person",
    "people.family",
    "people.place_index",
    "people.place",
    "people.search",
    "charts.person",
    "charts.descendants",
    "charts.ancestors",
    "charts.relationship",
    "charts.family",
    "charts.index",
    "charts.job_status",
    "auth.login",
    "auth.forgot_password",
    "auth.reset_password",
    "feed.index",
    "news.show",
    "news.photo",
    "mailing.unsubscribe",
    "mailing.still_right",
    "feeds.dates",
}


def _public(endpoint: str) -> bool:
    return endpoint in PUBLIC or endpoint.startswith("invitations.accept") or endpoint.startswith("invitations.join")


def _sample_urls(app, ids: dict[str, int]) -> list[tuple[str, str, str]]:
    """(endpoint, method, url) for every rule, its parts filled with ids that exist."""
    urls = []
    for rule in app.url_map.iter_rules():
        values = {}
        for argument in rule.arguments:
            converter = rule._converters[argument].__class__.__name__
            if converter in ("BoundedInt", "IntegerConverter"):
                values[argument] = ids.get(argument, ids["person_id"])
            elif converter == "AnyConverter":
                values[argument] = sorted(rule._converters[argument].items)[0]
            else:
                values[argument] = "demo.css" if rule.endpoint == "static" else "x"
        with app.test_request_context():
            from flask import url_for

            url = url_for(rule.endpoint, **values)
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            urls.append((rule.endpoint, method, url))
    return urls


@pytest.fixture
def ids(app, db) -> dict[str, int]:
    run_import(app, SMALL_FAMILY)
    person = db.scalar(select(Person.person_id).where(Person.xref == "I3"))
    return {
        "person_id": person,
        "family_id": db.scalar(select(Family.family_id)),
        "place_id": db.scalar(select(Place.place_id)),
    }


@pytest.mark.parametrize("role", ROLES)
def test_every_get_page_answers_without_error(app, client, ids, login_as, role) -> None:
    login_as(role)
    for endpoint, method, url in _sample_urls(app, ids):
        if method != "GET" or endpoint in {"auth.logout"}:
            continue
        response = client.get(url)
        assert response.status_code < 500, (role, endpoint, url, response.status_code)
        if role == "visitor" and not _public(endpoint) and response.status_code == 302:
            assert "/login" in response.headers["Location"], (endpoint, response.headers["Location"])
        if role == "visitor" and not _public(endpoint):
            assert response.status_code in (302, 401, 403, 404), (endpoint, url, response.status_code)


@pytest.mark.parametrize("role", ROLES)
def test_every_post_without_csrf_token_is_refused(app, client, ids, login_as, role) -> None:
    login_as(role)
    posts = [(endpoint, url) for endpoint, method, url in _sample_urls(app, ids) if method == "POST"]
    assert posts, "the site has forms"
    for endpoint, url in posts:
        response = client.post(url, data={"anything": "x"})
        assert response.status_code in (400, 404), (role, endpoint, url, response.status_code)
