"""Adding parents, partners and children (new people or people already in the tree), and removing ties."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from famille.models import Family, FamilyChild, Person, PersonName
from famille.people.search import search_people
from famille.privacy import Viewer
from tests.editing.helpers import EN, build_tree, changes_of, person_row, post, text_of


@pytest.fixture
def tree(app, login_as):
    built = build_tree(app)
    login_as("editor")
    return built


def _new(client, person_id: int, relation: str, **fields: str):
    data = {f"new-{key}": value for key, value in fields.items()}
    page = f"/people/{person_id}/relatives/{relation}"
    return post(client, f"{page}/new", data, page=page, prefix="new")


def _link(client, person_id: int, relation: str, other_id: int, query: str = "x", **fields: str):
    data = {"link-other_id": str(other_id), **{f"link-{key}": value for key, value in fields.items()}}
    page = f"/people/{person_id}/relatives/{relation}"
    return post(client, f"{page}/existing?q={query}", data, page=page, prefix="link")


def _parent_families(db, person_id: int) -> list[Family]:
    db.expire_all()
    return list(
        db.scalars(
            select(Family)
            .join(FamilyChild, FamilyChild.family_id == Family.family_id)
            .where(FamilyChild.person_id == person_id)
        )
    )


def _count(db, model) -> int:
    return db.scalar(select(func.count()).select_from(model))


def test_a_new_parent_makes_the_family_and_a_second_joins_it(app, client, db, tree) -> None:
    response = _new(client, tree.joseph, "parent", given="Jeanne", surname="Gagnon", sex="F", **{"birth_year": "1860"})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/people/{tree.joseph}/edit#family")
    [family] = _parent_families(db, tree.joseph)
    mother = db.get(Person, family.partner2_id)
    assert family.partner1_id is None and family.origin == "site" and family.uid
    assert (mother.given_name, mother.surname, mother.sex, mother.origin) == ("Jeanne", "Gagnon", "F", "site")
    assert (mother.birth_date, mother.birth_sort) == ("1860", 18600101) and not mother.living
    assert db.scalar(select(PersonName.full).where(PersonName.person_id == mother.person_id)) == "Jeanne /Gagnon/"
    found = search_people(db, text="jeanne gagnon", viewer=Viewer(role="editor")).people
    assert [view.person_id for view in found] == [mother.person_id]
    [change] = changes_of(app, "person_added")
    assert change.person_id == mother.person_id and change.family_id == family.family_id
    assert change.details["relation"] == "parent" and change.details["of"] == tree.joseph
    assert change.details["new"]["given"] == "Jeanne" and change.details["old"] is None
    _new(client, tree.joseph, "parent", given="Louis", surname="Tremblay", sex="M")
    [family] = _parent_families(db, tree.joseph)
    father = db.get(Person, family.partner1_id)
    assert father.given_name == "Louis" and family.partner2_id == mother.person_id
    assert "Louis Tremblay" in text_of(client.get(f"/people/{tree.joseph}", headers=EN))


def test_a_third_parent_is_refused_and_nobody_is_created(app, client, db, tree) -> None:
    people = _count(db, Person)
    response = _new(client, tree.helene, "parent", given="Autre", surname="Parent", sex="M", birth_year="1940")
    page = text_of(response)
    assert response.status_code == 200 and "already has two parents" in page
    assert 'value="Autre"' in page and 'value="1940"' in page
    db.expire_all()
    assert _count(db, Person) == people and changes_of(app, "person_added") == []


def test_an_adoptive_parent_gets_a_family_of_their_own(app, client, db, tree) -> None:
    _new(client, tree.helene, "parent", given="Rose", surname="Adam", sex="F", pedigree="adopted")
    families = _parent_families(db, tree.helene)
    assert len(families) == 2
    pedigree = db.scalar(
        select(FamilyChild.pedigree).where(FamilyChild.person_id == tree.helene, FamilyChild.family_id != tree.couple)
    )
    assert pedigree == "adopted"


def test_the_picker_finds_people_by_name_without_the_person_themself(app, client, tree) -> None:
    page = text_of(client.get(f"/people/{tree.marc}/relatives/parent?q=tremblay", headers=EN))
    assert f'value="{tree.joseph}"' in page and f'value="{tree.helene}"' in page
    assert f'name="link-other_id" value="{tree.marc}"' not in page
    assert "child of" in page  # Hélène's parents tell namesakes apart
    empty = text_of(client.get(f"/people/{tree.marc}/relatives/parent?q=zzzz", headers=EN))
    assert "Nobody in the tree matches “zzzz”." in empty


def test_an_existing_person_becomes_a_parent(app, client, db, tree) -> None:
    response = _link(client, tree.marc, "parent", tree.joseph, query="joseph")
    assert response.status_code == 302
    [family] = _parent_families(db, tree.marc)
    assert (family.partner1_id, family.partner2_id, family.origin) == (tree.joseph, None, "site")
    [change] = changes_of(app, "relation_added")
    assert change.person_id == tree.marc and change.details["other_id"] == tree.joseph
    assert change.details["relation"] == "parent" and change.details["family_id"] == family.family_id
    assert person_row(app, tree.joseph).updated_at is not None


def test_choosing_nobody_is_explained_with_the_results_kept(client, tree) -> None:
    page = f"/people/{tree.marc}/relatives/parent"
    response = post(client, f"{page}/existing?q=joseph", {}, page=page, prefix="link")
    text = text_of(response)
    assert response.status_code == 200 and "Choose a person from the list." in text
    assert f'value="{tree.joseph}"' in text


def test_a_partner_new_or_existing_makes_a_couple(app, client, db, tree) -> None:
    assert _new(client, tree.joseph, "partner", given="Marie", surname="Lavoie", sex="F").status_code == 302
    db.expire_all()
    couple = db.scalar(select(Family).where(Family.partner1_id == tree.joseph))
    assert db.get(Person, couple.partner2_id).given_name == "Marie"
    response = _link(client, tree.helene, "partner", tree.joseph)
    assert response.status_code == 302
    db.expire_all()
    assert db.scalar(select(Family).where(Family.partner1_id == tree.joseph, Family.partner2_id == tree.helene))
    again = _link(client, tree.joseph, "partner", tree.helene)
    assert again.status_code == 200 and "These two people are already partners." in text_of(again)


def test_a_child_joins_the_chosen_couple_or_a_new_family(app, client, db, tree) -> None:
    page = text_of(client.get(f"/people/{tree.marc}/relatives/child", headers=EN))
    assert "Sylvie Côté" in page and "Another or an unknown parent" in page
    response = _new(client, tree.marc, "child", given="Paul", surname="Tremblay", sex="M", family=str(tree.couple))
    assert response.status_code == 302
    db.expire_all()
    children = db.execute(
        select(FamilyChild.person_id, FamilyChild.position).where(FamilyChild.family_id == tree.couple)
    ).all()
    paul = db.scalar(select(Person.person_id).where(Person.given_name == "Paul"))
    assert sorted(children, key=lambda row: row[1]) == [(tree.helene, 0), (paul, 1)]
    assert "Paul Tremblay" in text_of(client.get(f"/people/{tree.sylvie}", headers=EN))
    _new(client, tree.marc, "child", given="Luc", surname="Tremblay", sex="M", family="")
    [family] = _parent_families(db, db.scalar(select(Person.person_id).where(Person.given_name == "Luc")))
    assert (family.partner1_id, family.partner2_id) == (tree.marc, None)


def test_a_child_of_a_dead_man_without_dates_is_not_counted_living(app, client, db, tree) -> None:
    _new(client, tree.joseph, "child", given="Émile", surname="Tremblay", sex="M")
    emile = db.scalar(select(Person).where(Person.given_name == "Émile"))
    assert emile.birth_date == "" and not emile.living  # born about 1915, from his father's 1890


@pytest.mark.parametrize(
    "person, relation, other, message",
    [
        ("marc", "parent", "marc", "A person cannot be their own relative."),
        ("marc", "parent", "helene", "A descendant of Marc Tremblay cannot be their parent."),
        ("helene", "child", "marc", "An ancestor of Hélène Tremblay cannot be their child."),
        ("helene", "parent", "marc", "This person is already a parent of Hélène Tremblay."),
        ("marc", "child", "helene", "This person is already a child of Marc Tremblay."),
    ],
)
def test_impossible_ties_are_refused(app, client, db, tree, person, relation, other, message) -> None:
    families = _count(db, Family)
    response = _link(client, getattr(tree, person), relation, getattr(tree, other), family="")
    assert response.status_code == 200 and message in text_of(response)
    db.expire_all()
    assert _count(db, Family) == families and changes_of(app, "relation_added") == []


def test_a_family_not_of_the_parent_is_refused(app, client, db, tree) -> None:
    response = _new(client, tree.joseph, "child", given="X", family=str(tree.couple))
    assert response.status_code == 200 and "Choose the other parent from the list." in text_of(response)


def test_removing_ties(app, client, db, tree) -> None:
    base = f"/people/{tree.helene}/relatives/remove?relation=parents&family={tree.couple}"
    page = text_of(client.get(base, headers=EN))
    assert "Marc Tremblay" in page and "Sylvie Côté" in page
    assert post(client, base, {}).status_code == 302
    assert _parent_families(db, tree.helene) == []
    [change] = changes_of(app, "relation_removed")
    assert change.details["relation"] == "parents" and sorted(change.details["parents"]) == [tree.marc, tree.sylvie]
    partner = f"/people/{tree.marc}/relatives/remove?relation=partner&family={tree.couple}&other={tree.sylvie}"
    assert post(client, partner, {}).status_code == 302
    db.expire_all()
    family = db.get(Family, tree.couple)
    assert family is not None and (family.partner1_id, family.partner2_id) == (tree.marc, None)


def test_removing_a_child(app, client, db, tree) -> None:
    url = f"/people/{tree.sylvie}/relatives/remove?relation=child&family={tree.couple}&other={tree.helene}"
    assert "Hélène Tremblay" in text_of(client.get(url, headers=EN))
    assert post(client, url, {}).status_code == 302
    assert _parent_families(db, tree.helene) == []


@pytest.mark.parametrize(
    "query",
    [
        "relation=parents&family=999999",
        "relation=child&family={couple}&other={joseph}",
        "relation=partner&family={couple}&other={joseph}",
        "relation=cousin&family={couple}",
        "relation=parents&family=99999999999999999999",
        "relation=parents&family=abc",
        "",
    ],
)
def test_a_tie_that_does_not_exist_is_not_found(client, tree, query: str) -> None:
    url = f"/people/{tree.helene}/relatives/remove?" + query.format(couple=tree.couple, joseph=tree.joseph)
    assert client.get(url).status_code == 404
