"""Text folding for keys and search: accent- and case-insensitive ("Côté" and "cote" fold alike)."""

from __future__ import annotations

import unicodedata

# Letters that Unicode does not decompose into a base letter and an accent.
_LIGATURES = str.maketrans(
    {"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "ẞ": "ss", "ø": "o", "Ø": "o"}
    | {"ł": "l", "Ł": "l", "đ": "d", "Đ": "d"}
)


def fold(text: str) -> str:
    """Lower-case ``text``, drop its accents and collapse white space, for keys and search."""
    if text.isascii():
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
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
