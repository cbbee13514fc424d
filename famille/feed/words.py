"""Feed entries in human words, in the current Babel locale ("Hélène Tremblay joined the site.").

:func:`describe` gives one line of plain text (for Atom titles and e-mails; callers choose the language with
``flask_babel.force_locale``); :func:`describe_html` the same line with each person's name a link to their page,
escaped — the only markup in it comes from our own catalog.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from flask import url_for
from flask_babel import get_locale, gettext, ngettext
from markupsafe import Markup, escape

from famille.gedcom.dates import format_date, parsed_date
from famille.links import platform_name
from famille.news.topics import topic_label
from famille.privacy import PersonView

if TYPE_CHECKING:
    from famille.feed.log import FeedEntry

#: How a person's name is written into a line (plain text, or a link).
NameWriter = Callable[[PersonView], str]


def plain_name(person: PersonView) -> str:
    """A person's name as plain text."""
    return " ".join(part for part in (person.given_name, person.surname) if part)


def _when(details: dict[str, Any]) -> str:
    """The date of an added event, in the reader's language ("" when it has none)."""
    text = str((details.get("new") or {}).get("date") or "")
    return format_date(parsed_date(text), str(get_locale() or "fr")) if text else ""


def _same(text: str) -> str:
    return text


def _import_line(details: dict[str, Any]) -> str:
    people = details.get("people") or {}
    added, changed = int(people.get("new", 0) or 0), int(people.get("updated", 0) or 0)
    return gettext(
        "The family tree was updated: %(added)s, %(changed)s.",
        added=ngettext("%(num)d new person", "%(num)d new people", added),
        changed=ngettext("%(num)d changed", "%(num)d changed", changed),
    )


def _event_line(kind: str, who: str, other: str, when: str) -> str:
    if kind == "birth":
        return (
            gettext("Birth of %(who)s: %(date)s.", who=who, date=when)
            if when
            else gettext("Birth of %(who)s.", who=who)
        )
    if kind == "death":
        return (
            gettext("Death of %(who)s: %(date)s.", who=who, date=when)
            if when
            else gettext("Death of %(who)s.", who=who)
        )
    if other:
        if when:
            return gettext("Marriage of %(who)s and %(other)s: %(date)s.", who=who, other=other, date=when)
        return gettext("Marriage of %(who)s and %(other)s.", who=who, other=other)
    return (
        gettext("Marriage of %(who)s: %(date)s.", who=who, date=when)
        if when
        else gettext("Marriage of %(who)s.", who=who)
    )


def _platform(details: dict[str, Any]) -> str:
    return gettext(platform_name(str((details.get("new") or {}).get("platform") or "website")))


def _link_line(kind: str, who: str, platform: str) -> str:
    if kind == "link_added":
        return gettext("New profile link for %(who)s: %(platform)s.", who=who, platform=platform)
    return gettext("Profile link of %(who)s changed: %(platform)s.", who=who, platform=platform)


def _news_line(who: str, topic_key: str, topic: str) -> str:
    # "other" says nothing more than "news": the line then names only whom it is about.
    if topic_key == "other":
        return gettext("News of %(who)s.", who=who) if who else gettext("News for the whole family.")
    if who:
        return gettext("News of %(who)s: %(topic)s.", who=who, topic=topic)
    return gettext("News: %(topic)s.", topic=topic)


def describe(entry: FeedEntry, *, name: NameWriter = plain_name, text: Callable[[str], str] = _same) -> str:
    """One line of human words telling ``entry`` in the current locale.

    ``name`` writes each person's name and ``text`` each other value quoted in the line (a date, a platform, a
    topic): :func:`describe_html` passes writers that escape.
    """
    who = name(entry.person) if entry.person is not None else ""
    kind = entry.kind
    if kind == "import":
        return _import_line(entry.details)
    if kind == "news":
        topic_key = entry.news.topic if entry.news is not None else "other"
        return _news_line(who, topic_key, text(topic_label(topic_key)))
    if kind in ("birth", "death", "marriage"):
        other = name(entry.partner) if entry.partner is not None else ""
        return _event_line(kind, who, other, text(_when(entry.details)))
    if kind in ("link_added", "link_changed"):
        return _link_line(kind, who, text(_platform(entry.details)))
    if kind == "person_added":
        return gettext("%(who)s was added to the tree.", who=who)
    if kind == "joined":
        return gettext("%(who)s joined the site.", who=who)
    return gettext("%(who)s was updated.", who=who)


def linked_name(person: PersonView) -> str:
    """A person's name, escaped, as a link to their page."""
    href = url_for("people.person", person_id=person.person_id)
    return str(Markup('<a href="{}">{}</a>').format(href, plain_name(person)))


def describe_html(entry: FeedEntry) -> Markup:
    """:func:`describe` with each name an escaped link to the person's page (for pages and HTML mail)."""
    # The line's words come from our catalog; every name and value quoted in it went through escape().
    return Markup(describe(entry, name=linked_name, text=lambda value: str(escape(value))))
