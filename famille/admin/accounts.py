"""The accounts page: every account with its role and person, role changes, deactivation and reactivation.

The site always keeps at least one active admin: the last one can be neither demoted nor deactivated.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from famille.admin.services import AdminError
from famille.auth.roles import ACCOUNT_ROLES, ADMIN
from famille.markers import N_
from famille.models import Change, Person, User

LAST_ADMIN = N_("This is the site's last administrator: make someone else an administrator first.")
NO_SUCH_ACCOUNT = N_("This account does not exist (any more).")
NOT_YOURSELF = N_("You cannot deactivate your own account.")
UNKNOWN_ROLE = N_("Unknown role: %(role)s.")


@dataclass(frozen=True, slots=True)
class AccountRow:
    """One line of the accounts page."""

    user_id: int
    email: str
    display_name: str
    role: str
    is_active: bool
    person_id: int | None
    person_name: str
    last_login_at: datetime | None


def list_accounts(session: Session) -> list[AccountRow]:
    """Every account with the name of its person, in one query (active accounts first, then by name)."""
    rows = session.execute(
        select(User, Person.given_name, Person.surname)
        .outerjoin(Person, Person.person_id == User.person_id)
        .order_by(User.is_active.desc(), func.lower(User.display_name), User.email)
    )
    return [
        AccountRow(
            user_id=user.user_id,
            email=user.email,
            display_name=user.display_name,
            role=user.role,
            is_active=user.is_active,
            person_id=user.person_id,
            person_name=" ".join(part for part in (given or "", surname or "") if part),
            last_login_at=user.last_login_at,
        )
        for user, given, surname in rows
    ]


def _account(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise AdminError(NO_SUCH_ACCOUNT)
    return user


def _keep_an_admin(session: Session, *, leaving: User) -> None:
    """Refuse to let the last active admin go; the admin rows stay locked until the commit (PostgreSQL)."""
    admins = session.scalars(
        select(User.user_id).where(User.role == ADMIN, User.is_active.is_(True)).with_for_update()
    ).all()
    if not set(admins) - {leaving.user_id}:
        raise AdminError(LAST_ADMIN)


def change_role(session: Session, *, user_id: int, role: str, actor: str, actor_id: int | None) -> bool:
    """Give the account ``role``; returns whether anything changed."""
    if role not in ACCOUNT_ROLES:
        raise AdminError(UNKNOWN_ROLE, role=role)
    user = _account(session, user_id)
    if user.role == role:
        return False
    if user.role == ADMIN and user.is_active:
        _keep_an_admin(session, leaving=user)
    old, user.role = user.role, role
    session.add(
        Change(
            kind="role_changed",
            user_id=user.user_id,
            actor=actor[:200],
            details={"old": old, "new": role, "by": actor_id},
        )
    )
    session.flush()
    return True


def set_active(session: Session, *, user_id: int, active: bool, actor: str, actor_id: int | None) -> bool:
    """Deactivate (log out everywhere, no more log-in) or reactivate an account; returns whether it changed."""
    user = _account(session, user_id)
    if not active and user.user_id == actor_id:
        raise AdminError(NOT_YOURSELF)
    if user.is_active == active:
        return False
    if not active and user.role == ADMIN:
        _keep_an_admin(session, leaving=user)
    user.is_active = active
    user.session_version += 1  # sessions and "remember me" cookies from before do not come back
    kind = "account_reactivated" if active else "account_deactivated"
    session.add(Change(kind=kind, user_id=user.user_id, actor=actor[:200], details={"by": actor_id}))
    session.flush()
    return True
