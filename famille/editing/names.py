"""A person's names and sex, edited on the site.

A person has one or more names; the first (position 0) is the primary name shown everywhere. Each name keeps
GEDCOM's full form ("Jean /Tremblay/ fils") in step with its parts, so an export writes what was typed. After
every change the listing fields and search words are recomputed (:mod:`famille.editing.summary`).
"""

from __future__ import annotations

from dataclasses import astuple, dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from famille.editing.services import Actor, EditError, record, touch, valid_id
from famille.editing.summary import refresh_person_summary
from famille.markers import N_
from famille.models import Person, PersonName

MAX_NAME_PART = 300
#: The kinds of name offered; a file may hold others ("maiden", "immigrant"…), which are kept as they are.
NAME_TYPES = ("", "birth", "married", "aka")
#: The sexes offered: GEDCOM's male, female and unknown; a file's "X" is kept when already there.
SEXES = ("M", "F", "U")


@dataclass(frozen=True, slots=True)
class NameInput:
    """One name as typed in the form."""

    given: str = ""
    surname: str = ""
    nickname: str = ""
    name_type: str = ""


def _clean_part(text: str) -> str:
    return " ".join((text or "").replace("/", " ").split())


def clean_name(name: NameInput) -> NameInput:
    """The name with its parts on one line each; refused when empty or too long.

    Slashes are dropped from the parts: GEDCOM uses them to mark the surname inside the full name.
    """
    cleaned = NameInput(
        given=_clean_part(name.given),
        surname=_clean_part(name.surname),
        nickname=_clean_part(name.nickname),
        name_type=" ".join((name.name_type or "").split()).lower()[:40],
    )
    if not cleaned.given and not cleaned.surname:
        raise EditError(N_("Give at least a given name or a surname."), field="given")
    if max(len(cleaned.given), len(cleaned.surname), len(cleaned.nickname)) > MAX_NAME_PART:
        raise EditError(N_("A name can have at most %(max)d characters."), max=MAX_NAME_PART)
    return cleaned


def full_name(given: str, surname: str, suffix: str = "") -> str:
    """GEDCOM's form of a name: "Jean /Tremblay/", with its suffix after the surname."""
    if not surname and not suffix:
        return given
    return " ".join(part for part in (given, f"/{surname}/", suffix) if part)


def name_snapshot(row: PersonName) -> dict[str, Any]:
    """The values of a name the change log keeps as "old" and "new"."""
    return {
        "position": row.position,
        "given": row.given,
        "surname": row.surname,
        "nickname": row.nickname,
        "name_type": row.name_type,
    }


def find_name(session: Session, *, person_id: int, name_id: int) -> PersonName | None:
    """The name ``name_id`` when it belongs to ``person_id``."""
    row = session.get(PersonName, name_id) if valid_id(name_id) else None
    return row if row is not None and row.person_id == person_id else None


def person_names(session: Session, *, person_id: int) -> list[PersonName]:
    """The person's names, the primary one first."""
    return list(
        session.scalars(
            select(PersonName)
            .where(PersonName.person_id == person_id)
            .order_by(PersonName.position, PersonName.name_id)
        )
    )


def _fill(row: PersonName, name: NameInput) -> None:
    row.given, row.surname, row.nickname, row.name_type = name.given, name.surname, name.nickname, name.name_type
    row.full = full_name(name.given, name.surname, row.suffix)[:500]


def _after(session: Session, person: Person, *, actor: Actor, old: Any, new: Any, name_id: int) -> None:
    refresh_person_summary(session, person.person_id)
    touch(session, [person.person_id])
    details = {"field": "name", "name_id": name_id, "old": old, "new": new}
    record(session, kind="person_edited", actor=actor, person_id=person.person_id, details=details)


def add_name(session: Session, *, person: Person, name: NameInput, actor: Actor) -> PersonName:
    """Give the person another name (after the others); the first name a person gets is their primary one."""
    name = clean_name(name)
    last = session.scalar(select(func.max(PersonName.position)).where(PersonName.person_id == person.person_id))
    row = PersonName(person_id=person.person_id, position=0 if last is None else last + 1, extra=[])
    _fill(row, name)
    session.add(row)
    session.flush()
    _after(session, person, actor=actor, old=None, new=name_snapshot(row), name_id=row.name_id)
    return row


def change_name(session: Session, *, person: Person, row: PersonName, name: NameInput, actor: Actor) -> bool:
    """Change one of the person's names; False when nothing changed (nothing is recorded then)."""
    name = clean_name(name)
    old = name_snapshot(row)
    if (row.given, row.surname, row.nickname, row.name_type) == astuple(name):
        return False
    _fill(row, name)
    session.flush()
    _after(session, person, actor=actor, old=old, new=name_snapshot(row), name_id=row.name_id)
    return True


def remove_name(session: Session, *, person: Person, row: PersonName, actor: Actor) -> None:
    """Remove one of the person's other names; the primary name stays (it can be changed, not removed)."""
    first = person_names(session, person_id=person.person_id)[0]
    if first.name_id == row.name_id:
        raise EditError(N_("The main name cannot be removed; change it instead."))
    old, name_id = name_snapshot(row), row.name_id
    session.delete(row)
    session.flush()
    _after(session, person, actor=actor, old=old, new=None, name_id=name_id)


def set_sex(session: Session, *, person: Person, sex: str, actor: Actor) -> bool:
    """Set the person's sex (M, F or U; a file's other value may be kept); False when unchanged."""
    sex = (sex or "U").strip().upper()[:1] or "U"
    if sex not in SEXES and sex != person.sex:
        raise EditError(N_("Choose one of the answers offered."), field="sex")
    if sex == person.sex:
        return False
    old, person.sex = person.sex, sex
    touch(session, [person.person_id])
    details = {"field": "sex", "old": old, "new": sex}
    record(session, kind="person_edited", actor=actor, person_id=person.person_id, details=details)
    return True
