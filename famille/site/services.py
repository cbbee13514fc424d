"""Site-wide settings kept in the database (the demo marker) and the data version."""

from __future__ import annotations

import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from famille.models import SiteSetting

DEMO_KEY = "demo"
DATA_VERSION_KEY = "data_version"


def get_setting(session: Session, key: str, default: str = "") -> str:
    """The value of the site setting ``key``, or ``default`` when unset."""
    value = session.scalar(select(SiteSetting.value).where(SiteSetting.key == key))
    return default if value is None else value


def set_setting(session: Session, key: str, value: str) -> None:
    """Set the site setting ``key`` to ``value``."""
    setting = session.get(SiteSetting, key)
    if setting is None:
        session.add(SiteSetting(key=key, value=value))
    else:
        setting.value = value


def is_demo(session: Session) -> bool:
    """Whether the site holds the generated demo family rather than a real one."""
    return get_setting(session, DEMO_KEY) == "1"


def bump_data_version(session: Session) -> int:
    """Move the data version on (caches of charts and pages are keyed by it) and return its new number.

    The stored version is "<number>.<random>", so that a database made anew never repeats an earlier version
    that a cache might still hold.
    """
    current = get_setting(session, DATA_VERSION_KEY, "0").partition(".")[0]
    version = (int(current) if current.isdigit() else 0) + 1
    set_setting(session, DATA_VERSION_KEY, f"{version}.{secrets.token_hex(4)}")
    return version


def data_version(session: Session) -> str:
    """The current data version (moves on with every change of the tree): the key of caches of its pages."""
    return get_setting(session, DATA_VERSION_KEY, "0")
