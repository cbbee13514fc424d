"""From GEDCOM records to plain data: what Famille keeps of a person or a family, nothing touching a database.

Each modelled part (names, sex, events, notes, links, family ties) becomes a field; every other subtree is kept
verbatim (as node data) so that an export can give it back. Problems found on the way are returned as warnings
with the line they come from; nothing here raises on odd input.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from famille.gedcom.nodes import GedcomNode, node_to_data
from famille.gedcom.tags import (
    FAMILY_EVENTS,
    FAMILY_MODELLED,
    INDIVIDUAL_ATTRIBUTES,
    INDIVIDUAL_EVENTS,
    LINK_TAGS,
    PEDIGREES,
    PERSON_MODELLED,
)
from famille.links import LinkError, normalize_link
from famille.markers import N_

_NAME_PARTS = re.compile(r"^(?P<given>[^/]*)(?:/(?P<surname>[^/]*)/?(?P<suffix>.*))?$")
_NO_LINK_SEARCH = frozenset({"SOUR", "REPO", "ASSO", "NOTE", "SNOTE"})


@dataclass(slots=True)
class Problem:
    """Something odd in a record, reported as a warning with its line."""

    line: int | None
    template: str
    params: dict[str, Any]


@dataclass(slots=True)
class NameData:
    """One NAME structure."""

    full: str
    name_type: str = ""
    given: str = ""
    surname: str = ""
    prefix: str = ""
    suffix: str = ""
    nickname: str = ""
    extra: list[Any] = field(default_factory=list)


@dataclass(slots=True)
class EventData:
    """One event or attribute, with its date as written and its place."""

    tag: str
    event_type: str = ""
    value: str = ""
    date_text: str = ""
    place: str = ""
    latitude: float | None = None
    longitude: float | None = None
    extra: list[Any] = field(default_factory=list)


@dataclass(slots=True)
class LinkData:
    """A profile link found in the record, already normalised."""

    url: str
    platform: str
    handle: str
    label: str = ""


@dataclass(slots=True)
class NoteData:
    """A note: its own text, or a pointer to a shared NOTE record."""

    text: str = ""
    record_xref: str | None = None
    extra: list[Any] = field(default_factory=list)


@dataclass(slots=True)
class PersonData:
    """What Famille keeps of an INDI record."""

    xref: str | None
    uid: str | None
    sex: str = "U"
    names: list[NameData] = field(default_factory=list)
    events: list[EventData] = field(default_factory=list)
    links: list[LinkData] = field(default_factory=list)
    notes: list[NoteData] = field(default_factory=list)
    parent_families: list[tuple[str, str]] = field(default_factory=list)
    spouse_families: list[str] = field(default_factory=list)
    extra: list[Any] = field(default_factory=list)
    line: int = 0

    def content_hash(self) -> str:
        """A digest of everything the file says about this person (not its line numbers nor FAMS order)."""
        return _digest(self, exclude={"line", "xref", "spouse_families"})


@dataclass(slots=True)
class FamilyData:
    """What Famille keeps of a FAM record; people are named by their xrefs in the file."""

    xref: str | None
    uid: str | None
    partner1: str | None = None
    partner2: str | None = None
    children: list[tuple[str, str]] = field(default_factory=list)
    events: list[EventData] = field(default_factory=list)
    notes: list[NoteData] = field(default_factory=list)
    extra: list[Any] = field(default_factory=list)
    line: int = 0

    def content_hash(self) -> str:
        """A digest of everything the file says about this family (not its line numbers)."""
        return _digest(self, exclude={"line", "xref"})


def _digest(data: Any, *, exclude: set[str]) -> str:
    """A stable digest of a record's fields; the dataclasses' own reprs are deterministic and fast to build."""
    fields = tuple(getattr(data, name) for name in data.__slots__ if name not in exclude)
    return hashlib.sha256(repr(fields).encode("utf-8")).hexdigest()


def pointer(node: GedcomNode) -> str | None:
    """The record a line points to; GEDCOM 7's ``@VOID@`` (an explicit "nobody") is no pointer."""
    target = node.pointer
    return None if target == "VOID" else target


def split_name(value: str) -> tuple[str, str, str]:
    """Split a GEDCOM name ``"Jean /Tremblay/ fils"`` into given name, surname and suffix."""
    match = _NAME_PARTS.match(value.strip())
    if match is None:  # pragma: no cover - the pattern accepts every string
        return value.strip(), "", ""
    return (
        " ".join(match["given"].split()),
        " ".join((match["surname"] or "").split()),
        " ".join((match["suffix"] or "").split()),
    )


def map_name(node: GedcomNode) -> NameData:
    """A NAME structure: the parts given by GIVN/SURN/… win over those read from the name line."""
    given, surname, suffix = split_name(node.value)
    name = NameData(full=node.value.strip(), given=given, surname=surname, suffix=suffix)
    parts = {"GIVN": "given", "SURN": "surname", "NPFX": "prefix", "NSFX": "suffix", "NICK": "nickname"}
    for child in node.children:
        if child.tag in parts and child.value.strip():
            setattr(name, parts[child.tag], " ".join(child.value.split()))
        elif child.tag == "TYPE":
            name.name_type = child.value.strip().lower()
        else:
            name.extra.append(node_to_data(child))
    return name


def _coordinate(value: str) -> float | None:
    """``N45.5`` / ``W73.6`` / ``-73.6`` as a signed number of degrees, or None."""
    text = value.strip().upper().replace(",", ".")
    if not text:
        return None
    sign = -1.0 if text[0] in "SW" or text.startswith("-") else 1.0
    try:
        return sign * abs(float(text.lstrip("NSEW+-")))
    except ValueError:
        return None


def map_event(node: GedcomNode) -> EventData:
    """An event or attribute: its value, TYPE, DATE and PLAC (with MAP coordinates); the rest verbatim.

    A DATE or PLAC carrying more than Famille models (a TIME, a PHRASE, a FORM…) is also kept verbatim; the
    exporter then writes that copy instead of the modelled one.
    """
    event = EventData(tag=node.tag, value=node.value)
    for child in node.children:
        if child.tag == "TYPE" and not event.event_type:
            event.event_type = child.value
        elif child.tag == "DATE" and not event.date_text:
            event.date_text = child.value.strip()
            if child.children:
                event.extra.append(node_to_data(child))
        elif child.tag == "PLAC" and not event.place:
            if not _map_place(event, child):
                event.extra.append(node_to_data(child))
        else:
            event.extra.append(node_to_data(child))
    return event


def _map_place(event: EventData, node: GedcomNode) -> bool:
    """Read a PLAC; True when Famille's fields hold all of it (name and a plain MAP)."""
    event.place = node.value.strip()
    complete = True
    for child in node.children:
        latitude, longitude = child.first("LATI"), child.first("LONG")
        if child.tag == "MAP" and latitude and longitude and len(child.children) == 2:
            event.latitude = _coordinate(latitude.value)
            event.longitude = _coordinate(longitude.value)
        else:
            complete = False
    return complete


def map_note(node: GedcomNode) -> NoteData:
    """A NOTE: a pointer to a shared record, or its own text."""
    extra = [node_to_data(child) for child in node.children]
    if node.pointer:
        return NoteData(record_xref=node.pointer, extra=extra)
    return NoteData(text=node.value, extra=extra)


def _link(node: GedcomNode, label: str, problems: list[Problem]) -> LinkData | None:
    """A link from a WWW/EMAIL/_URL… line or an OBJE file; refused addresses become warnings."""
    raw = node.value.strip()
    if not raw:
        return None
    try:
        link = normalize_link(raw)
    except LinkError as error:
        problems.append(
            Problem(node.line, N_("Link %(link)s skipped: %(reason)s"), {"link": raw[:80], "reason": str(error)})
        )
        return None
    return LinkData(url=link.url, platform=link.platform, handle=link.handle or "", label=label)


def _looks_like_address(value: str) -> bool:
    lowered = value.strip().lower()
    return lowered.startswith(("http://", "https://", "mailto:", "www.", "ftp://", "javascript:", "data:"))


def find_links(node: GedcomNode, problems: list[Problem]) -> list[LinkData]:
    """Links anywhere under ``node``: WWW/EMAIL-like tags and OBJE files that are web addresses.

    Source citations, associations and notes are not searched: their addresses are not the person's profiles.
    """
    found: list[LinkData] = []
    for child in node.children:
        if child.tag in _NO_LINK_SEARCH:
            continue
        label = node.value_of("TITL") or node.value_of("NAME") if node.tag in {"OBJE", "_WEBTAG"} else ""
        if child.tag in LINK_TAGS or (child.tag == "FILE" and node.tag == "OBJE" and _looks_like_address(child.value)):
            link = _link(child, label.strip(), problems)
            if link is not None:
                found.append(link)
        if child.children:
            found.extend(find_links(child, problems))
    return found


def _unique_links(links: list[LinkData]) -> list[LinkData]:
    """Keep the first of links that normalise to the same address (a label found later fills a blank one)."""
    by_url: dict[str, LinkData] = {}
    for link in links:
        kept = by_url.setdefault(link.url, link)
        if not kept.label and link.label:
            kept.label = link.label
    return list(by_url.values())


def _uid(node: GedcomNode) -> str | None:
    value = node.value_of("_UID") or node.value_of("UID")
    return value.strip() or None


def map_person(node: GedcomNode, problems: list[Problem]) -> PersonData:
    """What Famille keeps of an INDI record."""
    person = PersonData(xref=node.xref, uid=_uid(node), line=node.line)
    for child in node.children:
        if child.tag == "NAME":
            person.names.append(map_name(child))
        elif child.tag == "SEX":
            person.sex = (child.value.strip()[:1] or "U").upper()
        elif child.tag in INDIVIDUAL_EVENTS or child.tag in INDIVIDUAL_ATTRIBUTES:
            person.events.append(map_event(child))
        elif child.tag == "NOTE":
            person.notes.append(map_note(child))
        elif child.tag == "FAMC" and pointer(child):
            pedigree = PEDIGREES.get(child.value_of("PEDI").strip().upper(), "birth")
            person.parent_families.append((child.pointer, pedigree))
        elif child.tag == "FAMS" and pointer(child):
            person.spouse_families.append(child.pointer)
        elif child.tag not in PERSON_MODELLED:
            person.extra.append(node_to_data(child))
    if person.sex not in {"M", "F", "X", "U"}:
        person.sex = "U"
    person.links = _unique_links(find_links(node, problems))
    return person


def _child_pedigree(node: GedcomNode) -> str:
    """Ancestry's and Family Tree Maker's _FREL/_MREL on a CHIL line: Natural, Adopted, Foster…"""
    for tag in ("_FREL", "_MREL"):
        relation = node.value_of(tag).strip().upper()
        if relation in {"ADOPTED", "FOSTER"}:
            return relation.lower()
    return "birth"


def map_family(node: GedcomNode, problems: list[Problem]) -> FamilyData:
    """What Famille keeps of a FAM record."""
    family = FamilyData(xref=node.xref, uid=_uid(node), line=node.line)
    for child in node.children:
        if child.tag in {"HUSB", "WIFE"} and pointer(child):
            slot = "partner1" if child.tag == "HUSB" else "partner2"
            if getattr(family, slot) is None:
                setattr(family, slot, child.pointer)
            else:
                problems.append(
                    Problem(child.line, N_("A second %(tag)s in one family was ignored"), {"tag": child.tag})
                )
        elif child.tag == "CHIL" and pointer(child):
            family.children.append((child.pointer, _child_pedigree(child)))
        elif child.tag in FAMILY_EVENTS:
            family.events.append(map_event(child))
        elif child.tag == "NOTE":
            family.notes.append(map_note(child))
        elif child.tag not in FAMILY_MODELLED:
            family.extra.append(node_to_data(child))
    return family
