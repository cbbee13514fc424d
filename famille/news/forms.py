"""Forms of the news pages: a post (whom it is about, topic, text, optional photo) and a deletion's confirmation.

The person picker's choices are filled by the view (the member's own person and close relatives); the photo is
checked by its content in :mod:`famille.news.photos`, not by its name here.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from famille.news.services import MAX_BODY
from famille.news.topics import DEFAULT_TOPIC, TOPIC_CHOICES


def person_id_of(value: object) -> int | None:
    """The picker's value as a person id ("" or anything odd: nobody in particular)."""
    text = str(value or "")
    # isdigit() alone lets "²" through, which int() then refuses.
    return int(text) if text.isascii() and text.isdigit() and len(text) < 11 and 0 < int(text) < 2**31 else None


def person_choice(value: object) -> int | None:
    """The picker's value as a person id, None for "nobody in particular"; anything else is not a choice."""
    if value is None or value == "":
        return None
    found = person_id_of(value)
    if found is None:
        raise ValueError("not a person id")  # WTForms shows it as an invalid choice
    return found


class NewsForm(FlaskForm):
    """A news post: about whom, what kind of news, the announcement, and a photo."""

    person = SelectField(_l("About"), coerce=person_choice, validate_choice=True)
    topic = SelectField(
        _l("What is it about?"),
        choices=[SelectChoice(topic, label) for topic, label in TOPIC_CHOICES.items()],
        default=DEFAULT_TOPIC,
    )
    body = TextAreaField(
        _l("Your news"),
        validators=[
            DataRequired(message=_l("Write a few words.")),
            Length(max=MAX_BODY, message=_l("A post can have at most %(max)d characters.")),
        ],
        render_kw={"rows": 6, "maxlength": MAX_BODY},
    )
    photo = FileField(
        _l("A photo (optional: JPEG, PNG or WebP)"), render_kw={"accept": "image/jpeg,image/png,image/webp"}
    )
    remove_photo = BooleanField(_l("Remove the photo"))


class DeleteForm(FlaskForm):
    """Deleting a post is a POST with its CSRF token, after a page that asks to confirm."""
