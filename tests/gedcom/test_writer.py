"""Writing nodes back as GEDCOM 5.5.1 lines that our reader (and strict readers) take back unchanged."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from famille.gedcom.nodes import GedcomNode, node_to_data
from famille.gedcom.reader import open_gedcom, open_gedcom_file
from famille.gedcom.writer import MAX_LINE, escape_value, write_record

#: A GEDCOM 5.5.1 line as a strict parser accepts it.
STRICT_LINE = re.compile(r"(0|[1-9][0-9]*) (@[^@]+@ )?[A-Za-z0-9_]+( [^\r\n]*)?")
HEAD = ["0 HEAD", "1 GEDC", "2 VERS 5.5.1", "1 CHAR UTF-8"]


def round_trip(*records: GedcomNode) -> list[GedcomNode]:
    """Write ``records`` into a file, check every line, and read the file back."""
    lines = [*HEAD, *(line for record in records for line in write_record(record)), "0 TRLR"]
    assert all(len(line) <= 255 and STRICT_LINE.fullmatch(line) for line in lines)
    reader = open_gedcom(("\n".join(lines) + "\n").encode("utf-8"))
    back = list(reader.records())
    assert reader.warnings == []
    return back


def test_a_record_with_its_xref_and_children() -> None:
    person = GedcomNode("INDI", "", "I1", 0, [GedcomNode("NAME", "Hélène /Côté/"), GedcomNode("FAMS", "@F1@")])
    assert list(write_record(person)) == ["0 @I1@ INDI", "1 NAME Hélène /Côté/", "1 FAMS @F1@"]
    assert list(write_record(GedcomNode("BIRT", "", children=[GedcomNode("DATE", "1921")]), level=1)) == [
        "1 BIRT",
        "2 DATE 1921",
    ]


def test_line_breaks_become_cont_lines() -> None:
    note = GedcomNode("NOTE", "Première ligne\n\ntroisième\r\nquatrième")
    assert list(write_record(note, level=1)) == [
        "1 NOTE Première ligne",
        "2 CONT",
        "2 CONT troisième",
        "2 CONT quatrième",
    ]


def test_long_text_is_cut_into_conc_lines_never_next_to_a_space() -> None:
    text = " ".join(f"mot{number}" for number in range(400)) + " fin "
    lines = list(write_record(GedcomNode("NOTE", text, "N1")))
    assert len(lines) > 8 and all(len(line) <= MAX_LINE for line in lines)
    assert lines[0].startswith("0 @N1@ NOTE mot0 ") and all(line.startswith("1 CONC ") for line in lines[1:])
    pieces = [lines[0][len("0 @N1@ NOTE ") :]] + [line[len("1 CONC ") :] for line in lines[1:]]
    assert "".join(pieces) == text
    assert all(not piece.startswith(" ") for piece in pieces[1:]) and all(
        not piece.endswith(" ") for piece in pieces[:-1]
    )
    assert node_to_data(round_trip(GedcomNode("NOTE", text, "N1"))[0]) == ["NOTE", text, "N1"]


def test_at_signs_are_doubled_in_text_but_not_in_pointers_or_calendar_escapes() -> None:
    assert escape_value(GedcomNode("EMAIL", "me@example.com")) == "me@@example.com"
    assert escape_value(GedcomNode("FAMC", "@F1@")) == "@F1@"
    assert escape_value(GedcomNode("DATE", "@#DJULIAN@ 1 JAN 1700")) == "@#DJULIAN@ 1 JAN 1700"
    assert escape_value(GedcomNode("DATE", "@#DFRENCH R@ 1 VEND 2")) == "@#DFRENCH R@ 1 VEND 2"
    assert escape_value(GedcomNode("NOTE", "@@ x @")) == "@@@@ x @@"
    person = GedcomNode("INDI", "", "I1", 0, [GedcomNode("EMAIL", "me@example.com"), GedcomNode("NOTE", "@ and @@")])
    assert node_to_data(round_trip(person)[0]) == node_to_data(person)


def test_an_escaped_at_sign_is_never_cut_in_two() -> None:
    text = "a" * 245 + "@" + "b" * 20  # the room on the first line ends between the two "@" of "@@"
    lines = list(write_record(GedcomNode("NOTE", text), level=1))
    assert lines == ["1 NOTE " + "a" * 245, "2 CONC @@" + "b" * 20]
    assert round_trip(GedcomNode("NOTE", text, "N1"))[0].value == text


def test_a_combining_accent_is_never_cut_from_its_letter() -> None:
    text = "a" * 245 + "q\u0301" + "b" * 20  # no composed "q́" exists, so NFC keeps two characters
    lines = list(write_record(GedcomNode("NOTE", text), level=1))
    assert lines[1].startswith("2 CONC q\u0301")
    assert round_trip(GedcomNode("NOTE", text, "N1"))[0].value == text


def test_a_line_of_nothing_but_spaces_still_fits() -> None:
    text = "x" + " " * 600 + "y"
    lines = list(write_record(GedcomNode("NOTE", text), level=1))
    assert all(len(line) <= MAX_LINE for line in lines) and len(lines) == 3
    assert round_trip(GedcomNode("NOTE", text, "N1"))[0].value == text


def test_the_xref_counts_in_the_length_of_the_first_line() -> None:
    lines = list(write_record(GedcomNode("NOTE", "z" * 300, "N" + "1" * 20)))
    assert len(lines[0]) == MAX_LINE and lines[0].startswith("0 @N11111111111111111111@ NOTE z")


@pytest.mark.corpus
def test_corpus_files_survive_read_write_read(gedcom_corpus: Path) -> None:
    for path in sorted(gedcom_corpus.glob("*.[gG][eE][dD]")):
        records = list(open_gedcom_file(path).records())
        assert [node_to_data(node) for node in round_trip(*records)] == [node_to_data(node) for node in records], path


@pytest.mark.parametrize("value", ["", "simple", "a\nb", "tab\there", " leading and trailing "])
def test_short_values_keep_every_character(value: str) -> None:
    lines = list(write_record(GedcomNode("NOTE", value), level=3))
    expected = [f"3 NOTE {value.split(chr(10))[0]}" if value.split("\n")[0] else "3 NOTE"]
    assert lines == expected + [f"4 CONT {text}" for text in value.split("\n")[1:]]
    assert round_trip(GedcomNode("NOTE", value, "N1"))[0].value == value
