"""Upcoming birthdays and anniversaries, and "on this day", from a real database: year boundary, 29 February,
partial dates, the living and the deceased, and privacy for visitors, members and a close-family-only person."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from famille.feed.dates import exact_day, on_this_day, upcoming_occasions, window
from famille.models import Person, User
from famille.privacy import PRIVACY_CLOSE_FAMILY, Viewer
from tests.imports.helpers import run_import

FAMILY = """0 HEAD
1 GEDC
2 VERS 5.5.1
1 CHAR UTF-8
0 @I1@ INDI
1 NAME Marc /Tremblay/
1 BIRT
2 DATE 31 DEC 1950
1 FAMS @F1@
0 @I2@ INDI
1 NAME Sylvie /Côté/
1 BIRT
2 DATE 2 JAN 1952
1 FAMS @F1@
0 @I3@ INDI
1 NAME Hélène /Tremblay/
1 BIRT
2 DATE 29 FEB 1988
1 FAMC @F1@
0 @I4@ INDI
1 NAME Partiel /Lavoie/
1 BIRT
2 DATE JAN 1990
0 @I5@ INDI
1 NAME Approx /Lavoie/
1 BIRT
2 DATE ABT 3 JAN 1960
0 @I6@ INDI
1 NAME Joseph /Tremblay/
1 BIRT
2 DATE 30 DEC 1890
1 DEAT
2 DATE 1 JAN 1960
1 FAMS @F2@
0 @I7@ INDI
1 NAME Marie /Gagnon/
1 BIRT
2 DATE 29 FEB 1896
1 DEAT
2 DATE 1970
1 FAMS @F2@
0 @I8@ INDI
1 NAME Paul /Roy/
1 BIRT
2 DATE 5 MAY 1975
1 FAMS @F3@
0 @I9@ INDI
1 NAME Julie /Roy/
1 BIRT
2 DATE 6 MAY 1976
1 FAMS @F3@
0 @I10@ INDI
1 NAME Denis /Veuf/
1 BIRT
2 DATE 7 MAY 1940
1 FAMS @F4@
0 @I11@ INDI
1 NAME Rose /Veuf/
1 BIRT
2 DATE 8 MAY 1942
1 DEAT
2 DATE 2000
1 FAMS @F4@
0 @F1@ FAM
1 HUSB @I1@
1 WIFE @I2@
1 CHIL @I3@
1 MARR
2 DATE 1 JAN 1980
0 @F2@ FAM
1 HUSB @I6@
1 WIFE @I7@
1 MARR
2 DATE 30 DEC 1915
0 @F3@ FAM
1 HUSB @I8@
1 WIFE @I9@
1 MARR
2 DATE 2 JAN 2000
1 DIV
2 DATE 2010
0 @F4@ FAM
1 HUSB @I10@
1 WIFE @I11@
1 MARR
2 DATE 3 JAN 1965
0 TRLR
"""

ADMIN = Viewer(role="admin", user_id=1)
MEMBER = Viewer(role="member", user_id=2)


@pytest.fixture
def people(app, db) -> dict[str, int]:
    """The family imported; person ids by given name."""
    run_import(app, FAMILY)
    return {name: person_id for name, person_id in db.execute(select(Person.given_name, Person.person_id))}


def _summary(occasions) -> list[tuple]:
    return [(o.kind, o.on, tuple(p.given_name for p in o.people), o.years) for o in occasions]


def test_birthdays_and_anniversaries_over_the_new_year(db, people) -> None:
    found = _summary(upcoming_occasions(db, viewer=MEMBER, start=date(2025, 12, 28), days=10))
    assert found == [
        ("birthday", date(2025, 12, 31), ("Marc",), 75),
        ("anniversary", date(2026, 1, 1), ("Marc", "Sylvie"), 46),
        ("birthday", date(2026, 1, 2), ("Sylvie",), 74),
    ]


def test_partial_and_approximate_dates_the_deceased_widowed_and_divorced_are_left_out(db, people) -> None:
    everyone = _summary(upcoming_occasions(db, viewer=ADMIN, start=date(2026, 1, 1), days=365))
    names = {name for _, _, who, _ in everyone for name in who}
    assert names == {"Marc", "Sylvie", "Hélène", "Paul", "Julie", "Denis"}
    kinds = [(kind, who) for kind, _, who, _ in everyone if kind == "anniversary"]
    assert kinds == [("anniversary", ("Marc", "Sylvie"))]  # not the divorced Roys, not the widowed Denis


def test_a_29_february_birthday_is_on_28_february_in_common_years(db, people) -> None:
    common = _summary(upcoming_occasions(db, viewer=MEMBER, start=date(2026, 2, 20), days=10))
    assert common == [("birthday", date(2026, 2, 28), ("Hélène",), 38)]
    leap = _summary(upcoming_occasions(db, viewer=MEMBER, start=date(2028, 2, 20), days=10))
    assert leap == [("birthday", date(2028, 2, 29), ("Hélène",), 40)]


def test_person_ids_limit_the_occasions(db, people) -> None:
    found = upcoming_occasions(db, viewer=MEMBER, start=date(2025, 12, 28), days=10, person_ids={people["Sylvie"]})
    assert [(o.kind, o.on) for o in found] == [("anniversary", date(2026, 1, 1)), ("birthday", date(2026, 1, 2))]


def test_visitors_see_no_birthday_of_the_living(db, people) -> None:
    assert upcoming_occasions(db, viewer=Viewer(), start=date(2025, 12, 28), days=10) == []


def test_a_close_family_only_person_is_shown_only_to_those_allowed(db, people, make_user) -> None:
    helene_user = make_user("member", person_id=people["Hélène"])
    user = db.get(User, helene_user)
    user.privacy, user.privacy_degree = PRIVACY_CLOSE_FAMILY, 1
    db.commit()
    feb = {"start": date(2026, 2, 20), "days": 10}
    father = Viewer(role="member", user_id=90, person_id=people["Marc"])
    outsider = Viewer(role="member", user_id=91, person_id=people["Paul"])
    assert _summary(upcoming_occasions(db, viewer=father, **feb)) == [("birthday", date(2026, 2, 28), ("Hélène",), 38)]
    assert upcoming_occasions(db, viewer=outsider, **feb) == []
    assert upcoming_occasions(db, viewer=MEMBER, **feb) == []
    assert len(upcoming_occasions(db, viewer=Viewer(role="editor", user_id=92), **feb)) == 1


def test_on_this_day_recalls_the_deceased_only(db, people) -> None:
    events = on_this_day(db, viewer=Viewer(), day=date(2025, 12, 30))
    assert [(e.kind, e.on, tuple(p.given_name for p in e.people), e.years_ago) for e in events] == [
        ("birth", date(1890, 12, 30), ("Joseph",), 135),
        ("marriage", date(1915, 12, 30), ("Joseph", "Marie"), 110),
    ]
    deaths = on_this_day(db, viewer=Viewer(), day=date(2026, 1, 1))
    assert [(e.kind, e.people[0].given_name, e.years_ago) for e in deaths] == [("death", "Joseph", 66)]
    assert on_this_day(db, viewer=MEMBER, day=date(2025, 12, 31)) == []  # Marc is living


def test_on_this_day_recalls_29_february_on_28_february_of_common_years(db, people) -> None:
    assert [e.people[0].given_name for e in on_this_day(db, viewer=MEMBER, day=date(2025, 2, 28))] == ["Marie"]
    assert on_this_day(db, viewer=MEMBER, day=date(2024, 2, 28)) == []


def test_exact_day_and_window() -> None:
    assert exact_day("12 MAR 1950") == date(1950, 3, 12)
    assert exact_day("MAR 1950") is None and exact_day("ABT 12 MAR 1950") is None and exact_day("") is None
    assert exact_day("BET 1 JAN 1950 AND 3 JAN 1950") is None
    falls = window(date(2025, 2, 27), 3)
    assert falls == {
        227: [date(2025, 2, 27)],
        228: [date(2025, 2, 28)],
        229: [date(2025, 2, 28)],
        301: [date(2025, 3, 1)],
    }
