"""Close family by the civil count: degrees on a small known family, partners, limits, and bounded loading."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from famille.kinship.closeness import (
    Ties,
    close_family,
    degree_between,
    kin_of,
    walk_relatives,
    with_partners,
)
from tests.claims.family import build_family

EXPECTED_FROM_HELENE = {
    "Hélène": 0,
    "Marc": 1,
    "Sylvie": 1,
    "Léa": 1,
    "Julien": 2,
    "Henri": 2,
    "Huguette": 2,
    "Diane": 3,
    "Gaston": 3,
    "Georgette": 3,
    "Nicolas": 4,
    "Armand": 4,
    "Zoé": 5,
    "Rémi": 5,
}


@pytest.fixture
def family(db):
    return build_family(db)


def _named(ids: dict[str, int], degrees: dict[int, int]) -> dict[str, int]:
    names = {person_id: name for name, person_id in ids.items()}
    return {names[person_id]: degree for person_id, degree in degrees.items()}


def test_blood_relatives_by_the_civil_count(db, family) -> None:
    from famille.kinship.closeness import tie_loader

    blood = walk_relatives([family["Hélène"]], limit=8, load_ties=tie_loader(db))
    assert _named(family, blood) == EXPECTED_FROM_HELENE


@pytest.mark.parametrize(
    ("other", "degree"),
    [
        ("Marc", 1),  # parent
        ("Léa", 1),  # child
        ("Julien", 2),  # sibling
        ("Henri", 2),  # grandparent
        ("Diane", 3),  # aunt
        ("Nicolas", 4),  # first cousin
        ("Chloé", 4),  # a first cousin's partner, by marriage
        ("Bernard", 3),  # an aunt's husband
        ("Paul", 0),  # one's own partner
        ("Rémi", 5),  # a parent's first cousin
        ("Hélène", 0),
    ],
)
def test_degree_between(db, family, other: str, degree: int) -> None:
    assert degree_between(db, family["Hélène"], family[other], 8) == degree


def test_degree_between_respects_the_limit_and_strangers(db, family) -> None:
    assert degree_between(db, family["Hélène"], family["Nicolas"], 3) is None
    assert degree_between(db, family["Hélène"], family["Nicolas"], 4) == 4
    assert degree_between(db, family["Hélène"], family["Outsider"], 8) is None


def test_close_family_includes_partners_of_relatives_within_the_degree(db, family) -> None:
    circle = _named(family, close_family(db, family["Hélène"], degrees=4))
    assert circle["Chloé"] == 4 and circle["Bernard"] == 3 and circle["Paul"] == 0
    assert "Zoé" not in circle and "Rémi" not in circle and "Outsider" not in circle
    # Going down then up is not blood: Léa's other parent is Paul (a partner), not found by the walk.
    assert "Paul" not in _named(family, walk_relatives([family["Hélène"]], limit=8, load_ties=_loader(db)))


def test_kin_of_sees_from_the_other_side(db, family) -> None:
    """Chloé is in Hélène's close family (a cousin's partner), so Hélène's privacy lets Chloé in at 4 degrees."""
    seen_by_chloe = _named(family, kin_of(db, family["Chloé"], degrees=4))
    assert seen_by_chloe["Hélène"] == 4 and seen_by_chloe["Zoé"] == 1 and seen_by_chloe["Nicolas"] == 0
    assert degree_between(db, family["Hélène"], family["Chloé"], 4) == seen_by_chloe["Hélène"]


def _loader(db):
    from famille.kinship.closeness import tie_loader

    return tie_loader(db)


def test_queries_stay_bounded_per_generation(app, db, family) -> None:
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany) -> None:
        statements.append(statement)

    engine = db.get_bind()
    event.listen(engine, "before_cursor_execute", count)
    try:
        degree_between(db, family["Hélène"], family["Outsider"], 8)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    # One partner query, then at most two per generation walked (parents, children).
    assert 0 < len(statements) <= 1 + 2 * 8


def test_walk_is_pure_and_stops_early() -> None:
    """A hand-written tree through the loader argument: chain 1 → 2 → 3 (parent → child), 4 child of 1."""
    parents = {2: {1}, 3: {2}, 4: {1}}
    children = {1: {2, 4}, 2: {3}}
    calls: list[tuple[set[int], set[int]]] = []

    def load(up: set[int], down: set[int]) -> Ties:
        calls.append((set(up), set(down)))
        return Ties(parents={p: parents.get(p, set()) for p in up}, children={c: children.get(c, set()) for c in down})

    assert walk_relatives([3], limit=8, load_ties=load) == {3: 0, 2: 1, 1: 2, 4: 3}
    calls.clear()
    found = walk_relatives([3], limit=8, load_ties=load, stop_at={2})
    assert found[2] == 1 and len(calls) == 1
    assert walk_relatives([3], limit=0, load_ties=load) == {3: 0}
    assert with_partners({3: 0, 2: 1}, load_partners=lambda ids: {2: {9}, 3: {8}}) == {3: 0, 2: 1, 9: 1, 8: 0}
