"""Who is asking: the logged-in account (Flask-Login), its permissions, and the one access decorator."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar

from flask import Flask, abort, redirect, request, url_for
from flask_login import AnonymousUserMixin, LoginManager, current_user

from famille.auth.roles import VISITOR, has_permission
from famille.db import get_session
from famille.models import User
from famille.privacy import Viewer

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True, slots=True)
class Account:
    """The logged-in account as the request sees it (a detached copy of the row's essentials)."""

    user_id: int
    email: str
    display_name: str
    role: str
    person_id: int | None
    session_version: int
    locale: str

    is_authenticated = True
    is_active = True
    is_anonymous = False

    def get_id(self) -> str:
        """The session's identifier: changing the password bumps the version and ends other sessions."""
        return f"{self.user_id}.{self.session_version}"

    def can(self, permission: str) -> bool:
        """Whether this account's role holds ``permission``."""
        return has_permission(self.role, permission)


class Anonymous(AnonymousUserMixin):
    """A visitor: not logged in."""

    role = VISITOR
    user_id = None
    person_id = None
    display_name = ""

    def can(self, permission: str) -> bool:
        """Whether a visitor holds ``permission``."""
        return has_permission(VISITOR, permission)


def account_of(user: User) -> Account:
    """The request-side copy of a user row."""
    return Account(
        user_id=user.user_id,
        email=user.email,
        display_name=user.display_name,
        role=user.role,
        person_id=user.person_id,
        session_version=user.session_version,
        locale=user.locale,
    )


def _load_account(session_id: str) -> Account | None:
    user_id, _, version = session_id.partition(".")
    if not user_id.isdigit() or not version.isdigit():
        return None
    user = get_session().get(User, int(user_id))
    if user is None or not user.is_active or user.session_version != int(version):
        return None
    return account_of(user)


def current_viewer() -> Viewer:
    """What privacy.py needs to know of whoever makes the request."""
    if not current_user.is_authenticated:
        return Viewer()
    return Viewer(role=current_user.role, user_id=current_user.user_id, person_id=current_user.person_id)


def requires(permission: str) -> Callable[[F], F]:
    """Let the view run only for those who hold ``permission``: visitors go to log in, others get a 403."""

    def decorate(view: F) -> F:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            if current_user.can(permission):
                return view(*args, **kwargs)
            if not current_user.is_authenticated:
                return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
            abort(403)

        return guarded  # type: ignore[return-value]

    return decorate


def init_app(app: Flask) -> None:
    """Set up Flask-Login: sessions, "remember me" cookies, the anonymous visitor."""
    manager = LoginManager(app)
    manager.user_loader(_load_account)
    manager.anonymous_user = Anonymous
    manager.login_view = "auth.login"
    manager.session_protection = "basic"
    app.jinja_env.globals["current_viewer"] = current_viewer
