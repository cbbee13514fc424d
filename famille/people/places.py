"""The places index: every place with how many events happened there, and the events of one place."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from famille.models import Event, Person, Place
from famille.privacy import PersonView, Viewer
from famille.visibility import page_privacy


@dataclass(frozen=True, slots=True)
class PlaceEntry:
    """A place of the index."""

    place_id: int
    name: str
    events: int


def place_index(session: Session) -> list[PlaceEntry]:
    """Every place with events, alphabetical without regard to accents."""
    rows = session.execute(
        select(Place.place_id, Place.name, func.count(Event.event_id))
        .join(Event, Event.place_id == Place.place_id)
        .group_by(Place.place_id, Place.name, Place.name_key)
        .order_by(Place.name_key)
    ).all()
    return [PlaceEntry(place_id, name, count) for place_id, name, count in rows]


@dataclass(frozen=True, slots=True)
class PlaceEvent:
    """An event at a place, with the person it belongs to (as the viewer may see them)."""

    tag: str
    event_type: str
    date_text: str
    person: PersonView | None
    family_id: int | None


@dataclass(frozen=True, slots=True)
class PlacePage:
    """One place and what happened there (events of the living only for those who may see them)."""

    name: str
    latitude: float | None
    longitude: float | None
    events: list[PlaceEvent]
    hidden: int


def place_page(session: Session, *, place_id: int, viewer: Viewer, limit: int = 500) -> PlacePage | None:
    """The events at ``place_id``, dated ones in time order."""
    place = session.get(Place, place_id)
    if place is None:
        return None
    rows = session.execute(
        select(Event, Person)
        .outerjoin(Person, Person.person_id == Event.person_id)
        .where(Event.place_id == place_id)
        .order_by(Event.date_start.is_(None), Event.date_start, Event.event_id)
        .limit(limit)
    ).all()
    privacy = page_privacy(session, viewer, [p.person_id for _e, p in rows if p is not None and p.living])
    events, hidden = [], 0
    for event, person in rows:
        shown = privacy.view_person(person) if person is not None else None
        if shown is not None and shown.is_private:
            hidden += 1
            continue
        events.append(PlaceEvent(event.tag, event.event_type, event.date_text, shown, event.family_id))
    return PlacePage(place.name, place.latitude, place.longitude, events, hidden)
