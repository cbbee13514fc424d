"""A canonical dump of the tree, independent of row ids and xrefs, to compare two databases."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from famille.models import Event, Family, FamilyChild, GedcomRecord, Note, Person, PersonName, Place, ProfileLink


def _events(session: Session, column: Any) -> dict[int, list[tuple]]:
    places = dict(session.execute(select(Place.place_id, Place.name)).all())
    grouped: dict[int, list[tuple]] = {}
    for event in session.scalars(select(Event).where(column.is_not(None)).order_by(column, Event.position)):
        owner = getattr(event, column.key)
        extra = json.dumps(event.extra, ensure_ascii=False)
        row = (event.tag, event.event_type, event.value, event.date_text, places.get(event.place_id, ""), extra)
        grouped.setdefault(owner, []).append(row)
    return grouped


def _notes(session: Session, column: Any) -> dict[int, list[tuple]]:
    grouped: dict[int, list[tuple]] = {}
    for note in session.scalars(select(Note).where(column.is_not(None)).order_by(column, Note.position)):
        row = (note.text, note.record_xref, json.dumps(note.extra, ensure_ascii=False))
        grouped.setdefault(getattr(note, column.key), []).append(row)
    return grouped


def canonical_dump(session: Session) -> dict[str, Any]:
    """People and families keyed by _UID, with names, events, places, notes, links and ties; records by xref."""
    uid_of = dict(session.execute(select(Person.person_id, Person.uid)).all())
    names: dict[int, list[tuple]] = {}
    for name in session.scalars(select(PersonName).order_by(PersonName.person_id, PersonName.position)):
        row = (name.full, name.name_type, name.given, name.surname, name.prefix, name.suffix, name.nickname)
        names.setdefault(name.person_id, []).append((*row, json.dumps(name.extra, ensure_ascii=False)))
    links: dict[int, set[tuple]] = {}
    for person_id, url, platform in session.execute(
        select(ProfileLink.person_id, ProfileLink.url, ProfileLink.platform)
    ):
        links.setdefault(person_id, set()).add((url, platform))
    children: dict[int, list[tuple]] = {}
    for child in session.scalars(select(FamilyChild).order_by(FamilyChild.family_id, FamilyChild.position)):
        children.setdefault(child.family_id, []).append((uid_of[child.person_id], child.pedigree))
    person_events, person_notes = _events(session, Event.person_id), _notes(session, Note.person_id)
    family_events, family_notes = _events(session, Event.family_id), _notes(session, Note.family_id)
    people = {
        person.uid: {
            "sex": person.sex,
            "names": names.get(person.person_id, []),
            "events": person_events.get(person.person_id, []),
            "notes": person_notes.get(person.person_id, []),
            "links": sorted(links.get(person.person_id, set())),
            "living": person.living,
            "extra": json.dumps(person.extra, ensure_ascii=False),
        }
        for person in session.scalars(select(Person))
    }
    families = {
        family.uid: {
            "partners": (uid_of.get(family.partner1_id), uid_of.get(family.partner2_id)),
            "children": children.get(family.family_id, []),
            "events": family_events.get(family.family_id, []),
            "notes": family_notes.get(family.family_id, []),
            "extra": json.dumps(family.extra, ensure_ascii=False),
        }
        for family in session.scalars(select(Family))
    }
    records = sorted(
        (record.tag, record.xref or "", record.value, json.dumps(record.extra, ensure_ascii=False))
        for record in session.scalars(select(GedcomRecord).where(GedcomRecord.tag != "HEAD"))
        if record.xref != "SUBM_FAMILLE"  # the submitter an export adds when the tree had none
    )
    return {"people": people, "families": families, "records": records}
