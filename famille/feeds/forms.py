"""The one form of the feed settings page: a button (make, remake or revoke an address) with its CSRF token."""

from __future__ import annotations

from flask_wtf import FlaskForm


class FeedActionForm(FlaskForm):
    """A button that changes one of the member's feed addresses; only the CSRF token is checked."""
