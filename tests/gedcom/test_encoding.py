"""The same little Québec family, written in every encoding a genealogy program uses, reads the same."""

from __future__ import annotations

import codecs
import unicodedata

import pytest

from famille.gedcom import encoding as enc
from famille.gedcom.reader import UNDECODABLE, GedcomReadError, open_gedcom

FAMILY = """0 HEAD
1 SOUR Famille tests
1 GEDC
2 VERS 5.5.1
2 FORM LINEAGE-LINKED
1 CHAR {char}
0 @I1@ INDI
1 NAME Hélène /Côté/
1 SEX F
1 BIRT
2 DATE 12 MAR 1921
2 PLAC Montréal, Québec
1 FAMS @F1@
0 @I2@ INDI
1 NAME Joseph /Côté/
1 SEX M
1 FAMS @F1@
0 @F1@ FAM
1 HUSB @I2@
1 WIFE @I1@
1 MARR
2 PLAC Montréal, Québec
0 TRLR
"""

# ANSEL puts the combining accent before its letter: E2 is the acute, E1 the grave, E3 the circumflex.
ANSEL_BYTES = {"é": b"\xe2e", "è": b"\xe1e", "ô": b"\xe3o"}


def family(char: str, codec: str, bom: bytes = b"") -> bytes:
    """The family with HEAD.CHAR ``char``, encoded with ``codec`` (or by hand for ANSEL)."""
    text = FAMILY.format(char=char)
    if codec == "ansel":
        return b"".join(ANSEL_BYTES.get(letter) or letter.encode("ascii") for letter in text)
    return bom + text.encode(codec)


def check_family(data: bytes, expected_encoding: str, marr_line: int = 21, **options: str) -> None:
    """The two people, the accents composed, line numbers right, and nothing to warn about."""
    reader = open_gedcom(data, **options)
    records = list(reader.records())
    assert reader.encoding == expected_encoding
    assert [(record.tag, record.xref) for record in records] == [("INDI", "I1"), ("INDI", "I2"), ("FAM", "F1")]
    helene = records[0]
    assert helene.value_of("NAME") == "Hélène /Côté/"
    assert helene.first("BIRT").value_of("PLAC") == "Montréal, Québec"
    assert unicodedata.is_normalized("NFC", helene.value_of("NAME")) and len(helene.value_of("NAME")) == 13
    assert records[2].first("MARR").line == marr_line
    assert reader.warnings == []


ENCODINGS = [
    ("UTF-8", "utf-8", b"", "utf-8"),
    ("UTF-8", "utf-8", codecs.BOM_UTF8, "utf-8"),
    ("UNICODE", "utf-16-le", codecs.BOM_UTF16_LE, "utf-16-le"),
    ("UNICODE", "utf-16-be", codecs.BOM_UTF16_BE, "utf-16-be"),
    ("UNICODE", "utf-16-le", b"", "utf-16-le"),
    ("UNICODE", "utf-16-be", b"", "utf-16-be"),
    ("ANSEL", "ansel", b"", "ansel"),
    ("ANSI", "cp1252", b"", "cp1252"),
    ("WINDOWS", "cp1252", b"", "cp1252"),
    ("MACINTOSH", "mac_roman", b"", "mac-roman"),
    ("IBMPC", "cp437", b"", "cp437"),
    ("MSDOS", "cp850", b"", "cp850"),
    ("LATIN1", "latin-1", b"", "iso8859-1"),
    ("ISO-8859-1", "latin-1", b"", "iso8859-1"),
]


@pytest.mark.parametrize(("char", "codec", "bom", "expected"), ENCODINGS)
def test_the_family_reads_the_same_in_every_encoding(char: str, codec: str, bom: bytes, expected: str) -> None:
    check_family(family(char, codec, bom), expected)


def test_ansel_bytes_really_hold_the_accent_before_the_letter() -> None:
    assert b"1 NAME H\xe2el\xe1ene /C\xe3ot\xe2e/" in family("ANSEL", "ansel")


def test_ansel_keeps_stacked_accents_in_file_order() -> None:
    # Circumflex (E3) then acute (E2) before "a" is Vietnamese "ấ" (a, U+0302, U+0301), not "á" + circumflex.
    text, bad = enc.decode_chunk(b"1 NAME Tr\xe3\xe2an\n", "ansel")
    assert (text, bad) == ("1 NAME Tr\u1ea5n\n", None)


def test_ansel_undefined_byte_is_replaced_and_reported() -> None:
    text, bad = enc.decode_chunk(b"1 NAME ab\x80c\n", "ansel")
    assert text == "1 NAME ab\ufffdc\n" and bad == 9


def test_utf8_claim_on_windows_bytes_falls_back_to_cp1252_with_the_line() -> None:
    data = family("UTF-8", "cp1252")
    reader = open_gedcom(data)
    assert reader.encoding == "cp1252"
    assert [record.value_of("NAME") for record in reader.records()][0] == "Hélène /Côté/"
    assert [(warning.line, warning.params) for warning in reader.warnings] == [(8, {"declared": "UTF-8"})]
    assert "line 8: The file declares the character set UTF-8 but this line is not valid UTF-8" in str(
        reader.warnings[0]
    )


def test_ansel_claim_on_utf8_bytes_reads_utf8_with_a_warning() -> None:
    reader = open_gedcom(family("ANSEL", "utf-8"))
    check_family(family("ANSEL", "utf-8").replace(b"CHAR ANSEL", b"CHAR UTF-8"), "utf-8")
    assert reader.encoding == "utf-8"
    assert [warning.template for warning in reader.warnings] == [enc.CLAIMS_OTHER_IS_UTF8]


def test_ascii_claim_on_8bit_bytes_reads_windows_1252_with_a_warning() -> None:
    reader = open_gedcom(family("ASCII", "cp1252"))
    assert reader.encoding == "cp1252"
    assert next(reader.records()).value_of("NAME") == "Hélène /Côté/"
    assert [warning.template for warning in reader.warnings] == [enc.CLAIMS_OTHER_IS_8BIT]


def test_pure_ascii_file_declared_ascii_is_ascii_and_quiet() -> None:
    reader = open_gedcom(FAMILY.format(char="ASCII").replace("é", "e").replace("è", "e").replace("ô", "o").encode())
    assert reader.encoding == "ascii" and reader.warnings == []


def test_code_page_claim_on_utf8_bytes_reads_utf8_with_a_warning() -> None:
    reader = open_gedcom(family("ANSI", "utf-8"))
    assert reader.encoding == "utf-8"
    assert next(reader.records()).value_of("NAME") == "Hélène /Côté/"
    assert [warning.params for warning in reader.warnings] == [{"declared": "ANSI"}]


def test_missing_char_reads_utf8_quietly_and_8bit_as_windows_1252_with_a_warning() -> None:
    check_family(family("UTF-8", "utf-8").replace(b"1 CHAR UTF-8\n", b""), "utf-8", marr_line=20)
    reader = open_gedcom(family("UTF-8", "cp1252").replace(b"1 CHAR UTF-8\n", b""))
    assert reader.encoding == "cp1252" and reader.declared_charset is None
    assert [warning.template for warning in reader.warnings] == [enc.UNDECLARED_IS_8BIT]


def test_gedcom_7_has_no_char_and_is_utf8() -> None:
    data = family("UTF-8", "utf-8").replace(b"1 CHAR UTF-8\n", b"").replace(b"VERS 5.5.1", b"VERS 7.0")
    reader = open_gedcom(data)
    assert (reader.encoding, reader.version, reader.warnings) == ("utf-8", "7.0", [])


def test_unknown_charset_known_to_python_is_used() -> None:
    reader = open_gedcom(family("ISO-8859-15", "iso8859-15"))
    assert reader.encoding == "iso8859-15"
    assert next(reader.records()).value_of("NAME") == "Hélène /Côté/"


def test_unknown_charset_on_utf8_bytes_is_read_as_utf8_with_a_warning() -> None:
    reader = open_gedcom(family("KLINGON", "utf-8"))
    assert reader.encoding == "utf-8"
    assert [warning.template for warning in reader.warnings] == [enc.UNKNOWN_CHARSET]


@pytest.mark.parametrize(
    ("data", "override", "expected"),
    [
        (family("UTF-8", "cp1252"), "cp1252", "cp1252"),
        (family("UTF-8", "ansel"), "ansel", "ansel"),
        (family("ANSI", "utf-8"), "utf-8", "utf-8"),
        (family("UTF-8", "utf-16-le"), "utf-16", "utf-16-le"),
        (family("ANSI", "mac_roman"), "MacRoman", "mac-roman"),
    ],
)
def test_the_encoding_argument_overrides_every_clue(data: bytes, override: str, expected: str) -> None:
    check_family(data, expected, encoding=override)


def test_a_wrong_override_is_obeyed_and_the_damage_is_reported() -> None:
    reader = open_gedcom(family("ANSI", "cp1252"), encoding="utf-8")
    name = next(reader.records()).value_of("NAME")
    assert name == "H\ufffdl\ufffdne /C\ufffdt\ufffd/"
    assert [(warning.line, warning.template) for warning in reader.warnings] == [(8, UNDECODABLE)]
    assert open_gedcom(family("UTF-8", "utf-8"), encoding="cp1252").encoding == "cp1252"


def test_an_unknown_override_is_refused() -> None:
    with pytest.raises(GedcomReadError) as error:
        open_gedcom(family("UTF-8", "utf-8"), encoding="no-such-codec")
    assert str(error.value) == 'Unknown encoding "no-such-codec".'


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (codecs.BOM_UTF8 + b"0 HEAD", ("utf-8", 3)),
        (codecs.BOM_UTF16_LE + "0 HEAD".encode("utf-16-le"), ("utf-16-le", 2)),
        (codecs.BOM_UTF16_BE + "0 HEAD".encode("utf-16-be"), ("utf-16-be", 2)),
        (b"0 HEAD", (None, 0)),
    ],
)
def test_sniff_bom(head: bytes, expected: tuple[str | None, int]) -> None:
    assert enc.sniff_bom(head) == expected


def test_sniff_utf16_without_bom() -> None:
    assert enc.sniff_utf16("0 HEAD\n1 CHAR UNICODE\n".encode("utf-16-le")) == "utf-16-le"
    assert enc.sniff_utf16("0 HEAD\n1 CHAR UNICODE\n".encode("utf-16-be")) == "utf-16-be"
    assert enc.sniff_utf16(b"0 HEAD\n1 CHAR UTF-8\n") is None


def test_scan_utf8_finds_the_first_bad_byte_and_forgives_characters_cut_by_conc() -> None:
    assert enc.scan_utf8([(0, b"plain")]) == enc.Utf8Scan(True, None)
    assert enc.scan_utf8([(0, b"ok"), (100, "Côté".encode())]) == enc.Utf8Scan(False, None)
    assert enc.scan_utf8([(0, b"ok"), (100, b"C\xf4t\xe9")]) == enc.Utf8Scan(False, 101)
    assert enc.scan_utf8([(0, b"1 NOTE C\xc3\n2 CONC \xb4t\xc3\xa9\n")]) == enc.Utf8Scan(False, None)


def test_rejoin_moves_the_cut_character_onto_the_conc_line() -> None:
    data = b"1 NOTE Montr\xc3\r\n2 CONC \xa9al\r\n"
    assert enc.rejoin_split_characters(data, "utf-8") == b"1 NOTE Montr\r\n2 CONC \xc3\xa9al\r\n"
    assert enc.rejoin_split_characters(b"1 NOTE Montr\xe2\n2 CONC eal\n", "ansel") == b"1 NOTE Montr\n2 CONC \xe2eal\n"
    assert enc.rejoin_split_characters(data, "cp1252") == data
