"""Reading what a chart needs from the database: family ties by frontier, and the facts of its people.

Every reader takes a set of ids and asks in chunks (``IN (...)`` of at most :data:`CHUNK` ids), so a chart costs a
few queries per generation, never one per person, and never reads the whole tree except for the whole-family chart.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from famille.charts.graph import FamilyTies
from famille.kinship.closeness import id_chunks
from famille.models import Change, Family, FamilyChild, Person, ProfileLink, User

#: Births without a known date come after the dated ones, in the file's order.
UNDATED = 10**9


def _with_children(session: Session, partners: dict[int, tuple[int, ...]]) -> list[FamilyTies]:
    """Families with their children in birth order (then the file's order), one query per chunk of families."""
    children: dict[int, list[tuple[int, int, int, str]]] = defaultdict(list)
    for chunk in id_chunks(partners):
        rows = session.execute(
            select(
                FamilyChild.family_id,
                FamilyChild.person_id,
                FamilyChild.position,
                FamilyChild.pedigree,
                Person.birth_sort,
            )
            .join(Person, Person.person_id == FamilyChild.person_id)
            .where(FamilyChild.family_id.in_(chunk))
        )
        for family_id, child_id, position, pedigree, birth_sort in rows:
            born = UNDATED if birth_sort is None else birth_sort
            children[family_id].append((born, position or 0, child_id, pedigree or "birth"))
    return [
        FamilyTies(family_id, partners[family_id], tuple((c, ped) for _, _, c, ped in sorted(children[family_id])))
        for family_id in sorted(partners)
    ]


def _partners(first: int | None, second: int | None) -> tuple[int, ...]:
    return tuple(p for p in (first, second) if p is not None)


def parent_families(session: Session, person_ids: set[int]) -> list[FamilyTies]:
    """The families in which these people are children (their parents' families)."""
    found: dict[int, tuple[int, ...]] = {}
    for chunk in id_chunks(person_ids):
        rows = session.execute(
            select(Family.family_id, Family.partner1_id, Family.partner2_id)
            .join(FamilyChild, FamilyChild.family_id == Family.family_id)
            .where(FamilyChild.person_id.in_(chunk))
        )
        found.update((family_id, _partners(a, b)) for family_id, a, b in rows)
    return _with_children(session, found)


def own_families(session: Session, person_ids: set[int]) -> list[FamilyTies]:
    """The families in which these people are partners (their couples and children)."""
    found: dict[int, tuple[int, ...]] = {}
    for chunk in id_chunks(person_ids):
        rows = session.execute(
            select(Family.family_id, Family.partner1_id, Family.partner2_id).where(
                or_(Family.partner1_id.in_(chunk), Family.partner2_id.in_(chunk))
            )
        )
        found.update((family_id, _partners(a, b)) for family_id, a, b in rows)
    return _with_children(session, found)


def all_families(session: Session) -> tuple[list[FamilyTies], list[int]]:
    """Every family and every person (the whole-family chart only): three queries."""
    partners = {
        family_id: _partners(a, b)
        for family_id, a, b in session.execute(select(Family.family_id, Family.partner1_id, Family.partner2_id))
    }
    children: dict[int, list[tuple[int, int, int, str]]] = defaultdict(list)
    rows = session.execute(
        select(
            FamilyChild.family_id, FamilyChild.person_id, FamilyChild.position, FamilyChild.pedigree, Person.birth_sort
        ).join(Person, Person.person_id == FamilyChild.person_id)
    )
    for family_id, child_id, position, pedigree, birth_sort in rows:
        children[family_id].append((UNDATED if birth_sort is None else birth_sort, position or 0, child_id, pedigree))
    families = [
        FamilyTies(f, partners[f], tuple((c, ped or "birth") for _, _, c, ped in sorted(children[f])))
        for f in sorted(partners)
    ]
    return families, list(session.scalars(select(Person.person_id)))


def people_count(session: Session) -> int:
    """How many people the tree holds."""
    return session.scalar(select(func.count()).select_from(Person)) or 0


@dataclass(frozen=True, slots=True)
class PersonFacts:
    """What a box needs of a person before privacy: names, dates, living, link count, whether a member."""

    row: tuple[int, str, str, str, str, bool]
    links: int
    member: bool


def person_facts(session: Session, person_ids: Collection[int]) -> dict[int, PersonFacts]:
    """The facts of these people: three queries per chunk (people, link counts, members)."""
    facts: dict[int, PersonFacts] = {}
    for chunk in id_chunks(person_ids):
        links = dict(
            session.execute(
                select(ProfileLink.person_id, func.count())
                .where(ProfileLink.person_id.in_(chunk))
                .group_by(ProfileLink.person_id)
            ).all()
        )
        members = set(session.scalars(select(User.person_id).where(User.person_id.in_(chunk), User.is_active)))
        rows = session.execute(
            select(
                Person.person_id, Person.given_name, Person.surname, Person.birth_date, Person.death_date, Person.living
            ).where(Person.person_id.in_(chunk))
        )
        for row in rows:
            person_id = row[0]
            facts[person_id] = PersonFacts(tuple(row), links.get(person_id, 0), person_id in members)  # type: ignore[arg-type]
    return facts


def account_marks(session: Session) -> list[tuple[int, str, int, bool]]:
    """(person_id, privacy, degree, active) of every account linked to a person, in order: what decides who sees
    whom and who is drawn as a member. Saving a privacy choice or approving a claim does not move the data
    version, so chart caches put these in their key instead; one query over the accounts, not the people."""
    rows = session.execute(
        select(User.person_id, User.privacy, User.privacy_degree, User.is_active)
        .where(User.person_id.is_not(None))
        .order_by(User.person_id, User.user_id)
    )
    return [(person_id, privacy or "", degree or 0, bool(active)) for person_id, privacy, degree, active in rows]


def changes_since(session: Session, person_ids: Collection[int], since: datetime) -> list[tuple[int, str, datetime]]:
    """(person_id, kind, when) of the changes about these people since ``since``, oldest first."""
    found: list[tuple[int, str, datetime]] = []
    for chunk in id_chunks(person_ids):
        rows = session.execute(
            select(Change.person_id, Change.kind, Change.created_at).where(
                Change.person_id.in_(chunk), Change.created_at >= since
            )
        )
        found.extend((person_id, kind, created_at) for person_id, kind, created_at in rows)
    return sorted(found, key=lambda item: item[2])


def own_families_of_family(session: Session, family_id: int) -> list[FamilyTies]:
    """One family's ties (partners and children), or [] when it no longer exists."""
    row = session.execute(select(Family.partner1_id, Family.partner2_id).where(Family.family_id == family_id)).first()
    return [] if row is None else _with_children(session, {family_id: _partners(*row)})
