"""Generate the demo family: a fictional French-Canadian descent over eight generations, as GEDCOM 5.5.1.

``famille demo`` (and the first start of an empty site) imports this text so that a newcomer sees a lived-in
family: one founding couple married in Québec around 1805, large rural families in the 1800s that shrink after
1960, children who died young, widowers who remarried, a move to the New England mills, cousins now in Ottawa,
Boston or Paris, one adoption, twins, a marriage between third cousins (pedigree collapse), notes in French and
about forty living relatives with profile links on obviously fictional ``…demo`` slugs and example.org addresses.

Pure: no Flask, no database, no global random state. The same ``seed`` and ``today`` always give the same text.
"""

from __future__ import annotations

import datetime
import random
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from famille import demo_data as data
from famille.demo_calendar import fit_calendar
from famille.demo_gedcom import DemoFamily, DemoPerson, family_lines, head_lines, individual_lines
from famille.demo_story import Scene, cast_story

TARGET_PEOPLE = 500  # the last round of marriages stops here
PEOPLE_BEFORE_LAST_ROUND = 340  # the round before fills up to here, so the last round has enough people
LINES_PER_GENERATION = {2: 4, 3: 6, 4: 8, 5: 12, 6: 16}  # at least this many lines are followed further
LAST_GENERATION = 8
COUSIN_GENERATION = 5  # great-great-grandchildren of the founders: third cousins across branches
TWIN_RATE = 0.015
TWINS_GENERATION = 6  # if chance gave no twins before, the first birth of this generation is twins
WIDOWER_RATE = 0.2
LINKED_PEOPLE = 40
NOTED_PEOPLE = 30
YEAR = 365.25


@dataclass(frozen=True, slots=True)
class DemoSite:
    """The demo as loaded: the family's GEDCOM text, and the scenes of its recent activity on the site."""

    gedcom: str
    story: list[Scene]


def generate_demo_gedcom(*, seed: int = 1957, today: datetime.date | None = None) -> str:
    """Return the GEDCOM 5.5.1 text (UTF-8 ready, LF line endings) of a generated family of about 500 people.

    ``today`` anchors the family in time (default: the current date): no date in the file is later, and the
    youngest generation is made of children and young adults at that date. Some living relatives have a birthday
    or a wedding anniversary in the 30 days from ``today``, and some of the deceased died on its day and month.
    """
    return generate_demo(seed=seed, today=today).gedcom


def generate_demo(*, seed: int = 1957, today: datetime.date | None = None) -> DemoSite:
    """The demo family's GEDCOM text (see :func:`generate_demo_gedcom`) and its recent activity on the site."""
    builder = _DemoBuilder(random.Random(seed), today or datetime.date.today())
    builder.grow()
    builder.decorate()
    fit_calendar(builder.people, builder.families, builder.today)
    story = cast_story(builder.people, builder.rng, builder.today)
    lines = head_lines(builder.today, seed)
    for person in builder.people:
        lines += individual_lines(person, builder.today)
    for family in builder.families:
        lines += family_lines(family)
    return DemoSite("\n".join([*lines, "0 TRLR"]) + "\n", story)


class _DemoBuilder:
    """Grows the family generation by generation, then gives people occupations, notes and links."""

    def __init__(self, rng: random.Random, today: datetime.date) -> None:
        self.rng = rng
        self.today = today
        self.people: list[DemoPerson] = []
        self.families: list[DemoFamily] = []
        self.adopted = False
        self.twins = False
        self.remarried = False

    def grow(self) -> None:
        """Found the family, then follow some lines in each generation down to the last one."""
        generation = self._bear(self._found(), 2)
        for number in range(2, LAST_GENERATION):
            generation = self._continue_lines(generation, number)

    def _found(self) -> DemoFamily:
        married = datetime.date(self.rng.randint(1798, 1812), 1, 1) + datetime.timedelta(self.rng.randrange(365))
        surnames = data.FOUNDER_SURNAMES
        husband = self._person("M", self._before(married, 22, 28), self._parish(), 1, surnames[0])
        wife = self._person("F", self._before(married, 18, 22), self._parish(), 1, surnames[1])
        for founder in (husband, wife):
            founder.death = self._adult_death(founder.birth, married)
        return self._family(husband, wife, married, husband.birth_place)

    def _continue_lines(self, people: list[DemoPerson], generation: int) -> list[DemoPerson]:
        """Marry some of ``people`` (the others are not followed further) and return their children."""
        eligible = self._eligible(people)
        if generation == LAST_GENERATION - 1:
            eligible = self._last_round(eligible, generation)
        children = self._cousin_marriage(eligible) if generation == COUSIN_GENERATION else []
        quota = LINES_PER_GENERATION.get(generation, 0)
        floor = {LAST_GENERATION - 2: PEOPLE_BEFORE_LAST_ROUND, LAST_GENERATION - 1: TARGET_PEOPLE}.get(generation, 0)
        for lines, person in enumerate(eligible):
            if lines >= quota and len(self.people) >= floor:
                break
            if not person.families:  # not the cousin already married
                children += self._start_line(person)
        return children

    def _last_round(self, eligible: list[DemoPerson], generation: int) -> list[DemoPerson]:
        """The youngest adults first, so that the last generation is young today; their unmarried uncles and
        aunts after them, in case the young are too few to reach the target."""
        elders = [p for p in self.people if 4 <= p.generation < generation and not p.families]
        return sorted(eligible + self._eligible(elders), key=lambda person: person.birth, reverse=True)

    def _eligible(self, people: list[DemoPerson]) -> list[DemoPerson]:
        """Those of ``people`` who lived long enough to marry and raise children, in random order."""
        eligible = [p for p in people if ((p.death or self.today) - p.birth).days > 36 * YEAR]
        eligible = [person for person in eligible if person.birth.year + 24 <= self.today.year]
        self.rng.shuffle(eligible)
        rank, seen = {}, Counter[int]()
        for person in eligible:
            rank[person], seen[person.branch] = seen[person.branch], seen[person.branch] + 1
        return sorted(eligible, key=rank.__getitem__)  # one per branch first, so that every branch goes on

    def _start_line(self, person: DemoPerson) -> list[DemoPerson]:
        married = self._wedding_day(person)
        if married > self.today:
            return []
        spouse = self._spouse(person, married, 18, 26)
        husband, wife = (person, spouse) if person.sex == "M" else (spouse, person)
        family = self._family(husband, wife, married, self._home(person, married))
        if family.home != person.birth_place and married.year < self.today.year and self.rng.random() < 0.4:
            person.residences.append((married.year, family.home))
        children = self._bear(family, person.generation + 1)
        second = self._remarry(family)
        return children + (self._bear(second, person.generation + 1) if second else [])

    def _cousin_marriage(self, eligible: list[DemoPerson]) -> list[DemoPerson]:
        """Marry two descendants of different children of the founders: third cousins, pedigree collapse."""
        for man in (person for person in eligible if person.sex == "M"):
            for woman in (person for person in eligible if person.sex == "F" and person.branch != man.branch):
                married = max(self._wedding_day(man), self._wedding_day(woman))
                if abs(man.birth.year - woman.birth.year) <= 6 and married <= self.today:
                    woman.note = data.COUSIN_NOTE.format(conjoint=f"{man.given} {man.surname}")
                    family = self._family(man, woman, married, self._home(man, married))
                    return self._bear(family, COUSIN_GENERATION + 1)
        return []

    def _remarry(self, family: DemoFamily) -> DemoFamily | None:
        """A descendant widower with young children took a second wife within two years."""
        husband, widow_date = family.husband, family.wife.death
        if not husband.generation or widow_date is None:
            return None
        married = widow_date + datetime.timedelta(self.rng.randint(300, 800))
        alive = husband.death is None or husband.death > married
        if not alive or married > self.today or (married - husband.birth).days > 55 * YEAR:
            return None
        self.remarried = True
        return self._family(husband, self._spouse(husband, married, 20, 36), married, family.home)

    def _bear(self, family: DemoFamily, generation: int) -> list[DemoPerson]:
        """Children of ``family``, one birth every year or two while the mother can, twins now and then."""
        wanted = _sibship_size(self.rng, family.married.year)
        birth = family.married + datetime.timedelta(self.rng.randint(270, 540))
        children: list[DemoPerson] = []
        while len(children) < wanted and self._can_conceive(family, birth):
            twins = self.rng.random() < TWIN_RATE or (generation == TWINS_GENERATION and not self.twins)
            self.twins = self.twins or twins
            for _ in range(2 if twins else 1):
                children.append(self._child(family, birth, generation))
            birth += datetime.timedelta(self.rng.randint(*((420, 800) if birth.year < 1930 else (540, 1500))))
        late = family.married.year >= 1975 and generation >= LAST_GENERATION - 1
        if not self.adopted and late and len(children) <= 1:
            children += self._adopt(family, generation)
        return children

    def _can_conceive(self, family: DemoFamily, birth: datetime.date) -> bool:
        mother, father = family.wife, family.husband
        mother_alive = mother.death is None or birth <= mother.death
        father_alive = father.death is None or (birth - father.death).days < 270
        young_enough = (birth - mother.birth).days < 44 * YEAR
        return birth <= self.today and mother_alive and father_alive and young_enough

    def _child(self, family: DemoFamily, birth: datetime.date, generation: int) -> DemoPerson:
        parent = family.husband if family.husband.generation else family.wife
        taken = {child.given for child in family.children}
        sex = self.rng.choice("MF")
        child = self._person(sex, birth, family.home, generation, family.husband.surname, taken)
        child.branch = child.number if generation == 2 else parent.branch
        child.death = self._death(birth, infant=True)
        child.origin = family
        family.children.append(child)
        return child

    def _adopt(self, family: DemoFamily, generation: int) -> list[DemoPerson]:
        birth = self._after(family.married, 2, 7)
        adopted_on = birth + datetime.timedelta(self.rng.randint(150, 700))
        if adopted_on > self.today:
            return []
        child = self._child(family, birth, generation)
        child.birth_place, child.adopted_on, child.death = self.rng.choice(data.ADOPTION_PLACES), adopted_on, None
        self.adopted = True
        return [child]

    def _person(
        self, sex: str, birth: datetime.date, place: str, generation: int, surname: str, taken: Iterable[str] = ()
    ) -> DemoPerson:
        uid = f"{self.rng.getrandbits(128):032X}"
        given = self._given_name(sex, birth.year, set(taken))
        person = DemoPerson(len(self.people) + 1, uid, given, surname, sex, birth, place, generation)
        self.people.append(person)
        return person

    def _spouse(self, person: DemoPerson, married: datetime.date, youngest: int, oldest: int) -> DemoPerson:
        """Someone from another family, of age at ``married``; a descendant's first wife may die young."""
        sex = "F" if person.sex == "M" else "M"
        birth = self._before(married, youngest + (3 if sex == "M" else 0), oldest + (6 if sex == "M" else 0))
        surname = self.rng.choice([name for name in data.SURNAMES if name != person.surname])
        spouse = self._person(sex, birth, self._stranger_place(birth.year), 0, surname)
        spouse.birth_about = birth.year < 1850 and self.rng.random() < 0.15
        spouse.death = self._adult_death(birth, married)
        first_wife = sex == "F" and person.generation > 0 and not person.families and married.year < 1930
        he_lives_on = person.death is None or (person.death - married).days > 20 * YEAR
        if first_wife and (self.rng.random() < WIDOWER_RATE or (he_lives_on and not self.remarried)):
            spouse.death = self._after(married, 5, 14)  # often in childbirth; he will remarry
        return spouse

    def _family(self, husband: DemoPerson, wife: DemoPerson, married: datetime.date, home: str) -> DemoFamily:
        place = wife.birth_place if married.year < 1960 else home  # married in the bride's parish
        family = DemoFamily(len(self.families) + 1, husband, wife, married, place, home)
        husband.families.append(family)
        wife.families.append(family)
        self.families.append(family)
        return family

    def _wedding_day(self, person: DemoPerson) -> datetime.date:
        modern = person.birth.year >= 1950
        low, high = {("M", False): (21, 30), ("F", False): (18, 26)}.get((person.sex, modern), (23, 33))
        return self._after(person.birth, low, high)

    def _home(self, person: DemoPerson, married: datetime.date) -> str:
        """Where a new family settles: the old parish, a mill town, a city, or far away after 1960."""
        year, roll = married.year, self.rng.random()
        if year < 1880:
            return person.birth_place if roll < 0.75 else self._parish()
        if year < 1930 and roll < 0.08:
            return self.rng.choice(data.NEW_ENGLAND)
        if year < 1960:
            return person.birth_place if roll < 0.5 else self.rng.choice(data.TOWNS)
        return self.rng.choice(data.ABROAD if roll < 0.15 else data.CITIES)

    def _parish(self) -> str:
        return self.rng.choice(data.PARISHES)

    def _stranger_place(self, year: int) -> str:
        if year < 1880:
            return self._parish()
        return self.rng.choice(data.PARISHES + data.TOWNS if year < 1940 else data.CITIES)

    def _given_name(self, sex: str, year: int, taken: set[str]) -> str:
        names = next((men, women) for bound, men, women in data.GIVEN_NAMES if year <= bound)[sex == "F"]
        return self.rng.choice([name for name in names if name not in taken] or list(names))

    def _death(self, birth: datetime.date, *, infant: bool) -> datetime.date | None:
        """When someone born on ``birth`` dies, or None if still living today."""
        year = birth.year
        if infant and self.rng.random() < (0.22 if year < 1880 else 0.12 if year < 1920 else 0.005):
            death = birth + datetime.timedelta(self.rng.randint(2, 1800))
        else:
            low, high = (35, 90) if year < 1880 else (50, 96) if year < 1930 else (62, 100)
            death = self._after(birth, low, high)
        return death if death <= self.today else None

    def _adult_death(self, birth: datetime.date, married: datetime.date) -> datetime.date | None:
        death = self._death(birth, infant=False)
        if death is not None and death <= married + datetime.timedelta(3650):
            death = self._after(married, 10, 50)
        return death if death is not None and death <= self.today else None

    def _after(self, start: datetime.date, low: float, high: float) -> datetime.date:
        return start + datetime.timedelta(self.rng.randint(round(low * YEAR), round(high * YEAR)))

    def _before(self, end: datetime.date, low: float, high: float) -> datetime.date:
        return end - datetime.timedelta(self.rng.randint(round(low * YEAR), round(high * YEAR)))

    def _age(self, person: DemoPerson) -> float:
        return ((person.death or self.today) - person.birth).days / YEAR

    def decorate(self) -> None:
        """Occupations for adults, French notes on about thirty people, profile links on about forty."""
        for person in self.people:
            person.occupation = self._occupation(person)
        founder, founder_wife = self.people[:2]
        for one, other in ((founder, founder_wife), (founder_wife, founder)):
            one.note = data.FOUNDER_NOTES[one.sex].format(lieu=_town(one.birth_place), conjoint=other.given)
        candidates = [
            p for p in self.people if not p.note and self._age(p) >= 18 and not (p.death and p.birth.year >= 1950)
        ]
        noted = sum(1 for person in self.people if person.note)
        for person in self.rng.sample(candidates, min(len(candidates), NOTED_PEOPLE - noted)):
            person.note = self._note(person)
        living = [p for p in self.people if p.death is None and self._age(p) >= 16]
        taken: set[str] = set()
        for person in sorted(self.rng.sample(living, min(len(living), LINKED_PEOPLE)), key=lambda p: p.number):
            person.links = _links(_slug_words(person, taken), self._platforms(person))

    def _occupation(self, person: DemoPerson) -> str:
        if self._age(person) < 18:
            return ""
        if person.death is None and self._age(person) < 24:
            return data.STUDENT[person.sex]
        if 1830 <= person.birth.year < 1940 and not person.families and self.rng.random() < 0.12:
            return data.RELIGIOUS[person.sex]
        men, women = next((men, women) for bound, men, women in data.OCCUPATIONS if person.birth.year <= bound)
        return self.rng.choice(men if person.sex == "M" else women)

    def _note(self, person: DemoPerson) -> str:
        text = data.OCCUPATION_NOTES.get(person.occupation)
        if text is None:
            text = self.rng.choice(next(notes for bound, notes in data.ERA_NOTES if person.birth.year <= bound))
        home = person.families[-1].home if person.families else person.birth_place
        year = min(person.birth.year + 25, self.today.year)
        return text.format(lieu=_town(home), annee=year, e="e" if person.sex == "F" else "")

    def _platforms(self, person: DemoPerson) -> list[str]:
        """The sites a relative of this age is on: LinkedIn at working age, Instagram when young…"""
        age, roll = self._age(person), self.rng.random
        wanted = {
            "linkedin": 22 <= age < 67 and roll() < 0.8,
            "facebook": age >= 30 or roll() < 0.3,
            "instagram": age < 45 and roll() < 0.7,
            "mastodon": roll() < 0.12,
            "blog": roll() < 0.12,
            "email": roll() < 0.2,
        }
        chosen = [name for name, yes in wanted.items() if yes] or ["facebook"]
        kept = self.rng.sample(chosen, min(3, len(chosen)))
        return [name for name in wanted if name in kept]


def _sibship_size(rng: random.Random, year: int) -> int:
    """How many children a couple married in ``year`` would have: many before 1930, few after 1960."""
    low, high = next(
        size
        for bound, size in ((1880, (8, 14)), (1930, (5, 11)), (1960, (3, 7)), (1985, (1, 4)), (9999, (1, 3)))
        if year < bound
    )
    return rng.randint(low, high)


def _town(place: str) -> str:
    return place.split(",")[0]


def _slug_words(person: DemoPerson, taken: set[str]) -> list[str]:
    """ASCII words of the person's name, ending in ``demo`` so nobody mistakes them for a real profile."""
    plain = unicodedata.normalize("NFKD", f"{person.given} {person.surname}").encode("ascii", "ignore")
    words = re.findall(r"[a-z0-9]+", plain.decode().lower())
    suffix, number = ["demo"], 1
    while ".".join(words + suffix) in taken:
        number += 1
        suffix = [str(number), "demo"]
    taken.add(".".join(words + suffix))
    return words + suffix


def _links(words: list[str], platforms: list[str]) -> list[tuple[str, str]]:
    slugs = {"dot": ".".join(words), "dash": "-".join(words), "under": "_".join(words)}
    return [(data.LINK_FORMATS[name][0], data.LINK_FORMATS[name][1].format(**slugs)) for name in platforms]
