"""A family's page: the partners, the family's events and the children, filtered by privacy.py."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from famille.models import Event, Family, FamilyChild, Person, Place
from famille.people.person import EventLine
from famille.people.relatives import Relative
from famille.privacy import Viewer
from famille.visibility import page_privacy


@dataclass(frozen=True, slots=True)
class FamilyPage:
    """What the viewer may see of one family."""

    family_id: int
    partners: list[Relative]
    events: list[EventLine]
    children: list[Relative]


def family_page(session: Session, *, family_id: int, viewer: Viewer) -> FamilyPage | None:
    """The page of ``family_id``, or None when there is no such family."""
    family = session.get(Family, family_id)
    if family is None:
        return None
    child_rows = session.execute(
        select(FamilyChild.person_id, FamilyChild.pedigree)
        .where(FamilyChild.family_id == family_id)
        .order_by(FamilyChild.position)
    ).all()
    ids = {pid for pid in (family.partner1_id, family.partner2_id) if pid} | {pid for pid, _p in child_rows}
    people = {p.person_id: p for p in session.scalars(select(Person).where(Person.person_id.in_(ids or {0})))}
    privacy = page_privacy(session, viewer, [pid for pid, p in people.items() if p.living])
    partners = [
        Relative(privacy.view_person(people[pid]), people[pid].sex)
        for pid in (family.partner1_id, family.partner2_id)
        if pid in people
    ]
    children = [
        Relative(privacy.view_person(people[pid]), people[pid].sex, pedigree=pedigree)
        for pid, pedigree in child_rows
        if pid in people
    ]
    # A couple's events (a marriage) are as private as its most private partner.
    partner_ids = {pid for pid in (family.partner1_id, family.partner2_id) if pid in people}
    open_family = all(privacy.can_see(pid, living=people[pid].living) for pid in partner_ids)
    events = _events(session, family_id) if open_family else []
    return FamilyPage(family_id, partners, events, children)


def _events(session: Session, family_id: int) -> list[EventLine]:
    rows = session.execute(
        select(Event, Place.name)
        .outerjoin(Place, Place.place_id == Event.place_id)
        .where(Event.family_id == family_id)
        .order_by(Event.date_start.is_(None), Event.date_start, Event.position)
    ).all()
    return [
        EventLine(e.tag, e.event_type, e.value, e.date_text, e.date_start, name or "", e.place_id) for e, name in rows
    ]
