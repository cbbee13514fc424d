"""Forms of the invitation pages (Flask-WTF: each carries its CSRF token)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    EmailField,
    HiddenField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, EqualTo, InputRequired, Length, NumberRange, Optional

from famille.auth.services import MIN_PASSWORD_LENGTH
from famille.invitations.services import MAX_DAYS, MAX_MESSAGE, MAX_USES

ROLE_LABELS = {"member": _l("Member"), "editor": _l("Editor"), "admin": _l("Administrator")}
LANGUAGE_LABELS = {"fr": "Français", "en": "English"}


def language_choices(languages: tuple[str, ...], *, blank: str | None = None) -> list[tuple[str, str]]:
    """The site's languages for a select, each in its own language (and a blank choice first, if named)."""
    choices = [(code, LANGUAGE_LABELS.get(code, code)) for code in languages]
    return [("", blank), *choices] if blank else choices


class InvitationForm(FlaskForm):
    """A new invitation: for whom, which role, how long, how many uses, a message, where to send it."""

    person_id = RadioField(_l("For whom"), choices=[], validate_choice=True, default="")
    role = SelectField(_l("Role on the site"), choices=[])
    days = IntegerField(_l("Valid for (days)"), validators=[InputRequired(), NumberRange(min=1, max=MAX_DAYS)])
    max_uses = IntegerField(
        _l("Number of people who may use it"), validators=[InputRequired(), NumberRange(min=1, max=MAX_USES)], default=1
    )
    message = TextAreaField(_l("Personal message (optional)"), validators=[Length(max=MAX_MESSAGE)])
    email = EmailField(_l("Their e-mail address (optional)"), validators=[Optional(), Length(max=320)])
    language = SelectField(_l("Their language"), choices=[])


class SendForm(FlaskForm):
    """Send the link just created by e-mail; the token comes back from the page that showed it."""

    token = HiddenField(validators=[DataRequired(), Length(max=100)])
    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Length(max=320)])
    language = SelectField(_l("Language of the e-mail"), choices=[])


class RevokeForm(FlaskForm):
    """Revoke an invitation (a POST with its CSRF token)."""


class ExtendForm(FlaskForm):
    """Give an invitation more days."""

    days = IntegerField(_l("Days"), validators=[InputRequired(), NumberRange(min=1, max=MAX_DAYS)], default=30)


class RegisterForm(FlaskForm):
    """The invitee's new account."""

    display_name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=200)])
    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Length(max=320)])
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=500)],
        description=_l("At least %(count)d characters.", count=MIN_PASSWORD_LENGTH),
    )
    confirm = PasswordField(
        _l("Password again"),
        validators=[DataRequired(), EqualTo("password", message=_l("The two passwords are not the same."))],
    )
    language = SelectField(_l("Language of the site"), choices=[])


class JoinLoginForm(FlaskForm):
    """An existing account accepts the invitation by logging in."""

    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Length(max=320)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=500)])


class JoinForm(FlaskForm):
    """The logged-in account accepts the invitation (a POST with its CSRF token)."""
