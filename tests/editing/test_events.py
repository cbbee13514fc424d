"""Events edited on the site: dates as GEDCOM text or by parts, warnings, places, listing fields, living flags."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from famille.models import Event, Place
from tests.editing.helpers import EN, build_tree, changes_of, person_row, post, text_of


@pytest.fixture
def tree(app, login_as):
    built = build_tree(app)
    login_as("editor")
    return built


def _events(db, person_id: int) -> list[Event]:
    db.expire_all()
    return list(db.scalars(select(Event).where(Event.person_id == person_id).order_by(Event.position)))


def _birth(db, person_id: int) -> Event:
    return next(event for event in _events(db, person_id) if event.tag == "BIRT")


def test_changing_a_birth_updates_the_listing_and_logs_old_and_new(app, client, db, tree) -> None:
    birth = _birth(db, tree.helene)
    url = f"/people/{tree.helene}/events/{birth.event_id}/edit"
    page = text_of(client.get(url, headers=EN))
    assert 'value="4 JUL 1987"' in page and "Montréal, Québec, Canada" in page
    response = post(client, url, {"tag": "BIRT", "date_text": "5 jul 1987", "place": "Laval, Québec, Canada"})
    assert response.status_code == 302 and response.headers["Location"].endswith("#events")
    birth = _birth(db, tree.helene)
    assert (birth.date_text, birth.date_start, birth.date_end) == ("5 JUL 1987", 19870705, 19870705)
    person = person_row(app, tree.helene)
    assert (person.birth_date, person.birth_sort, person.birth_place) == (
        "5 JUL 1987",
        19870705,
        "Laval, Québec, Canada",
    )
    [change] = changes_of(app, "event_changed")
    assert change.person_id == tree.helene
    assert change.details["old"]["date"] == "4 JUL 1987" and change.details["new"]["date"] == "5 JUL 1987"
    assert change.details["old"]["place"] == "Montréal, Québec, Canada"


def test_french_words_are_written_the_gedcom_way(app, client, db, tree) -> None:
    response = post(client, f"/people/{tree.marc}/events/new", {"tag": "BAPM", "date_text": "vers 1950"})
    assert response.status_code == 302
    baptism = next(event for event in _events(db, tree.marc) if event.tag == "BAPM")
    assert baptism.date_text == "ABT 1950" and baptism.date_start == 19500101


def test_the_day_month_and_year_boxes_write_gedcom_text(app, client, db, tree) -> None:
    data = {
        "tag": "OCCU",
        "value": "Menuisier",
        "date_text": "ignored",
        "qualifier": "ABT",
        "month": "3",
        "year": "1975",
    }
    assert post(client, f"/people/{tree.marc}/events/new", data).status_code == 302
    [job] = [event for event in _events(db, tree.marc) if event.tag == "OCCU"]
    assert (job.value, job.date_text, job.date_start, job.date_end) == ("Menuisier", "ABT MAR 1975", 19750301, 19750331)
    [change] = changes_of(app, "event_added")
    assert change.details["old"] is None and change.details["new"]["value"] == "Menuisier"


@pytest.mark.parametrize(
    "data",
    [{"date_text": "31 FEB 1850"}, {"day": "31", "month": "2", "year": "1850"}],
    ids=["text", "boxes"],
)
def test_a_date_not_understood_warns_but_is_saved(app, client, db, tree, data) -> None:
    response = post(client, f"/people/{tree.joseph}/events/new", {"tag": "RESI", "place": "Québec", **data})
    assert response.status_code == 302
    [residence] = [event for event in _events(db, tree.joseph) if event.tag == "RESI"]
    assert residence.date_text == "31 FEB 1850" and residence.date_start is None
    page = text_of(client.get(response.headers["Location"], headers=EN))
    assert "The date “31 FEB 1850” was not understood" in page and "flash-warning" in page


def test_a_death_makes_a_living_person_dead_and_removing_it_undoes_that(app, client, db, tree) -> None:
    assert person_row(app, tree.marc).living
    response = post(client, f"/people/{tree.marc}/events/new", {"tag": "DEAT", "date_text": "2 JAN 2020"})
    assert response.status_code == 302
    person = person_row(app, tree.marc)
    assert person.is_dead and not person.living and person.death_date == "2 JAN 2020"
    death = next(event for event in _events(db, tree.marc) if event.tag == "DEAT")
    assert post(client, f"/people/{tree.marc}/events/{death.event_id}/remove", {}).status_code == 302
    person = person_row(app, tree.marc)
    assert not person.is_dead and person.living and person.death_date == ""
    [removed] = changes_of(app, "event_removed")
    assert removed.details["old"]["tag"] == "DEAT" and removed.details["new"] is None


def test_a_death_without_date_is_recorded_as_gedcom_says(app, client, db, tree) -> None:
    post(client, f"/people/{tree.sylvie}/events/new", {"tag": "DEAT"})
    death = next(event for event in _events(db, tree.sylvie) if event.tag == "DEAT")
    assert death.value == "Y" and death.date_text == ""
    assert person_row(app, tree.sylvie).is_dead


def test_a_known_place_is_shared_whatever_the_accents(app, client, db, tree) -> None:
    montreal = db.scalar(select(Place.place_id).where(Place.name == "Montréal, Québec, Canada"))
    post(client, f"/people/{tree.marc}/events/new", {"tag": "RESI", "place": "montreal,  quebec, CANADA"})
    [residence] = [event for event in _events(db, tree.marc) if event.tag == "RESI"]
    assert residence.place_id == montreal


def test_another_kind_needs_its_name(app, client, db, tree) -> None:
    response = post(client, f"/people/{tree.marc}/events/new", {"tag": "EVEN", "date_text": "1970", "place": "Alma"})
    page = text_of(response)
    assert response.status_code == 200 and "Say what kind of event this is." in page
    assert 'value="Alma"' in page and 'value="1970"' in page
    response = post(client, f"/people/{tree.marc}/events/new", {"tag": "EVEN", "event_type": "Service militaire"})
    assert response.status_code == 302
    [other] = [event for event in _events(db, tree.marc) if event.tag == "EVEN"]
    assert other.event_type == "Service militaire"
    assert "Service militaire" in text_of(client.get(f"/people/{tree.marc}", headers=EN))


@pytest.mark.parametrize("tag", ["MARR", "XYZ", ""])
def test_a_kind_not_offered_is_refused(app, client, db, tree, tag: str) -> None:
    response = post(client, f"/people/{tree.marc}/events/new", {"tag": tag, "date_text": "1970"})
    assert response.status_code == 200 and "Choose a kind of event from the list." in text_of(response)
    assert [event.tag for event in _events(db, tree.marc)] == ["BIRT"]


@pytest.mark.parametrize(
    "data, message",
    [
        ({"day": "12", "year": "1950"}, "Choose the month too, or leave the day empty."),
        ({"month": "3"}, "Give the year too, or leave the month empty."),
        ({"year": "0"}, "A year is a number such as 1950."),
        ({"year": "mil neuf cent"}, "Not a valid integer value."),
        ({"day": "45", "month": "1", "year": "1950"}, "A day is 1 to 31."),
    ],
)
def test_wrong_date_boxes_are_explained_and_kept(app, client, db, tree, data, message: str) -> None:
    response = post(client, f"/people/{tree.marc}/events/new", {"tag": "RESI", "place": "Alma", **data})
    page = text_of(response)
    assert response.status_code == 200 and message in page and 'value="Alma"' in page
    assert [event.tag for event in _events(db, tree.marc)] == ["BIRT"]


def test_an_event_kept_from_the_file_with_an_unusual_kind_can_still_be_edited(app, client, db, tree) -> None:
    session = app.extensions["famille.sessionmaker"]()
    session.add(Event(person_id=tree.joseph, position=5, tag="NATU", date_text="1920", extra=[]))
    session.commit()
    session.close()
    natu = next(event for event in _events(db, tree.joseph) if event.tag == "NATU")
    url = f"/people/{tree.joseph}/events/{natu.event_id}/edit"
    assert "Naturalisation" in text_of(client.get(url, headers=EN))
    assert post(client, url, {"tag": "NATU", "date_text": "1921"}).status_code == 302
    assert next(event for event in _events(db, tree.joseph) if event.tag == "NATU").date_text == "1921"


def test_a_couple_gets_its_marriage_edited(app, client, db, tree) -> None:
    page = text_of(client.get(f"/families/{tree.couple}/edit", headers=EN))
    assert "Marriage" in page and "Marc Tremblay" in page and "Sylvie Côté" in page
    marriage = db.scalar(select(Event).where(Event.family_id == tree.couple, Event.tag == "MARR"))
    url = f"/families/{tree.couple}/events/{marriage.event_id}/edit"
    response = post(client, url, {"tag": "MARR", "date_text": "21 JUN 1980", "place": "Québec, Québec, Canada"})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/families/{tree.couple}/edit")
    db.expire_all()
    assert db.get(Event, marriage.event_id).date_text == "21 JUN 1980"
    [change] = changes_of(app, "event_changed")
    assert change.family_id == tree.couple and change.details["old"]["date"] == "20 JUN 1980"
    assert "21 June 1980" in text_of(client.get(f"/families/{tree.couple}", headers=EN))
    response = post(client, f"/families/{tree.couple}/events/new", {"tag": "BIRT"})
    assert response.status_code == 200 and "Choose a kind of event from the list." in text_of(response)


def test_an_event_of_someone_else_is_not_found(client, db, tree) -> None:
    birth = _birth(db, tree.helene)
    assert client.get(f"/people/{tree.marc}/events/{birth.event_id}/edit").status_code == 404
    assert client.get(f"/families/{tree.couple}/events/{birth.event_id}/edit").status_code == 404
