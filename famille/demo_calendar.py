"""Move a few dates of the demo family so that its calendar is never empty on the day it is loaded.

The generated dates are random, so on a given day the home page's upcoming birthdays, /dates and "on this day"
could show nothing. Before the file is written, this module gives a few living relatives a birthday in the coming
weeks, a few living couples a wedding anniversary, and a few of the deceased a death on today's day and month —
always within the same year or the next one to the old date, so that no one becomes younger than their children,
marries after their first child is born, or dies before being born. The same family and ``today`` always give the
same result; nothing here draws a random number.

Pure: no Flask, no database.
"""

from __future__ import annotations

import datetime

from famille.demo_gedcom import DemoFamily, DemoPerson

#: Days after ``today`` on which a living relative has a birthday (0: today itself).
BIRTHDAY_OFFSETS = (0, 3, 8, 13, 19, 26)
#: Days after ``today`` on which a living couple celebrates their wedding.
ANNIVERSARY_OFFSETS = (2, 11, 20)
#: How many of the deceased died on today's day and month, and how many couples married on it.
DEATHS_TODAY = 3
WEDDINGS_TODAY = 1
YEAR = 365.25
PREGNANCY = datetime.timedelta(270)  # a wedding moved stays this long before the first child's birth
ADULT = 18 * YEAR  # a wedding moved stays after both partners' eighteenth birthday


def fit_calendar(people: list[DemoPerson], families: list[DemoFamily], today: datetime.date) -> None:
    """Move birthdays, anniversaries and deaths as the module says; ``people`` and ``families`` change in place."""
    _birthdays(people, today)
    living = [f for f in families if f.husband.death is None and f.wife.death is None]
    _move_weddings(living, today, ANNIVERSARY_OFFSETS)
    dead = [f for f in families if f.husband.death is not None and f.wife.death is not None]
    _move_weddings(dead, today, (0,) * WEDDINGS_TODAY)
    _deaths_today(people, today)


def on_day(year: int, day: datetime.date) -> datetime.date | None:
    """``day``'s month and day in ``year`` (None for 29 February of a common year)."""
    try:
        return datetime.date(year, day.month, day.day)
    except ValueError:
        return None


def spread(items: list, count: int) -> list:
    """All of ``items`` reordered so that the first ``count`` are spread evenly over the list (ages, eras)."""
    if not items or count <= 0:
        return list(items)
    step = len(items) / count
    first = [round(step * index + step / 2 - 0.5) for index in range(count)]
    first = list(dict.fromkeys(min(index, len(items) - 1) for index in first))
    return [items[index] for index in first] + [item for index, item in enumerate(items) if index not in first]


def _sibling_births(person: DemoPerson) -> list[datetime.date]:
    children = person.origin.children if person.origin is not None else []
    return [child.birth for child in children if child is not person]


def _birthdays(people: list[DemoPerson], today: datetime.date) -> None:
    """Give living relatives of all ages a birthday on each of :data:`BIRTHDAY_OFFSETS`."""
    candidates = [
        person
        for person in people
        if person.death is None
        and not person.birth_about
        and person.adopted_on is None
        and person.birth.year < today.year
        and person.birth not in _sibling_births(person)  # twins keep their common birthday
    ]
    queue = iter(spread(sorted(candidates, key=lambda p: (p.birth, p.number)), len(BIRTHDAY_OFFSETS)))
    for offset in BIRTHDAY_OFFSETS:
        target = today + datetime.timedelta(offset)
        for person in queue:
            moved = on_day(person.birth.year, target)
            if moved is not None and moved not in _sibling_births(person):
                person.birth = moved
                break


def _wedding_bounds(family: DemoFamily, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The earliest and latest days the wedding may move to without breaking the family's story."""
    earliest = max(partner.birth for partner in (family.husband, family.wife)) + datetime.timedelta(round(ADULT))
    latest = today - datetime.timedelta(1)
    if family.children:
        latest = min(latest, min(child.birth for child in family.children) - PREGNANCY)
    for partner in (family.husband, family.wife):
        if partner.death is not None:
            latest = min(latest, partner.death)
    return earliest, latest


def _move_weddings(families: list[DemoFamily], today: datetime.date, offsets: tuple[int, ...]) -> list[DemoFamily]:
    """Move one wedding (of a couple married only once) to each day of ``offsets``; returns the families moved."""
    once = [f for f in families if len(f.husband.families) == 1 and len(f.wife.families) == 1]
    queue = iter(spread(sorted(once, key=lambda f: (f.married, f.number)), len(offsets)))
    moved: list[DemoFamily] = []
    for offset in offsets:
        target = today + datetime.timedelta(offset)
        for family in queue:
            earliest, latest = _wedding_bounds(family, today)
            days = [on_day(family.married.year + shift, target) for shift in (0, -1, 1)]
            fitting = [day for day in days if day is not None and earliest <= day <= latest]
            if fitting:
                family.married = min(fitting, key=lambda day: abs((day - family.married).days))
                moved.append(family)
                break
    return moved


def _deaths_today(people: list[DemoPerson], today: datetime.date) -> None:
    """Move the deaths of a few of the deceased without families of their own to today's day, across the eras."""
    candidates = [
        person
        for person in people
        if person.death is not None and not person.families and person.death.year < today.year
    ]
    moved = 0
    for person in spread(sorted(candidates, key=lambda p: (p.death, p.number)), DEATHS_TODAY):
        assert person.death is not None
        day = on_day(person.death.year, today)
        if day is not None and day > person.birth:
            person.death = day
            moved += 1
            if moved == DEATHS_TODAY:
                return
