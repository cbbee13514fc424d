"""Pages to edit a person (blueprint ``editing``): the overview, their names and their sex.

The other pages live beside this module (events, notes, relatives and deletion) and register on the same
blueprint, imported at the bottom so that ``famille.editing.views.bp`` is the whole blueprint.
"""

from __future__ import annotations

from flask import abort, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from famille.auth.access import current_viewer, requires
from famille.db import get_session
from famille.editing import names
from famille.editing.blueprint import EDIT_DETAILS, actor, bp, display, editable_person, heading, refuse, saved
from famille.editing.forms import NAME_TYPE_LABELS, SEX_LABELS, ConfirmForm, NameForm, SexForm, choices
from famille.editing.overview import person_overview
from famille.editing.services import EditError, can_edit_relations
from famille.models import PersonName

__all__ = ["bp"]


def _back(person_id: int, anchor: str) -> Response:
    return redirect(url_for("editing.person", person_id=person_id) + f"#{anchor}")


@bp.get("/people/<int:person_id>/edit")
@requires(EDIT_DETAILS)
def person(person_id: int) -> str:
    """Everything that can be edited of a person, each with its own page."""
    found = editable_person(person_id)
    overview = person_overview(
        get_session(), person=found, viewer=current_viewer(), with_ties=can_edit_relations(current_user)
    )
    return render_template("editing/person.html", overview=overview, sex_labels=SEX_LABELS, name_types=NAME_TYPE_LABELS)


@bp.route("/people/<int:person_id>/sex", methods=["GET", "POST"])
@requires(EDIT_DETAILS)
def sex(person_id: int) -> str | Response:
    """Change a person's sex."""
    found = editable_person(person_id)
    form = SexForm(sex=found.sex)
    form.sex.choices = choices((code, label) for code, label in SEX_LABELS.items() if code in (*names.SEXES, found.sex))
    if form.validate_on_submit():
        session = get_session()
        try:
            changed = names.set_sex(session, person=found, sex=form.sex.data or "", actor=actor())
        except EditError as error:
            refuse(form, error, form.sex)
        else:
            session.commit()
            saved(_("The sex is saved.") if changed else _("Nothing was changed."))
            return _back(person_id, "sex")
    return render_template("editing/sex.html", person=heading(found), form=form)


def _name_form(row: PersonName | None) -> NameForm:
    form = NameForm(obj=row)
    current = row.name_type if row is not None else ""
    offered = list(NAME_TYPE_LABELS.items())
    if current not in NAME_TYPE_LABELS:
        offered.append((current, current))  # a kind from the file stays offered
    form.name_type.choices = choices(offered)
    return form


def _name_input(form: NameForm) -> names.NameInput:
    return names.NameInput(
        given=form.given.data or "",
        surname=form.surname.data or "",
        nickname=form.nickname.data or "",
        name_type=form.name_type.data or "",
    )


@bp.route("/people/<int:person_id>/names/new", methods=["GET", "POST"])
@requires(EDIT_DETAILS)
def add_name(person_id: int) -> str | Response:
    """Give a person another name (a married name, a name they were known by…)."""
    found = editable_person(person_id)
    form = _name_form(None)
    if form.validate_on_submit():
        session = get_session()
        try:
            names.add_name(session, person=found, name=_name_input(form), actor=actor())
        except EditError as error:
            session.rollback()
            refuse(form, error)
        else:
            session.commit()
            saved(_("The name is added."))
            return _back(person_id, "names")
    return render_template("editing/name.html", person=heading(found), form=form, row=None)


def _name_row(person_id: int, name_id: int) -> PersonName:
    row = names.find_name(get_session(), person_id=person_id, name_id=name_id)
    if row is None:
        abort(404)
    return row


@bp.route("/people/<int:person_id>/names/<int:name_id>/edit", methods=["GET", "POST"])
@requires(EDIT_DETAILS)
def edit_name(person_id: int, name_id: int) -> str | Response:
    """Change one of a person's names."""
    found = editable_person(person_id)
    row = _name_row(person_id, name_id)
    form = _name_form(row)
    if form.validate_on_submit():
        session = get_session()
        try:
            changed = names.change_name(session, person=found, row=row, name=_name_input(form), actor=actor())
        except EditError as error:
            refuse(form, error)
        else:
            session.commit()
            saved(_("The name is saved.") if changed else _("Nothing was changed."))
            return _back(person_id, "names")
    return render_template("editing/name.html", person=heading(found), form=form, row=row)


@bp.route("/people/<int:person_id>/names/<int:name_id>/remove", methods=["GET", "POST"])
@requires(EDIT_DETAILS)
def remove_name(person_id: int, name_id: int) -> str | Response:
    """Ask to confirm, then remove one of a person's other names."""
    found = editable_person(person_id)
    row = _name_row(person_id, name_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        session = get_session()
        try:
            names.remove_name(session, person=found, row=row, actor=actor())
        except EditError as error:
            session.rollback()
            refuse(form, error)
        else:
            session.commit()
            saved(_("The name is removed."))
            return _back(person_id, "names")
    what = " ".join(part for part in (row.given, row.surname) if part)
    back = url_for("editing.person", person_id=person_id) + "#names"
    title = display(heading(found))
    return render_template("editing/remove.html", title=title, back=back, form=form, what=what, kind="name")


# The other pages register on the same blueprint.
from famille.editing import event_views, note_views, relation_views  # noqa: E402, F401
