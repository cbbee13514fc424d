"""Three-way merge of a person's (or a family's) fields: the last imported file, the site, and the new file.

Each side is flattened to named fields ("name.0.given", "event.BIRT.0.date", "note.1", "sex"…). For each field:
changed in neither or alike on both sides → that value; changed only in the new file → the file's; changed only
on the site → the site's; changed on both, differently → a conflict, settled by the organiser's choice, else the
site's value (what the family typed on the site wins unless told otherwise).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from famille.gedcom.mapping import EventData, NameData, NoteData, PersonData

NAME_PARTS = ("full", "name_type", "given", "surname", "prefix", "suffix", "nickname")
EVENT_PARTS = ("date", "place", "value", "type")
SITE, FILE = "site", "file"


@dataclass(frozen=True, slots=True)
class FieldConflict:
    """One field changed both on the site and in the file."""

    field: str
    site: Any
    file: Any
    chosen: str


def _event_keys(events: list[Any], tag_of: Any) -> list[str]:
    """Stable keys for events: the tag and its rank among events of that tag ("BIRT.0", "OCCU.2")."""
    seen: Counter[str] = Counter()
    keys = []
    for event in events:
        tag = tag_of(event)
        keys.append(f"{tag}.{seen[tag]}")
        seen[tag] += 1
    return keys


def fields_of(data: PersonData) -> dict[str, Any]:
    """A person's mergeable fields, flat (what the site can edit: sex, names, events, notes)."""
    fields: dict[str, Any] = {"sex": data.sex}
    for index, name in enumerate(data.names):
        prefix = f"name.{index}."
        for part in NAME_PARTS:
            fields[prefix + part] = getattr(name, part)
    ranks: dict[str, int] = {}  # as _event_keys numbers them, written out: this runs once per person imported
    for event in data.events:
        rank = ranks.get(event.tag, 0)
        ranks[event.tag] = rank + 1
        prefix = f"event.{event.tag}.{rank}."
        fields[prefix + "date"] = event.date_text
        fields[prefix + "place"] = event.place
        fields[prefix + "value"] = event.value
        fields[prefix + "type"] = event.event_type
    for index, note in enumerate(data.notes):
        fields[f"note.{index}"] = note.text if not note.record_xref else f"@{note.record_xref}@"
    return fields


def merge_fields(
    base: dict[str, Any], site: dict[str, Any], file: dict[str, Any], *, prefer: dict[str, str] | None = None
) -> tuple[dict[str, Any], list[FieldConflict]]:
    """The merged fields and the conflicts.

    ``prefer`` maps a field (or "*": every field) to "site" or "file"; unnamed conflicts go to the site.
    """
    merged: dict[str, Any] = {}
    conflicts: list[FieldConflict] = []
    for key in sorted(set(base) | set(site) | set(file)):
        old, ours, theirs = base.get(key), site.get(key), file.get(key)
        if ours in (theirs, old):
            value = theirs
        elif theirs == old:
            value = ours
        else:
            choices = prefer or {}
            chosen = choices.get(key, choices.get("*", SITE))
            conflicts.append(FieldConflict(key, ours, theirs, chosen))
            value = theirs if chosen == FILE else ours
        if value is not None:
            merged[key] = value
    return merged, conflicts


def _names(merged: dict[str, Any], data: PersonData) -> list[NameData]:
    indexes = sorted({int(key.split(".")[1]) for key in merged if key.startswith("name.")})
    names = []
    for index in indexes:
        known = data.names[index] if index < len(data.names) else NameData(full="")
        parts = {part: merged.get(f"name.{index}.{part}", "") for part in NAME_PARTS}
        names.append(NameData(**parts, extra=known.extra))
    return names


def _events(merged: dict[str, Any], data: PersonData, site_order: list[str]) -> list[EventData]:
    keyed = dict(zip(_event_keys(data.events, lambda e: e.tag), data.events, strict=True))
    wanted = {key.rsplit(".", 1)[0].removeprefix("event.") for key in merged if key.startswith("event.")}
    order = [key for key in keyed if key in wanted] + [key for key in site_order if key in wanted and key not in keyed]
    events = []
    for key in order:
        known = keyed.get(key)
        tag = key.rsplit(".", 1)[0]
        value = {part: merged.get(f"event.{key}.{part}", "") for part in EVENT_PARTS}
        event = EventData(tag=tag, event_type=value["type"], value=value["value"], date_text=value["date"])
        event.place = value["place"]
        if known is not None:
            event.extra, event.latitude, event.longitude = known.extra, known.latitude, known.longitude
            if known.place != event.place:
                event.latitude = event.longitude = None
        events.append(event)
    return events


def _notes(merged: dict[str, Any], data: PersonData) -> list[NoteData]:
    indexes = sorted({int(key.split(".")[1]) for key in merged if key.startswith("note.")})
    notes = []
    for index in indexes:
        text = merged[f"note.{index}"]
        known = data.notes[index] if index < len(data.notes) else NoteData()
        pointer = text[1:-1] if isinstance(text, str) and text.startswith("@") and text.endswith("@") else None
        notes.append(NoteData(text="" if pointer else text, record_xref=pointer, extra=known.extra))
    return notes


def apply_fields(data: PersonData, merged: dict[str, Any], *, site_event_order: list[str]) -> PersonData:
    """The file's record with its mergeable fields replaced by ``merged`` (extras kept where they still apply)."""
    data.sex = merged.get("sex", data.sex)
    data.names = _names(merged, data)
    data.events = _events(merged, data, site_event_order)
    data.notes = _notes(merged, data)
    return data
