"""Plain text with its web addresses made clickable, and nothing else: the one way a post's text becomes HTML.

The text is escaped whole; only what starts with ``http://`` or ``https://`` becomes a link, so no other scheme
(``javascript:``, ``data:``…) can ever be produced, and no markup typed by a user survives. Punctuation closing a
sentence after an address ("see https://example.org.") stays outside the link.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

#: An address: the scheme, then anything up to white space, quotes or angle brackets.
_ADDRESS = re.compile(r"""https?://[^\s<>"'`]+""", re.IGNORECASE)
_TRAILING = ".,;:!?)]}»’"
#: A link's visible text is cut to this many characters (the whole address stays in href).
MAX_SHOWN = 60


def _split_trailing(address: str) -> tuple[str, str]:
    """The address without the punctuation that ends a sentence, and that punctuation."""
    kept = address.rstrip(_TRAILING)
    # A closing parenthesis belongs to the address when it opened one: https://fr.wikipedia.org/wiki/A_(B)
    while address[len(kept) : len(kept) + 1] == ")" and kept.count("(") > kept.count(")"):
        kept += ")"
    return kept, address[len(kept) :]


def linkify(text: str) -> Markup:
    """``text`` escaped, with its http(s) addresses as links that open without passing on who sent the reader."""
    parts: list[str] = []
    position = 0
    for match in _ADDRESS.finditer(text):
        address, trailing = _split_trailing(match.group(0))
        if len(address) <= len("https://"):
            continue
        shown = address if len(address) <= MAX_SHOWN else address[: MAX_SHOWN - 1] + "…"
        parts.append(str(escape(text[position : match.start()])))
        parts.append(str(Markup('<a href="{}" rel="nofollow noopener noreferrer">{}</a>').format(address, shown)))
        parts.append(str(escape(trailing)))
        position = match.end()
    parts.append(str(escape(text[position:])))
    return Markup("".join(parts))
