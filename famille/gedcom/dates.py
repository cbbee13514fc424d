"""Parse and format GEDCOM date values (5.5.1 and 7.0), tolerant of what real exporters write.

:func:`parse_date` turns a DATE payload into a :class:`GedcomDate`: its qualifier (about, before, between…), the
one or two calendar dates as written, and the range of days it may mean as sortable integers. A day is
``year * 10000 + month * 100 + day`` in the proleptic Gregorian calendar with astronomical years (1 BC is year 0),
so 12 March 1850 is 18500312 and every BC day is below every AD day. :func:`format_date` shows a date in French or
English. Nothing here raises on bad input: text that is not a date is kept as written, qualified "invalid".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from famille.gedcom import calendars as cal

UNDATED_SORT_KEY = 10**10  # after every real day key, so undated events sort last

_QUALIFIER_WORDS = {
    **dict.fromkeys(("ABT", "ABOUT", "CIRCA", "CA", "C", "VERS", "ENV", "ENVIRON"), "about"),
    **dict.fromkeys(("CAL", "CALC", "CALCULATED", "CALCULE"), "calculated"),
    **dict.fromkeys(("EST", "ESTIMATED", "ESTIME"), "estimated"),
    **dict.fromkeys(("BEF", "BEFORE", "AVANT"), "before"),
    **dict.fromkeys(("AFT", "AFTER", "APRES"), "after"),
    **dict.fromkeys(("BET", "BETWEEN", "ENTRE"), "between"),
    **dict.fromkeys(("FROM", "DE", "DU", "DEPUIS", "SINCE"), "from"),
    **dict.fromkeys(("TO", "UNTIL", "JUSQU'EN", "JUSQU'AU", "JUSQU'A"), "to"),
}
_AND_WORDS = frozenset({"AND", "ET", "&"})
_TO_WORDS = frozenset({"TO", "A", "AU", "UNTIL", "JUSQU'EN", "JUSQU'AU", "JUSQU'A"})
_NOISE_WORDS = frozenset({"LE", "THE", "AN", "L'AN", "YEAR"})  # "le 12 mars", "l'an VIII"
_CALENDAR_WORDS = {name.upper(): name for name in (cal.GREGORIAN, cal.JULIAN, cal.FRENCH_R, cal.HEBREW, cal.UNKNOWN)}
_ESCAPE = re.compile(r"@#D\s*([A-Z_ ]*?)\s*@")
_DOTTED_EPOCHS = (
    (re.compile(r"\bB\.\s*C\.(\s*E\.)?|\bAV(?:ANT)?\.?\s*J\.?\s*-?\s*C\b\.?"), " BC "),
    (re.compile(r"\bA\.\s*D\.|\bAP(?:RES)?\.?\s*J\.?\s*-?\s*C\b\.?"), " AD "),
)
_BCE_WORDS = frozenset({"BC", "BCE"})
_CE_WORDS = frozenset({"AD", "CE"})
_INTERPRETED = re.compile(r"INT(?:ERPRETED)?\.?\s+(.*?)\s*(?:\((.*)\))?", re.IGNORECASE | re.DOTALL)
_PHRASE = re.compile(r"\((.*)\)", re.DOTALL)
_ISO = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")
_YEAR = re.compile(r"(\d{1,4})(?:/(\d{1,4}))?")
_DAY = re.compile(r"(\d{1,2})(?:ER|RE|ST|ND|RD|TH|E)?")


class _NotADate(ValueError):
    """Raised inside this module when text does not follow any date form; parse_date turns it into "invalid"."""


@dataclass(frozen=True, slots=True)
class DatePart:
    """One calendar date as written: year (positive, see ``bce``), optional month and day, in ``calendar``.

    ``calendar`` is "gregorian", "julian", "french_r", "hebrew", or "unknown" for ``@#DUNKNOWN@``.
    """

    year: int | None
    month: int | None
    day: int | None
    dual_year: int | None
    bce: bool
    calendar: str


@dataclass(frozen=True, slots=True)
class GedcomDate:
    """A parsed GEDCOM date value: what was written, what it means, and the range of days it may cover.

    ``start`` and ``end`` are day keys (see :func:`day_key`), None where the range is open (BEF, AFT, FROM, TO) or
    unknown (phrases, invalid text, the unknown calendar).
    """

    text: str
    qualifier: str
    first: DatePart | None
    second: DatePart | None
    phrase: str | None
    start: int | None
    end: int | None

    @property
    def year(self) -> int | None:
        """The Gregorian year of the first date's first day, for lists (BC years negative: 44 BC is -44)."""
        bounds = _bounds(self.first) if self.first else None
        if bounds is None:
            return None
        year = cal.jdn_to_gregorian(bounds[0])[0]
        return year if year > 0 else year - 1

    @property
    def sort_key(self) -> int:
        """The earliest possible day, else the latest, else :data:`UNDATED_SORT_KEY`."""
        for key in (self.start, self.end):
            if key is not None:
                return key
        return UNDATED_SORT_KEY

    @property
    def is_valid(self) -> bool:
        """Whether the text is a date value we understood (a phrase counts; empty or invalid text does not)."""
        return self.qualifier not in ("invalid", "empty")


def day_key(year: int, month: int, day: int) -> int:
    """The sortable key of a proleptic Gregorian day (astronomical year), as used by ``start`` and ``end``."""
    return year * 10000 + month * 100 + day


def parse_date(text: str | None) -> GedcomDate:
    """Parse a GEDCOM DATE payload; never raises. Unparseable text is kept with qualifier "invalid"."""
    written = (text or "").strip()
    if not written:
        return GedcomDate(written, "empty", None, None, None, None, None)
    if match := _PHRASE.fullmatch(written):
        return GedcomDate(written, "phrase", None, None, match.group(1).strip(), None, None)
    try:
        if match := _INTERPRETED.fullmatch(written):
            qualifier, first, second = "interpreted", _parse_part(_tokens(match.group(1))), None
            phrase = match.group(2).strip() if match.group(2) is not None else None
        else:
            qualifier, first, second = _parse_value(_tokens(written))
            phrase = None
    except _NotADate:
        return GedcomDate(written, "invalid", None, None, None, None, None)
    start, end = _range(qualifier, first, second)
    return GedcomDate(written, qualifier, first, second, phrase, start, end)


@lru_cache(maxsize=65536)
def parsed_date(text: str) -> GedcomDate:
    """:func:`parse_date`, remembered: the same date texts recur thousands of times in a big tree."""
    return parse_date(text)


def _tokens(text: str) -> list[str]:
    """Upper-case words without accents, dots or commas; calendar escapes become one word each."""
    folded = unicodedata.normalize("NFKD", text.replace("’", "'").upper())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    folded = _ESCAPE.sub(lambda m: " @" + m.group(1).replace(" ", "_") + " ", folded)
    for pattern, word in _DOTTED_EPOCHS:
        folded = pattern.sub(word, folded)
    words = re.sub(r"[.,:;]", " ", folded).split()
    return [word for word in words if word not in _NOISE_WORDS]


def _parse_value(tokens: list[str]) -> tuple[str, DatePart, DatePart | None]:
    """Split the qualifier words off ``tokens`` and parse the one or two dates between them."""
    if not tokens:
        raise _NotADate
    qualifier = _QUALIFIER_WORDS.get(tokens[0], "exact")
    rest = tokens if qualifier == "exact" else tokens[1:]
    if qualifier in ("estimated", "calculated") and rest[:1] in (["VERS"], ["ABT"]):
        rest = rest[1:]  # "estimé vers 1850"
    if qualifier not in ("between", "from"):
        return qualifier, _parse_part(rest), None
    separators = _AND_WORDS if qualifier == "between" else _TO_WORDS
    cut = next((i for i, word in enumerate(rest) if word in separators), None)
    if cut is None:
        if qualifier == "between":
            raise _NotADate
        return qualifier, _parse_part(rest), None
    second_qualifier = "between" if qualifier == "between" else "from_to"
    return second_qualifier, _parse_part(rest[:cut]), _parse_part(rest[cut + 1 :])


def _parse_part(tokens: list[str]) -> DatePart:
    """Parse ``[calendar] [[day] month] year [epoch]`` (or an ISO date) into a checked DatePart."""
    calendar = None
    if tokens and tokens[0].lstrip("@") in _CALENDAR_WORDS:
        calendar, tokens = _CALENDAR_WORDS[tokens[0].lstrip("@")], tokens[1:]
    bce = bool(tokens) and tokens[-1] in _BCE_WORDS
    if tokens and (bce or tokens[-1] in _CE_WORDS):
        tokens = tokens[:-1]
    if len(tokens) == 1 and (iso := _ISO.fullmatch(tokens[0])) and calendar in (None, cal.GREGORIAN):
        year, month, day = (int(group) if group else None for group in iso.groups())
        return _checked(DatePart(year, month, day, None, bce, cal.GREGORIAN))
    day_word, month_word, year_word = _arrange(tokens)
    month = None
    if month_word is not None:
        calendar, month = _month(month_word, calendar)
    year, dual_year, roman = _year(year_word)
    if roman and (calendar not in (None, cal.FRENCH_R) or year >= 100):
        raise _NotADate  # Roman numerals only ever numbered republican years (I to LXXIX)
    calendar = calendar or (cal.FRENCH_R if roman else cal.GREGORIAN)
    day = int(day_word.rstrip("ERSTNDH")) if day_word else None  # "1er", "2nd": _arrange checked the form
    return _checked(DatePart(year, month, day, dual_year, bce, calendar))


def _arrange(tokens: list[str]) -> tuple[str | None, str | None, str]:
    """Name the words of a date: (day, month, year); "March 12 1850" is accepted as well as "12 MAR 1850"."""
    if len(tokens) == 1:
        return None, None, tokens[0]
    if len(tokens) == 2:
        return None, tokens[0], tokens[1]
    if len(tokens) == 3:
        if _DAY.fullmatch(tokens[0]):
            return tokens[0], tokens[1], tokens[2]
        if _DAY.fullmatch(tokens[1]):
            return tokens[1], tokens[0], tokens[2]
    raise _NotADate


def _month(word: str, calendar: str | None) -> tuple[str, int]:
    """The calendar and number of a month word; a republican or Hebrew month name implies its calendar."""
    candidates = [calendar] if calendar else [cal.GREGORIAN, cal.FRENCH_R, cal.HEBREW]
    for candidate in candidates:
        if (number := cal.MONTH_TOKENS[candidate].get(word)) is not None:
            return candidate, number
    raise _NotADate


def _year(word: str) -> tuple[int, int | None, bool]:
    """(year, dual year, written in Roman numerals) of a year word such as 1850, 1699/00 or VIII."""
    if roman := cal.from_roman(word):
        return roman, None, True
    match = _YEAR.fullmatch(word)
    if not match:
        raise _NotADate
    year, dual = int(match.group(1)), match.group(2)
    if dual is None:
        return year, None, False
    if (year + 1) % 10 ** len(dual) != int(dual):  # "1699/00" and "1699/1700" name the next year
        raise _NotADate
    return year, year + 1, False


def _checked(part: DatePart) -> DatePart:
    """``part`` if it names a real day, month or year of its calendar; raises _NotADate otherwise."""
    old_style = part.calendar in (cal.GREGORIAN, cal.JULIAN, cal.UNKNOWN)
    if not part.year or not 1 <= part.year <= 9999 or ((part.bce or part.dual_year) and not old_style):
        raise _NotADate
    if part.bce and part.dual_year:
        raise _NotADate
    if part.month is not None:
        length = cal.days_in_month(part.calendar, _calc_year(part), part.month)
        if length == 0 or (part.day is not None and not 1 <= part.day <= length):
            raise _NotADate
    return part


def _calc_year(part: DatePart) -> int:
    """The year to compute with: the dual (new style) year if any, astronomical for BC."""
    year = part.dual_year or part.year or 0
    return 1 - year if part.bce else year


def _bounds(part: DatePart) -> tuple[int, int] | None:
    """First and last Julian Day Number ``part`` may mean (whole month or year if partial); None if unknown."""
    if part.calendar == cal.UNKNOWN:
        return None
    return cal.span(part.calendar, _calc_year(part), part.month, part.day)


def _range(qualifier: str, first: DatePart, second: DatePart | None) -> tuple[int | None, int | None]:
    """(start, end) day keys of a parsed value; open ends and unknown calendars give None."""
    one = _bounds(first)
    two = _bounds(second) if second else None
    if one is None or (second is not None and two is None):
        return None, None
    if two is not None:  # between and from_to; a reversed pair still covers both
        low, high = min(one[0], two[0]), max(one[1], two[1])
    else:
        low, high = one
    low, high = {
        "before": (None, low - 1),
        "after": (high + 1, None),
        "from": (low, None),
        "to": (None, high),
    }.get(qualifier, (low, high))
    return _key(low), _key(high)


def _key(jdn: int | None) -> int | None:
    return None if jdn is None else day_key(*cal.jdn_to_gregorian(jdn))


_TEMPLATES = {
    "en": {
        "exact": "{0[bare]}", "interpreted": "{0[bare]}", "about": "about {0[bare]}",
        "calculated": "calculated {0[bare]}", "estimated": "estimated {0[bare]}", "before": "before {0[bare]}",
        "after": "after {0[bare]}", "between": "between {0[bare]} and {1[bare]}",
        "from_to": "from {0[bare]} to {1[bare]}", "from": "from {0[bare]}", "to": "until {0[bare]}",
    },
    "fr": {
        "exact": "{0[bare]}", "interpreted": "{0[bare]}", "about": "vers {0[le]}",
        "calculated": "calculé : {0[bare]}", "estimated": "estimé vers {0[le]}", "before": "avant {0[le]}",
        "after": "après {0[le]}", "between": "entre {0[le]} et {1[le]}",
        "from_to": "{0[de]} {1[a]}", "from": "depuis {0[le]}", "to": "{0[jusqu]}",
    },
}  # fmt: skip
_FR_ARTICLES = {  # how French joins a preposition to a full date ("le"), "l'an VIII" ("l'") or a month/year ("")
    "le": {"le": "le ", "de": "du ", "a": "au ", "jusqu": "jusqu'au "},
    "l'": {"le": "l'", "de": "de l'", "a": "à l'", "jusqu": "jusqu'à l'"},
    "": {"le": "", "de": "de ", "a": "à ", "jusqu": "jusqu'en "},
}
_MARKERS = {
    (cal.JULIAN, "en"): " (Julian)",
    (cal.JULIAN, "fr"): " (julien)",
    (cal.UNKNOWN, "en"): " (unknown calendar)",
    (cal.UNKNOWN, "fr"): " (calendrier inconnu)",
}


def format_date(date: GedcomDate, lang: str) -> str:
    """Show ``date`` in ``lang`` ("fr…" for French, anything else English); unparseable text comes back as written."""
    lang = "fr" if lang.lower().startswith("fr") else "en"
    if date.qualifier == "phrase":
        return date.phrase or date.text
    if date.first is None or date.qualifier not in _TEMPLATES[lang]:
        return date.text
    parts = [_forms(part, lang) for part in (date.first, date.second) if part is not None]
    if len(parts) < (2 if date.qualifier in ("between", "from_to") else 1):
        return date.text  # a hand-built date missing its second part: show what was written, never fail
    shown = _TEMPLATES[lang][date.qualifier].format(*parts)
    if date.qualifier == "interpreted" and date.phrase:
        shown += f" ({date.phrase})"
    return shown


def _forms(part: DatePart, lang: str) -> dict[str, str]:
    """A date's text alone ("bare") and, in French, after each kind of preposition."""
    bare = _part_text(part, lang)
    if lang != "fr":
        return dict.fromkeys(("bare", "le", "de", "a", "jusqu"), bare)
    article = "le" if part.day else "l'" if part.calendar == cal.FRENCH_R and part.month is None else ""
    return {"bare": bare, **{kind: prefix + bare for kind, prefix in _FR_ARTICLES[article].items()}}


def _part_text(part: DatePart, lang: str) -> str:
    """One date in words: "12 March 1850", "1er mars 1850", "18 brumaire an VIII", "44 av. J.-C."."""
    if part.calendar == cal.FRENCH_R:
        return cal.french_republican_text(part.year or 1, part.month, part.day, lang)
    year = f"{part.year}/{part.dual_year % 100:02d}" if part.dual_year else str(part.year)
    words = [cal.day_text(part.day, lang)] if part.day else []
    if part.month:
        words.append(cal.month_name(part.calendar, part.month, lang, part.year or 0))
    words.append(year)
    if part.bce:
        words.append("av. J.-C." if lang == "fr" else "BC")
    return " ".join(words) + _MARKERS.get((part.calendar, lang), "")
