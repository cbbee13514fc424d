"""The demo family's calendar and recent story, whatever the day it is loaded: birthdays and anniversaries to come,
deaths on this day, and a script of recent scenes played by living relatives — without breaking the family."""

from __future__ import annotations

import ast
import datetime
import re
from pathlib import Path

import pytest

from famille.demo import generate_demo
from famille.demo_calendar import ANNIVERSARY_OFFSETS, BIRTHDAY_OFFSETS, spread
from famille.demo_story import LinkScene, NewsScene, RelativeScene
from tests.test_demo import MONTHS, Tree, as_date, partners

# Around the new year, on and around 29 February, and an ordinary day.
DAYS = [
    datetime.date(2025, 6, 1),
    datetime.date(2026, 12, 20),
    datetime.date(2027, 1, 1),
    datetime.date(2028, 2, 29),
    datetime.date(2027, 2, 28),
    datetime.date(2026, 11, 28),
]


def exact(text: str | None) -> datetime.date | None:
    parts = (text or "").split()
    if len(parts) != 3 or parts[1] not in MONTHS:
        return None
    return datetime.date(int(parts[2]), MONTHS.index(parts[1]) + 1, int(parts[0]))


def in_window(day: datetime.date, today: datetime.date, days: int = 30) -> bool:
    """Whether ``day``'s month and day come within ``days`` days from ``today`` (29 February on the 28th)."""
    for offset in range(days):
        target = today + datetime.timedelta(offset)
        if (day.month, day.day) == (target.month, target.day):
            return True
        if (day.month, day.day) == (2, 29) and (target.month, target.day) == (2, 28):
            return True
    return False


def living(tree: Tree, xref: str) -> bool:
    return not tree.people[xref].values("DEAT")


@pytest.fixture(scope="module", params=DAYS, ids=str)
def loaded(request: pytest.FixtureRequest) -> tuple[datetime.date, Tree, list]:
    today = request.param
    demo = generate_demo(today=today)
    return today, Tree.read(demo.gedcom), demo.story


def test_living_relatives_have_birthdays_in_the_coming_thirty_days(loaded) -> None:
    today, tree, _story = loaded
    born = [exact(tree.people[x].event_date("BIRT")) for x in tree.people if living(tree, x)]
    coming = [day for day in born if day is not None and in_window(day, today)]
    assert len(coming) >= len(BIRTHDAY_OFFSETS)
    assert any((day.month, day.day) == (today.month, today.day) for day in coming), "nobody's birthday today"


def test_living_couples_have_anniversaries_in_the_coming_thirty_days(loaded) -> None:
    today, tree, _story = loaded
    couples = [f for f in tree.families.values() if all(living(tree, p) for p in partners(f))]
    married = [exact(f.event_date("MARR")) for f in couples]
    assert len([day for day in married if day is not None and in_window(day, today)]) >= len(ANNIVERSARY_OFFSETS)


def test_some_of_the_deceased_died_on_this_day(loaded) -> None:
    today, tree, _story = loaded
    deaths = [exact(p.event_date("DEAT")) for p in tree.people.values()]
    on_this_day = [day for day in deaths if day is not None and in_window(day, today, days=1)]
    assert len(on_this_day) >= 2
    assert all(day < today for day in on_this_day)


def test_moved_dates_keep_the_family_believable(loaded) -> None:
    today, tree, _story = loaded
    for xref in tree.people:
        for parent in tree.parents(xref):
            assert (tree.birth(xref) - tree.birth(parent)).days >= 15 * 365, (parent, xref)
        death = tree.people[xref].event_date("DEAT")
        if death:
            assert as_date(death) >= tree.birth(xref)
    for family in tree.families.values():
        married = as_date(family.event_date("MARR") or "")
        assert married <= today
        assert all(married >= tree.birth(p) for p in partners(family))
    twins = [
        f for f in tree.families.values() if len({tree.birth(c) for c in f.values("CHIL")}) < len(f.values("CHIL"))
    ]
    assert twins, "the twins were parted"


def test_the_story_is_three_weeks_of_scenes_by_living_relatives(loaded) -> None:
    today, tree, story = loaded
    assert [scene.days_ago for scene in story] == sorted((scene.days_ago for scene in story), reverse=True)
    assert all(0 < scene.days_ago <= 21 for scene in story)
    news = [scene for scene in story if isinstance(scene, NewsScene)]
    assert {"birth", "job", "move", "wedding"} <= {scene.topic for scene in news}
    assert any(scene.person is None for scene in news)  # the reunion, for members
    for scene in story:
        person = getattr(scene, "person", None)
        assert person is None or living(tree, f"@{person}@"), scene
    links = [scene for scene in story if isinstance(scene, LinkScene)]
    assert len(links) == 3 and all(re.search(r"[._-]demo(\.example\.org)?$", scene.url) for scene in links)
    added = {scene.tag: scene for scene in story if isinstance(scene, RelativeScene)}
    assert set(added) == {"BIRT", "MARR"}
    assert today - datetime.timedelta(21) <= as_date(added["BIRT"].on) <= today
    wedding = as_date(added["MARR"].on)
    assert wedding.weekday() == 5 and 3 <= (today - wedding).days <= 9


def test_same_day_same_demo_and_another_day_another_calendar() -> None:
    first = generate_demo(today=DAYS[0])
    again = generate_demo(today=DAYS[0])
    assert again == first
    assert generate_demo(today=DAYS[0] + datetime.timedelta(40)).gedcom != first.gedcom


def test_spread_puts_the_first_picks_across_the_list() -> None:
    assert spread(list(range(10)), 2)[:2] == [2, 7]
    assert sorted(spread(list(range(10)), 3)) == list(range(10))
    assert spread([], 3) == [] and spread([1], 3) == [1]


@pytest.mark.parametrize("module", ["demo_calendar.py", "demo_story.py"])
def test_the_modules_are_pure(module: str) -> None:
    source = Path(__file__).resolve().parents[1] / "famille" / module
    imported = {
        (node.module if isinstance(node, ast.ImportFrom) else alias.name).split(".")[0]
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8")))
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert not imported & {"flask", "sqlalchemy", "flask_babel"}
