"""Re-importing an updated file merges into the tree and keeps everything the site added."""

from __future__ import annotations

from sqlalchemy import select

from famille.models import Change, FamilyChild, Person, ProfileLink
from tests.imports.helpers import run_import

NEW_CHILD = """0 @I5@ INDI
1 NAME Noah /Tremblay/
1 SEX M
1 BIRT
2 DATE 2 FEB 2021
1 FAMC @F1@
"""


def _updated_file(original: str) -> str:
    """The family's file a year later: Hélène renamed, a new child, Joseph gone."""
    text = original.replace("1 NAME Hélène /Tremblay/", "1 NAME Hélène /Tremblay-Roy/")
    text = text.replace("1 CHIL @I3@", "1 CHIL @I3@\n1 CHIL @I5@")
    start, end = text.index("0 @I4@ INDI"), text.index("0 @F1@ FAM")
    return text[:start] + NEW_CHILD + text[end:]


def _add_site_link(app, person_id: int) -> None:
    session = app.extensions["famille.sessionmaker"]()
    session.add(
        ProfileLink(
            person_id=person_id,
            url="https://www.facebook.com/helene.demo",
            platform="facebook",
            origin="site",
            added_by="Hélène",
        )
    )
    session.commit()
    session.close()


def test_reimport_merges_and_keeps_site_links(app, db, small_family) -> None:
    run_import(app, small_family)
    ids = dict(db.execute(select(Person.xref, Person.person_id)).all())
    _add_site_link(app, ids["I3"])

    report = run_import(app, _updated_file(small_family))

    assert (report.people.new, report.people.updated, report.people.unchanged, report.people.missing) == (1, 1, 2, 1)
    helene = db.get(Person, ids["I3"])
    assert helene.surname == "Tremblay-Roy"
    site_link = db.scalar(select(ProfileLink).where(ProfileLink.person_id == ids["I3"]))
    assert (site_link.url, site_link.origin) == ("https://www.facebook.com/helene.demo", "site")
    noah = db.scalar(select(Person).where(Person.given_name == "Noah"))
    children = set(db.scalars(select(FamilyChild.person_id)))
    assert children == {ids["I3"], noah.person_id}
    joseph = db.get(Person, ids["I4"])
    assert joseph is not None and joseph.missing_since == report.import_id
    assert [name for _pid, name in report.missing_people] == ["Joseph Tremblay"]
    kinds = {change.kind for change in db.scalars(select(Change).where(Change.import_id == report.import_id))}
    assert kinds == {"import", "person_added", "person_updated", "person_missing"}


def test_unchanged_reimport_changes_nothing(app, db, small_family) -> None:
    run_import(app, small_family)
    before = db.execute(select(Person.person_id, Person.uid, Person.content_hash).order_by(Person.person_id)).all()
    report = run_import(app, small_family)
    assert (report.people.new, report.people.updated, report.people.unchanged) == (0, 0, 4)
    assert (report.families.new, report.families.updated, report.families.unchanged) == (0, 0, 1)
    db.expire_all()
    after = db.execute(select(Person.person_id, Person.uid, Person.content_hash).order_by(Person.person_id)).all()
    assert before == after


def test_remove_missing_deletes_absent_people_only_when_asked(app, db, small_family) -> None:
    run_import(app, small_family)
    ids = dict(db.execute(select(Person.xref, Person.person_id)).all())
    run_import(app, _updated_file(small_family))
    assert db.get(Person, ids["I4"]) is not None
    report = run_import(app, _updated_file(small_family), remove_missing=True)
    db.expire_all()
    assert report.people.removed == 1
    assert db.get(Person, ids["I4"]) is None
    assert db.get(Person, ids["I3"]) is not None


def test_uid_matches_even_when_xrefs_are_renumbered(app, db) -> None:
    first = "0 HEAD\n1 SOUR A\n1 CHAR UTF-8\n0 @I1@ INDI\n1 NAME Rosaire /Gagnon/\n1 _UID ABC123\n0 TRLR\n"
    second = "0 HEAD\n1 SOUR B\n1 CHAR UTF-8\n0 @P77@ INDI\n1 NAME Rosaire J. /Gagnon/\n1 _UID ABC123\n0 TRLR\n"
    run_import(app, first)
    person_id = db.scalar(select(Person.person_id))
    report = run_import(app, second)
    assert (report.people.new, report.people.updated) == (0, 1)
    assert db.scalar(select(Person.given_name).where(Person.person_id == person_id)) == "Rosaire J."


def test_other_program_does_not_match_by_xref(app, db) -> None:
    first = "0 HEAD\n1 SOUR A\n1 CHAR UTF-8\n0 @I1@ INDI\n1 NAME Rosaire /Gagnon/\n0 TRLR\n"
    second = "0 HEAD\n1 SOUR B\n1 CHAR UTF-8\n0 @I1@ INDI\n1 NAME Thérèse /Morin/\n0 TRLR\n"
    run_import(app, first)
    report = run_import(app, second)
    assert (report.people.new, report.people.missing) == (1, 1)


def test_links_removed_or_replaced_on_the_site_stay_gone(app, db, small_family) -> None:
    from famille.models import Change

    run_import(app, small_family)
    marc = db.scalar(select(Person.person_id).where(Person.given_name == "Marc"))
    link = db.scalar(select(ProfileLink).where(ProfileLink.person_id == marc))
    old = {"url": link.url, "platform": link.platform, "origin": "gedcom"}
    db.delete(link)
    db.add(Change(kind="link_removed", person_id=marc, details={"old": old, "new": None}))
    db.commit()
    changed = small_family.replace("2 DATE 12 MAR 1950", "2 DATE 13 MAR 1950")  # Marc changes in the file
    report = run_import(app, changed)
    assert report.people.updated == 1
    assert db.scalar(select(ProfileLink).where(ProfileLink.person_id == marc)) is None


def test_people_deleted_on_the_site_do_not_come_back(app, db, small_family) -> None:
    from famille.editing.deletion import delete_person
    from famille.editing.services import LivingRule, actor_of

    run_import(app, small_family)
    joseph = db.scalar(select(Person).where(Person.xref == "I4"))
    delete_person(
        db,
        person=joseph,
        actor=actor_of(user_id=None, display_name="Éditrice", email="e@example.org"),
        rule=LivingRule(current_year=2026, living_years=110),
    )
    db.commit()
    report = run_import(app, small_family.replace("1 NAME Marc /Tremblay/", "1 NAME Marcel /Tremblay/"))
    assert report.declined == 1 and report.people.new == 0 and report.warnings == []
    assert db.scalar(select(Person).where(Person.xref == "I4")) is None
