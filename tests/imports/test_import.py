"""Importing a GEDCOM file: what is kept, the report, dry runs and refusals."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from famille.imports.report import ImportRefused
from famille.models import Change, Event, Family, FamilyChild, GedcomRecord, Note, Person, ProfileLink
from tests.imports.helpers import run_import


def _count(db, model) -> int:
    return db.scalar(select(func.count()).select_from(model))


def test_import_keeps_people_families_events_notes_links(app, db, small_family) -> None:
    report = run_import(app, small_family)
    assert (report.people.new, report.families.new) == (4, 1)
    helene = db.scalar(select(Person).where(Person.given_name == "Hélène"))
    assert helene.surname == "Tremblay" and helene.sex == "F"
    assert helene.birth_date == "4 JUL 1987" and helene.birth_place == "Montréal, Québec, Canada"
    assert helene.birth_sort == 19870704
    note = db.scalar(select(Note).where(Note.person_id == helene.person_id))
    assert note.text == "Aime la randonnée.\nDeuxième ligne de la note, qui continue ici."
    link = db.scalar(select(ProfileLink))
    assert link.url == "https://www.linkedin.com/in/marc-tremblay-demo"
    assert (link.platform, link.origin) == ("linkedin", "gedcom")
    family = db.scalar(select(Family))
    child = db.scalar(select(FamilyChild))
    assert child.family_id == family.family_id and child.person_id == helene.person_id
    assert db.scalar(select(Event.date_text).where(Event.family_id == family.family_id)) == "20 JUN 1980"
    assert db.scalar(select(GedcomRecord.title).where(GedcomRecord.tag == "SOUR")) == "Registre de la paroisse"


def test_living_flag_follows_the_rule(app, db, small_family) -> None:
    run_import(app, small_family)
    living = dict(db.execute(select(Person.given_name, Person.living)).all())
    assert living == {"Marc": True, "Sylvie": True, "Hélène": True, "Joseph": False}


def test_unknown_birth_is_inferred_from_relatives(app, db) -> None:
    text = """0 HEAD
1 CHAR UTF-8
0 @I1@ INDI
1 NAME Old /Parent/
1 BIRT
2 DATE 1820
1 FAMS @F1@
0 @I2@ INDI
1 NAME Undated /Child/
1 FAMC @F1@
0 @I3@ INDI
1 NAME Nobody /Known/
0 @F1@ FAM
1 HUSB @I1@
1 CHIL @I2@
0 TRLR
"""
    run_import(app, text)
    living = dict(db.execute(select(Person.given_name, Person.living)).all())
    assert living == {"Old": False, "Undated": False, "Nobody": True}


def test_import_is_recorded_as_a_change(app, db, small_family) -> None:
    run_import(app, small_family)
    change = db.scalar(select(Change).where(Change.kind == "import"))
    assert change.actor == "test"
    assert change.details["people"]["new"] == 4


def test_dry_run_reports_and_writes_nothing(app, db, small_family) -> None:
    report = run_import(app, small_family, dry_run=True)
    assert report.people.new == 4 and report.dry_run
    assert _count(db, Person) == 0 and _count(db, Change) == 0


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01",
        "nom,prénom,naissance\nTremblay,Hélène,1987\n".encode(),
    ],
    ids=["empty", "jpeg", "csv"],
)
def test_not_gedcom_is_refused_and_changes_nothing(app, db, small_family, data) -> None:
    run_import(app, small_family)
    with pytest.raises(ImportRefused) as refused:
        run_import(app, data)
    assert str(refused.value)
    assert _count(db, Person) == 4


def test_truncated_file_is_refused_and_changes_nothing(app, db, small_family) -> None:
    run_import(app, small_family)
    cut = small_family[: small_family.index("0 @I3@ INDI")] + "0 @I3@ IN"
    with pytest.raises(ImportRefused, match="cut short"):
        run_import(app, cut.replace("Marc", "Marc-André"))
    assert db.scalar(select(Person.given_name).where(Person.xref == "I1")) == "Marc"


def test_pointer_to_nowhere_is_a_warning_and_the_tie_is_left_out(app, db, small_family) -> None:
    report = run_import(app, small_family.replace("1 CHIL @I3@", "1 CHIL @I99@"))
    dangling = [str(w) for w in report.warnings if "@I99@" in str(w)]
    assert dangling and "@F1@" in dangling[0]
    # Hélène's own FAMC line still ties her to the family; the pointer to nobody adds no one.
    assert _count(db, Person) == 4 and _count(db, FamilyChild) == 1


def test_gedcom7_void_pointer_is_nobody(app, db) -> None:
    text = (
        "0 HEAD\n1 GEDC\n2 VERS 7.0\n0 @I1@ INDI\n1 NAME Lone /Parent/\n"
        "0 @F1@ FAM\n1 HUSB @I1@\n1 WIFE @VOID@\n0 TRLR\n"
    )
    report = run_import(app, text)
    assert report.warnings == []
    family = db.scalar(select(Family))
    assert family.partner1_id is not None and family.partner2_id is None


def test_bad_links_are_skipped_with_a_warning(app, db, small_family) -> None:
    text = small_family.replace(
        "1 WWW https://www.linkedin.com/in/marc-tremblay-demo",
        "1 WWW javascript:alert(1)\n1 EMAIL marc@example.org",
    )
    report = run_import(app, text)
    assert [link.url for link in db.scalars(select(ProfileLink))] == ["mailto:marc@example.org"]
    assert any("javascript" in str(warning) for warning in report.warnings)
