"""Forms of the admin pages (Flask-WTF: every form carries its CSRF token)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length

from famille.admin.settings import MAX_FAMILY_NAME, MAX_WELCOME_TEXT
from famille.auth.roles import ADMIN, EDITOR, MEMBER
from famille.privacy import NAMES_FULL, NAMES_NONE, NAMES_SURNAME


def encoding_choices() -> list[SelectChoice]:
    """The encodings one may force on a file (most files say theirs, and it is found on its own)."""
    return [
        SelectChoice("", _l("Find out from the file (recommended)")),
        SelectChoice("utf-8", "UTF-8"),
        SelectChoice("utf-16", "UTF-16 (Unicode)"),
        SelectChoice("ansel", "ANSEL"),
        SelectChoice("cp1252", _l("Windows-1252 (ANSI, Western Europe)")),
        SelectChoice("iso8859-1", "ISO-8859-1 (Latin-1)"),
        SelectChoice("mac-roman", "Mac Roman"),
        SelectChoice("cp850", "MS-DOS (CP850)"),
        SelectChoice("cp437", "IBM PC (CP437)"),
    ]


class ImportForm(FlaskForm):
    """The GEDCOM file, an optional encoding, and whether people absent from the file go."""

    file = FileField(_l("GEDCOM file (.ged)"))
    encoding = SelectField(_l("Encoding of the file"), choices=encoding_choices, default="")
    remove_missing = BooleanField(_l("Remove the people who are no longer in the file"))


class SettingsForm(FlaskForm):
    """The site settings."""

    family_name = StringField(_l("Family name shown on the site"), validators=[Length(max=MAX_FAMILY_NAME)])
    welcome_text = TextAreaField(_l("Welcome text for visitors"), validators=[Length(max=MAX_WELCOME_TEXT)])
    private_site = BooleanField(_l("Private site: visitors see only a welcome page and the log-in form"))
    visitor_names = RadioField(
        _l("What visitors see of living relatives"),
        choices=[
            SelectChoice(NAMES_SURNAME, _l("Their surname only (“Private Tremblay”)")),
            SelectChoice(NAMES_NONE, _l("No name at all (“Private”)")),
            SelectChoice(NAMES_FULL, _l("Their full name (still no dates, places or links)")),
        ],
        default=NAMES_SURNAME,
    )


def role_choices() -> list[SelectChoice]:
    """The roles an account can have, with their names in the reader's language."""
    return [
        SelectChoice(MEMBER, _l("Member")),
        SelectChoice(EDITOR, _l("Editor")),
        SelectChoice(ADMIN, _l("Administrator")),
    ]


class RoleForm(FlaskForm):
    """Changing an account's role."""

    role = SelectField(_l("Role"), choices=role_choices)
