"""What the welcome page of an invitation says about the person it is for.

"You are Hélène, daughter of Marc Tremblay and Sylvie Côté", and a small view of their close family: parents,
siblings, partners and children, with their years. Loaded in a fixed number of queries; what may be shown of
each relative is decided by privacy.py for the viewer the caller passes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import case, or_, select
from sqlalchemy.orm import Session

from famille.gedcom.dates import parsed_date
from famille.markers import N_
from famille.models import Family, FamilyChild, Person
from famille.privacy import PersonView, Viewer
from famille.visibility import PagePrivacy, page_privacy


@dataclass(frozen=True, slots=True)
class Relative:
    """One person of the close family as the viewer may see them, with their years ("1950", "1890–1960")."""

    view: PersonView
    years: str

    @property
    def name(self) -> str:
        """The name to show (only the surname when the person is private)."""
        return " ".join(part for part in (self.view.given_name, self.view.surname) if part) or "…"


@dataclass(frozen=True, slots=True)
class CloseFamily:
    """A person, their sex, and their parents (birth family first), siblings, partners and children.

    ``first_parents`` are the partners of the person's first family as a child (the birth family when known).
    """

    person: Relative
    sex: str
    parents: list[Relative]
    first_parents: list[Relative]
    siblings: list[Relative]
    partners: list[Relative]
    children: list[Relative]


def life_years(birth_date: str, death_date: str) -> str:
    """The birth and death years of GEDCOM date texts: "1950", "1890–1960", "– 1960", or ""."""
    born = parsed_date(birth_date).year if birth_date else None
    died = parsed_date(death_date).year if death_date else None
    if died is None:
        return str(born) if born is not None else ""
    return f"{born}–{died}" if born is not None else f"– {died}"


def _relative(sight: PagePrivacy, person: Person) -> Relative:
    view = sight.view_person(person)
    return Relative(view=view, years=life_years(view.birth_date, view.death_date))


def _families(session: Session, person_id: int) -> tuple[list[Family], list[Family]]:
    """The families the person is a child of (birth family first), and those they are a partner in."""
    birth_first = case((FamilyChild.pedigree == "birth", 0), else_=1)
    parent_ids = list(
        session.scalars(
            select(FamilyChild.family_id)
            .where(FamilyChild.person_id == person_id)
            .order_by(birth_first, FamilyChild.family_id)
        )
    )
    families = session.scalars(
        select(Family).where(
            or_(Family.family_id.in_(parent_ids), Family.partner1_id == person_id, Family.partner2_id == person_id)
        )
    ).all()
    by_id = {family.family_id: family for family in families}
    own = [f for f in families if person_id in (f.partner1_id, f.partner2_id)]
    return [by_id[i] for i in parent_ids if i in by_id], sorted(own, key=lambda f: f.family_id)


def close_family(session: Session, *, person_id: int, viewer: Viewer) -> CloseFamily | None:
    """The person and their close family as ``viewer`` may see them, or None if there is no such person."""
    parent_families, own_families = _families(session, person_id)
    children_of: dict[int, list[int]] = {}
    family_ids = [f.family_id for f in parent_families + own_families]
    for family_id, child_id in session.execute(
        select(FamilyChild.family_id, FamilyChild.person_id)
        .where(FamilyChild.family_id.in_(family_ids))
        .order_by(FamilyChild.family_id, FamilyChild.position)
    ):
        children_of.setdefault(family_id, []).append(child_id)
    parents = _unique(p for f in parent_families for p in (f.partner1_id, f.partner2_id))
    partners = _unique(p for f in own_families for p in (f.partner1_id, f.partner2_id) if p != person_id)
    siblings = _unique(c for f in parent_families for c in children_of.get(f.family_id, []) if c != person_id)
    children = _unique(c for f in own_families for c in children_of.get(f.family_id, []))
    wanted = {person_id, *parents, *partners, *siblings, *children}
    people = {p.person_id: p for p in session.scalars(select(Person).where(Person.person_id.in_(wanted)))}
    if person_id not in people:
        return None
    sight = page_privacy(session, viewer, [p.person_id for p in people.values() if p.living])

    def relatives(ids: list[int], *, by_birth: bool = False) -> list[Relative]:
        found = [people[i] for i in ids if i in people]
        if by_birth:
            found.sort(key=lambda p: (p.birth_sort is None, p.birth_sort or 0))
        return [_relative(sight, p) for p in found]

    return CloseFamily(
        person=_relative(sight, people[person_id]),
        sex=people[person_id].sex,
        parents=relatives(parents),
        first_parents=relatives(_unique((parent_families[0].partner1_id, parent_families[0].partner2_id)))
        if parent_families
        else [],
        siblings=relatives(siblings, by_birth=True),
        partners=relatives(partners),
        children=relatives(children, by_birth=True),
    )


def _unique(ids: Iterable[int | None]) -> list[int]:
    seen: dict[int, None] = {}
    for person_id in ids:
        if person_id is not None:
            seen.setdefault(person_id, None)
    return list(seen)


#: "You are …" sentences by sex (M, F, other) and number of parents known (0, 1, 2).
_YOU_ARE: dict[tuple[str, int], str] = {
    ("M", 1): N_("You are %(name)s, son of %(parent1)s."),
    ("F", 1): N_("You are %(name)s, daughter of %(parent1)s."),
    ("U", 1): N_("You are %(name)s, child of %(parent1)s."),
    ("M", 2): N_("You are %(name)s, son of %(parent1)s and %(parent2)s."),
    ("F", 2): N_("You are %(name)s, daughter of %(parent1)s and %(parent2)s."),
    ("U", 2): N_("You are %(name)s, child of %(parent1)s and %(parent2)s."),
}
_YOU_ARE_NO_PARENTS = N_("You are %(name)s.")


def you_are(family: CloseFamily) -> tuple[str, dict[str, str]]:
    """The "You are Hélène, daughter of …" sentence as a message template and its parameters, to translate."""
    # The sentence names the parents of the birth family (the first), not adoptive or foster parents.
    parents = [relative.name for relative in family.first_parents[:2]]
    name = family.person.view.given_name or family.person.name
    params = {"name": name, **{f"parent{i}": parent for i, parent in enumerate(parents, start=1)}}
    sex = family.sex if family.sex in ("M", "F") else "U"
    return _YOU_ARE.get((sex, len(parents)), _YOU_ARE_NO_PARENTS), params
