"""The calendar file written by famille.feed.ics, read back by the icalendar package: escaping, folding, dates
and recurrences survive whatever the names hold."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from flask_babel import force_locale
from icalendar import Calendar

from famille.feed.dates import Occasion
from famille.feed.ics import FOLD_AT, escape_text, fold, occasions_calendar
from famille.privacy import PersonView

ODD_NAMES = [
    'Jean-François, "le grand"; fils\\de',
    "Line\r\nbreak and\nanother\rone",
    "Ctrl\x00\x07\x1b chars\ttab",
    "Éléonore-Géraldine " * 12,
    "日本語の名前" * 9,
    "😀 emoji " * 15,
]


def _person(person_id: int, given_name: str, surname: str = "Côté") -> PersonView:
    return PersonView(person_id, given_name, surname, "", "", False)


def _calendar(app, occasions: list[Occasion], locale: str = "en") -> bytes:
    with app.test_request_context(), force_locale(locale):
        return occasions_calendar(
            occasions,
            name="Famille, Test; calendar",
            host="famille.example.org",
            stamp=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
            person_url=lambda person_id: f"https://famille.example.org/people/{person_id}",
        )


@pytest.mark.parametrize("name", ODD_NAMES)
def test_odd_names_come_back_whole_and_lines_stay_short(app, name: str) -> None:
    data = _calendar(app, [Occasion("birthday", date(2026, 5, 1), [_person(1, name)], 40, None, date(1986, 5, 1))])
    assert all(len(line) <= FOLD_AT for line in data.split(b"\r\n"))
    assert data.endswith(b"END:VCALENDAR\r\n")
    calendar = Calendar.from_ical(data)
    [event] = calendar.walk("VEVENT")
    expected = name.replace("\r\n", "\n").replace("\r", "\n").translate({0: None, 7: None, 27: None})
    assert str(event["SUMMARY"]) == f"Birthday of {expected} Côté"
    assert str(calendar["X-WR-CALNAME"]) == "Famille, Test; calendar"


def test_dates_recurrences_uids_and_the_couple(app) -> None:
    occasions = [
        Occasion("birthday", date(2027, 2, 28), [_person(7, "Léa")], 80, None, date(1948, 2, 29)),
        Occasion("birthday", date(2026, 3, 1), [_person(8, "Old")], 1100, None, date(926, 3, 1)),
        Occasion(
            "anniversary", date(2026, 6, 12), [_person(1, "Marc"), _person(2, "Sylvie")], 44, 5, date(1982, 6, 12)
        ),
        Occasion("birthday", date(2027, 3, 1), [_person(8, "Old")], 1101, None, date(926, 3, 1)),  # same UID
    ]
    data = _calendar(app, occasions, locale="fr")
    events = {str(event["UID"]): event for event in Calendar.from_ical(data).walk("VEVENT")}
    assert set(events) == {
        "birthday-7@famille.example.org",
        "birthday-8@famille.example.org",
        "anniversary-5@famille.example.org",
    }
    leap = events["birthday-7@famille.example.org"]
    assert leap.decoded("DTSTART") == date(1948, 2, 29)
    assert leap["RRULE"]["BYMONTH"] == [2] and leap["RRULE"]["BYMONTHDAY"] == [-1]
    assert events["birthday-8@famille.example.org"].decoded("DTSTART") == date(926, 3, 1)
    couple = events["anniversary-5@famille.example.org"]
    assert "Marc Côté" in str(couple["SUMMARY"]) and "Sylvie Côté" in str(couple["SUMMARY"])
    assert str(couple["DESCRIPTION"]).splitlines() == [
        "https://famille.example.org/people/1",
        "https://famille.example.org/people/2",
    ]
    assert couple.decoded("DTSTAMP") == datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert str(couple["TRANSP"]) == "TRANSPARENT" and couple["RRULE"]["FREQ"] == ["YEARLY"]


def test_escape_and_fold_by_hand() -> None:
    assert escape_text("a,b;c\\d\ne\r\nf\x00") == "a\\,b\\;c\\\\d\\ne\\nf"
    line = "SUMMARY:" + "é" * 60
    folded = fold(line)
    assert all(len(part.encode()) <= FOLD_AT for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line
    assert fold("SHORT:x") == "SHORT:x"
