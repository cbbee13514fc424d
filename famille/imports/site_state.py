"""What the site holds now of people about to be rewritten by an import, as mergeable data."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from famille.gedcom.mapping import EventData, NameData, NoteData, PersonData
from famille.models import Event, Note, Person, PersonName, Place


def site_people(session: Session, person_ids: list[int]) -> dict[int, tuple[PersonData, dict]]:
    """Each person's current names, events and notes (as mapped data) and their last imported fields."""
    if not person_ids:
        return {}
    people = {
        person_id: (PersonData(xref=None, uid=None, sex=sex), fields or {})
        for person_id, sex, fields in session.execute(
            select(Person.person_id, Person.sex, Person.file_fields).where(Person.person_id.in_(person_ids))
        )
    }
    names = session.scalars(
        select(PersonName)
        .where(PersonName.person_id.in_(person_ids))
        .order_by(PersonName.person_id, PersonName.position)
    )
    for name in names:
        people[name.person_id][0].names.append(
            NameData(name.full, name.name_type, name.given, name.surname, name.prefix, name.suffix, name.nickname)
        )
    events = session.execute(
        select(Event, Place.name)
        .outerjoin(Place, Place.place_id == Event.place_id)
        .where(Event.person_id.in_(person_ids))
        .order_by(Event.person_id, Event.position)
    )
    for event, place in events:
        people[event.person_id][0].events.append(
            EventData(event.tag, event.event_type, event.value, event.date_text, place or "")
        )
    notes: dict[int, list[Note]] = defaultdict(list)
    for note in session.scalars(
        select(Note).where(Note.person_id.in_(person_ids)).order_by(Note.person_id, Note.position)
    ):
        notes[note.person_id].append(note)
    for person_id, rows in notes.items():
        people[person_id][0].notes = [NoteData(text=n.text, record_xref=n.record_xref) for n in rows]
    return people
