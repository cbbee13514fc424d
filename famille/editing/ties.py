"""Reading a person's ties for the editing pages: the families they are a child in and a partner in.

Each tie names the family it lives in, so a page can offer to remove exactly that link. Loaded in four queries
whatever the size of the tree; every relative is shown as privacy.py lets the viewer see them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from famille.models import Family, FamilyChild, Person
from famille.privacy import PersonView, Viewer
from famille.visibility import page_privacy

#: The ties an editor may add, and those that can be removed ("parents": the person leaves their parents' family).
RELATIONS = ("parent", "partner", "child")
REMOVABLE = ("parents", "partner", "child")
_CHUNK = 500


@dataclass(slots=True)
class ParentFamily:
    """A family the person is a child in: its partners (the parents) and how the person is their child."""

    family_id: int
    pedigree: str
    parents: list[PersonView] = field(default_factory=list)


@dataclass(slots=True)
class OwnFamily:
    """A family the person is a partner in: the other partner, if any, and the children."""

    family_id: int
    partner: PersonView | None
    children: list[PersonView] = field(default_factory=list)


@dataclass(slots=True)
class Ties:
    """Every family tie of one person."""

    parent_families: list[ParentFamily] = field(default_factory=list)
    own_families: list[OwnFamily] = field(default_factory=list)


def parent_rows(session: Session, person_id: int) -> list[tuple[Family, str]]:
    """The families ``person_id`` is a child in, with the pedigree, birth family first."""
    rows = session.execute(
        select(Family, FamilyChild.pedigree)
        .join(FamilyChild, FamilyChild.family_id == Family.family_id)
        .where(FamilyChild.person_id == person_id)
        .order_by(FamilyChild.pedigree != "birth", Family.family_id)
    ).all()
    return [(family, pedigree) for family, pedigree in rows]


def own_families(session: Session, person_id: int) -> list[Family]:
    """The families ``person_id`` is a partner in, oldest first."""
    return list(
        session.scalars(
            select(Family)
            .where(or_(Family.partner1_id == person_id, Family.partner2_id == person_id))
            .order_by(Family.family_id)
        )
    )


def partners_of(family: Family) -> list[int]:
    """The ids of the family's partners (none, one or two)."""
    return [pid for pid in (family.partner1_id, family.partner2_id) if pid is not None]


def family_members(session: Session, family_id: int | None) -> set[int]:
    """The partners and children of a family (none when ``family_id`` is None or the family is gone)."""
    family = session.get(Family, family_id) if family_id is not None else None
    if family is None:
        return set()
    children = session.scalars(select(FamilyChild.person_id).where(FamilyChild.family_id == family_id))
    return set(partners_of(family)) | set(children)


def person_ties(session: Session, *, person_id: int, viewer: Viewer) -> Ties:
    """The person's parents' families and own families, each relative as ``viewer`` may see them."""
    as_child = parent_rows(session, person_id)
    own = own_families(session, person_id)
    children = session.execute(
        select(FamilyChild.family_id, FamilyChild.person_id)
        .where(FamilyChild.family_id.in_([family.family_id for family in own] or [0]))
        .order_by(FamilyChild.family_id, FamilyChild.position)
    ).all()
    wanted = {pid for family, _pedigree in as_child for pid in partners_of(family)}
    wanted |= {pid for family in own for pid in partners_of(family)} | {child for _fid, child in children}
    people = {p.person_id: p for p in session.scalars(select(Person).where(Person.person_id.in_(wanted or {0})))}
    privacy = page_privacy(session, viewer, [pid for pid, p in people.items() if p.living])
    ties = Ties()
    for family, pedigree in as_child:
        parents = [privacy.view_person(people[pid]) for pid in partners_of(family) if pid in people]
        ties.parent_families.append(ParentFamily(family.family_id, pedigree, parents))
    for family in own:
        other = next((pid for pid in partners_of(family) if pid != person_id), None)
        partner = privacy.view_person(people[other]) if other in people else None
        kids = [privacy.view_person(people[cid]) for fid, cid in children if fid == family.family_id and cid in people]
        ties.own_families.append(OwnFamily(family.family_id, partner, kids))
    return ties


def descends_from(session: Session, *, person_id: int, ancestor_id: int, generations: int = 200) -> bool:
    """Whether ``person_id`` is ``ancestor_id`` or one of their descendants (a query per generation)."""
    seen, frontier = {ancestor_id}, {ancestor_id}
    for _generation in range(generations):
        if person_id in seen:
            return True
        if not frontier:
            return False
        children: set[int] = set()
        ordered = sorted(frontier)
        for start in range(0, len(ordered), _CHUNK):  # a wide generation stays under the database's bind limit
            chunk = ordered[start : start + _CHUNK]
            children.update(
                session.scalars(
                    select(FamilyChild.person_id)
                    .join(Family, Family.family_id == FamilyChild.family_id)
                    .where(or_(Family.partner1_id.in_(chunk), Family.partner2_id.in_(chunk)))
                )
            )
        frontier = children - seen
        seen |= frontier
    return person_id in seen
