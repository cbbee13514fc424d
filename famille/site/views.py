"""The home page and the language switch."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request, session
from werkzeug.wrappers import Response

from famille.admin.settings import load_settings
from famille.auth.access import current_viewer
from famille.auth.services import count_admins
from famille.db import get_session
from famille.feed.dates import home_dates
from famille.feed.recent import recent_changes
from famille.i18n import LANG_SESSION_KEY
from famille.people.services import family_overview, surname_index
from famille.security import safe_next
from famille.site.place_in_family import place_in_family
from famille.site.services import is_demo

bp = Blueprint("site", __name__)

HOME_SURNAMES = 60


@bp.get("/")
def home() -> str:
    """The family's name, how many people, families and surnames, and the most common surnames."""
    db = get_session()
    return render_template(
        "site/home.html",
        overview=family_overview(db),
        surnames=surname_index(db, limit=HOME_SURNAMES),
        demo=is_demo(db),
        needs_admin=count_admins(db) == 0,
        news=recent_changes(db, viewer=current_viewer()),
        welcome_text=load_settings(db).welcome_text,
        my_place=place_in_family(db, viewer=current_viewer()),
        home_dates=home_dates(db, viewer=current_viewer()),
    )


@bp.get("/lang/<code>")
def set_language(code: str) -> Response:
    """Remember the chosen language, then go back to the page the user was on."""
    if code in current_app.config["LANGUAGES"]:
        session[LANG_SESSION_KEY] = code
    return redirect(safe_next(request.args.get("next")))
