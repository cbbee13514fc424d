"""Pages of the people: the surname index and the list of people under one surname."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request

from famille.db import get_session
from famille.people import services
from famille.privacy import VISITOR

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
        viewer=VISITOR,
        page=page,
        per_page=int(current_app.config["PEOPLE_PER_PAGE"]),
    )
    if result is None:
        abort(404)
    return render_template("people/surname.html", result=result, surname_key=surname_key)
