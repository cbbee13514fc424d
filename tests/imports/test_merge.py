"""Site edits and re-imports meet: the four cases of a field, and conflicts the organiser settles."""

from __future__ import annotations

from sqlalchemy import select

from famille.imports.merge import FieldConflict, merge_fields
from famille.models import Event, Person, PersonName
from tests.imports.helpers import run_import


def test_merge_fields_four_cases() -> None:
    base = {"a": 1, "b": 1, "c": 1, "d": 1}
    site = {"a": 2, "b": 1, "c": 2, "d": 1}
    file = {"a": 1, "b": 3, "c": 3, "d": 1}
    merged, conflicts = merge_fields(base, site, file)
    assert merged == {"a": 2, "b": 3, "c": 2, "d": 1}
    assert conflicts == [FieldConflict("c", 2, 3, "site")]
    merged, _ = merge_fields(base, site, file, prefer={"c": "file"})
    assert merged["c"] == 3


def test_merge_fields_additions_and_removals() -> None:
    base = {"note.0": "old", "event.OCCU.0.date": "1900"}
    site = {"note.0": "old", "note.1": "added on the site"}  # the site removed the occupation
    file = {"note.0": "old", "event.OCCU.0.date": "1900", "event.RESI.0.date": "1950"}  # the file added a residence
    merged, conflicts = merge_fields(base, site, file)
    assert merged == {"note.0": "old", "note.1": "added on the site", "event.RESI.0.date": "1950"}
    assert conflicts == []


def _edit_on_site(app, xref: str, *, given: str | None = None, birth: str | None = None) -> None:
    """What the editing pages do to the rows (the listing fields aside)."""
    session = app.extensions["famille.sessionmaker"]()
    person = session.scalar(select(Person).where(Person.xref == xref))
    if given is not None:
        name = session.scalar(select(PersonName).where(PersonName.person_id == person.person_id))
        name.given = given
        person.given_name = given
    if birth is not None:
        event = session.scalar(select(Event).where(Event.person_id == person.person_id, Event.tag == "BIRT"))
        event.date_text = birth
    session.commit()
    session.close()


def _person(db, xref: str) -> tuple[str, str]:
    db.expire_all()
    person = db.scalar(select(Person).where(Person.xref == xref))
    return person.given_name, person.birth_date


def test_site_edit_survives_when_the_file_did_not_change_that_field(app, db, small_family) -> None:
    run_import(app, small_family)
    _edit_on_site(app, "I1", given="Marc-André")
    run_import(app, small_family.replace("2 DATE 12 MAR 1950", "2 DATE 14 MAR 1950"))  # the file changes the birth
    assert _person(db, "I1") == ("Marc-André", "14 MAR 1950")


def test_file_change_wins_where_the_site_did_not_edit(app, db, small_family) -> None:
    run_import(app, small_family)
    run_import(app, small_family.replace("1 NAME Marc /Tremblay/", "1 NAME Marcel /Tremblay/"))
    assert _person(db, "I1") == ("Marcel", "12 MAR 1950")


def test_both_changed_is_a_conflict_the_site_wins_by_default(app, db, small_family) -> None:
    run_import(app, small_family)
    _edit_on_site(app, "I1", birth="11 MAR 1950")
    changed = small_family.replace("2 DATE 12 MAR 1950", "2 DATE 13 MAR 1950")
    dry = run_import(app, changed, dry_run=True)
    assert [(c.name, c.conflict.field, c.conflict.site, c.conflict.file) for c in dry.conflicts] == [
        ("Marc Tremblay", "event.BIRT.0.date", "11 MAR 1950", "13 MAR 1950")
    ]
    report = run_import(app, changed)
    assert len(report.conflicts) == 1 and _person(db, "I1")[1] == "11 MAR 1950"


def test_organiser_can_pick_the_file_for_a_conflict(app, db, small_family) -> None:
    run_import(app, small_family)
    _edit_on_site(app, "I1", birth="11 MAR 1950")
    changed = small_family.replace("2 DATE 12 MAR 1950", "2 DATE 13 MAR 1950")
    marc = db.scalar(select(Person.person_id).where(Person.xref == "I1"))
    run_import(app, changed, prefer={marc: {"event.BIRT.0.date": "file"}})
    assert _person(db, "I1")[1] == "13 MAR 1950"


def test_untouched_on_both_sides_stays_and_site_edits_survive_an_unchanged_file(app, db, small_family) -> None:
    run_import(app, small_family)
    _edit_on_site(app, "I2", given="Sylvie-Anne")
    report = run_import(app, small_family)
    assert report.people.unchanged == 4 and report.conflicts == []
    assert _person(db, "I2")[0] == "Sylvie-Anne"
    assert _person(db, "I3") == ("Hélène", "4 JUL 1987")


def test_child_added_on_the_site_survives_a_changed_family(app, db, small_family) -> None:
    from famille.models import Family, FamilyChild

    run_import(app, small_family)
    family = db.scalar(select(Family).where(Family.xref == "F1"))
    joseph = db.scalar(select(Person.person_id).where(Person.xref == "I4"))
    db.add(FamilyChild(family_id=family.family_id, person_id=joseph, position=5, pedigree="adopted"))  # on the site
    db.commit()
    changed = small_family.replace("2 DATE 20 JUN 1980", "2 DATE 21 JUN 1980")  # the file changes the family
    report = run_import(app, changed)
    assert report.families.updated == 1
    db.expire_all()
    children = dict(db.execute(select(FamilyChild.person_id, FamilyChild.pedigree)).all())
    helene = db.scalar(select(Person.person_id).where(Person.xref == "I3"))
    assert children == {helene: "birth", joseph: "adopted"}


def test_child_removed_on_the_site_stays_removed(app, db, small_family) -> None:
    from famille.models import FamilyChild

    run_import(app, small_family)
    db.execute(FamilyChild.__table__.delete())
    db.commit()
    run_import(app, small_family.replace("2 DATE 20 JUN 1980", "2 DATE 21 JUN 1980"))
    assert db.scalar(select(FamilyChild.person_id)) is None
