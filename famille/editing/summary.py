"""Keep a person's listing fields and search words in step with their rows after an edit on the site.

The listing fields (primary name parts, married name, search text, birth and death summaries) are computed by the
very function an import uses (:func:`famille.imports.rows.person_fields`), from the person's current rows read
back as mapped data, so a person edited on the site and one imported look alike to every page and to search.
"""

from __future__ import annotations

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from famille.gedcom.mapping import EventData, NameData, PersonData
from famille.imports.rows import person_fields
from famille.models import Event, NameToken, Person, PersonName, Place
from famille.text import name_tokens

#: The fields :func:`person_fields` computes that summarise the rows (not the file's digest nor its extras).
LISTING_FIELDS = (
    "given_name",
    "surname",
    "surname_key",
    "nickname",
    "married_name",
    "search_text",
    "birth_date",
    "birth_sort",
    "birth_place",
    "death_date",
    "death_sort",
    "death_place",
    "is_dead",
)


def person_data(session: Session, person: Person) -> PersonData:
    """The person's sex, names and events as mapped data (what :func:`person_fields` reads); two queries."""
    names = session.scalars(
        select(PersonName).where(PersonName.person_id == person.person_id).order_by(PersonName.position)
    )
    events = session.execute(
        select(Event, Place.name)
        .outerjoin(Place, Place.place_id == Event.place_id)
        .where(Event.person_id == person.person_id)
        .order_by(Event.position, Event.event_id)
    )
    return PersonData(
        xref=person.xref,
        uid=person.uid,
        sex=person.sex,
        names=[
            NameData(name.full, name.name_type, name.given, name.surname, name.prefix, name.suffix, name.nickname)
            for name in names
        ],
        events=[EventData(e.tag, e.event_type, e.value, e.date_text, place or "") for e, place in events],
    )


def refresh_person_summary(session: Session, person_id: int) -> None:
    """Recompute the person's listing fields and search words from their rows, as an import would."""
    session.flush()
    person = session.get(Person, person_id)
    if person is None:
        return
    data = person_data(session, person)
    fields = person_fields(data)
    for name in LISTING_FIELDS:
        setattr(person, name, fields[name])
    session.execute(delete(NameToken).where(NameToken.person_id == person_id))
    tokens = name_tokens(*(part for name in data.names for part in (name.given, name.surname, name.nickname)))
    if tokens:  # below the ORM: token rows are never loaded as objects, so nothing in the session goes stale
        session.execute(insert(NameToken), [{"token": token, "person_id": person_id} for token in sorted(tokens)])
