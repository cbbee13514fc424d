"""The family as a graph of ids, its founding couple and its branches.

The founding couple is, among the couples where neither partner has parents in the tree, the one with the most
descendants (counted along each line of descent, so a cousin marriage counts its children twice; a tie goes to
the couple imported first). Each child of the founding couple starts a branch: their descendants and the
partners of those descendants, generation by generation, so a branch lists its elders first. A person of two
branches (cousins who married) belongs to the first.

The graph is read as bare ids in two queries (100,000 people make about 100,000 small rows).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from famille.models import Family, FamilyChild


@dataclass(slots=True)
class FamilyGraph:
    """The tree's ties as ids: each family's partners and children, each person's own families."""

    partners: dict[int, tuple[int, ...]] = field(default_factory=dict)
    children: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    families_of: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    has_parents: set[int] = field(default_factory=set)


def load_graph(session: Session) -> FamilyGraph:
    """Every family's partners and children, as ids, in two queries."""
    graph = FamilyGraph()
    for family_id, first, second in session.execute(
        select(Family.family_id, Family.partner1_id, Family.partner2_id).order_by(Family.family_id)
    ):
        graph.partners[family_id] = tuple(p for p in (first, second) if p is not None)
        for partner_id in graph.partners[family_id]:
            graph.families_of[partner_id].append(family_id)
    for family_id, child_id in session.execute(
        select(FamilyChild.family_id, FamilyChild.person_id).order_by(FamilyChild.family_id, FamilyChild.position)
    ):
        graph.children[family_id].append(child_id)
        graph.has_parents.add(child_id)
    return graph


def _families_below(graph: FamilyGraph, family_id: int) -> list[int]:
    return [own for child in graph.children.get(family_id, ()) for own in graph.families_of.get(child, ())]


def _descendant_counts(graph: FamilyGraph) -> dict[int, int]:
    """How many descendants each family has, along each line of descent (iterative: trees run deep)."""
    counts: dict[int, int] = {}
    visiting: set[int] = set()
    for root in graph.partners:
        stack: list[tuple[int, bool]] = [(root, False)]
        while stack:
            family_id, finished = stack.pop()
            if finished:
                below = _families_below(graph, family_id)
                # A family still being visited is a loop in bad data: it adds nothing rather than forever.
                counts[family_id] = len(graph.children.get(family_id, ())) + sum(counts.get(f, 0) for f in below)
                continue
            if family_id in counts or family_id in visiting:
                continue
            visiting.add(family_id)
            stack.append((family_id, True))
            stack.extend((f, False) for f in _families_below(graph, family_id) if f not in counts)
    return counts


def founding_family(graph: FamilyGraph) -> int | None:
    """The founding couple's family: two partners without parents, the most descendants (first imported on a tie)."""
    roots = [
        family_id
        for family_id, partners in graph.partners.items()
        if len(partners) == 2 and not any(p in graph.has_parents for p in partners)
    ]
    if not roots:
        return None
    counts = _descendant_counts(graph)
    return max(roots, key=lambda family_id: (counts.get(family_id, 0), -family_id))


def branches(graph: FamilyGraph, family_id: int) -> list[tuple[int, list[int]]]:
    """Each child of the family with their branch: descendants generation by generation, each with partners."""
    placed: set[int] = set(graph.partners.get(family_id, ()))
    result = []
    for child_id in graph.children.get(family_id, []):
        if child_id in placed:
            continue
        members: list[int] = []
        generation = [child_id]
        placed.add(child_id)
        while generation:
            following: list[int] = []
            for person_id in generation:
                members.append(person_id)
                for own in graph.families_of.get(person_id, ()):
                    for partner_id in graph.partners[own]:
                        if partner_id not in placed:  # listed beside the descendant, not walked: no step-children
                            placed.add(partner_id)
                            members.append(partner_id)
                    for kid in graph.children.get(own, ()):
                        if kid not in placed:
                            placed.add(kid)
                            following.append(kid)
            generation = following
        result.append((child_id, members))
    return result
