"""Pages to add, change and remove the events of a person (their details) or of a family (editors and admins)."""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort, redirect, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from famille.auth.access import current_viewer, requires
from famille.db import get_session
from famille.editing import events
from famille.editing.blueprint import (
    EDIT_DETAILS,
    EDIT_RELATIONS,
    actor,
    bp,
    display,
    editable_family,
    editable_person,
    heading,
    living_rule,
    refuse,
    saved,
    warn_date,
)
from famille.editing.dates import compose_date
from famille.editing.forms import ConfirmForm, EventForm, choices, month_choices
from famille.editing.overview import family_overview
from famille.editing.services import EditError
from famille.models import Event
from famille.people.labels import event_label


@dataclass(frozen=True, slots=True)
class Subject:
    """Whose events a page edits: the owner, the kinds offered, a title and where to go back to."""

    owner: events.Owner
    tags: tuple[str, ...]
    title: str
    back: str


def _person_subject(person_id: int) -> Subject:
    found = editable_person(person_id)
    back = url_for("editing.person", person_id=person_id) + "#events"
    return Subject(events.Owner(person_id=person_id), events.PERSON_TAGS, display(heading(found)), back)


def _family_subject(family_id: int) -> Subject:
    family = editable_family(family_id)
    overview = family_overview(get_session(), family=family, viewer=current_viewer())
    title = _("The couple %(names)s", names=" & ".join(display(view) for view in overview.partners) or "…")
    return Subject(
        events.Owner(family_id=family_id), events.FAMILY_TAGS, title, url_for("editing.family", family_id=family_id)
    )


def _form(subject: Subject, row: Event | None) -> EventForm:
    if row is None:
        form = EventForm()
    else:
        place = row.place.name if row.place is not None else ""
        value = "" if row.value == "Y" else row.value  # GEDCOM's "it happened" is not a description
        form = EventForm(tag=row.tag, event_type=row.event_type, date_text=row.date_text, place=place, value=value)
    tags = list(subject.tags) + ([row.tag] if row is not None and row.tag not in subject.tags else [])
    form.tag.choices = choices(
        (tag, _("Another kind (say which below)") if tag == "EVEN" else event_label(tag)) for tag in tags
    )
    form.month.choices = month_choices()
    return form


def _typed(form: EventForm) -> events.EventInput:
    """The event as typed; the day, month and year boxes, when the year is given, win over the date text."""
    date_text = form.date_text.data or ""
    if form.year.data is not None:
        month = int(form.month.data) if (form.month.data or "").isdigit() else None
        date_text = compose_date(
            qualifier=form.qualifier.data or "", day=form.day.data, month=month, year=form.year.data
        )
    return events.EventInput(
        tag=form.tag.data or "",
        event_type=form.event_type.data or "",
        value=form.value.data or "",
        date_text=date_text,
        place=form.place.data or "",
    )


def _save(subject: Subject, row: Event | None) -> str | Response:
    """The add and change pages: show the form, save it, warn about a date kept as typed."""
    form = _form(subject, row)
    if form.validate_on_submit():
        session, rule = get_session(), living_rule()
        try:
            data = events.clean_event(_typed(form), allowed=subject.tags, current_tag=row.tag if row else None)
            if row is None:
                result = events.add_event(session, owner=subject.owner, event=data, actor=actor(), rule=rule)
            else:
                result = events.change_event(
                    session, owner=subject.owner, row=row, event=data, actor=actor(), rule=rule
                )
        except EditError as error:
            refuse(form, error)
        else:
            session.commit()
            saved(_("The event is saved.") if result.changed else _("Nothing was changed."))
            if not result.date_understood:
                warn_date(result.event.date_text)
            return redirect(subject.back)
    return render_template("editing/event.html", form=form, subject=subject, row=row)


def _row(subject: Subject, event_id: int) -> Event:
    row = events.find_event(get_session(), owner=subject.owner, event_id=event_id)
    if row is None:
        abort(404)
    return row


def _remove(subject: Subject, event_id: int) -> str | Response:
    row = _row(subject, event_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        session = get_session()
        events.remove_event(session, owner=subject.owner, row=row, actor=actor(), rule=living_rule())
        session.commit()
        saved(_("The event is removed."))
        return redirect(subject.back)
    what = " ".join(filter(None, [event_label(row.tag, row.event_type), row.date_text]))
    return render_template(
        "editing/remove.html", title=subject.title, back=subject.back, form=form, what=what, kind="event"
    )


@bp.route("/people/<int:person_id>/events/new", methods=["GET", "POST"])
@requires(EDIT_DETAILS)
def add_event(person_id: int) -> str | Response:
    """Add a life event: birth, baptism, death, burial, occupation, residence, education or another kind."""
    return _save(_person_subject(person_id), None)


@bp.route("/people/<int:person_id>/events/<int:event_id>/edit", methods=["GET", "POST"])
@requires(EDIT_DETAILS)
def edit_event(person_id: int, event_id: int) -> str | Response:
    """Change one of a person's events."""
    subject = _person_subject(person_id)
    return _save(subject, _row(subject, event_id))


@bp.route("/people/<int:person_id>/events/<int:event_id>/remove", methods=["GET", "POST"])
@requires(EDIT_DETAILS)
def remove_event(person_id: int, event_id: int) -> str | Response:
    """Ask to confirm, then remove one of a person's events."""
    return _remove(_person_subject(person_id), event_id)


@bp.get("/families/<int:family_id>/edit")
@requires(EDIT_RELATIONS)
def family(family_id: int) -> str:
    """A couple's events (marriage, engagement, divorce…), each with its edit and remove buttons."""
    overview = family_overview(get_session(), family=editable_family(family_id), viewer=current_viewer())
    return render_template("editing/family.html", overview=overview)


@bp.route("/families/<int:family_id>/events/new", methods=["GET", "POST"])
@requires(EDIT_RELATIONS)
def add_family_event(family_id: int) -> str | Response:
    """Add a couple's event: marriage, engagement, divorce or another kind."""
    return _save(_family_subject(family_id), None)


@bp.route("/families/<int:family_id>/events/<int:event_id>/edit", methods=["GET", "POST"])
@requires(EDIT_RELATIONS)
def edit_family_event(family_id: int, event_id: int) -> str | Response:
    """Change one of a couple's events."""
    subject = _family_subject(family_id)
    return _save(subject, _row(subject, event_id))


@bp.route("/families/<int:family_id>/events/<int:event_id>/remove", methods=["GET", "POST"])
@requires(EDIT_RELATIONS)
def remove_family_event(family_id: int, event_id: int) -> str | Response:
    """Ask to confirm, then remove one of a couple's events."""
    return _remove(_family_subject(family_id), event_id)
