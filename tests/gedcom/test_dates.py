"""Tests for famille.gedcom.dates and famille.gedcom.calendars: parsing, day ranges, conversions, formatting."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from famille.gedcom import calendars as cal
from famille.gedcom.dates import UNDATED_SORT_KEY, DatePart, GedcomDate, day_key, format_date, parse_date

# BC day keys use astronomical years (1 BC = 0, 44 BC = -43): key = year * 10000 + month * 100 + day.
BC44_JAN1 = -43 * 10000 + 101
BC44_DEC31 = -43 * 10000 + 1231

# (text, qualifier, start, end)
PARSE_CASES = [
    # exact and partial dates
    ("12 MAR 1850", "exact", 18500312, 18500312),
    ("1850", "exact", 18500101, 18501231),
    ("MAR 1850", "exact", 18500301, 18500331),
    ("FEB 1900", "exact", 19000201, 19000228),
    ("FEB 2000", "exact", 20000201, 20000229),
    ("29 FEB 2000", "exact", 20000229, 20000229),
    ("1850-03-12", "exact", 18500312, 18500312),
    ("1850-03", "exact", 18500301, 18500331),
    ("GREGORIAN 1850", "exact", 18500101, 18501231),
    ("@#DGREGORIAN@ 31 DEC 1997", "exact", 19971231, 19971231),
    # approximations keep the written range
    ("ABT 1850", "about", 18500101, 18501231),
    ("CAL 12 MAR 1850", "calculated", 18500312, 18500312),
    ("EST MAR 1850", "estimated", 18500301, 18500331),
    # ranges
    ("BEF 1900", "before", None, 18991231),
    ("BEF 12 MAR 1850", "before", None, 18500311),
    ("BEF MAR 1850", "before", None, 18500228),
    ("BEF 1 JAN 1", "before", None, 1231),
    ("AFT 1900", "after", 19010101, None),
    ("AFT MAR 1850", "after", 18500401, None),
    ("AFT 31 DEC 1899", "after", 19000101, None),
    ("BET 1850 AND 1860", "between", 18500101, 18601231),
    ("BET 12 MAR 1850 AND APR 1850", "between", 18500312, 18500430),
    ("BET 1860 AND 1850", "between", 18500101, 18601231),
    # periods
    ("FROM 1850 TO 1860", "from_to", 18500101, 18601231),
    ("FROM 12 MAR 1850 TO 3 APR 1851", "from_to", 18500312, 18510403),
    ("FROM 1850", "from", 18500101, None),
    ("TO 1860", "to", None, 18601231),
    ("TO 12 MAR 1860", "to", None, 18600312),
    # dual years name the new-style (next) year
    ("1699/00", "exact", 17000101, 17001231),
    ("1699/1700", "exact", 17000101, 17001231),
    ("13 JAN 1704/05", "exact", 17050113, 17050113),
    ("FEB 1699/00", "exact", 17000201, 17000228),
    # interpreted dates and phrases
    ("INT 1850 (from the census)", "interpreted", 18500101, 18501231),
    ("INT 12 MAR 1850 (12/3/50)", "interpreted", 18500312, 18500312),
    ("INT 1850", "interpreted", 18500101, 18501231),
    ("(stillborn)", "phrase", None, None),
    # Julian calendar
    ("@#DJULIAN@ 4 OCT 1582", "exact", 15821014, 15821014),
    ("@#DJULIAN@ 5 OCT 1582", "exact", 15821015, 15821015),
    ("@#DJULIAN@ 29 FEB 1700", "exact", 17000311, 17000311),
    ("@#DJULIAN@ 1700", "exact", 17000111, 17010111),
    ("JULIAN 12 MAR 1650", "exact", 16500322, 16500322),
    ("BET @#DJULIAN@ 1 JAN 1700 AND @#DGREGORIAN@ 1 FEB 1700", "between", 17000111, 17000201),
    # French republican calendar
    ("@#DFRENCH R@ 1 VEND 1", "exact", 17920922, 17920922),
    ("@#DFRENCH R@ 18 BRUM 8", "exact", 17991109, 17991109),
    ("FRENCH_R 9 THER 2", "exact", 17940727, 17940727),
    ("@#DFRENCH R@ 18 FRUC 5", "exact", 17970904, 17970904),
    ("@#DFRENCH R@ BRUM 8", "exact", 17991023, 17991121),
    ("@#DFRENCH R@ 8", "exact", 17990923, 18000922),
    ("@#DFRENCH R@ COMP 3", "exact", 17950917, 17950922),
    ("@#DFRENCH R@ 6 COMP 3", "exact", 17950922, 17950922),
    ("@#DFRENCH R@ 1 VEND 12", "exact", 18030924, 18030924),
    # Hebrew calendar
    ("@#DHEBREW@ 1 TSH 5785", "exact", 20241003, 20241003),
    ("HEBREW 5785", "exact", 20241003, 20250922),
    ("@#DHEBREW@ 1 TSH 5784", "exact", 20230916, 20230916),
    ("@#DHEBREW@ 14 ADS 5784", "exact", 20240324, 20240324),
    ("@#DHEBREW@ ADS 5784", "exact", 20240311, 20240408),
    ("@#DHEBREW@ 15 NSN 5784", "exact", 20240423, 20240423),
    ("INT 2 TVT 5758 (interpreted Hebrew date)", "interpreted", 19971231, 19971231),
    ("FROM @#DHEBREW@ 25 SVN 5757 TO @#DHEBREW@ 26 IYR 5757", "from_to", 19970602, 19970630),
    # before Christ
    ("44 BC", "exact", BC44_JAN1, BC44_DEC31),
    ("15 MAR 44 B.C.", "exact", -43 * 10000 + 315, -43 * 10000 + 315),
    ("5 MAY 0005 B.C.", "exact", -4 * 10000 + 505, -4 * 10000 + 505),
    ("1 BC", "exact", 101, 1231),
    ("ABT 4004 BCE", "about", -4003 * 10000 + 101, -4003 * 10000 + 1231),
    # unknown calendar: parsed, but cannot be placed on the time line
    ("@#DUNKNOWN@ 12 MAR 1850", "exact", None, None),
    # invalid dates keep nothing but their text
    ("31 FEB 1850", "invalid", None, None),
    ("29 FEB 1900", "invalid", None, None),
    ("32 JAN 1850", "invalid", None, None),
    ("0 JAN 1850", "invalid", None, None),
    ("12 MAR 0", "invalid", None, None),
    ("13 1850", "invalid", None, None),
    ("garbage", "invalid", None, None),
    ("10 JAN", "invalid", None, None),
    ("1699/01", "invalid", None, None),
    ("1699/00 BC", "invalid", None, None),
    ("BET 1850", "invalid", None, None),
    ("FROM 1850 TO", "invalid", None, None),
    ("ABT", "invalid", None, None),
    ("@#DROMAN@ 12 MAR 1850", "invalid", None, None),
    ("@#DFRENCH R@ 6 COMP 2", "invalid", None, None),
    ("@#DFRENCH R@ 31 BRUM 8", "invalid", None, None),
    ("@#DHEBREW@ 1 ADS 5785", "invalid", None, None),
    ("@#DHEBREW@ 1 TSH 5785 BC", "invalid", None, None),
    ("1850-13-01", "invalid", None, None),
    ("INT (no date)", "invalid", None, None),
    ("", "empty", None, None),
]


@pytest.mark.parametrize(("text", "qualifier", "start", "end"), PARSE_CASES)
def test_parse_date_qualifier_and_range(text: str, qualifier: str, start: int | None, end: int | None) -> None:
    date = parse_date(text)
    assert (date.qualifier, date.start, date.end) == (qualifier, start, end)
    assert date.text == text


def test_parse_case_table_is_large_and_covers_every_qualifier() -> None:
    assert len(PARSE_CASES) >= 50
    qualifiers = {case[1] for case in PARSE_CASES}
    assert qualifiers == {
        "exact", "about", "calculated", "estimated", "before", "after", "between", "from", "to", "from_to",
        "interpreted", "phrase", "invalid", "empty",
    }  # fmt: skip


def test_parts_keep_what_was_written() -> None:
    assert parse_date("12 MAR 1850").first == DatePart(1850, 3, 12, None, False, "gregorian")
    assert parse_date("1699/00").first == DatePart(1699, None, None, 1700, False, "gregorian")
    assert parse_date("1699/1700").first == DatePart(1699, None, None, 1700, False, "gregorian")
    assert parse_date("44 BC").first == DatePart(44, None, None, None, True, "gregorian")
    assert parse_date("@#DJULIAN@ 12 MAR 1650").first == DatePart(1650, 3, 12, None, False, "julian")
    assert parse_date("@#DFRENCH R@ 18 BRUM 8").first == DatePart(8, 2, 18, None, False, "french_r")
    assert parse_date("HEBREW 14 ADS 5784").first == DatePart(5784, 7, 14, None, False, "hebrew")
    assert parse_date("@#DUNKNOWN@ 1850").first == DatePart(1850, None, None, None, False, "unknown")


def test_ranges_keep_both_parts_and_phrases_are_kept() -> None:
    between = parse_date("BET 1850 AND MAR 1860")
    assert between.first == DatePart(1850, None, None, None, False, "gregorian")
    assert between.second == DatePart(1860, 3, None, None, False, "gregorian")
    assert parse_date("FROM 1850").second is None
    assert parse_date("INT 1850 (from the census)").phrase == "from the census"
    assert parse_date("( stillborn )").phrase == "stillborn"
    assert parse_date("INT 1850").phrase is None
    assert parse_date("ABT 1850").phrase is None


def test_text_is_kept_as_written_but_stripped() -> None:
    assert parse_date("  abt.  12 mar 1850 \n").text == "abt.  12 mar 1850"
    assert parse_date("  garbage  ").text == "garbage"
    assert parse_date(None) == GedcomDate("", "empty", None, None, None, None, None)


# Forms real exporters write, each with the standard form that must mean the same thing.
TOLERANT_CASES = [
    ("Abt 1850", "ABT 1850"),
    ("abt. 1850", "ABT 1850"),
    ("ABOUT 1850", "ABT 1850"),
    ("circa 1850", "ABT 1850"),
    ("c. 1850", "ABT 1850"),
    ("ca 1850", "ABT 1850"),
    ("vers 1850", "ABT 1850"),
    ("  ABT   1850  ", "ABT 1850"),
    ("Cal. 1850", "CAL 1850"),
    ("calculé : 1850", "CAL 1850"),
    ("Est. 1850", "EST 1850"),
    ("estimé vers 1850", "EST 1850"),
    ("Bef. 1900", "BEF 1900"),
    ("before 1900", "BEF 1900"),
    ("avant 1900", "BEF 1900"),
    ("avant le 12 mars 1850", "BEF 12 MAR 1850"),
    ("Aft. 1900", "AFT 1900"),
    ("after 1900", "AFT 1900"),
    ("après 1900", "AFT 1900"),
    ("between 1850 and 1860", "BET 1850 AND 1860"),
    ("bet. 1850 and 1860", "BET 1850 AND 1860"),
    ("entre 1850 et 1860", "BET 1850 AND 1860"),
    ("from 1850 to 1860", "FROM 1850 TO 1860"),
    ("de 1850 à 1860", "FROM 1850 TO 1860"),
    ("du 12 mars 1850 au 3 avril 1851", "FROM 12 MAR 1850 TO 3 APR 1851"),
    ("depuis 1850", "FROM 1850"),
    ("jusqu'en 1860", "TO 1860"),
    ("jusqu’en 1860", "TO 1860"),
    ("12 Mar 1850", "12 MAR 1850"),
    ("12 mar 1850", "12 MAR 1850"),
    ("12 March 1850", "12 MAR 1850"),
    ("March 12, 1850", "12 MAR 1850"),
    ("12 mars 1850", "12 MAR 1850"),
    ("1er mars 1850", "1 MAR 1850"),
    ("18 SEPT 2006", "18 SEP 2006"),
    ("3 août 1850", "3 AUG 1850"),
    ("44 B.C.", "44 BC"),
    ("44 BCE", "44 BC"),
    ("44 av. J.-C.", "44 BC"),
    ("44 avant J.-C.", "44 BC"),
    ("23 AD", "23"),
    ("@#dJulian@ 12 mar 1650", "@#DJULIAN@ 12 MAR 1650"),
    ("JULIAN 12 MAR 1650", "@#DJULIAN@ 12 MAR 1650"),
    ("18 brumaire an VIII", "@#DFRENCH R@ 18 BRUM 8"),
    ("18 BRUM 8", "@#DFRENCH R@ 18 BRUM 8"),
    ("an VIII", "@#DFRENCH R@ 8"),
    ("2 TVT 5758", "@#DHEBREW@ 2 TVT 5758"),
]


@pytest.mark.parametrize(("written", "standard"), TOLERANT_CASES)
def test_tolerant_forms_mean_the_same_as_the_standard_form(written: str, standard: str) -> None:
    tolerant, expected = parse_date(written), parse_date(standard)
    assert expected.is_valid
    assert (tolerant.qualifier, tolerant.start, tolerant.end) == (expected.qualifier, expected.start, expected.end)
    assert tolerant.first == expected.first
    assert tolerant.text == written.strip()


# (text, English, French)
FORMAT_CASES = [
    ("12 MAR 1850", "12 March 1850", "12 mars 1850"),
    ("1 MAR 1850", "1 March 1850", "1er mars 1850"),
    ("MAR 1850", "March 1850", "mars 1850"),
    ("1850", "1850", "1850"),
    ("ABT 1850", "about 1850", "vers 1850"),
    ("ABT 12 MAR 1850", "about 12 March 1850", "vers le 12 mars 1850"),
    ("CAL 1850", "calculated 1850", "calculé : 1850"),
    ("EST 1850", "estimated 1850", "estimé vers 1850"),
    ("BEF 1900", "before 1900", "avant 1900"),
    ("BEF 1 JAN 1900", "before 1 January 1900", "avant le 1er janvier 1900"),
    ("AFT 1900", "after 1900", "après 1900"),
    ("BET 1850 AND 1860", "between 1850 and 1860", "entre 1850 et 1860"),
    ("BET MAR 1850 AND 2 APR 1850", "between March 1850 and 2 April 1850", "entre mars 1850 et le 2 avril 1850"),
    ("FROM 1850 TO 1860", "from 1850 to 1860", "de 1850 à 1860"),
    ("FROM 12 MAR 1850 TO 3 APR 1851", "from 12 March 1850 to 3 April 1851", "du 12 mars 1850 au 3 avril 1851"),
    ("FROM 1850", "from 1850", "depuis 1850"),
    ("TO 1860", "until 1860", "jusqu'en 1860"),
    ("TO 12 MAR 1860", "until 12 March 1860", "jusqu'au 12 mars 1860"),
    ("1699/00", "1699/00", "1699/00"),
    ("1699/1700", "1699/00", "1699/00"),
    ("13 JAN 1704/05", "13 January 1704/05", "13 janvier 1704/05"),
    ("44 BC", "44 BC", "44 av. J.-C."),
    ("15 MAR 44 BC", "15 March 44 BC", "15 mars 44 av. J.-C."),
    ("@#DJULIAN@ 12 MAR 1650", "12 March 1650 (Julian)", "12 mars 1650 (julien)"),
    ("@#DFRENCH R@ 18 BRUM 8", "18 Brumaire year VIII", "18 brumaire an VIII"),
    ("@#DFRENCH R@ 1 VEND 1", "1 Vendémiaire year I", "1er vendémiaire an I"),
    ("@#DFRENCH R@ 8", "year VIII", "an VIII"),
    ("ABT @#DFRENCH R@ 8", "about year VIII", "vers l'an VIII"),
    ("FROM @#DFRENCH R@ 2 TO @#DFRENCH R@ 8", "from year II to year VIII", "de l'an II à l'an VIII"),
    ("TO @#DFRENCH R@ 8", "until year VIII", "jusqu'à l'an VIII"),
    ("@#DFRENCH R@ 6 COMP 3", "6th complementary day year III", "6e jour complémentaire an III"),
    ("@#DFRENCH R@ COMP 3", "complementary days year III", "jours complémentaires an III"),
    ("@#DHEBREW@ 1 TSH 5785", "1 Tishrei 5785", "1er tichri 5785"),
    ("@#DHEBREW@ 14 ADR 5784", "14 Adar I 5784", "14 adar I 5784"),
    ("@#DHEBREW@ 14 ADS 5784", "14 Adar II 5784", "14 adar II 5784"),
    ("@#DHEBREW@ 14 ADR 5785", "14 Adar 5785", "14 adar 5785"),
    ("@#DUNKNOWN@ 1850", "1850 (unknown calendar)", "1850 (calendrier inconnu)"),
    ("INT 1850 (from the census)", "1850 (from the census)", "1850 (from the census)"),
    ("INT 1 MAR 1850", "1 March 1850", "1er mars 1850"),
    ("(stillborn)", "stillborn", "stillborn"),
    ("garbage", "garbage", "garbage"),
    ("31 FEB 1850", "31 FEB 1850", "31 FEB 1850"),
    ("", "", ""),
]


@pytest.mark.parametrize(("text", "english", "french"), FORMAT_CASES)
def test_format_date_in_both_languages(text: str, english: str, french: str) -> None:
    date = parse_date(text)
    assert format_date(date, "en") == english
    assert format_date(date, "fr") == french


def test_format_case_table_covers_every_qualifier() -> None:
    qualifiers = {parse_date(case[0]).qualifier for case in FORMAT_CASES}
    assert qualifiers == {case[1] for case in PARSE_CASES}


def test_format_date_shows_a_hand_built_range_without_its_second_part_as_written() -> None:
    broken = GedcomDate("BET 1850 AND ?", "between", parse_date("1850").first, None, None, None, None)
    assert format_date(broken, "fr") == "BET 1850 AND ?"


def test_format_date_accepts_regional_language_codes() -> None:
    date = parse_date("ABT 1 MAR 1850")
    assert format_date(date, "fr_CA") == format_date(date, "fr-CA") == "vers le 1er mars 1850"
    assert format_date(date, "en_US") == format_date(date, "de") == "about 1 March 1850"


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("12 MAR 1850", 1850),
        ("BEF 1900", 1900),
        ("TO 1860", 1860),
        ("BET 1850 AND 1860", 1850),
        ("1699/00", 1700),
        ("44 BC", -44),
        ("1 BC", -1),
        ("@#DJULIAN@ 25 DEC 1650", 1651),
        ("@#DFRENCH R@ 18 BRUM 8", 1799),
        ("@#DHEBREW@ 5785", 2024),
        ("@#DUNKNOWN@ 1850", None),
        ("(stillborn)", None),
        ("garbage", None),
    ],
)
def test_year_is_the_gregorian_year_of_the_first_date(text: str, year: int | None) -> None:
    assert parse_date(text).year == year


def test_sort_key_orders_bc_before_ad_and_undated_last() -> None:
    texts = ["garbage", "1850", "BEF 1800", "44 BC", "AFT 1850", "(phrase)", "100 BC", "12 MAR 1850", "1 BC", "1"]
    ordered = sorted(texts, key=lambda text: parse_date(text).sort_key)
    dated = ["100 BC", "44 BC", "1 BC", "1", "BEF 1800", "1850", "12 MAR 1850", "AFT 1850"]
    assert ordered == [*dated, "garbage", "(phrase)"]
    assert parse_date("garbage").sort_key == UNDATED_SORT_KEY
    assert parse_date("TO 1860").sort_key == 18601231


def test_is_valid_accepts_dates_and_phrases_only() -> None:
    assert parse_date("12 MAR 1850").is_valid
    assert parse_date("(stillborn)").is_valid
    assert parse_date("@#DUNKNOWN@ 1850").is_valid
    assert not parse_date("31 FEB 1850").is_valid
    assert not parse_date("").is_valid
    assert not parse_date(None).is_valid


def test_day_key_matches_parsed_keys() -> None:
    assert day_key(1850, 3, 12) == parse_date("12 MAR 1850").start
    assert day_key(-43, 1, 1) == BC44_JAN1


def _odd_strings() -> list[str]:
    """Fixed nasty inputs plus a reproducible shuffle of date fragments, separators and junk characters."""
    fixed = [
        "(", ")", "()", "((x)", "INT", "INT ()", "BET AND", "FROM TO", "@#D", "@#DFRENCH R@", "@", "@@", "/", "1/2",
        "9999/10000", "0000", "-1", "1e309", "٢٠٢٤", "²⁰²⁴", "MAR MAR MAR", "12 12 12", "\x00", "\t\n", "BC",
        "ABT ABT 1850", "BET 1850 AND 1860 AND 1870", "31 DEC 9999", "AFT 31 DEC 9999", "@#DHEBREW@ 13 ELL 9999",
        "@#DFRENCH R@ 6 COMP 9999", "an MMMM", "C", "VIII", "L'AN", "1 TSH", "JUSQU'EN", "é" * 500, "9" * 400,
    ]  # fmt: skip
    fragments = [
        "@#D", "@", "(", ")", "INT", "BET", "AND", "FROM", "TO", "ABT", "BEF", "AFT", "/", "-", "B.C.", "BCE", "31",
        "0", "1", "29", "9999", "99999", "FEB", "COMP", "ADS", "TSH", "VIII", "é", "’", "1699/00", "J.-C.", "..",
        "JULIAN", "@#DJULIAN@", "@#DHEBREW@", "FRENCH_R", "1850-02-30", "entre", "et", "à", "le", "\u200b", ",",
    ]  # fmt: skip
    rng = random.Random(20240101)
    generated = [
        rng.choice(["", " ", "  "]).join(rng.choice(fragments) for _ in range(rng.randint(1, 7))) for _ in range(3000)
    ]
    return fixed + generated


def test_parse_and_format_never_raise_on_odd_text() -> None:
    parsed = 0
    for text in _odd_strings():
        date = parse_date(text)
        assert date.text == text.strip()
        assert isinstance(format_date(date, "fr"), str)
        assert isinstance(format_date(date, "en"), str)
        if date.start is not None and date.end is not None:
            assert date.start <= date.end, text
        if date.qualifier == "invalid":
            assert (date.first, date.start, date.end, format_date(date, "en")) == (None, None, None, date.text)
        else:
            parsed += 1
    assert parsed > 100  # the generator does produce real dates too, so the range check above is exercised


# --- calendars -----------------------------------------------------------------------------------------------


def test_gregorian_day_numbers_round_trip() -> None:
    assert cal.gregorian_to_jdn(2000, 1, 1) == 2451545
    assert cal.gregorian_to_jdn(1792, 9, 22) == cal.FRENCH_EPOCH_JDN
    for jdn in range(0, 3_000_000, 997):
        assert cal.gregorian_to_jdn(*cal.jdn_to_gregorian(jdn)) == jdn


@pytest.mark.parametrize(
    ("julian", "gregorian"),
    [
        ((1582, 10, 4), (1582, 10, 14)),
        ((1700, 2, 28), (1700, 3, 10)),
        ((1752, 9, 2), (1752, 9, 13)),
        ((1918, 1, 31), (1918, 2, 13)),
        ((2000, 1, 1), (2000, 1, 14)),
        ((-3760, 10, 7), (-3760, 9, 7)),
    ],
)
def test_julian_to_gregorian(julian: tuple[int, int, int], gregorian: tuple[int, int, int]) -> None:
    assert cal.jdn_to_gregorian(cal.julian_to_jdn(*julian)) == gregorian


@pytest.mark.parametrize(
    ("hebrew_year", "rosh_hashanah"),
    [
        (5758, (1997, 10, 2)),
        (5780, (2019, 9, 30)),
        (5781, (2020, 9, 19)),
        (5782, (2021, 9, 7)),
        (5783, (2022, 9, 26)),
        (5784, (2023, 9, 16)),
        (5785, (2024, 10, 3)),
        (5786, (2025, 9, 23)),
    ],
)
def test_hebrew_new_years(hebrew_year: int, rosh_hashanah: tuple[int, int, int]) -> None:
    assert cal.jdn_to_gregorian(cal.hebrew_new_year(hebrew_year)) == rosh_hashanah


@pytest.mark.parametrize("hebrew_year", range(5700, 5800))
def test_hebrew_months_fill_the_year(hebrew_year: int) -> None:
    months = [cal.days_in_month(cal.HEBREW, hebrew_year, month) for month in range(1, 14)]
    length = cal.hebrew_new_year(hebrew_year + 1) - cal.hebrew_new_year(hebrew_year)
    assert sum(months) == length
    assert length in ((383, 384, 385) if cal.hebrew_is_leap(hebrew_year) else (353, 354, 355))
    assert (months[6] == 0) != cal.hebrew_is_leap(hebrew_year)


def test_french_republican_years_start_on_the_historical_days() -> None:
    starts = {1: (1792, 9, 22), 4: (1795, 9, 23), 8: (1799, 9, 23), 12: (1803, 9, 24), 14: (1805, 9, 23)}
    for year, gregorian in starts.items():
        assert cal.jdn_to_gregorian(cal.french_to_jdn(year, 1, 1)) == gregorian
    assert [year for year in range(1, 15) if cal.french_is_sextile(year)] == [3, 7, 11]


def test_roman_numerals() -> None:
    assert [cal.to_roman(n) for n in (1, 4, 8, 14, 79, 1999)] == ["I", "IV", "VIII", "XIV", "LXXIX", "MCMXCIX"]
    assert cal.from_roman("VIII") == 8
    assert cal.from_roman("IIII") is None
    assert cal.from_roman("MAI") is None


# --- the shared corpus of real files ---------------------------------------------------------------------------


def _corpus_dates(path: Path) -> list[str]:
    raw = path.read_bytes()
    utf16 = raw[:2] in (b"\xff\xfe", b"\xfe\xff") or raw[1:2] == b"\x00"
    text = raw.decode("utf-16" if utf16 else "latin-1")
    return re.findall(r"^\s*\d+\s+DATE[ \t]+(.*?)\s*$", text.replace("\r", "\n"), flags=re.MULTILINE)


@pytest.mark.corpus
def test_every_corpus_date_parses_and_the_torture_tests_are_all_valid(gedcom_corpus: Path) -> None:
    files = sorted(path for path in gedcom_corpus.iterdir() if path.suffix.lower() == ".ged")
    total = 0
    for path in files:
        for text in _corpus_dates(path):
            date = parse_date(text)
            total += 1
            if path.name.startswith("TGC") or path.name.endswith("70.ged"):
                assert date.is_valid, f"{path.name}: {text!r}"
    assert total > 1000
