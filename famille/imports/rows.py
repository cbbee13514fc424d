"""Rows from mapped GEDCOM data: the listing fields of a person, and the rows of names, events and notes.

Shared by the person and family writers; places are looked up (and created) through :class:`PlaceCache`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from famille.gedcom.dates import parsed_date
from famille.gedcom.mapping import EventData, NoteData, PersonData
from famille.imports.bulk import insert_returning_ids
from famille.models import Place
from famille.text import fold

BIRTH_TAGS = ("BIRT", "CHR", "BAPM")
DEATH_TAGS = ("DEAT", "BURI", "CREM")


class PlaceCache:
    """Place ids by folded name, loaded once per import; new places are inserted a batch at a time."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.ids: dict[str, int] = dict(session.execute(select(Place.name_key, Place.place_id)).all())
        self.created = 0

    @staticmethod
    def key(name: str) -> str:
        """The folded name places are told apart by ("Montreal" and "Montréal" are one place)."""
        return fold(name)[:500]

    def ensure(self, events: Iterable[EventData]) -> None:
        """Create, in one statement, the places of ``events`` that are not in the database yet."""
        new: dict[str, dict[str, Any]] = {}
        for event in events:
            name = event.place.strip()
            key = self.key(name) if name else ""
            if key and key not in self.ids and key not in new:
                new[key] = {
                    "name": name[:500],
                    "name_key": key,
                    "latitude": event.latitude,
                    "longitude": event.longitude,
                }
        ids = insert_returning_ids(self.session, Place, list(new.values()))
        self.ids.update(zip(new, ids, strict=True))
        self.created += len(ids)

    def place_id(self, event: EventData) -> int | None:
        """The id of the event's place (after :meth:`ensure` saw it), or None when it has no place."""
        name = event.place.strip()
        return self.ids[self.key(name)] if name else None


def _sort_value(text: str) -> int | None:
    parsed = parsed_date(text)
    return parsed.sort_key if parsed.is_valid else None


def _first_event(events: list[EventData], tags: tuple[str, ...]) -> EventData | None:
    for tag in tags:
        for event in events:
            if event.tag == tag:
                return event
    return None


def person_fields(data: PersonData) -> dict[str, Any]:
    """The person's listing fields: primary name parts, search text, birth and death summaries."""
    primary = data.names[0] if data.names else None
    married = next((name.surname for name in data.names if name.name_type == "married"), "")
    birth = _first_event(data.events, BIRTH_TAGS)
    death = _first_event(data.events, DEATH_TAGS)
    every_name = " ".join(fold(part) for name in data.names for part in (name.given, name.surname, name.nickname))
    surname = primary.surname if primary else ""
    return {
        "sex": data.sex,
        "given_name": (primary.given if primary else "")[:300],
        "surname": surname[:300],
        "surname_key": fold(surname)[:300],
        "nickname": (primary.nickname if primary else "")[:300],
        "married_name": married[:300],
        "search_text": " ".join(every_name.split()),
        "birth_date": birth.date_text[:120] if birth else "",
        "birth_sort": _sort_value(birth.date_text) if birth else None,
        "birth_place": birth.place[:500] if birth else "",
        "death_date": death.date_text[:120] if death else "",
        "death_sort": _sort_value(death.date_text) if death else None,
        "death_place": death.place[:500] if death else "",
        "is_dead": death is not None,
        "extra": data.extra,
        "content_hash": data.content_hash(),
    }


def event_rows(events: list[EventData], places: PlaceCache, owner: dict[str, int]) -> list[dict[str, Any]]:
    """Rows of the ``event`` table for one person or family (``owner`` names the owning column).

    The places must have been created first, for the whole batch, with :meth:`PlaceCache.ensure`.
    """
    person_id, family_id = owner.get("person_id"), owner.get("family_id")
    rows = []
    for position, event in enumerate(events):
        start = end = None
        if event.date_text:
            parsed = parsed_date(event.date_text)
            if parsed.is_valid:
                start, end = parsed.start, parsed.end
        rows.append(
            {
                "person_id": person_id,
                "family_id": family_id,
                "position": position,
                "tag": event.tag,
                "event_type": event.event_type[:200],
                "value": event.value,
                "date_text": event.date_text[:200],
                "date_start": start,
                "date_end": end,
                "place_id": places.place_id(event),
                "extra": event.extra,
            }
        )
    return rows


def note_rows(notes: list[NoteData], owner: dict[str, int]) -> list[dict[str, Any]]:
    """Rows of the ``note`` table for one person or family."""
    return [
        {
            "person_id": None,
            "family_id": None,
            **owner,
            "position": position,
            "text": note.text,
            "record_xref": note.record_xref,
            "extra": note.extra,
        }
        for position, note in enumerate(notes)
    ]
