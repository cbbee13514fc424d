"""The words drawn in a chart (titles, the date line, the legend, the badges), in the current language."""

from __future__ import annotations

import re
from datetime import date

from flask_babel import format_date
from flask_babel import gettext as _

from famille.privacy import PRIVATE_LABEL, PersonView

#: What a recorded change shows as a badge (see the contract of change kinds); other kinds are not shown.
BADGE_OF_KIND = {
    "person_added": "person",
    "link_added": "link",
    "link_changed": "link",
    "event_added": "event",
    "event_changed": "event",
    "news_posted": "news",
    "news_edited": "news",
    "person_updated": "update",
    "person_edited": "update",
    "relation_added": "update",
    "link_removed": "update",
    "claim_approved": "update",
    "invitation_accepted": "update",
    "relation_removed": "update",
    "event_removed": "update",
    "note_added": "update",
    "note_changed": "update",
    "note_removed": "update",
}
BADGES = ("person", "link", "event", "news", "update")

_YEAR = re.compile(r"\b(\d{3,4})\b")
_ROUGH = {"ABT": "~", "EST": "~", "CAL": "~", "BEF": "<", "AFT": ">"}


def year_of(date_text: str) -> str:
    """The year of a GEDCOM date, marked when rough ("ABT 1850" → "~1850"); "" when none."""
    found = _YEAR.search(date_text or "")
    if not found:
        return ""
    first = (date_text or "").split()[0].upper()
    return _ROUGH.get(first, "") + found.group(1)


def years(view: PersonView) -> str:
    """ "1890–1960", "1950–" or "" for a person as the viewer sees them."""
    if view.is_private:
        return ""
    born, died = year_of(view.birth_date), year_of(view.death_date)
    if not born and not died:
        return ""
    return f"{born}–{died}"


def shown_name(view: PersonView) -> str:
    """A person's name as the viewer may see it; "Private" added (or alone) when details are hidden."""
    name = f"{view.given_name} {view.surname}".strip()
    if not view.is_private:
        return name or "?"
    return f"{name} ({_(PRIVATE_LABEL)})" if name else _(PRIVATE_LABEL)


def badge_words() -> dict[str, str]:
    """The badge of each kind of update, as drawn in a box."""
    return {
        "person": _("new person"),
        "link": _("new link"),
        "event": _("new event"),
        "news": _("news"),
        "update": _("updated"),
    }


def legend_words(*, with_new: bool) -> dict[str, str]:
    """The meaning of each mark of the legend (the "new since your last visit" mark only for members)."""
    words = {
        "links": _("profile links"),
        "member": _("member of the site"),
        "living": _("living"),
        "private": _("private"),
        "recent": _("orange box: changed recently"),
        "couple": _("point: a couple, their children below it (half-siblings hang from another couple's point)"),
        "adopted": _("dashed line: adopted or foster child"),
        "other": _("dotted line: other tie"),
    }
    if with_new:
        words["new"] = _("new since your last visit")
    return words


def title(kind: str, names: list[str]) -> str:
    """The chart's title from its kind and the names of the people it is about."""
    if kind == "person":
        return _("Family around %(name)s", name=names[0])
    if kind == "ancestors":
        return _("Ancestors of %(name)s", name=names[0])
    if kind == "descendants":
        return _("Descendants of %(name)s", name=names[0])
    if kind == "relationship":
        return _("How %(first)s and %(second)s are related", first=names[0], second=names[1])
    if kind == "family" and len(names) == 2:
        return _("Descendants of %(first)s and %(second)s", first=names[0], second=names[1])
    return _("The whole family")


def dated(today: date) -> str:
    """The date line drawn under the title."""
    return _("Drawn on %(day)s", day=format_date(today, format="long"))
