"""Forms of the editing pages (Flask-WTF: each carries its CSRF token).

Fields check what a form can (lengths, numbers); the services check the rest and their refusals are shown beside
the form. Choices that depend on the language (months, kinds of events) are filled in by the views.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from babel.dates import get_month_names
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from famille.editing.dates import MAX_DATE_TEXT
from famille.editing.events import MAX_PLACE, MAX_TYPE, MAX_VALUE
from famille.editing.names import MAX_NAME_PART
from famille.editing.notes import MAX_NOTE

NAME_TYPE_LABELS = {
    "": _l("Not specified"),
    "birth": _l("Birth name"),
    "married": _l("Married name"),
    "aka": _l("Also known as"),
}
SEX_LABELS = {"M": _l("Male"), "F": _l("Female"), "U": _l("Unknown"), "X": _l("Other")}
QUALIFIER_LABELS = {"": _l("On that date"), "ABT": _l("About"), "BEF": _l("Before"), "AFT": _l("After")}
PEDIGREE_LABELS = {"birth": _l("By birth"), "adopted": _l("Adopted"), "foster": _l("Foster child")}
_TOO_LONG = _l("At most %(max)d characters.")
_YEAR = _l("A year is a number such as 1950.")


def choices(pairs: Iterable[tuple[str, Any]]) -> list[SelectChoice]:
    """Options of a select or radio field from (value, label) pairs."""
    return [SelectChoice(value, str(label)) for value, label in pairs]


def month_choices() -> list[SelectChoice]:
    """The months in the reader's language, after a blank choice (no month)."""
    names = get_month_names("wide", locale=str(get_locale() or "fr"))
    return choices([("", "—")] + [(str(number), names[number]) for number in range(1, 13)])


def _name_field(label: str) -> StringField:
    return StringField(label, validators=[Length(max=MAX_NAME_PART, message=_TOO_LONG)])


def _year_field(label: str) -> IntegerField:
    return IntegerField(label, validators=[Optional(), NumberRange(min=1, max=9999, message=_YEAR)])


class NameForm(FlaskForm):
    """One of a person's names."""

    given = _name_field(_l("Given names"))
    surname = _name_field(_l("Surname"))
    nickname = _name_field(_l("Nickname (optional)"))
    name_type = SelectField(_l("Kind of name"), choices=[], validate_choice=False)


class SexForm(FlaskForm):
    """A person's sex."""

    sex = RadioField(_l("Sex"), choices=[], validate_choice=False)


class EventForm(FlaskForm):
    """An event: its kind, date (as text, or by day, month and year), place and description."""

    tag = SelectField(_l("Kind of event"), choices=[], validate_choice=False)
    event_type = StringField(
        _l("Which event, in your words (for “another kind”)"),
        validators=[Length(max=MAX_TYPE, message=_TOO_LONG)],
    )
    date_text = StringField(_l("Date"), validators=[Length(max=MAX_DATE_TEXT, message=_TOO_LONG)])
    qualifier = SelectField(
        _l("Precision"),
        choices=[SelectChoice(key, label) for key, label in QUALIFIER_LABELS.items()],
        default="",
    )
    day = IntegerField(_l("Day"), validators=[Optional(), NumberRange(min=1, max=31, message=_l("A day is 1 to 31."))])
    month = SelectField(_l("Month"), choices=[], default="")  # filled by the view, in the reader's language
    year = _year_field(_l("Year"))
    place = StringField(_l("Place"), validators=[Length(max=MAX_PLACE, message=_TOO_LONG)])
    value = StringField(
        _l("Description (the occupation, the diploma…)"), validators=[Length(max=MAX_VALUE, message=_TOO_LONG)]
    )

    def validate_day(self, field: IntegerField) -> None:
        """A day needs its month."""
        if field.data and not self.month.data:
            raise ValidationError(_l("Choose the month too, or leave the day empty."))

    def validate_month(self, field: SelectField) -> None:
        """A month needs its year."""
        if field.data and self.year.data is None:
            raise ValidationError(_l("Give the year too, or leave the month empty."))


class NoteForm(FlaskForm):
    """A note in plain text (line breaks are kept)."""

    text = TextAreaField(_l("Note"), validators=[Length(max=MAX_NOTE, message=_TOO_LONG)])


class ConfirmForm(FlaskForm):
    """A removal or deletion is a POST with its CSRF token, after a page that asks to confirm."""


class _TieFields(FlaskForm):
    """How a new relative is tied: the other parent of a child, and the kind of filiation."""

    family = SelectField(_l("The other parent"), choices=[], validate_choice=False)
    pedigree = SelectField(
        _l("Filiation"), choices=[SelectChoice(key, label) for key, label in PEDIGREE_LABELS.items()], default="birth"
    )


class NewRelativeForm(_TieFields):
    """A relative not yet in the tree: their name, sex and years."""

    given = _name_field(_l("Given names"))
    surname = _name_field(_l("Surname"))
    sex = RadioField(_l("Sex"), choices=[], validate_choice=False, default="U")
    birth_year = _year_field(_l("Year of birth (optional)"))
    death_year = _year_field(_l("Year of death (optional)"))
    died = BooleanField(_l("Deceased (even if the year is unknown)"))


class ExistingRelativeForm(_TieFields):
    """A relative already in the tree, chosen from the search results."""

    other_id = IntegerField(
        _l("Person"),
        validators=[InputRequired(message=_l("Choose a person from the list."))],
    )
