"""GEDCOM tags Famille models: events and attributes of people and families, and where links hide."""

from __future__ import annotations

INDIVIDUAL_EVENTS = frozenset(
    [
        "BIRT",
        "CHR",
        "BAPM",
        "DEAT",
        "BURI",
        "CREM",
        "ADOP",
        "BARM",
        "BASM",
        "BLES",
        "CHRA",
        "CONF",
        "FCOM",
        "ORDN",
        "NATU",
        "EMIG",
        "IMMI",
        "CENS",
        "PROB",
        "WILL",
        "GRAD",
        "RETI",
        "EVEN",
    ]
)
INDIVIDUAL_ATTRIBUTES = frozenset(
    ["CAST", "DSCR", "EDUC", "IDNO", "NATI", "NCHI", "NMR", "OCCU", "PROP", "RELI", "RESI", "SSN", "TITL", "FACT"]
)
FAMILY_EVENTS = frozenset(
    ["ANUL", "CENS", "DIV", "DIVF", "ENGA", "MARB", "MARC", "MARR", "MARL", "MARS", "RESI", "EVEN", "NCHI", "FACT"]
)

#: Tags whose value is a web address or an e-mail address, wherever they stand under a person.
LINK_TAGS = frozenset({"WWW", "URL", "_URL", "_WWW", "WEB", "_WEB", "EMAIL", "_EMAIL", "_MAIL"})

#: The tags of a person's record that Famille models; every other subtree is kept verbatim.
PERSON_MODELLED = frozenset({"NAME", "SEX", "_UID", "UID", "FAMC", "FAMS", "NOTE"} | LINK_TAGS)
FAMILY_MODELLED = frozenset({"HUSB", "WIFE", "CHIL", "_UID", "UID", "NOTE"})

PEDIGREES = {"BIRTH": "birth", "ADOPTED": "adopted", "FOSTER": "foster", "SEALING": "sealing"}
