"""What a news post announces: its topics, as the form lists them and as a sentence says them."""

from __future__ import annotations

from flask_babel import lazy_gettext

#: The topics a post may have, in the order the form lists them, with the form's labels.
TOPIC_CHOICES: dict[str, object] = {
    "birth": lazy_gettext("Birth"),
    "job": lazy_gettext("New job"),
    "move": lazy_gettext("Move"),
    "wedding": lazy_gettext("Wedding"),
    "other": lazy_gettext("Other news"),
}
#: The same topics as a sentence says them ("News of Hélène: a new job.").
_IN_SENTENCE: dict[str, object] = {
    "birth": lazy_gettext("a birth"),
    "job": lazy_gettext("a new job"),
    "move": lazy_gettext("a move"),
    "wedding": lazy_gettext("a wedding"),
    "other": lazy_gettext("news"),
}
DEFAULT_TOPIC = "other"


def topic_label(topic: str) -> str:
    """The topic as a sentence says it, in the current language (an unknown topic reads as plain news)."""
    return str(_IN_SENTENCE.get(topic, _IN_SENTENCE[DEFAULT_TOPIC]))


def topic_name(topic: str) -> str:
    """The topic as the form and a post's heading name it, in the current language."""
    return str(TOPIC_CHOICES.get(topic, TOPIC_CHOICES[DEFAULT_TOPIC]))
