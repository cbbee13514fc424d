"""Writing families: partners and children resolved from the file's xrefs to people's ids."""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from famille.gedcom.mapping import FamilyData
from famille.imports.bulk import insert_returning_ids, insert_rows, update_rows
from famille.imports.matching import RecordIndex
from famille.imports.people import new_uid
from famille.imports.report import Tally
from famille.imports.rows import PlaceCache, event_rows, note_rows
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


def _resolved_children(data: FamilyData, people: dict[str, int]) -> list[tuple[int, str]]:
    """The family's children as (person id, pedigree), once each, in the file's order."""
    found: dict[int, str] = {}
    for xref, pedigree in data.children:
        person_id = people.get(xref)
        if person_id is not None:
            found.setdefault(person_id, pedigree)
    return list(found.items())


def _row(data: FamilyData, people: dict[str, int]) -> dict[str, Any]:
    partners = [people.get(data.partner1 or ""), people.get(data.partner2 or "")]
    return {
        "xref": data.xref,
        "partner1_id": partners[0],
        "partner2_id": partners[1],
        "extra": data.extra,
        "content_hash": family_digest(data, people),
        "missing_since": None,
        # What this import said: the base of the next three-way merge with the site's changes.
        "file_fields": {"partners": partners, "children": [pid for pid, _p in _resolved_children(data, people)]},
    }


def _details(
    session: Session,
    pairs: list[tuple[int, FamilyData]],
    people: dict[str, int],
    places: PlaceCache,
    kept: dict[int, list[tuple[int, str]]] | None = None,
) -> None:
    """Insert each family's children, events and notes (``kept``: children merged with the site's, by family)."""
    places.ensure(event for _family_id, data in pairs for event in data.events)
    children, events, notes = [], [], []
    for family_id, data in pairs:
        owner = {"family_id": family_id}
        merged = kept or {}
        resolved = merged[family_id] if family_id in merged else _resolved_children(data, people)
        children += [
            {"family_id": family_id, "person_id": person_id, "position": position, "pedigree": pedigree}
            for position, (person_id, pedigree) in enumerate(resolved)
        ]
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
        rows = [{"family_id": fid, **_row(data, people)} for fid, data in changed]
        kept = merge_family_ties(session, rows, {fid: _resolved_children(data, people) for fid, data in changed})
        update_rows(session, Family, rows)
        for model in (FamilyChild, Event, Note):
            session.execute(delete(model).where(model.family_id.in_(ids)))
        _details(session, changed, people, places, kept)
    tally.new, tally.updated = len(new), len(changed)
    return tally


def _three_way(base: Any, site: Any, file: Any) -> Any:
    """The file's value unless only the site changed it (then the site's; on both, the site's too)."""
    return file if site in (base, file) else site


def merge_family_ties(
    session: Session, rows: list[dict[str, Any]], file_children: dict[int, list[tuple[int, str]]]
) -> dict[int, list[tuple[int, str]]]:
    """Merge each changed family's partners and children with what the site changed since the last import.

    Partners are merged slot by slot; children as a set: those the site added stay, those it removed stay out,
    and the file's own additions and removals apply. Updates ``rows`` in place; returns the children by family.
    """
    ids = [row["family_id"] for row in rows]
    site_children: dict[int, list[tuple[int, str]]] = {}
    for family_id, person_id, pedigree in session.execute(
        select(FamilyChild.family_id, FamilyChild.person_id, FamilyChild.pedigree)
        .where(FamilyChild.family_id.in_(ids))
        .order_by(FamilyChild.family_id, FamilyChild.position)
    ):
        site_children.setdefault(family_id, []).append((person_id, pedigree))
    current = {
        fid: (p1, p2, base)
        for fid, p1, p2, base in session.execute(
            select(Family.family_id, Family.partner1_id, Family.partner2_id, Family.file_fields).where(
                Family.family_id.in_(ids)
            )
        )
    }
    kept: dict[int, list[tuple[int, str]]] = {}
    for row in rows:
        p1, p2, base = current[row["family_id"]]
        if not base:  # imported before the site could edit families: nothing to keep
            continue
        old_partners = base.get("partners") or [None, None]
        row["partner1_id"] = _three_way(old_partners[0], p1, row["partner1_id"])
        row["partner2_id"] = _three_way(old_partners[1], p2, row["partner2_id"])
        kept[row["family_id"]] = _merged_children(
            set(base.get("children") or []), site_children.get(row["family_id"], []), file_children[row["family_id"]]
        )
    return kept


def _merged_children(base: set[int], site: list[tuple[int, str]], file: list[tuple[int, str]]) -> list[tuple[int, str]]:
    file_ids = [pid for pid, _p in file]
    site_ids = {pid for pid, _p in site}
    pedigrees = {**dict(site), **dict(file)}
    keep = [pid for pid in file_ids if pid in site_ids or pid not in base]  # file's order; site removals respected
    keep += [pid for pid, _p in site if pid not in base and pid not in keep]  # children the site added
    return [(pid, pedigrees.get(pid, "birth")) for pid in keep]


def family_digest(data: FamilyData, people: dict[str, int]) -> str:
    """The family's digest, including which rows its partners and children resolve to."""
    named = [data.partner1, data.partner2, *(child for child, _p in data.children)]
    resolved = ",".join(str(people.get(xref or "", "")) for xref in named)
    return hashlib.sha256(f"{data.content_hash()}|{resolved}".encode()).hexdigest()
