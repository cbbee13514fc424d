"""Pages of the people: surnames, a person, a family, places and search."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request

from famille.auth.access import current_viewer
from famille.db import get_session
from famille.network.services import relation_to_viewer
from famille.network.views import current_lang
from famille.people import places, services
from famille.people.family import family_page
from famille.people.person import person_page
from famille.people.search import search_people

bp = Blueprint("people", __name__)


@bp.get("/surnames")
def surnames() -> str:
    """Every surname of the tree, with how many people bear it."""
    entries = services.surname_index(get_session())
    return render_template("people/surnames.html", surnames=entries)


@bp.get("/surnames/<surname_key>")
def surname(surname_key: str) -> str:
    """The people bearing one surname, a page at a time."""
    page = request.args.get("page", 1, type=int) or 1
    result = services.people_with_surname(
        get_session(),
        surname_key=surname_key,
        viewer=current_viewer(),
        page=page,
        per_page=int(current_app.config["PEOPLE_PER_PAGE"]),
    )
    if result is None:
        abort(404)
    return render_template("people/surname.html", result=result, surname_key=surname_key)


@bp.get("/people/<int:person_id>")
def person(person_id: int) -> str:
    """A person's page: names, life events, family, notes, sources and profile links."""
    session, viewer = get_session(), current_viewer()
    page = person_page(session, person_id=person_id, viewer=viewer)
    if page is None:
        abort(404)
    kinship = relation_to_viewer(session, viewer=viewer, person=page.person, lang=current_lang())
    return render_template("people/person.html", page=page, kinship=kinship)


@bp.get("/families/<int:family_id>")
def family(family_id: int) -> str:
    """A family's page: the partners, their events and their children."""
    page = family_page(get_session(), family_id=family_id, viewer=current_viewer())
    if page is None:
        abort(404)
    return render_template("people/family.html", page=page)


@bp.get("/places")
def place_index() -> str:
    """Every place where something happened in the family."""
    return render_template("people/places.html", places=places.place_index(get_session()))


@bp.get("/places/<int:place_id>")
def place(place_id: int) -> str:
    """What happened at one place."""
    page = places.place_page(get_session(), place_id=place_id, viewer=current_viewer())
    if page is None:
        abort(404)
    return render_template("people/place.html", page=page)


@bp.get("/search")
def search() -> str:
    """Search by any name part, with an optional year or year range."""
    text = request.args.get("q", "")[:200]
    result = search_people(get_session(), text=text, viewer=current_viewer())
    return render_template("people/search.html", text=text, result=result)
