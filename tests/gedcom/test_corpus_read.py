"""Every real file of the shared corpus reads with the right counts, accents and joined notes.

The expected values were checked by hand against the bytes of each file (line numbers are those of the original
file, whatever its line breaks or encoding). The corpus lives beside the checkout; these tests skip without it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import NamedTuple

import pytest

from famille.gedcom.nodes import GedcomNode
from famille.gedcom.reader import GedcomReader, open_gedcom_file

pytestmark = pytest.mark.corpus

EMAIL_NOTE_70 = (
    "me@example.com is an example email address.\n"
    "@me and @I are example social media handles.\n"
    "@@@@ has four @ characters where only the first is escaped."
)


class Expected(NamedTuple):
    """What one corpus file must give: counts, codec, version, and exact values found at given lines."""

    indi: int
    fam: int
    encoding: str
    version: str | None
    texts: tuple[tuple[int, str, str], ...] = ()  # (line in the file, tag, exact value)


CORPUS = {
    "555SAMPLE16LE.GED": Expected(3, 2, "utf-16-le", "5.5.5", ((29, "NAME", "Robert Eugene /Williams/"),)),
    "ANSEL.GED": Expected(
        35,
        1,
        "ansel",
        "5.5",
        (
            (
                52,
                "PLAC",
                "slash l - uppercase (Ł), slash o - uppercase (Ø), slash d - uppercase (Đ), thorn - uppercase (Þ)",
            ),
        ),
    ),
    "Heredis7PC.ged": Expected(0, 0, "mac-roman", "5.5", ((4, "CORP", "bsd concept ©"),)),
    "Irish+Kings.ged": Expected(
        178,
        113,
        "cp1252",
        "5.5",
        (
            (5834, "NOTE", "Source Medium: Book\n\n£5.99\n"),
            (284, "_FOOT", "Peter Berresford Ellis, A Dictionary of Irish Mythology (Oxford University Press (1991))"),
        ),
    ),
    "LTERLFCR.ged": Expected(3, 1, "ascii", "5.5", ((12, "ADDR", "Submitters address\naddress continued here"),)),
    "PY-fevrier.ged": Expected(
        98,
        55,
        "utf-8",
        "5.5",
        (
            (
                1383,
                "NOTE",
                "Devient l'héritier de sa mère en 1855 à la mort de son frère aîné ARIIAUE dont il reprend le nom.\n"
                "Roi en 1877, abdique en 1880\n",
            ),
        ),
    ),
    "Queen.ged": Expected(4683, 2863, "utf-8", "5.5.1", ((426, "SURN", "Hlöðvir Þorfinnsson, I, Earl of Orkney"),)),
    "TGC551.ged": Expected(15, 7, "ansel", "5.5"),
    "TGC55C.ged": Expected(
        15,
        7,
        "ansel",
        "5.5",
        (
            (28, "COPR", "© 1997 by H. Eichmann, parts © 1999-2000 by J. A. Nairn."),
            (
                1412,
                "AUTH",
                "Author or Authorss of this Source using multiple lines if necessary.\n"
                "Here is a new line in this field",
            ),
        ),
    ),
    "TGC55CLF.ged": Expected(
        15, 7, "ansel", "5.5", ((28, "COPR", "© 1997 by H. Eichmann, parts © 1999-2000 by J. A. Nairn."),)
    ),
    "allged.ged": Expected(
        8, 4, "ascii", "5.5", ((72, "NOTE", "A note\nNote continued here. The word TEST should not be broken!"),)
    ),
    "ancestry-2025-export.ged": Expected(
        14,
        5,
        "utf-8",
        "5.5.1",
        (
            (
                49,
                "NOTE",
                "John was known for his woodworking skills and built furniture\nfor many families in the Chicago area. "
                "He served in the Army\nduring World War II from 1942 to 1945.\n\n"
                "Family Note: John and Mary met at a church social in 1943.",
            ),
        ),
    ),
    "bourbon.ged": Expected(
        303,
        139,
        "utf-8",
        "5.5.1",
        (
            (43, "PLAC", ", Fontainebleau, 77186, Seine-et-Marne, Île-de-France, FRANCE"),
            (148, "NOTE", "Collection Communale\nCote 1168917\nRegistre des Baptêmes (1629-1640)\nPage 108"),
            (28, "EMAIL", "yannick@voyeaud.org"),  # "@@" in 5.5.1 text
        ),
    ),
    "escapes.ged": Expected(1, 0, "utf-8", "7.0", ((7, "NOTE", EMAIL_NOTE_70),)),
    "famhistcustomtags.ged": Expected(3, 1, "utf-8", "5.5"),
    "gramps_UTF8_NOBOM_LF.ged": Expected(35, 1, "utf-8", "5.5", ((48, "PLAC", "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"),)),
    "gramps_sample_2009.ged": Expected(
        42,
        15,
        "utf-8",
        "5.5",
        (
            (
                922,
                "NOTE",
                "BIOGRAPHY\nMartin was listed as being a Husman, (owning a house as opposed to a farm) "
                "in the house records of Gladsax.",
            ),
        ),
    ),
    "heredis14_paris.ged": Expected(
        22,
        1,
        "utf-8",
        "5.5",
        ((26, "NAME", "Églises/LUTECE/"), (23, "PLAC", "Paris,75056,Paris,Île-de-France,FRANCE,")),
    ),
    "legacycustomtags.ged": Expected(8, 2, "utf-8", "5.5.1", ((115, "NOTE", "(Research):My research notes."),)),
    "maximal70.ged": Expected(
        4,
        2,
        "utf-8",
        "7.0",
        (
            (501, "NOTE", EMAIL_NOTE_70),
            (
                7,
                "TRAN",
                "Diese Datei soll Teile der Spezifikation abdecken und enthält keine aussagekräftigen historischen "
                "oder genealogischen Daten.",
            ),
        ),
    ),
    "minimal70.ged": Expected(0, 0, "utf-8", "7.0"),
    "pres2020.ged": Expected(
        2322,
        1115,
        "utf-8",
        "5.5.1",
        (
            (7130, "PLAC", "Saint-Martin-de-Ré, Departement de la Charente-Maritime, Poitou-Charentes, France"),
            (47496, "PUBL", "Name: Ancestry.com Operations Inc; Location: Lehi, UT, USA; Date: 2008;"),
        ),
    ),
    "rootsmagic-2026-export.ged": Expected(
        14,
        5,
        "utf-8",
        "5.5.1",
        (
            (
                29,
                "NOTE",
                "John was known for his woodworking skills and built furniture\nfor many families in the Chicago area. "
                "He served in the Army\nduring World War II from 1942 to 1945.",
            ),
        ),
    ),
    "royal92.ged": Expected(
        3010,
        1422,
        "ansel",
        None,
        (
            (
                9,
                "ADDR",
                "149 Kimrose Lane\nBroadview Heights, Ohio 44147-1258\n"
                "Internet Email address:  ah189@cleveland.freenet.edu",
            ),
        ),
    ),
    "tree1.ged": Expected(
        1032,
        310,
        "utf-8",
        "5.5.1",
        (
            (
                55,
                "NOTE",
                "Mary and her sisters completed their 5-year contracts in 1861 but did not renew them. "
                "This was because Madeiran women were not labourers traditionally, and because their brother "
                "Manoel agreed to continue working as a contract labourer and support them.",
            ),
        ),
    ),
    "utf8_cr_nobom.ged": Expected(
        10, 4, "utf-8", "5.5.1", ((11, "NAME", "John /Grüber/"), (17, "NAME", "Mary /Hægermann/"))
    ),
    "willis-unicode-littleendian.ged": Expected(
        761,
        293,
        "utf-16-le",
        "5.5.1",
        (
            (
                19893,
                "NOTE",
                "National Archives and Records Administration, Ohio Miracode, Washington, D.C.: "
                "National Archives and Records Administration",
            ),
        ),
    ),
    "willis.ged": Expected(
        761,
        293,
        "utf-8",
        "5.5",
        # "Township, District 18, " ends the PAGE line: the space before the CONC is kept.
        ((11874, "PAGE", "West Virginia, Fayette County, Mountain Cove Township, District 18, p9A"),),
    ),
}


@cache
def read(path: Path) -> tuple[GedcomReader, tuple[GedcomNode, ...]]:
    """Read a corpus file once for all the tests that look at it."""
    reader = open_gedcom_file(path)
    return reader, tuple(reader.records())


def walk(node: GedcomNode):
    """Every node of a subtree, the node first."""
    yield node
    for child in node.children:
        yield from walk(child)


def nodes_at(reader: GedcomReader, records: tuple[GedcomNode, ...], line: int) -> list[GedcomNode]:
    """The nodes that start at ``line`` of the original file (the header included)."""
    return [node for record in (reader.header, *records) for node in walk(record) if node.line == line]


def test_the_table_lists_every_file_of_the_corpus(gedcom_corpus: Path) -> None:
    on_disk = sorted(path.name for path in gedcom_corpus.iterdir() if path.suffix.lower() == ".ged")
    assert on_disk == sorted(CORPUS)


def test_the_table_agrees_with_the_counts_in_sources_md(gedcom_corpus: Path) -> None:
    counts = {}
    for row in (gedcom_corpus / "SOURCES.md").read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in row.split("|")]
        if len(cells) > 6 and cells[1] in CORPUS and cells[5].isdigit():
            counts[cells[1]] = (int(cells[5]), int(cells[6]))
    assert counts == {name: (expected.indi, expected.fam) for name, expected in CORPUS.items()}


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_counts_encoding_and_version(gedcom_corpus: Path, name: str) -> None:
    expected = CORPUS[name]
    reader, records = read(gedcom_corpus / name)
    assert sum(record.tag == "INDI" for record in records) == expected.indi
    assert sum(record.tag == "FAM" for record in records) == expected.fam
    assert reader.encoding == expected.encoding
    assert reader.version == expected.version
    assert [str(warning) for warning in reader.warnings if "TRLR" in warning.template] == []


@pytest.mark.parametrize("name", sorted(name for name, expected in CORPUS.items() if expected.texts))
def test_exact_values_at_their_lines(gedcom_corpus: Path, name: str) -> None:
    reader, records = read(gedcom_corpus / name)
    for line, tag, value in CORPUS[name].texts:
        assert [(node.tag, node.value) for node in nodes_at(reader, records, line)] == [(tag, value)]


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_every_value_is_composed_and_free_of_line_breaks_from_the_file(gedcom_corpus: Path, name: str) -> None:
    reader, records = read(gedcom_corpus / name)
    # Queen.ged itself holds two U+FFFD, left by the program that cut a character in a CONC (line 8075).
    replacement_in_file = b"\xef\xbf\xbd" in (gedcom_corpus / name).read_bytes()
    for record in (reader.header, *records):
        for node in walk(record):
            assert unicodedata.is_normalized("NFC", node.value), (node.line, node.value)
            assert "\r" not in node.value, node.line
            assert replacement_in_file or "\ufffd" not in node.value, node.line


def test_ansel_and_utf8_versions_of_the_gramps_test_give_the_same_composed_letters(gedcom_corpus: Path) -> None:
    """In ANSEL the accent comes before its letter; decoded and composed, both files must hold the same letters."""
    ansel = {row[0]: row[1] for row in _gramps_places(gedcom_corpus / "ANSEL.GED", r"Unicode: [^,]+, ([0-9A-F]{4})")}
    utf8 = dict(_gramps_places(gedcom_corpus / "gramps_UTF8_NOBOM_LF.ged", r"code: ([0-9A-F]{4})"))
    # The UTF-8 file gives the base letters as the birth place and the composed letters as the death place. Its
    # "0332 LINE BELOW" letters are really composed with U+0331 (macron below), which ANSEL's underscore is not.
    composed = {code: {letter for letter in letters if not letter.isascii()} for code, letters in utf8.items()}
    composed = {code: letters for code, letters in composed.items() if letters and code != "0332"}
    assert len(composed) == 18 and sum(len(letters) for letters in composed.values()) > 250
    for code, letters in composed.items():
        assert letters <= set(ansel[code]), code
    assert "é" in ansel["0301"] and "ç" in ansel["0327"] and "ô" in ansel["0302"]


def _gramps_places(path: Path, code_pattern: str) -> list[tuple[str, str]]:
    """(Unicode code of the accent, letters of its BIRT and DEAT places) for each person of a Gramps test."""
    _, records = read(path)
    rows = []
    for record in records:
        match = re.search(code_pattern, record.value_of("NAME"))
        if record.tag == "INDI" and match:
            places = (event.value_of("PLAC") for event in record.children if event.tag in ("BIRT", "DEAT"))
            rows.append((match.group(1), "".join(places)))
    return rows


def test_ansel_special_characters_and_lds_additions(gedcom_corpus: Path) -> None:
    _, records = read(gedcom_corpus / "TGC55CLF.ged")
    note = next(record for record in records if record.xref == "N25").value.split("\n")
    for line in ("A1 slash l - uppercase (Ł)", "BE empty box - LDS extension (□)", "CF es zet (ß)"):
        assert line in note


@pytest.mark.parametrize("name", ["TGC55C.ged", "TGC551.ged"])
def test_cr_only_torture_files_read_whole_records(gedcom_corpus: Path, name: str) -> None:
    _, records = read(gedcom_corpus / name)
    person = next(record for record in records if record.xref == "PERSON1")
    assert person.value_of("NAME") == "Joseph Tag /Torture/"
    assert len(person.children) > 20
    assert all(record.children for record in records if record.tag in ("INDI", "FAM"))


def test_the_two_willis_exports_hold_the_same_people(gedcom_corpus: Path) -> None:
    """Same tree, UTF-8 CRLF versus UTF-16LE without BOM: names, events and accented texts must be identical.

    The UTF-16 export is damaged by its maker (continuation lines were written as "4 CONT 4 CONC …"), so its
    notes keep those words as text; that is the file's content, not a reading fault.
    """
    _, utf8 = read(gedcom_corpus / "willis.ged")
    _, utf16 = read(gedcom_corpus / "willis-unicode-littleendian.ged")
    people8, people16 = _people(utf8), _people(utf16)
    assert len(people8) == 761 and people8 == people16
    accented8 = {(node.line, node.value) for record in utf8 for node in walk(record) if not node.value.isascii()}
    accented16 = {node.value for record in utf16 for node in walk(record) if not node.value.isascii()}
    assert {value for _, value in accented8} == accented16
    assert any("VICTOR — Almeda Wills, 105" in value for _, value in accented8)


def _people(records: tuple[GedcomNode, ...]) -> dict[str | None, tuple]:
    """Each person's names and events (tag, date, place), order-free: the two exports sort them differently."""
    return {
        record.xref: (
            sorted(name.value for name in record.all("NAME")),
            sorted((event.tag, event.value_of("DATE"), event.value_of("PLAC")) for event in record.children),
        )
        for record in records
        if record.tag == "INDI"
    }
