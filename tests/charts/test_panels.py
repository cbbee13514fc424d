"""Cutting a descendants chart into panels: everyone once, widths within the budget, references that lead somewhere."""

from __future__ import annotations

import itertools
import re
from io import BytesIO

import pytest
from pypdf import PdfReader

from famille.charts.dot import Heading, PersonBox, chart_dot
from famille.charts.graph import ChartGraph, FamilyTies
from famille.charts.packing import PackingError, as_panel, lay_out, pack, render_panels, shelf_rows
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
    assert square_budget(10) == 12
    assert 30 <= square_budget(5000) <= 50


def _boxes(graph: ChartGraph) -> dict[int, PersonBox]:
    return {pid: PersonBox(pid, f"Éloïse Tremblay-{pid}", "1900–1980", f"/people/{pid}") for pid in graph.people}


def _sources(graph: ChartGraph, panels: list[Panel]) -> list[str]:
    boxes = _boxes(graph)
    return [
        as_panel(
            chart_dot(
                panel_graph(graph, panel), boxes, heading=Heading(f"Panel {panel.label}", "today"), badge_words={}
            ),
            panel.label,
        )
        for panel in panels
    ]


def test_cut_panels_are_drawn_packed_with_every_name_as_text() -> None:
    graph = _graph([[[[], []] for _ in range(3)] for _ in range(3)])
    panels = cut_panels(graph, budget=8)
    assert len(panels) >= 3
    steps: list[tuple[int, int]] = []
    pdf = render_panels(_sources(graph, panels), "pdf", progress=lambda done, total: steps.append((done, total)))
    assert steps[-1] == (len(panels), len(panels))
    reader = PdfReader(BytesIO(pdf))
    assert len(reader.pages) == 1
    words = " ".join(reader.pages[0].extract_text().split())
    for person in graph.people:
        assert f"Éloïse Tremblay-{person}" in words
    for panel in panels:
        assert f"Panel {panel.label}" in words
    width, height = (float(side) for side in reader.pages[0].mediabox[2:])
    assert max(width / height, height / width) < 2.5  # packed panels, not one strip


def test_packed_svg_keeps_the_person_links() -> None:
    graph = _graph([[[]], [[]], [[]]])
    panels = cut_panels(graph, budget=4)
    svg = render_panels(_sources(graph, panels), "svg").decode("utf-8")
    for person in graph.people:
        assert f'xlink:href="/people/{person}"' in svg
    # Every line between a person and a couple's point is drawn (an empty spline setting would drop them all).
    edges = svg.count('class="edge"')
    assert edges >= len(graph.people) - len(panels)
    assert len(re.findall(r'class="edge">\s*<title>[^<]*</title>\s*<path', svg)) == edges


def test_a_failing_layout_is_a_clear_error() -> None:
    with pytest.raises(PackingError, match="dot failed"):
        lay_out(["digraph panel_A { subgraph cluster_A { a -> } }"])
    with pytest.raises(PackingError, match="not a chart"):
        as_panel("graph G", "A")
    with pytest.raises(PackingError, match="no panel"):
        pack([])


def test_shelves_put_the_first_panel_first_and_come_out_about_square() -> None:
    sizes = [(400.0, 300.0)] + [(300.0 + 10 * i, 200.0 + 40 * (i % 4)) for i in range(15)]
    rows = shelf_rows(sizes)
    assert rows[0][0] == 0
    assert sorted(i for row in rows for i in row) == list(range(16))
    width = max(sum(sizes[i][0] for i in row) for row in rows)
    height = sum(max(sizes[i][1] for i in row) for row in rows)
    assert 0.5 < width / height < 2
