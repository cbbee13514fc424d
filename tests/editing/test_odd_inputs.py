"""Odd input never gives a server error: huge or unknown ids, forged fields, long texts, missing CSRF tokens."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from famille.models import Change, Person
from tests.editing.helpers import EN, build_tree, post, text_of

NEW = "/people/{marc}/relatives/child/new"
EXISTING = "/people/{marc}/relatives/child/existing?q=x"


@pytest.fixture
def tree(app, login_as):
    built = build_tree(app)
    login_as("editor")
    return built


def _changes(db) -> int:
    db.expire_all()
    return db.scalar(select(func.count()).select_from(Change))


@pytest.mark.parametrize(
    "path",
    [
        "/people/99999999999999999999/edit",
        "/people/2147483647/edit",
        "/people/0/sex",
        "/people/{marc}/names/2147483647/edit",
        "/people/{marc}/names/99999999999/remove",
        "/people/{marc}/events/2147483647/edit",
        "/people/{marc}/events/0/remove",
        "/people/{marc}/notes/2147483647/edit",
        "/people/{marc}/notes/1/remove",
        "/people/{marc}/relatives/cousin",
        "/people/2147483647/relatives/parent",
        "/people/2147483647/delete",
        "/families/2147483647/edit",
        "/families/99999999999999/events/new",
        "/families/{couple}/events/2147483647/edit",
    ],
)
def test_unknown_or_huge_ids_are_not_found(client, tree, path: str) -> None:
    response = client.get(path.format(marc=tree.marc, couple=tree.couple), headers=EN)
    assert response.status_code == 404


@pytest.mark.parametrize(
    "url, data",
    [
        ("/people/{marc}/sex", {"sex": "F"}),
        ("/people/{marc}/names/new", {"given": "Marco"}),
        ("/people/{marc}/events/new", {"tag": "OCCU", "value": "x"}),
        ("/people/{marc}/notes/new", {"text": "x"}),
        (NEW, {"new-given": "X"}),
        ("/people/{marc}/relatives/partner/existing", {"link-other_id": "{joseph}"}),
        ("/people/{joseph}/delete", {}),
        ("/families/{couple}/events/new", {"tag": "DIV"}),
    ],
)
def test_a_post_without_its_csrf_token_is_refused(client, db, tree, url: str, data: dict) -> None:
    before = _changes(db)
    values = {key: value.format(joseph=tree.joseph) for key, value in data.items()}
    response = client.post(url.format(marc=tree.marc, joseph=tree.joseph, couple=tree.couple), data=values)
    assert response.status_code == 400
    assert _changes(db) == before
    forged = client.post(
        url.format(marc=tree.marc, joseph=tree.joseph, couple=tree.couple), data={**values, "csrf_token": "forged"}
    )
    assert forged.status_code == 400 and _changes(db) == before


@pytest.mark.parametrize(
    "url, data, prefix, message",
    [
        ("/people/{marc}/names/new", {"given": "M" * 10_240}, "", "At most 300 characters."),
        ("/people/{marc}/names/new", {"given": "Marc", "name_type": "x" * 5000}, "", None),
        ("/people/{marc}/events/new", {"tag": "RESI", "place": "P" * 10_240}, "", "At most 500 characters."),
        ("/people/{marc}/events/new", {"tag": "RESI", "date_text": "1" * 10_240}, "", "At most 200 characters."),
        ("/people/{marc}/events/new", {"tag": "EVEN", "event_type": "t" * 10_240}, "", "At most 200 characters."),
        ("/people/{marc}/events/new", {"tag": "OCCU", "value": "v" * 10_240}, "", "At most 2000 characters."),
        ("/people/{marc}/events/new", {"tag": "RESI", "year": "99999999999999999999"}, "", "A year is a number"),
        ("/people/{marc}/events/new", {"tag": "RESI", "month": "13", "year": "1950"}, "", "Not a valid choice"),
        ("/people/{marc}/events/new", {"tag": "RESI", "qualifier": "ENTRE", "year": "1950"}, "", "Not a valid choice"),
        ("/people/{marc}/sex", {"sex": "x" * 10_240}, "", "Choose one of the answers offered."),
        (NEW, {"new-given": "", "new-surname": ""}, "new", "Give at least a given"),
        (NEW, {"new-given": "A", "new-birth_year": "1e9"}, "new", "Not a valid integer"),
        (NEW, {"new-given": "A", "new-death_year": "-5"}, "new", "A year is a number"),
        (NEW, {"new-given": "A", "new-sex": "Q"}, "new", "Choose one of the answers"),
        (NEW, {"new-given": "A", "new-pedigree": "stolen"}, "new", "Not a valid choice"),
        (NEW, {"new-given": "A", "new-birth_year": "1990", "new-death_year": "1980"},
         "new", "The year of death comes before the year of birth."),
        (EXISTING, {"link-other_id": "99999999999999999999"}, "link", "Choose a person"),
        (EXISTING, {"link-other_id": "abc"}, "link", "Not a valid integer"),
        (EXISTING, {"link-other_id": "-3"}, "link", "Choose a person"),
    ],
)  # fmt: skip
def test_odd_values_are_explained_never_a_server_error(app, client, db, tree, url, data, prefix, message) -> None:
    people = db.scalar(select(func.count()).select_from(Person))
    before = _changes(db)
    target = url.format(marc=tree.marc)
    response = post(
        client,
        target,
        data,
        page=target.split("/new")[0]
        .split("/existing")[0]
        .replace("/names", "/names/new")
        .replace("/events", "/events/new")
        if prefix
        else None,
        prefix=prefix,
    )
    assert response.status_code in (200, 302)
    if message is None:
        assert response.status_code == 302  # an unknown kind of name is cut to length, not refused
        return
    assert response.status_code == 200 and message in text_of(response)
    assert _changes(db) == before and db.scalar(select(func.count()).select_from(Person)) == people


def test_a_child_family_that_is_not_a_number_makes_a_new_family(client, db, tree) -> None:
    page = f"/people/{tree.joseph}/relatives/child"
    response = post(client, f"{page}/new", {"new-given": "Émile", "new-family": "abc"}, page=page, prefix="new")
    assert response.status_code == 302


def test_a_nul_byte_is_refused(client, tree) -> None:
    response = post(client, f"/people/{tree.marc}/names/new", {"given": "Ma\x00rc"})
    assert response.status_code == 400


def test_get_only_pages_refuse_post(client, tree) -> None:
    assert client.post(f"/people/{tree.marc}/edit").status_code in (400, 405)
