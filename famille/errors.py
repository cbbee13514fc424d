"""Friendly error pages in the user's language, or JSON when the client asks for it."""

from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException, InternalServerError

log = logging.getLogger(__name__)


def _messages() -> dict[int, tuple[str, str]]:
    return {
        400: (_("Bad request"), _("The request could not be understood. Please go back and try again.")),
        403: (_("Not allowed"), _("You do not have access to this page.")),
        404: (_("Page not found"), _("This page does not exist, or no longer exists.")),
        405: (_("Not allowed"), _("This page cannot be used this way.")),
        413: (
            _("File too large"),
            _("The file you sent is larger than this site accepts. Try a smaller file, or ask the organiser."),
        ),
        429: (_("Too many attempts"), _("Please wait a moment before trying again.")),
        500: (
            _("Something went wrong"),
            _("An unexpected error happened on our side. Nothing you entered was lost; please try again."),
        ),
    }


def _wants_json() -> bool:
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]


def render_error(error: HTTPException) -> tuple[object, int]:
    """Render ``error`` as a friendly page (or JSON) with its status code."""
    code = error.code or 500
    title, text = _messages().get(code, (error.name, error.description or ""))
    if _wants_json():
        return jsonify(error=title, message=text, status=code), code
    return render_template("errors/error.html", code=code, title=title, text=text), code


def _unexpected(error: Exception) -> tuple[object, int]:
    log.exception("unexpected error", exc_info=error)
    return render_error(InternalServerError())


def init_app(app: Flask) -> None:
    """Register the handlers for HTTP errors and for anything unexpected."""
    app.register_error_handler(HTTPException, render_error)
    app.register_error_handler(Exception, _unexpected)
