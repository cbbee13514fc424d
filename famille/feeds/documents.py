"""The documents behind a member's secret addresses: the family feed (Atom) and the calendar (ICS).

Each is made as the member would see the site — their role, their person, hence the privacy rules of
:mod:`famille.privacy` — and in their language (``User.locale``, else the site's default). Links are absolute,
on ``SITE_URL`` when the site sets one, because a feed reader opens them far from any page of the site.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from famille.admin.context import family_name
from famille.auth.resets import absolute_url
from famille.feed.atom import AtomSite, atom_document
from famille.feed.dates import upcoming_occasions
from famille.feed.ics import occasions_calendar
from famille.feed.log import describe, feed_entries
from famille.feeds.services import viewer_of
from famille.kinship.closeness import close_family
from famille.models import User

#: How many of the newest entries the Atom feed carries.
ATOM_ENTRIES = 50
#: The calendar holds the occasions of the year to come (each repeats yearly in the reader's calendar anyway).
CALENDAR_DAYS = 365


def _locale(user: User) -> str:
    languages = current_app.config["LANGUAGES"]
    return user.locale if user.locale in languages else str(current_app.config["DEFAULT_LOCALE"])


def _person_url() -> Callable[[int], str]:
    """Absolute person addresses, the route built once (a calendar of a big family holds tens of thousands)."""
    placeholder = "987654321"
    head, _mark, tail = absolute_url("people.person", person_id=int(placeholder)).rpartition(placeholder)
    return lambda person_id: f"{head}{person_id}{tail}"


def _host() -> str:
    return urlsplit(absolute_url("site.home")).hostname or "localhost"


def atom_for(session: Session, *, user: User, token: str) -> bytes:
    """The member's Atom feed of the newest changes they may see, in their language."""
    entries = feed_entries(session, viewer=viewer_of(user), limit=ATOM_ENTRIES)
    lang = _locale(user)
    with force_locale(lang):
        name = family_name()
        site = AtomSite(
            host=_host(),
            title=_("What's new in the %(family)s family", family=name),
            self_url=absolute_url("feeds.atom", token=token),
            site_url=absolute_url("site.home"),
            person_url=_person_url(),
            author=name,
            lang=lang,
        )
        return atom_document(entries, site=site, describe=describe, now=datetime.now(UTC))


def calendar_for(session: Session, *, user: User, today: date) -> bytes:
    """The member's calendar of the birthdays and anniversaries they may see, in their language.

    A member whose person is in the tree gets their relatives within the closeness they chose for reminders (up
    to second cousins unless they changed it): a big family's every birthday would be tens of thousands of
    events, more than a calendar program shows usefully. A member not in the tree gets everyone they may see.
    """
    relatives = None
    if user.person_id is not None:
        relatives = set(close_family(session, user.person_id, degrees=user.reminder_degree))
    occasions = upcoming_occasions(
        session, viewer=viewer_of(user), start=today, days=CALENDAR_DAYS, person_ids=relatives
    )
    with force_locale(_locale(user)):
        return occasions_calendar(
            occasions,
            name=_("%(family)s: birthdays and anniversaries", family=family_name()),
            host=_host(),
            stamp=datetime.now(UTC),
            person_url=_person_url(),
        )
