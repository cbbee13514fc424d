"""Everything a person's page shows, loaded in a bounded number of queries and filtered by privacy.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from famille.gedcom.nodes import node_from_data
from famille.models import Event, GedcomRecord, NewsPost, Note, Person, PersonName, Place, ProfileLink, User
from famille.news.services import news_about
from famille.people.relatives import Relatives, load_relatives
from famille.privacy import PersonView, Viewer
from famille.visibility import page_privacy


@dataclass(frozen=True, slots=True)
class EventLine:
    """One event as the page shows it."""

    tag: str
    event_type: str
    value: str
    date_text: str
    sort_key: int | None
    place: str
    place_id: int | None


@dataclass(slots=True)
class PersonPage:
    """The person's page: what the viewer may see of them and of their close family."""

    person: PersonView
    sex: str
    living: bool
    names: list[PersonName] = field(default_factory=list)
    events: list[EventLine] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    links: list[ProfileLink] = field(default_factory=list)
    relatives: Relatives | None = None
    claimed: bool = False
    claimed_by: str = ""
    updated_at: datetime | None = None
    news: list[NewsPost] = field(default_factory=list)


def _events(session: Session, person_id: int) -> list[EventLine]:
    rows = session.execute(
        select(Event, Place.name)
        .outerjoin(Place, Place.place_id == Event.place_id)
        .where(Event.person_id == person_id)
        .order_by(Event.position)
    ).all()
    lines = [
        EventLine(e.tag, e.event_type, e.value, e.date_text, e.date_start, name or "", e.place_id) for e, name in rows
    ]
    # Dated events in time order; undated ones keep the file's order after them.
    return sorted(lines, key=lambda line: (line.sort_key is None, line.sort_key or 0))


def _notes(session: Session, person_id: int) -> list[str]:
    notes = session.scalars(select(Note).where(Note.person_id == person_id).order_by(Note.position)).all()
    shared = [note.record_xref for note in notes if note.record_xref]
    texts = dict(
        session.execute(
            select(GedcomRecord.xref, GedcomRecord.value).where(
                GedcomRecord.tag == "NOTE", GedcomRecord.xref.in_(shared)
            )
        ).all()
    )
    return [
        note.text if not note.record_xref else texts.get(note.record_xref, "")
        for note in notes
        if note.text or note.record_xref
    ]


def _source_pointers(person: Person, events_extra: list[list]) -> list[str]:
    """The xrefs of the SOUR records cited anywhere in the person's record, in order, once each."""
    found: list[str] = []
    stack = [node_from_data(item) for item in person.extra + [n for extra in events_extra for n in extra]]
    while stack:
        node = stack.pop(0)
        if node.tag == "SOUR" and node.pointer and node.pointer not in found:
            found.append(node.pointer)
        stack.extend(node.children)
    return found


def _sources(session: Session, person: Person) -> list[str]:
    extras = session.scalars(select(Event.extra).where(Event.person_id == person.person_id)).all()
    pointers = _source_pointers(person, list(extras))
    if not pointers:
        return []
    titles = dict(
        session.execute(
            select(GedcomRecord.xref, GedcomRecord.title).where(
                GedcomRecord.tag == "SOUR", GedcomRecord.xref.in_(pointers)
            )
        ).all()
    )
    return [titles[xref] for xref in pointers if titles.get(xref)]


def person_page(session: Session, *, person_id: int, viewer: Viewer) -> PersonPage | None:
    """The page of ``person_id`` as ``viewer`` may see it, or None when there is no such person."""
    person = session.get(Person, person_id)
    if person is None:
        return None
    privacy = page_privacy(session, viewer, [person_id] if person.living else [])
    page = PersonPage(person=privacy.view_person(person), sex=person.sex, living=person.living)
    page.relatives = load_relatives(session, person_id=person_id, viewer=viewer)
    if page.person.is_private:
        return page
    page.names = list(person.names)
    page.events = _events(session, person_id)
    page.notes = _notes(session, person_id)
    page.sources = _sources(session, person)
    page.links = list(
        session.scalars(select(ProfileLink).where(ProfileLink.person_id == person_id).order_by(ProfileLink.position))
    )
    account = session.scalar(select(User.display_name).where(User.person_id == person_id))
    page.claimed = account is not None
    page.claimed_by = account or ""
    page.updated_at = person.updated_at
    page.news = news_about(session, person=page.person)
    return page
