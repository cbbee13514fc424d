"""Our own GEDCOM tree: one node per structure, values already joined, unescaped and NFC.

The reader turns python-gedcom's elements into these nodes so that the importer, the exporter and the tests
never depend on python-gedcom's API. CONC and CONT lines do not appear as children: they are joined into the
value of the line they continue ("\\n" for CONT). Unmodelled subtrees are stored in the database verbatim through
:func:`node_to_data` and brought back with :func:`node_from_data`.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class GedcomNode:
    """One GEDCOM structure: tag, joined value, optional record id, original line and substructures."""

    tag: str
    value: str = ""
    xref: str | None = None
    line: int = 0
    children: list[GedcomNode] = field(default_factory=list)

    def first(self, tag: str) -> GedcomNode | None:
        """Return the first direct child with ``tag``, or None."""
        for child in self.children:
            if child.tag == tag:
                return child
        return None

    def all(self, tag: str) -> list[GedcomNode]:
        """Return every direct child with ``tag``, in file order."""
        return [child for child in self.children if child.tag == tag]

    def value_of(self, tag: str, default: str = "") -> str:
        """Return the value of the first direct child with ``tag``, or ``default`` when there is none."""
        child = self.first(tag)
        return default if child is None else child.value

    @property
    def pointer(self) -> str | None:
        """The record id this value points to ("I1" for "@I1@"), or None when the value is not a pointer.

        Date calendar escapes such as "@#DJULIAN@" are not pointers.
        """
        value = self.value
        if len(value) > 2 and value[0] == "@" and value[-1] == "@" and value[1] != "#":
            inner = value[1:-1]
            if "@" not in inner:
                return inner
        return None


def node_to_data(node: GedcomNode) -> list:
    """Return a compact JSON-able form of ``node``: ``[tag, value, xref, [children...]]``.

    Trailing empty parts are left out (no children, then no xref, then an empty value), so a plain leaf is
    just ``["TAG", "value"]`` or ``["TAG"]``. Line numbers are not kept.
    """
    data: list = [node.tag, node.value, node.xref, [node_to_data(child) for child in node.children]]
    if not data[3]:
        data.pop()
        if data[2] is None:
            data.pop()
            if data[1] == "":
                data.pop()
    return data


def node_from_data(data: list) -> GedcomNode:
    """Rebuild a node (and its subtree) from :func:`node_to_data` output; line numbers are 0."""
    tag = data[0]
    value = data[1] if len(data) > 1 else ""
    xref = data[2] if len(data) > 2 else None
    children = [node_from_data(child) for child in data[3]] if len(data) > 3 else []
    return GedcomNode(tag, value, xref, 0, children)
