"""Pages of the family network: how two people are related, and a member's relatives by closeness."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from famille.auth.access import current_viewer, requires
from famille.db import get_session
from famille.kinship.names import degree_label
from famille.kinship.wording import is_of
from famille.network.mine import DEFAULT_DEGREE, MAX_DEGREE, my_network
from famille.network.picker import picker_page
from famille.privacy import PersonView

bp = Blueprint("network", __name__)

#: What each civil degree holds, for the headings of "My network".
GROUP_HINTS = {
    0: _l("Your partners"),
    1: _l("Parents and children"),
    2: _l("Grandparents, brothers and sisters, grandchildren"),
    3: _l("Uncles and aunts, nephews and nieces, great-grandparents, great-grandchildren"),
    4: _l("First cousins, great-uncles and great-aunts, great-nephews and great-nieces"),
    5: _l("A parent's first cousins and a first cousin's children, great-great-uncles and aunts"),
    6: _l("Second cousins, first cousins twice removed"),
    7: _l("Second cousins once removed, first cousins three times removed"),
    8: _l("Third cousins, second cousins twice removed"),
}


def current_lang() -> str:
    """The reader's language code ("fr" or "en")."""
    return str(get_locale() or current_app.config["DEFAULT_LOCALE"])[:2]


@bp.app_template_global()
def kin_degree(degree: int) -> str:
    """The civil degree in words, in the reader's language ("6th degree", "6e degré")."""
    return degree_label(degree, current_lang())


@bp.app_template_global()
def kin_sentence(subject: PersonView, other: PersonView, relation: str) -> str:
    """ "Nicolas is Hélène's first cousin." in the reader's language (French elides: "d'Hélène")."""
    return is_of(_shown(subject), _shown(other), relation, current_lang())


def _shown(view: PersonView) -> str:
    return " ".join(part for part in (view.given_name, view.surname) if part) or "…"


@bp.get("/relationship")
@requires("see_members")
def relationship() -> str:
    """Pick two people (by name, or ids in the address) and see how they are related."""
    a_text, b_text = request.args.get("a_name", "")[:200], request.args.get("b_name", "")[:200]
    page = picker_page(
        get_session(),
        viewer=current_viewer(),
        a=request.args.get("a", type=int),
        b=request.args.get("b", type=int),
        a_text=a_text,
        b_text=b_text,
        lang=current_lang(),
    )
    if page is None:
        abort(404)
    return render_template("network/relationship.html", page=page)


@bp.get("/network")
@requires("see_members")
def network() -> str:
    """The member's relatives, grouped by degree, up to the degree chosen."""
    limit = request.args.get("degree", DEFAULT_DEGREE, type=int)
    page = my_network(get_session(), viewer=current_viewer(), limit=limit, lang=current_lang())
    return render_template("network/network.html", page=page, hints=GROUP_HINTS, degrees=range(1, MAX_DEGREE + 1))
