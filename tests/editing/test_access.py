"""Who may open and use the editing pages: every role against every page, GET and POST.

Visitors are sent to log in; a member may edit only their own person's details (names, sex, events, notes), never
relatives, families or deletion; editors and admins may do everything. Each allowed POST records one change.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from famille.editing.names import NameInput, add_name
from famille.editing.services import Actor
from famille.models import Change, Event, Note, Person, PersonName
from tests.editing.helpers import EN, build_tree, post, token

DETAILS = [
    "hub",
    "sex",
    "add_name",
    "edit_name",
    "remove_name",
    "add_event",
    "edit_event",
    "remove_event",
    "add_note",
    "edit_note",
    "remove_note",
]
RELATIONS = ["parent", "partner", "child", "unlink", "delete", "family", "add_family_event"]


@pytest.fixture
def ids(app) -> dict[str, int]:
    """The small family, Hélène with a second name; ids of the rows the pages name."""
    tree = build_tree(app)
    session = app.extensions["famille.sessionmaker"]()
    try:
        helene = tree.helene
        add_name(
            session,
            person=session.get(Person, helene),
            name=NameInput(given="Lena", surname="Tremblay", name_type="aka"),
            actor=Actor(None, "set-up"),
        )
        session.commit()
        return {
            "helene": helene,
            "joseph": tree.joseph,
            "marc": tree.marc,
            "couple": tree.couple,
            "name": session.scalar(
                select(PersonName.name_id).where(PersonName.person_id == helene, PersonName.position == 0)
            ),
            "other_name": session.scalar(
                select(PersonName.name_id).where(PersonName.person_id == helene, PersonName.position == 1)
            ),
            "event": session.scalar(select(Event.event_id).where(Event.person_id == helene)),
            "note": session.scalar(select(Note.note_id).where(Note.person_id == helene)),
        }
    finally:
        session.close()


def _page(ids: dict[str, int], page: str) -> tuple[str, str, dict[str, str], str]:
    """(page to GET, URL to POST, data that changes something, form prefix) for ``page``."""
    h = f"/people/{ids['helene']}"
    pages = {
        "hub": (f"{h}/edit", f"{h}/sex", {"sex": "M"}, ""),
        "sex": (f"{h}/sex", f"{h}/sex", {"sex": "M"}, ""),
        "add_name": (f"{h}/names/new",) * 2 + ({"given": "Hélène", "surname": "Roy", "name_type": "married"}, ""),
        "edit_name": (f"{h}/names/{ids['name']}/edit",) * 2 + ({"given": "Hélène", "surname": "Tremblay-Roy"}, ""),
        "remove_name": (f"{h}/names/{ids['other_name']}/remove",) * 2 + ({}, ""),
        "add_event": (f"{h}/events/new",) * 2 + ({"tag": "OCCU", "value": "Infirmière"}, ""),
        "edit_event": (f"{h}/events/{ids['event']}/edit",) * 2 + ({"tag": "BIRT", "date_text": "5 JUL 1987"}, ""),
        "remove_event": (f"{h}/events/{ids['event']}/remove",) * 2 + ({}, ""),
        "add_note": (f"{h}/notes/new",) * 2 + ({"text": "Une nouvelle note."}, ""),
        "edit_note": (f"{h}/notes/{ids['note']}/edit",) * 2 + ({"text": "Une note changée."}, ""),
        "remove_note": (f"{h}/notes/{ids['note']}/remove",) * 2 + ({}, ""),
        "parent": (f"/people/{ids['joseph']}/relatives/parent", f"/people/{ids['joseph']}/relatives/parent/new",
                   {"new-given": "Jeanne", "new-surname": "Gagnon", "new-sex": "F"}, "new"),
        "partner": (f"{h}/relatives/partner?q=joseph", f"{h}/relatives/partner/existing?q=joseph",
                    {"link-other_id": str(ids["joseph"])}, "link"),
        "child": (f"{h}/relatives/child", f"{h}/relatives/child/new", {"new-given": "Léa", "new-sex": "F"}, "new"),
        "unlink": (f"{h}/relatives/remove?relation=parents&family={ids['couple']}",) * 2 + ({}, ""),
        "delete": (f"/people/{ids['joseph']}/delete",) * 2 + ({}, ""),
        "family": (f"/families/{ids['couple']}/edit", f"/families/{ids['couple']}/events/new",
                   {"tag": "MARR", "date_text": "1980"}, ""),
        "add_family_event": (f"/families/{ids['couple']}/events/new",) * 2 + ({"tag": "DIV", "date_text": "1999"}, ""),
    }  # fmt: skip
    return pages[page]


def _changes(app) -> int:
    session = app.extensions["famille.sessionmaker"]()
    try:
        return session.scalar(select(func.count()).select_from(Change))
    finally:
        session.close()


def _post_changes(app, client, ids, page: str) -> None:
    """The POST of ``page`` is accepted and records exactly one change."""
    view, url, data, prefix = _page(ids, page)
    before = _changes(app)
    response = post(client, url, data, page=view, prefix=prefix)
    assert response.status_code == 302, response.get_data(as_text=True)
    assert _changes(app) == before + 1


@pytest.mark.parametrize("page", DETAILS + RELATIONS)
def test_visitors_are_sent_to_log_in(app, client, ids, page: str) -> None:
    view, url, data, prefix = _page(ids, page)
    before = _changes(app)
    response = client.get(view)
    assert response.status_code == 302 and response.headers["Location"].startswith("/login?next=")
    key = f"{prefix}-csrf_token" if prefix else "csrf_token"
    response = client.post(url, data={**data, key: token(client, "/login")})
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    assert _changes(app) == before


@pytest.mark.parametrize("own_person", [False, True], ids=["no-person", "another-person"])
@pytest.mark.parametrize("page", DETAILS + RELATIONS)
def test_a_member_cannot_edit_someone_else(app, client, ids, login_as, page: str, own_person: bool) -> None:
    login_as("member", person_id=ids["marc"] if own_person else None)
    view, url, data, prefix = _page(ids, page)
    before = _changes(app)
    assert client.get(view, headers=EN).status_code == 403
    key = f"{prefix}-csrf_token" if prefix else "csrf_token"
    assert client.post(url, data={**data, key: token(client, "/")}).status_code == 403
    assert _changes(app) == before


@pytest.mark.parametrize("page", DETAILS)
def test_a_member_edits_the_details_of_their_own_person(app, client, ids, login_as, page: str) -> None:
    login_as("member", person_id=ids["helene"])
    assert client.get(_page(ids, page)[0], headers=EN).status_code == 200
    _post_changes(app, client, ids, page)


@pytest.mark.parametrize("page", RELATIONS)
def test_a_member_may_not_change_relatives_nor_delete_even_their_own(app, client, ids, login_as, page: str) -> None:
    login_as("member", person_id=ids["helene"])
    mine = {key: (ids["helene"] if key == "joseph" else value) for key, value in ids.items()}
    view, url, data, prefix = _page(mine, page)
    before = _changes(app)
    assert client.get(view, headers=EN).status_code == 403
    key = f"{prefix}-csrf_token" if prefix else "csrf_token"
    assert client.post(url, data={**data, key: token(client, "/")}).status_code == 403
    assert _changes(app) == before


@pytest.mark.parametrize("role", ["editor", "admin"])
@pytest.mark.parametrize("page", DETAILS + RELATIONS)
def test_editors_and_admins_edit_anyone(app, client, ids, login_as, role: str, page: str) -> None:
    login_as(role)
    assert client.get(_page(ids, page)[0], headers=EN).status_code == 200
    _post_changes(app, client, ids, page)


def test_the_person_page_offers_the_edit_menu_only_to_those_allowed(client, ids, login_as) -> None:
    page = f"/people/{ids['helene']}"
    assert f"/people/{ids['helene']}/edit" not in client.get(page, headers=EN).get_data(as_text=True)
    login_as("member", person_id=ids["helene"])
    html = client.get(page, headers=EN).get_data(as_text=True)
    assert f'href="/people/{ids["helene"]}/edit"' in html
    assert "/relatives/parent" not in html and "/delete" not in html
    other = client.get(f"/people/{ids['marc']}", headers=EN).get_data(as_text=True)
    assert f"/people/{ids['marc']}/edit" not in other


@pytest.mark.parametrize("role", ["editor", "admin"])
def test_editors_see_the_whole_menu(client, ids, login_as, role: str) -> None:
    login_as(role)
    html = client.get(f"/people/{ids['marc']}", headers=EN).get_data(as_text=True)
    for part in ("/edit", "/relatives/parent", "/relatives/partner", "/relatives/child", "/delete"):
        assert f'href="/people/{ids["marc"]}{part}"' in html
