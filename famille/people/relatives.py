"""A person's close family: parents, siblings (half-siblings marked), partners and children.

Loaded in six queries whatever the size of the tree, and each relative filtered by privacy.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from famille.models import Family, FamilyChild, Person
from famille.privacy import PersonView, Viewer
from famille.visibility import PagePrivacy, page_privacy


@dataclass(frozen=True, slots=True)
class Relative:
    """A relative as the viewer may see them, with how they are tied (pedigree, half-sibling)."""

    person: PersonView
    sex: str
    pedigree: str = "birth"
    half: bool = False


@dataclass(slots=True)
class Partnership:
    """One family the person is a partner in: the other partner (if known) and their children."""

    family_id: int
    partner: Relative | None
    children: list[Relative] = field(default_factory=list)


@dataclass(slots=True)
class Relatives:
    """The close family of one person."""

    parents: list[Relative] = field(default_factory=list)
    siblings: list[Relative] = field(default_factory=list)
    partnerships: list[Partnership] = field(default_factory=list)
    parent_family_ids: list[int] = field(default_factory=list)


def _families(session: Session, ids: set[int]) -> list[Family]:
    return list(session.scalars(select(Family).where(Family.family_id.in_(ids)))) if ids else []


def load_relatives(session: Session, *, person_id: int, viewer: Viewer) -> Relatives:
    """Parents, siblings, partners and children of ``person_id``, as ``viewer`` may see them."""
    as_child = session.execute(
        select(FamilyChild.family_id, FamilyChild.pedigree).where(FamilyChild.person_id == person_id)
    ).all()
    pedigree_in = dict(as_child)
    parent_families = _families(session, set(pedigree_in))
    parent_ids = {pid for f in parent_families for pid in (f.partner1_id, f.partner2_id) if pid}
    own = list(
        session.scalars(
            select(Family)
            .where(or_(Family.partner1_id == person_id, Family.partner2_id == person_id))
            .order_by(Family.family_id)
        )
    )
    other_families = (
        []
        if not parent_ids
        else list(
            session.scalars(
                select(Family).where(
                    or_(Family.partner1_id.in_(parent_ids), Family.partner2_id.in_(parent_ids)),
                    Family.family_id.not_in(set(pedigree_in) or {0}),
                )
            )
        )
    )
    family_ids = set(pedigree_in) | {f.family_id for f in own} | {f.family_id for f in other_families}
    children_rows = session.execute(
        select(FamilyChild.family_id, FamilyChild.person_id, FamilyChild.pedigree)
        .where(FamilyChild.family_id.in_(family_ids or {0}))
        .order_by(FamilyChild.family_id, FamilyChild.position)
    ).all()
    wanted = parent_ids | {row[1] for row in children_rows}
    wanted |= {pid for f in own for pid in (f.partner1_id, f.partner2_id) if pid}
    people = {p.person_id: p for p in session.scalars(select(Person).where(Person.person_id.in_(wanted or {0})))}
    privacy = page_privacy(session, viewer, [pid for pid, p in people.items() if p.living])
    return _assemble(privacy, person_id, pedigree_in, parent_families, own, other_families, children_rows, people)


def _relative(privacy: PagePrivacy, person: Person, **tie: object) -> Relative:
    return Relative(person=privacy.view_person(person), sex=person.sex, **tie)  # type: ignore[arg-type]


def _assemble(
    privacy, person_id, pedigree_in, parent_families, own, other_families, children_rows, people
) -> Relatives:  # noqa: ANN001, PLR0913
    """Put the loaded rows together (no queries here)."""
    result = Relatives(parent_family_ids=[f.family_id for f in parent_families])
    for family in parent_families:
        for pid in (family.partner1_id, family.partner2_id):
            if pid in people:
                result.parents.append(_relative(privacy, people[pid], pedigree=pedigree_in[family.family_id]))
    full = {f.family_id for f in parent_families}
    half_families = {f.family_id for f in other_families}
    seen = {person_id}
    for families, half in ((full, False), (half_families, True)):  # full siblings first: they are not "half"
        for family_id, child_id, _pedigree in children_rows:
            if family_id in families and child_id not in seen and child_id in people:
                seen.add(child_id)
                result.siblings.append(_relative(privacy, people[child_id], half=half))
    for family in own:
        partner_id = family.partner2_id if family.partner1_id == person_id else family.partner1_id
        partner = _relative(privacy, people[partner_id]) if partner_id in people else None
        children = [
            _relative(privacy, people[child_id], pedigree=pedigree)
            for family_id, child_id, pedigree in children_rows
            if family_id == family.family_id and child_id in people
        ]
        result.partnerships.append(Partnership(family.family_id, partner, children))
    return result
