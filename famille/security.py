"""Protections every page gets: CSRF tokens, rate limits, safe cookies and security headers.

The rate limiter keeps its counters in memory by default; ``RATELIMIT_STORAGE_URL`` (``redis://…``) shares them
between the processes and machines of one site.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, abort, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect
from werkzeug.wrappers import Response

csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address, default_limits=[])

#: Limits on the doors people knock at: logging in, password resets, invitations and claims.
AUTH_LIMIT = "10 per minute;50 per hour"

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


def safe_next(target: str | None, default: str = "/") -> str:
    """A local path to go to next; anything that could lead to another site gives ``default``."""
    if not target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target


def _refuse_nul_bytes() -> None:
    """A NUL byte is never meaningful in a form or a query, and PostgreSQL refuses it in text: say so early."""
    for values in (request.args, request.form):
        if any("\x00" in value for value in values.values()):
            abort(400)


def _headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if request.endpoint and request.endpoint.startswith(("invitations.accept", "auth.reset_password")):
        response.headers["Referrer-Policy"] = "no-referrer"
    return response


def init_app(app: Flask) -> None:
    """Turn on CSRF protection, rate limits, cookie flags and security headers."""
    # Flask ships these keys with None, so setdefault would not apply: fill only what nobody configured.
    for key, value in (
        ("SESSION_COOKIE_HTTPONLY", True),
        ("SESSION_COOKIE_SAMESITE", "Lax"),
        ("REMEMBER_COOKIE_HTTPONLY", True),
        ("REMEMBER_COOKIE_SAMESITE", "Lax"),
    ):
        if app.config.get(key) is None:
            app.config[key] = value
    if app.config.get("PREFERRED_URL_SCHEME") == "https":
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["REMEMBER_COOKIE_SECURE"] = True
    app.config.setdefault("RATELIMIT_STORAGE_URI", app.config.get("RATELIMIT_STORAGE_URL") or "memory://")
    csrf.init_app(app)
    limiter.init_app(app)
    app.before_request(_refuse_nul_bytes)
    app.after_request(_headers)
