"""The e-mails of digests and reminders: subject, template, context and headers, in the member's language.

Every link is absolute, on ``SITE_URL`` (see :mod:`famille.mailing.urls`). Every mail carries its unsubscribe
link in the text and in ``List-Unsubscribe`` headers, and a Message-ID made from the member, the kind and the
periods it covers: if a mail ever had to be sent again after a crash (see :mod:`famille.feed.digest_send`), the
second copy has the same Message-ID, which mail programs take as the same message.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from flask import current_app
from flask_babel import force_locale, format_date, ngettext
from flask_babel import gettext as _

from famille.admin import family_name
from famille.feed.digest import DigestContent
from famille.feed.digest_periods import WEEKLY
from famille.feed.log import describe
from famille.feed.reminders import ON_THE_DAY, Reminder
from famille.feed.words import plain_name
from famille.mailing.tokens import DIGEST, REMINDER
from famille.mailing.urls import absolute_url, still_right_url, unsubscribe_headers, unsubscribe_url
from famille.models import User


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One mail ready to go: to whom, in which language, what it covers (its ``MailSent`` keys) and what it says."""

    user_id: int
    to: str
    locale: str
    kind: str
    keys: tuple[str, ...]
    subject: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)

    def headers(self) -> dict[str, str]:
        """The unsubscribe headers and the Message-ID that stays the same if this mail is ever sent again."""
        sender = str(current_app.config.get("MAIL_FROM") or "")
        domain = sender.partition("@")[2] or "famille.invalid"
        digest = hashlib.sha256("|".join(self.keys).encode()).hexdigest()[:24]
        return {
            **unsubscribe_headers(self.user_id, self.kind),
            "Message-ID": f"<{self.kind}.{self.user_id}.{digest}@{domain}>",
        }


def one_line(text: str) -> str:
    """``text`` on one line: a subject is a mail header, and a name with a line break must not break it."""
    return " ".join(text.split())


def locale_of(user: User) -> str:
    """The member's language, else the site's."""
    config = current_app.config
    return user.locale if user.locale in config["LANGUAGES"] else config["DEFAULT_LOCALE"]


def person_url(person_id: int) -> str:
    """The absolute address of a person's page."""
    return absolute_url("people.person", person_id=person_id)


def _common(user: User, kind: str) -> dict[str, Any]:
    """What every digest and reminder shows: greeting, family name, links to the site, settings and unsubscribe."""
    feed = "feed.index" if "feed.index" in current_app.view_functions else "site.home"
    return {
        "name": user.display_name,
        "family": family_name(),
        "site_url": absolute_url(feed),
        "settings_url": absolute_url("mailing.settings"),
        "unsubscribe_url": unsubscribe_url(user.user_id, kind),
        "person_url": person_url,
    }


def digest_mail(user: User, content: DigestContent) -> Outgoing:
    """The digest mail of ``content`` for ``user``."""
    locale = locale_of(user)
    with force_locale(locale):
        first = format_date(content.period.first_day, "long")
        if content.period.frequency == WEEKLY:
            subject = _("%(family)s: what's new, week of %(date)s", family=family_name(), date=first)
        else:
            month = format_date(content.period.first_day, "MMMM y")
            subject = _("%(family)s: what's new in %(month)s", family=family_name(), month=month)
    context = _common(user, DIGEST) | {"content": content, "describe": describe, "start": first}
    if content.confirm_links:
        context |= {"still_right_url": still_right_url(user.user_id), "links_url": _links_url(user)}
    keys = (content.period.key,)
    return Outgoing(user.user_id, user.email, locale, DIGEST, keys, one_line(subject), "digest", context)


def _links_url(user: User) -> str:
    if user.person_id is None:
        return absolute_url("mailing.settings")
    return absolute_url("profiles.index", person_id=user.person_id)


def reminder_line(reminder: Reminder) -> str:
    """One reminder in words, in the current locale ("Today: Hélène Tremblay's birthday (40 years old)")."""
    occasion = reminder.occasion
    names = " & ".join(plain_name(person) for person in occasion.people)
    when = _("Today") if reminder.when == ON_THE_DAY else format_date(occasion.on, "EEEE d MMMM")
    if occasion.kind == "birthday":
        what = _("%(name)s's birthday", name=names)
        years = ngettext("%(num)d year old", "%(num)d years old", occasion.years) if occasion.years else ""
    else:
        what = _("wedding anniversary of %(names)s", names=names)
        years = ngettext("%(num)d year", "%(num)d years", occasion.years) if occasion.years else ""
    line = _("%(when)s: %(what)s", when=when, what=what)
    return f"{line} ({years})" if years else line


def reminder_mail(user: User, reminders: list[Reminder]) -> Outgoing:
    """One mail with every reminder due for ``user`` today."""
    locale = locale_of(user)
    with force_locale(locale):
        lines = [(reminder_line(reminder), reminder) for reminder in reminders]
        if len(lines) == 1:
            subject = lines[0][0]
        else:
            subject = ngettext(
                "%(num)d birthday or anniversary in the family",
                "%(num)d birthdays or anniversaries in the family",
                len(lines),
            )
    context = _common(user, REMINDER) | {"lines": lines}
    keys = tuple(reminder.period_key for reminder in reminders)
    return Outgoing(user.user_id, user.email, locale, REMINDER, keys, one_line(subject), "reminder", context)
