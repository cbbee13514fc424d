"""Forms of the claims, approvals and privacy pages (Flask-WTF: each carries its CSRF token)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length

from famille.claims.services import MESSAGE_MAX
from famille.privacy import (
    DEFAULT_PRIVACY_DEGREE,
    MAX_PRIVACY_DEGREE,
    MIN_PRIVACY_DEGREE,
    PRIVACY_CLOSE_FAMILY,
    PRIVACY_MEMBERS,
)


class ClaimForm(FlaskForm):
    """ "This is me", with an optional word for the editor who will check it."""

    message = TextAreaField(
        _l("A word for the organiser (optional)"),
        validators=[Length(max=MESSAGE_MAX, message=_l("Please keep the message under %(max)d characters."))],
    )


class ActionForm(FlaskForm):
    """A button that changes something (withdraw, approve, reject): just the CSRF token."""


def degree_label(degree: int) -> str:
    """How a degree reads in the privacy form, with an example so it means something."""
    examples = {
        1: _l("parents and children"),
        2: _l("also brothers, sisters, grandparents and grandchildren"),
        3: _l("also uncles, aunts, nephews and nieces"),
        4: _l("also first cousins"),
        5: _l("also the children of first cousins"),
        6: _l("also second cousins"),
    }
    example = examples.get(degree)
    label = _l("%(num)d degrees", num=degree) if degree > 1 else _l("1 degree")
    return f"{label} ({example})" if example else str(label)


class PrivacyForm(FlaskForm):
    """Who sees the member's own living person: every member, or only close family within N degrees."""

    privacy = RadioField(
        _l("Who may see your dates, places, notes and links?"),
        choices=[
            SelectChoice(PRIVACY_MEMBERS, _l("Every member of the family site")),
            SelectChoice(PRIVACY_CLOSE_FAMILY, _l("Only my close family (and the site's editors)")),
        ],
        default=PRIVACY_MEMBERS,
        invalid_choice_message=_l("Please choose one of the options shown."),
        validators=[InputRequired(message=_l("Please choose who may see your details."))],
    )
    privacy_degree = SelectField(
        _l("How close"),
        coerce=int,
        default=DEFAULT_PRIVACY_DEGREE,
        invalid_value_message=_l("Please choose one of the degrees shown."),
        invalid_choice_message=_l("Please choose one of the degrees shown."),
        validators=[InputRequired(message=_l("Please choose how close."))],
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.privacy_degree.choices = [
            SelectChoice(degree, degree_label(degree)) for degree in range(MIN_PRIVACY_DEGREE, MAX_PRIVACY_DEGREE + 1)
        ]
