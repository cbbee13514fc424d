"""Sentences about a relationship, in French and English, for the command line and plain-text uses.

Pages say the same through the Babel catalogs; here, outside any request, the words come from explicit tables so
that ``famille relationship --lang fr`` answers in French whatever catalogs are compiled. French elides "de"
before a vowel or a mute h ("cousin germain d'Hélène").
"""

from __future__ import annotations

from collections.abc import Sequence

from famille.kinship.names import Kin, kin_name

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "is_of": "{subject} is {other}'s {relation}.",
        "blood_degree": "Degree of kinship (civil count): {degree}",
        "marriage_degree": "Degree by marriage: {degree}",
        "ancestors": "Common ancestors: {names}",
        "and": " and ",
        "unrelated": "{a} and {b} are not related in the tree.",
        "same": "Both name one and the same person: {a}.",
    },
    "fr": {
        "is_of": "{subject} est {relation} {of_other}.",
        "blood_degree": "Degré de parenté (selon le Code civil) : {degree}",
        "marriage_degree": "Degré d'alliance : {degree}",
        "ancestors": "Ancêtres communs : {names}",
        "and": " et ",
        "unrelated": "{a} et {b} n'ont aucun lien de parenté dans l'arbre.",
        "same": "Les deux désignent une seule et même personne : {a}.",
    },
}

VOWELS = set("aeiouyhàâäéèêëîïôöùûüœæAEIOUYHÀÂÄÉÈÊËÎÏÔÖÙÛÜŒÆ")


def of_name(name: str) -> str:
    """French "de" before a name, elided before a vowel or an h: "de Marc", "d'Hélène"."""
    return f"d'{name}" if name[:1] in VOWELS else f"de {name}"


def is_of(subject: str, other: str, relation: str, lang: str) -> str:
    """ "Nicolas is Hélène's first cousin." in ``lang``."""
    texts = TEXTS.get(lang, TEXTS["en"])
    return texts["is_of"].format(subject=subject, other=other, relation=relation, of_other=of_name(other))


def report_lines(
    kin: Kin | None,
    *,
    names: tuple[str, str],
    sexes: tuple[str, str],
    ancestors: Sequence[Sequence[str]],
    lang: str,
) -> list[str]:
    """The answer about people A and B: what B is to A, what A is to B, the degree and the common ancestors."""
    texts = TEXTS.get(lang, TEXTS["en"])
    a_name, b_name = names
    if kin is None:
        return [texts["unrelated"].format(a=a_name, b=b_name)]
    if kin == Kin(0, 0):  # not "X is X's the same person", nor X as their own common ancestor
        return [texts["same"].format(a=a_name)]
    lines = [
        is_of(b_name, a_name, kin_name(kin, sexes[1], lang), lang),
        is_of(a_name, b_name, kin_name(kin.reversed(), sexes[0], lang), lang),
    ]
    if kin.degree is not None:
        key = "marriage_degree" if kin.marriage else "blood_degree"
        lines.append(texts[key].format(degree=kin.degree))
    if ancestors:
        groups = [texts["and"].join(group) for group in ancestors]
        lines.append(texts["ancestors"].format(names="; ".join(groups)))
    return lines
