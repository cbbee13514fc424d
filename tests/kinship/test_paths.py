"""Shortest blood paths on hand-made families: siblings, half-siblings, double cousins, pedigree collapse."""

from __future__ import annotations

import pytest

from famille.kinship.paths import (
    BloodLine,
    blood_lines,
    common_ancestors,
    relationship_paths,
)
from tests.claims.family import build_family


def _loader(parents: dict[str, tuple[str, ...]], asked: list[set[str]] | None = None):
    """A parent loader over names, recording what it was asked."""

    def load(person_ids: set[str]) -> dict[str, set[str]]:
        if asked is not None:
            asked.append(set(person_ids))
        return {person: set(parents[person]) for person in person_ids if person in parents}

    return load


#: Two brothers F1, F2 (children of G1+G2) married two sisters M1, M2 (children of G3+G4): A and B are double
#: first cousins. P had X with Q and Y with R (half-siblings); S1, S2 children of K1+K2 had C1 and C2, first
#: cousins who married and had D (pedigree collapse). T is nobody's kin.
PARENTS: dict[str, tuple[str, ...]] = {
    "F1": ("G1", "G2"),
    "F2": ("G1", "G2"),
    "M1": ("G3", "G4"),
    "M2": ("G3", "G4"),
    "A": ("F1", "M1"),
    "A2": ("F1", "M1"),
    "B": ("F2", "M2"),
    "X": ("P", "Q"),
    "Y": ("P", "R"),
    "S1": ("K1", "K2"),
    "S2": ("K1", "K2"),
    "C1": ("S1",),
    "C2": ("S2",),
    "D": ("C1", "C2"),
    "E": ("D",),
}


def _lines(a: str, b: str) -> list[BloodLine]:
    return blood_lines(a, b, load_parents=_loader(PARENTS))


def test_double_first_cousins_have_four_paths_through_two_couples() -> None:
    (line,) = _lines("A", "B")
    assert (line.up, line.down, line.degree, line.half) == (2, 2, 4, False)
    assert line.ancestors == (("G1", "G2"), ("G3", "G4"))
    assert sorted(line.paths) == [
        ("A", "F1", "G1", "F2", "B"),
        ("A", "F1", "G2", "F2", "B"),
        ("A", "M1", "G3", "M2", "B"),
        ("A", "M1", "G4", "M2", "B"),
    ]


def test_full_siblings_share_a_couple() -> None:
    (line,) = _lines("A", "A2")
    assert (line.up, line.down, line.half) == (1, 1, False)
    assert line.ancestors == (("F1", "M1"),)
    assert sorted(line.paths) == [("A", "F1", "A2"), ("A", "M1", "A2")]


def test_half_siblings_share_one_parent() -> None:
    (line,) = _lines("X", "Y")
    assert (line.up, line.down, line.half) == (1, 1, True)
    assert line.ancestors == (("P",),)
    assert line.paths == (("X", "P", "Y"),)


def test_pedigree_collapse_gives_one_path_per_line() -> None:
    (line,) = _lines("E", "K1")
    assert (line.up, line.down) == (4, 0)
    assert line.ancestors == (("K1",),)
    assert sorted(line.paths) == [("E", "D", "C1", "S1", "K1"), ("E", "D", "C2", "S2", "K1")]
    (back,) = _lines("K1", "E")
    assert (back.up, back.down) == (0, 4)
    assert sorted(back.paths) == [("K1", "S1", "C1", "D", "E"), ("K1", "S2", "C2", "D", "E")]


def test_parents_who_are_cousins_are_not_half_related() -> None:
    (line,) = _lines("C1", "C2")
    assert (line.up, line.down, line.half) == (2, 2, False)
    assert line.ancestors == (("K1", "K2"),)


def test_same_person_and_strangers() -> None:
    (line,) = _lines("A", "A")
    assert (line.degree, line.paths) == (0, (("A",),))
    assert _lines("A", "T") == []
    assert _lines("A", "X") == []


def test_grandparent_and_grandchild() -> None:
    (line,) = _lines("G1", "A")
    assert (line.up, line.down, line.paths) == (0, 2, (("G1", "F1", "A"),))


def test_the_search_stops_without_climbing_a_long_ancestry() -> None:
    parents = {"kid1": ("mom", "dad"), "kid2": ("mom", "dad")}
    for generation in range(40):
        parents[f"a{generation}" if generation else "mom"] = (f"a{generation + 1}",)
    asked: list[set[str]] = []
    (line,) = blood_lines("kid1", "kid2", load_parents=_loader(parents, asked))
    assert line.degree == 2
    assert len(asked) <= 3
    assert not any(f"a{generation}" in ids for ids in asked for generation in range(2, 40))


def test_the_closest_split_wins_when_two_lines_differ() -> None:
    # N's father is A's brother A2 and N's mother is B (A's double first cousin): A is N's uncle (degree 3),
    # not their first cousin once removed (degree 5).
    parents = {**PARENTS, "N": ("A2", "B")}
    lines = blood_lines("A", "N", load_parents=_loader(parents))
    assert [(line.up, line.down) for line in lines] == [(1, 2)]


def test_session_paths_on_the_known_family(db) -> None:
    ids = build_family(db)
    names = {person_id: name for name, person_id in ids.items()}
    paths = relationship_paths(db, ids["Hélène"], ids["Nicolas"])
    assert sorted([names[p] for p in path] for path in paths) == [
        ["Hélène", "Marc", "Henri", "Diane", "Nicolas"],
        ["Hélène", "Marc", "Huguette", "Diane", "Nicolas"],
    ]
    couples = common_ancestors(db, ids["Rémi"], ids["Hélène"])
    assert [sorted(names[p] for p in couple) for couple in couples] == [["Gaston", "Georgette"]]
    assert relationship_paths(db, ids["Hélène"], ids["Outsider"]) == []
    assert relationship_paths(db, ids["Hélène"], ids["Paul"]) == []
    assert relationship_paths(db, ids["Léa"], ids["Léa"]) == [[ids["Léa"]]]


@pytest.mark.parametrize("missing", [10**9, -1, 10**12])
def test_unknown_ids_are_simply_unrelated(db, missing: int) -> None:
    ids = build_family(db)
    assert relationship_paths(db, ids["Hélène"], missing) == []
