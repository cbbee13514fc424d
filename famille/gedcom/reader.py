"""Read GEDCOM files from any program into :class:`GedcomNode` records, streamed one record at a time.

python-gedcom is the parser, and this is the only module that imports it. On its own it decodes every line as
UTF-8 and splits only on LF; so our front end first decodes the bytes (``encoding.py``), turns every line break
into LF and composes accents (NFC). Each level-0 record then goes to a fresh python-gedcom ``Parser`` as canonical
UTF-8 lines; a record it refuses (indentation, extra spaces, text lines, level jumps, blank lines) is rewritten
line by line into canonical form, with a warning per kind of fault, and parsed again. Memory stays flat because only
one chunk of about a megabyte is decoded at a time and records are yielded as soon as they are built.
"""

from __future__ import annotations

import bisect
import itertools
import mmap
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

from gedcom.element.element import Element
from gedcom.parser import GedcomFormatViolationError, Parser

from famille.gedcom import encoding as enc
from famille.gedcom.nodes import GedcomNode
from famille.markers import N_

INDENTED = N_("Lines beginning with spaces or tabs were read normally (lines: %(count)d, the first one here).")
SPACING = N_(
    "Lines with extra spaces, tabs or leading zeros between their parts were read normally "
    "(lines: %(count)d, the first one here)."
)
BLANK = N_("Blank lines were skipped (lines: %(count)d, the first one here).")
UNDECODABLE = N_("Some characters could not be read as %(encoding)s and were replaced by \ufffd (the first one here).")
NOT_A_LINE = N_('This line is not a GEDCOM line; it was added as a new line to the text above: "%(text)s".')
LEVEL_JUMP = N_(
    "This line is at level %(level)d but the line it belongs to is at level %(previous)d; "
    "it was read one level below that line."
)
SKIPPED = N_('This line could not be read and was skipped: "%(text)s".')
NO_TRLR = N_(
    "The file ends without its closing TRLR line, so it may have been cut short; the %(count)d records found were read."
)
AFTER_TRLR = N_("Records after the closing TRLR line were ignored.")
EXTRA_HEAD = N_("A second HEAD record was ignored.")
MORE = N_("More problems like the ones above were handled the same way (not listed: %(count)d, the first one here).")

_LINE = re.compile(r"[ \t]*([0-9]+)[ \t]+(?:(@[^@]+@)[ \t]+)?([A-Za-z0-9_]+)(?:[ \t](.*))?")
_CONTINUATIONS = ("CONC", "CONT")


def _format(line: int | None, template: str, params: dict[str, object]) -> str:
    """English text of a message, with its "line N: " prefix."""
    text = template % params
    return text if line is None else f"line {line}: {text}"


@dataclass(slots=True)
class ReadWarning:
    """A tolerated fault: where (line of the original file), and a message template with its parameters."""

    line: int | None
    template: str
    params: dict[str, object] = field(default_factory=dict)

    def __str__(self) -> str:
        return _format(self.line, self.template, self.params)


class GedcomReadError(Exception):
    """The file cannot be read at all (empty, binary, not GEDCOM, cut before any record)."""

    def __init__(self, template: str, params: dict[str, object] | None = None, line: int | None = None) -> None:
        self.template = template
        self.params = params or {}
        self.line = line
        super().__init__(_format(line, template, self.params))

    def __str__(self) -> str:
        return _format(self.line, self.template, self.params)


class _Faults:
    """Turns faults into warnings that stay readable on a 100,000-line file.

    Layout faults are tallied (one warning per kind: the first line and a count); content faults are listed one
    by one up to a cap, then tallied together.
    """

    cap = 50

    def __init__(self, warnings: list[ReadWarning]) -> None:
        self.warnings = warnings
        self._tallies: dict[str, ReadWarning] = {}
        self._listed: dict[str, int] = {}

    def tally(self, line: int | None, template: str, **params: object) -> None:
        """Count one more fault of this kind, creating its warning on the first one."""
        warning = self._tallies.get(template)
        if warning is None:
            warning = self._tallies[template] = ReadWarning(line, template, {"count": 0, **params})
            self.warnings.append(warning)
        warning.params["count"] += 1  # type: ignore[operator]

    def fork(self) -> _Faults:
        """An independent copy to go on with, so that :meth:`GedcomReader.records` can be iterated again."""
        copies = {
            id(warning): ReadWarning(warning.line, warning.template, dict(warning.params)) for warning in self.warnings
        }
        other = _Faults([copies[id(warning)] for warning in self.warnings])
        other._tallies = {template: copies[id(warning)] for template, warning in self._tallies.items()}
        other._listed = dict(self._listed)
        return other

    def each(self, line: int | None, template: str, **params: object) -> None:
        """Report one fault on its own line, or tally it once this kind reached the cap."""
        listed = self._listed.get(template, 0)
        self._listed[template] = listed + 1
        if listed < self.cap:
            self.warnings.append(ReadWarning(line, template, params))
        else:
            self.tally(line, MORE)


class GedcomReader:
    """An open GEDCOM file: encoding and header at once, the other records streamed by :meth:`records`."""

    def __init__(self, data: bytes, *, encoding: str | None = None) -> None:
        try:
            self._layout = layout = enc.examine(data, encoding)
        except enc.Refused as refusal:
            raise GedcomReadError(refusal.template, refusal.params) from None
        self.encoding = layout.encoding
        self.header = self._read_header([ReadWarning(*note) for note in layout.notes])
        self.declared_charset = self.header.value_of("CHAR") or None
        gedc = self.header.first("GEDC")
        self.version = (gedc.value_of("VERS") or None) if gedc else None
        self.source_program = self.header.value_of("SOUR") or None
        self._body_line = 1 + enc.count_breaks(layout.data[layout.start : layout.header_end], layout.lf_cr)
        self.warnings: list[ReadWarning] = self._faults.fork().warnings

    def records(self) -> Iterator[GedcomNode]:
        """Yield every level-0 record but HEAD and TRLR, in file order; warnings grow as they are met."""
        faults = self._faults.fork()
        self.warnings = faults.warnings
        stream = self._stream(faults)
        count = 0
        for node in itertools.chain(self._pending, stream):
            if node.tag == "TRLR":
                if next(stream, None) is not None:
                    faults.each(node.line, AFTER_TRLR)
                return
            if node.tag == "HEAD":
                faults.each(node.line, EXTRA_HEAD)
                continue
            count += 1
            yield node
        faults.each(self._last_line, NO_TRLR, count=count)

    def _read_header(self, notes: list[ReadWarning]) -> GedcomNode:
        """Read HEAD (keeping any record hidden in its lines for later); again with 7.0 rules if it says 7.x."""
        layout = self._layout
        chunk = layout.data[layout.start : layout.header_end]
        for v7 in (False, True):
            self._v7, self._faults = v7, _Faults(list(notes))
            self._pending = list(self._read_bytes(chunk, 1, self._faults))
            if not self._pending or self._pending[0].tag != "HEAD":
                raise GedcomReadError(enc.NOT_GEDCOM, {"start": chunk[:40].decode("latin-1").strip()})
            gedc = self._pending[0].first("GEDC")
            if v7 or gedc is None or not gedc.value_of("VERS").startswith("7"):
                break
        return self._pending.pop(0)

    def _stream(self, faults: _Faults) -> Iterator[GedcomNode]:
        """Decode the records after HEAD chunk by chunk and yield them."""
        layout, line = self._layout, self._body_line
        for _offset, chunk in enc.iter_chunks(layout.data, layout.header_end, layout.end):
            yield from self._read_bytes(chunk, line, faults)
            line += enc.count_breaks(chunk, layout.lf_cr)
        self._last_line = line  # the text was cut after its last character: no break follows the last line

    def _read_bytes(self, chunk: bytes, line: int, faults: _Faults) -> Iterator[GedcomNode]:
        """Decode a chunk of whole records starting at ``line`` and yield its records."""
        lf_cr = self._layout.lf_cr
        text, bad_offset = enc.decode_chunk(chunk, self._layout.codec)
        if bad_offset is not None:
            faults.tally(line + enc.count_breaks(chunk[:bad_offset], lf_cr), UNDECODABLE, encoding=self.encoding)
        text = enc.normalise_breaks(text, lf_cr)
        pos, size = 0, len(text)
        while pos < size:
            cut = text.find("\n0 ", pos) + 1 or size
            segment = text[pos:cut]
            yield from self._read_segment(segment, line, faults)
            line += segment.count("\n")
            pos = cut

    def _read_segment(self, segment: str, line: int, faults: _Faults) -> Iterator[GedcomNode]:
        """Parse one record's text; fall back to line-by-line repair when python-gedcom refuses it."""
        raw = segment.encode("utf-8")
        if not raw.endswith(b"\n"):
            raw += b"\n"
        parser = Parser()
        try:
            parser.parse(raw.splitlines(keepends=True), True)
        except GedcomFormatViolationError:
            yield from self._read_faulty(segment, line, faults)
            return
        numbers = itertools.count(line)
        yield from self._convert(parser, numbers)

    def _read_faulty(self, segment: str, first_line: int, faults: _Faults) -> Iterator[GedcomNode]:
        """Rewrite a record's lines into canonical form, reporting each fault, and parse the result."""
        lines: list[str] = []
        numbers: list[int] = []
        stack: list[int] = []
        owner = 0
        texts = segment.split("\n")
        if segment.endswith("\n"):
            texts.pop()
        for number, raw in enumerate(texts, first_line):
            if not raw.strip(" \t"):
                faults.tally(number, BLANK)
                continue
            parsed = _canonical_line(raw, number, stack, faults)
            if parsed is None:
                faults.each(number, NOT_A_LINE if lines else SKIPPED, text=raw.strip()[:60])
                if lines:
                    lines.append(f"{owner + 1} CONT {raw}")
                    numbers.append(number)
                continue
            depth, line, tag = parsed
            if not lines and stack[0] != 0:  # lines of a record whose own line could not be read
                faults.each(number, SKIPPED, text=raw.strip()[:60])
                stack.clear()
                continue
            if depth == 0 and lines:
                yield from self._parse_lines(lines, numbers, faults)
                lines, numbers = [], []
            owner = depth - 1 if tag in _CONTINUATIONS else depth
            lines.append(line)
            numbers.append(number)
        if lines:
            yield from self._parse_lines(lines, numbers, faults)

    def _parse_lines(self, lines: list[str], numbers: list[int], faults: _Faults) -> Iterator[GedcomNode]:
        """Parse canonical lines with python-gedcom and convert its elements."""
        parser = Parser()
        try:
            parser.parse([line.encode("utf-8") + b"\n" for line in lines], True)
        except GedcomFormatViolationError:  # cannot happen with canonical lines; never lose the rest
            faults.each(numbers[0], SKIPPED, text=lines[0][:60])
            return
        yield from self._convert(parser, iter(numbers))

    def _convert(self, parser: Parser, numbers: Iterator[int]) -> Iterator[GedcomNode]:
        """Convert the parsed records, then drop python-gedcom's tree.

        Its elements point to their parents and their parents to them: such cycles are freed only by the
        garbage collector, whose passes over everything the import holds then cost more than the parse itself.
        Emptying each child list as it is converted breaks the cycles, so each element is freed at once.
        """
        records = parser.get_root_child_elements()
        for element in records:
            yield self._to_node(element, numbers)
        records.clear()

    def _to_node(self, element: Element, numbers: Iterator[int]) -> GedcomNode:
        """Convert an element (and its subtree) to a node, joining CONC/CONT and unescaping "@@"."""
        line = next(numbers)
        value = element.get_value()
        v7 = self._v7
        if v7 and value.startswith("@@"):
            value = value[1:]
        children: list[GedcomNode] = []
        pieces: list[str] | None = None
        for child in element.get_child_elements():
            tag = child.get_tag().upper()
            if tag not in _CONTINUATIONS:
                children.append(self._to_node(child, numbers))
                continue
            _skip(child, numbers)
            piece = child.get_value()
            if v7 and piece.startswith("@@"):
                piece = piece[1:]
            if pieces is None:
                pieces = [value]
            pieces.append("\n" + piece if tag == "CONT" else piece)
        if pieces is not None:
            value = "".join(pieces)
            if not value.isascii():
                value = unicodedata.normalize("NFC", value)
        if not v7 and "@@" in value:
            value = value.replace("@@", "@")
        element.get_child_elements().clear()  # see _convert
        pointer = element.get_pointer()
        return GedcomNode(element.get_tag().upper(), value, pointer[1:-1] if pointer else None, line, children)


def _skip(element: Element, numbers: Iterator[int]) -> None:
    """Consume the line numbers of an element and its subtree."""
    next(numbers)
    for child in element.get_child_elements():
        _skip(child, numbers)


def _canonical_line(raw: str, number: int, stack: list[int], faults: _Faults) -> tuple[int, str, str] | None:
    """Return ``(depth, canonical line, TAG)`` for a GEDCOM line, or None for a line of plain text.

    ``stack`` holds the levels written in the file for the open ancestors, so a level jump (3 under 1) attaches
    the line to the nearest line above with a lower level, and its own children follow it.
    """
    match = _LINE.fullmatch(raw)
    if match is None:
        return None
    level_text, xref, tag, value = match.groups()
    level = int(level_text)
    depth = bisect.bisect_left(stack, level)
    parent = stack[depth - 1] if depth else -1
    jump = level > parent + 1
    if jump and tag != tag.upper():  # "1850 was a hard year" in a note is text, not a level-1850 line
        return None
    del stack[depth:]
    stack.append(level)
    if jump and depth:
        faults.each(number, LEVEL_JUMP, level=level, previous=parent)
    rest = (f"{xref} " if xref else "") + tag + ("" if value is None else f" {value}")
    if raw[0] in " \t":
        faults.tally(number, INDENTED)
    if raw.lstrip(" \t") != f"{level} {rest}":
        faults.tally(number, SPACING)
    return depth, f"{depth} {rest}", tag.upper()


def open_gedcom(data: bytes, *, encoding: str | None = None) -> GedcomReader:
    """Open GEDCOM ``data``; ``encoding`` overrides detection. Raises GedcomReadError for non-GEDCOM input."""
    return GedcomReader(data, encoding=encoding)


def open_gedcom_file(path: str | os.PathLike[str], *, encoding: str | None = None) -> GedcomReader:
    """Open the GEDCOM file at ``path`` without reading it all into memory (it is memory-mapped)."""
    with open(path, "rb") as handle:
        if os.fstat(handle.fileno()).st_size == 0:
            raise GedcomReadError(enc.EMPTY)
        data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    return GedcomReader(data, encoding=encoding)  # type: ignore[arg-type]
