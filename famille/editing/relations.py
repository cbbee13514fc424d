"""Adding and removing a person's parents, partners and children (editors and admins).

GEDCOM ties people through families: a couple (one or two partners) and their children. Adding a parent joins the
person's parents' family when it has a free place (a second parent), else makes a new family; a partner makes a
new couple; a child joins the chosen couple, or a new family where the person is the only known parent. The new
relative is either an existing person or one typed on the spot (:mod:`famille.editing.people`).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from famille.editing.people import NewPerson, create_person, new_family, person_snapshot
from famille.editing.services import Actor, EditError, LivingRule, record, refresh_living, touch
from famille.editing.ties import RELATIONS, descends_from, family_members, own_families, parent_rows, partners_of
from famille.markers import N_
from famille.models import Event, Family, FamilyChild, Note, Person

PEDIGREES = ("birth", "adopted", "foster")


@dataclass(frozen=True, slots=True)
class Addition:
    """A relative to add: which tie, in which family for a child (None: a new one), and the pedigree."""

    relation: str
    family_id: int | None = None
    pedigree: str = "birth"


@dataclass(frozen=True, slots=True)
class Tie:
    """One existing tie as seen from a person: "parents" (their parents' family), "partner" or "child"."""

    relation: str
    family_id: int
    other_id: int | None


def _refuse_self(person: Person, other: Person) -> None:
    if person.person_id == other.person_id:
        raise EditError(N_("A person cannot be their own relative."))


def _slot_for(family: Family, parent: Person) -> str | None:
    """The free partner place of ``family`` for ``parent`` (men first as HUSB, women as WIFE), or None."""
    free = [slot for slot in ("partner1_id", "partner2_id") if getattr(family, slot) is None]
    preferred = {"M": "partner1_id", "F": "partner2_id"}.get(parent.sex)
    return preferred if preferred in free else (free[0] if free else None)


def _next_position(session: Session, family_id: int) -> int:
    last = session.scalar(select(func.max(FamilyChild.position)).where(FamilyChild.family_id == family_id))
    return 0 if last is None else last + 1


def _add_parent(session: Session, child: Person, parent: Person, pedigree: str) -> int:
    """Join the child's parents' family of this pedigree with a free place, else make one; returns its id."""
    families = parent_rows(session, child.person_id)
    if any(parent.person_id in partners_of(family) for family, _pedigree in families):
        raise EditError(N_("This person is already a parent of %(name)s."), name=child.display_name)
    if descends_from(session, person_id=parent.person_id, ancestor_id=child.person_id):
        raise EditError(N_("A descendant of %(name)s cannot be their parent."), name=child.display_name)
    for family, family_pedigree in families:
        slot = _slot_for(family, parent) if family_pedigree == pedigree else None
        if slot is not None:
            setattr(family, slot, parent.person_id)
            return family.family_id
    if any(family_pedigree == pedigree for _family, family_pedigree in families):
        raise EditError(N_("%(name)s already has two parents."), name=child.display_name)
    family = new_family(session, partners=[parent])
    session.add(FamilyChild(family_id=family.family_id, person_id=child.person_id, position=0, pedigree=pedigree))
    return family.family_id


def _add_partner(session: Session, person: Person, partner: Person) -> int:
    if any(partner.person_id in partners_of(family) for family in own_families(session, person.person_id)):
        raise EditError(N_("These two people are already partners."))
    return new_family(session, partners=[person, partner]).family_id


def _add_child(session: Session, parent: Person, child: Person, family_id: int | None, pedigree: str) -> int:
    families = {family.family_id: family for family in own_families(session, parent.person_id)}
    if family_id is not None and family_id not in families:
        raise EditError(N_("Choose the other parent from the list."), field="family")
    if descends_from(session, person_id=parent.person_id, ancestor_id=child.person_id):
        raise EditError(N_("An ancestor of %(name)s cannot be their child."), name=parent.display_name)
    taken = session.scalar(
        select(func.count())
        .select_from(FamilyChild)
        .where(FamilyChild.person_id == child.person_id, FamilyChild.family_id.in_(list(families) or [0]))
    )
    if taken:
        raise EditError(N_("This person is already a child of %(name)s."), name=parent.display_name)
    family = families[family_id] if family_id is not None else new_family(session, partners=[parent])
    position = _next_position(session, family.family_id)
    session.add(
        FamilyChild(family_id=family.family_id, person_id=child.person_id, position=position, pedigree=pedigree)
    )
    return family.family_id


def _tie(session: Session, person: Person, other: Person, addition: Addition) -> int:
    _refuse_self(person, other)
    pedigree = addition.pedigree if addition.pedigree in PEDIGREES else "birth"
    if addition.relation == "parent":
        return _add_parent(session, person, other, pedigree)
    if addition.relation == "partner":
        return _add_partner(session, person, other)
    if addition.relation == "child":
        return _add_child(session, person, other, addition.family_id, pedigree)
    raise EditError(N_("Choose a kind of relative from the list."))


def link_relative(
    session: Session, *, person: Person, other: Person, addition: Addition, actor: Actor, rule: LivingRule
) -> int:
    """Tie an existing person to ``person`` as their parent, partner or child; returns the family's id."""
    family_id = _tie(session, person, other, addition)
    _after(session, [person.person_id, other.person_id], rule, family_id=family_id)
    details = {
        "relation": addition.relation,
        "other_id": other.person_id,
        "other_name": other.display_name,
        "family_id": family_id,
        "pedigree": addition.pedigree if addition.relation != "partner" else None,
    }
    record(
        session, kind="relation_added", actor=actor, person_id=person.person_id, family_id=family_id, details=details
    )
    return family_id


def add_new_relative(
    session: Session, *, person: Person, new: NewPerson, addition: Addition, actor: Actor, rule: LivingRule
) -> Person:
    """Make a new person and tie them to ``person``; one "person_added" change records both."""
    if addition.relation not in RELATIONS:
        raise EditError(N_("Choose a kind of relative from the list."))
    other = create_person(session, new=new)
    family_id = _tie(session, person, other, addition)
    _after(session, [person.person_id, other.person_id], rule, family_id=family_id)
    details = {
        "relation": addition.relation,
        "of": person.person_id,
        "of_name": person.display_name,
        "family_id": family_id,
        "old": None,
        "new": person_snapshot(other),
    }
    record(session, kind="person_added", actor=actor, person_id=other.person_id, family_id=family_id, details=details)
    return other


def _after(session: Session, person_ids: list[int], rule: LivingRule, *, family_id: int | None) -> None:
    """Mark the people of a tie as updated and set living flags again (a relative can tell whether one lives).

    Joining or leaving a family changes the relatives of everyone in it (a parent joining a couple becomes the
    other's partner and the parent of every child), so all its members count as touched for the living flags.
    """
    session.flush()
    touch(session, person_ids)
    refresh_living(session, rule, touched={*person_ids, *family_members(session, family_id)})


def find_tie(session: Session, *, person_id: int, relation: str, family_id: int, other_id: int | None) -> Tie | None:
    """The tie named by a removal page's address, if it exists."""
    family = session.get(Family, family_id) if 0 < family_id <= 2**31 - 1 else None
    if family is None or relation not in ("parents", "partner", "child"):
        return None
    children = set(session.scalars(select(FamilyChild.person_id).where(FamilyChild.family_id == family_id)))
    partners = partners_of(family)
    if relation == "parents":
        found = person_id in children
        other_id = None
    elif relation == "partner":
        found = person_id in partners and other_id in partners and other_id != person_id
    else:
        found = person_id in partners and other_id in children
    return Tie(relation, family_id, other_id) if found else None


def remove_tie(session: Session, *, person: Person, tie: Tie, actor: Actor, rule: LivingRule) -> None:
    """Undo one tie; a family left with nobody in it goes (with its events and notes)."""
    family = session.get(Family, tie.family_id)
    if family is None:
        return
    parents = partners_of(family)
    if tie.relation == "parents":
        session.execute(
            delete(FamilyChild).where(
                FamilyChild.family_id == family.family_id, FamilyChild.person_id == person.person_id
            )
        )
    elif tie.relation == "partner":
        slot = "partner1_id" if family.partner1_id == tie.other_id else "partner2_id"
        setattr(family, slot, None)
    else:
        session.execute(
            delete(FamilyChild).where(FamilyChild.family_id == family.family_id, FamilyChild.person_id == tie.other_id)
        )
    session.flush()
    family_id = family.family_id if not drop_if_empty(session, family) else None
    touched = [person.person_id] + ([tie.other_id] if tie.other_id else parents)
    _after(session, touched, rule, family_id=family_id)
    details = {"relation": tie.relation, "other_id": tie.other_id, "family_id": tie.family_id, "parents": parents}
    record(
        session, kind="relation_removed", actor=actor, person_id=person.person_id, family_id=family_id, details=details
    )


def drop_if_empty(session: Session, family: Family) -> bool:
    """Delete ``family`` when it has neither partner nor child left; returns whether it went."""
    if partners_of(family):
        return False
    if session.scalar(select(func.count()).select_from(FamilyChild).where(FamilyChild.family_id == family.family_id)):
        return False
    for model in (Event, Note):
        session.execute(delete(model).where(model.family_id == family.family_id))
    session.delete(family)
    session.flush()
    return True
