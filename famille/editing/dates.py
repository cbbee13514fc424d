"""Dates typed on the site, written as GEDCOM dates: from the day/month/year fields, or from free text.

Free text is read by :func:`famille.gedcom.dates.parse_date`, which understands French and English words
("vers 1850", "12 mars 1950"); an understood Gregorian date is then written the GEDCOM way ("ABT 1850",
"12 MAR 1950") so that an export is read by any genealogy program. Text that is not understood is kept as typed
(the page warns, it does not refuse). Pure: no Flask, no session.
"""

from __future__ import annotations

from famille.gedcom import calendars as cal
from famille.gedcom.dates import DatePart, GedcomDate, parse_date

MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
#: The qualifiers offered beside the day/month/year fields.
QUALIFIERS = ("", "ABT", "BEF", "AFT")
MAX_DATE_TEXT = 200

_PREFIXES = {
    "exact": "",
    "about": "ABT ",
    "calculated": "CAL ",
    "estimated": "EST ",
    "before": "BEF ",
    "after": "AFT ",
    "from": "FROM ",
    "to": "TO ",
}


def compose_date(*, qualifier: str = "", day: int | None = None, month: int | None = None, year: int) -> str:
    """The GEDCOM text of a date given by its parts: ``compose_date(qualifier="ABT", year=1850)`` → "ABT 1850"."""
    parts = [qualifier if qualifier in QUALIFIERS else ""]
    if month is not None and 1 <= month <= 12:
        parts += [str(day) if day else "", MONTHS[month - 1]]
    parts.append(str(year))
    return " ".join(part for part in parts if part)


def _part_text(part: DatePart) -> str:
    year = f"{part.year}/{str(part.dual_year)[-2:]}" if part.dual_year else str(part.year)
    words = [str(part.day) if part.day else "", MONTHS[part.month - 1] if part.month else "", year]
    return " ".join(word for word in words if word) + (" B.C." if part.bce else "")


def _gregorian(date: GedcomDate) -> bool:
    return all(part is None or part.calendar == cal.GREGORIAN for part in (date.first, date.second))


def gedcom_date_text(text: str) -> tuple[str, bool]:
    """The date to store for ``text`` and whether it was understood.

    An understood Gregorian date comes back in GEDCOM's words; anything else (other calendars, phrases, text not
    understood) comes back as typed, on one line.
    """
    written = " ".join((text or "").split())[:MAX_DATE_TEXT]
    if not written:
        return "", True
    date = parse_date(written)
    if not date.is_valid:
        return written, False
    if date.first is None or not _gregorian(date) or date.qualifier == "interpreted":
        return written, True
    first = _part_text(date.first)
    if date.qualifier == "between" and date.second is not None:
        return f"BET {first} AND {_part_text(date.second)}", True
    if date.qualifier == "from_to" and date.second is not None:
        return f"FROM {first} TO {_part_text(date.second)}", True
    return _PREFIXES.get(date.qualifier, "") + first, True
