"""Calendar arithmetic and month names for GEDCOM dates.

GEDCOM dates may be written in the Gregorian, Julian, French republican or Hebrew calendar. To sort and compare
them we bring every date to a Julian Day Number (JDN, a plain count of days) and from there to the proleptic
Gregorian calendar. Gregorian and Julian years here are *astronomical*: 1 BC is year 0, 2 BC is year -1.

Months are numbered as GEDCOM lists them: JAN=1…DEC=12; VEND=1…FRUC=12, COMP=13 (the complementary days);
TSH=1 (Tishri)…ELL=13 (Elul), where ADS (Adar II) only exists in Hebrew leap years.
"""

from __future__ import annotations

GREGORIAN = "gregorian"
JULIAN = "julian"
FRENCH_R = "french_r"
HEBREW = "hebrew"
UNKNOWN = "unknown"

# 1 Vendémiaire an I = 22 September 1792 (Gregorian); 1 Tishri AM 1 = 7 October 3761 BC (Julian).
FRENCH_EPOCH_JDN = 2375840
HEBREW_EPOCH_JDN = 347998

GREGORIAN_CODES = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
FRENCH_CODES = ("VEND", "BRUM", "FRIM", "NIVO", "PLUV", "VENT", "GERM", "FLOR", "PRAI", "MESS", "THER", "FRUC", "COMP")
HEBREW_CODES = ("TSH", "CSH", "KSL", "TVT", "SHV", "ADR", "ADS", "NSN", "IYR", "SVN", "TMZ", "AAV", "ELL")

_MONTH_NAMES = {
    (GREGORIAN, "en"): ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                        "October", "November", "December"),
    (GREGORIAN, "fr"): ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
                        "octobre", "novembre", "décembre"),
    (FRENCH_R, "fr"): ("vendémiaire", "brumaire", "frimaire", "nivôse", "pluviôse", "ventôse", "germinal",
                       "floréal", "prairial", "messidor", "thermidor", "fructidor"),
    (FRENCH_R, "en"): ("Vendémiaire", "Brumaire", "Frimaire", "Nivôse", "Pluviôse", "Ventôse", "Germinal",
                       "Floréal", "Prairial", "Messidor", "Thermidor", "Fructidor"),
    (HEBREW, "en"): ("Tishrei", "Cheshvan", "Kislev", "Tevet", "Shevat", "Adar", "Adar II", "Nisan", "Iyar",
                     "Sivan", "Tammuz", "Av", "Elul"),
    (HEBREW, "fr"): ("tichri", "hechvan", "kislev", "tevet", "chevat", "adar", "adar II", "nissan", "iyar",
                     "sivan", "tamouz", "av", "eloul"),
}  # fmt: skip

# Spellings real exporters write besides the GEDCOM codes (upper case, accents removed).
_GREGORIAN_EXTRA = {
    "JANUARY": 1, "FEBRUARY": 2, "MARCH": 3, "APRIL": 4, "JUNE": 6, "JULY": 7, "AUGUST": 8, "SEPT": 9,
    "SEPTEMBER": 9, "OCTOBER": 10, "NOVEMBER": 11, "DECEMBER": 12,
    "JANVIER": 1, "JANV": 1, "FEVRIER": 2, "FEVR": 2, "FEV": 2, "MARS": 3, "AVRIL": 4, "AVR": 4, "MAI": 5,
    "JUIN": 6, "JUILLET": 7, "JUIL": 7, "AOUT": 8, "SEPTEMBRE": 9, "OCTOBRE": 10, "NOVEMBRE": 11, "DECEMBRE": 12,
}  # fmt: skip
_FRENCH_EXTRA = {
    "VENDEMIAIRE": 1, "BRUMAIRE": 2, "FRIMAIRE": 3, "NIVOSE": 4, "PLUVIOSE": 5, "VENTOSE": 6,
    "GERMINAL": 7, "FLOREAL": 8, "PRAIRIAL": 9, "MESSIDOR": 10, "THERMIDOR": 11, "FRUCTIDOR": 12,
}  # fmt: skip
MONTH_TOKENS: dict[str, dict[str, int]] = {
    GREGORIAN: {**{code: n for n, code in enumerate(GREGORIAN_CODES, start=1)}, **_GREGORIAN_EXTRA},
    FRENCH_R: {**{code: n for n, code in enumerate(FRENCH_CODES, start=1)}, **_FRENCH_EXTRA},
    HEBREW: {code: n for n, code in enumerate(HEBREW_CODES, start=1)},
}
MONTH_TOKENS[JULIAN] = MONTH_TOKENS[UNKNOWN] = MONTH_TOKENS[GREGORIAN]

_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def gregorian_to_jdn(year: int, month: int, day: int) -> int:
    """Julian Day Number of a proleptic Gregorian date (astronomical year)."""
    shift = (14 - month) // 12
    y = year + 4800 - shift
    m = month + 12 * shift - 3
    return day + (153 * m + 2) // 5 + 365 * y + y // 4 - y // 100 + y // 400 - 32045


def julian_to_jdn(year: int, month: int, day: int) -> int:
    """Julian Day Number of a proleptic Julian calendar date (astronomical year)."""
    shift = (14 - month) // 12
    y = year + 4800 - shift
    m = month + 12 * shift - 3
    return day + (153 * m + 2) // 5 + 365 * y + y // 4 - 32083


def jdn_to_gregorian(jdn: int) -> tuple[int, int, int]:
    """The proleptic Gregorian (astronomical year, month, day) of a Julian Day Number."""
    a = jdn + 32044
    b = (4 * a + 3) // 146097
    c = a - 146097 * b // 4
    d = (4 * c + 3) // 1461
    e = c - 1461 * d // 4
    m = (5 * e + 2) // 153
    day = e - (153 * m + 2) // 5 + 1
    month = m + 3 - 12 * (m // 10)
    return 100 * b + d - 4800 + m // 10, month, day


def french_is_sextile(year: int) -> bool:
    """Whether a French republican year has six complementary days.

    Years III, VII and XI were sextile in practice; the four-year rule that gives them is kept for later years.
    """
    return (year + 1) % 4 == 0


def french_to_jdn(year: int, month: int, day: int) -> int:
    """Julian Day Number of a French republican date (year ≥ 1; month 13 = complementary days)."""
    return FRENCH_EPOCH_JDN + 365 * (year - 1) + year // 4 + 30 * (month - 1) + day - 1


def hebrew_is_leap(year: int) -> bool:
    """Whether a Hebrew year has thirteen months (7 leap years in each 19-year cycle)."""
    return (7 * year + 1) % 19 < 7


def _hebrew_elapsed_days(year: int) -> int:
    """Days from the epoch to the molad-based new year of ``year``, with the first postponement rule."""
    months = (235 * year - 234) // 19
    parts = 12084 + 13753 * months
    days = 29 * months + parts // 25920
    return days + 1 if (3 * (days + 1)) % 7 < 3 else days


def hebrew_new_year(year: int) -> int:
    """Julian Day Number of 1 Tishri of ``year``, with every postponement (dehiyyah) applied."""
    before, this, after = (_hebrew_elapsed_days(y) for y in (year - 1, year, year + 1))
    correction = 2 if after - this == 356 else 1 if this - before == 382 else 0
    return HEBREW_EPOCH_JDN + this + correction


def _hebrew_month_lengths(year: int) -> tuple[int, ...]:
    """Lengths of the 13 GEDCOM Hebrew months of ``year``, Tishri first; ADS is 0 in a common year."""
    length = hebrew_new_year(year + 1) - hebrew_new_year(year)
    leap = hebrew_is_leap(year)
    cheshvan = 30 if length % 10 == 5 else 29  # 355 or 385 days: a "complete" year
    kislev = 29 if length % 10 == 3 else 30  # 353 or 383 days: a "deficient" year
    adar, adar_ii = (30, 29) if leap else (29, 0)
    return (30, cheshvan, kislev, 29, 30, adar, adar_ii, 30, 29, 30, 29, 30, 29)


def hebrew_to_jdn(year: int, month: int, day: int) -> int:
    """Julian Day Number of a Hebrew date (GEDCOM month order, Tishri = 1)."""
    return hebrew_new_year(year) + sum(_hebrew_month_lengths(year)[: month - 1]) + day - 1


def _gregorian_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(calendar: str, year: int, month: int) -> int:
    """Days in ``month`` of ``year`` (astronomical for Gregorian/Julian); 0 when that month does not exist."""
    if not 1 <= month <= months_in_year(calendar):
        return 0
    if calendar == FRENCH_R:
        return 30 if month < 13 else 6 if french_is_sextile(year) else 5
    if calendar == HEBREW:
        return _hebrew_month_lengths(year)[month - 1]
    if calendar == UNKNOWN:
        return 31
    if month == 2:
        leap = year % 4 == 0 if calendar == JULIAN else _gregorian_leap(year)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


def months_in_year(calendar: str) -> int:
    """The highest month number of ``calendar``."""
    return 13 if calendar in (FRENCH_R, HEBREW) else 12


def to_jdn(calendar: str, year: int, month: int, day: int) -> int:
    """Julian Day Number of a date in any supported calendar (not ``unknown``)."""
    converters = {
        GREGORIAN: gregorian_to_jdn,
        JULIAN: julian_to_jdn,
        FRENCH_R: french_to_jdn,
        HEBREW: hebrew_to_jdn,
    }
    return converters[calendar](year, month, day)


def span(calendar: str, year: int, month: int | None, day: int | None) -> tuple[int, int]:
    """First and last Julian Day Number of a day, a month (``day`` None) or a year (``month`` None)."""
    if month is None:
        return to_jdn(calendar, year, 1, 1), to_jdn(calendar, year + 1, 1, 1) - 1
    first = to_jdn(calendar, year, month, day or 1)
    if day is not None:
        return first, first
    return first, first + days_in_month(calendar, year, month) - 1


def month_name(calendar: str, month: int, lang: str, year: int) -> str:
    """The display name of a month in ``lang`` ("fr" or "en"); ``year`` tells Adar from Adar I."""
    table = GREGORIAN if calendar in (JULIAN, UNKNOWN) else calendar
    name = _MONTH_NAMES[table, lang][month - 1]
    if calendar == HEBREW and month == 6 and hebrew_is_leap(year):
        name += " I"
    return name


def to_roman(number: int) -> str:
    """``number`` (≥ 1) in Roman numerals, as French republican years are written."""
    digits = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        digits.append(letters * count)
    return "".join(digits)


def from_roman(text: str) -> int | None:
    """The value of a Roman numeral written in canonical form, or None."""
    value, rest = 0, text
    for number, letters in _ROMAN:
        while rest.startswith(letters):
            value += number
            rest = rest[len(letters) :]
    return value if value and to_roman(value) == text else None


def day_text(day: int, lang: str) -> str:
    """A day of the month as written before the month name: French writes the first "1er"."""
    return "1er" if lang == "fr" and day == 1 else str(day)


def ordinal(number: int, lang: str) -> str:
    """1er, 2e… or 1st, 2nd…, for the republican complementary days."""
    if lang == "fr":
        return "1er" if number == 1 else f"{number}e"
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def french_republican_text(year: int, month: int | None, day: int | None, lang: str) -> str:
    """A republican date in its own terms: "18 brumaire an VIII", "3e jour complémentaire an III"."""
    year_text = ("an " if lang == "fr" else "year ") + to_roman(year)
    if month is None:
        return year_text
    if month == 13:
        if day is None:
            return ("jours complémentaires " if lang == "fr" else "complementary days ") + year_text
        day_name = "jour complémentaire" if lang == "fr" else "complementary day"
        return f"{ordinal(day, lang)} {day_name} {year_text}"
    words = [day_text(day, lang)] if day else []
    return " ".join([*words, month_name(FRENCH_R, month, lang, year), year_text])
