"""Which people and families a chart shows: pure selection over loaders of family ties.

A chart is a set of people and the families joining them. A family is drawn as a small point: its partners
above it, its children below it, so that generations fall on ranks by themselves. Each person and each family is
one node whatever the number of ways it is reached, which draws pedigree collapse and cousin marriages once.

The selections ask their loaders only for the ties of the current frontier, one generation at a time, and stop
once the chart holds more people than its limit (``truncated``): a big family is never read whole by accident.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class FamilyTies:
    """One family: its partners and its children in birth order, each with how they are its child."""

    family_id: int
    partners: tuple[int, ...]
    children: tuple[tuple[int, str], ...] = ()

    @property
    def child_ids(self) -> tuple[int, ...]:
        """The children's ids, in birth order."""
        return tuple(child for child, _ in self.children)


#: Families in which some people are children (their parents' families).
ParentFamilies = Callable[[set[int]], list[FamilyTies]]
#: Families in which some people are partners (their own families).
OwnFamilies = Callable[[set[int]], list[FamilyTies]]


@dataclass(slots=True)
class ChartGraph:
    """The people of a chart and the families that may join them; ``focus`` is drawn stressed."""

    people: set[int] = field(default_factory=set)
    families: dict[int, FamilyTies] = field(default_factory=dict)
    focus: int | None = None
    truncated: bool = False

    def add_families(self, families: Iterable[FamilyTies]) -> list[FamilyTies]:
        """Keep these families (each once) and return them."""
        added = list(families)
        for family in added:
            self.families.setdefault(family.family_id, family)
        return added

    def drawn_families(self) -> Iterator[FamilyTies]:
        """The families joining at least two people of the chart, in id order."""
        for family_id in sorted(self.families):
            family = self.families[family_id]
            shown = [p for p in family.partners if p in self.people]
            shown += [c for c in family.child_ids if c in self.people]
            if len(shown) >= 2:
                yield family

    def over(self, limit: int | None) -> bool:
        """Whether the chart holds more people than ``limit`` (and so is marked truncated)."""
        if limit is not None and len(self.people) > limit:
            self.truncated = True
        return self.truncated


def _climb(graph: ChartGraph, start: set[int], generations: int, parents_of: ParentFamilies, limit: int | None) -> None:
    """Add ``generations`` of ancestors above ``start`` (parents' families and both parents)."""
    frontier = set(start)
    for _ in range(max(generations, 0)):
        if not frontier or graph.over(limit):
            return
        above = {p for family in graph.add_families(parents_of(frontier)) for p in family.partners}
        frontier = above - graph.people
        graph.people |= frontier


def _descend(
    graph: ChartGraph, start: set[int], generations: int | None, own_of: OwnFamilies, limit: int | None
) -> None:
    """Add the partners of ``start`` and their descendants for ``generations`` (None: all), with partners."""
    frontier, level = set(start), 0
    while frontier and not graph.over(limit):
        families = graph.add_families(own_of(frontier))
        graph.people |= {p for family in families for p in family.partners}
        if generations is not None and level >= generations:
            return
        below = {child for family in families for child in family.child_ids if family.partners}
        frontier = below - graph.people
        graph.people |= frontier
        level += 1
    graph.over(limit)


def hourglass(
    focus: int, *, up: int, down: int, parents_of: ParentFamilies, own_of: OwnFamilies, limit: int | None = None
) -> ChartGraph:
    """``up`` generations of ancestors and ``down`` of descendants around ``focus``, with partners and siblings."""
    graph = ChartGraph(people={focus}, focus=focus)
    if up > 0:
        parent_ids = {p for family in graph.add_families(parents_of({focus})) for p in family.partners}
        # Every union of each parent: full siblings under the parents' point, half-siblings under another one
        # with the parent's other partner.
        for family in graph.add_families(own_of(parent_ids)):
            graph.people |= set(family.partners) | set(family.child_ids)
        graph.people |= parent_ids
        _climb(graph, parent_ids, up - 1, parents_of, limit)
    _descend(graph, {focus}, down, own_of, limit)
    return graph


def ancestors(focus: int, *, up: int, parents_of: ParentFamilies, limit: int | None = None) -> ChartGraph:
    """The pedigree of ``focus``: ``up`` generations of ancestors, nobody else."""
    graph = ChartGraph(people={focus}, focus=focus)
    _climb(graph, {focus}, up, parents_of, limit)
    return graph


def descendants(
    roots: Iterable[int],
    *,
    down: int | None,
    own_of: OwnFamilies,
    limit: int | None = None,
    focus: int | None = None,
) -> ChartGraph:
    """The descendants of ``roots`` (a person, or a couple) for ``down`` generations (None: all), with partners."""
    start = set(roots)
    graph = ChartGraph(people=set(start), focus=focus)
    _descend(graph, start, down, own_of, limit)
    return graph


def relationship(
    paths: Iterable[Iterable[int]],
    *,
    ends: tuple[int, int],
    parents_of: ParentFamilies,
    own_of: OwnFamilies | None = None,
) -> ChartGraph:
    """The people on the paths between two people, joined by the families along those paths.

    A step of a path is a parent and their child, or (by marriage) two partners: their couple's point is drawn.
    """
    graph = ChartGraph(people=set(ends), focus=ends[0])
    steps: set[tuple[int, int]] = set()
    for path in paths:
        ids = list(path)
        graph.people |= set(ids)
        steps |= {(a, b) for a, b in zip(ids, ids[1:], strict=False)} | {
            (b, a) for a, b in zip(ids, ids[1:], strict=False)
        }
    families = parents_of(set(graph.people)) + (own_of(set(graph.people)) if own_of else [])
    for family in families:
        # Only the families of a step of a path: a parent and a child both on it, or the couple itself.
        child_step = any((p, c) in steps for p in family.partners for c in family.child_ids)
        if child_step or family.partners in steps:
            graph.families.setdefault(family.family_id, family)
    return graph


def whole(families: Iterable[FamilyTies], people: Iterable[int], *, limit: int | None = None) -> ChartGraph:
    """Everyone of the tree and every family."""
    graph = ChartGraph(people=set(people))
    graph.add_families(families)
    graph.over(limit)
    return graph
