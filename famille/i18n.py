"""Languages: French and English, chosen by the user, else by the browser, else the site's default."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from flask import Flask, current_app, request, session
from flask_babel import Babel, Domain, get_locale, get_translations
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from famille.elision import elide

LANG_SESSION_KEY = "lang"


def select_locale() -> str:
    """The user's chosen language (kept in the session), else the browser's best match, else the default."""
    languages = current_app.config["LANGUAGES"]
    chosen = session.get(LANG_SESSION_KEY)
    if chosen in languages:
        return chosen
    return request.accept_languages.best_match(languages) or current_app.config["DEFAULT_LOCALE"]


def _fill(message: str, variables: dict[str, Any]) -> str:
    """``message`` filled with ``variables``, French elision first (see :mod:`famille.elision`)."""
    locale = get_locale()
    if variables and locale is not None and locale.language == "fr":
        message = elide(message, variables)
    return message % variables if variables else message


class ElidingDomain(Domain):
    """Flask-Babel's message domain, with French elision when a message is filled in (in Python code)."""

    def gettext(self, string: str, **variables: Any) -> str:  # noqa: ANN401 - as Flask-Babel's
        """The translation of ``string``, filled with ``variables``."""
        return _fill(self.get_translations().ugettext(string), variables)

    def ngettext(self, singular: str, plural: str, num: int, **variables: Any) -> str:  # noqa: ANN401
        """The translation of ``singular``/``plural`` for ``num``, filled with ``variables``."""
        variables.setdefault("num", num)
        return _fill(self.get_translations().ungettext(singular, plural, num), variables)


class FamilleBabel(Babel):
    """Flask-Babel whose messages elide French ``de`` before names that begin with a vowel."""

    @cached_property
    def domain_instance(self) -> Domain:
        """The message domain of our catalogs."""
        return ElidingDomain(domain=self.domain)


@pass_context
def _template_gettext(context: Context, string: str, **variables: Any) -> str:  # noqa: ANN401
    message = get_translations().ugettext(string)
    if context.eval_ctx.autoescape:
        message = Markup(message)
    return _fill(message, variables) if variables else message % {}


@pass_context
def _template_ngettext(context: Context, singular: str, plural: str, num: int, **variables: Any) -> str:  # noqa: ANN401
    variables.setdefault("num", num)
    message = get_translations().ungettext(singular, plural, num)
    if context.eval_ctx.autoescape:
        message = Markup(message)
    return _fill(message, variables)


def init_app(app: Flask) -> None:
    """Set up Flask-Babel with our catalogs and locale selector; templates' ``_()`` elide as Python's does."""
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(app.root_path) + "/translations")
    FamilleBabel(app, locale_selector=select_locale)
    # Jinja's own gettext fills a message itself: ours does it after the French elision.
    app.jinja_env.globals.update(gettext=_template_gettext, ngettext=_template_ngettext)
