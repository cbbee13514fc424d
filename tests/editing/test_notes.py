"""Notes edited on the site: plain text with line breaks, long texts, shared notes, the change log."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from famille.models import GedcomRecord, Note
from tests.editing.helpers import EN, build_tree, changes_of, post, text_of


@pytest.fixture
def tree(app, login_as):
    built = build_tree(app)
    login_as("editor")
    return built


def _notes(db, person_id: int) -> list[Note]:
    db.expire_all()
    return list(db.scalars(select(Note).where(Note.person_id == person_id).order_by(Note.position)))


def test_a_note_is_added_with_its_line_breaks_and_shown_escaped(app, client, db, tree) -> None:
    text = "Première ligne\r\nDeuxième <b>ligne</b>"
    response = post(client, f"/people/{tree.marc}/notes/new", {"text": text})
    assert response.status_code == 302 and response.headers["Location"].endswith("#notes")
    [note] = _notes(db, tree.marc)
    assert note.text == "Première ligne\nDeuxième <b>ligne</b>"
    page = client.get(f"/people/{tree.marc}", headers=EN).get_data(as_text=True)
    assert "Deuxième &lt;b&gt;ligne&lt;/b&gt;" in page and "<b>ligne</b>" not in page
    [change] = changes_of(app, "note_added")
    assert change.details["old"] is None and change.details["new"] == note.text


def test_a_note_is_changed_and_removed(app, client, db, tree) -> None:
    note_id = _notes(db, tree.helene)[0].note_id
    url = f"/people/{tree.helene}/notes/{note_id}/edit"
    assert "Aime la randonnée." in text_of(client.get(url, headers=EN))
    assert post(client, url, {"text": "Aime le ski."}).status_code == 302
    assert _notes(db, tree.helene)[0].text == "Aime le ski."
    [changed] = changes_of(app, "note_changed")
    assert changed.details["old"].startswith("Aime la randonnée.") and changed.details["new"] == "Aime le ski."
    assert post(client, f"/people/{tree.helene}/notes/{note_id}/remove", {}).status_code == 302
    assert _notes(db, tree.helene) == []
    [removed] = changes_of(app, "note_removed")
    assert removed.details == {"note_id": note_id, "old": "Aime le ski.", "new": None}


def test_ten_kilobytes_of_text_are_kept_whole(app, client, db, tree) -> None:
    text = ("Une longue histoire de famille, racontée par grand-maman.\n" * 180)[:10_240].strip()
    assert post(client, f"/people/{tree.joseph}/notes/new", {"text": text}).status_code == 302
    assert _notes(db, tree.joseph)[0].text == text


def test_an_empty_note_is_refused(app, client, db, tree) -> None:
    response = post(client, f"/people/{tree.joseph}/notes/new", {"text": "  \r\n "})
    assert response.status_code == 200 and "Write the note, or cancel." in text_of(response)
    assert _notes(db, tree.joseph) == [] and changes_of(app, "note_added") == []


def test_a_note_too_long_is_refused_with_the_text_kept(app, client, db, tree) -> None:
    response = post(client, f"/people/{tree.joseph}/notes/new", {"text": "x" * 50_001})
    assert response.status_code == 200 and "At most 50000 characters." in text_of(response)
    assert _notes(db, tree.joseph) == []


def test_changing_a_shared_note_gives_the_person_their_own_copy(app, client, db, tree) -> None:
    session = app.extensions["famille.sessionmaker"]()
    session.add(GedcomRecord(tag="NOTE", xref="N1", value="Texte partagé", extra=[]))
    session.add(Note(person_id=tree.joseph, position=0, record_xref="N1", extra=[]))
    session.commit()
    session.close()
    [note] = _notes(db, tree.joseph)
    url = f"/people/{tree.joseph}/notes/{note.note_id}/edit"
    page = text_of(client.get(url, headers=EN))
    assert "Texte partagé" in page and "shared with other people" in page
    assert post(client, url, {"text": "Texte à moi"}).status_code == 302
    [note] = _notes(db, tree.joseph)
    assert (note.text, note.record_xref) == ("Texte à moi", None)
    assert db.scalar(select(GedcomRecord.value).where(GedcomRecord.xref == "N1")) == "Texte partagé"
    [change] = changes_of(app, "note_changed")
    assert change.details["old"] == "Texte partagé"
