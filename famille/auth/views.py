"""Logging in and out."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_user, logout_user
from werkzeug.wrappers import Response

from famille.auth import services
from famille.auth.access import account_of
from famille.auth.forms import LoginForm, LogoutForm
from famille.db import get_session
from famille.security import AUTH_LIMIT, limiter, safe_next

bp = Blueprint("auth", __name__)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(AUTH_LIMIT, methods=["POST"])
def login() -> str | Response:
    """The log-in form; on success, back to where the visitor was going."""
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        db = get_session()
        user = services.authenticate(db, email=form.email.data or "", password=form.password.data or "")
        if user is not None:
            db.commit()
            login_user(account_of(user), remember=bool(form.remember.data))
            return redirect(safe_next(form.next.data))
        form.password.errors.append(_("This e-mail address and password do not match an account."))
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
def logout() -> Response:
    """Log out (a POST with a CSRF token) and go back to the home page."""
    form = LogoutForm()
    if form.validate_on_submit():
        logout_user()
        flash(_("You are logged out."), "info")
    return redirect(url_for("site.home"))
