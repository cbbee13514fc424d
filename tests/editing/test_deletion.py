"""Deleting a person: the confirmation says what goes; rows go, families lose them, accounts are unlinked."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from famille.models import Change, Event, Family, FamilyChild, NameToken, Note, Person, PersonName, ProfileLink, User
from tests.editing.helpers import EN, build_tree, changes_of, post, text_of


@pytest.fixture
def tree(app, login_as):
    built = build_tree(app)
    login_as("editor")
    return built


def _count(db, model, **where) -> int:
    query = select(func.count()).select_from(model)
    for column, value in where.items():
        query = query.where(getattr(model, column) == value)
    return db.scalar(query)


def test_the_confirmation_page_says_what_goes(app, client, tree, make_user) -> None:
    make_user("member", person_id=tree.marc, name="Marc T.")
    page = text_of(client.get(f"/people/{tree.marc}/delete", headers=EN))
    for expected in ("1 name", "1 life event", "0 notes", "1 profile link", "Sylvie Côté", "1 child", "Marc T."):
        assert expected in page, expected
    assert "The account is kept" in page


def test_deleting_removes_the_person_and_what_is_only_theirs(app, client, db, tree, make_user) -> None:
    user_id = make_user("member", person_id=tree.marc)
    response = post(client, f"/people/{tree.marc}/delete", {})
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert "Marc Tremblay is deleted from the tree." in text_of(client.get("/", headers=EN))
    db.expire_all()
    assert db.get(Person, tree.marc) is None
    for model in (PersonName, Event, Note, ProfileLink, NameToken, FamilyChild):
        assert _count(db, model, person_id=tree.marc) == 0, model
    family = db.get(Family, tree.couple)
    assert (family.partner1_id, family.partner2_id) == (None, tree.sylvie)
    assert _count(db, FamilyChild, family_id=tree.couple) == 1  # Hélène keeps her mother
    user = db.get(User, user_id)
    assert user is not None and user.person_id is None
    [change] = changes_of(app, "person_deleted")
    assert change.person_id is None and change.details["person_id"] == tree.marc
    assert change.details["old"]["given"] == "Marc" and change.details["old"]["uid"]
    assert change.details["unlinked_accounts"] == [user_id]
    assert client.get(f"/people/{tree.marc}").status_code == 404
    assert "Marc Tremblay" not in text_of(client.get(f"/people/{tree.helene}", headers=EN))


def test_a_family_left_with_nobody_goes(app, client, db, tree) -> None:
    page = f"/people/{tree.joseph}/relatives/partner"
    post(client, f"{page}/new", {"new-given": "Marie", "new-sex": "F"}, page=page, prefix="new")
    db.expire_all()
    family = db.scalar(select(Family).where(Family.partner1_id == tree.joseph))
    marie, family_id = family.partner2_id, family.family_id
    session = app.extensions["famille.sessionmaker"]()
    session.add(Event(family_id=family_id, tag="MARR", date_text="1915", extra=[]))
    session.commit()
    session.close()
    post(client, f"/people/{tree.joseph}/delete", {})
    db.expire_all()
    assert db.get(Family, family_id) is not None
    post(client, f"/people/{marie}/delete", {})
    db.expire_all()
    assert db.get(Family, family_id) is None and _count(db, Event, family_id=family_id) == 0


def test_earlier_changes_of_the_person_stay_in_the_log(app, client, db, tree) -> None:
    post(client, f"/people/{tree.joseph}/notes/new", {"text": "Une note"})
    post(client, f"/people/{tree.joseph}/delete", {})
    db.expire_all()
    [note_change] = db.scalars(select(Change).where(Change.kind == "note_added")).all()
    assert note_change.person_id is None and note_change.details["new"] == "Une note"
