"""A small known family written straight into the database, for the kinship, privacy and claims tests.

Gaston + Georgette                      (great-grandparents, deceased)
├── Henri + Huguette                    (grandparents, deceased)
│   ├── Marc + Sylvie                   (parents; Sylvie married in)
│   │   ├── Hélène + Paul               (Hélène is "me"; Paul her partner)
│   │   │   └── Léa                     (daughter)
│   │   └── Julien                      (brother)
│   └── Diane + Bernard                 (aunt; Bernard married in)
│       └── Nicolas + Chloé             (first cousin; Chloé his partner)
│           └── Zoé                     (first cousin's daughter)
└── Armand                              (great-uncle)
    └── Rémi                            (a first cousin of Marc)
Outsider                                (no tie to anyone)
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from famille.models import Family, FamilyChild, Person
from famille.text import fold

#: name: (surname, birth year, living)
PEOPLE: dict[str, tuple[str, str, bool]] = {
    "Gaston": ("Tremblay", "1880", False),
    "Georgette": ("Côté", "1882", False),
    "Henri": ("Tremblay", "1905", False),
    "Huguette": ("Gagnon", "1907", False),
    "Armand": ("Tremblay", "1910", False),
    "Marc": ("Tremblay", "1950", True),
    "Sylvie": ("Côté", "1952", True),
    "Diane": ("Tremblay", "1953", True),
    "Bernard": ("Roy", "1951", True),
    "Rémi": ("Tremblay", "1948", True),
    "Hélène": ("Tremblay", "1987", True),
    "Paul": ("Bouchard", "1985", True),
    "Julien": ("Tremblay", "1990", True),
    "Nicolas": ("Roy", "1980", True),
    "Chloé": ("Lavoie", "1982", True),
    "Léa": ("Bouchard", "2015", True),
    "Zoé": ("Roy", "2010", True),
    "Outsider": ("Inconnu", "1970", True),
}

#: (partner 1, partner 2, children)
FAMILIES: list[tuple[str, str | None, list[str]]] = [
    ("Gaston", "Georgette", ["Henri", "Armand"]),
    ("Henri", "Huguette", ["Marc", "Diane"]),
    ("Armand", None, ["Rémi"]),
    ("Marc", "Sylvie", ["Hélène", "Julien"]),
    ("Bernard", "Diane", ["Nicolas"]),
    ("Hélène", "Paul", ["Léa"]),
    ("Nicolas", "Chloé", ["Zoé"]),
]


def build_family(session: Session) -> dict[str, int]:
    """Write the family above; returns each first name's person_id. Flushes, does not commit."""
    ids: dict[str, int] = {}
    for index, (name, (surname, year, living)) in enumerate(PEOPLE.items()):
        person = Person(
            uid=f"test-{index}",
            xref=f"@I{index}@",
            given_name=name,
            surname=surname,
            surname_key=fold(surname),
            search_text=fold(f"{name} {surname}"),
            birth_date=year,
            birth_sort=int(year) * 10000,
            birth_place="Chicoutimi, Québec",
            death_date="" if living else str(int(year) + 70),
            is_dead=not living,
            living=living,
        )
        session.add(person)
        session.flush()
        ids[name] = person.person_id
    for index, (first, second, children) in enumerate(FAMILIES):
        family = Family(uid=f"fam-{index}", partner1_id=ids[first], partner2_id=ids[second] if second else None)
        session.add(family)
        session.flush()
        for position, child in enumerate(children):
            session.add(FamilyChild(family_id=family.family_id, person_id=ids[child], position=position))
    session.flush()
    return ids


def build_committed(app) -> dict[str, int]:
    """Write the family in its own committed transaction (for tests that then use the web client)."""
    session = app.extensions["famille.sessionmaker"]()
    try:
        ids = build_family(session)
        session.commit()
        return ids
    finally:
        session.close()
