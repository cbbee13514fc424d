"""Members' secret feed addresses: made, remade, revoked, and looked up from the token a feed reader sends.

The token is ``secrets.token_urlsafe(32)`` (256 bits), shown to the member once; the database keeps only its
SHA-256, so a copy of the database gives no working address. One address per member and kind; making it again
replaces the old one, which stops working at once. An address of an account that is deactivated leads nowhere.
"""

from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from famille.invitations.services import aware, hash_token, utcnow
from famille.models import Change, FeedToken, User
from famille.privacy import Viewer

#: The kinds of feed: the family feed (Atom) and the calendar of birthdays and anniversaries (ICS).
ATOM, ICS = "atom", "ics"
FEED_KINDS: tuple[str, ...] = (ATOM, ICS)
TOKEN_BYTES = 32
#: A token's "last used" time is written at most this often (feed readers poll every few minutes).
USE_RECORD_EVERY = dt.timedelta(hours=1)


def feed_tokens(session: Session, *, user_id: int) -> dict[str, FeedToken]:
    """The member's feed addresses that exist, by kind (their tokens are not known any more, only hashes)."""
    rows = session.scalars(select(FeedToken).where(FeedToken.user_id == user_id))
    return {row.kind: row for row in rows if row.kind in FEED_KINDS}


def issue_token(session: Session, *, user: User, kind: str) -> str:
    """Make the member's address of ``kind`` (or a new one in place of the old) and return its token."""
    if kind not in FEED_KINDS:
        raise ValueError(f"unknown feed kind {kind!r}")
    token = secrets.token_urlsafe(TOKEN_BYTES)
    row = feed_tokens(session, user_id=user.user_id).get(kind)
    renewed = row is not None
    if row is None:
        row = FeedToken(user_id=user.user_id, kind=kind)
        session.add(row)
    row.token_hash, row.created_at, row.last_used_at = hash_token(token), utcnow(), None
    change = "feed_address_renewed" if renewed else "feed_address_created"
    session.add(Change(kind=change, user_id=user.user_id, actor=user.email, details={"feed": kind}))
    session.flush()
    return token


def revoke_token(session: Session, *, user: User, kind: str) -> bool:
    """Delete the member's address of ``kind``; False when there was none."""
    row = feed_tokens(session, user_id=user.user_id).get(kind)
    if row is None:
        return False
    session.delete(row)
    session.add(Change(kind="feed_address_revoked", user_id=user.user_id, actor=user.email, details={"feed": kind}))
    session.flush()
    return True


def reader_of(session: Session, *, token: str, kind: str) -> User | None:
    """The active account whose address of ``kind`` carries ``token``; None for anything else."""
    if kind not in FEED_KINDS or not token or len(token) > 200:
        return None
    row = session.scalar(select(FeedToken).where(FeedToken.token_hash == hash_token(token), FeedToken.kind == kind))
    if row is None:
        return None
    user = session.get(User, row.user_id)
    if user is None or not user.is_active:
        return None
    now = utcnow()
    if row.last_used_at is None or aware(row.last_used_at) < now - USE_RECORD_EVERY:
        row.last_used_at = now
    return user


def viewer_of(user: User) -> Viewer:
    """What privacy.py needs to know of the member reading their feed (as current_viewer builds it on pages)."""
    return Viewer(role=user.role, user_id=user.user_id, person_id=user.person_id)
