"""The organiser's pages: the GEDCOM import (run as background jobs), the site settings and the accounts."""

from __future__ import annotations

from flask import Flask

from famille.admin.context import family_name

__all__ = ["family_name", "init_app"]


def init_app(app: Flask) -> None:
    """Register the private-site gate and the import job's handler."""
    from famille.admin import context, import_job  # noqa: F401 - importing registers the "import" handler

    context.init_app(app)
