"""Relationships by blood then by marriage, on the known family and on a hand-made step-family."""

from __future__ import annotations

import pytest

from famille.kinship.names import Kin, kin_name
from famille.kinship.relationship import cached, find_relationship, relate
from tests.claims.family import build_family


@pytest.fixture
def family(db):
    return build_family(db)


@pytest.mark.parametrize(
    ("a", "b", "kin", "english"),
    [
        ("Hélène", "Nicolas", Kin(2, 2), "first cousin"),
        ("Hélène", "Rémi", Kin(3, 2), "first cousin once removed"),
        ("Hélène", "Paul", Kin(0, 0, marriage="spouse"), "husband"),
        ("Hélène", "Bernard", Kin(2, 1, marriage="relative_partner"), "uncle by marriage"),
        ("Paul", "Marc", Kin(1, 0, marriage="partner_relative"), "father-in-law"),
        ("Marc", "Paul", Kin(0, 1, marriage="relative_partner"), "son-in-law"),
        ("Sylvie", "Diane", Kin(1, 1, marriage="partner_relative"), "sister-in-law"),
        ("Hélène", "Chloé", Kin(2, 2, marriage="relative_partner"), "first cousin by marriage"),
        ("Paul", "Zoé", Kin(2, 3, marriage="partner_relative"), "first cousin once removed by marriage"),
    ],
)
def test_relationships_on_the_known_family(db, family, a: str, b: str, kin: Kin, english: str) -> None:
    found = find_relationship(db, family[a], family[b])
    assert found is not None
    assert found.kin == kin
    sexes = {"Paul": "M", "Marc": "M", "Bernard": "M", "Nicolas": "M", "Rémi": "M"}
    assert kin_name(found.kin, sexes.get(b, "F"), "en") == english
    assert all(path[0] == family[a] and path[-1] == family[b] for path in found.paths)


def test_paths_and_ancestors_by_marriage_go_through_the_partner(db, family) -> None:
    found = find_relationship(db, family["Hélène"], family["Bernard"])
    assert found is not None
    assert found.through == family["Diane"]
    assert sorted(found.paths) == sorted(
        [
            (family["Hélène"], family["Marc"], family["Henri"], family["Diane"], family["Bernard"]),
            (family["Hélène"], family["Marc"], family["Huguette"], family["Diane"], family["Bernard"]),
        ]
    )
    assert [set(group) for group in found.ancestors] == [{family["Henri"], family["Huguette"]}]
    assert found.degree == 3


def test_strangers_and_unknown_ids_are_unrelated(db, family) -> None:
    assert find_relationship(db, family["Hélène"], family["Outsider"]) is None
    assert find_relationship(db, family["Hélène"], 10**12) is None


def test_the_person_themselves(db, family) -> None:
    found = find_relationship(db, family["Léa"], family["Léa"])
    assert found is not None
    assert (found.kin, found.degree, found.paths) == (Kin(0, 0), None, ((family["Léa"],),))


#: P had K with X, then lived with S: S is K's step-parent. S's brother T is nobody's blood relative here.
PARENTS = {"K": {"P", "X"}, "S": {"G"}, "T": {"G"}}
PARTNERS = {"P": {"X", "S"}, "X": {"P"}, "S": {"P"}}


def _relate(a: str, b: str):
    return relate(
        a,
        b,
        load_parents=lambda ids: {i: PARENTS[i] for i in ids if i in PARENTS},
        load_partners=lambda ids: {i: PARTNERS[i] for i in ids if i in PARTNERS},
    )


def test_step_parent_and_step_child() -> None:
    assert _relate("K", "S").kin == Kin(1, 0, marriage="relative_partner")
    assert kin_name(_relate("K", "S").kin, "F", "en") == "stepmother"
    assert _relate("S", "K").kin == Kin(0, 1, marriage="partner_relative")
    assert kin_name(_relate("S", "K").kin, "M", "fr") == "beau-fils"
    assert _relate("P", "T").kin == Kin(1, 1, marriage="partner_relative")
    assert _relate("K", "T") is None


def test_the_cache_asks_for_each_person_once() -> None:
    asked: list[set[str]] = []

    def load(ids: set[str]) -> dict[str, set[str]]:
        asked.append(set(ids))
        return {i: PARENTS[i] for i in ids if i in PARENTS}

    load_once = cached(load)
    assert load_once({"K", "S"}) == {"K": {"P", "X"}, "S": {"G"}}
    assert load_once({"K", "T"}) == {"K": {"P", "X"}, "T": {"G"}}
    assert asked == [{"K", "S"}, {"T"}]
