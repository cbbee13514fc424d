"""Close family: the blood relatives of a person within N degrees by the civil count, plus their partners.

The civil count climbs from one person to the common ancestor and goes down to the other, one degree per
parent–child step: a parent is at 1 degree, a sibling and a grandparent at 2, an uncle at 3, a first cousin at 4.
Adopted and foster children count like born ones, as the law counts them.

Partners are related by marriage at the degree of the relative they are the partner of (a cousin's wife at 4); a
person's own partners are at 0, like the person. So "the close family of A within N" holds A's blood relatives up
to N and their partners, and :func:`degree_between` answers "is B in it, and how close".

The walk is a breadth-first search over parent/child ties, one generation at a time: it asks the database only for
the ties of the current frontier (``IN (...)`` in chunks), never for the whole tree. The walk itself is pure
(:func:`walk_relatives` takes the loader as an argument) and tested on a hand-made family.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from famille.models import Family, FamilyChild

#: How many ids go into one ``IN (...)``: well under SQLite's limit on bound parameters.
CHUNK = 500


@dataclass(frozen=True, slots=True)
class Ties:
    """Parent/child ties of some people: who their parents are, who their children are."""

    parents: dict[int, set[int]] = field(default_factory=dict)
    children: dict[int, set[int]] = field(default_factory=dict)


#: Loads the parents of the first set of people and the children of the second.
TieLoader = Callable[[set[int], set[int]], Ties]
#: Loads the partners of some people.
PartnerLoader = Callable[[set[int]], dict[int, set[int]]]


def walk_relatives(
    starts: Iterable[int], *, limit: int, load_ties: TieLoader, stop_at: Collection[int] = ()
) -> dict[int, int]:
    """Blood relatives of ``starts`` (all at degree 0) within ``limit`` degrees: {person_id: degree}.

    A path of the civil count goes up some generations, then down: never down then up (a child's other parent is
    a partner, not a blood relative). So the frontier is two sets: people reached going up (who may still climb)
    and people reached after a step down (who may only go further down). With ``stop_at``, the walk ends after
    the first generation that reaches one of those people.
    """
    degrees = {person_id: 0 for person_id in starts}
    climbing, descending = set(degrees), set[int]()
    climbed, descended = set(degrees), set(degrees)
    for degree in range(1, max(limit, 0) + 1):
        if (not climbing and not descending) or any(target in degrees for target in stop_at):
            break
        ties = load_ties(climbing, climbing | descending)
        up = {parent for child in climbing for parent in ties.parents.get(child, ())} - climbed
        down = {child for parent in climbing | descending for child in ties.children.get(parent, ())}
        down -= descended | up
        climbed |= up
        descended |= up | down
        for person_id in up | down:
            degrees.setdefault(person_id, degree)
        climbing, descending = up, down
    return degrees


def with_partners(blood: dict[int, int], *, load_partners: PartnerLoader) -> dict[int, int]:
    """``blood`` plus the partners of each relative, at that relative's degree (the closest if several)."""
    result = dict(blood)
    for person_id, partners in load_partners(set(blood)).items():
        for partner_id in partners:
            degree = blood[person_id]
            if result.get(partner_id, degree + 1) > degree:
                result[partner_id] = degree
    return result


def id_chunks(ids: Iterable[int]) -> Iterator[list[int]]:
    """``ids`` without repeats, sorted, in lists of at most :data:`CHUNK` (one ``IN (...)`` each)."""
    ordered = sorted(set(ids))
    for start in range(0, len(ordered), CHUNK):
        yield ordered[start : start + CHUNK]


def tie_loader(session: Session) -> TieLoader:
    """A :data:`TieLoader` reading the family and family_child tables, a few queries per call."""

    def load(parents_of: set[int], children_of: set[int]) -> Ties:
        ties = Ties(parents=defaultdict(set), children=defaultdict(set))
        for chunk in id_chunks(parents_of):
            rows = session.execute(
                select(FamilyChild.person_id, Family.partner1_id, Family.partner2_id)
                .join(Family, Family.family_id == FamilyChild.family_id)
                .where(FamilyChild.person_id.in_(chunk))
            )
            for child_id, first, second in rows:
                ties.parents[child_id].update(p for p in (first, second) if p is not None)
        for chunk in id_chunks(children_of):
            rows = session.execute(
                select(Family.partner1_id, Family.partner2_id, FamilyChild.person_id)
                .join(FamilyChild, FamilyChild.family_id == Family.family_id)
                .where(or_(Family.partner1_id.in_(chunk), Family.partner2_id.in_(chunk)))
            )
            for first, second, child_id in rows:
                for parent_id in (first, second):
                    if parent_id in children_of:
                        ties.children[parent_id].add(child_id)
        return ties

    return load


def partner_loader(session: Session) -> PartnerLoader:
    """A :data:`PartnerLoader` reading the couples of the family table."""

    def load(person_ids: set[int]) -> dict[int, set[int]]:
        partners: dict[int, set[int]] = defaultdict(set)
        for chunk in id_chunks(person_ids):
            rows = session.execute(
                select(Family.partner1_id, Family.partner2_id).where(
                    or_(Family.partner1_id.in_(chunk), Family.partner2_id.in_(chunk)),
                    Family.partner1_id.is_not(None),
                    Family.partner2_id.is_not(None),
                )
            )
            for first, second in rows:
                if first in person_ids and first != second:
                    partners[first].add(second)
                if second in person_ids and first != second:
                    partners[second].add(first)
        return partners

    return load


def close_family(session: Session, person_id: int, *, degrees: int) -> dict[int, int]:
    """The close family of ``person_id`` within ``degrees``: blood relatives and their partners, by degree."""
    blood = walk_relatives([person_id], limit=degrees, load_ties=tie_loader(session))
    return with_partners(blood, load_partners=partner_loader(session))


def kin_of(session: Session, person_id: int, *, degrees: int) -> dict[int, int]:
    """Everyone whose close family within ``degrees`` includes ``person_id``, with the degree that links them.

    Blood kinship is symmetric; kinship by marriage is seen from the other side: B's close family includes A
    when A is the partner of one of B's blood relatives, that is when B is a blood relative of A's partner. So
    the walk starts from ``person_id`` and their partners at once. One walk answers, for a whole page of people,
    "may this viewer see them?".
    """
    partners = partner_loader(session)({person_id}).get(person_id, set())
    return walk_relatives([person_id, *partners], limit=degrees, load_ties=tie_loader(session))


def degree_between(session: Session, a: int, b: int, limit: int) -> int | None:
    """How close ``b`` is to ``a`` (blood degree, or by marriage through a partner), or None beyond ``limit``."""
    if a == b:
        return 0
    partners = partner_loader(session)({b}).get(b, set())
    targets = {b, *partners}
    degrees = walk_relatives([a], limit=limit, load_ties=tie_loader(session), stop_at=targets)
    found = [degrees[target] for target in targets if target in degrees]
    return min(found) if found else None
