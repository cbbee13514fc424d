"""The /dates page and the home page's block of dates, for a visitor and a member, in English and French."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from famille.models import Person

MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")


def _gedcom_day(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _family(today: date) -> str:
    """Lucie (living) turns 40 in three days, unless that is 29 February; Albert (deceased) was born today."""
    soon = today + timedelta(days=3)
    if (soon.month, soon.day) == (2, 29):
        soon += timedelta(days=1)
    birthday = soon.replace(year=soon.year - 40)
    past = today.replace(year=today.year - 150, day=28 if (today.month, today.day) == (2, 29) else today.day)
    return f"""0 HEAD
1 GEDC
2 VERS 5.5.1
1 CHAR UTF-8
0 @I1@ INDI
1 NAME Lucie /Bouchard/
1 BIRT
2 DATE {_gedcom_day(birthday)}
0 @I2@ INDI
1 NAME Albert /Bouchard/
1 BIRT
2 DATE {_gedcom_day(past)}
1 DEAT
2 DATE 1920
0 TRLR
"""


@pytest.fixture
def family(app, db) -> dict[str, int]:
    """The two Bouchards imported; ids by given name."""
    from tests.imports.helpers import run_import

    run_import(app, _family(date.today()))
    return {name: person_id for name, person_id in db.execute(select(Person.given_name, Person.person_id))}


def test_a_member_sees_birthdays_by_day_linked_to_the_person(client, family, login_as) -> None:
    login_as("member")
    page = client.get("/dates", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert f'href="/people/{family["Lucie"]}"' in page and "turns 40" in page
    assert f'href="/people/{family["Albert"]}"' in page and "150 years ago" in page
    home = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Upcoming birthdays and anniversaries" in home and "turns 40" in home and 'href="/dates"' in home


def test_a_visitor_sees_only_the_history_of_the_deceased(client, family) -> None:
    page = client.get("/dates", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert f'href="/people/{family["Lucie"]}"' not in page and "Lucie" not in page
    assert f'href="/people/{family["Albert"]}"' in page
    home = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Lucie" not in home and "150 years ago" in home
    assert "Upcoming birthdays" not in home  # no empty heading over dates a visitor may not see


def test_the_dates_page_speaks_french(client, family, login_as) -> None:
    login_as("member")
    client.get("/lang/fr")
    page = client.get("/dates").get_data(as_text=True)
    today = date.today()
    months = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre")
    months += ("novembre", "décembre")
    assert f"{today.day} {months[today.month - 1]} {today.year}" in page  # dates in French words


def test_the_account_page_links_to_the_feed_settings(client, login_as) -> None:
    login_as("member")
    assert 'href="/account/feeds"' in client.get("/account").get_data(as_text=True)
    assert client.get("/account/feeds").status_code == 200
