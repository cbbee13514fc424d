"""Names and sex edited on the site: the rows, the listing fields, the search words and the change log."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from famille.models import PersonName
from famille.people.search import search_people
from famille.privacy import Viewer
from tests.editing.helpers import EN, FR, build_tree, changes_of, person_row, post, text_of, token, tokens_of


@pytest.fixture
def tree(app, login_as):
    built = build_tree(app)
    login_as("editor")
    return built


def _names(db, person_id: int) -> list[PersonName]:
    db.expire_all()
    return list(db.scalars(select(PersonName).where(PersonName.person_id == person_id).order_by(PersonName.position)))


def _found(db, text: str) -> set[int]:
    result = search_people(db, text=text, viewer=Viewer(role="editor"))
    return {view.person_id for view in result.people}


def test_changing_the_main_name_updates_listing_search_and_log(app, client, db, tree) -> None:
    name_id = _names(db, tree.helene)[0].name_id
    url = f"/people/{tree.helene}/names/{name_id}/edit"
    response = post(client, url, {"given": "  Hélène   Marie ", "surname": "Bélanger", "nickname": "Lili"})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/people/{tree.helene}/edit#names")
    row = _names(db, tree.helene)[0]
    assert (row.given, row.surname, row.nickname, row.full) == (
        "Hélène Marie",
        "Bélanger",
        "Lili",
        "Hélène Marie /Bélanger/",
    )
    person = person_row(app, tree.helene)
    assert (person.given_name, person.surname, person.surname_key, person.nickname) == (
        "Hélène Marie",
        "Bélanger",
        "belanger",
        "Lili",
    )
    assert "belanger" in person.search_text and "tremblay" not in person.search_text
    assert {"helene", "marie", "belanger", "lili"} <= tokens_of(app, tree.helene)
    assert "tremblay" not in tokens_of(app, tree.helene)
    assert tree.helene in _found(db, "helene belanger") and tree.helene not in _found(db, "helene tremblay")
    [change] = changes_of(app, "person_edited")
    assert change.person_id == tree.helene and change.details["field"] == "name"
    assert change.details["old"]["surname"] == "Tremblay" and change.details["new"]["surname"] == "Bélanger"
    assert change.details["new"]["given"] == "Hélène Marie"
    assert person.updated_at is not None
    page = text_of(client.get(f"/people/{tree.helene}", headers=EN))
    assert "Hélène Marie Bélanger" in page


def test_a_married_name_fills_the_married_name_and_is_found(app, client, db, tree) -> None:
    url = f"/people/{tree.sylvie}/names/new"
    response = post(client, url, {"given": "Sylvie", "surname": "Tremblay", "name_type": "married"})
    assert response.status_code == 302
    names = _names(db, tree.sylvie)
    assert [(n.position, n.surname, n.name_type) for n in names] == [(0, "Côté", ""), (1, "Tremblay", "married")]
    person = person_row(app, tree.sylvie)
    assert person.surname == "Côté" and person.married_name == "Tremblay"
    assert tree.sylvie in _found(db, "sylvie tremblay")
    [change] = changes_of(app, "person_edited")
    assert change.details["old"] is None and change.details["new"]["name_type"] == "married"


def test_removing_another_name_forgets_its_words(app, client, db, tree) -> None:
    post(client, f"/people/{tree.sylvie}/names/new", {"given": "Sylvie", "surname": "Gauthier", "name_type": "aka"})
    assert "gauthier" in tokens_of(app, tree.sylvie)
    other = _names(db, tree.sylvie)[1]
    page = client.get(f"/people/{tree.sylvie}/names/{other.name_id}/remove", headers=EN)
    assert "Sylvie Gauthier" in text_of(page)
    response = post(client, f"/people/{tree.sylvie}/names/{other.name_id}/remove", {})
    assert response.status_code == 302
    assert [n.surname for n in _names(db, tree.sylvie)] == ["Côté"]
    assert "gauthier" not in tokens_of(app, tree.sylvie)
    removed = changes_of(app, "person_edited")[-1]
    assert removed.details["old"]["surname"] == "Gauthier" and removed.details["new"] is None


def test_the_main_name_cannot_be_removed(app, client, db, tree) -> None:
    main = _names(db, tree.marc)[0]
    response = post(client, f"/people/{tree.marc}/names/{main.name_id}/remove", {})
    assert response.status_code == 200
    assert "The main name cannot be removed" in text_of(response)
    assert len(_names(db, tree.marc)) == 1 and changes_of(app, "person_edited") == []


@pytest.mark.parametrize("headers", [EN, FR], ids=["en", "fr"])
def test_an_empty_name_is_refused_and_the_form_kept(app, client, db, tree, headers) -> None:
    name_id = _names(db, tree.marc)[0].name_id
    url = f"/people/{tree.marc}/names/{name_id}/edit"
    data = {"given": "   ", "surname": "", "nickname": "Ti-Marc", "csrf_token": token(client, url)}
    response = client.post(url, data=data, headers=headers)
    assert response.status_code == 200
    page = text_of(response)
    assert 'value="Ti-Marc"' in page and 'aria-invalid="true"' in page and '<ul class="errors"' in page
    assert f'<html lang="{headers["Accept-Language"]}">' in page
    assert _names(db, tree.marc)[0].given == "Marc" and changes_of(app, "person_edited") == []


def test_a_name_too_long_is_refused(app, client, db, tree) -> None:
    name_id = _names(db, tree.marc)[0].name_id
    response = post(client, f"/people/{tree.marc}/names/{name_id}/edit", {"given": "M" * 301, "surname": "Tremblay"})
    assert response.status_code == 200 and "At most 300 characters." in text_of(response)
    assert _names(db, tree.marc)[0].given == "Marc"


def test_slashes_cannot_break_the_gedcom_name(app, client, db, tree) -> None:
    name_id = _names(db, tree.marc)[0].name_id
    post(client, f"/people/{tree.marc}/names/{name_id}/edit", {"given": "Marc/André", "surname": "/Tremblay/"})
    row = _names(db, tree.marc)[0]
    assert (row.given, row.surname, row.full) == ("Marc André", "Tremblay", "Marc André /Tremblay/")


def test_an_unchanged_name_records_nothing(app, client, db, tree) -> None:
    name_id = _names(db, tree.marc)[0].name_id
    response = post(client, f"/people/{tree.marc}/names/{name_id}/edit", {"given": "Marc", "surname": "Tremblay"})
    assert response.status_code == 302
    assert changes_of(app, "person_edited") == []
    assert "Nothing was changed." in text_of(client.get(response.headers["Location"], headers=EN))


def test_sex_is_changed_and_logged(app, client, tree) -> None:
    page = text_of(client.get(f"/people/{tree.joseph}/sex", headers=EN))
    assert "Male" in page and "Female" in page and "Unknown" in page
    response = post(client, f"/people/{tree.joseph}/sex", {"sex": "F"})
    assert response.status_code == 302
    assert person_row(app, tree.joseph).sex == "F"
    [change] = changes_of(app, "person_edited")
    assert change.details == {"field": "sex", "old": "M", "new": "F"}


def test_an_unknown_sex_is_refused(app, client, tree) -> None:
    response = post(client, f"/people/{tree.joseph}/sex", {"sex": "Z"})
    assert response.status_code == 200 and "Choose one of the answers offered." in text_of(response)
    assert person_row(app, tree.joseph).sex == "M"


@pytest.mark.parametrize("page", ["edit", "sex", "names/new", "events/new", "notes/new", "relatives/child", "delete"])
def test_the_pages_answer_in_french(client, tree, page: str) -> None:
    response = client.get(f"/people/{tree.marc}/{page}", headers=FR)
    assert response.status_code == 200 and '<html lang="fr">' in response.get_data(as_text=True)
