"""Password resets by e-mail link: random single-use tokens, stored only as SHA-256 hashes, that expire.

The link carries ``secrets.token_urlsafe(32)`` (256 bits); the database keeps its hash, so a copy of the database
opens no account. Asking for a reset answers the same whether or not the address has an account: the caller shows
one page either way, and the mail (when there is one) is the only difference, seen only by the address's owner.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import secrets
from enum import StrEnum

from flask import current_app, has_request_context, request, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from famille.auth.services import find_user, set_password
from famille.mail import MailError, send_mail
from famille.models import Change, PasswordReset, User

log = logging.getLogger(__name__)

TOKEN_BYTES = 32
#: At most this many unused links per account at once, so nobody can flood a relative's inbox.
MAX_OPEN_RESETS = 3


class ResetState(StrEnum):
    """What a reset link is worth."""

    VALID = "valid"
    UNKNOWN = "unknown"
    USED = "used"
    EXPIRED = "expired"


class ResetError(ValueError):
    """A reset link that cannot be used, and why (:class:`ResetState`)."""

    def __init__(self, state: ResetState) -> None:
        self.state = state
        super().__init__(state.value)


def hash_token(token: str) -> str:
    """The SHA-256 hex digest stored in place of the token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _aware(moment: dt.datetime) -> dt.datetime:
    """SQLite gives back naive datetimes; every moment we store is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _open_resets(session: Session, user: User) -> int:
    query = select(func.count()).select_from(PasswordReset)
    query = query.where(PasswordReset.user_id == user.user_id, PasswordReset.used_at.is_(None))
    return session.scalar(query.where(PasswordReset.expires_at > _now())) or 0


def request_reset(session: Session, *, email: str, hours: int) -> tuple[User, str] | None:
    """A new reset token for the active account with this address, or None (unknown, inactive or flooded)."""
    user = find_user(session, email)
    if user is None or not user.is_active or _open_resets(session, user) >= MAX_OPEN_RESETS:
        return None
    token = secrets.token_urlsafe(TOKEN_BYTES)
    expires_at = _now() + dt.timedelta(hours=hours)
    session.add(PasswordReset(token_hash=hash_token(token), user_id=user.user_id, expires_at=expires_at))
    session.add(Change(kind="password_reset_requested", user_id=user.user_id, actor=user.email, details={}))
    session.flush()
    return user, token


def find_reset(session: Session, *, token: str) -> tuple[ResetState, PasswordReset | None]:
    """The reset row this token opens and its state; a token of the wrong shape is simply unknown."""
    if not token or len(token) > 200:
        return ResetState.UNKNOWN, None
    digest = hash_token(token)
    reset = session.scalar(select(PasswordReset).where(PasswordReset.token_hash == digest))
    # The lookup is by hash; comparing the digests again in constant time costs nothing and keeps it honest.
    if reset is None or not hmac.compare_digest(reset.token_hash, digest):
        return ResetState.UNKNOWN, None
    user = session.get(User, reset.user_id)
    if user is None or not user.is_active:
        return ResetState.UNKNOWN, None
    if reset.used_at is not None:
        return ResetState.USED, reset
    if _aware(reset.expires_at) <= _now():
        return ResetState.EXPIRED, reset
    return ResetState.VALID, reset


def complete_reset(session: Session, *, token: str, password: str) -> User:
    """Set a new password through a reset link; the link and every other open link of the account are spent.

    Raises :class:`ResetError` for a link that cannot be used and ``AccountError`` for a weak password.
    """
    state, reset = find_reset(session, token=token)
    if state is not ResetState.VALID or reset is None:
        raise ResetError(state)
    user = session.get(User, reset.user_id)
    assert user is not None  # find_reset checked it
    set_password(session, user=user, new=password)
    now = _now()
    session.execute(
        update(PasswordReset)
        .where(PasswordReset.user_id == user.user_id, PasswordReset.used_at.is_(None))
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    reset.used_at = now
    session.flush()
    return user


def absolute_url(endpoint: str, **values: object) -> str:
    """A full link to ``endpoint``: under ``SITE_URL`` when the site sets one, else from the request's host."""
    site_url = str(current_app.config.get("SITE_URL") or "").rstrip("/")
    if not site_url:
        return url_for(endpoint, _external=True, **values)
    path = url_for(endpoint, **values)
    root = request.script_root if has_request_context() else ""
    # SITE_URL already holds the path the site is served under; do not repeat it.
    if root and path.startswith(root):
        path = path[len(root) :]
    return site_url + path


def send_reset_mail(*, user: User, token: str, hours: int) -> bool:
    """Mail the reset link in the user's language (else the page's); False when the server refused it."""
    locale = user.locale or str(get_locale() or current_app.config["DEFAULT_LOCALE"])
    try:
        send_mail(
            to=user.email,
            # Lazy: send_mail renders it inside the recipient's language.
            subject=_l("Reset your password on %(family)s", family=current_app.config["FAMILY_NAME"]),
            template="reset_password",
            locale=locale,
            name=user.display_name or user.email,
            link=absolute_url("auth.reset_password", token=token),
            hours=hours,
        )
    except MailError:
        # The page must not tell the visitor whether a mail was due, so the failure goes to the log only.
        log.exception("could not send the password-reset mail")
        return False
    return True
