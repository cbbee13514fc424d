"""Configuration: defaults here, then ``instance/config.py``, then ``FAMILLE_*`` environment variables.

Each setting has one name (``DATABASE_URL``); the environment spells it with the prefix
(``FAMILLE_DATABASE_URL``). Values from the environment are converted to the default's type.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from flask import Flask

ENV_PREFIX = "FAMILLE_"

DEFAULTS: dict[str, Any] = {
    "DATABASE_URL": None,  # None: SQLite at instance/famille.sqlite
    "SECRET_KEY": None,  # None: generated once and kept in instance/secret_key
    "DEFAULT_LOCALE": "fr",
    "LANGUAGES": ("fr", "en"),
    "FAMILY_NAME": "Notre famille",
    "MAX_UPLOAD_MB": 100,
    "LOAD_DEMO": True,
    "LIVING_YEARS": 110,
    "PEOPLE_PER_PAGE": 50,
    "SQL_ECHO": False,
    "RATELIMIT_STORAGE_URL": "",
    "RATELIMIT_ENABLED": True,
    "REDIS_URL": "",
    "SMTP_HOST": "",
    "SMTP_PORT": 25,
    "SMTP_USER": "",
    "SMTP_PASSWORD": "",
    "SMTP_TLS": "none",
    "MAIL_FROM": "",
    "SITE_URL": "",
    "INVITATION_DAYS": 30,
    "RESET_HOURS": 2,
    "UPLOAD_FOLDER": "",  # "": instance/uploads (must be shared storage when RQ workers run elsewhere)
    "JOB_QUEUE": "famille",
    "NEWS_PHOTO_MAX_BYTES": 8_000_000,  # a news post's photo, before it is re-encoded
    "CHART_MAX_PEOPLE": 1500,  # a chart of more people explains itself and offers fewer generations or the poster
    "CHART_INLINE_MAX": 300,  # a chart of more people is drawn by a background job (the page shows progress)
    "POSTER_FOLDER": "",  # "": instance/posters (must be shared storage when RQ workers run elsewhere)
    "POSTER_MAX_PEOPLE": 10000,  # a chart of more people is refused as a wall poster
}


def _coerce(raw: str, default: Any) -> Any:
    """Convert an environment string to the type of the setting's default."""
    if isinstance(default, bool):
        return raw.strip().lower() in {"1", "true", "yes", "on", "oui"}
    if isinstance(default, int):
        return int(raw)
    if isinstance(default, tuple):
        return tuple(part.strip() for part in raw.split(",") if part.strip())
    return raw


def load_config(app: Flask, test_config: dict[str, Any] | None) -> None:
    """Fill ``app.config`` from the defaults, the instance file, the environment, then ``test_config``."""
    app.config.update(DEFAULTS)
    app.config.from_pyfile("config.py", silent=True)
    for name, default in DEFAULTS.items():
        raw = os.environ.get(ENV_PREFIX + name)
        if raw is not None:
            app.config[name] = _coerce(raw, default)
    if test_config:
        app.config.update(test_config)
    if not app.config["DATABASE_URL"]:
        app.config["DATABASE_URL"] = "sqlite:///" + str(Path(app.instance_path) / "famille.sqlite")
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = _instance_secret(Path(app.instance_path))
    app.config["MAX_CONTENT_LENGTH"] = int(app.config["MAX_UPLOAD_MB"]) * 1024 * 1024
    app.config["BABEL_DEFAULT_LOCALE"] = app.config["DEFAULT_LOCALE"]


def _instance_secret(instance: Path) -> str:
    """Read the site's secret key from the instance folder, creating it on first start."""
    key_file = instance / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    instance.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key
