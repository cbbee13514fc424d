"""Reading GEDCOM: line breaks, layout faults, CONC/CONT, "@@", refusals, streaming, and the node API."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from famille.gedcom import encoding as enc
from famille.gedcom import reader as rd
from famille.gedcom.nodes import GedcomNode, node_from_data, node_to_data
from famille.gedcom.reader import GedcomReader, GedcomReadError, open_gedcom, open_gedcom_file

DATA = Path(__file__).resolve().parents[1] / "data" / "gedcom"

HEAD = "0 HEAD\n1 GEDC\n2 VERS {version}\n1 CHAR UTF-8\n"


def ged(body: str, version: str = "5.5.1", trailer: str = "0 TRLR\n") -> bytes:
    """A small UTF-8 file: a header (4 lines), ``body``, then the trailer."""
    return (HEAD.format(version=version) + body + trailer).encode("utf-8")


def read(data: bytes, **options: str) -> tuple[GedcomReader, list[GedcomNode]]:
    reader = open_gedcom(data, **options)
    return reader, list(reader.records())


def kinds(reader: GedcomReader) -> list[tuple[int | None, str, dict[str, object]]]:
    return [(warning.line, warning.template, warning.params) for warning in reader.warnings]


FAMILY = ged("0 @I1@ INDI\n1 NAME Hélène /Côté/\n1 BIRT\n2 PLAC Montréal\n0 @I2@ INDI\n1 NAME Joseph /Côté/\n")


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r", "\n\r"], ids=["LF", "CRLF", "CR", "LF+CR"])
def test_every_line_break_gives_the_same_records_and_lines(newline: str) -> None:
    reader, records = read(FAMILY.replace(b"\n", newline.encode()))
    assert [node_to_data(record) for record in records] == [node_to_data(record) for record in read(FAMILY)[1]]
    assert [record.line for record in records] == [5, 9]
    assert records[0].first("BIRT").first("PLAC").line == 8
    assert reader.warnings == []


def test_mixed_line_breaks_count_each_break_once() -> None:
    lines = FAMILY.decode().splitlines()
    data = "".join(line + ("\r\n", "\n", "\r")[number % 3] for number, line in enumerate(lines)).encode()
    reader, records = read(data)
    assert [record.line for record in records] == [5, 9]
    assert records[1].value_of("NAME") == "Joseph /Côté/"
    assert reader.warnings == []


def test_utf16_with_cr_line_breaks() -> None:
    data = FAMILY.decode().replace("\n", "\r").encode("utf-16-be")
    reader, records = read(data)
    assert reader.encoding == "utf-16-be"
    assert [(record.line, record.value_of("NAME")) for record in records] == [
        (5, "Hélène /Côté/"),
        (9, "Joseph /Côté/"),
    ]


def test_messy_layout_is_read_and_every_fault_reported_with_its_line() -> None:
    reader = open_gedcom_file(DATA / "messy_layout.ged")
    person, family = list(reader.records())
    assert person.value_of("NAME") == "Hélène /Côté/" and person.first("NAME").line == 6
    assert person.value_of("SEX") == "F"
    birth = person.first("BIRT")
    assert [(child.tag, child.value, child.line) for child in birth.children] == [
        ("DATE", "12 MAR 1921", 9),
        ("PLAC", "Montréal", 10),
    ]
    assert person.value_of("NOTE") == "Première ligne\nDeuxième ligne sans niveau"
    assert person.value_of("_NICK") == "Lena" and person.value_of("OCCU") == "Couturière"
    assert (family.tag, family.first("WIFE").pointer, family.first("WIFE").line) == ("FAM", "I1", 17)
    assert kinds(reader) == [
        (6, rd.INDENTED, {"count": 1}),
        (7, rd.SPACING, {"count": 2}),
        (9, rd.LEVEL_JUMP, {"level": 3, "previous": 1}),
        (10, rd.LEVEL_JUMP, {"level": 3, "previous": 1}),
        (12, rd.NOT_A_LINE, {"text": "Deuxième ligne sans niveau"}),
        (13, rd.BLANK, {"count": 1}),
        (17, rd.NO_TRLR, {"count": 2}),
    ]
    assert str(reader.warnings[1]) == (
        "line 7: Lines with extra spaces, tabs or leading zeros between their parts were read normally "
        "(lines: 2, the first one here)."
    )


def test_a_level_jump_keeps_the_jumped_line_s_own_children_under_it() -> None:
    _, (person,) = read(ged("0 @I1@ INDI\n1 BIRT\n3 DATE 1921\n4 TIME 10:00\n3 PLAC Montréal\n2 NOTE ok\n"))
    birth = person.first("BIRT")
    assert [child.tag for child in birth.children] == ["DATE", "PLAC", "NOTE"]
    assert birth.first("DATE").value_of("TIME") == "10:00"


def test_a_level_0_line_hidden_by_indentation_or_spaces_still_starts_a_record() -> None:
    reader, records = read(ged("0 @I1@ INDI\n1 NAME A\n  0 @I2@ INDI\n1 NAME B\n0  _PUBLISH\n1 WWW x\n"))
    assert [(record.tag, record.xref, record.line) for record in records] == [
        ("INDI", "I1", 5),
        ("INDI", "I2", 7),
        ("_PUBLISH", None, 9),
    ]
    assert records[1].value_of("NAME") == "B" and records[2].value_of("WWW") == "x"
    assert [warning.template for warning in reader.warnings] == [rd.INDENTED, rd.SPACING]


def test_a_record_whose_own_line_is_unreadable_is_skipped_with_its_lines() -> None:
    reader, records = read(ged("0 @I1@\n1 NAME Lost\n2 GIVN Lost\n0 @I2@ INDI\n1 NAME Kept\n"))
    assert [(record.xref, record.value_of("NAME")) for record in records] == [("I2", "Kept")]
    assert kinds(reader) == [
        (5, rd.SKIPPED, {"text": "0 @I1@"}),
        (6, rd.SKIPPED, {"text": "1 NAME Lost"}),
        (7, rd.SKIPPED, {"text": "2 GIVN Lost"}),
    ]


def test_a_second_head_is_ignored() -> None:
    reader, records = read(ged("0 HEAD\n1 CHAR ANSEL\n0 @I1@ INDI\n"))
    assert [record.xref for record in records] == ["I1"] and reader.declared_charset == "UTF-8"
    assert kinds(reader) == [(5, rd.EXTRA_HEAD, {})]


def test_text_that_looks_like_a_deep_line_is_text() -> None:
    reader, (person,) = read(ged("0 @I1@ INDI\n1 NOTE Un hiver terrible.\n1850 fut une année froide.\n"))
    assert person.value_of("NOTE") == "Un hiver terrible.\n1850 fut une année froide."
    assert [warning.template for warning in reader.warnings] == [rd.NOT_A_LINE]


def test_blank_lines_and_missing_final_newline_and_dos_end_mark() -> None:
    data = b"\n\n" + ged("0 @I1@ INDI\n\n1 NAME A\n", trailer="0 TRLR") + b"\x1a"
    reader, records = read(data)
    assert [(record.xref, record.line, record.value_of("NAME")) for record in records] == [("I1", 7, "A")]
    assert kinds(reader) == [(1, rd.BLANK, {"count": 3})]


def test_lf_cr_files_have_no_blank_lines_to_report() -> None:
    reader, records = read(FAMILY.replace(b"\n", b"\n\r"))
    assert len(records) == 2 and reader.warnings == []


def test_missing_trlr_is_reported_only_once_the_end_is_reached() -> None:
    reader = open_gedcom(ged("0 @I1@ INDI\n1 NAME A\n0 @I2@ INDI\n1 NAME B\n", trailer=""))
    records = reader.records()
    assert isinstance(records, Iterator)
    assert next(records).xref == "I1" and reader.warnings == []
    assert [record.xref for record in records] == ["I2"]
    assert kinds(reader) == [(8, rd.NO_TRLR, {"count": 2})]  # the last line of the file


def test_a_file_cut_in_the_middle_of_a_record_reads_what_is_there() -> None:
    data = FAMILY[: FAMILY.index(b"Joseph") + 3]
    reader, records = read(data)
    assert [(record.xref, record.value_of("NAME")) for record in records] == [("I1", "Hélène /Côté/"), ("I2", "Jos")]
    assert [str(warning) for warning in reader.warnings] == [
        "line 10: The file ends without its closing TRLR line, so it may have been cut short; "
        "the 2 records found were read."
    ]


def test_records_after_trlr_are_ignored_with_a_warning() -> None:
    reader, records = read(ged("0 @I1@ INDI\n", trailer="0 TRLR\n0 @I9@ INDI\n"))
    assert [record.xref for record in records] == ["I1"]
    assert kinds(reader) == [(6, rd.AFTER_TRLR, {})]


def test_content_faults_are_listed_up_to_a_cap_then_counted() -> None:
    body = "0 @N1@ NOTE start\n" + "".join(f"stray line {number}\n" for number in range(60))
    reader, (note,) = read(ged(body))
    assert note.value.count("\n") == 60 and note.value.endswith("\nstray line 59")
    listed = [warning for warning in reader.warnings if warning.template == rd.NOT_A_LINE]
    assert len(listed) == 50 and listed[0].line == 6
    assert kinds(reader)[-1] == (56, rd.MORE, {"count": 10})


def test_layout_faults_are_counted_in_one_warning() -> None:
    body = "0 @I1@ INDI\n" + "".join(f" 1 NOTE n{number}\n" for number in range(1000))
    reader, (person,) = read(ged(body))
    assert len(person.all("NOTE")) == 1000
    assert kinds(reader) == [(6, rd.INDENTED, {"count": 1000})]


def test_records_can_be_read_twice_without_doubling_warnings() -> None:
    reader = open_gedcom_file(DATA / "messy_layout.ged")
    first = [node_to_data(record) for record in reader.records()]
    first_warnings = [str(warning) for warning in reader.warnings]
    assert [node_to_data(record) for record in reader.records()] == first
    assert [str(warning) for warning in reader.warnings] == first_warnings


def test_conc_keeps_the_space_that_ends_a_piece_or_starts_the_next() -> None:
    body = "0 @I1@ INDI\n1 NOTE The quick \n2 CONC brown\n2 CONC  fox\n2 CONT jumps\n2 CONT\n2 CONC over\n"
    _, (person,) = read(ged(body))
    assert person.value_of("NOTE") == "The quick brown fox\njumps\nover"
    assert person.first("NOTE").children == []


def test_conc_cut_inside_multibyte_utf8_characters_is_joined_into_the_right_characters() -> None:
    reader = open_gedcom_file(DATA / "conc_split_utf8.ged")
    (person,) = list(reader.records())
    assert reader.encoding == "utf-8"
    assert person.value_of("NOTE") == "Née à Montréal, prix 10 €, arbre 🌳 fin."
    assert person.value_of("NAME") == "Hélène /Côté/"
    assert reader.warnings == []


def test_conc_cut_between_an_ansel_accent_and_its_letter() -> None:
    data = b"0 HEAD\n1 CHAR ANSEL\n0 @I1@ INDI\n1 NOTE Montr\xe2\n2 CONC eal et Qu\xe2ebec\n0 TRLR\n"
    reader, (person,) = read(data)
    assert reader.encoding == "ansel"
    assert person.value_of("NOTE") == "Montréal et Québec"


def test_decomposed_accent_starting_a_conc_is_composed_after_joining() -> None:
    _, (person,) = read(ged("0 @I1@ INDI\n1 NOTE Montre\n2 CONC \u0301al\n1 NAME Re\u0301jean\n"))
    assert person.value_of("NOTE") == "Montréal" and person.value_of("NAME") == "Réjean"


def test_at_signs_in_551_every_double_is_one() -> None:
    body = (
        "0 @I1@ INDI\n1 EMAIL me@@example.com\n1 NOTE @@@@ and @@x\n1 BIRT\n2 DATE @#DJULIAN@ 1 JAN 1700\n1 FAMS @F1@\n"
    )
    _, (person,) = read(ged(body))
    assert person.value_of("EMAIL") == "me@example.com"
    assert person.value_of("NOTE") == "@@ and @x"
    assert person.first("BIRT").value_of("DATE") == "@#DJULIAN@ 1 JAN 1700"
    assert (person.value_of("FAMS"), person.first("FAMS").pointer) == ("@F1@", "F1")


def test_at_signs_in_70_only_a_leading_double_is_one() -> None:
    body = "0 @I1@ INDI\n1 NOTE @@me and a@@b\n2 CONT @@@@ four\n1 BIRT\n2 DATE @#DJULIAN@ 1 JAN 1700\n"
    reader, (person,) = read(ged(body, version="7.0"))
    assert reader.version == "7.0"
    assert person.value_of("NOTE") == "@me and a@@b\n@@@ four"
    assert person.first("BIRT").value_of("DATE") == "@#DJULIAN@ 1 JAN 1700"


def test_header_fields() -> None:
    reader = open_gedcom(ged("", version="5.5.1").replace(b"1 GEDC", b"1 SOUR Heredis\n2 VERS 14\n1 GEDC"))
    assert (reader.version, reader.declared_charset, reader.source_program) == ("5.5.1", "UTF-8", "Heredis")
    assert reader.header.tag == "HEAD" and reader.header.line == 1
    assert list(reader.records()) == []


def test_lowercase_tags_are_upper_cased_and_xrefs_lose_their_at_signs() -> None:
    _, (person,) = read(ged("0 @I1@ indi\n1 Name A /B/\n1 _uid 123\n"))
    assert (person.tag, person.xref) == ("INDI", "I1")
    assert [child.tag for child in person.children] == ["NAME", "_UID"]


@pytest.mark.parametrize(
    ("data", "template", "params"),
    [
        (b"", enc.EMPTY, {}),
        (b"\r\n  \n\x1a", enc.EMPTY, {}),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01", enc.BINARY_KIND, {"kind": "JPEG"}),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", enc.BINARY_KIND, {"kind": "PNG"}),
        (b"PK\x03\x04\x14\x00\x00\x00", enc.BINARY_KIND, {"kind": "ZIP"}),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", enc.BINARY_KIND, {"kind": "PDF"}),
        (bytes(range(256)) * 4, enc.BINARY, {}),
        ("nom,naissance\nHélène Côté,1921\n".encode(), enc.NOT_GEDCOM, {"start": "nom,naissance"}),
        ("nom;naissance\r\n".encode("utf-16"), enc.NOT_GEDCOM, {"start": "nom;naissance"}),
        (b"0 HEAD\n1 CHAR UTF-8\n1 GED", enc.TRUNCATED, {}),
        (b"0 HEAD", enc.TRUNCATED, {}),
    ],
    ids=["empty", "blank", "jpeg", "png", "zip", "pdf", "binary", "csv", "utf16-csv", "cut-header", "head-only"],
)
def test_what_is_not_gedcom_is_refused_with_a_clear_message(data: bytes, template: str, params: dict) -> None:
    with pytest.raises(GedcomReadError) as error:
        open_gedcom(data)
    assert (error.value.template, error.value.params, error.value.line) == (template, params, None)
    assert str(error.value) == template % params


def test_refusal_messages_read_well() -> None:
    with pytest.raises(GedcomReadError, match=r"^This is not a GEDCOM file: it is a JPEG file\.$"):
        open_gedcom(b"\xff\xd8\xff\xe0")
    with pytest.raises(GedcomReadError, match=r'should begin with the line "0 HEAD" but begins with "nom,naissance"'):
        open_gedcom(b"nom,naissance\n")


def test_an_empty_file_on_disk_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.ged"
    path.write_bytes(b"")
    with pytest.raises(GedcomReadError, match="empty"):
        open_gedcom_file(path)


def test_a_file_bigger_than_a_chunk_streams_with_right_lines() -> None:
    """Records on both sides of every chunk boundary (1 MiB) come out whole, with their original line numbers."""
    people = 30_000
    body = "".join(
        f"0 @I{number}@ INDI\r\n1 NAME Personne {number} /Côté/\r\n1 NOTE ligne\r\n2 CONC  suite\r\n"
        for number in range(people)
    )
    data = ged("", trailer="").replace(b"\n", b"\r\n") + body.encode() + b"0 TRLR\r\n"
    assert len(data) > 2 * (1 << 20)
    reader, records = read(data)
    assert len(records) == people and reader.warnings == []
    assert all(record.line == 5 + 4 * number for number, record in enumerate(records))
    assert all(record.value_of("NOTE") == "ligne suite" for record in records)
    assert records[-1].value_of("NAME") == f"Personne {people - 1} /Côté/"


def test_iter_chunks_cuts_only_before_level_0_lines() -> None:
    data = b"0 HEAD\r\n1 X\r\n0 @I1@ INDI\r\n1 NAME A\r\n0 @I2@ INDI\n\r0 TRLR"
    chunks = list(enc.iter_chunks(data, 0, len(data), size=12))
    assert b"".join(chunk for _, chunk in chunks) == data
    assert all(chunk.startswith(b"0 ") for _, chunk in chunks)
    assert [offset for offset, _ in chunks] == [0, data.index(b"0 @I1@"), data.index(b"0 @I2@"), data.index(b"0 TRLR")]


def test_node_lookup_helpers() -> None:
    person = node_from_data(["INDI", "", "I1", [["NAME", "A /B/"], ["NAME", "C /D/"], ["FAMS", "@F1@"]]])
    assert person.first("NAME").value == "A /B/" and person.first("BIRT") is None
    assert [name.value for name in person.all("NAME")] == ["A /B/", "C /D/"]
    assert person.value_of("NAME") == "A /B/" and person.value_of("SEX", "U") == "U" and person.value_of("SEX") == ""
    assert person.first("FAMS").pointer == "F1"


@pytest.mark.parametrize(
    ("value", "pointer"),
    [
        ("@I1@", "I1"),
        ("@VOID@", "VOID"),
        ("@#DJULIAN@ 1700", None),
        ("@#DJULIAN@", None),
        ("a@b", None),
        ("@@", None),
        ("", None),
        ("@I1@ x", None),
    ],
)
def test_pointer(value: str, pointer: str | None) -> None:
    assert GedcomNode("FAMC", value).pointer == pointer


def test_node_data_is_compact_and_round_trips() -> None:
    node = GedcomNode(
        "INDI",
        "",
        "I1",
        5,
        [GedcomNode("NAME", "A", None, 6, [GedcomNode("SURN", "B", line=7)]), GedcomNode("SEX", line=8)],
    )
    data = node_to_data(node)
    assert data == ["INDI", "", "I1", [["NAME", "A", None, [["SURN", "B"]]], ["SEX"]]]
    rebuilt = node_from_data(data)
    assert node_to_data(rebuilt) == data and rebuilt.line == 0 and rebuilt.children[0].children[0].value == "B"
