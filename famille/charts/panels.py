"""Cutting a big descendants chart into panels that fit a width, for a wall poster that is about square.

``dot`` puts each generation on one rank, so the descendants of one person over ten generations draw as a strip
tens of metres wide and less than half a metre tall. Here the chart is cut into panels: each descendant's *line*
(the person, their partners and everyone below them) has a width, the boxes in its widest generation; a line wider
than the budget gives its widest child lines their own panels. In the parent panel a cut child still appears as a
small reference box ("continued in panel C"); the new panel starts with that child and their partners on top.

The cut works from the bottom up (each line is made to fit before its parent is looked at), so every cut line
fits its panel as it is and panels fill up to the budget, instead of a chain of near-empty panels that cutting
from the top gives when one child holds almost all of a branch. A single generation of one family wider than the
budget (a couple with more children than the budget, or a person with that many partners) cannot be narrowed by
cutting: a reference box takes as much room as the child it stands for, so that panel stays wider.

Pure: a :class:`~famille.charts.graph.ChartGraph` in, panels out; no Flask and no session.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from famille.charts.graph import ChartGraph, FamilyTies
from famille.charts.poster import column_letters as panel_label  # A … Z, AA …: letters, like poster columns

#: A box with its gap across (points), and a generation down: the box, the family point and two rank gaps.
BOX_WIDTH_PT, GENERATION_HEIGHT_PT = 130.0, 100.0
#: A panel's budget as a share of the square's side: several panels share a row, and rows of panels of about
#: the same height pack tighter than a few wide ones (measured on a 5,000-person branch: 4.8 m square, not 5.3).
PANEL_SHARE = 0.6
#: Narrower panels than this are more references than people.
MIN_BUDGET = 12


@dataclass(frozen=True, slots=True)
class Panel:
    """One panel: its letter, the person on top, everyone drawn in full in it, and its reference boxes.

    ``references``: (person, letter of their own panel) for the cut children drawn here as a small box only.
    ``parent``: the letter of the panel this one continues, None for the first one. ``width``: boxes in its
    widest generation, reference boxes included.
    """

    label: str
    head: int
    people: frozenset[int]
    references: tuple[tuple[int, str], ...] = ()
    parent: str | None = None
    width: int = 0

    @property
    def drawn(self) -> frozenset[int]:
        """Everyone with a box in this panel: its people and its reference boxes."""
        return self.people | {person for person, _ in self.references}


@dataclass(slots=True)
class _Line:
    """A descendant, the partners drawn beside them, and their children's lines in birth order."""

    person: int
    partners: list[int] = field(default_factory=list)
    children: list[_Line] = field(default_factory=list)


def square_budget(people: int) -> int:
    """The panel width (in boxes) for ``people`` boxes, so that packed panels make an about square whole."""
    return max(MIN_BUDGET, round(PANEL_SHARE * math.sqrt(people * GENERATION_HEIGHT_PT / BOX_WIDTH_PT)))


def _lines(graph: ChartGraph, roots: Sequence[int]) -> list[_Line]:
    """Each person of the chart once: roots first, then generation by generation (a spanning tree of lines)."""
    own: dict[int, list[FamilyTies]] = {}
    for family_id in sorted(graph.families):
        for partner in graph.families[family_id].partners:
            own.setdefault(partner, []).append(graph.families[family_id])
    placed: set[int] = set()
    seen: set[int] = set()
    tops: list[_Line] = []
    for root in roots:
        if root not in graph.people or root in placed:
            continue
        placed.add(root)
        tops.append(_Line(root))
        queue = deque([tops[-1]])
        while queue:
            line = queue.popleft()
            for family in own.get(line.person, ()):
                if family.family_id in seen:
                    continue
                seen.add(family.family_id)
                line.partners += [p for p in family.partners if p in graph.people and p not in placed]
                placed.update(family.partners)
                for child in family.child_ids:
                    if child in graph.people and child not in placed:
                        placed.add(child)
                        line.children.append(_Line(child))
                        queue.append(line.children[-1])
    if tops:  # anyone the lines missed (not a descendant of the roots) still goes in the first panel
        tops[0].partners += sorted(graph.people - placed)
    return tops


def _profile(line: _Line, profiles: dict[int, list[int]], cut: set[int]) -> list[int]:
    """Boxes per generation of ``line`` as it is cut: a cut child counts as one reference box."""
    rows = [1 + len(line.partners)]
    for child in line.children:
        below = [1] if child.person in cut else profiles[child.person]
        rows += [0] * (len(below) + 1 - len(rows))
        for depth, boxes in enumerate(below, start=1):
            rows[depth] += boxes
    return rows


def _fit(line: _Line, budget: int, profiles: dict[int, list[int]], cut: set[int]) -> None:
    """Cut child lines of ``line`` (its children already fit) until its widest generation fits the budget."""
    rows = _profile(line, profiles, cut)
    while max(rows) > budget:
        widest = rows.index(max(rows))
        # The child giving the most boxes to the widest generation; cutting a child of one box gains nothing.
        gains = [
            (profiles[child.person][widest - 1] - (widest == 1), sum(profiles[child.person]), index)
            for index, child in enumerate(line.children)
            if child.person not in cut and widest >= 1 and len(profiles[child.person]) >= widest
        ]
        best = max(gains, default=None)
        if best is None or best[0] <= 0:
            break  # one family's generation is wider than the budget: that panel stays wider
        cut.add(line.children[best[2]].person)
        rows = _profile(line, profiles, cut)
    profiles[line.person] = rows


def _cut_lines(tops: Iterable[_Line], budget: int) -> tuple[set[int], dict[int, list[int]]]:
    """The people whose lines get their own panel, and each line's profile as cut (bottom up, no recursion)."""
    order: list[_Line] = []
    stack = list(tops)
    while stack:
        line = stack.pop()
        order.append(line)
        stack.extend(line.children)
    cut: set[int] = set()
    profiles: dict[int, list[int]] = {}
    for line in reversed(order):  # children before their parents
        _fit(line, budget, profiles, cut)
    return cut, profiles


def cut_panels(graph: ChartGraph, *, budget: int, roots: Sequence[int] | None = None) -> list[Panel]:
    """The panels of ``graph`` (descendants of ``roots``, default its focus), each at most ``budget`` boxes wide.

    The first panel ("A") holds the roots; the others follow in the order their references are met. Every person
    of the graph is drawn in full in exactly one panel; a cut child also has a reference box in its parent panel.
    """
    starts = list(roots) if roots is not None else ([graph.focus] if graph.focus is not None else [])
    tops = _lines(graph, starts or sorted(graph.people)[:1])
    cut, profiles = _cut_lines(tops, max(budget, 1))
    pending = deque((top, None) for top in tops)
    panels: list[Panel] = []
    labels: dict[int, str] = {}
    while pending:
        head, parent = pending.popleft()
        label = labels.setdefault(head.person, panel_label(len(panels)))
        people: set[int] = set()
        references: list[tuple[int, str]] = []
        inside = [head]
        while inside:
            line = inside.pop()
            people.add(line.person)
            people.update(line.partners)
            for child in line.children:
                if child.person in cut:
                    labels[child.person] = panel_label(len(panels) + 1 + len(pending))
                    references.append((child.person, labels[child.person]))
                    pending.append((child, label))
                else:
                    inside.append(child)
        width = max(profiles[head.person])
        panels.append(Panel(label, head.person, frozenset(people), tuple(references), parent, width))
    return panels


def panel_graph(graph: ChartGraph, panel: Panel) -> ChartGraph:
    """The part of ``graph`` one panel draws: its people and reference boxes, with the families between them."""
    return ChartGraph(people=set(panel.drawn), families=graph.families, focus=graph.focus)
