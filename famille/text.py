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
