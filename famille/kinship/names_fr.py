"""French (Québec) kinship words (the rules are in :mod:`famille.kinship.names`)."""

from __future__ import annotations

from famille.kinship.names import Forms, Kin, build_forms, either, ordinal

NUMBERS = ["", "une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix"]

#: The first steps by marriage that have their own words, by (up, down).
BY_MARRIAGE: dict[str, dict[tuple[int, int], Forms]] = {
    "partner_relative": {
        (1, 0): either("beau-père", "belle-mère", "ou", "beau-parent"),
        (0, 1): either("beau-fils", "belle-fille", "ou"),
        (1, 1): either("beau-frère", "belle-sœur", "ou"),
    },
    "relative_partner": {
        (1, 0): either("beau-père", "belle-mère", "ou", "beau-parent"),
        (0, 1): either("gendre", "belle-fille", "ou"),
        (1, 1): either("beau-frère", "belle-sœur", "ou"),
    },
}


def arrieres(count: int) -> str:
    """ "arrière-" repeated ``count`` times, counted from three on: "arrière-arrière-", "3e arrière-"."""
    if count >= 3:
        return f"{ordinal(count, 'fr')} arrière-"
    return "arrière-" * count


def _gap(up: int, down: int) -> str:
    """How many generations apart two cousins are, and which way: " de la génération au-dessus" (older)."""
    gap = abs(up - down)
    way = "au-dessus" if up > down else "au-dessous"
    if gap == 1:
        return f" de la génération {way}"
    return f" de {NUMBERS[gap] if gap < len(NUMBERS) else gap} générations {way}"


def _cousin(up: int, down: int, half: bool) -> Forms:
    rank = min(up, down) - 1
    prefix = "demi-" if half else ""
    if rank == 1 and abs(up - down) == 1:
        male, female = ("oncle", "tante") if up > down else ("neveu", "nièce")
        return either(prefix + male, prefix + female, "ou").map(lambda word: f"{word} à la mode de Bretagne")
    if rank == 1:
        male, female = "cousin germain", "cousine germaine"
    elif rank == 2:
        male, female = "cousin issu de germain", "cousine issue de germain"
    else:
        male, female = "cousin", "cousine"
    rank_words = f" au {ordinal(rank, 'fr')} degré" if rank > 2 else ""
    gap = _gap(up, down) if up != down else ""
    return either(prefix + male, prefix + female, "ou").map(lambda word: word + rank_words + gap)


def _line(up: int, down: int) -> Forms:
    """Ancestors and descendants: père, grand-mère, arrière-petit-fils…"""
    generations = up or down
    if down == 0:
        if generations == 1:
            return either("père", "mère", "ou", "parent")
        grand = arrieres(generations - 2) + "grand-"
        return either(grand + "père", grand + "mère", "ou", grand + "parent")
    if generations == 1:
        return either("fils", "fille", "ou", "enfant")
    small = arrieres(generations - 2)
    return either(small + "petit-fils", small + "petite-fille", "ou", small + "petit-enfant")


def _blood(up: int, down: int, half: bool) -> Forms:
    if up == down == 0:
        return either("la même personne", "la même personne", "ou")
    if down == 0 or up == 0:
        return _line(up, down)
    prefix = "demi-" if half else ""
    if up == down == 1:
        return either(prefix + "frère", prefix + "sœur", "ou")
    if down == 1:
        grand = "" if up == 2 else arrieres(up - 3) + "grand-"
        return either(f"{prefix}{grand}oncle", f"{prefix}{grand}tante", "ou")
    if up == 1:
        small = "" if down == 2 else arrieres(down - 3)
        if down == 2:
            return either(f"{prefix}neveu", f"{prefix}nièce", "ou")
        return either(f"{prefix}{small}petit-neveu", f"{prefix}{small}petite-nièce", "ou")
    return _cousin(up, down, half)


def forms(kin: Kin) -> Forms:
    """The French words for ``kin``, by sex."""
    return build_forms(
        kin, blood=_blood, by_marriage=BY_MARRIAGE, spouse=either("conjoint", "conjointe", "ou"), suffix=" par alliance"
    )
