"""What the editing page of a person lists: names, sex, events, notes and, for editors, family ties."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from famille.editing.names import person_names
from famille.editing.notes import person_notes
from famille.editing.ties import Ties, person_ties
from famille.models import Event, Family, Note, Person, PersonName
from famille.privacy import PersonView, Viewer
from famille.visibility import page_privacy, view_one


@dataclass(frozen=True, slots=True)
class Overview:
    """A person's editable rows, in the order the pages show them."""

    person: PersonView
    sex: str
    names: list[PersonName]
    events: list[Event]
    notes: list[tuple[Note, str]]
    ties: Ties | None


def events_of(session: Session, *, person_id: int | None = None, family_id: int | None = None) -> list[Event]:
    """The events of a person or a family with their places, in their order."""
    owner = Event.person_id == person_id if person_id is not None else Event.family_id == family_id
    query = select(Event).options(joinedload(Event.place)).where(owner).order_by(Event.position, Event.event_id)
    return list(session.scalars(query))


def person_overview(session: Session, *, person: Person, viewer: Viewer, with_ties: bool) -> Overview:
    """Everything the editing page of ``person`` lists (ties only for those who may change them)."""
    pid = person.person_id
    return Overview(
        person=view_one(session, viewer, person),
        sex=person.sex,
        names=person_names(session, person_id=pid),
        events=events_of(session, person_id=pid),
        notes=person_notes(session, person_id=pid),
        ties=person_ties(session, person_id=pid, viewer=viewer) if with_ties else None,
    )


@dataclass(frozen=True, slots=True)
class FamilyOverview:
    """A family's partners (as the viewer may see them) and events."""

    family_id: int
    partners: list[PersonView]
    events: list[Event]


def family_overview(session: Session, *, family: Family, viewer: Viewer) -> FamilyOverview:
    """The family's partners and events, for its editing page."""
    ids = [pid for pid in (family.partner1_id, family.partner2_id) if pid is not None]
    people = list(session.scalars(select(Person).where(Person.person_id.in_(ids or [0])).order_by(Person.person_id)))
    privacy = page_privacy(session, viewer, [p.person_id for p in people if p.living])
    return FamilyOverview(
        family_id=family.family_id,
        partners=[privacy.view_person(p) for p in people],
        events=events_of(session, family_id=family.family_id),
    )
