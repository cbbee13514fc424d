"""Forms of the link pages: a link (address and optional label) and the confirmation of a removal.

The address is checked by :func:`famille.links.normalize_link` in the service, not by a validator here, so the
refusal names exactly what is wrong ("not “javascript:” links", "too long"…). The field is plain text, not
``type=url``: a relative pastes "linkedin.com/in/…" without https:// and the browser must not refuse it.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import Length

from famille.profiles.services import MAX_LABEL_LENGTH


class LinkForm(FlaskForm):
    """A link to add or change: the address (or e-mail address) and an optional label."""

    url = StringField(
        _l("Link or e-mail address"),
        render_kw={"inputmode": "url", "autocapitalize": "none", "spellcheck": "false", "autocomplete": "off"},
    )
    label = StringField(
        _l("Label (optional)"),
        validators=[
            Length(max=MAX_LABEL_LENGTH, message=_l("A label can have at most %(max)d characters.")),
        ],
    )


class RemoveForm(FlaskForm):
    """Removing a link is a POST with its CSRF token, after a page that asks to confirm."""
