"""What the bytes of a GEDCOM file are: refusing non-GEDCOM files, finding the codec, decoding chunks to NFC text.

GEDCOM files come in every encoding a genealogy program ever wrote: UTF-8 with or without BOM, UTF-16 with or
without BOM, ANSEL (combining accents *before* the letter), and the 8-bit code pages named by ``HEAD.CHAR``, with
CR, LF, CRLF or even LF+CR line breaks. :func:`examine` refuses what is not GEDCOM and settles the codec; the reader
then decodes the file chunk by chunk with :func:`decode_chunk`, which returns composed (NFC) text so that search
and display see "é", never "e" + U+0301.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache

from famille.markers import N_

ANSEL = "ansel"

EMPTY = N_("The file is empty.")
BINARY_KIND = N_("This is not a GEDCOM file: it is a %(kind)s file.")
BINARY = N_("This is not a GEDCOM file: it contains binary data.")
NOT_GEDCOM = N_('This is not a GEDCOM file: it should begin with the line "0 HEAD" but begins with "%(start)s".')
TRUNCATED = N_("The file holds only the start of a GEDCOM header and no records: it was probably cut short.")
UNKNOWN_ENCODING = N_('Unknown encoding "%(name)s".')

CLAIMS_OTHER_IS_UTF8 = N_(
    "The file declares the character set %(declared)s but is written in UTF-8; it was read as UTF-8."
)
UNKNOWN_CHARSET = N_("Unknown character set %(declared)s; the file was read as UTF-8.")
CLAIMS_OTHER_IS_8BIT = N_(
    "The file declares the character set %(declared)s but this line is not valid %(declared)s; "
    "the file was read as Windows-1252 (cp1252)."
)
UNDECLARED_IS_8BIT = N_(
    "The file does not declare its character set and is not UTF-8; it was read as Windows-1252 (cp1252)."
)

#: What each spelling of HEAD.CHAR means (matched in upper case, without spaces, hyphens and underscores).
_CHARSET_NAMES = {
    ANSEL: "ANSEL",
    "utf-8": "UTF8",
    "unicode": "UNICODE UTF16 UCS2",
    "ascii": "ASCII USASCII",
    "cp1252": "ANSI WINDOWS IBMWINDOWS CP1252 WINDOWS1252",
    "mac-roman": "MACINTOSH MAC MACROMAN",
    "cp437": "IBMPC IBM CP437",
    "cp850": "MSDOS DOS CP850",
    "iso8859-1": "LATIN1 ISO88591 ISOLATIN1",
}
_CHARSETS = {alias: meaning for meaning, aliases in _CHARSET_NAMES.items() for alias in aliases.split()}

#: Signatures of files people upload by mistake, and the name of their format.
_MAGIC = {
    b"\xff\xd8\xff": "JPEG",
    b"\x89PNG": "PNG",
    b"GIF8": "GIF",
    b"II*\x00": "TIFF",
    b"MM\x00*": "TIFF",
    b"%PDF": "PDF",
    b"PK\x03\x04": "ZIP",
    b"\x1f\x8b": "gzip",
    b"\xd0\xcf\x11\xe0": "Microsoft Office",
    b"SQLite format 3\x00": "SQLite",
}

_LINE_BREAK = rb"(\r\n|\n\r|\r|\n)"
_CONC_START = rb"([ \t]*[0-9]+[ \t]+[Cc][Oo][Nn][Cc] )"
# A UTF-8 character cut in two by a CONC: lead bytes end a line, continuation bytes start the CONC value.
_UTF8_SPLIT = re.compile(rb"([\xc2-\xf4][\x80-\xbf]{0,2})" + _LINE_BREAK + _CONC_START + rb"([\x80-\xbf]{1,3})")
# ANSEL combining marks ending a line whose letter starts the CONC value.
_ANSEL_SPLIT = re.compile(rb"([\xe0-\xfe]+)" + _LINE_BREAK + _CONC_START)
_ANSEL_RUN = re.compile(rb"[\x80-\xff]+[\x00-\x7f]?")
_ANSEL_MARKS = re.compile(rb"[\xe0-\xfe]{2,}")
_HEAD = re.compile(rb"\s*0[ \t]+HEAD\b", re.IGNORECASE)
_CHAR = re.compile(r"^[ \t]*1[ \t]+CHAR[ \t]+(.*?)[ \t]*$", re.MULTILINE | re.IGNORECASE)


#: A message about the file: (line or byte offset, or None; English template; its parameters).
Note = tuple[int | None, str, dict[str, object]]


class Refused(Exception):
    """The bytes are not a GEDCOM file that can be read; the reader turns this into its GedcomReadError."""

    def __init__(self, template: str, **params: object) -> None:
        super().__init__(template % params)
        self.template = template
        self.params = params


@dataclass(slots=True)
class Layout:
    """Where the text and its header lie in the bytes, how lines end, and which codec reads them.

    UTF-16 files have already been turned into UTF-8 bytes: ``encoding`` is what the file is written in,
    ``codec`` what decodes ``data``. ``notes`` are ``(line, template, params)`` warnings about the choice.
    """

    data: bytes
    start: int
    end: int
    header_end: int
    lf_cr: bool
    encoding: str = ""
    codec: str = ""
    notes: list[Note] = field(default_factory=list)


@dataclass(slots=True)
class Utf8Scan:
    """What a pass over the whole file found: pure ASCII, and where the first invalid UTF-8 byte is."""

    is_ascii: bool
    bad_offset: int | None


def examine(data: bytes, override: str | None = None) -> Layout:
    """Recognise a GEDCOM file's bytes, or raise :class:`Refused` (empty, binary, not GEDCOM, no records).

    ``override`` (a codec name, or "ansel") wins over every clue in the file.
    """
    data, start, settled = _unwrap(data, override)
    end = len(data)
    while end > start and data[end - 1] in b" \t\r\n\x1a\x00":  # trailing blank lines, DOS end-of-file marks
        end -= 1
    head = data[start : min(end, start + 8192)]
    if end <= start:
        raise Refused(EMPTY)
    if looks_binary(head):
        raise Refused(BINARY)
    head_line = _HEAD.match(head)
    if head_line is None:
        first = (head.lstrip().splitlines() or [b""])[0]
        raise Refused(NOT_GEDCOM, start=first[:40].decode("utf-8", "replace"))
    header_end = next_record_start(data, start + head_line.end(), end)
    if header_end < 0:
        raise Refused(TRUNCATED)
    layout = Layout(data, start, end, header_end, uses_lf_cr(data[start : start + 65536]))
    if settled is None:
        _choose_from_header(layout)
    else:
        layout.encoding, layout.codec = settled
    return layout


def _unwrap(data: bytes, override: str | None) -> tuple[bytes, int, tuple[str, str] | None]:
    """Refuse known binary formats, skip a BOM, turn UTF-16 into UTF-8; settle the codec when already known."""
    kind = magic_format(data[:16])
    if kind is not None:
        raise Refused(BINARY_KIND, kind=kind)
    bom_codec, bom_length = sniff_bom(data[:4])
    codec = sniffed = bom_codec or sniff_utf16(data[:512])
    if override:
        codec = canonical_codec(override)
        if codec is None:
            raise Refused(UNKNOWN_ENCODING, name=override)
        if codec == "utf-16" and sniffed in ("utf-16-le", "utf-16-be"):
            codec = sniffed  # without a BOM, Python's "utf-16" would assume the machine's byte order
        bom_length = bom_length if bom_codec == "utf-8" else 0
    if codec is not None and is_wide(codec):
        utf8 = _to_utf8(data, codec)
        return utf8, 3 if utf8.startswith(codecs.BOM_UTF8) else 0, (codec, "utf-8")
    return data, bom_length, (codec, codec) if codec else None


def _to_utf8(data: bytes, codec: str) -> bytes:
    """Re-encode UTF-16 (or another wide codec) as UTF-8, a megabyte at a time to keep memory low."""
    decoder = codecs.getincrementaldecoder(codec)("replace")
    utf8 = bytearray()
    for pos in range(0, len(data), 1 << 20):
        utf8 += decoder.decode(data[pos : pos + (1 << 20)]).encode("utf-8")
    utf8 += decoder.decode(b"", final=True).encode("utf-8")
    return utf8  # type: ignore[return-value]  # a bytearray reads like bytes everywhere it goes


def _choose_from_header(layout: Layout) -> None:
    """Choose the codec from HEAD.CHAR, checked against the bytes of the whole file."""
    data, start = layout.data, layout.start
    header = normalise_breaks(data[start : layout.header_end].decode("latin-1"), layout.lf_cr)
    match = _CHAR.search(header)
    codec, notes = choose_codec(match.group(1) if match else None, scan_utf8(iter_chunks(data, start, layout.end)))
    layout.encoding = layout.codec = codec
    for offset, template, params in notes:
        line = None if offset is None else 1 + count_breaks(data[start:offset], layout.lf_cr)
        layout.notes.append((line, template, params))


def sniff_bom(head: bytes) -> tuple[str | None, int]:
    """Return the codec announced by a byte order mark at the start of ``head`` and the BOM's length."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8", 3
    if head.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le", 2
    if head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be", 2
    return None, 0


def sniff_utf16(head: bytes) -> str | None:
    """Recognise UTF-16 without a BOM by its NUL bytes: "0\\x00 \\x00H\\x00" is little-endian "0 H"."""
    sample = head[:512]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > len(odd) * 0.6 and even.count(0) < len(even) * 0.1:
        return "utf-16-le"
    if even.count(0) > len(even) * 0.6 and odd.count(0) < len(odd) * 0.1:
        return "utf-16-be"
    return None


def magic_format(head: bytes) -> str | None:
    """Name the format of a file people upload by mistake ("JPEG", "ZIP"…) from its first bytes, else None."""
    for signature, kind in _MAGIC.items():
        if head.startswith(signature):
            return kind
    return None


def looks_binary(sample: bytes) -> bool:
    """True when 8-bit text has NUL bytes or many control characters (tab, line breaks and ^Z excepted)."""
    if b"\x00" in sample:
        return True
    controls = sum(sample.count(bytes((byte,))) for byte in range(1, 32) if byte not in (9, 10, 12, 13, 26))
    return controls > len(sample) * 0.05


def is_wide(codec: str) -> bool:
    """True for codecs (UTF-16, UTF-32…) whose line breaks are not single ASCII bytes."""
    return codec != ANSEL and "\n".encode(codec) != b"\n"


def canonical_codec(name: str) -> str | None:
    """Python's canonical name for a codec ("latin1" → "iso8859-1"), "ansel" for ANSEL, None if unknown."""
    if name.strip().lower() in (ANSEL, "gedcom"):
        return ANSEL
    try:
        return codecs.lookup(name.strip()).name
    except LookupError:
        return None


def choose_codec(declared: str | None, scan: Utf8Scan) -> tuple[str, list[Note]]:
    """Pick the codec for 8-bit bytes from ``HEAD.CHAR`` (``declared``), checked against what the bytes are.

    Real UTF-8 text (valid, not pure ASCII) is read as UTF-8 whatever the header says; bytes that are not UTF-8
    are read with the declared ANSEL or code page, else as Windows-1252, the usual reality of "ASCII" files.
    Returns the codec and ``(byte offset or None, template, params)`` notes for the user.
    """
    meaning = _CHARSETS.get(re.sub(r"[\s_-]", "", declared or "").upper())
    if meaning is None and declared:
        meaning = canonical_codec(declared)
    if meaning is not None and is_wide(meaning):
        meaning = "unicode"  # UTF-16 declared, but the bytes are 8-bit
    params: dict[str, object] = {"declared": declared or ""}
    if scan.bad_offset is None and not scan.is_ascii:
        if meaning not in (None, "utf-8"):
            return "utf-8", [(None, CLAIMS_OTHER_IS_UTF8, params)]
        return "utf-8", [(None, UNKNOWN_CHARSET, params)] if declared and not meaning else []
    if meaning in (None, "utf-8", "unicode") or (meaning == "ascii" and not scan.is_ascii):
        if scan.is_ascii:
            return "utf-8", []
        return "cp1252", [(scan.bad_offset, CLAIMS_OTHER_IS_8BIT if declared else UNDECLARED_IS_8BIT, params)]
    return meaning, []


def rejoin_split_characters(chunk: bytes, codec: str) -> bytes:
    """Move the first part of a character cut by a CONC onto the CONC line, so each line decodes whole.

    The lines and their count stay the same; only the bytes of the cut character travel to the next line,
    which is what joining the CONC would have produced anyway.
    """
    if codec == ANSEL:
        return _ANSEL_SPLIT.sub(rb"\2\3\1", chunk)
    if codec == "utf-8":
        return _UTF8_SPLIT.sub(rb"\2\3\1\4", chunk)
    return chunk


def decode_chunk(chunk: bytes, codec: str) -> tuple[str, int | None]:
    """Decode a chunk of whole lines to NFC text; also return the offset of the first undecodable byte."""
    bad_offset = None
    if codec == ANSEL:
        text, bad_offset = _decode_ansel(rejoin_split_characters(chunk, codec))
    else:
        try:
            text = chunk.decode(codec)
        except UnicodeDecodeError:
            chunk = rejoin_split_characters(chunk, codec)
            try:
                text = chunk.decode(codec)
            except UnicodeDecodeError as error:
                bad_offset = error.start
                text = chunk.decode(codec, "replace")
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return text, bad_offset


def scan_utf8(chunks: Iterable[tuple[int, bytes]]) -> Utf8Scan:
    """Check every ``(offset, bytes)`` chunk for ASCII-ness and UTF-8 validity."""
    is_ascii = True
    for offset, chunk in chunks:
        if chunk.isascii():
            continue
        is_ascii = False
        try:
            chunk.decode("utf-8")
        except UnicodeDecodeError:
            try:
                rejoin_split_characters(chunk, "utf-8").decode("utf-8")
            except UnicodeDecodeError as error:
                return Utf8Scan(False, offset + error.start)
    return Utf8Scan(is_ascii, None)


@cache
def _ansel_decoder() -> Callable[..., tuple[str, int]]:
    """The ansel package's GEDCOM flavour of ANSEL (with the LDS additions: ß, midline e/o, boxes)."""
    import ansel

    ansel.register()
    return codecs.lookup("gedcom").decode


def _decode_ansel(chunk: bytes) -> tuple[str, int | None]:
    """Decode ANSEL quickly: ASCII stays as it is, only runs of 8-bit bytes go through the (slow) codec."""
    if chunk.isascii():
        return chunk.decode("ascii"), None
    bad: list[int] = []

    def one_run(match: re.Match[bytes]) -> bytes:
        utf8 = _ansel_run_to_utf8(match.group())
        if not bad and b"\xef\xbf\xbd" in utf8:
            bad.append(match.start())
        return utf8

    return _ANSEL_RUN.sub(one_run, chunk).decode("utf-8"), (bad[0] if bad else None)


@lru_cache(maxsize=4096)
def _ansel_run_to_utf8(run: bytes) -> bytes:
    """One run of accents and special characters (with the letter after it) as UTF-8; runs repeat a lot."""
    # The codec reverses stacked accents; reverse them first so they keep the file's order.
    run = _ANSEL_MARKS.sub(lambda marks: marks.group()[::-1], run)
    return _ansel_decoder()(run, "replace")[0].encode("utf-8")


def next_record_start(data: bytes, start: int, end: int) -> int:
    """Offset of the next line that starts with "0 " after ``start`` (a level-0 record), or -1."""
    found = [pos for pos in (data.find(b"\n0 ", start, end), data.find(b"\r0 ", start, end)) if pos >= 0]
    return min(found) + 1 if found else -1


def iter_chunks(data: bytes, start: int, end: int, size: int = 1 << 20) -> Iterator[tuple[int, bytes]]:
    """Yield ``(offset, bytes)`` pieces of ``data[start:end]`` of about ``size`` bytes, cut before level-0 lines.

    Cutting just before a line that starts with "0 " keeps every line break whole (CRLF, LF+CR) and every
    record inside one piece, however the file ends its lines.
    """
    pos = start
    while pos < end:
        stop = pos + size
        cut = -1
        if stop < end:
            cut = max(data.rfind(b"\n0 ", pos, stop), data.rfind(b"\r0 ", pos, stop)) + 1
            if cut <= pos:
                cut = next_record_start(data, stop, end)
        if cut <= pos:
            cut = end
        yield pos, data[pos:cut]
        pos = cut


def uses_lf_cr(head: bytes) -> bool:
    """True when lines end with LF+CR (reversed), which naive splitting would turn into blank lines."""
    first_lf = head.find(b"\n")
    return first_lf >= 0 and head[first_lf + 1 : first_lf + 2] == b"\r" and head.find(b"\r") > first_lf


def count_breaks(chunk: bytes, lf_cr: bool) -> int:
    """Number of line breaks in ``chunk`` (CRLF and LF+CR count once), as :func:`normalise_breaks` sees them."""
    if lf_cr:
        return chunk.count(b"\n") + chunk.count(b"\r") - chunk.count(b"\n\r")
    return chunk.count(b"\n") + chunk.count(b"\r") - chunk.count(b"\r\n")


def normalise_breaks(text: str, lf_cr: bool) -> str:
    """Turn CR, CRLF, LF+CR and mixed line breaks into LF."""
    if "\r" not in text:
        return text
    if lf_cr:
        return text.replace("\n\r", "\n").replace("\r", "\n")
    return text.replace("\r\n", "\n").replace("\r", "\n")
