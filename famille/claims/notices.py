"""E-mail about claims: editors hear of a new claim, the claimant hears of the decision — each in their language.

Sent after the claim is committed, and only when the site has mail: a mail server that fails is logged and never
undoes the claim (the approvals page lists it anyway).
"""

from __future__ import annotations

from flask import current_app, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from famille.auth.roles import has_permission
from famille.mail import MailError, mail_enabled, send_mail
from famille.models import Claim, Person, User


def page_url(endpoint: str, **values: object) -> str:
    """An absolute link to a page of the site (``SITE_URL`` when configured, else the request's host)."""
    base = str(current_app.config.get("SITE_URL") or "").rstrip("/")
    return base + url_for(endpoint, **values) if base else url_for(endpoint, _external=True, **values)


def _locale(user: User) -> str:
    return user.locale or str(current_app.config["DEFAULT_LOCALE"])


def _send(user: User, **message: object) -> bool:
    try:
        send_mail(to=user.email, locale=_locale(user), **message)  # type: ignore[arg-type]
    except MailError:
        current_app.logger.warning("could not send a claim message to user %s", user.user_id, exc_info=True)
        return False
    return True


def approvers(session: Session) -> list[User]:
    """The active accounts that may approve claims (editors and admins)."""
    users = session.scalars(select(User).where(User.is_active.is_(True)).order_by(User.user_id))
    return [user for user in users if has_permission(user.role, "approve_claims")]


def tell_approvers(session: Session, *, claim_id: int) -> int:
    """Tell every editor and admin that a claim waits for them; returns how many messages left."""
    claim = session.get(Claim, claim_id)
    if claim is None or not mail_enabled():
        return 0
    claimant, person = session.get_one(User, claim.user_id), session.get_one(Person, claim.person_id)
    sent = 0
    for approver in approvers(session):
        sent += _send(
            approver,
            subject=_l("Claim to approve: %(name)s", name=person.display_name),
            template="claim_new",
            approver=approver.display_name or approver.email,
            claimant=claimant.display_name or claimant.email,
            claimant_email=claimant.email,
            person=person.display_name,
            birth_date=person.birth_date,
            message=claim.message,
            link=page_url("claims.approvals"),
        )
    return sent


def _decision_link(approved: bool, person_id: int) -> str:
    if not approved:
        return page_url("claims.search")
    if "people.person" in current_app.view_functions:
        return page_url("people.person", person_id=person_id)
    return page_url("site.home")


def tell_claimant(session: Session, *, claim_id: int) -> bool:
    """Tell the claimant whether their claim was approved or rejected."""
    claim = session.get(Claim, claim_id)
    if claim is None or not mail_enabled():
        return False
    claimant, person = session.get_one(User, claim.user_id), session.get_one(Person, claim.person_id)
    approved = claim.status == "approved"
    subject = _l("You are now linked to the family tree") if approved else _l("About your claim on the family site")
    return _send(
        claimant,
        subject=subject,
        template="claim_decided",
        name=claimant.display_name or claimant.email,
        person=person.display_name,
        approved=approved,
        link=_decision_link(approved, claim.person_id),
    )
