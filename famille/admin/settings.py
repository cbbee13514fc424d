"""The site settings an admin changes on the settings page, kept as SiteSetting rows; every change is logged.

- ``family_name``: the family's name shown on every page (when empty, the ``FAMILY_NAME`` configuration);
- ``welcome_text``: plain text for visitors (the private site's welcome page, the home page);
- ``private_site``: "1" when visitors see only a welcome page and the log-in form;
- ``visitor_names``: what visitors see of a living person's name (read by :mod:`famille.privacy`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from famille.models import Change, SiteSetting
from famille.privacy import VISITOR_NAMES_KEY, visitor_names_choice
from famille.site.services import set_setting

FAMILY_NAME_KEY = "family_name"
WELCOME_TEXT_KEY = "welcome_text"
PRIVATE_SITE_KEY = "private_site"
MAX_FAMILY_NAME = 200
MAX_WELCOME_TEXT = 2000  # the size of a SiteSetting value

_KEYS = {
    "family_name": FAMILY_NAME_KEY,
    "welcome_text": WELCOME_TEXT_KEY,
    "private_site": PRIVATE_SITE_KEY,
    "visitor_names": VISITOR_NAMES_KEY,
}


@dataclass(frozen=True, slots=True)
class SiteSettings:
    """The settings of the settings page, as the page edits them."""

    family_name: str = ""
    welcome_text: str = ""
    private_site: bool = False
    visitor_names: str = visitor_names_choice(None)


def _stored(settings: SiteSettings) -> dict[str, str]:
    """Each setting as its row stores it."""
    values = asdict(settings)
    values["private_site"] = "1" if settings.private_site else "0"
    values["family_name"] = " ".join(settings.family_name.split())[:MAX_FAMILY_NAME]
    values["welcome_text"] = settings.welcome_text.replace("\r\n", "\n").strip()[:MAX_WELCOME_TEXT]
    values["visitor_names"] = visitor_names_choice(settings.visitor_names)
    return {_KEYS[name]: value for name, value in values.items()}


def load_settings(session: Session) -> SiteSettings:
    """The current settings, in one query."""
    query = select(SiteSetting.key, SiteSetting.value).where(SiteSetting.key.in_(_KEYS.values()))
    rows = {key: value for key, value in session.execute(query)}
    return SiteSettings(
        family_name=rows.get(FAMILY_NAME_KEY, ""),
        welcome_text=rows.get(WELCOME_TEXT_KEY, ""),
        private_site=rows.get(PRIVATE_SITE_KEY, "0") == "1",
        visitor_names=visitor_names_choice(rows.get(VISITOR_NAMES_KEY)),
    )


def update_settings(session: Session, *, new: SiteSettings, actor: str, user_id: int | None) -> list[str]:
    """Store ``new`` and record a change for each setting that moved; returns the keys that changed."""
    old_values = _stored(load_settings(session))
    changed = []
    for key, value in _stored(new).items():
        if old_values[key] == value:
            continue
        set_setting(session, key, value)
        session.add(
            Change(
                kind="site_setting",
                actor=actor[:200],
                user_id=user_id,
                details={"key": key, "old": old_values[key], "new": value},
            )
        )
        changed.append(key)
    session.flush()
    return changed


def shown_family_name(settings: SiteSettings, *, default: str) -> str:
    """The family's name as pages show it: the setting, else the configured ``default``."""
    return settings.family_name or default
