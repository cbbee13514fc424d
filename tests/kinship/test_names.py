"""The kinship names table: generations up and down, sex, half and marriage → French, English and civil degree."""

from __future__ import annotations

import pytest

from famille.kinship.names import Kin, degree_label, kin_name, ordinal

H, PR, RP, SP = "half", "partner_relative", "relative_partner", "spouse"

#: (up, down, sex, modifier, French, English, civil degree)
CASES: list[tuple[int, int, str, str | None, str, str, int | None]] = [
    # Ancestors
    (1, 0, "M", None, "père", "father", 1),
    (1, 0, "F", None, "mère", "mother", 1),
    (1, 0, "U", None, "parent", "parent", 1),
    (2, 0, "M", None, "grand-père", "grandfather", 2),
    (2, 0, "F", None, "grand-mère", "grandmother", 2),
    (2, 0, "U", None, "grand-parent", "grandparent", 2),
    (3, 0, "M", None, "arrière-grand-père", "great-grandfather", 3),
    (3, 0, "F", None, "arrière-grand-mère", "great-grandmother", 3),
    (4, 0, "M", None, "arrière-arrière-grand-père", "great-great-grandfather", 4),
    (4, 0, "F", None, "arrière-arrière-grand-mère", "great-great-grandmother", 4),
    (5, 0, "M", None, "3e arrière-grand-père", "3rd-great-grandfather", 5),
    (6, 0, "F", None, "4e arrière-grand-mère", "4th-great-grandmother", 6),
    (7, 0, "U", None, "5e arrière-grand-parent", "5th-great-grandparent", 7),
    (13, 0, "M", None, "11e arrière-grand-père", "11th-great-grandfather", 13),
    # Descendants
    (0, 1, "M", None, "fils", "son", 1),
    (0, 1, "F", None, "fille", "daughter", 1),
    (0, 1, "U", None, "enfant", "child", 1),
    (0, 2, "M", None, "petit-fils", "grandson", 2),
    (0, 2, "F", None, "petite-fille", "granddaughter", 2),
    (0, 2, "U", None, "petit-enfant", "grandchild", 2),
    (0, 3, "F", None, "arrière-petite-fille", "great-granddaughter", 3),
    (0, 4, "M", None, "arrière-arrière-petit-fils", "great-great-grandson", 4),
    (0, 5, "F", None, "3e arrière-petite-fille", "3rd-great-granddaughter", 5),
    # Siblings
    (1, 1, "M", None, "frère", "brother", 2),
    (1, 1, "F", None, "sœur", "sister", 2),
    (1, 1, "U", None, "frère ou sœur", "sibling", 2),
    (1, 1, "M", H, "demi-frère", "half-brother", 2),
    (1, 1, "F", H, "demi-sœur", "half-sister", 2),
    (1, 1, "U", H, "demi-frère ou demi-sœur", "half-sibling", 2),
    # Uncles and aunts
    (2, 1, "M", None, "oncle", "uncle", 3),
    (2, 1, "F", None, "tante", "aunt", 3),
    (2, 1, "U", None, "oncle ou tante", "uncle or aunt", 3),
    (2, 1, "M", H, "demi-oncle", "half-uncle", 3),
    (3, 1, "M", None, "grand-oncle", "great-uncle", 4),
    (3, 1, "F", None, "grand-tante", "great-aunt", 4),
    (4, 1, "M", None, "arrière-grand-oncle", "great-great-uncle", 5),
    (5, 1, "F", None, "arrière-arrière-grand-tante", "3rd-great-aunt", 6),
    (6, 1, "M", None, "3e arrière-grand-oncle", "4th-great-uncle", 7),
    # Nephews and nieces
    (1, 2, "M", None, "neveu", "nephew", 3),
    (1, 2, "F", None, "nièce", "niece", 3),
    (1, 2, "U", None, "neveu ou nièce", "nephew or niece", 3),
    (1, 3, "M", None, "petit-neveu", "great-nephew", 4),
    (1, 3, "F", None, "petite-nièce", "great-niece", 4),
    (1, 4, "F", None, "arrière-petite-nièce", "great-great-niece", 5),
    (1, 2, "F", H, "demi-nièce", "half-niece", 3),
    # Cousins of the same generation
    (2, 2, "M", None, "cousin germain", "first cousin", 4),
    (2, 2, "F", None, "cousine germaine", "first cousin", 4),
    (2, 2, "U", None, "cousin germain ou cousine germaine", "first cousin", 4),
    (2, 2, "F", H, "demi-cousine germaine", "half first cousin", 4),
    (3, 3, "M", None, "cousin issu de germain", "second cousin", 6),
    (3, 3, "F", None, "cousine issue de germain", "second cousin", 6),
    (4, 4, "M", None, "cousin au 3e degré", "third cousin", 8),
    (4, 4, "U", None, "cousin ou cousine au 3e degré", "third cousin", 8),
    (5, 5, "F", None, "cousine au 4e degré", "fourth cousin", 10),
    (12, 12, "M", None, "cousin au 11e degré", "11th cousin", 24),
    # Cousins of different generations
    (3, 2, "M", None, "oncle à la mode de Bretagne", "first cousin once removed", 5),
    (3, 2, "F", None, "tante à la mode de Bretagne", "first cousin once removed", 5),
    (3, 2, "U", None, "oncle ou tante à la mode de Bretagne", "first cousin once removed", 5),
    (2, 3, "M", None, "neveu à la mode de Bretagne", "first cousin once removed", 5),
    (2, 3, "F", None, "nièce à la mode de Bretagne", "first cousin once removed", 5),
    (4, 2, "M", None, "cousin germain de deux générations au-dessus", "first cousin twice removed", 6),
    (2, 4, "F", None, "cousine germaine de deux générations au-dessous", "first cousin twice removed", 6),
    (4, 3, "M", None, "cousin issu de germain de la génération au-dessus", "second cousin once removed", 7),
    (3, 4, "F", None, "cousine issue de germain de la génération au-dessous", "second cousin once removed", 7),
    (2, 5, "M", None, "cousin germain de trois générations au-dessous", "first cousin three times removed", 7),
    (7, 4, "F", None, "cousine au 3e degré de trois générations au-dessus", "third cousin three times removed", 11),
    # By marriage
    (0, 0, "M", SP, "conjoint", "husband", None),
    (0, 0, "F", SP, "conjointe", "wife", None),
    (0, 0, "U", SP, "conjoint ou conjointe", "spouse", None),
    (1, 0, "M", PR, "beau-père", "father-in-law", 1),
    (1, 0, "F", PR, "belle-mère", "mother-in-law", 1),
    (1, 0, "U", PR, "beau-parent", "parent-in-law", 1),
    (1, 0, "M", RP, "beau-père", "stepfather", 1),
    (1, 0, "F", RP, "belle-mère", "stepmother", 1),
    (0, 1, "M", PR, "beau-fils", "stepson", 1),
    (0, 1, "F", PR, "belle-fille", "stepdaughter", 1),
    (0, 1, "M", RP, "gendre", "son-in-law", 1),
    (0, 1, "F", RP, "belle-fille", "daughter-in-law", 1),
    (0, 1, "U", RP, "gendre ou belle-fille", "child-in-law", 1),
    (1, 1, "M", PR, "beau-frère", "brother-in-law", 2),
    (1, 1, "F", RP, "belle-sœur", "sister-in-law", 2),
    (1, 1, "U", RP, "beau-frère ou belle-sœur", "sibling-in-law", 2),
    (2, 1, "F", RP, "tante par alliance", "aunt by marriage", 3),
    (2, 1, "M", RP, "oncle par alliance", "uncle by marriage", 3),
    (2, 2, "M", RP, "cousin germain par alliance", "first cousin by marriage", 4),
    (2, 0, "F", PR, "grand-mère par alliance", "grandmother by marriage", 2),
    (1, 2, "M", PR, "neveu par alliance", "nephew by marriage", 3),
    # The person themselves
    (0, 0, "F", None, "la même personne", "the same person", None),
]


@pytest.mark.parametrize(("up", "down", "sex", "modifier", "french", "english", "degree"), CASES)
def test_names_table(
    up: int, down: int, sex: str, modifier: str | None, french: str, english: str, degree: int | None
) -> None:
    kin = Kin(up, down, half=modifier == H, marriage=None if modifier == H else modifier)
    assert kin_name(kin, sex, "fr") == french
    assert kin_name(kin, sex, "en") == english
    assert kin.degree == degree


def test_the_table_is_big_enough_and_has_no_repeated_case() -> None:
    keys = [case[:4] for case in CASES]
    assert len(CASES) >= 60
    assert len(set(keys)) == len(keys)


@pytest.mark.parametrize(
    ("kin", "reverse"),
    [
        (Kin(2, 1), Kin(1, 2)),
        (Kin(1, 0, marriage=PR), Kin(0, 1, marriage=RP)),
        (Kin(0, 0, marriage=SP), Kin(0, 0, marriage=SP)),
        (Kin(3, 3, half=True), Kin(3, 3, half=True)),
    ],
)
def test_reversed_relationships(kin: Kin, reverse: Kin) -> None:
    assert kin.reversed() == reverse


def test_father_in_law_and_son_in_law_are_each_others_reverse() -> None:
    kin = Kin(1, 0, marriage=PR)
    assert kin_name(kin, "M", "en") == "father-in-law"
    assert kin_name(kin.reversed(), "M", "en") == "son-in-law"
    assert kin_name(kin.reversed(), "F", "fr") == "belle-fille"


@pytest.mark.parametrize(
    ("number", "lang", "sex", "expected"),
    [(1, "fr", "M", "1er"), (1, "fr", "F", "1re"), (2, "fr", "M", "2e"), (1, "en", "M", "1st"), (2, "en", "M", "2nd")]
    + [(3, "en", "M", "3rd"), (11, "en", "M", "11th"), (12, "en", "M", "12th"), (22, "en", "M", "22nd")],
)
def test_ordinals(number: int, lang: str, sex: str, expected: str) -> None:
    assert ordinal(number, lang, sex) == expected


def test_degree_labels() -> None:
    assert degree_label(6, "fr") == "6e degré"
    assert degree_label(1, "fr") == "1er degré"
    assert degree_label(6, "en") == "6th degree"
    assert degree_label(1, "en") == "1st degree"
