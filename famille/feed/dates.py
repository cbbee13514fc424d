"""Dates that bring people together: upcoming birthdays and wedding anniversaries, and "on this day".

Rules, decided here once for the home page, the /dates page, the calendar feed and the e-mail reminders:

- A date counts only when it is one exact day (``12 MAR 1950``): "about 1950", "March 1950" or "1950" are skipped,
  since a birthday on a guessed day would be wrong. The day is read in the Gregorian calendar (the sortable key).
- A birthday is a *living* person's; their age is the years since the birth. A person's birth summary is their
  birth, else their christening (as in lists).
- A wedding anniversary is a couple's whose two partners are both living and not divorced (no DIV or ANUL event):
  a widow or a divorced couple is not reminded of a wedding. The years are the years of marriage.
- Someone born (or married) on 29 February is celebrated on 28 February in years without a 29th.
- Privacy: the living are only shown to those :mod:`famille.privacy` lets see their details (visitors never); a
  couple is shown only when both partners may be seen. The deceased (on this day) are public.

Speed: no extra table. The month and day are the last four digits of the sortable day key, so the database filters
``key % 10000`` on the few month-days asked (over living people only for birthdays), and Python checks the few rows
left. A window of 30 days reads about a twelfth of the living people whatever the tree's size.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import ColumnElement, Select, or_, select
from sqlalchemy.orm import Session, aliased

from famille.gedcom.dates import parsed_date
from famille.models import Event, Family, Person, User
from famille.privacy import PersonView, Viewer
from famille.visibility import PagePrivacy, page_privacy

MAX_DAYS = 366
LEAP_DAY = 229  # month * 100 + day of 29 February
DIVORCE_TAGS = ("DIV", "ANUL")


@dataclass(frozen=True, slots=True)
class Occasion:
    """A birthday or wedding anniversary to come: the day it falls on, who, and how many years it makes.

    ``family_id`` is set for anniversaries (it names the couple in stable identifiers, e.g. calendar UIDs).
    """

    kind: str  # "birthday" | "anniversary"
    on: date
    people: list[PersonView]
    years: int | None
    family_id: int | None = None
    since: date | None = None  # the day of birth or of the wedding


@dataclass(frozen=True, slots=True)
class PastEvent:
    """A birth, marriage or death of the deceased that happened on this day and month in a past year."""

    kind: str  # "birth" | "marriage" | "death"
    on: date  # the day it happened
    people: list[PersonView]
    years_ago: int


def exact_day(text: str) -> date | None:
    """The one Gregorian day a GEDCOM date text means, or None when it is partial, approximate or a range."""
    parsed = parsed_date(text)
    if parsed.qualifier != "exact" or parsed.start is None or parsed.start != parsed.end:
        return None
    year, rest = divmod(parsed.start, 10000)
    if year < 1:
        return None  # before the Common Era: Python's dates do not reach it, nor does anyone's memory
    try:
        return date(year, rest // 100, rest % 100)
    except ValueError:
        return None


def month_day(day: date) -> int:
    """The month and day of ``day`` as the last four digits of a sortable key (12 March → 312)."""
    return day.month * 100 + day.day


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def falls_on(day: date) -> list[int]:
    """The month-days celebrated on ``day``: its own, and 29 February on 28 February of a common year."""
    keys = [month_day(day)]
    if keys[0] == 228 and not _is_leap(day.year):
        keys.append(LEAP_DAY)
    return keys


def window(start: date, days: int) -> dict[int, list[date]]:
    """For each month-day celebrated between ``start`` and ``days`` days later, the day(s) it falls on."""
    found: dict[int, list[date]] = {}
    for offset in range(max(1, min(days, MAX_DAYS))):
        day = start + timedelta(days=offset)
        for key in falls_on(day):
            found.setdefault(key, []).append(day)
    return found


def _month_day_in(column: ColumnElement[int | None], keys: Iterable[int]) -> ColumnElement[bool]:
    # Astronomical-year keys are positive for every AD day, so the remainder is the month-day in SQL as in Python.
    return (column % 10000).in_(sorted(keys))


def upcoming_occasions(
    session: Session, *, viewer: Viewer, start: date, days: int = 30, person_ids: Collection[int] | None = None
) -> list[Occasion]:
    """Birthdays and anniversaries from ``start`` over ``days`` days (at most a year) that ``viewer`` may see,
    by day then kind; limited to those concerning ``person_ids`` when given (a couple: either partner)."""
    if not viewer.is_member:
        return []  # visitors never see the dates of the living
    falls = window(start, days)
    wanted = set(person_ids) if person_ids is not None else None
    births = _birthday_rows(session, falls, wanted)
    couples = _anniversary_rows(session, falls, wanted)
    living = {row[0] for row, _ in births} | {row[0] for _, _, pair in couples for row in pair}
    privacy = page_privacy(session, viewer, _with_accounts(session, living))
    occasions: list[Occasion] = []
    for row, born in births:
        view = privacy.view(row)
        if not view.is_private:
            occasions.extend(
                Occasion("birthday", day, [view], day.year - born.year, None, born) for day in falls[month_day(born)]
            )
    for family_id, married, pair in couples:
        people = [privacy.view(row) for row in pair]
        if not any(person.is_private for person in people):
            for day in falls[month_day(married)]:
                occasions.append(Occasion("anniversary", day, people, day.year - married.year, family_id, married))
    kept = [
        (occasion.on, occasion.kind != "birthday", _names(occasion), occasion)
        for occasion in occasions
        if occasion.years is None or occasion.years >= 0
    ]
    return [entry[-1] for entry in sorted(kept, key=lambda entry: entry[:3])]


def _names(occasion: Occasion) -> tuple[tuple[str, str], ...]:
    return tuple((person.surname, person.given_name) for person in occasion.people)


def _with_accounts(session: Session, person_ids: set[int]) -> set[int]:
    """The people among ``person_ids`` linked to an account: only accounts choose a privacy, and there are far
    fewer accounts than living people (one query instead of one per 500 people)."""
    if not person_ids:
        return set()
    return person_ids & set(session.scalars(select(User.person_id).where(User.person_id.is_not(None))))


_PERSON_COLUMNS = (Person.person_id, Person.given_name, Person.surname, Person.birth_date, Person.death_date)


def _row(values: tuple) -> tuple[int, str, str, str, str, bool]:
    """A listing row (see :data:`famille.visibility.PersonRow`) from the five person columns and living."""
    return (values[0], values[1], values[2], values[3], values[4], bool(values[5]))


def _birthday_rows(session: Session, falls: dict[int, list[date]], wanted: set[int] | None) -> list[tuple[tuple, date]]:
    """Living people born on one of the month-days, with their exact day of birth."""
    query = select(*_PERSON_COLUMNS, Person.living).where(
        Person.living.is_(True), Person.birth_sort.is_not(None), _month_day_in(Person.birth_sort, falls)
    )
    found = []
    for values in session.execute(query):
        born = exact_day(values.birth_date)
        if born is not None and month_day(born) in falls and (wanted is None or values.person_id in wanted):
            found.append((_row(values), born))
    return found


def _couples(condition: ColumnElement[bool], *, living: bool) -> Select:
    """Marriage events (family, date text) with both partners' listing columns, partners living or not."""
    one, two = aliased(Person), aliased(Person)
    columns = [getattr(side, column.key) for side in (one, two) for column in _PERSON_COLUMNS]
    query = (
        select(Event.family_id, Event.date_text, *columns, one.living, two.living)
        .join(Family, Family.family_id == Event.family_id)
        .where(Event.tag == "MARR", Event.date_start == Event.date_end, condition)
        .order_by(Event.family_id, Event.position)
    )
    if living:
        query = query.join(one, one.person_id == Family.partner1_id).join(two, two.person_id == Family.partner2_id)
        return query.where(one.living.is_(True), two.living.is_(True))
    query = query.outerjoin(one, one.person_id == Family.partner1_id).outerjoin(
        two, two.person_id == Family.partner2_id
    )
    return query.where(
        or_(Family.partner1_id.is_not(None), Family.partner2_id.is_not(None)),
        or_(one.living.is_(False), one.person_id.is_(None)),
        or_(two.living.is_(False), two.person_id.is_(None)),
    )


def _couple_rows(session: Session, query: Select) -> list[tuple[int, date, list[tuple]]]:
    """(family, wedding day, partner rows) for each family's first exactly dated marriage, divorces left out."""
    found: dict[int, tuple[int, date, list[tuple]]] = {}
    for values in session.execute(query):
        family_id, text = values[0], values[1]
        married = exact_day(text)
        if family_id in found or married is None:
            continue
        sides = (values[2:7] + (values[12],), values[7:12] + (values[13],))
        pair = [_row(side) for side in sides if side[0] is not None]
        found[family_id] = (family_id, married, pair)
    if found:
        divorced = set(
            session.scalars(
                select(Event.family_id).where(Event.tag.in_(DIVORCE_TAGS), Event.family_id.in_(sorted(found)))
            )
        )
        for family_id in divorced:
            found.pop(family_id, None)
    return list(found.values())


def _anniversary_rows(
    session: Session, falls: dict[int, list[date]], wanted: set[int] | None
) -> list[tuple[int, date, list[tuple]]]:
    """Couples of two living partners married on one of the month-days (and concerning ``wanted`` if given)."""
    query = _couples(_month_day_in(Event.date_start, falls), living=True)
    return [
        couple
        for couple in _couple_rows(session, query)
        if month_day(couple[1]) in falls and (wanted is None or any(row[0] in wanted for row in couple[2]))
    ]


def on_this_day(session: Session, *, viewer: Viewer, day: date, limit: int | None = None) -> list[PastEvent]:
    """Births, marriages and deaths of people no longer living that happened on ``day``'s month and day in past
    years, oldest first (29 February events are recalled on 28 February of common years).

    With ``limit``, a big tree keeps the roundest anniversaries (100 years ago before 50, before 25, before 10…).
    """
    keys = falls_on(day)
    query = select(*_PERSON_COLUMNS, Person.living).where(
        Person.living.is_(False),
        or_(_month_day_in(Person.birth_sort, keys), _month_day_in(Person.death_sort, keys)),
    )
    privacy = page_privacy(session, viewer, [])
    found: list[PastEvent] = []
    for values in session.execute(query):
        row = _row(values)
        for kind, text in (("birth", values.birth_date), ("death", values.death_date)):
            _add_past(found, privacy, kind, exact_day(text), [row], day, keys)
    for _, married, pair in _couple_rows(session, _couples(_month_day_in(Event.date_start, keys), living=False)):
        _add_past(found, privacy, "marriage", married, pair, day, keys)
    if limit is not None:
        found = sorted(found, key=_roundness)[: max(limit, 0)]
    return sorted(found, key=lambda e: (e.on, ["birth", "marriage", "death"].index(e.kind)))


def _roundness(event: PastEvent) -> tuple[int, int]:
    """Sort key putting round numbers of years first (a century, then half-centuries, quarters, decades)."""
    rank = next((i for i, step in enumerate((100, 50, 25, 10, 5)) if event.years_ago % step == 0), 5)
    return rank, event.years_ago


@dataclass(frozen=True, slots=True)
class HomeDates:
    """What the home page shows: the next few occasions, and a few events of this day in the past."""

    occasions: list[Occasion]
    past: list[PastEvent]


HOME_DAYS, HOME_OCCASIONS, HOME_PAST = 14, 8, 5


def home_dates(session: Session, *, viewer: Viewer, today: date | None = None) -> HomeDates:
    """The home page's dates: the first occasions of the coming two weeks and the roundest of this day's past."""
    day = today or date.today()  # the server's day: the family lives in one time zone, more or less
    upcoming = upcoming_occasions(session, viewer=viewer, start=day, days=HOME_DAYS)
    return HomeDates(upcoming[:HOME_OCCASIONS], on_this_day(session, viewer=viewer, day=day, limit=HOME_PAST))


def _add_past(
    found: list[PastEvent],
    privacy: PagePrivacy,
    kind: str,
    happened: date | None,
    rows: list[tuple],
    day: date,
    keys: list[int],
) -> None:
    """Add the event when it happened on one of ``keys`` before ``day``'s year and everyone in it may be seen."""
    if happened is None or month_day(happened) not in keys or happened.year >= day.year:
        return
    if any(row[5] and not privacy.can_see(row[0], living=True) for row in rows):
        return
    found.append(PastEvent(kind, happened, [privacy.view(row) for row in rows], day.year - happened.year))
