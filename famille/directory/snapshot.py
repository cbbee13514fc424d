"""What the directory needs of the whole tree, read once per data version and kept in memory.

At 100,000 people, reading the ties (two queries of about 100,000 rows), finding the founding couple and walking
its branches takes about half a second; the directory would pay it on every page. All of it (ties, who is living,
who has which kind of link) changes only through writes that move the data version on (imports, link edits), so
the snapshot is kept per database engine and read again when the version has moved. Privacy is *not* part of it:
it depends on the viewer and on the accounts' choices, and every page asks for it anew.
"""

from __future__ import annotations

import weakref
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from famille.models import Person, ProfileLink
from famille.people.branches import FamilyGraph, branches, founding_family, load_graph
from famille.site.services import DATA_VERSION_KEY, get_setting


@dataclass(frozen=True, slots=True)
class Lines:
    """The lines of descent below a couple or an ancestor.

    ``top`` holds the couple (or the ancestor) and their partners; ``branches`` each child's line as
    :func:`famille.people.branches.branches` walks it; ``generation`` counts from ``top`` (0) down, a partner
    counting as the descendant they married; ``branch_of`` gives each line member the head of their line.
    """

    top: tuple[int, ...]
    branches: list[tuple[int, list[int]]]
    generation: dict[int, int]
    branch_of: dict[int, int]


@dataclass(frozen=True, slots=True)
class TreeSnapshot:
    """The tree as the directory groups it, for one data version."""

    version: str
    graph: FamilyGraph
    lines: Lines
    everyone: tuple[int, ...]
    elsewhere: tuple[int, ...]
    living: frozenset[int]
    platforms: dict[int, tuple[str, ...]]


def _generations(graph: FamilyGraph, family_ids: Iterable[int]) -> dict[int, int]:
    """Each descendant's generation below ``family_ids`` (children: 1), partners beside them; loops end."""
    families = list(family_ids)
    level = {partner: 0 for family_id in families for partner in graph.partners.get(family_id, ())}
    seen_families, walked = set(families), set(level)
    depth = 0
    while families:
        depth += 1
        following: list[int] = []
        for family_id in families:
            for child in graph.children.get(family_id, ()):
                if child in walked:
                    continue
                walked.add(child)
                level.setdefault(child, depth)
                for own in graph.families_of.get(child, ()):
                    if own not in seen_families:
                        seen_families.add(own)
                        following.append(own)
        for own in following:
            for partner in graph.partners.get(own, ()):
                level.setdefault(partner, depth)
        families = following
    return level


def lines_below(graph: FamilyGraph, family_ids: Iterable[int], *, top: Iterable[int] = ()) -> Lines:
    """The lines of the children of ``family_ids`` (a person of two lines stays in the first)."""
    families = list(family_ids)
    heads = [*top, *(partner for family_id in families for partner in graph.partners.get(family_id, ()))]
    placed: set[int] = set(heads)
    lines: list[tuple[int, list[int]]] = []
    for family_id in families:
        for head, members in branches(graph, family_id):
            kept = [person_id for person_id in members if person_id not in placed]
            if head in kept:
                placed.update(kept)
                lines.append((head, kept))
    generation = _generations(graph, families)
    generation.update((person_id, 0) for person_id in heads)
    branch_of = {person_id: head for head, members in lines for person_id in members}
    return Lines(tuple(dict.fromkeys(heads)), lines, generation, branch_of)


def ancestor_lines(graph: FamilyGraph, person_id: int) -> Lines:
    """The lines of each child of ``person_id`` (of every partner), their families in the order of the file."""
    return lines_below(graph, graph.families_of.get(person_id, ()), top=(person_id,))


def _read(session: Session, version: str) -> TreeSnapshot:
    graph = load_graph(session)
    founders = founding_family(graph)
    lines = lines_below(graph, [founders]) if founders is not None else Lines((), [], {}, {})
    everyone, living = [], set()
    for person_id, alive in session.execute(select(Person.person_id, Person.living).order_by(Person.person_id)):
        everyone.append(person_id)
        if alive:
            living.add(person_id)
    kinds: dict[int, set[str]] = defaultdict(set)
    for person_id, platform in session.execute(select(ProfileLink.person_id, ProfileLink.platform)):
        kinds[person_id].add(platform)
    platforms = {person_id: tuple(sorted(found)) for person_id, found in kinds.items()}
    placed = set(lines.top).union(lines.branch_of)
    elsewhere = tuple(person_id for person_id in everyone if person_id not in placed)
    return TreeSnapshot(version, graph, lines, tuple(everyone), elsewhere, frozenset(living), platforms)


# One snapshot per engine (so per application and database); it goes when the engine goes.
_SNAPSHOTS: weakref.WeakKeyDictionary[Engine, TreeSnapshot] = weakref.WeakKeyDictionary()


def tree_snapshot(session: Session) -> TreeSnapshot:
    """The snapshot of the current data version: one query when it is known, five when it must be read."""
    version = get_setting(session, DATA_VERSION_KEY, "0")
    engine = session.get_bind()
    known = _SNAPSHOTS.get(engine) if isinstance(engine, Engine) else None
    if known is not None and known.version == version:
        return known
    snapshot = _read(session, version)
    if isinstance(engine, Engine):
        _SNAPSHOTS[engine] = snapshot
    return snapshot
