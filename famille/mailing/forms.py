"""Forms of the e-mail pages (Flask-WTF: each carries its CSRF token, except the RFC 8058 one-click POST)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired

from famille.mailing.services import DEFAULT_REMINDER_DEGREE, REMINDER_DEGREE_LABELS


class MailSettingsForm(FlaskForm):
    """The digest (weekly, monthly or none) and the reminders (on or off, for relatives how close)."""

    digest_frequency = RadioField(
        _l("News of the family by e-mail"),
        choices=[
            SelectChoice("weekly", _l("Every week, when something changed")),
            SelectChoice("monthly", _l("Every month, when something changed")),
            SelectChoice("off", _l("Never")),
        ],
        default="weekly",
        invalid_choice_message=_l("Please choose one of the options shown."),
        validators=[InputRequired(message=_l("Please choose how often you want the news."))],
    )
    reminders_enabled = BooleanField(_l("Remind me of birthdays and wedding anniversaries"))
    reminder_degree = SelectField(
        _l("For which relatives"),
        coerce=int,
        default=DEFAULT_REMINDER_DEGREE,
        invalid_value_message=_l("Please choose one of the options shown."),
        invalid_choice_message=_l("Please choose one of the options shown."),
        validators=[InputRequired(message=_l("Please choose one of the options shown."))],
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.reminder_degree.choices = [
            SelectChoice(degree, _l(label)) for degree, label in REMINDER_DEGREE_LABELS.items()
        ]


class ConfirmForm(FlaskForm):
    """A button that confirms a link's action (unsubscribe, "still right"): just the CSRF token."""
