"""The ``editing`` blueprint and what its views share: access checks, the actor, the living rule, messages.

Every page asks :func:`~famille.editing.services.can_edit_person` (details) or
:func:`~famille.editing.services.can_edit_relations` (relatives, families, deletion) before anything else, on
GET and on POST: visitors are sent to log in by ``requires``, a member on someone else's person gets a 403.
"""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, current_app, flash
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import Field

from famille.auth.access import current_viewer
from famille.db import get_session
from famille.editing import services
from famille.editing.services import EditError, LivingRule
from famille.models import Family, Person
from famille.privacy import PersonView
from famille.visibility import view_one

bp = Blueprint("editing", __name__)
# The person page asks the same questions as these views, through the same functions.
bp.add_app_template_global(services.can_edit_person, "can_edit_person")
bp.add_app_template_global(services.can_edit_relations, "can_edit_relations")

#: Held by members, editors and admins; which person each may edit is decided by can_edit_person.
EDIT_DETAILS = "edit_own"
#: Relatives, families and deletion: editors and admins.
EDIT_RELATIONS = "edit_any"


def editable_person(person_id: int) -> Person:
    """The person of the URL if the account may edit their details: 403 if not allowed, 404 if there is none."""
    if not services.can_edit_person(current_user, person_id):
        abort(403)
    person = services.find_person(get_session(), person_id=person_id)
    if person is None:
        abort(404)
    return person


def relations_person(person_id: int) -> Person:
    """The person of the URL if the account may change their relatives or delete them (editors and admins)."""
    if not services.can_edit_relations(current_user):
        abort(403)
    return editable_person(person_id)


def editable_family(family_id: int) -> Family:
    """The family of the URL, for editors and admins."""
    if not services.can_edit_relations(current_user):
        abort(403)
    family = services.find_family(get_session(), family_id=family_id)
    if family is None:
        abort(404)
    return family


def heading(person: Person) -> PersonView:
    """The person as the viewer may see them (an editor sees everyone; a member, themself)."""
    return view_one(get_session(), current_viewer(), person)


def display(view: PersonView) -> str:
    """A person's name as plain text, for titles."""
    return " ".join(part for part in (view.given_name, view.surname) if part) or "…"


def actor() -> services.Actor:
    """The logged-in account, as the change log names it."""
    return services.actor_of(
        user_id=current_user.user_id, display_name=current_user.display_name, email=current_user.email
    )


def living_rule() -> LivingRule:
    """This year and the site's rule for who counts as living."""
    return LivingRule(current_year=date.today().year, living_years=int(current_app.config["LIVING_YEARS"]))


def message(error: EditError) -> str:
    """A refusal in the reader's language."""
    return _(error.template) % error.params if error.params else _(error.template)


def refuse(form: FlaskForm, error: EditError, field: Field | None = None) -> None:
    """Show a refusal beside ``field`` (else the field the error names, else above the form), keeping the input."""
    field = field if field is not None else getattr(form, error.field or "", None)
    if isinstance(field, Field):
        field.errors = [*field.errors, message(error)]
    else:
        form.form_errors.append(message(error))


def saved(text: str) -> None:
    """Say that the change is saved, on the next page."""
    flash(text, "info")


def warn_date(date_text: str) -> None:
    """Say that a date was kept as typed because it was not understood."""
    flash(
        _(
            "The date “%(date)s” was not understood: it is saved as you typed it. Check it, or give the day, "
            "month and year in the boxes.",
            date=date_text,
        ),
        "warning",
    )
