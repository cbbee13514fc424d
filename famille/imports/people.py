"""Writing people: new ones inserted in bulk, changed ones rewritten, and their links merged.

A changed person keeps their row (and so their id, their account's claim, the links added on the site and their
history); only what came from the file is replaced.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from famille.gedcom.mapping import NameData, PersonData
from famille.imports.bulk import insert_returning_ids, insert_rows, update_rows
from famille.imports.merge import FieldConflict, apply_fields, fields_of, merge_fields
from famille.imports.rows import PlaceCache, event_rows, note_rows, person_fields
from famille.imports.site_state import site_people
from famille.models import Change, Event, NameToken, Note, Person, PersonName, ProfileLink
from famille.text import name_tokens

#: For a person id, which side wins each conflicting field ("site" or "file"; unnamed fields: the site).
Preference = Callable[[int], dict[str, str]]


def new_uid() -> str:
    """A fresh identifier for a person or family that came without a _UID (exported as its _UID)."""
    return uuid.uuid4().hex.upper()


def _name_rows(person_id: int, names: list[NameData]) -> list[dict[str, Any]]:
    return [
        {
            "person_id": person_id,
            "position": position,
            "name_type": name.name_type[:40],
            "full": name.full[:500],
            "given": name.given[:300],
            "surname": name.surname[:300],
            "prefix": name.prefix[:100],
            "suffix": name.suffix[:100],
            "nickname": name.nickname[:300],
            "extra": name.extra,
        }
        for position, name in enumerate(names)
    ]


def _details(session: Session, pairs: list[tuple[int, PersonData]], places: PlaceCache) -> None:
    """Insert the names, events and notes of each (person id, data) pair."""
    places.ensure(event for _person_id, data in pairs for event in data.events)
    names, events, notes, tokens = [], [], [], []
    for person_id, data in pairs:
        owner = {"person_id": person_id}
        names.extend(_name_rows(person_id, data.names))
        words = name_tokens(*(part for name in data.names for part in (name.given, name.surname, name.nickname)))
        tokens.extend({"token": token, "person_id": person_id} for token in words)
        events.extend(event_rows(data.events, places, owner))
        notes.extend(note_rows(data.notes, owner))
    insert_rows(session, PersonName, names)
    insert_rows(session, Event, events)
    insert_rows(session, Note, notes)
    insert_rows(session, NameToken, tokens)


def insert_people(session: Session, batch: list[PersonData], places: PlaceCache) -> list[int]:
    """Insert new people with their details; returns their ids in the order of ``batch``."""
    if not batch:
        return []
    rows = []
    for data in batch:
        fields = person_fields(data)
        # The dead are never living: set now, the import's recompute_living rewrites only the flags it changes.
        living = not fields["is_dead"]
        rows.append(
            {
                "uid": data.uid or new_uid(),
                "xref": data.xref,
                **fields,
                "file_fields": fields_of(data),
                "living": living,
            }
        )
    ids = insert_returning_ids(session, Person, rows)
    _details(session, list(zip(ids, batch, strict=True)), places)
    return ids


@dataclass(frozen=True, slots=True)
class PersonConflict:
    """A field of one person changed both on the site and in the new file."""

    person_id: int
    name: str
    conflict: FieldConflict


def _merged_with_site(
    session: Session, pairs: list[tuple[int, PersonData]], prefer: Preference
) -> tuple[list[tuple[int, PersonData]], list[PersonConflict]]:
    """Each person's new file record merged with the edits made on the site since the last import."""
    site = site_people(session, [person_id for person_id, _data in pairs])
    merged_pairs, conflicts = [], []
    for person_id, data in pairs:
        site_data, base = site[person_id]
        site_fields, file_fields = fields_of(site_data), fields_of(data)
        if not base or site_fields == base:  # nothing edited on the site (or no base to tell): the file wins
            merged_pairs.append((person_id, data))
            continue
        merged, found = merge_fields(base, site_fields, file_fields, prefer=prefer(person_id))
        order = [key.removeprefix("event.").rsplit(".", 1)[0] for key in fields_of(site_data) if key.endswith(".date")]
        merged_data = apply_fields(replace(data), merged, site_event_order=order)
        name = (
            " ".join(part for part in (site_data.names[0].given, site_data.names[0].surname) if part)
            if site_data.names
            else ""
        )
        conflicts += [PersonConflict(person_id, name, conflict) for conflict in found]
        merged_pairs.append((person_id, merged_data))
    return merged_pairs, conflicts


def rewrite_people(
    session: Session, pairs: list[tuple[int, PersonData]], places: PlaceCache, *, prefer: Preference = lambda _id: {}
) -> list[PersonConflict]:
    """Replace what the file says of existing people, keeping their rows, what the site added and its edits.

    Returns the conflicts between site edits and the new file (settled by ``prefer``, else for the site).
    """
    if not pairs:
        return []
    ids = [person_id for person_id, _data in pairs]
    file_state = {person_id: (data.content_hash(), fields_of(data)) for person_id, data in pairs}
    pairs, conflicts = _merged_with_site(session, pairs, prefer)
    with_uid = [(pid, data) for pid, data in pairs if data.uid]
    without_uid = [(pid, data) for pid, data in pairs if not data.uid]
    for group, keep_uid in ((with_uid, True), (without_uid, False)):
        rows = []
        for person_id, data in group:
            digest, fields = file_state[person_id]
            row = {"person_id": person_id, "xref": data.xref, **person_fields(data), "missing_since": None}
            # The digest and fields of the file, not of the merge: an unchanged file must look unchanged next time.
            row.update(content_hash=digest, file_fields=fields)
            if keep_uid:
                row["uid"] = data.uid
            rows.append(row)
        update_rows(session, Person, rows)
    for model in (PersonName, Event, Note, NameToken):
        session.execute(delete(model).where(model.person_id.in_(ids)))
    _details(session, pairs, places)
    return conflicts


def merge_links(session: Session, pairs: list[tuple[int, PersonData]], *, actor: str) -> tuple[int, int]:
    """Bring each person's file links in line with the file; links added on the site are never touched.

    Returns how many links were added and removed.
    """
    if not pairs:
        return 0, 0
    ids = [person_id for person_id, _data in pairs]
    existing: dict[int, dict[str, str]] = {}
    for person_id, url, origin in session.execute(
        select(ProfileLink.person_id, ProfileLink.url, ProfileLink.origin).where(ProfileLink.person_id.in_(ids))
    ):
        existing.setdefault(person_id, {})[url] = origin
    declined = _declined_links(session, ids)
    added, removed_ids = [], []
    for person_id, data in pairs:
        have = existing.get(person_id, {})
        wanted = {link.url for link in data.links}
        removed_ids.extend((person_id, url) for url, origin in have.items() if origin == "gedcom" and url not in wanted)
        for position, link in enumerate(data.links):
            if link.url not in have and (person_id, link.url) not in declined:
                added.append(_link_row(person_id, position, link, actor))
    for person_id, url in removed_ids:
        session.execute(delete(ProfileLink).where(ProfileLink.person_id == person_id, ProfileLink.url == url))
    insert_rows(session, ProfileLink, added)
    return len(added), len(removed_ids)


def _declined_links(session: Session, person_ids: list[int]) -> set[tuple[int, str]]:
    """File links the site removed or replaced: a re-import must not bring them back."""
    rows = session.execute(
        select(Change.person_id, Change.details).where(
            Change.kind.in_(("link_removed", "link_changed")), Change.person_id.in_(person_ids)
        )
    )
    declined = set()
    for person_id, details in rows:
        old = (details or {}).get("old") or {}
        if old.get("origin") == "gedcom" and old.get("url") != ((details or {}).get("new") or {}).get("url"):
            declined.add((person_id, old.get("url")))
    return declined


def _link_row(person_id: int, position: int, link: Any, actor: str) -> dict[str, Any]:
    return {
        "person_id": person_id,
        "url": link.url,
        "platform": link.platform,
        "handle": link.handle[:300],
        "label": link.label[:200],
        "origin": "gedcom",
        "added_by": actor[:200],
        "position": position,
    }
