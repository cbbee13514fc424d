"""Languages: French and English, chosen by the user, else by the browser, else the site's default."""

from __future__ import annotations

from flask import Flask, current_app, request, session
from flask_babel import Babel

LANG_SESSION_KEY = "lang"


def select_locale() -> str:
    """The user's chosen language (kept in the session), else the browser's best match, else the default."""
    languages = current_app.config["LANGUAGES"]
    chosen = session.get(LANG_SESSION_KEY)
    if chosen in languages:
        return chosen
    return request.accept_languages.best_match(languages) or current_app.config["DEFAULT_LOCALE"]


def init_app(app: Flask) -> None:
    """Set up Flask-Babel with our catalogs and locale selector."""
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(app.root_path) + "/translations")
    Babel(app, locale_selector=select_locale)
