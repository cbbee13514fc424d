"""Logging in and out, and resetting a forgotten password by e-mail link."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import login_user, logout_user
from werkzeug.wrappers import Response

from famille.auth import resets, services
from famille.auth.access import account_of
from famille.auth.forms import ForgotPasswordForm, LoginForm, LogoutForm, ResetPasswordForm
from famille.db import get_session
from famille.i18n import LANG_SESSION_KEY
from famille.mail import mail_enabled
from famille.models import User
from famille.security import AUTH_LIMIT, limiter, safe_next

bp = Blueprint("auth", __name__)


def log_in_user(user: User, *, remember: bool = False) -> None:
    """Start a session for ``user`` and switch the pages to the language the account chose."""
    login_user(account_of(user), remember=remember)
    if user.locale in current_app.config["LANGUAGES"]:
        session[LANG_SESSION_KEY] = user.locale


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
            log_in_user(user, remember=bool(form.remember.data))
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


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit(AUTH_LIMIT, methods=["POST"])
def forgot_password() -> str:
    """Ask for a reset link; the answer is the same whether or not the address has an account."""
    if not mail_enabled():
        return render_template("auth/forgot_password.html", form=None)
    form = ForgotPasswordForm()
    if not form.validate_on_submit():
        return render_template("auth/forgot_password.html", form=form)
    hours = int(current_app.config["RESET_HOURS"])
    db = get_session()
    found = resets.request_reset(db, email=form.email.data or "", hours=hours)
    db.commit()
    if found is not None:
        user, token = found
        resets.send_reset_mail(user=user, token=token, hours=hours)
    return render_template("auth/forgot_password_sent.html", email=form.email.data, hours=hours)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
@limiter.limit(AUTH_LIMIT)
def reset_password(token: str) -> str | tuple[str, int] | Response:
    """Choose a new password through a reset link; other sessions end and this one is logged in."""
    db = get_session()
    state, _reset = resets.find_reset(db, token=token)
    form = ResetPasswordForm()
    if state is resets.ResetState.VALID and form.validate_on_submit():
        try:
            user = resets.complete_reset(db, token=token, password=form.password.data or "")
        except services.AccountError as error:
            form.password.errors.append(_(error.template) % error.params)
        except resets.ResetError as error:  # spent by another tab between the two queries
            state = error.state
        else:
            db.commit()
            log_in_user(user)
            flash(_("Your new password is saved, and you are logged in."), "info")
            return redirect(url_for("site.home"))
    if state is not resets.ResetState.VALID:
        return render_template("auth/reset_invalid.html", state=state.value), 404 if state == "unknown" else 410
    return render_template("auth/reset_password.html", form=form, min_length=services.MIN_PASSWORD_LENGTH)
