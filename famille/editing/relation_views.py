"""Pages to add a parent, partner or child (new or already in the tree), remove a tie, and delete a person.

Editors and admins only. The "add" page has two forms without JavaScript: a new person typed on the spot, or a
person found by name (the site's search) and chosen from the results.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from famille.auth.access import current_viewer, requires
from famille.db import get_session
from famille.editing import deletion, relations
from famille.editing.blueprint import EDIT_RELATIONS, actor, bp, display, heading, living_rule, refuse, relations_person
from famille.editing.forms import SEX_LABELS, ConfirmForm, ExistingRelativeForm, NewRelativeForm, choices
from famille.editing.people import NewPerson
from famille.editing.services import EditError, find_person
from famille.editing.ties import RELATIONS, person_ties
from famille.markers import N_
from famille.models import Person
from famille.people.search import search_people

_ADDED = {
    "parent": N_("%(name)s is added as a parent."),
    "partner": N_("%(name)s is added as a partner."),
    "child": N_("%(name)s is added as a child."),
}


def _relation(relation: str) -> str:
    if relation not in RELATIONS:
        abort(404)
    return relation


def _with_choices(form: NewRelativeForm | ExistingRelativeForm, person: Person) -> None:
    """The other parent of a child: one of the person's couples, or a new family where they are the only parent."""
    ties = person_ties(get_session(), person_id=person.person_id, viewer=current_viewer())
    offered = [
        (str(own.family_id), display(own.partner) if own.partner else _("Nobody else known in this family"))
        for own in ties.own_families
    ] + [("", _("Another or an unknown parent (a new family)"))]
    form.family.choices = choices(offered)
    if form.family.data is None:
        form.family.data = offered[0][0]


def _addition(relation: str, form: NewRelativeForm | ExistingRelativeForm) -> relations.Addition:
    family = form.family.data or ""
    family_id = int(family) if family.isdigit() and len(family) < 10 else None
    return relations.Addition(relation=relation, family_id=family_id, pedigree=form.pedigree.data or "birth")


def _page(person: Person, relation: str, new_form: NewRelativeForm, link_form: ExistingRelativeForm) -> str:
    """The add page: both forms and, when a name was searched, the people found (not the person themself)."""
    query = request.args.get("q", "").strip()[:200]
    found = search_people(get_session(), text=query, viewer=current_viewer(), limit=20) if query else None
    for form in (new_form, link_form):
        _with_choices(form, person)
    new_form.sex.choices = choices((code, SEX_LABELS[code]) for code in ("M", "F", "U"))
    return render_template(
        "editing/relative.html",
        person=heading(person),
        relation=relation,
        query=query,
        found=[view for view in found.people if view.person_id != person.person_id] if found else None,
        parents=found.parents if found else {},
        new_form=new_form,
        link_form=link_form,
    )


def _done(person: Person, relation: str, added: str) -> Response:
    session = get_session()
    session.commit()
    flash(_(_ADDED[relation], name=added), "info")
    return redirect(url_for("editing.person", person_id=person.person_id) + "#family")


@bp.get("/people/<int:person_id>/relatives/<any(parent, partner, child):relation>")
@requires(EDIT_RELATIONS)
def relative(person_id: int, relation: str) -> str:
    """Add a parent, a partner or a child: someone new, or someone found by name."""
    person = relations_person(person_id)
    return _page(person, _relation(relation), NewRelativeForm(prefix="new"), ExistingRelativeForm(prefix="link"))


@bp.post("/people/<int:person_id>/relatives/<any(parent, partner, child):relation>/new")
@requires(EDIT_RELATIONS)
def add_new_relative(person_id: int, relation: str) -> str | Response:
    """Create a new person and tie them to this one."""
    person, relation = relations_person(person_id), _relation(relation)
    form = NewRelativeForm(prefix="new")
    if form.validate_on_submit():
        new = NewPerson(
            given=form.given.data or "",
            surname=form.surname.data or "",
            sex=form.sex.data or "U",
            birth_year=form.birth_year.data,
            death_year=form.death_year.data,
            died=bool(form.died.data),
        )
        session = get_session()
        try:
            other = relations.add_new_relative(
                session, person=person, new=new, addition=_addition(relation, form), actor=actor(), rule=living_rule()
            )
        except EditError as error:
            session.rollback()
            refuse(form, error)
        else:
            return _done(person, relation, other.display_name)
    return _page(person, relation, form, ExistingRelativeForm(prefix="link", formdata=None))


@bp.post("/people/<int:person_id>/relatives/<any(parent, partner, child):relation>/existing")
@requires(EDIT_RELATIONS)
def link_relative(person_id: int, relation: str) -> str | Response:
    """Tie a person already in the tree to this one."""
    person, relation = relations_person(person_id), _relation(relation)
    form = ExistingRelativeForm(prefix="link")
    if form.validate_on_submit():
        session = get_session()
        other = find_person(session, person_id=form.other_id.data or 0)
        try:
            if other is None:
                raise EditError(N_("Choose a person from the list."), field="other_id")
            relations.link_relative(
                session,
                person=person,
                other=other,
                addition=_addition(relation, form),
                actor=actor(),
                rule=living_rule(),
            )
        except EditError as error:
            session.rollback()
            refuse(form, error)
        else:
            return _done(person, relation, other.display_name)
    return _page(person, relation, NewRelativeForm(prefix="new", formdata=None), form)


@bp.route("/people/<int:person_id>/relatives/remove", methods=["GET", "POST"])
@requires(EDIT_RELATIONS)
def remove_relative(person_id: int) -> str | Response:
    """Ask to confirm, then undo one tie (the address names the family and the relative)."""
    person, session = relations_person(person_id), get_session()
    tie = relations.find_tie(
        session,
        person_id=person_id,
        relation=request.args.get("relation", ""),
        family_id=request.args.get("family", 0, type=int) or 0,
        other_id=request.args.get("other", type=int),
    )
    if tie is None:
        abort(404)
    form = ConfirmForm()
    if form.validate_on_submit():
        relations.remove_tie(session, person=person, tie=tie, actor=actor(), rule=living_rule())
        session.commit()
        flash(_("The link is removed."), "info")
        return redirect(url_for("editing.person", person_id=person_id) + "#family")
    ties = person_ties(session, person_id=person_id, viewer=current_viewer())
    return render_template("editing/unlink.html", person=heading(person), tie=tie, ties=ties, form=form)


@bp.route("/people/<int:person_id>/delete", methods=["GET", "POST"])
@requires(EDIT_RELATIONS)
def delete(person_id: int) -> str | Response:
    """Say what deleting the person removes, and delete them once confirmed."""
    person, session = relations_person(person_id), get_session()
    form = ConfirmForm()
    if form.validate_on_submit():
        name = person.display_name
        deletion.delete_person(session, person=person, actor=actor(), rule=living_rule())
        session.commit()
        flash(_("%(name)s is deleted from the tree.", name=name), "info")
        return redirect(url_for("site.home"))
    summary = deletion.deletion_summary(session, person=person, viewer=current_viewer())
    return render_template("editing/delete.html", person=heading(person), summary=summary, form=form)
