"""The calendar of birthdays and wedding anniversaries, as an iCalendar file (RFC 5545) for calendar programs.

Each occasion is one all-day event that repeats every year (``RRULE:FREQ=YEARLY``) from the day of birth or of the
wedding, with a UID that stays the same from one download to the next (the person's or the couple's number and
the site's host), so a calendar program updates its copy rather than adding a double. Someone born on 29 February
repeats on the last day of February (``BYMONTH=2;BYMONTHDAY=-1``): 28 February in common years, as on the site.

The file is written here, line by line. It holds one fixed shape of event with a handful of properties, and the
rules they need are short: TEXT values escape backslashes, semicolons, commas and line breaks (RFC 5545 3.3.11),
carry no control characters, and lines fold at 75 octets without splitting a UTF-8 character (3.1). The
``icalendar`` package did it well but at about 0.3 ms an event, over 10 s for the calendar of a 100,000-person
family, on every poll of every member's calendar program; the tests read our files back with it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime

from flask_babel import gettext as _

from famille.feed.dates import Occasion
from famille.privacy import PersonView

PRODUCT_ID = "-//Famille//Family calendar//EN"
#: The longest a content line may be, in octets, before it is folded (RFC 5545 3.1).
FOLD_AT = 75
#: Control characters are not allowed in values (horizontal tab aside); line breaks are escaped before this.
_CONTROLS = dict.fromkeys(code for code in [*range(32), 127] if code != 9)
_TEXT_ESCAPES = str.maketrans({"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n"})


def escape_text(value: str) -> str:
    """``value`` as an iCalendar TEXT value: special characters escaped, line breaks as ``\\n``, no controls."""
    unified = value.replace("\r\n", "\n").replace("\r", "\n")
    return unified.translate(_TEXT_ESCAPES).translate(_CONTROLS)


def fold(line: str) -> str:
    """``line`` folded into lines of at most 75 octets (continuations start with a space), on character edges."""
    encoded = line.encode("utf-8")
    if len(encoded) <= FOLD_AT:
        return line
    parts: list[str] = []
    start, room = 0, FOLD_AT
    while start < len(encoded):
        end = min(start + room, len(encoded))
        while end < len(encoded) and encoded[end] & 0xC0 == 0x80:  # inside a character: cut before it
            end -= 1
        parts.append(encoded[start:end].decode("utf-8"))
        start, room = end, FOLD_AT - 1  # the leading space of a continuation counts
    return "\r\n ".join(parts)


def _name(person: PersonView) -> str:
    return " ".join(part for part in (person.given_name, person.surname) if part) or "…"


@dataclass(frozen=True, slots=True)
class _Words:
    """The translated summaries, looked up once per calendar rather than once per event."""

    birthday: str
    anniversary: str
    joiner: str

    @classmethod
    def current(cls) -> _Words:
        """The words in the current Babel locale (placeholders left for :meth:`summary` to fill)."""
        return cls(_("Birthday of %(name)s"), _("Wedding anniversary of %(names)s"), _(" and "))

    def summary(self, occasion: Occasion) -> str:
        """The event's title: whose birthday, or which couple's anniversary."""
        names = [_name(person) for person in occasion.people]
        if occasion.kind == "birthday":
            return self.birthday % {"name": names[0]}
        return self.anniversary % {"names": self.joiner.join(names)}


def _uid(occasion: Occasion, host: str) -> str:
    subject = occasion.family_id if occasion.kind == "anniversary" else occasion.people[0].person_id
    return f"{occasion.kind}-{subject}@{host}"


def _day(day: date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"  # strftime("%Y") does not pad years before 1000


def _recurrence(since: date) -> str:
    if (since.month, since.day) == (2, 29):
        return "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"
    return "FREQ=YEARLY"


def _event(
    occasion: Occasion, *, host: str, stamp: str, words: _Words, person_url: Callable[[int], str]
) -> Iterator[str]:
    """The content lines of one occasion's yearly all-day event."""
    since = occasion.since or occasion.on
    yield "BEGIN:VEVENT"
    yield f"UID:{escape_text(_uid(occasion, host))}"
    yield f"DTSTAMP:{stamp}"
    yield f"DTSTART;VALUE=DATE:{_day(since)}"  # a date, not a date-time: an all-day event
    yield f"RRULE:{_recurrence(since)}"
    yield f"SUMMARY:{escape_text(words.summary(occasion))}"
    yield f"URL:{person_url(occasion.people[0].person_id)}"
    yield f"DESCRIPTION:{escape_text(chr(10).join(person_url(person.person_id) for person in occasion.people))}"
    yield "TRANSP:TRANSPARENT"  # a birthday does not make anyone busy
    yield f"CATEGORIES:{'BIRTHDAY' if occasion.kind == 'birthday' else 'ANNIVERSARY'}"
    yield "END:VEVENT"


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
    stamp_text = stamp.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", f"PRODID:{PRODUCT_ID}", "VERSION:2.0", "CALSCALE:GREGORIAN"]
    # Calendar programs read this non-standard name as is (unescaped), as the icalendar package writes it: one line.
    lines.append(f"X-WR-CALNAME:{' '.join(name.split()).translate(_CONTROLS)}")
    seen: set[str] = set()
    words = _Words.current()
    for occasion in occasions:
        uid = _uid(occasion, host)
        if uid not in seen:
            seen.add(uid)
            lines.extend(_event(occasion, host=host, stamp=stamp_text, words=words, person_url=person_url))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines).encode("utf-8")
