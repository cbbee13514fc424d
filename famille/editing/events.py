"""Events of a person (birth, occupation…) or of a family (marriage…), edited on the site.

The date is stored as GEDCOM text with its parsed range (so lists sort and years show), the place as a shared
:class:`~famille.models.Place` found by its folded name. A date that is not understood is saved as typed and the
caller is told, to warn. A change to a birth or death event recomputes the listing fields and the living flags.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from famille.editing.dates import gedcom_date_text
from famille.editing.services import Actor, EditError, LivingRule, record, refresh_living, touch, valid_id
from famille.editing.summary import refresh_person_summary
from famille.gedcom.dates import parsed_date
from famille.imports.rows import BIRTH_TAGS, DEATH_TAGS
from famille.markers import N_
from famille.models import Event, Family, Place
from famille.text import fold

#: The kinds offered for a person and for a family; EVEN is "another kind", named by its type.
PERSON_TAGS = ("BIRT", "BAPM", "CHR", "DEAT", "BURI", "CREM", "OCCU", "RESI", "EDUC", "EVEN")
FAMILY_TAGS = ("MARR", "ENGA", "DIV", "EVEN")
#: Kinds whose value is a description (the occupation, the diploma…); for the others GEDCOM keeps it empty.
VALUE_TAGS = frozenset({"OCCU", "RESI", "EDUC", "EVEN"})
VITAL_TAGS = frozenset(BIRTH_TAGS + DEATH_TAGS)
MAX_TYPE, MAX_VALUE, MAX_PLACE = 200, 2000, 500


@dataclass(frozen=True, slots=True)
class Owner:
    """Whose event it is: a person or a family (exactly one of the two)."""

    person_id: int | None = None
    family_id: int | None = None


@dataclass(frozen=True, slots=True)
class EventInput:
    """An event as typed: its kind (a GEDCOM tag), its own type for "another kind", a value, date and place."""

    tag: str
    event_type: str = ""
    value: str = ""
    date_text: str = ""
    place: str = ""


@dataclass(frozen=True, slots=True)
class SavedEvent:
    """The event a save ended on, and whether its date was understood (to warn when it was not)."""

    event: Event
    date_understood: bool
    changed: bool = True


def _line(text: str, limit: int) -> str:
    return " ".join((text or "").split())[:limit]


def clean_event(event: EventInput, *, allowed: tuple[str, ...], current_tag: str | None = None) -> EventInput:
    """The event on clean lines; refused when its kind is not offered or "another kind" has no name."""
    tag = (event.tag or "").strip().upper()
    if tag not in allowed and tag != current_tag:
        raise EditError(N_("Choose a kind of event from the list."), field="tag")
    event_type = _line(event.event_type, MAX_TYPE)
    if tag == "EVEN" and not event_type:
        raise EditError(N_("Say what kind of event this is."), field="event_type")
    return EventInput(
        tag=tag,
        event_type=event_type if tag in ("EVEN", current_tag) else "",
        value=_line(event.value, MAX_VALUE),
        date_text=event.date_text,
        place=_line(event.place, MAX_PLACE),
    )


def find_event(session: Session, *, owner: Owner, event_id: int) -> Event | None:
    """The event ``event_id`` when it belongs to ``owner``."""
    event = session.get(Event, event_id) if valid_id(event_id) else None
    if event is None or (event.person_id, event.family_id) != (owner.person_id, owner.family_id):
        return None
    return event


def place_named(session: Session, name: str) -> Place | None:
    """The place called ``name`` (accents and case aside), created when new; None for no place."""
    name = _line(name, MAX_PLACE)
    if not name:
        return None
    key = fold(name)[:500]
    place = session.scalar(select(Place).where(Place.name_key == key))
    if place is None:
        place = Place(name=name, name_key=key)
        session.add(place)
        session.flush()
    return place


def event_snapshot(event: Event) -> dict[str, Any]:
    """The values of an event the change log keeps as "old" and "new"."""
    return {
        "tag": event.tag,
        "type": event.event_type,
        "value": event.value,
        "date": event.date_text,
        "place": event.place.name if event.place is not None else "",
    }


def _fill(session: Session, event: Event, data: EventInput) -> bool:
    """Write ``data`` into the row; returns whether the date was understood."""
    date_text, understood = gedcom_date_text(data.date_text)
    parsed = parsed_date(date_text) if date_text else None
    event.value = _value(event.value, data, has_details=bool(date_text or data.place))
    event.tag, event.event_type = data.tag, data.event_type
    event.date_text = date_text
    event.date_start = parsed.start if parsed and parsed.is_valid else None
    event.date_end = parsed.end if parsed and parsed.is_valid else None
    event.place = place_named(session, data.place)
    return understood


def _value(old: str | None, data: EventInput, *, has_details: bool) -> str:
    """The event's value: what was typed, else GEDCOM's "Y" (it happened) for a birth or death.

    GEDCOM wants "1 DEAT Y" for a death known without date or place; a "Y" from the file, never shown in the form,
    is kept when nothing else was typed.
    """
    if data.value:
        return data.value
    if data.tag in VITAL_TAGS and (old == "Y" or not has_details):
        return "Y"
    return ""


def _after(session: Session, owner: Owner, tags: set[str], rule: LivingRule) -> None:
    """Listing fields, "last update" and living flags after an event of ``owner`` changed."""
    session.flush()
    if owner.person_id is not None:
        refresh_person_summary(session, owner.person_id)
        touch(session, [owner.person_id])
        if tags & VITAL_TAGS:
            refresh_living(session, rule, touched=[owner.person_id])
    elif owner.family_id is not None:
        family = session.get(Family, owner.family_id)
        touch(session, [pid for pid in (family.partner1_id, family.partner2_id) if pid] if family else [])


def add_event(session: Session, *, owner: Owner, event: EventInput, actor: Actor, rule: LivingRule) -> SavedEvent:
    """Add an event after the owner's others."""
    owner_column = Event.person_id if owner.person_id is not None else Event.family_id
    owner_id = owner.person_id if owner.person_id is not None else owner.family_id
    last = session.scalar(select(func.max(Event.position)).where(owner_column == owner_id))
    row = Event(
        person_id=owner.person_id, family_id=owner.family_id, position=0 if last is None else last + 1, extra=[]
    )
    understood = _fill(session, row, event)
    session.add(row)
    _after(session, owner, {row.tag}, rule)
    details = {"event_id": row.event_id, "old": None, "new": event_snapshot(row)}
    record(session, kind="event_added", actor=actor, details=details, **_owner_ids(owner))
    return SavedEvent(row, understood)


def change_event(
    session: Session, *, owner: Owner, row: Event, event: EventInput, actor: Actor, rule: LivingRule
) -> SavedEvent:
    """Change an event; nothing is recorded when nothing changed."""
    old = event_snapshot(row)
    understood = _fill(session, row, event)
    new = event_snapshot(row)
    if new == old:
        return SavedEvent(row, understood, changed=False)
    _after(session, owner, {old["tag"], row.tag}, rule)
    details = {"event_id": row.event_id, "old": old, "new": new}
    record(session, kind="event_changed", actor=actor, details=details, **_owner_ids(owner))
    return SavedEvent(row, understood)


def remove_event(session: Session, *, owner: Owner, row: Event, actor: Actor, rule: LivingRule) -> None:
    """Remove an event, whether it came from a file or from the site."""
    old, event_id = event_snapshot(row), row.event_id
    session.delete(row)
    _after(session, owner, {old["tag"]}, rule)
    details = {"event_id": event_id, "old": old, "new": None}
    record(session, kind="event_removed", actor=actor, details=details, **_owner_ids(owner))


def _owner_ids(owner: Owner) -> dict[str, int | None]:
    return {"person_id": owner.person_id, "family_id": owner.family_id}
