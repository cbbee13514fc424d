"""Famille: a self-hosted family website. :func:`create_app` builds the application."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.routing import IntegerConverter

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class BoundedInt(IntegerConverter):
    """An ``int`` URL part no larger than a database integer."""

    def __init__(self, url_map: Any, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(url_map, *args, **kwargs)


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the Famille application; ``test_config`` overrides every other setting."""
    app = Flask(
        __name__,
        instance_path=str(PROJECT_ROOT / "instance"),
        instance_relative_config=True,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    from famille import config, db, errors, i18n, security, views
    from famille.auth import access

    config.load_config(app, test_config)
    # Ids in URLs stop at the database's integer range, so /people/99999999999999 is a 404, never a 500.
    app.url_map.converters["int"] = BoundedInt
    db.init_app(app)
    i18n.init_app(app)
    security.init_app(app)
    access.init_app(app)
    errors.init_app(app)
    views.init_app(app)
    return app
