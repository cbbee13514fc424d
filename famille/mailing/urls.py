"""Absolute links for e-mail (on ``SITE_URL``), and the unsubscribe headers every digest and reminder carries."""

from __future__ import annotations

from typing import Any

from flask import current_app

from famille.invitations.messages import DEFAULT_SITE_URL
from famille.mailing.tokens import still_right_token, unsubscribe_token


def absolute_url(endpoint: str, **values: Any) -> str:
    """The full address of ``endpoint`` on the site's public address (mail is read far from any request)."""
    site = str(current_app.config.get("SITE_URL") or DEFAULT_SITE_URL).rstrip("/")
    return site + current_app.url_map.bind("localhost").build(endpoint, values)


def unsubscribe_url(user_id: int, kind: str) -> str:
    """The one-click unsubscribe link of one kind of mail for one account."""
    return absolute_url("mailing.unsubscribe", token=unsubscribe_token(user_id, kind))


def still_right_url(user_id: int) -> str:
    """The "my profile links are still right" link of one account."""
    return absolute_url("mailing.still_right", token=still_right_token(user_id))


def unsubscribe_headers(user_id: int, kind: str) -> dict[str, str]:
    """``List-Unsubscribe`` and ``List-Unsubscribe-Post`` (RFC 2369, RFC 8058) so mail programs offer the button."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(user_id, kind)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
