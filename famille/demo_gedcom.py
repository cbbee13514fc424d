"""The demo family's people and families, and how they are written as GEDCOM 5.5.1 lines.

:mod:`famille.demo` builds the family; this module holds its records and writes them. Pure, like the builder.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from famille import demo_data as data

MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
NOTE_WIDTH = 180  # characters before a CONC, so that lines stay well under 255 bytes


@dataclass(eq=False)
class DemoPerson:
    """One person of the demo family, as the builder makes them."""

    number: int
    uid: str
    given: str
    surname: str
    sex: str
    birth: datetime.date
    birth_place: str
    generation: int  # 1 for the founders, 0 for someone who married into the family
    branch: int = 0  # number of the founders' child this person descends from
    birth_about: bool = False
    death: datetime.date | None = None
    origin: DemoFamily | None = None
    adopted_on: datetime.date | None = None
    families: list[DemoFamily] = field(default_factory=list)
    occupation: str = ""
    residences: list[tuple[int, str]] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    note: str = ""


@dataclass(eq=False)
class DemoFamily:
    """One couple of the demo family and their children."""

    number: int
    husband: DemoPerson
    wife: DemoPerson
    married: datetime.date
    place: str
    home: str  # where the children are born
    children: list[DemoPerson] = field(default_factory=list)


def gedcom_date(day: datetime.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _event(tag: str, date: str, place: str) -> list[str]:
    return [f"1 {tag}", f"2 DATE {date}", f"2 PLAC {place}"]


def head_lines(today: datetime.date, seed: int) -> list[str]:
    header = [line.format(today=gedcom_date(today)) for line in data.HEAD_LINES]
    return [*header, *text_lines(1, "NOTE", data.HEAD_NOTE.format(seed=seed)), *data.SUBMITTER_LINES]


def individual_lines(person: DemoPerson, today: datetime.date) -> list[str]:
    name = [f"1 NAME {person.given} /{person.surname}/", f"2 GIVN {person.given}", f"2 SURN {person.surname}"]
    lines = [f"0 @I{person.number}@ INDI", *name, f"1 SEX {person.sex}", *_vital_events(person, today)]
    lines += [f"1 {tag} {value}" for tag, value in person.links]
    lines += text_lines(1, "NOTE", person.note) if person.note else []
    lines.append(f"1 _UID {person.uid}")
    if person.origin is not None:
        lines += [f"1 FAMC @F{person.origin.number}@", *(["2 PEDI adopted"] if person.adopted_on else [])]
    return lines + [f"1 FAMS @F{family.number}@" for family in person.families]


def _vital_events(person: DemoPerson, today: datetime.date) -> list[str]:
    """Birth and baptism, adoption, occupation, residences, death and burial, in the order of a life."""
    born = f"ABT {person.birth.year}" if person.birth_about else gedcom_date(person.birth)
    lines = _event("BIRT", born, person.birth_place)
    if person.birth.year < 1920 and not person.birth_about:  # baptised the same day or the next
        lines += _event("BAPM", gedcom_date(person.birth + datetime.timedelta(person.number % 2)), person.birth_place)
    if person.adopted_on is not None and person.origin is not None:
        lines += [
            "1 ADOP",
            f"2 DATE {gedcom_date(person.adopted_on)}",
            f"2 FAMC @F{person.origin.number}@",
            "3 ADOP BOTH",
        ]
    lines += [f"1 OCCU {person.occupation}"] if person.occupation else []
    for year, place in person.residences:
        lines += _event("RESI", str(year), place)
    if person.death is not None:
        home = person.families[-1].home if person.families else person.birth_place
        lines += _event("DEAT", gedcom_date(person.death), home)
        buried = person.death + datetime.timedelta(2 + person.number % 3)
        lines += _event("BURI", gedcom_date(buried), home) if buried <= today else []
    return lines


def family_lines(family: DemoFamily) -> list[str]:
    children = sorted(family.children, key=lambda child: (child.birth, child.number))
    return [
        f"0 @F{family.number}@ FAM",
        f"1 HUSB @I{family.husband.number}@",
        f"1 WIFE @I{family.wife.number}@",
        *_event("MARR", gedcom_date(family.married), family.place),
        *(f"1 CHIL @I{child.number}@" for child in children),
    ]


def text_lines(level: int, tag: str, text: str) -> list[str]:
    """``text`` under ``tag``: a CONT line per line break, CONC lines where a line is too long."""
    lines: list[str] = []
    for index, paragraph in enumerate(text.split("\n")):
        chunks = _chunks(paragraph)
        head = f"{level} {tag}" if index == 0 else f"{level + 1} CONT"
        lines.append(f"{head} {chunks[0]}".rstrip())
        lines += [f"{level + 1} CONC {chunk}" for chunk in chunks[1:]]
    return lines


def _chunks(text: str) -> list[str]:
    """Split ``text`` into pieces of at most NOTE_WIDTH characters, never next to a space (readers strip them)."""
    chunks = []
    while len(text) > NOTE_WIDTH:
        cut = NOTE_WIDTH
        while cut > 1 and " " in (text[cut - 1], text[cut]):
            cut -= 1
        chunks.append(text[:cut])
        text = text[cut:]
    return [*chunks, text]
