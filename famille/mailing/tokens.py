"""Signed links carried by e-mail: unsubscribe from one kind of mail, and "my profile links are still right".

They work without logging in (a mail client cannot log in), so the link itself is the proof: it is signed with the
site's secret key (itsdangerous) and names the account and, for unsubscribing, the kind of mail. Nothing is stored.
An unsubscribe link never expires (RFC 8058 asks it to keep working); a "still right" link does, after
:data:`STILL_RIGHT_DAYS`, so an old digest found a year later cannot vouch for links it never showed.
"""

from __future__ import annotations

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

#: The kinds of mail a member can stop: the digest of what changed, and birthday and anniversary reminders.
DIGEST, REMINDER = "digest", "reminder"
MAIL_KINDS: tuple[str, ...] = (DIGEST, REMINDER)
STILL_RIGHT_DAYS = 60

#: Account numbers are database integers: anything outside 1..2**31-1 is no account (and must never reach a query,
#: where PostgreSQL or SQLite would fail on it rather than find nothing).
MAX_USER_ID = 2**31 - 1

_UNSUBSCRIBE_SALT = "famille.mail.unsubscribe"
_STILL_RIGHT_SALT = "famille.mail.still-right"


def _serializer(salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt)


def _account_id(value: object) -> int | None:
    """``value`` when it can be an account's number, else None (a bool is not a number here)."""
    return value if type(value) is int and 0 < value <= MAX_USER_ID else None


def unsubscribe_token(user_id: int, kind: str) -> str:
    """The token of the link that stops ``kind`` of mail for this account."""
    return _serializer(_UNSUBSCRIBE_SALT).dumps([user_id, kind])


def read_unsubscribe_token(token: str) -> tuple[int, str] | None:
    """(user id, kind) of a genuine unsubscribe token; None for anything forged, damaged or odd."""
    try:
        payload = _serializer(_UNSUBSCRIBE_SALT).loads(token)
    except BadSignature:
        return None
    if not isinstance(payload, list) or len(payload) != 2:
        return None
    user_id, kind = _account_id(payload[0]), payload[1]
    if user_id is None or kind not in MAIL_KINDS:
        return None
    return user_id, kind


def still_right_token(user_id: int) -> str:
    """The token of the "my links are still right" link for this account."""
    return _serializer(_STILL_RIGHT_SALT).dumps(user_id)


def read_still_right_token(token: str) -> int | None:
    """The account of a genuine, recent "still right" token; None when forged, damaged or too old."""
    try:
        user_id = _serializer(_STILL_RIGHT_SALT).loads(token, max_age=STILL_RIGHT_DAYS * 86400)
    except BadSignature:  # SignatureExpired is a BadSignature too
        return None
    return _account_id(user_id)
