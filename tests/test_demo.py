"""The generated demo family: deterministic, well-formed GEDCOM 5.5.1, one family tree with the cases charts need.

The file is read back with a tiny parser of our own (records, levels, tags), so these tests do not depend on the
importer they will later feed.
"""

from __future__ import annotations

import ast
import datetime
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from famille.demo import generate_demo_gedcom

TODAY = datetime.date(2025, 6, 1)
MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
DATE_FORM = re.compile(r"^(ABT |BEF |AFT )?((\d{1,2} )?(" + "|".join(MONTHS) + r") )?\d{4}$")


@dataclass
class Record:
    """A level-0 record: its xref (or tag for HEAD/TRLR), its tag and its lines below (level, tag, value)."""

    xref: str
    tag: str
    lines: list[tuple[int, str, str]] = field(default_factory=list)

    def values(self, tag: str) -> list[str]:
        """Values of the level-1 lines with ``tag``."""
        return [value for level, line_tag, value in self.lines if level == 1 and line_tag == tag]

    def event_date(self, event: str) -> str | None:
        """The DATE under the first level-1 ``event``."""
        inside = False
        for level, tag, value in self.lines:
            if level == 1:
                inside = tag == event
            elif inside and level == 2 and tag == "DATE":
                return value
        return None


def parse(text: str) -> dict[str, Record]:
    """Records by xref; HEAD and TRLR under their own names."""
    records: dict[str, Record] = {}
    current: Record | None = None
    for line in text.split("\n")[:-1]:
        level, rest = line.split(" ", 1)
        tag, _, value = rest.partition(" ")
        if level == "0":
            current = Record(tag, value or tag) if tag.startswith("@") else Record(tag, tag)
            records[current.xref] = current
        else:
            assert current is not None
            current.lines.append((int(level), tag, value))
    return records


def as_date(text: str) -> datetime.date:
    """The latest day a GEDCOM date can mean (a year alone means its 31 December)."""
    parts = text.split()[-3:] if not text.startswith("ABT") else [text.split()[-1]]
    if len(parts) == 3:
        return datetime.date(int(parts[2]), MONTHS.index(parts[1]) + 1, int(parts[0]))
    return datetime.date(int(parts[-1]), 12, 31)


@dataclass
class Tree:
    """The generated file, read back: people, families and the links between them."""

    text: str
    people: dict[str, Record]
    families: dict[str, Record]

    @classmethod
    def read(cls, text: str) -> Tree:
        records = parse(text)
        people = {xref: record for xref, record in records.items() if record.tag == "INDI"}
        families = {xref: record for xref, record in records.items() if record.tag == "FAM"}
        return cls(text, people, families)

    def parents(self, xref: str) -> list[str]:
        famc = self.people[xref].values("FAMC")
        return [p for f in famc for p in self.families[f].values("HUSB") + self.families[f].values("WIFE")]

    def birth(self, xref: str) -> datetime.date:
        date = self.people[xref].event_date("BIRT")
        assert date is not None, f"{xref} has no birth date"
        return as_date(date)

    def founding_family(self) -> str:
        orphans = [f for f, fam in self.families.items() if not any(self.parents(p) for p in partners(fam))]
        assert len(orphans) == 1, f"families whose partners both lack parents: {orphans}"
        return orphans[0]

    def generations(self) -> dict[str, int]:
        """Generation of each descendant (founders are 1), walking down from the founding family."""
        founders = partners(self.families[self.founding_family()])
        generation = dict.fromkeys(founders, 1)
        todo = [self.founding_family()]
        while todo:
            family = self.families[todo.pop()]
            level = max(generation.get(partner, 0) for partner in partners(family))
            for child in family.values("CHIL"):
                if generation.get(child, 0) < level + 1:
                    generation[child] = level + 1
                    todo += self.people[child].values("FAMS")
        return generation

    def ancestors(self, xref: str) -> set[str]:
        found, todo = set(), self.parents(xref)
        while todo:
            parent = todo.pop()
            if parent not in found:
                found.add(parent)
                todo += self.parents(parent)
        return found


def partners(family: Record) -> list[str]:
    return family.values("HUSB") + family.values("WIFE")


@pytest.fixture(scope="module")
def tree() -> Tree:
    return Tree.read(generate_demo_gedcom(seed=1957, today=TODAY))


def test_same_seed_gives_the_same_text_and_another_seed_another_family() -> None:
    first = generate_demo_gedcom(seed=1957, today=TODAY)
    assert generate_demo_gedcom(seed=1957, today=TODAY) == first
    assert generate_demo_gedcom(seed=7, today=TODAY) != first
    assert generate_demo_gedcom(today=TODAY) == first  # 1957 is the default seed


def test_file_is_utf8_gedcom_551_with_lf_line_endings(tree: Tree) -> None:
    text = tree.text
    assert text.startswith("0 HEAD\n") and text.endswith("\n0 TRLR\n")
    assert "\r" not in text
    header = text[: text.index("\n0 @")]
    assert "1 CHAR UTF-8" in header and "2 VERS 5.5.1" in header
    assert "Famille de démonstration générée — personnes fictives" in header
    text.encode("utf-8")  # no lone surrogates or anything else that cannot be written


@pytest.mark.parametrize("seed", [1957, 1, 2, 3])
def test_about_five_hundred_people_over_eight_generations(seed: int) -> None:
    tree = Tree.read(generate_demo_gedcom(seed=seed, today=TODAY))
    assert 450 <= len(tree.people) <= 550
    assert max(tree.generations().values()) == 8


def test_everyone_descends_from_the_one_founding_couple_or_married_into_the_family(tree: Tree) -> None:
    founding = tree.families[tree.founding_family()]
    founders = set(partners(founding))
    descendants = set(tree.generations()) - founders
    assert len(founders) == 2 and {"M", "F"} == {tree.people[x].values("SEX")[0] for x in founders}
    married_year = as_date(founding.event_date("MARR") or "").year
    assert 1790 <= married_year <= 1829
    married_in = set(tree.people) - founders - descendants
    for xref in married_in:
        assert not tree.parents(xref), f"{xref} has parents but is neither founder nor descendant"
        spouses = {p for f in tree.people[xref].values("FAMS") for p in partners(tree.families[f])} - {xref}
        assert spouses & descendants, f"{xref} did not marry into the family"
    assert all(tree.parents(xref) for xref in descendants)


def test_every_cross_reference_points_both_ways(tree: Tree) -> None:
    for fam_xref, family in tree.families.items():
        for xref in partners(family):
            assert fam_xref in tree.people[xref].values("FAMS")
        for xref in family.values("CHIL"):
            assert fam_xref in tree.people[xref].values("FAMC")
    for xref, person in tree.people.items():
        for fam_xref in person.values("FAMS"):
            assert xref in partners(tree.families[fam_xref])
        for fam_xref in person.values("FAMC"):
            assert xref in tree.families[fam_xref].values("CHIL")


def test_living_and_dead_are_both_present_and_only_the_recent_live(tree: Tree) -> None:
    living = [x for x, p in tree.people.items() if not p.values("DEAT")]
    dead = [x for x, p in tree.people.items() if p.values("DEAT")]
    assert len(living) >= 100 and len(dead) >= 100
    assert all(tree.birth(x).year >= 1920 for x in living)
    assert all(tree.people[x].event_date("DEAT") for x in dead)
    died_young = [x for x in dead if (as_date(tree.people[x].event_date("DEAT") or "") - tree.birth(x)).days < 5 * 365]
    assert died_young, "the 1800s families should have children who died young"


@pytest.mark.parametrize(("seed", "today"), [(1957, TODAY), (0, TODAY), (4, datetime.date(2012, 3, 15)), (1957, None)])
def test_no_date_is_after_today(seed: int, today: datetime.date | None) -> None:
    limit = today or datetime.date.today()
    tree = Tree.read(generate_demo_gedcom(seed=seed, today=today))
    dates = [value for record in tree.people.values() for _, tag, value in record.lines if tag == "DATE"]
    dates += [value for record in tree.families.values() for _, tag, value in record.lines if tag == "DATE"]
    assert len(dates) > 1000
    assert max(as_date(date) for date in dates if not date.startswith("ABT")) <= limit
    assert max(tree.birth(x) for x in tree.people) >= datetime.date(limit.year - 15, 1, 1), "no young generation"


def test_dates_are_in_gedcom_form(tree: Tree) -> None:
    dates = re.findall(r"^\d DATE (.*)$", tree.text, re.MULTILINE)
    assert [date for date in dates if not DATE_FORM.match(date)] == []
    assert sum(1 for date in dates if re.fullmatch(r"\d{1,2} [A-Z]{3} \d{4}", date)) > 1000


def test_parents_are_at_least_fifteen_years_older_than_their_children(tree: Tree) -> None:
    pairs = [(parent, child) for child in tree.people for parent in tree.parents(child)]
    assert len(pairs) > 600
    for parent, child in pairs:
        assert (tree.birth(child) - tree.birth(parent)).days >= 15 * 365, (parent, child)


def test_every_family_has_a_dated_marriage_in_a_place(tree: Tree) -> None:
    for family in tree.families.values():
        assert family.event_date("MARR") is not None
        assert any(level == 2 and tag == "PLAC" and value for level, tag, value in family.lines)


def test_family_sizes_shrink_after_1960(tree: Tree) -> None:
    def sizes(keep) -> list[int]:
        return [len(f.values("CHIL")) for f in tree.families.values() if keep(as_date(f.event_date("MARR") or ""))]

    old, recent = sizes(lambda day: day.year < 1880), sizes(lambda day: day.year >= 1960)
    assert old and recent
    assert sum(old) / len(old) >= 6 and max(old) >= 9
    assert sum(recent) / len(recent) <= 3.5


def test_charts_get_their_hard_cases(tree: Tree) -> None:
    adopted = [x for x, p in tree.people.items() if any(t == "PEDI" and v == "adopted" for _, t, v in p.lines)]
    assert len(adopted) == 1
    twins = [kids for f in tree.families.values() for kids in Counter(tree.birth(c) for c in f.values("CHIL")).values()]
    assert max(twins) == 2
    assert any(len(p.values("FAMS")) >= 2 for p in tree.people.values()), "no second marriage"
    generation = tree.generations()
    cousins = [f for f in tree.families.values() if all(p in generation for p in partners(f))]
    assert len(cousins) == 2  # the founders, and one marriage of descendants
    husband, wife = partners(next(f for f in cousins if generation[partners(f)[0]] > 1))
    shared = tree.ancestors(husband) & tree.ancestors(wife)
    assert shared == set(partners(tree.families[tree.founding_family()]))
    assert generation[husband] == generation[wife] == 5  # great-great-grandchildren: third cousins


def test_about_forty_living_people_have_demo_profile_links(tree: Tree) -> None:
    links = re.findall(r"^1 (WWW|EMAIL) (.*)$", tree.text, re.MULTILINE)
    assert len(links) >= 30
    linked = [p for p in tree.people.values() if p.values("WWW") or p.values("EMAIL")]
    assert 30 <= len(linked) <= 50
    assert all(not p.values("DEAT") for p in linked)
    for tag, value in links:
        if tag == "EMAIL":
            assert re.fullmatch(r"[a-z0-9.]+\.demo@example\.(org|com)", value), value
        else:
            assert re.fullmatch(
                r"https://(www\.linkedin\.com/in/|www\.facebook\.com/|www\.instagram\.com/|mastodon\.social/@)"
                r"[a-z0-9._-]+demo|https://[a-z0-9-]+-demo\.example\.org",
                value,
            ), value
    hosts = {re.sub(r"^https://([^/]+).*", r"\1", value) for tag, value in links if tag == "WWW"}
    assert {"www.linkedin.com", "www.facebook.com", "www.instagram.com", "mastodon.social"} <= hosts
    assert any(host.endswith(".example.org") for host in hosts) and any(t == "EMAIL" for t, _ in links)


def test_names_places_and_notes_are_french(tree: Tree) -> None:
    assert "é" in tree.text and "Québec, Canada" in tree.text
    names = {p.values("NAME")[0] for p in tree.people.values()}
    assert any("/Tremblay/" in n for n in names) and any(re.search(r"[éèêëàâîïôûùç]", n, re.I) for n in names)
    places = set(re.findall(r"^2 PLAC (.*)$", tree.text, re.MULTILINE))
    assert any(place.startswith(("Ottawa", "Toronto", "Boston", "Paris")) for place in places)
    noted = [p for p in tree.people.values() if p.values("NOTE")]
    assert 25 <= len(noted) <= 35
    assert re.search(r"^2 CONT ", tree.text, re.MULTILINE) and re.search(r"^2 CONC \S", tree.text, re.MULTILINE)
    occupations = Counter(value for p in tree.people.values() for value in p.values("OCCU"))
    assert occupations["cultivateur"] >= 3 and sum(occupations.values()) >= 150


def test_concatenated_notes_keep_their_text(tree: Tree) -> None:
    assert not re.search(r" \n2 CONC |\n2 CONC  ", tree.text), "a CONC split next to a space loses it in readers"
    joined = tree.text.replace("\n2 CONC ", "")
    assert "dispense de consanguinité à l'évêché avant de publier les bans." in joined


def test_lines_are_short_enough_for_gedcom(tree: Tree) -> None:
    longest = max(tree.text.split("\n"), key=lambda line: len(line.encode("utf-8")))
    assert len(longest.encode("utf-8")) <= 255, longest


def test_every_person_has_a_sex_and_a_unique_uid(tree: Tree) -> None:
    uids = [p.values("_UID") for p in tree.people.values()]
    assert all(len(uid) == 1 and re.fullmatch(r"[0-9A-F]{32}", uid[0]) for uid in uids)
    assert len({uid[0] for uid in uids}) == len(uids)
    assert all(p.values("SEX") in (["M"], ["F"]) for p in tree.people.values())


def test_the_module_is_pure() -> None:
    source = Path(__file__).resolve().parents[1] / "famille" / "demo.py"
    imported = {
        alias.name.split(".")[0]
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8")))
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in (node.names if isinstance(node, ast.Import) else [ast.alias(node.module or "")])
    }
    assert not imported & {"flask", "sqlalchemy"}
    assert "random" in imported  # a Random(seed) of its own, never the module-level functions
    assert not re.search(r"\brandom\.(random|randint|choice|shuffle|sample|seed)\(", source.read_text("utf-8"))
