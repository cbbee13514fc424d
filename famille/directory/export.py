"""The directory's downloads: vCard 4.0 (RFC 6350) and CSV for spreadsheets, and a safe file name for them.

Pure: rows in, text out. The caller has already applied privacy (only people seen in detail reach here) and
passes the translated words (column headings, the branch of each row).

- vCard: one card per person, with FN, N, a URL per web link, an EMAIL per e-mail link and a NOTE naming the
  branch; text values escaped, lines folded at 75 octets without cutting a character, CRLF line ends.
- CSV: UTF-8 with a byte-order mark (without it, Excel reads "Hélène" as "HÃ©lÃ¨ne"); name, birth year,
  branch, then one column per platform. A cell that a spreadsheet would run as a formula (it starts with
  ``=``, ``+``, ``-``, ``@``) is written with a leading apostrophe, so a name in the tree cannot become a formula.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from urllib.parse import unquote

from famille.directory.rows import ExportRow, LinkView
from famille.links import PLATFORMS

EMAIL = "email"
_FOLD_AT = 75
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

#: Gives the words naming a row's branch, in the reader's language.
BranchLabel = Callable[[ExportRow], str]


def _text(value: str) -> str:
    """A vCard text value: backslash, comma, semicolon and line breaks escaped."""
    value = value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def _fold(line: str) -> str:
    """``line`` folded into pieces of at most 75 octets, never inside a UTF-8 character."""
    pieces, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        # Continuation lines start with a space, which counts towards their 75 octets.
        if size + width > _FOLD_AT:
            pieces.append(current)
            current, size = " ", 1
        current += char
        size += width
    pieces.append(current)
    return "\r\n".join(pieces)


def email_address(link: LinkView) -> str:
    """The address of an e-mail link (its handle, else its ``mailto:`` address)."""
    if link.handle:
        return link.handle
    return unquote(link.url.removeprefix("mailto:").partition("?")[0])


def vcard_text(rows: Iterable[ExportRow], *, note: BranchLabel) -> str:
    """One vCard 4.0 per row; ``note`` gives the text of its NOTE (the branch)."""
    cards = []
    for row in rows:
        person = row.person
        full_name = " ".join(part for part in (person.given_name, person.surname) if part) or "…"
        lines = ["BEGIN:VCARD", "VERSION:4.0", f"FN:{_text(full_name)}"]
        lines.append(f"N:{_text(person.surname)};{_text(person.given_name)};;;")
        for link in row.links:
            if link.platform == EMAIL:
                lines.append(f"EMAIL:{_text(email_address(link))}")
            else:
                lines.append(f"URL:{link.url}")
        if text := note(row):
            lines.append(f"NOTE:{_text(text)}")
        lines.append("END:VCARD")
        cards.append("".join(_fold(line) + "\r\n" for line in lines))
    return "".join(cards)


def _cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def csv_text(rows: Iterable[ExportRow], *, headings: Sequence[str], branch: BranchLabel) -> str:
    """The rows as CSV with a BOM; ``headings``: name, birth year, branch, then one per platform of PLATFORMS."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_cell(heading) for heading in headings])
    for row in rows:
        person = row.person
        name = " ".join(part for part in (person.given_name, person.surname) if part)
        by_platform: dict[str, list[str]] = {platform: [] for platform in PLATFORMS}
        for link in row.links:
            value = email_address(link) if link.platform == EMAIL else link.url
            by_platform.setdefault(link.platform, []).append(value)
        cells = [name, row.birth_year, branch(row)] + [" ".join(by_platform[p]) for p in PLATFORMS]
        writer.writerow([_cell(cell) for cell in cells])
    return out.getvalue()


def attachment_name(stem: str, extension: str) -> str:
    """A file name safe in any header and any file system: ASCII letters, digits and dashes ("Côté" → "cote")."""
    ascii_text = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-")
    return f"{slug or 'directory'}.{extension}"
