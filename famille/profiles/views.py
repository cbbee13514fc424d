"""Pages to add, change and remove a person's profile links (blueprint ``profiles``).

Every page asks :func:`~famille.profiles.services.can_edit_links` first: visitors are sent to log in, a member on
someone else's person gets a 403. A refused link is shown again with the message beside the field and exactly what
was typed; a saved one brings back the list with the cleaned address, its platform and handle highlighted.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from famille.auth.access import current_viewer, requires
from famille.db import get_session
from famille.links import LinkError
from famille.models import ProfileLink
from famille.profiles import services
from famille.profiles.forms import LinkForm, RemoveForm

bp = Blueprint("profiles", __name__)
# The template of the person page asks the same question as these views, through the same function.
bp.add_app_template_global(services.can_edit_links, "can_edit_links")

#: Held by members, editors and admins; which person each may edit is decided by can_edit_links.
EDIT_LINKS = "edit_own"


def _allow(person_id: int) -> None:
    if not services.can_edit_links(current_user, person_id):
        abort(403)


def _actor() -> services.Actor:
    return services.actor_of(
        user_id=current_user.user_id, display_name=current_user.display_name, email=current_user.email
    )


def _editable_link(person_id: int, link_id: int) -> ProfileLink:
    _allow(person_id)
    link = services.find_link(get_session(), person_id=person_id, link_id=link_id)
    if link is None:
        abort(404)
    return link


def _list_page(person_id: int, form: LinkForm, *, saved: int | None = None) -> str:
    page = services.links_page(get_session(), person_id=person_id, viewer=current_viewer())
    if page is None:
        abort(404)
    return render_template("profiles/links.html", page=page, form=form, saved=saved)


def _refuse(form: LinkForm, error: LinkError) -> None:
    form.url.errors = [*form.url.errors, _(error.template) % error.params]


def _saved(result: services.SavedLink) -> Response:
    """Say what the save did, then show the list with the saved link highlighted."""
    url = result.link.url
    if result.outcome == services.MERGED:
        flash(_("This link was already there (%(url)s): it is not added twice.", url=url), "info")
        if result.label_filled:
            flash(_("The label you gave is now on it."), "info")
    elif result.outcome == services.UNCHANGED:
        flash(_("Nothing was changed."), "info")
    else:
        flash(_("The link is saved: %(url)s", url=url), "info")
    target = url_for(".index", person_id=result.link.person_id, saved=result.link.link_id)
    return redirect(target + "#saved")


@bp.get("/people/<int:person_id>/links")
@requires(EDIT_LINKS)
def index(person_id: int) -> str:
    """The person's links, each with its edit and remove buttons, and a form to add one."""
    _allow(person_id)
    return _list_page(person_id, LinkForm(formdata=None), saved=request.args.get("saved", type=int))


@bp.post("/people/<int:person_id>/links")
@requires(EDIT_LINKS)
def add(person_id: int) -> str | Response:
    """Add a link, cleaned up; one the person already has is merged into it."""
    _allow(person_id)
    form = LinkForm()
    session = get_session()
    if form.validate_on_submit() and services.find_person(session, person_id=person_id) is not None:
        try:
            result = services.add_link(
                session, person_id=person_id, raw=form.url.data or "", label=form.label.data or "", actor=_actor()
            )
        except LinkError as error:
            _refuse(form, error)
        else:
            session.commit()
            return _saved(result)
    return _list_page(person_id, form)


@bp.route("/people/<int:person_id>/links/<int:link_id>/edit", methods=["GET", "POST"])
@requires(EDIT_LINKS)
def edit(person_id: int, link_id: int) -> str | Response:
    """Change one link's address or label."""
    link = _editable_link(person_id, link_id)
    session = get_session()
    form = LinkForm(url=link.url, label=link.label)
    if form.validate_on_submit():
        try:
            result = services.change_link(
                session, link=link, raw=form.url.data or "", label=form.label.data or "", actor=_actor()
            )
        except LinkError as error:
            _refuse(form, error)
        else:
            session.commit()
            return _saved(result)
    person = services.person_heading(session, person_id=person_id, viewer=current_viewer())
    return render_template("profiles/edit.html", link=link, person=person, form=form)


@bp.route("/people/<int:person_id>/links/<int:link_id>/remove", methods=["GET", "POST"])
@requires(EDIT_LINKS)
def remove(person_id: int, link_id: int) -> str | Response:
    """Ask to confirm (works without JavaScript), then remove the link."""
    link = _editable_link(person_id, link_id)
    session = get_session()
    form = RemoveForm()
    if form.validate_on_submit():
        services.remove_link(session, link=link, actor=_actor())
        session.commit()
        flash(_("The link is removed."), "info")
        return redirect(url_for(".index", person_id=person_id))
    person = services.person_heading(session, person_id=person_id, viewer=current_viewer())
    return render_template("profiles/remove.html", link=link, person=person, form=form)
