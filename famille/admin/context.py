"""The site settings as each request sees them (read once per request), and the private-site gate.

On a private site a visitor (not logged in) sees only a welcome page and the log-in form: the gate lets through
logging in, password resets, invitation links, the language switch and static files, and sends every other page
to the log-in form.
"""

from __future__ import annotations

from flask import Flask, current_app, g, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from famille.admin.settings import SiteSettings, load_settings, shown_family_name
from famille.db import get_session

#: Endpoints a visitor reaches even on a private site (a prefix ending in "." stands for a whole blueprint).
OPEN_ENDPOINTS = ("static", "auth.", "invitations.accept", "site.set_language", "feeds.atom", "feeds.calendar")


def current_settings() -> SiteSettings:
    """The site settings, read once per request."""
    if "site_settings" not in g:
        g.site_settings = load_settings(get_session())
    return g.site_settings


def family_name() -> str:
    """The family's name for templates; the configured one when the database cannot be read (error pages)."""
    default = str(current_app.config["FAMILY_NAME"])
    try:
        return shown_family_name(current_settings(), default=default)
    except Exception:  # noqa: BLE001 - an error page must render even when the database is unreachable
        return default


def _is_open(endpoint: str | None) -> bool:
    if endpoint is None:  # no such page: the 404 reveals nothing
        return True
    return any(endpoint == name or endpoint.startswith(name) for name in OPEN_ENDPOINTS)


def private_site_gate() -> str | Response | None:
    """Before each request: on a private site, show visitors the welcome page instead of the family's pages."""
    if _is_open(request.endpoint) or current_user.is_authenticated:
        return None
    settings = current_settings()
    if not settings.private_site:
        return None
    if request.endpoint == "site.home":
        from famille.auth.forms import LoginForm

        return render_template("admin/welcome.html", welcome_text=settings.welcome_text, form=LoginForm())
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def init_app(app: Flask) -> None:
    """Register the private-site gate."""
    app.before_request(private_site_gate)
