"""English kinship words (the rules are in :mod:`famille.kinship.names`)."""

from __future__ import annotations

from famille.kinship.names import Forms, Kin, build_forms, either, ordinal

ORDINALS = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]
TIMES = ["", "once", "twice", "three times", "four times", "five times", "six times", "seven times"]

#: The first steps by marriage that have their own words, by (up, down).
BY_MARRIAGE: dict[str, dict[tuple[int, int], Forms]] = {
    "partner_relative": {
        (1, 0): either("father-in-law", "mother-in-law", "or", "parent-in-law"),
        (0, 1): either("stepson", "stepdaughter", "or", "stepchild"),
        (1, 1): either("brother-in-law", "sister-in-law", "or", "sibling-in-law"),
    },
    "relative_partner": {
        (1, 0): either("stepfather", "stepmother", "or", "stepparent"),
        (0, 1): either("son-in-law", "daughter-in-law", "or", "child-in-law"),
        (1, 1): either("brother-in-law", "sister-in-law", "or", "sibling-in-law"),
    },
}


def greats(count: int) -> str:
    """ "great-" repeated ``count`` times, counted from three on: "great-great-", "3rd-great-"."""
    if count >= 3:
        return f"{ordinal(count, 'en')}-great-"
    return "great-" * count


def _cousin(up: int, down: int, half: bool) -> Forms:
    rank = min(up, down) - 1
    word = f"{ORDINALS[rank] if rank < len(ORDINALS) else ordinal(rank, 'en')} cousin"
    gap = abs(up - down)
    if gap:
        word += f" {TIMES[gap] if gap < len(TIMES) else f'{gap} times'} removed"
    word = f"half {word}" if half else word
    return Forms(word, word, word)


def _blood(up: int, down: int, half: bool) -> Forms:
    if up == down == 0:
        return Forms("the same person", "the same person", "the same person")
    if down == 0 or up == 0:
        generations = up or down
        male, female, neutral = ("father", "mother", "parent") if down == 0 else ("son", "daughter", "child")
        if generations == 1:
            return Forms(male, female, neutral)
        grand = greats(generations - 2) + "grand"
        if down == 0:
            return Forms(grand + male, grand + female, grand + neutral)
        return Forms(grand + "son", grand + "daughter", grand + "child")
    prefix = "half-" if half else ""
    if up == down == 1:
        return Forms(prefix + "brother", prefix + "sister", prefix + "sibling")
    if down == 1 or up == 1:
        prefix += greats(max(up, down) - 2)
        male, female = ("uncle", "aunt") if down == 1 else ("nephew", "niece")
        return either(prefix + male, prefix + female, "or")
    return _cousin(up, down, half)


def forms(kin: Kin) -> Forms:
    """The English words for ``kin``, by sex."""
    return build_forms(
        kin,
        blood=_blood,
        by_marriage=BY_MARRIAGE,
        spouse=either("husband", "wife", "or", "spouse"),
        suffix=" by marriage",
    )
