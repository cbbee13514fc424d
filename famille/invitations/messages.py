"""The words that carry an invitation: its link, the ready-to-send message, the ``mailto:`` link and the e-mail.

The message is written from ``templates/invitations/message.txt`` in a chosen language, whatever the language of
the page that shows it, so the organiser can paste the French or the English one (or both).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import quote

from flask import current_app, has_request_context, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from famille.admin import family_name
from famille.invitations.services import aware
from famille.mail import send_mail
from famille.models import Invitation, Person, User

#: Where links point when neither SITE_URL nor a request says where the site is (the command line, by default).
DEFAULT_SITE_URL = "http://127.0.0.1:5000"


@dataclass(frozen=True, slots=True)
class InvitationText:
    """What every message about one invitation says."""

    url: str
    family_name: str
    inviter: str
    given_name: str
    person_name: str
    message: str
    expires_at: dt.datetime
    max_uses: int


def invitation_url(token: str) -> str:
    """The full link of an invitation: on SITE_URL when configured, else on the address of the request."""
    site = str(current_app.config.get("SITE_URL") or "").rstrip("/")
    if site or not has_request_context():
        path = current_app.url_map.bind("localhost").build("invitations.accept", {"token": token})
        return (site or DEFAULT_SITE_URL) + path
    return url_for("invitations.accept", token=token, _external=True)


def inviter_name(session: Session, invitation: Invitation) -> str:
    """The name of whoever created the invitation ("" when it came from the command line or the account is gone)."""
    user = session.get(User, invitation.created_by) if invitation.created_by else None
    return (user.display_name or user.email) if user else ""


def invitation_text(session: Session, invitation: Invitation, token: str) -> InvitationText:
    """Gather what the messages about ``invitation`` say."""
    person = session.get(Person, invitation.person_id) if invitation.person_id else None
    return InvitationText(
        url=invitation_url(token),
        family_name=family_name(),
        inviter=inviter_name(session, invitation),
        given_name=(person.given_name or person.display_name) if person else "",
        person_name=person.display_name if person else "",
        message=invitation.message,
        expires_at=aware(invitation.expires_at),
        max_uses=invitation.max_uses,
    )


def message_in(text: InvitationText, locale: str) -> str:
    """The ready-to-send message in ``locale``."""
    with force_locale(locale):
        return render_template("invitations/message.txt", text=text).strip()


def subject_in(text: InvitationText, locale: str) -> str:
    """The subject of the message in ``locale``."""
    with force_locale(locale):
        if text.inviter:
            return _("%(inviter)s invites you to %(family)s", inviter=text.inviter, family=text.family_name)
        return _("You are invited to %(family)s", family=text.family_name)


def mailto_href(text: InvitationText, *, to: str, locales: tuple[str, ...]) -> str:
    """A ``mailto:`` link with the subject and the message (in each of ``locales``) ready in the mail program."""
    body = "\n\n— — —\n\n".join(message_in(text, locale) for locale in locales)
    subject = " / ".join(dict.fromkeys(subject_in(text, locale) for locale in locales))
    return f"mailto:{quote(to, safe='@')}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"


def send_invitation(text: InvitationText, *, to: str, locale: str) -> None:
    """Send the invitation by e-mail (text + HTML) in ``locale``; raises :class:`famille.mail.MailError`."""
    send_mail(to=to, subject=subject_in(text, locale), template="invitation", locale=locale, text=text)
