"""Pages to add, change and remove a person's notes (plain text, line breaks kept)."""

from __future__ import annotations

from flask import abort, redirect, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from famille.auth.access import requires
from famille.db import get_session
from famille.editing import notes
from famille.editing.blueprint import EDIT_DETAILS, actor, bp, display, editable_person, heading, refuse, saved
from famille.editing.forms import ConfirmForm, NoteForm
from famille.editing.services import EditError
from famille.models import Note


def _back(person_id: int) -> Response:
    return redirect(url_for("editing.person", person_id=person_id) + "#notes")


def _note(person_id: int, note_id: int) -> Note:
    note = notes.find_note(get_session(), person_id=person_id, note_id=note_id)
    if note is None:
        abort(404)
    return note


@bp.route("/people/<int:person_id>/notes/new", methods=["GET", "POST"])
@requires(EDIT_DETAILS)
def add_note(person_id: int) -> str | Response:
    """Add a note to a person."""
    found = editable_person(person_id)
    form = NoteForm()
    if form.validate_on_submit():
        session = get_session()
        try:
            notes.add_note(session, person=found, text=form.text.data or "", actor=actor())
        except EditError as error:
            refuse(form, error)
        else:
            session.commit()
            saved(_("The note is added."))
            return _back(person_id)
    return render_template("editing/note.html", person=heading(found), form=form, note=None)


@bp.route("/people/<int:person_id>/notes/<int:note_id>/edit", methods=["GET", "POST"])
@requires(EDIT_DETAILS)
def edit_note(person_id: int, note_id: int) -> str | Response:
    """Change a note's text."""
    found = editable_person(person_id)
    note = _note(person_id, note_id)
    session = get_session()
    form = NoteForm(text=notes.note_text(session, note))
    if form.validate_on_submit():
        try:
            changed = notes.change_note(session, person=found, note=note, text=form.text.data or "", actor=actor())
        except EditError as error:
            refuse(form, error)
        else:
            session.commit()
            saved(_("The note is saved.") if changed else _("Nothing was changed."))
            return _back(person_id)
    return render_template("editing/note.html", person=heading(found), form=form, note=note)


@bp.route("/people/<int:person_id>/notes/<int:note_id>/remove", methods=["GET", "POST"])
@requires(EDIT_DETAILS)
def remove_note(person_id: int, note_id: int) -> str | Response:
    """Ask to confirm, then remove a note."""
    found = editable_person(person_id)
    note = _note(person_id, note_id)
    form = ConfirmForm()
    session = get_session()
    if form.validate_on_submit():
        notes.remove_note(session, person=found, note=note, actor=actor())
        session.commit()
        saved(_("The note is removed."))
        return _back(person_id)
    text = notes.note_text(session, note)
    what = text if len(text) <= 200 else text[:200] + "…"
    back = url_for("editing.person", person_id=person_id) + "#notes"
    title = display(heading(found))
    return render_template("editing/remove.html", title=title, back=back, form=form, what=what, kind="note")
