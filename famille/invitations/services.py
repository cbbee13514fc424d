"""Creating, finding, revoking and extending invitations, and what state each one is in.

The token is random (192 bits, URL-safe); only its SHA-256 hex digest goes into ``Invitation.token_hash``, so a
copy of the database opens no door. Services flush but never commit; every change is recorded as a ``Change``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from famille.auth.roles import ACCOUNT_ROLES, MEMBER, has_permission, rank
from famille.markers import N_
from famille.models import Change, Invitation, Person, User

TOKEN_BYTES = 24  # 192 bits of randomness, 32 URL-safe characters
MAX_DAYS = 365
MAX_USES = 500
MAX_MESSAGE = 2000
# What a token we issued looks like; anything else is refused before touching the database.
_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{32,100}")

PENDING, USED, USED_UP, EXPIRED, REVOKED, UNKNOWN = "pending", "used", "used_up", "expired", "revoked", "unknown"
#: The states in which a link can no longer be used, each with its own friendly explanation.
UNUSABLE = (UNKNOWN, USED_UP, EXPIRED, REVOKED)


class InvitationError(ValueError):
    """Why an invitation could not be created or changed (an English template; the web layer translates it)."""

    def __init__(self, template: str, **params: object) -> None:
        self.template, self.params = template, params
        super().__init__(template % params)


@dataclass(frozen=True, slots=True)
class NewInvitation:
    """A freshly created invitation and its raw token: the only moment the token is known."""

    invitation: Invitation
    token: str


@dataclass(frozen=True, slots=True)
class Lookup:
    """What a token leads to: the invitation when it can be used, else the reason (and the row, if known)."""

    invitation: Invitation | None
    problem: str | None

    @property
    def usable(self) -> bool:
        """Whether the link may be used to join now."""
        return self.problem is None and self.invitation is not None


def utcnow() -> dt.datetime:
    """The current time, timezone-aware in UTC."""
    return dt.datetime.now(dt.UTC)


def aware(moment: dt.datetime) -> dt.datetime:
    """``moment`` with a timezone: SQLite gives back naive datetimes, which we always stored in UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def hash_token(token: str) -> str:
    """The SHA-256 hex digest of a token, as stored."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def invitable_roles(inviter_role: str) -> tuple[str, ...]:
    """The roles an account of ``inviter_role`` may hand out: none without "invite", and never above its own."""
    if not has_permission(inviter_role, "invite"):
        return ()
    return tuple(role for role in ACCOUNT_ROLES if rank(role) <= rank(inviter_role))


def invitation_state(invitation: Invitation, *, now: dt.datetime | None = None) -> str:
    """pending, used (some uses left), used_up, expired or revoked — the first that applies, in that order."""
    if invitation.revoked_at is not None:
        return REVOKED
    if invitation.uses >= invitation.max_uses:
        return USED_UP
    if aware(invitation.expires_at) <= (now or utcnow()):
        return EXPIRED
    return USED if invitation.uses else PENDING


def _check_numbers(*, days: int, max_uses: int) -> None:
    if not 1 <= days <= MAX_DAYS:
        raise InvitationError(N_("The link must last between 1 and %(max)d days."), max=MAX_DAYS)
    if not 1 <= max_uses <= MAX_USES:
        raise InvitationError(N_("The number of uses must be between 1 and %(max)d."), max=MAX_USES)


def _check_person(session: Session, person_id: int | None) -> Person | None:
    if person_id is None:
        return None
    person = session.get(Person, person_id)
    if person is None:
        raise InvitationError(N_("There is no person number %(id)s in the tree."), id=person_id)
    if session.scalar(select(User.user_id).where(User.person_id == person_id)) is not None:
        raise InvitationError(N_("%(name)s already has an account on the site."), name=person.display_name)
    return person


def _check_email(email: str) -> str:
    address = email.strip().lower()
    if address and ("@" not in address or address.startswith("@") or address.endswith("@") or " " in address):
        raise InvitationError(N_("“%(email)s” is not a valid e-mail address."), email=email.strip())
    return address


def create_invitation(
    session: Session,
    *,
    inviter_role: str,
    created_by: int | None,
    actor: str,
    person_id: int | None = None,
    role: str = MEMBER,
    days: int = 30,
    max_uses: int = 1,
    message: str = "",
    email: str = "",
    language: str = "",
    languages: tuple[str, ...] = ("fr", "en"),
) -> NewInvitation:
    """Create an invitation and return it with its raw token (shown once, never stored)."""
    if role not in invitable_roles(inviter_role):
        raise InvitationError(N_("You may not invite someone as %(role)s."), role=role)
    _check_numbers(days=days, max_uses=max_uses)
    person = _check_person(session, person_id)
    if language and language not in languages:
        raise InvitationError(N_("Unknown language: %(language)s."), language=language)
    if len(message) > MAX_MESSAGE:
        raise InvitationError(N_("The message may have at most %(max)d characters."), max=MAX_MESSAGE)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    invitation = Invitation(
        token_hash=hash_token(token),
        created_by=created_by,
        expires_at=utcnow() + dt.timedelta(days=days),
        max_uses=max_uses,
        uses=0,
        role=role,
        person_id=person.person_id if person else None,
        message=message.strip(),
        email=_check_email(email),
        language=language,
    )
    session.add(invitation)
    session.flush()
    _record(session, "invitation_created", invitation, actor=actor, user_id=created_by, role=role, days=days)
    return NewInvitation(invitation=invitation, token=token)


def _record(
    session: Session, kind: str, invitation: Invitation, *, actor: str, user_id: int | None, **details: object
) -> None:
    session.add(
        Change(
            kind=kind,
            actor=actor[:200],
            user_id=user_id,
            person_id=invitation.person_id,
            details={"invitation_id": invitation.invitation_id, **details},
        )
    )


def find_invitation(session: Session, token: str, *, now: dt.datetime | None = None) -> Lookup:
    """The invitation a token opens, or why it cannot be used (unknown or tampered, used up, expired, revoked)."""
    if not _TOKEN_SHAPE.fullmatch(token or ""):
        return Lookup(None, UNKNOWN)
    digest = hash_token(token)
    invitation = session.scalar(select(Invitation).where(Invitation.token_hash == digest))
    # The lookup goes by hash, so its timing says nothing about the token; compare in constant time all the same.
    if invitation is None or not hmac.compare_digest(invitation.token_hash, digest):
        return Lookup(None, UNKNOWN)
    state = invitation_state(invitation, now=now)
    return Lookup(invitation, state if state in UNUSABLE else None)


def token_matches(invitation: Invitation, token: str) -> bool:
    """Whether ``token`` is the one of ``invitation`` (constant-time)."""
    return hmac.compare_digest(invitation.token_hash, hash_token(token or ""))


def get_invitation(session: Session, invitation_id: int) -> Invitation:
    """The invitation with this number, or an :class:`InvitationError`."""
    invitation = session.get(Invitation, invitation_id)
    if invitation is None:
        raise InvitationError(N_("There is no invitation number %(id)s."), id=invitation_id)
    return invitation


def revoke_invitation(
    session: Session, *, invitation_id: int, actor_role: str, actor: str, user_id: int | None
) -> Invitation:
    """Revoke an invitation so its link no longer works (people who already joined stay)."""
    invitation = get_invitation(session, invitation_id)
    if not has_permission(actor_role, "invite"):
        raise InvitationError(N_("You may not change invitations."))
    if invitation.revoked_at is not None:
        raise InvitationError(N_("This invitation is already revoked."))
    invitation.revoked_at = utcnow()
    _record(session, "invitation_revoked", invitation, actor=actor, user_id=user_id)
    return invitation


def extend_invitation(
    session: Session, *, invitation_id: int, days: int, actor_role: str, actor: str, user_id: int | None
) -> Invitation:
    """Give an invitation ``days`` more days, counted from its expiry (or from now, if it has expired)."""
    invitation = get_invitation(session, invitation_id)
    if invitation.role not in invitable_roles(actor_role):
        raise InvitationError(N_("You may not change an invitation as %(role)s."), role=invitation.role)
    if invitation.revoked_at is not None:
        raise InvitationError(N_("A revoked invitation cannot be extended; create a new one."))
    if invitation.uses >= invitation.max_uses:
        raise InvitationError(N_("This invitation is used up; create a new one."))
    _check_numbers(days=days, max_uses=invitation.max_uses)
    old = aware(invitation.expires_at)
    invitation.expires_at = max(old, utcnow()) + dt.timedelta(days=days)
    _record(
        session,
        "invitation_extended",
        invitation,
        actor=actor,
        user_id=user_id,
        old=old.isoformat(),
        new=invitation.expires_at.isoformat(),
    )
    return invitation


def record_sending(
    session: Session, *, invitation: Invitation, email: str, language: str, actor: str, user_id: int | None
) -> str:
    """Check that the invitation may still be sent to ``email``, remember the address, record it; the address."""
    if invitation_state(invitation) in UNUSABLE:
        raise InvitationError(N_("This invitation can no longer be used, so it was not sent."))
    address = _check_email(email)
    if not address:
        raise InvitationError(N_("Please give an e-mail address."))
    invitation.email, invitation.language = address, language or invitation.language
    _record(session, "invitation_sent", invitation, actor=actor, user_id=user_id, email=address, language=language)
    return address
