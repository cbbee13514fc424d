"""Which people and families each kind of chart holds, on a small family imported from GEDCOM."""

from __future__ import annotations

import pytest

from famille.charts import graph as select
from famille.charts import loading
from tests.charts.helpers import import_family


@pytest.fixture
def family(app, db) -> dict[str, int]:
    return import_family(app)


def _loaders(db):
    return (lambda ids: loading.parent_families(db, ids)), (lambda ids: loading.own_families(db, ids))


def _family_of(chart: select.ChartGraph, *partners: int) -> select.FamilyTies:
    return next(f for f in chart.drawn_families() if set(f.partners) == set(partners))


def test_partners_share_one_family_node_and_children_come_in_birth_order(db, family) -> None:
    parents_of, own_of = _loaders(db)
    chart = select.descendants([family["I1"]], down=None, own_of=own_of)
    first = _family_of(chart, family["I1"], family["I2"])
    # The file lists Paul (1922) before Louise (1920): the chart puts the elder first.
    assert first.child_ids == (family["I3"], family["I4"])
    assert dict(first.children)[family["I3"]] == "adopted"
    second = _family_of(chart, family["I1"], family["I5"])
    assert second.child_ids == (family["I6"],)  # the half-brother hangs from another family point


def test_cousin_marriage_and_pedigree_collapse_are_drawn_once(db, family) -> None:
    parents_of, _ = _loaders(db)
    chart = select.ancestors(family["I11"], up=4, parents_of=parents_of)
    assert family["I1"] in chart.people and family["I2"] in chart.people
    drawn = list(chart.drawn_families())
    assert len(drawn) == len({f.family_id for f in drawn})
    # Élodie's great-grandparents are reached through both her parents, and still form one family.
    assert sum(1 for f in drawn if set(f.partners) == {family["I1"], family["I2"]}) == 1
    assert family["I6"] not in chart.people  # a pedigree holds no siblings


def test_hourglass_limits_generations_and_adds_partners_and_siblings(db, family) -> None:
    parents_of, own_of = _loaders(db)
    chart = select.hourglass(family["I4"], up=1, down=1, parents_of=parents_of, own_of=own_of)
    assert {family[x] for x in ("I1", "I2", "I3", "I4", "I7", "I8", "I10")} <= chart.people
    assert family["I11"] not in chart.people  # two generations down
    # Henri, the half-brother, hangs with his mother Rose from his and Paul's father's other family point.
    assert {family["I5"], family["I6"]} <= chart.people
    half = _family_of(chart, family["I1"], family["I5"])
    assert half.child_ids == (family["I6"],) and half in list(chart.drawn_families())
    assert _family_of(chart, family["I1"], family["I2"]).family_id != half.family_id
    narrow = select.hourglass(family["I4"], up=0, down=0, parents_of=parents_of, own_of=own_of)
    assert narrow.people == {family["I4"], family["I7"]}


def test_a_selection_stops_past_its_limit(db, family) -> None:
    _, own_of = _loaders(db)
    chart = select.descendants([family["I1"]], down=None, own_of=own_of, limit=3)
    assert chart.truncated
    assert not select.descendants([family["I1"]], down=None, own_of=own_of, limit=100).truncated


def test_relationship_keeps_only_the_families_of_the_paths(db, family) -> None:
    parents_of, _ = _loaders(db)
    path = [family["I8"], family["I4"], family["I1"], family["I3"], family["I10"]]
    chart = select.relationship([path], ends=(family["I8"], family["I10"]), parents_of=parents_of)
    assert chart.people == set(path)
    assert {f.family_id for f in chart.drawn_families()} == {
        f.family_id for f in loading.parent_families(db, {family["I8"], family["I4"], family["I3"], family["I10"]})
    }


def test_whole_family_holds_everyone(db, family) -> None:
    families, people = loading.all_families(db)
    chart = select.whole(families, people)
    assert chart.people == set(family.values())
    assert len(list(chart.drawn_families())) == 5
