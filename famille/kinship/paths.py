"""Blood relationship between two people: the shortest paths through their common ancestors.

Two people are related by blood when they share an ancestor (one of them may be the other's ancestor). The
relationship is named after the *closest* common ancestors: those for which the generations climbed from ``a``
(``up``) plus the generations come down to ``b`` (``down``) is smallest — that sum is the civil degree. Every
such ancestor gives its own path: the two grandparents of first cousins give two paths, double first cousins
give four, and pedigree collapse (an ancestor reached through two lines at the same distance) gives one path per
line. When the closest ancestors are not all at the same split (``a`` is both ``b``'s cousin and uncle through
two lines), each split is its own :class:`BloodLine`, the most even first.

The search climbs the ancestors of both people at once, one generation per step, asking the loader only for
the parents of the current frontier (one query per step for both sides), never for the whole tree. It stops as
soon as no ancestor still unseen could give a shorter or equal path, so close relatives are found after a few
steps even in a tree of 100,000 people. The search is pure (:func:`blood_lines` takes the loader); the
session-bound wrappers only build the loader.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from famille.kinship.closeness import tie_loader

#: Loads the parents of some people: {person_id: {parent_id, …}} (people without parents may be left out).
ParentLoader = Callable[[set[int]], dict[int, set[int]]]

#: Ids beyond this do not fit the database's integer columns: nobody has them (and PostgreSQL refuses them).
MAX_ID = 2**31 - 1

#: At most this many paths are listed per relationship: pedigree collapse over many generations multiplies them.
MAX_PATHS = 64


@dataclass(frozen=True, slots=True)
class BloodLine:
    """One way two people are related: generations ``up`` from a, ``down`` to b, through ``ancestors``.

    ``ancestors`` holds the closest common ancestors, a couple as one tuple of two ids; ``paths`` every shortest
    path as person ids (a first, b last), one per common ancestor and line; ``half`` is True when the two sides
    descend from one ancestor by two different partners (half-siblings, half-cousins).
    """

    up: int
    down: int
    ancestors: tuple[tuple[int, ...], ...]
    paths: tuple[tuple[int, ...], ...]
    half: bool = False

    @property
    def degree(self) -> int:
        """The civil degree of kinship: generations up to the common ancestor plus generations down."""
        return self.up + self.down


@dataclass(slots=True)
class _Ancestry:
    """The ancestors of one person found so far, by generation, and how each was reached."""

    start: int
    depth: dict[int, int] = field(default_factory=dict)
    #: For each ancestor, its children one generation closer to ``start`` on a shortest way up.
    via: dict[int, set[int]] = field(default_factory=dict)
    parents: dict[int, set[int]] = field(default_factory=dict)
    frontier: set[int] = field(default_factory=set)
    level: int = 0

    def __post_init__(self) -> None:
        self.depth[self.start] = 0
        self.via[self.start] = set()
        self.frontier = {self.start}

    @property
    def exhausted(self) -> bool:
        return not self.frontier

    def climb(self, loaded: dict[int, set[int]]) -> None:
        """Take one generation up from the frontier, with the parents the loader gave."""
        self.level += 1
        reached: set[int] = set()
        for child in self.frontier:
            parents = loaded.get(child, set())
            self.parents[child] = set(parents)
            for parent in parents:
                if parent not in self.depth or self.depth[parent] == self.level:
                    self.depth[parent] = self.level
                    self.via.setdefault(parent, set()).add(child)
                    reached.add(parent)
        self.frontier = reached

    def paths_to(self, ancestor: int, limit: int = MAX_PATHS) -> list[list[int]]:
        """Every shortest way from ``start`` up to ``ancestor``, start first (at most ``limit``)."""
        if ancestor == self.start:
            return [[self.start]]
        found: list[list[int]] = []
        for child in sorted(self.via[ancestor]):
            for path in self.paths_to(child, limit - len(found)):
                found.append([*path, ancestor])
                if len(found) >= limit:
                    return found
        return found


def _lower_bound(side: _Ancestry, other: _Ancestry) -> float:
    """The smallest total an ancestor not yet seen by ``side`` could still give.

    Such an ancestor is more than ``side.level`` generations above ``side.start``; on the other side it is
    either already known (at its depth) or beyond the other's level.
    """
    if side.exhausted:
        return math.inf
    unseen_other = [depth for person, depth in other.depth.items() if person not in side.depth]
    beyond = math.inf if other.exhausted else other.level + 1
    return side.level + 1 + min([*unseen_other, beyond])


def _best_total(a_side: _Ancestry, b_side: _Ancestry) -> float:
    common = a_side.depth.keys() & b_side.depth.keys()
    return min((a_side.depth[c] + b_side.depth[c] for c in common), default=math.inf)


def _search(a: int, b: int, load_parents: ParentLoader) -> tuple[_Ancestry, _Ancestry, float]:
    a_side, b_side = _Ancestry(a), _Ancestry(b)
    while True:
        best = _best_total(a_side, b_side)
        sides = [
            side
            for side, other in ((a_side, b_side), (b_side, a_side))
            if not side.exhausted and _lower_bound(side, other) <= best
        ]
        if not sides:
            return a_side, b_side, best
        loaded = load_parents(set().union(*(side.frontier for side in sides)))
        for side in sides:
            side.climb(loaded)


def _couples(ancestors: Iterable[int], a_side: _Ancestry, b_side: _Ancestry) -> list[tuple[int, ...]]:
    """Group common ancestors into couples: two of them are a couple when they are parents of one same child."""
    remaining = sorted(ancestors)
    groups: list[tuple[int, ...]] = []
    while remaining:
        first = remaining.pop(0)
        children = a_side.via.get(first, set()) | b_side.via.get(first, set())
        partner = next(
            (other for other in remaining if children & (a_side.via.get(other, set()) | b_side.via.get(other, set()))),
            None,
        )
        if partner is not None:
            remaining.remove(partner)
            groups.append((first, partner))
        else:
            groups.append((first,))
    return groups


def _is_half(group: tuple[int, ...], a_side: _Ancestry, b_side: _Ancestry) -> bool:
    """One common ancestor (no couple) whose two lines come down through children of different couples."""
    if len(group) != 1:
        return False
    ancestor = group[0]
    if ancestor in (a_side.start, b_side.start):
        return False
    a_children, b_children = a_side.via.get(ancestor, set()), b_side.via.get(ancestor, set())
    return all(a_side.parents.get(x, set()) != b_side.parents.get(y, set()) for x in a_children for y in b_children)


def _line(up: int, down: int, ancestors: list[int], a_side: _Ancestry, b_side: _Ancestry) -> BloodLine:
    groups = _couples(ancestors, a_side, b_side)
    paths: list[tuple[int, ...]] = []
    for ancestor in sorted(ancestors):
        for climb in a_side.paths_to(ancestor):
            for descent in b_side.paths_to(ancestor):
                if len(paths) < MAX_PATHS:
                    paths.append((*climb, *reversed(descent[:-1])))
    half = all(_is_half(group, a_side, b_side) for group in groups)
    return BloodLine(up=up, down=down, ancestors=tuple(groups), paths=tuple(paths), half=half)


def blood_lines(a: int, b: int, *, load_parents: ParentLoader) -> list[BloodLine]:
    """How ``a`` and ``b`` are related by blood: one :class:`BloodLine` per split, the most even first; [] if not.

    ``a == b`` gives one line of degree 0 (the person themselves).
    """
    a_side, b_side, best = _search(a, b, load_parents)
    if best == math.inf:
        return []
    by_split: dict[tuple[int, int], list[int]] = {}
    for ancestor in a_side.depth.keys() & b_side.depth.keys():
        up, down = a_side.depth[ancestor], b_side.depth[ancestor]
        if up + down == best:
            by_split.setdefault((up, down), []).append(ancestor)
    splits = sorted(by_split, key=lambda split: (abs(split[0] - split[1]), split[0]))
    return [_line(up, down, by_split[(up, down)], a_side, b_side) for up, down in splits]


def parent_loader(session: Session) -> ParentLoader:
    """A :data:`ParentLoader` reading the family and family_child tables (a query per 500 people).

    Ids no row can have (beyond the integer columns) are left out of the query: such people have no parents.
    """
    load_ties = tie_loader(session)
    return lambda person_ids: load_ties({i for i in person_ids if 0 < i <= MAX_ID}, set()).parents


def relationship_paths(session: Session, a: int, b: int) -> list[list[int]]:
    """Every shortest blood path from ``a`` up to a closest common ancestor and down to ``b``; [] when none.

    Paths are person ids, ``a`` first and ``b`` last; ``a == b`` gives ``[[a]]``.
    """
    lines = blood_lines(a, b, load_parents=parent_loader(session))
    return [list(path) for line in lines for path in line.paths]


def common_ancestors(session: Session, a: int, b: int) -> list[tuple[int, ...]]:
    """The closest common ancestors of ``a`` and ``b``, a couple as one tuple; [] when not related by blood."""
    lines = blood_lines(a, b, load_parents=parent_loader(session))
    return [group for line in lines for group in line.ancestors]
