"""A person's notes, in plain text, edited on the site.

A note from a file may point to a shared NOTE record instead of holding its own text; changing such a note on the
site gives the person their own copy of the text (the shared record, used by others, is left alone).
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from famille.editing.services import Actor, EditError, record, touch, valid_id
from famille.markers import N_
from famille.models import GedcomRecord, Note, Person

MAX_NOTE = 50_000


def clean_note(text: str) -> str:
    """The note with its line breaks kept (as newlines) and its ends trimmed; refused when empty or too long."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise EditError(N_("Write the note, or cancel."), field="text")
    if len(text) > MAX_NOTE:
        raise EditError(N_("A note can have at most %(max)d characters."), max=MAX_NOTE, field="text")
    return text


def find_note(session: Session, *, person_id: int, note_id: int) -> Note | None:
    """The note ``note_id`` when it belongs to ``person_id``."""
    note = session.get(Note, note_id) if valid_id(note_id) else None
    return note if note is not None and note.person_id == person_id else None


def note_text(session: Session, note: Note) -> str:
    """The text of a note: its own, or that of the shared record it points to."""
    if not note.record_xref:
        return note.text
    shared = session.scalar(
        select(GedcomRecord.value).where(GedcomRecord.tag == "NOTE", GedcomRecord.xref == note.record_xref)
    )
    return shared or ""


def person_notes(session: Session, *, person_id: int) -> list[tuple[Note, str]]:
    """The person's notes in order, each with its text (shared records read in one query)."""
    notes = list(session.scalars(select(Note).where(Note.person_id == person_id).order_by(Note.position)))
    shared = {note.record_xref for note in notes if note.record_xref}
    texts = dict(
        session.execute(
            select(GedcomRecord.xref, GedcomRecord.value).where(
                GedcomRecord.tag == "NOTE", GedcomRecord.xref.in_(shared or {""})
            )
        ).all()
    )
    return [(note, texts.get(note.record_xref, "") if note.record_xref else note.text) for note in notes]


def _record(
    session: Session, person: Person, *, kind: str, actor: Actor, note_id: int, old: str | None, new: str | None
) -> None:
    touch(session, [person.person_id])
    details = {"note_id": note_id, "old": old, "new": new}
    record(session, kind=kind, actor=actor, person_id=person.person_id, details=details)


def add_note(session: Session, *, person: Person, text: str, actor: Actor) -> Note:
    """Add a note after the person's others."""
    text = clean_note(text)
    last = session.scalar(select(func.max(Note.position)).where(Note.person_id == person.person_id))
    note = Note(person_id=person.person_id, position=0 if last is None else last + 1, text=text, extra=[])
    session.add(note)
    session.flush()
    _record(session, person, kind="note_added", actor=actor, note_id=note.note_id, old=None, new=text)
    return note


def change_note(session: Session, *, person: Person, note: Note, text: str, actor: Actor) -> bool:
    """Change a note's text (a shared one becomes the person's own); False when nothing changed."""
    text = clean_note(text)
    old = note_text(session, note)
    if text == old:
        return False
    note.text, note.record_xref = text, None
    session.flush()
    _record(session, person, kind="note_changed", actor=actor, note_id=note.note_id, old=old, new=text)
    return True


def remove_note(session: Session, *, person: Person, note: Note, actor: Actor) -> None:
    """Remove a note from the person (a shared record stays for the others who point to it)."""
    old, note_id = note_text(session, note), note.note_id
    session.delete(note)
    session.flush()
    _record(session, person, kind="note_removed", actor=actor, note_id=note_id, old=old, new=None)
