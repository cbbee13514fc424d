"""People added on the site (a new parent, partner or child typed by an editor), and the families they need.

New rows carry ``origin="site"`` and a fresh ``_UID``: a later import never mistakes them for people of the file
and never removes them, and an export writes them like any other.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from famille.editing.names import SEXES, NameInput, clean_name, full_name
from famille.editing.services import SITE_ORIGIN, EditError, now
from famille.editing.summary import refresh_person_summary
from famille.gedcom.dates import parsed_date
from famille.markers import N_
from famille.models import Event, Family, Person, PersonName


@dataclass(frozen=True, slots=True)
class NewPerson:
    """A new relative as typed: name, sex, and the years known (a death without year: ``died``)."""

    given: str = ""
    surname: str = ""
    sex: str = "U"
    birth_year: int | None = None
    death_year: int | None = None
    died: bool = False


def new_uid() -> str:
    """A fresh identifier for a person or family made on the site (exported as its _UID)."""
    return uuid.uuid4().hex.upper()


def _checked(new: NewPerson) -> tuple[NameInput, NewPerson]:
    name = clean_name(NameInput(given=new.given, surname=new.surname))
    if new.sex not in SEXES:
        raise EditError(N_("Choose one of the answers offered."), field="sex")
    for year in (new.birth_year, new.death_year):
        if year is not None and not 1 <= year <= 9999:
            raise EditError(N_("A year is a number such as 1950."), field="birth_year")
    if new.birth_year and new.death_year and new.death_year < new.birth_year:
        raise EditError(N_("The year of death comes before the year of birth."), field="death_year")
    return name, new


def _year_event(person_id: int, position: int, tag: str, year: int | None) -> Event:
    text = str(year) if year else ""
    parsed = parsed_date(text) if text else None
    return Event(
        person_id=person_id,
        position=position,
        tag=tag,
        value="" if text else "Y",  # GEDCOM's "it happened" when no date is known
        date_text=text,
        date_start=parsed.start if parsed else None,
        date_end=parsed.end if parsed else None,
        extra=[],
    )


def create_person(session: Session, *, new: NewPerson) -> Person:
    """A new person of the site with their name and the birth and death years given (no change recorded here)."""
    name, new = _checked(new)
    person = Person(uid=new_uid(), sex=new.sex, origin=SITE_ORIGIN, extra=[], file_fields={}, updated_at=now())
    session.add(person)
    session.flush()
    row = PersonName(person_id=person.person_id, position=0, given=name.given, surname=name.surname, extra=[])
    row.full = full_name(name.given, name.surname)[:500]
    session.add(row)
    events = []
    if new.birth_year:
        events.append(_year_event(person.person_id, len(events), "BIRT", new.birth_year))
    if new.death_year or new.died:
        events.append(_year_event(person.person_id, len(events), "DEAT", new.death_year))
    session.add_all(events)
    refresh_person_summary(session, person.person_id)
    return person


def person_snapshot(person: Person) -> dict[str, Any]:
    """What the change log keeps of a person added or deleted: their name, sex and vital dates."""
    return {
        "given": person.given_name,
        "surname": person.surname,
        "sex": person.sex,
        "birth": person.birth_date,
        "death": person.death_date,
        "is_dead": person.is_dead,
    }


def new_family(session: Session, *, partners: list[Person]) -> Family:
    """A new family of the site with one or two partners, men first then women as GEDCOM's HUSB and WIFE."""
    ordered = sorted(partners, key=lambda person: {"M": 0, "F": 2}.get(person.sex, 1))
    if len(ordered) == 1 and ordered[0].sex == "F":
        first, second = None, ordered[0]
    else:
        first, second = ordered[0], (ordered[1] if len(ordered) > 1 else None)
    family = Family(
        uid=new_uid(),
        origin=SITE_ORIGIN,
        extra=[],
        file_fields={},
        partner1_id=first.person_id if first else None,
        partner2_id=second.person_id if second else None,
    )
    session.add(family)
    session.flush()
    return family
