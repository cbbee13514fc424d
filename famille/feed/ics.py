"""The calendar of birthdays and wedding anniversaries, as an iCalendar file (RFC 5545) for calendar programs.

Each occasion is one all-day event that repeats every year (``RRULE:FREQ=YEARLY``) from the day of birth or of the
wedding, with a UID that stays the same from one download to the next (the person's or the couple's number and
the site's host), so a calendar program updates its copy rather than adding a double. Someone born on 29 February
repeats on the last day of February (``BYMONTH=2;BYMONTHDAY=-1``): 28 February in common years, as on the site.

The ``icalendar`` package writes the file: line folding at 75 octets, escaping of commas and semicolons, and
the date and recurrence values are easy to get subtly wrong by hand, and it is well kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime

from flask_babel import gettext as _
from icalendar import Calendar, Event, vRecur

from famille.feed.dates import Occasion
from famille.privacy import PersonView

PRODUCT_ID = "-//Famille//Family calendar//EN"


def _name(person: PersonView) -> str:
    return " ".join(part for part in (person.given_name, person.surname) if part) or "…"


def _summary(occasion: Occasion) -> str:
    names = [_name(person) for person in occasion.people]
    if occasion.kind == "birthday":
        return _("Birthday of %(name)s", name=names[0])
    return _("Wedding anniversary of %(names)s", names=_(" and ").join(names))


def _uid(occasion: Occasion, host: str) -> str:
    subject = occasion.family_id if occasion.kind == "anniversary" else occasion.people[0].person_id
    return f"{occasion.kind}-{subject}@{host}"


def _recurrence(since: date) -> vRecur:
    if (since.month, since.day) == (2, 29):
        return vRecur(freq="YEARLY", bymonth=2, bymonthday=-1)
    return vRecur(freq="YEARLY")


def _event(occasion: Occasion, *, host: str, stamp: datetime, person_url: Callable[[int], str]) -> Event:
    since = occasion.since or occasion.on
    event = Event()
    event.add("uid", _uid(occasion, host))
    event.add("dtstamp", stamp)
    event.add("dtstart", since)  # a date, not a datetime: an all-day event
    event.add("rrule", _recurrence(since))
    event.add("summary", _summary(occasion))
    event.add("url", person_url(occasion.people[0].person_id))
    event.add("description", "\n".join(person_url(person.person_id) for person in occasion.people))
    event.add("transp", "TRANSPARENT")  # a birthday does not make anyone busy
    event.add("categories", ["BIRTHDAY" if occasion.kind == "birthday" else "ANNIVERSARY"])
    return event


def occasions_calendar(
    occasions: Iterable[Occasion],
    *,
    name: str,
    host: str,
    stamp: datetime,
    person_url: Callable[[int], str],
) -> bytes:
    """The iCalendar file of ``occasions`` (one yearly event each, however often they fall in the list).

    ``name`` titles the calendar, ``host`` makes the UIDs unique to the site, ``stamp`` is when it was made (UTC),
    ``person_url`` gives the absolute address of a person's page. Texts are in the current Babel locale.
    """
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    seen: set[str] = set()
    for occasion in occasions:
        uid = _uid(occasion, host)
        if uid not in seen:
            seen.add(uid)
            calendar.add_component(_event(occasion, host=host, stamp=stamp, person_url=person_url))
    return calendar.to_ical()
