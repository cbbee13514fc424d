"""Writing families: partners and children resolved from the file's xrefs to people's ids."""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from famille.gedcom.mapping import FamilyData
from famille.imports.matching import RecordIndex
from famille.imports.people import new_uid
from famille.imports.report import Tally
from famille.imports.rows import PlaceCache, event_rows, insert_returning_ids, insert_rows, note_rows, update_rows
from famille.models import Event, Family, FamilyChild, Note


def merge_pedigrees(families: list[FamilyData], famc: dict[tuple[str, str], str]) -> None:
    """Complete each family's children from the people's FAMC lines, with the pedigree they give.

    ``famc`` maps (person xref, family xref) to the pedigree written under the person's FAMC.
    """
    listed = {(child, family.xref) for family in families for child, _p in family.children}
    for family in families:
        family.children = [
            (child, pedigree if pedigree != "birth" else famc.get((child, family.xref or ""), "birth"))
            for child, pedigree in family.children
        ]
    by_xref = {family.xref: family for family in families if family.xref}
    for (child, family_xref), pedigree in famc.items():
        family = by_xref.get(family_xref)
        if family is not None and (child, family_xref) not in listed:
            family.children.append((child, pedigree))


def _row(data: FamilyData, people: dict[str, int]) -> dict[str, Any]:
    return {
        "xref": data.xref,
        "partner1_id": people.get(data.partner1 or ""),
        "partner2_id": people.get(data.partner2 or ""),
        "extra": data.extra,
        "content_hash": family_digest(data, people),
        "missing_since": None,
    }


def _details(session: Session, pairs: list[tuple[int, FamilyData]], people: dict[str, int], places: PlaceCache) -> None:
    places.ensure(event for _family_id, data in pairs for event in data.events)
    children, events, notes = [], [], []
    for family_id, data in pairs:
        owner = {"family_id": family_id}
        seen: set[int] = set()
        for position, (xref, pedigree) in enumerate(data.children):
            person_id = people.get(xref)
            if person_id is not None and person_id not in seen:
                seen.add(person_id)
                children.append(
                    {"family_id": family_id, "person_id": person_id, "position": position, "pedigree": pedigree}
                )
        events.extend(event_rows(data.events, places, owner))
        notes.extend(note_rows(data.notes, owner))
    insert_rows(session, FamilyChild, children)
    insert_rows(session, Event, events)
    insert_rows(session, Note, notes)


def write_families(
    session: Session, families: list[FamilyData], *, index: RecordIndex, people: dict[str, int], places: PlaceCache
) -> Tally:
    """Insert new families, rewrite changed ones, leave unchanged ones alone; returns the figures."""
    tally = Tally()
    new: list[FamilyData] = []
    changed: list[tuple[int, FamilyData]] = []
    for data in families:
        family_id = index.match(data)
        if family_id is None:
            new.append(data)
        elif index.digest.get(family_id) == family_digest(data, people):
            tally.unchanged += 1
        else:
            changed.append((family_id, data))
    if new:
        rows = [{"uid": data.uid or new_uid(), **_row(data, people)} for data in new]
        ids = insert_returning_ids(session, Family, rows)
        _details(session, list(zip(ids, new, strict=True)), people, places)
    if changed:
        ids = [family_id for family_id, _d in changed]
        update_rows(session, Family, [{"family_id": fid, **_row(data, people)} for fid, data in changed])
        for model in (FamilyChild, Event, Note):
            session.execute(delete(model).where(model.family_id.in_(ids)))
        _details(session, changed, people, places)
    tally.new, tally.updated = len(new), len(changed)
    return tally


def family_digest(data: FamilyData, people: dict[str, int]) -> str:
    """The family's digest, including which rows its partners and children resolve to."""
    named = [data.partner1, data.partner2, *(child for child, _p in data.children)]
    resolved = ",".join(str(people.get(xref or "", "")) for xref in named)
    return hashlib.sha256(f"{data.content_hash()}|{resolved}".encode()).hexdigest()
