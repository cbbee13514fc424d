"""A small known family, imported from GEDCOM, for the directory tests.

Gaston Tremblay + Georgette Côté                 founders, deceased
├── Henri Tremblay (†) + Huguette Gagnon         branch of Henri; Huguette living, Facebook
│   ├── Hélène Tremblay + Paul Bouchard          Hélène: LinkedIn + e-mail; Paul: website
│   │   └── Léa Bouchard                         LinkedIn, Instagram
│   └── Marc Tremblay                            Facebook
└── Armand Tremblay + Émilie Roy                 branch of Armand; no links
    ├── Rémi Tremblay                            no link
    └── Zoé Tremblay (†)                         LinkedIn (deceased: listed only with "include those who died")
Ôdile Inconnu                                    no tie to anyone: elsewhere in the tree; no link

Generations from the founders: 1 Henri, Huguette, Armand, Émilie; 2 Hélène, Paul, Marc, Rémi, Zoé; 3 Léa.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from famille.models import Person
from tests.imports.helpers import run_import

EN = {"Accept-Language": "en"}

_PEOPLE = [
    # xref, given, surname, sex, birth, death, links, own families, parents' family
    ("I1", "Gaston", "Tremblay", "M", "1890", "1960", [], ["F1"], None),
    ("I2", "Georgette", "Côté", "F", "1892", "1970", [], ["F1"], None),
    ("I3", "Henri", "Tremblay", "M", "1925", "2000", [], ["F2"], "F1"),
    ("I4", "Huguette", "Gagnon", "F", "1935", "", ["https://www.facebook.com/huguette.gagnon.test"], ["F2"], None),
    ("I5", "Armand", "Tremblay", "M", "1937", "", [], ["F3"], "F1"),
    ("I6", "Émilie", "Roy", "F", "1939", "", [], ["F3"], None),
    (
        "I7",
        "Hélène",
        "Tremblay",
        "F",
        "4 JUL 1960",
        "",
        ["https://www.linkedin.com/in/helene-tremblay-test", "mailto:helene@example.org"],
        ["F4"],
        "F2",
    ),
    ("I8", "Paul", "Bouchard", "M", "1958", "", ["https://paul-bouchard.example.org"], ["F4"], None),
    ("I9", "Marc", "Tremblay", "M", "1962", "", ["https://www.facebook.com/marc.tremblay.test"], [], "F2"),
    ("I10", "Rémi", "Tremblay", "M", "1965", "", [], [], "F3"),
    ("I11", "Zoé", "Tremblay", "F", "1968", "2010", ["https://www.linkedin.com/in/zoe-tremblay-test"], [], "F3"),
    (
        "I12",
        "Léa",
        "Bouchard",
        "F",
        "ABT 1990",
        "",
        ["https://www.linkedin.com/in/lea-bouchard-test", "https://www.instagram.com/lea.bouchard.test"],
        [],
        "F4",
    ),
    ("I13", "Ôdile", "Inconnu", "F", "1970", "", [], [], None),
]
_FAMILIES = [("F1", "I1", "I2", ["I3", "I5"]), ("F2", "I3", "I4", ["I7", "I9"]), ("F3", "I5", "I6", ["I10", "I11"])]
_FAMILIES.append(("F4", "I8", "I7", ["I12"]))


def family_gedcom() -> str:
    """The family above as GEDCOM 5.5.1 text."""
    lines = ["0 HEAD", "1 GEDC", "2 VERS 5.5.1", "2 FORM LINEAGE-LINKED", "1 CHAR UTF-8"]
    for xref, given, surname, sex, birth, death, links, own, parents in _PEOPLE:
        lines += [f"0 @{xref}@ INDI", f"1 NAME {given} /{surname}/", f"1 SEX {sex}", "1 BIRT", f"2 DATE {birth}"]
        if death:
            lines += ["1 DEAT", f"2 DATE {death}"]
        for link in links:
            lines.append(f"1 EMAIL {link[7:]}" if link.startswith("mailto:") else f"1 WWW {link}")
        lines += [f"1 FAMS @{family}@" for family in own]
        if parents:
            lines.append(f"1 FAMC @{parents}@")
    for xref, husband, wife, children in _FAMILIES:
        lines += [f"0 @{xref}@ FAM", f"1 HUSB @{husband}@", f"1 WIFE @{wife}@"]
        lines += [f"1 CHIL @{child}@" for child in children]
    return "\n".join([*lines, "0 TRLR", ""])


@pytest.fixture
def family(app) -> dict[str, int]:
    """The family imported into the test's database; each first name's person_id."""
    run_import(app, family_gedcom())
    session = app.extensions["famille.sessionmaker"]()
    try:
        return {given: person_id for given, person_id in session.execute(select(Person.given_name, Person.person_id))}
    finally:
        session.close()
