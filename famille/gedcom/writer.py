"""Write :class:`GedcomNode` records as GEDCOM 5.5.1 lines, the inverse of the reader.

Values are split into CONT lines at each "\\n" and into CONC lines so that no line is longer than the standard
allows. A CONC split never falls next to a space, because many readers trim the ends of lines and would lose it;
nor between the two "@" of an escape, nor before a combining accent. Text values have every "@" doubled, as 5.5.1
requires, except pointers ("@I1@") and date calendar escapes ("@#DJULIAN@").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from famille.gedcom.nodes import GedcomNode

#: Longest line we write, without its line break: 255 including a CR LF terminator, as 5.5.1 counts it.
MAX_LINE = 253

_AT_SIGN = re.compile(r"(@#D[A-Z ]+@)|@")


def write_record(node: GedcomNode, level: int = 0) -> Iterator[str]:
    """Yield the lines (without line breaks) of ``node`` at ``level`` and of its whole subtree."""
    head = f"{level} @{node.xref}@ {node.tag}" if node.xref else f"{level} {node.tag}"
    texts = escape_value(node).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    yield from _split_line(head, texts[0], level + 1)
    for text in texts[1:]:
        yield from _split_line(f"{level + 1} CONT", text, level + 1)
    for child in node.children:
        yield from write_record(child, level + 1)


def escape_value(node: GedcomNode) -> str:
    """The value as written in 5.5.1: "@" doubled in text, pointers and calendar escapes left alone."""
    value = node.value
    if "@" not in value or node.pointer is not None:
        return value
    return _AT_SIGN.sub(lambda match: match.group(1) or "@@", value)


def _split_line(head: str, text: str, conc_level: int) -> Iterator[str]:
    """Yield ``head text``, continued on CONC lines while it is longer than :data:`MAX_LINE`."""
    while len(head) + 1 + len(text) > MAX_LINE:
        cut = _cut_point(text, max(MAX_LINE - len(head) - 1, 16))
        yield f"{head} {text[:cut]}"
        text = text[cut:]
        head = f"{conc_level} CONC"
    yield f"{head} {text}" if text else head


def _cut_point(text: str, room: int) -> int:
    """The longest prefix of at most ``room`` characters that ends and leaves a piece safe to split at."""
    for cut in range(room, 0, -1):
        before, after = text[cut - 1], text[cut]
        if before == " " or after == " " or before == after == "@" or unicodedata.combining(after):
            continue
        return cut
    return room  # a line of nothing but spaces: no safe place exists
