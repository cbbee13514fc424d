"""Exporting the tree as GEDCOM 5.5.1 in UTF-8: everything imported, plus what the site added.

People are written in batches (memory stays flat at any size). Every person and family carries its ``_UID`` so a
later import of the exported file finds them again; profile links are written as WWW/EMAIL lines.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, joinedload

from famille.gedcom.mapping import split_name
from famille.gedcom.nodes import GedcomNode, node_from_data
from famille.gedcom.writer import write_record
from famille.models import Event, Family, FamilyChild, GedcomRecord, Note, Person, PersonName, ProfileLink

BATCH_SIZE = 1000
MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]


def _xrefs(rows: Iterable[tuple[int, str | None]], prefix: str) -> dict[int, str]:
    """Each row's xref in the file: its own when unique and well-formed, else one made from its id."""
    taken: set[str] = set()
    result: dict[int, str] = {}
    for row_id, xref in rows:
        chosen = xref if xref and xref not in taken and "@" not in xref and " " not in xref else f"{prefix}{row_id}"
        while chosen in taken:
            chosen = f"{chosen}_"
        taken.add(chosen)
        result[row_id] = chosen
    return result


def _extra(data: list[Any]) -> list[GedcomNode]:
    return [node_from_data(item) for item in data or []]


def _header(session: Session) -> tuple[GedcomNode, list[GedcomNode]]:
    """Our HEAD, keeping the original submitter, place form and language; a submitter record if none exists."""
    today = dt.date.today()
    head = GedcomNode("HEAD")
    source = GedcomNode("SOUR", "FAMILLE", children=[GedcomNode("NAME", "Famille")])
    head.children += [source, GedcomNode("DATE", f"{today.day} {MONTHS[today.month - 1]} {today.year}")]
    original = session.scalar(select(GedcomRecord).where(GedcomRecord.tag == "HEAD"))
    submitter = session.scalar(select(GedcomRecord.xref).where(GedcomRecord.tag == "SUBM").limit(1))
    extra_records = []
    if submitter is None:
        submitter = "SUBM_FAMILLE"
        extra_records.append(GedcomNode("SUBM", "", submitter, children=[GedcomNode("NAME", "Famille")]))
    head.children.append(GedcomNode("SUBM", f"@{submitter}@"))
    gedc = GedcomNode("GEDC", children=[GedcomNode("VERS", "5.5.1"), GedcomNode("FORM", "LINEAGE-LINKED")])
    head.children += [gedc, GedcomNode("CHAR", "UTF-8")]
    for node in _extra(original.extra if original else []):
        if node.tag in {"PLAC", "LANG", "NOTE", "COPR"}:
            head.children.append(node)
    return head, extra_records


def _name_node(name: PersonName) -> GedcomNode:
    full = name.full
    node = GedcomNode("NAME", full)
    given, surname, suffix = split_name(full)
    if name.name_type:
        node.children.append(GedcomNode("TYPE", name.name_type))
    for tag, value, implied in (
        ("NPFX", name.prefix, ""),
        ("GIVN", name.given, given),
        ("SURN", name.surname, surname),
        ("NSFX", name.suffix, suffix),
        ("NICK", name.nickname, ""),
    ):
        if value and value != implied:
            node.children.append(GedcomNode(tag, value))
    node.children += _extra(name.extra)
    return node


def event_node(event: Event, place: str) -> GedcomNode:
    """One event, with its modelled DATE and PLAC unless a fuller verbatim copy is kept in its extras."""
    node = GedcomNode(event.tag, event.value)
    extra = _extra(event.extra)
    kept = {child.tag for child in extra}
    if event.event_type:
        node.children.append(GedcomNode("TYPE", event.event_type))
    if event.date_text and "DATE" not in kept:
        node.children.append(GedcomNode("DATE", event.date_text))
    if place and "PLAC" not in kept:
        node.children.append(_place_node(event, place))
    node.children += extra
    return node


def _place_node(event: Event, name: str) -> GedcomNode:
    node = GedcomNode("PLAC", name)
    place = event.place
    if place is not None and place.latitude is not None and place.longitude is not None:
        latitude = f"{'N' if place.latitude >= 0 else 'S'}{abs(place.latitude):g}"
        longitude = f"{'E' if place.longitude >= 0 else 'W'}{abs(place.longitude):g}"
        node.children.append(GedcomNode("MAP", children=[GedcomNode("LATI", latitude), GedcomNode("LONG", longitude)]))
    return node


def note_node(note: Note) -> GedcomNode:
    """A note: a pointer to a shared record, or its own text."""
    value = f"@{note.record_xref}@" if note.record_xref else note.text
    return GedcomNode("NOTE", value, children=_extra(note.extra))


def link_node(link: ProfileLink) -> GedcomNode:
    """A profile link as GEDCOM 5.5.1 writes it: EMAIL for an address, WWW for the rest."""
    if link.url.startswith("mailto:"):
        return GedcomNode("EMAIL", link.url.removeprefix("mailto:"))
    return GedcomNode("WWW", link.url)


def _grouped(session: Session, model: type, column: Any, ids: list[int], order: Any) -> dict[int, list[Any]]:
    """Rows of ``model`` belonging to ``ids``, grouped by owner, in their order (one query)."""
    grouped: dict[int, list[Any]] = defaultdict(list)
    query = select(model).where(column.in_(ids)).order_by(column, order)
    if model is Event:
        query = query.options(joinedload(Event.place))
    for row in session.scalars(query):
        grouped[getattr(row, column.key)].append(row)
    return grouped


class _Exporter:
    """Writes the records of one export; holds only the xref maps and one batch at a time."""

    def __init__(self, session: Session, out: TextIO) -> None:
        self.session, self.out = session, out
        self.people = _xrefs(session.execute(select(Person.person_id, Person.xref).order_by(Person.person_id)), "I")
        self.families = _xrefs(session.execute(select(Family.family_id, Family.xref).order_by(Family.family_id)), "F")

    def write(self, node: GedcomNode) -> None:
        for line in write_record(node):
            self.out.write(line + "\n")

    def people_batch(self, ids: list[int]) -> Iterator[GedcomNode]:
        """The INDI records of the people ``ids``."""
        db = self.session
        persons = db.scalars(select(Person).where(Person.person_id.in_(ids)).order_by(Person.person_id))
        names = _grouped(db, PersonName, PersonName.person_id, ids, PersonName.position)
        events = _grouped(db, Event, Event.person_id, ids, Event.position)
        notes = _grouped(db, Note, Note.person_id, ids, Note.position)
        links = _grouped(db, ProfileLink, ProfileLink.person_id, ids, ProfileLink.link_id)
        parents = _grouped(db, FamilyChild, FamilyChild.person_id, ids, FamilyChild.family_id)
        partner_of: dict[int, list[int]] = defaultdict(list)
        for family_id, first, second in db.execute(
            select(Family.family_id, Family.partner1_id, Family.partner2_id)
            .where(or_(Family.partner1_id.in_(ids), Family.partner2_id.in_(ids)))
            .order_by(Family.family_id)
        ):
            for partner in {first, second} - {None}:
                partner_of[partner].append(family_id)
        for person in persons:
            pid = person.person_id
            node = GedcomNode("INDI", "", self.people[pid])
            node.children += [_name_node(name) for name in names[pid]]
            node.children += [GedcomNode("SEX", person.sex), GedcomNode("_UID", person.uid)]
            node.children += [event_node(event, event.place.name if event.place else "") for event in events[pid]]
            node.children += [note_node(note) for note in notes[pid]]
            node.children += [link_node(link) for link in links[pid]]
            for child in parents[pid]:
                famc = GedcomNode("FAMC", f"@{self.families[child.family_id]}@")
                if child.pedigree != "birth":
                    famc.children.append(GedcomNode("PEDI", child.pedigree))
                node.children.append(famc)
            node.children += [GedcomNode("FAMS", f"@{self.families[fid]}@") for fid in partner_of[pid]]
            node.children += _extra(person.extra)
            yield node

    def families_batch(self, ids: list[int]) -> Iterator[GedcomNode]:
        """The FAM records of the families ``ids``."""
        db = self.session
        children = _grouped(db, FamilyChild, FamilyChild.family_id, ids, FamilyChild.position)
        events = _grouped(db, Event, Event.family_id, ids, Event.position)
        notes = _grouped(db, Note, Note.family_id, ids, Note.position)
        for family in db.scalars(select(Family).where(Family.family_id.in_(ids)).order_by(Family.family_id)):
            fid = family.family_id
            node = GedcomNode("FAM", "", self.families[fid])
            for tag, partner in (("HUSB", family.partner1_id), ("WIFE", family.partner2_id)):
                if partner is not None:
                    node.children.append(GedcomNode(tag, f"@{self.people[partner]}@"))
            node.children += [GedcomNode("CHIL", f"@{self.people[child.person_id]}@") for child in children[fid]]
            node.children.append(GedcomNode("_UID", family.uid))
            node.children += [event_node(event, event.place.name if event.place else "") for event in events[fid]]
            node.children += [note_node(note) for note in notes[fid]]
            node.children += _extra(family.extra)
            yield node


def _batches(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), BATCH_SIZE):
        yield ids[start : start + BATCH_SIZE]


def export_gedcom(session: Session, out: TextIO) -> int:
    """Write the whole tree to ``out`` as GEDCOM 5.5.1; returns how many people were written."""
    exporter = _Exporter(session, out)
    head, own_records = _header(session)
    exporter.write(head)
    for batch in _batches(list(exporter.people)):
        for node in exporter.people_batch(batch):
            exporter.write(node)
        session.expunge_all()  # keep memory flat: each batch's rows are written and done with
    for batch in _batches(list(exporter.families)):
        for node in exporter.families_batch(batch):
            exporter.write(node)
        session.expunge_all()
    for record in session.scalars(
        select(GedcomRecord).where(GedcomRecord.tag != "HEAD").order_by(GedcomRecord.position)
    ):
        exporter.write(GedcomNode(record.tag, record.value, record.xref, children=_extra(record.extra)))
    for node in own_records:
        exporter.write(node)
    out.write("0 TRLR\n")
    return len(exporter.people)
