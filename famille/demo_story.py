"""The demo family's last three weeks on the site: who posted news, added a link, had a baby or got married.

The generated file is the tree as an organiser would import it; a lived-in site also has recent activity, which
the feed, the home page and the charts' recent updates show. This module casts relatives of the generated family
in a short script of such scenes, each a number of days before the load; :mod:`famille.demo_site` plays them
through the site's own services. Scenes name people by their GEDCOM xref (``I12``) and families by theirs
(``F3``); news texts are in French, like the family's notes, and signed by the relative who wrote them.

Pure: no Flask, no database. The same family, ``today`` and random generator always give the same script.
"""

from __future__ import annotations

import datetime
import random
import re
import unicodedata
from dataclasses import dataclass

from famille import demo_data as data
from famille.demo_gedcom import DemoPerson, gedcom_date

YEAR = 365.25


@dataclass(frozen=True, slots=True)
class LinkScene:
    """A relative adds a profile link to their own page."""

    days_ago: float
    person: str
    url: str


@dataclass(frozen=True, slots=True)
class NewsScene:
    """A relative posts news about someone (``person``), or about nobody in particular (None)."""

    days_ago: float
    author: str
    person: str | None
    topic: str
    body: str


@dataclass(frozen=True, slots=True)
class RelativeScene:
    """A relative adds someone new to the tree: a baby to a couple (``family``) or a partner (no family), with
    the event of the day (a birth, a wedding) dated exactly."""

    days_ago: float
    author: str
    person: str
    family: str | None
    given: str
    surname: str
    sex: str
    tag: str  # "BIRT" for a baby, "MARR" for a partner
    on: str  # the GEDCOM date of that event
    place: str


Scene = LinkScene | NewsScene | RelativeScene


def cast_story(people: list[DemoPerson], rng: random.Random, today: datetime.date) -> list[Scene]:
    """The scenes of the last three weeks, oldest first, played by living relatives of ``people``."""
    cast = _Cast(people, rng, today)
    scenes: list[Scene] = [*cast.links(), *cast.job(), *cast.move(), *cast.baby(), *cast.wedding(), *cast.reunion()]
    return sorted(scenes, key=lambda scene: -scene.days_ago)


def name_of(person: DemoPerson) -> str:
    """Given name and surname, as the site shows them."""
    return f"{person.given} {person.surname}"


class _Cast:
    """Picks who plays each scene: distinct living relatives of a fitting age."""

    def __init__(self, people: list[DemoPerson], rng: random.Random, today: datetime.date) -> None:
        self.rng, self.today = rng, today
        self.living = [p for p in people if p.death is None and not p.birth_about]
        self.founders = people[:2]
        self.used: set[int] = set()

    def age(self, person: DemoPerson) -> float:
        return (self.today - person.birth).days / YEAR

    def pick(self, low: float, high: float, *, single: bool | None = None) -> DemoPerson | None:
        """A living relative aged ``low`` to ``high`` not yet in a scene (``single``: without a partner)."""
        fitting = [
            p
            for p in self.living
            if low <= self.age(p) < high
            and p.number not in self.used
            and (single is None or single != bool(p.families))
        ]
        if not fitting:
            return None
        chosen = self.rng.choice(fitting)
        self.used.add(chosen.number)
        return chosen

    def day(self, days_ago: float) -> datetime.date:
        return self.today - datetime.timedelta(days=int(days_ago))

    def links(self) -> list[LinkScene]:
        """Three relatives add a link the file did not have: a blog, a Mastodon account, an Instagram."""
        scenes = []
        for days_ago, platform in ((20.4, "blog"), (13.8, "mastodon"), (1.3, "instagram")):
            person = self.pick(20, 70)
            if person is not None:
                words = _slug(person)
                url = data.LINK_FORMATS[platform][1].format(
                    dot=".".join(words), dash="-".join(words), under="_".join(words)
                )
                scenes.append(LinkScene(days_ago, f"I{person.number}", url))
        return scenes

    def job(self) -> list[NewsScene]:
        person = self.pick(25, 60)
        if person is None:
            return []
        job = person.occupation if person.occupation not in ("", *data.STUDENT.values()) else data.NEW_JOB[person.sex]
        body = data.NEWS_JOB.format(metier=job, ville=_town(self.rng.choice(data.CITIES)), signe=person.given)
        return [NewsScene(17.2, name_of(person), f"I{person.number}", "job", body)]

    def move(self) -> list[NewsScene]:
        person = self.pick(30, 75, single=False)
        if person is None:
            return []
        home = _town(person.families[-1].home)
        town = self.rng.choice([_town(city) for city in data.CITIES if _town(city) != home])
        body = data.NEWS_MOVE.format(avant=home, ville=town, signe=person.given)
        return [NewsScene(10.6, name_of(person), f"I{person.number}", "move", body)]

    def baby(self) -> list[Scene]:
        """A young couple's baby born nine days ago: added to the tree by the father, announced by the mother."""
        mothers = [
            f
            for p in self.living
            if p.sex == "F" and 25 <= self.age(p) < 40 and len(p.families) == 1 and p.number not in self.used
            for f in p.families
            if f.husband.death is None and (self.today - f.married).days > 300
        ]
        if not mothers:
            return []
        family = self.rng.choice(mothers)
        mother, father = family.wife, family.husband
        self.used |= {mother.number, father.number}
        born = self.day(9)
        if family.children and (born - max(c.birth for c in family.children)).days < 300:
            return []
        taken = {child.given for child in family.children}
        sex = self.rng.choice("MF")
        names = data.GIVEN_NAMES[-1][2 if sex == "F" else 1]
        given = self.rng.choice([name for name in names if name not in taken])
        place = family.home
        added = RelativeScene(
            8.3,
            name_of(father),
            f"I{mother.number}",
            f"F{family.number}",
            given,
            father.surname,
            sex,
            "BIRT",
            gedcom_date(born),
            place,
        )
        body = data.NEWS_BIRTH.format(
            bebe=given,
            date=_french_day(born),
            ville=_town(place),
            poids=self.rng.choice(data.BIRTH_WEIGHTS),
            ne="née" if sex == "F" else "né",
            signe=mother.given,
        )
        return [added, NewsScene(7.9, name_of(mother), f"I{mother.number}", "birth", body)]

    def wedding(self) -> list[Scene]:
        """A relative in their late twenties married last Saturday; their parent tells the family."""
        person = self.pick(25, 36, single=True)
        if person is None or person.origin is None:
            return []
        sex = "F" if person.sex == "M" else "M"
        given = self.rng.choice(data.GIVEN_NAMES[-2][2 if sex == "F" else 1])
        surname = self.rng.choice([name for name in data.SURNAMES if name != person.surname])
        parent = next((p for p in (person.origin.wife, person.origin.husband) if p.death is None), None)
        author = name_of(parent) if parent is not None else name_of(person)
        place = self.rng.choice(data.CITIES)
        ago = (self.today.weekday() - 5) % 7  # weddings are on Saturdays: the last one at least three days ago
        ago += 7 if ago < 3 else 0
        added = RelativeScene(
            ago - 0.8, author, f"I{person.number}", None, given, surname, sex, "MARR", gedcom_date(self.day(ago)), place
        )
        body = data.NEWS_WEDDING.format(marie=person.given, conjoint=given, ville=_town(place), signe=author.split()[0])
        return [added, NewsScene(ago - 1.3, author, f"I{person.number}", "wedding", body)]

    def reunion(self) -> list[NewsScene]:
        """The family's elder invites everyone to the summer gathering (news about nobody: members only)."""
        elders = sorted(self.living, key=lambda p: p.birth)[:3]
        if not elders:
            return []
        elder = self.rng.choice(elders)
        founder, founder_wife = self.founders
        gathering = self.today + datetime.timedelta(days=45)
        body = data.NEWS_REUNION.format(
            fondateur=name_of(founder),
            fondatrice=name_of(founder_wife),
            date=_french_day(gathering),
            signe=elder.given,
        )
        return [NewsScene(1.9, name_of(elder), None, "other", body)]


def _town(place: str) -> str:
    return place.split(",")[0]


def _french_day(day: datetime.date) -> str:
    return f"{day.day} {data.FRENCH_MONTHS[day.month - 1]}"


def _slug(person: DemoPerson) -> list[str]:
    """ASCII words of the person's name, their number and ``demo``: never one of the file's slugs, nor real."""
    plain = unicodedata.normalize("NFKD", name_of(person)).encode("ascii", "ignore").decode().lower()
    return [*re.findall(r"[a-z0-9]+", plain), str(person.number), "demo"]
