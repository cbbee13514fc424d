"""Forms of the account page: each change is its own form, posted on its own with its CSRF token."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

#: Each language in its own words, so a relative finds theirs whatever the page's language.
LANGUAGE_NAMES = {"fr": "Français", "en": "English"}


class NameForm(FlaskForm):
    """The name the site shows for the account."""

    display_name = StringField(_l("Your name as shown on the site"), validators=[Length(max=200)])


class LanguageForm(FlaskForm):
    """The language of the pages and of the e-mail the site sends."""

    locale = SelectField(_l("Language"), choices=[], validate_choice=True)

    def with_languages(self, languages: tuple[str, ...]) -> LanguageForm:
        """Offer the site's languages."""
        self.locale.choices = [(code, LANGUAGE_NAMES.get(code, code)) for code in languages]
        return self


class PasswordForm(FlaskForm):
    """The current password, then the new one twice."""

    current_password = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=500)])
    new_password = PasswordField(_l("New password"), validators=[DataRequired(), Length(max=500)])
    confirm_password = PasswordField(
        _l("New password again"),
        validators=[DataRequired(), EqualTo("new_password", message=_l("The two passwords are not the same."))],
    )


class EmailForm(FlaskForm):
    """A new address, confirmed by the password."""

    new_email = EmailField(_l("New e-mail address"), validators=[DataRequired(), Length(max=320)])
    email_password = PasswordField(_l("Your password"), validators=[DataRequired(), Length(max=500)])


class DeleteForm(FlaskForm):
    """Deleting the account asks for the password once more."""

    delete_password = PasswordField(_l("Your password"), validators=[DataRequired(), Length(max=500)])
