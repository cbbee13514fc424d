"""Registers the feature blueprints and what every template needs (family name, languages, demo marker)."""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app, request
from flask_babel import format_date as format_date_babel
from flask_babel import format_datetime, get_locale
from flask_babel import gettext as _

from famille import admin
from famille.account.views import bp as account_bp
from famille.admin.views import bp as admin_bp
from famille.auth.views import bp as auth_bp
from famille.charts.views import bp as charts_bp
from famille.claims.views import bp as claims_bp
from famille.db import get_session
from famille.directory.views import bp as directory_bp
from famille.editing.views import bp as editing_bp
from famille.feed.views import bp as feed_bp
from famille.feeds.views import bp as feeds_bp
from famille.gedcom.dates import format_date, parsed_date
from famille.invitations.views import bp as invitations_bp
from famille.links import platform_name
from famille.mailing.views import bp as mailing_bp
from famille.network.views import bp as network_bp
from famille.news.views import bp as news_bp
from famille.people.labels import PEDIGREE_LABELS, event_label, field_label
from famille.people.views import bp as people_bp
from famille.posters.views import bp as posters_bp
from famille.profiles.views import bp as profiles_bp
from famille.site.services import is_demo
from famille.site.views import bp as site_bp


def _template_globals() -> dict[str, Any]:
    return {
        "family_name": admin.family_name(),
        "languages": current_app.config["LANGUAGES"],
        "current_lang": str(get_locale() or current_app.config["DEFAULT_LOCALE"]),
        "current_path": request.full_path.rstrip("?") if request else "/",
        "site_is_demo": _safe_is_demo(),
        "endpoints": current_app.view_functions,
    }


def _safe_is_demo() -> bool:
    """The demo marker; an error page must render even when the database is unreachable."""
    try:
        return is_demo(get_session())
    except Exception:  # noqa: BLE001 - the marker is decoration; never let it break a page
        return False


def gedcom_date(text: str) -> str:
    """A GEDCOM date as the reader's language writes it ("ABT 1850" → "vers 1850"); odd text as written."""
    if not text:
        return ""
    return format_date(parsed_date(text), str(get_locale() or "fr"))


def init_app(app: Flask) -> None:
    """Register every blueprint, the template context and filters."""
    app.register_blueprint(site_bp)
    app.register_blueprint(admin_bp)
    admin.init_app(app)
    app.register_blueprint(people_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(invitations_bp)
    app.register_blueprint(claims_bp)
    app.register_blueprint(account_bp)
    app.register_blueprint(profiles_bp)
    app.register_blueprint(editing_bp)
    app.register_blueprint(directory_bp)
    app.register_blueprint(charts_bp)
    app.register_blueprint(posters_bp)
    app.register_blueprint(mailing_bp)
    app.register_blueprint(feeds_bp)
    app.register_blueprint(network_bp)
    app.register_blueprint(feed_bp)
    app.register_blueprint(news_bp)
    app.context_processor(_template_globals)
    app.add_template_filter(gedcom_date, "gedcom_date")
    app.jinja_env.globals.update(
        event_label=event_label,
        conflict_field_label=field_label,
        pedigree_label=lambda pedigree: str(PEDIGREE_LABELS.get(pedigree, pedigree)),
        platform_name=lambda platform: _(platform_name(platform)),
        format_datetime=format_datetime,
        format_date=format_date_babel,
    )
