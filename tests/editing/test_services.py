"""The editing services on their own: dates, the listing summary (as an import computes it), who may edit."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import select

from famille.editing.dates import compose_date, gedcom_date_text
from famille.editing.services import can_edit_person, can_edit_relations
from famille.editing.summary import LISTING_FIELDS, refresh_person_summary
from famille.models import NameToken, Person
from tests.imports.helpers import SMALL_FAMILY, run_import


@pytest.mark.parametrize(
    "typed, stored, understood",
    [
        ("12 MAR 1950", "12 MAR 1950", True),
        ("12 mars 1950", "12 MAR 1950", True),
        ("  vers   1850 ", "ABT 1850", True),
        ("ABT 1850", "ABT 1850", True),
        ("BET 1850 AND 1860", "BET 1850 AND 1860", True),
        ("entre 1850 et 1860", "BET 1850 AND 1860", True),
        ("avant 1900", "BEF 1900", True),
        ("2024-03-05", "5 MAR 2024", True),
        ("1699/00", "1699/00", True),
        ("@#DJULIAN@ 1 JAN 1700", "@#DJULIAN@ 1 JAN 1700", True),
        ("(un jour d'été)", "(un jour d'été)", True),
        ("31 FEB 1850", "31 FEB 1850", False),
        ("demain", "demain", False),
        ("", "", True),
    ],
)
def test_typed_dates_are_stored_the_gedcom_way(typed: str, stored: str, understood: bool) -> None:
    assert gedcom_date_text(typed) == (stored, understood)


def test_dates_from_the_boxes() -> None:
    assert compose_date(year=1850) == "1850"
    assert compose_date(qualifier="ABT", month=3, year=1850) == "ABT MAR 1850"
    assert compose_date(qualifier="BEF", day=12, month=12, year=1900) == "BEF 12 DEC 1900"
    assert compose_date(qualifier="nonsense", day=5, month=None, year=1900) == "1900"


@dataclass(frozen=True)
class _Account:
    role_permissions: frozenset[str]
    person_id: int | None

    def can(self, permission: str) -> bool:
        return permission in self.role_permissions


def test_who_may_edit_whom() -> None:
    member = _Account(frozenset({"edit_own"}), person_id=7)
    editor = _Account(frozenset({"edit_own", "edit_any"}), person_id=None)
    visitor = _Account(frozenset(), person_id=7)
    assert can_edit_person(member, 7) and not can_edit_person(member, 8)
    assert not can_edit_relations(member)
    assert can_edit_person(editor, 8) and can_edit_relations(editor)
    assert not can_edit_person(visitor, 7)
    assert not can_edit_person(_Account(frozenset({"edit_own"}), person_id=None), 7)


def test_the_summary_of_imported_people_is_what_the_import_computed(app, db) -> None:
    run_import(app, SMALL_FAMILY)
    people = list(db.scalars(select(Person).order_by(Person.person_id)))
    before = {p.person_id: {name: getattr(p, name) for name in LISTING_FIELDS} for p in people}
    tokens = set(db.execute(select(NameToken.token, NameToken.person_id)).all())
    for person in people:
        refresh_person_summary(db, person.person_id)
    db.flush()
    db.expire_all()
    after = {p.person_id: {name: getattr(p, name) for name in LISTING_FIELDS} for p in db.scalars(select(Person))}
    assert after == before
    assert set(db.execute(select(NameToken.token, NameToken.person_id)).all()) == tokens
