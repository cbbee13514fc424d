"""Accounts: creating them, checking passwords, changing e-mail and password, deleting an account.

Passwords are hashed with Werkzeug's scrypt; e-mail addresses are compared lower-cased.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from famille.auth.roles import ACCOUNT_ROLES, ADMIN, MEMBER
from famille.markers import N_
from famille.models import Change, Claim, User

MIN_PASSWORD_LENGTH = 10
#: The refusal of a wrong current password; forms compare against it to put the message beside the right field.
WRONG_PASSWORD = N_("The current password is not right.")
# A hash to compare against when the e-mail is unknown, so a wrong address takes as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not a real password")


class AccountError(ValueError):
    """Why an account could not be created or changed (an English template; the web layer translates it)."""

    def __init__(self, template: str, **params: object) -> None:
        self.template, self.params = template, params
        super().__init__(template % params)


def normalize_email(email: str) -> str:
    """The address as stored and compared: trimmed and lower-cased."""
    return email.strip().lower()


def check_new_password(password: str) -> None:
    """Refuse a password too short to be safe."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(N_("The password must have at least %(count)d characters."), count=MIN_PASSWORD_LENGTH)


def find_user(session: Session, email: str) -> User | None:
    """The account with this e-mail address, if any."""
    return session.scalar(select(User).where(User.email == normalize_email(email)))


def create_user(
    session: Session, *, email: str, password: str, display_name: str = "", role: str = MEMBER, locale: str = ""
) -> User:
    """Create an account; refuses a malformed or taken address, a weak password or an unknown role."""
    address = normalize_email(email)
    if "@" not in address or address.startswith("@") or address.endswith("@") or " " in address:
        raise AccountError(N_("“%(email)s” is not a valid e-mail address."), email=email.strip())
    if find_user(session, address) is not None:
        raise AccountError(N_("An account already uses this e-mail address."))
    if role not in ACCOUNT_ROLES:
        raise AccountError(N_("Unknown role: %(role)s."), role=role)
    check_new_password(password)
    user = User(
        email=address,
        password_hash=generate_password_hash(password),
        display_name=display_name.strip()[:200],
        role=role,
        locale=locale,
    )
    session.add(user)
    session.flush()
    session.add(Change(kind="account_created", user_id=user.user_id, actor=address, details={"role": role}))
    return user


def authenticate(session: Session, *, email: str, password: str) -> User | None:
    """The account these credentials open, or None (in about the same time whether or not the e-mail exists)."""
    user = find_user(session, email)
    if user is None or not user.is_active:
        check_password_hash(_DUMMY_HASH, password)
        return None
    if not check_password_hash(user.password_hash, password):
        return None
    user.previous_visit_at = user.last_seen_at or user.last_login_at
    user.last_login_at = dt.datetime.now(dt.UTC)
    return user


def change_password(session: Session, *, user: User, current: str, new: str) -> None:
    """Change the password after checking the current one; other sessions of this account end."""
    if not check_password_hash(user.password_hash, current):
        raise AccountError(WRONG_PASSWORD)
    set_password(session, user=user, new=new)


def set_password(session: Session, *, user: User, new: str) -> None:
    """Set a new password (after a reset) and end every other session of this account."""
    check_new_password(new)
    user.password_hash = generate_password_hash(new)
    user.session_version += 1
    session.add(Change(kind="password_changed", user_id=user.user_id, actor=user.email, details={}))


def change_email(session: Session, *, user: User, password: str, new_email: str) -> None:
    """Change the account's e-mail address, after checking the password."""
    if not check_password_hash(user.password_hash, password):
        raise AccountError(WRONG_PASSWORD)
    address = normalize_email(new_email)
    if "@" not in address or " " in address:
        raise AccountError(N_("“%(email)s” is not a valid e-mail address."), email=new_email.strip())
    other = find_user(session, address)
    if other is not None and other.user_id != user.user_id:
        raise AccountError(N_("An account already uses this e-mail address."))
    old = user.email
    user.email = address
    session.add(Change(kind="email_changed", user_id=user.user_id, actor=address, details={"old": old, "new": address}))


def delete_account(session: Session, *, user: User) -> None:
    """Delete the account, its claims and its settings; the person in the tree stays."""
    session.add(Change(kind="account_deleted", user_id=None, actor=user.email, person_id=user.person_id, details={}))
    session.execute(delete(Claim).where(Claim.user_id == user.user_id))
    session.delete(user)


def change_display_name(session: Session, *, user: User, display_name: str) -> None:
    """Change the name the site shows for this account (empty: the e-mail address is shown)."""
    name = " ".join(display_name.split())
    if len(name) > 200:
        raise AccountError(N_("The name can have at most %(count)d characters."), count=200)
    old, user.display_name = user.display_name, name
    session.add(Change(kind="name_changed", user_id=user.user_id, actor=user.email, details={"old": old, "new": name}))


def set_locale(session: Session, *, user: User, locale: str, languages: tuple[str, ...]) -> None:
    """Remember the account's language (pages after log-in, and the e-mail the site sends)."""
    if locale not in languages:
        raise AccountError(N_("Unknown language: %(code)s."), code=locale)
    user.locale = locale


def delete_own_account(session: Session, *, user: User, password: str) -> None:
    """Delete one's own account after checking the password; the site's last admin cannot leave."""
    if not check_password_hash(user.password_hash, password):
        raise AccountError(WRONG_PASSWORD)
    if user.role == ADMIN and count_admins(session) <= 1:
        raise AccountError(N_("You are the site's only admin: give the admin role to someone else first."))
    delete_account(session, user=user)


def count_admins(session: Session) -> int:
    """How many admin accounts the site has."""
    return session.scalar(select(func.count()).select_from(User).where(User.role == ADMIN)) or 0
