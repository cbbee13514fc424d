"""Accepting an invitation: a new or existing account joins, is linked to the invitation's person, gets its role.

Everything happens in the caller's transaction: the use is counted by a conditional UPDATE (``uses < max_uses``,
not revoked, not expired), so two people racing for the last use of a link cannot both get in — the second
UPDATE matches no row once the first has committed, and its whole transaction (new account included) is rolled
back by the caller.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from famille.auth.roles import rank
from famille.auth.services import authenticate, create_user
from famille.invitations.services import InvitationError, utcnow
from famille.markers import N_
from famille.models import Change, Invitation, InvitationUse, Person, User


@dataclass(frozen=True, slots=True)
class Joined:
    """The account that joined, and the person of the tree it is now linked to (if the invitation named one)."""

    user: User
    person: Person | None


def _check_person(session: Session, invitation: Invitation, user: User) -> Person | None:
    if invitation.person_id is None:
        return None
    person = session.get(Person, invitation.person_id)
    if person is None:
        return None
    other = session.scalar(select(User.user_id).where(User.person_id == person.person_id, User.user_id != user.user_id))
    if other is not None:
        raise InvitationError(N_("%(name)s is already linked to another account."), name=person.display_name)
    if user.person_id is not None and user.person_id != person.person_id:
        linked = session.get(Person, user.person_id)
        raise InvitationError(
            N_("This account is already linked to %(name)s: one account goes with one person only."),
            name=linked.display_name if linked else "?",
        )
    return person


def problem_for(session: Session, *, invitation: Invitation, user_id: int | None) -> InvitationError | None:
    """Why this account (None: a new one) could not join through ``invitation`` now, if it could not."""
    user = session.get(User, user_id) if user_id is not None else None
    try:
        # A transient row (never added to the session) stands for an account yet to be created.
        _check_person(session, invitation, user or User(user_id=None, person_id=None))
    except InvitationError as error:
        return error
    return None


def _count_use(session: Session, invitation: Invitation, now: dt.datetime) -> None:
    """Take one use of the invitation, or refuse if none is left (re-checked by the database itself)."""
    result = session.execute(
        update(Invitation)
        .where(
            Invitation.invitation_id == invitation.invitation_id,
            Invitation.uses < Invitation.max_uses,
            Invitation.revoked_at.is_(None),
            Invitation.expires_at > now,
        )
        .values(uses=Invitation.uses + 1)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise InvitationError(N_("This invitation link can no longer be used: it was used up, revoked or expired."))
    session.expire(invitation, ["uses"])


def accept_invitation(
    session: Session, *, invitation: Invitation, user: User, now: dt.datetime | None = None
) -> Joined:
    """Let ``user`` join through ``invitation``: link the person, raise the role (never lower it), count the use."""
    person = _check_person(session, invitation, user)
    _count_use(session, invitation, now or utcnow())
    if person is not None:
        user.person_id = person.person_id
    if rank(invitation.role) > rank(user.role):
        user.role = invitation.role
    session.add(InvitationUse(invitation_id=invitation.invitation_id, user_id=user.user_id))
    session.add(
        Change(
            kind="invitation_accepted",
            actor=user.email,
            user_id=user.user_id,
            person_id=person.person_id if person else None,
            details={"invitation_id": invitation.invitation_id, "role": user.role},
        )
    )
    session.flush()
    return Joined(user=user, person=person)


def join_with_new_account(
    session: Session, *, invitation: Invitation, email: str, password: str, display_name: str, locale: str
) -> Joined:
    """Create an account with the invitation's role and accept the invitation with it."""
    user = create_user(
        session, email=email, password=password, display_name=display_name, role=invitation.role, locale=locale
    )
    return accept_invitation(session, invitation=invitation, user=user)


def join_with_existing_account(session: Session, *, invitation: Invitation, email: str, password: str) -> Joined:
    """Check the credentials of an existing account, then accept the invitation with it."""
    user = authenticate(session, email=email, password=password)
    if user is None:
        raise InvitationError(N_("This e-mail address and password do not match an account."))
    return accept_invitation(session, invitation=invitation, user=user)


def join_as(session: Session, *, invitation: Invitation, user_id: int) -> Joined:
    """Accept the invitation with the account already logged in."""
    user = session.get(User, user_id)
    if user is None or not user.is_active:
        raise InvitationError(N_("Your account could not be found; please log in again."))
    return accept_invitation(session, invitation=invitation, user=user)
