"""French elision before names: "la fiche d'Hélène", not "la fiche de Hélène".

A French sentence that puts ``de`` before a placeholder cannot know the name it will hold; the rule (``de``
becomes ``d'`` before a vowel or a mute h) is applied when the sentence is filled in, for French only. Given
names beginning with an h are nearly all mute-h names in French (Hélène, Henri, Hervé, Hubert), so an h counts
as a vowel here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from markupsafe import Markup

#: ``de`` before a ``%(name)s`` placeholder, as a whole word.
_DE_BEFORE = re.compile(r"\b([Dd])e %\((\w+)\)s")
_VOWELS = frozenset("aeiouyh")


def starts_with_vowel(value: object) -> bool:
    """Whether ``value``'s first letter (markup left aside, accents ignored) is a vowel or an h."""
    text = Markup(value).striptags() if isinstance(value, Markup) else str(value)
    text = text.lstrip(" \"'«“(")
    if not text:
        return False
    base = unicodedata.normalize("NFD", text[0])[0].lower()
    return base in _VOWELS


def elide(template: str, variables: Mapping[str, object]) -> str:
    """``template`` with ``de %(name)s`` turned into ``d'%(name)s`` where that name begins with a vowel."""
    if "e %(" not in template:
        return template

    def replace(match: re.Match[str]) -> str:
        value = variables.get(match.group(2))
        if value is None or not starts_with_vowel(value):
            return match.group(0)
        return f"{match.group(1)}'%({match.group(2)})s"

    elided = _DE_BEFORE.sub(replace, template)
    return Markup(elided) if isinstance(template, Markup) else elided
