"""Names of kinship in French (as used in Québec) and English, built from the shape of a relationship.

A relationship is a :class:`Kin`: generations ``up`` from the first person to the common ancestor, generations
``down`` from it to the second person, whether the two lines come from one ancestor only by different partners
(``half``), and whether it goes through a marriage. The name says what the *second* person is to the first, in
the second person's sex ("M", "F"; anything else gives the neutral form).

Rules, the same in both languages (see :mod:`famille.kinship.names_fr` and :mod:`famille.kinship.names_en` for
the words):

- Ancestors and descendants: one "arrière-" / "great-" per generation beyond the grandparents, written out twice
  (arrière-arrière-grand-père, great-great-grandfather), then counted: the 3rd, 4th… arrière / great
  ("3e arrière-grand-père", "3rd-great-grandfather" for the grandparent's grandparent's father). Uncles and
  nephews take the prefix of the ancestor or descendant they are siblings of (grand-oncle / great-uncle is a
  grandparent's brother, arrière-grand-oncle / great-great-uncle a great-grandparent's).
- Cousins: the rank is the generations from the nearer person to the common ancestor, minus one. French: cousin
  germain (1), cousin issu de germain (2), cousin au 3e degré (3 and beyond; this popular "degré" is the rank,
  not the civil degree). English: first, second… cousin.
- Cousins of different generations: English says "N times removed". French names a parent's first cousin
  "oncle (tante) à la mode de Bretagne" and that cousin's child "neveu (nièce) à la mode de Bretagne"; every other
  gap is said "de la génération au-dessus" (the second person is one generation older) or "au-dessous" (younger),
  "de deux générations au-dessus", and so on.
- Half relations (one shared ancestor, two different partners): demi-frère, demi-oncle…, half-brother,
  half-uncle…; "half first cousin".
- By marriage: ``"spouse"``; ``"partner_relative"`` (a blood relative of one's partner) and
  ``"relative_partner"`` (the partner of one's blood relative). Their first steps have their own words: beau-père
  / belle-mère, father-in-law, stepmother; gendre / belle-fille (Québec says belle-fille more than bru),
  son-in-law; beau-fils / belle-fille, stepson; beau-frère / belle-sœur, brother-in-law. Further ones are the blood
  name "par alliance" / "by marriage" (tante par alliance: an uncle's wife).
- The civil degree (Code civil du Québec, art. 656: one degree per generation, up to the common ancestor then
  down) is ``up + down``; by marriage it is the degree of the blood tie it goes through (the affinity degree), and
  a spouse has none.
- Unknown sex: the neutral word where the language has one (parent, enfant, petit-enfant, beau-parent; parent,
  child, sibling, cousin, spouse), otherwise both words joined ("oncle ou tante", "brother-in-law or
  sister-in-law" is avoided by "sibling-in-law").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

#: The kinds of relation by marriage, and each one's reverse.
MARRIAGES: dict[str | None, str | None] = {
    None: None,
    "spouse": "spouse",
    "partner_relative": "relative_partner",
    "relative_partner": "partner_relative",
}

LANGUAGES = ("fr", "en")


@dataclass(frozen=True, slots=True)
class Kin:
    """The shape of a relationship, seen from a first person towards a second one."""

    up: int
    down: int
    half: bool = False
    #: None (blood), "spouse", "partner_relative" or "relative_partner".
    marriage: str | None = None

    @property
    def degree(self) -> int | None:
        """The civil degree (affinity degree by marriage); None for a spouse and for the person themselves."""
        if self.marriage == "spouse" or (self.up, self.down, self.marriage) == (0, 0, None):
            return None
        return self.up + self.down

    def reversed(self) -> Kin:
        """The same relationship seen from the second person."""
        return replace(self, up=self.down, down=self.up, marriage=MARRIAGES[self.marriage])


@dataclass(frozen=True, slots=True)
class Forms:
    """A kinship word by sex: masculine, feminine and neutral (both joined when the language has no neutral one)."""

    male: str
    female: str
    neutral: str

    def pick(self, sex: str) -> str:
        """The word for this sex."""
        return {"M": self.male, "F": self.female}.get(sex, self.neutral)

    def map(self, change: Callable[[str], str]) -> Forms:
        """The same forms with ``change`` applied to each (a prefix, a suffix)."""
        return Forms(change(self.male), change(self.female), change(self.neutral))


def either(male: str, female: str, or_word: str, neutral: str | None = None) -> Forms:
    """Forms with a neutral word, or else the two words joined by ``or_word`` ("oncle ou tante")."""
    if neutral is None:
        neutral = male if male == female else f"{male} {or_word} {female}"
    return Forms(male, female, neutral)


def build_forms(
    kin: Kin,
    *,
    blood: Callable[[int, int, bool], Forms],
    by_marriage: dict[str, dict[tuple[int, int], Forms]],
    spouse: Forms,
    suffix: str,
) -> Forms:
    """A language's forms for ``kin``: its own words for the first steps by marriage, else blood + ``suffix``."""
    if kin.marriage == "spouse":
        return spouse
    if kin.marriage:
        special = by_marriage[kin.marriage].get((kin.up, kin.down))
        if special:
            return special
        return blood(kin.up, kin.down, False).map(lambda word: word + suffix)
    return blood(kin.up, kin.down, kin.half)


def kin_name(kin: Kin, sex: str, lang: str) -> str:
    """What the second person is to the first, in ``lang`` ("fr" or "en"; anything else gives English)."""
    from famille.kinship import names_en, names_fr

    module = names_fr if lang == "fr" else names_en
    return module.forms(kin).pick(sex)


def ordinal(number: int, lang: str, sex: str = "M") -> str:
    """A number as a short ordinal: 1er/1re, 2e… in French; 1st, 2nd, 3rd, 4th, 11th… in English."""
    if lang == "fr":
        if number == 1:
            return "1re" if sex == "F" else "1er"
        return f"{number}e"
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th') }"


def degree_label(degree: int, lang: str) -> str:
    """The civil degree as words: "6e degré", "6th degree"."""
    return f"{ordinal(degree, lang)} degré" if lang == "fr" else f"{ordinal(degree, lang)} degree"
