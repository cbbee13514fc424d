"""Text folding for keys and search: accent- and case-insensitive ("Côté" and "cote" fold alike)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters that Unicode does not decompose into a base letter and an accent.
_LIGATURES = str.maketrans(
    {"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "ẞ": "ss", "ø": "o", "Ø": "o"}
    | {"ł": "l", "Ł": "l", "đ": "d", "Đ": "d"}
)


# The blocks of combining marks (accents) that NFKD separates from their letters.
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case ``text``, drop its accents and collapse white space, for keys and search.

    Remembered: names and places repeat thousands of times in a large tree.
    """
    if text.isascii():
        return " ".join(text.lower().split())
    bare = _MARKS.sub("", unicodedata.normalize("NFKD", text.translate(_LIGATURES)))
    return " ".join(bare.casefold().split())


_WORD_BREAKS = str.maketrans({"-": " ", "'": " ", "’": " ", ".": " ", ",": " ", "(": " ", ")": " ", '"': " "})


def words(text: str) -> list[str]:
    """The folded words of ``text``, split at spaces, hyphens, apostrophes and punctuation."""
    return fold(text).translate(_WORD_BREAKS).split()


def name_tokens(*parts: str) -> set[str]:
    """The search words of a person's names: each word, and each hyphenated name whole ("jean-baptiste")."""
    tokens: set[str] = set()
    for part in parts:
        folded = fold(part)
        tokens.update(word[:100] for word in folded.split() if "-" in word)
        tokens.update(word[:100] for word in words(part))
    return tokens
