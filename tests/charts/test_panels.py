"""Cutting a descendants chart into panels: everyone once, widths within the budget, references that lead somewhere."""

from __future__ import annotations

import itertools

from famille.charts.graph import ChartGraph, FamilyTies
from famille.charts.panels import Panel, cut_panels, panel_graph, panel_label, square_budget

_ids = itertools.count(1000)


def _tree(graph: ChartGraph, person: int, shape: list, *, partner: bool = True) -> None:
    """Give ``person`` a partner and one child per item of ``shape`` (each item the child's own shape)."""
    if not shape and not partner:
        return
    spouse = next(_ids)
    children = [next(_ids) for _ in shape]
    graph.people |= {spouse, *children}
    family_id = next(_ids)
    graph.families[family_id] = FamilyTies(family_id, (person, spouse), tuple((c, "birth") for c in children))
    for child, below in zip(children, shape, strict=True):
        if below:
            _tree(graph, child, below)


def _graph(shape: list) -> ChartGraph:
    graph = ChartGraph(people={1}, focus=1)
    _tree(graph, 1, shape)
    return graph


def _check(graph: ChartGraph, panels: list[Panel]) -> None:
    """Every person drawn in full once; every reference names a panel that starts with that person."""
    full = [person for panel in panels for person in panel.people]
    assert sorted(full) == sorted(graph.people)
    heads = {panel.label: panel.head for panel in panels}
    for panel in panels:
        for person, label in panel.references:
            assert heads[label] == person
            assert next(p for p in panels if p.label == label).parent == panel.label


def _widest(graph: ChartGraph, panel: Panel) -> int:
    """Boxes in the widest generation of a panel, counted from the drawn families (not from the cutter)."""
    depth = {panel.head: 0}
    changed = True
    while changed:
        changed = False
        for family in panel_graph(graph, panel).drawn_families():
            known = [depth[p] for p in family.partners if p in depth]
            if not known:
                continue
            for person in family.partners:
                if person in panel.drawn and person not in depth:
                    depth[person], changed = known[0], True
            for child in family.child_ids:
                if child in panel.drawn and child not in depth:
                    depth[child], changed = known[0] + 1, True
    rows: dict[int, int] = {}
    for level in depth.values():
        rows[level] = rows.get(level, 0) + 1
    assert len(depth) == len(panel.drawn)
    return max(rows.values())


def test_a_small_chart_is_one_panel() -> None:
    graph = _graph([[], [[]], []])
    panels = cut_panels(graph, budget=20)
    assert [(p.label, p.head, p.references, p.parent) for p in panels] == [("A", 1, (), None)]
    assert panels[0].people == frozenset(graph.people)
    assert panels[0].width == 4  # three children and the partner of the second one


def test_a_wide_branch_is_cut_into_panels_within_the_budget() -> None:
    # Four children, each with five children who each have three children: 4 × 5 × 3 = 60 great-grandchildren.
    graph = _graph([[[[], [], []] for _ in range(5)] for _ in range(4)])
    panels = cut_panels(graph, budget=25)
    _check(graph, panels)
    assert len(panels) > 1
    for panel in panels:
        assert panel.width <= 25
        assert _widest(graph, panel) == panel.width
    assert panels[0].label == "A" and panels[0].head == 1


def test_one_child_holding_almost_everyone_does_not_make_a_chain_of_tiny_panels() -> None:
    # Like the real 5,000 chart: the founder's only child holds the whole branch.
    graph = _graph([[[[[], [], [], []] for _ in range(6)] for _ in range(5)]])
    panels = cut_panels(graph, budget=30)
    _check(graph, panels)
    assert all(panel.width <= 30 for panel in panels)
    assert all(len(panel.people) >= 5 for panel in panels)


def test_a_family_wider_than_the_budget_keeps_its_generation_in_one_panel() -> None:
    # Twelve children of one couple: a reference box is as wide as the child, so the panel stays 12 wide.
    graph = _graph([[[]] for _ in range(12)])
    panels = cut_panels(graph, budget=8)
    _check(graph, panels)
    first = panels[0]
    assert first.width == 12
    assert all(panel.width <= 8 for panel in panels[1:])
    assert _widest(graph, first) == 12


def test_a_cousin_marriage_is_drawn_once() -> None:
    graph = _graph([[[]], [[]]])
    family = next(f for f in graph.families.values() if f.partners[0] == 1)
    first, second = family.child_ids
    grand_a = next(f for f in graph.families.values() if f.partners[0] == first).child_ids[0]
    grand_b = next(f for f in graph.families.values() if f.partners[0] == second).child_ids[0]
    baby = 9999
    graph.people.add(baby)
    graph.families[9998] = FamilyTies(9998, (grand_a, grand_b), ((baby, "birth"),))
    panels = cut_panels(graph, budget=2)
    _check(graph, panels)


def test_panel_letters_and_budget() -> None:
    assert [panel_label(i) for i in (0, 1, 25, 26, 27, 701, 702)] == ["A", "B", "Z", "AA", "AB", "ZZ", "AAA"]
    assert square_budget(10) == 6
    assert 50 <= square_budget(5000) <= 80
