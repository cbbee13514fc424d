"""The account page (/account): see one's account, change name, language, password and e-mail, or leave.

Every change is its own POST form. A refused form is shown again inside the whole page, keeping what was typed
(never a password), with the message beside the field it concerns.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _
from flask_login import current_user, logout_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import Field

from famille.account import services
from famille.account.forms import DeleteForm, EmailForm, LanguageForm, NameForm, PasswordForm
from famille.auth import services as accounts
from famille.auth.access import requires
from famille.auth.views import log_in_user
from famille.db import get_session
from famille.i18n import LANG_SESSION_KEY
from famille.models import User

bp = Blueprint("account", __name__, url_prefix="/account")

#: Every page here is for someone logged in; each account role holds this permission.
OWN_ACCOUNT = "edit_own"


def _own_user() -> User:
    user = get_session().get(User, current_user.user_id)
    if user is None:  # deleted in another tab between the session check and now
        abort(404)
    return user


def _languages() -> tuple[str, ...]:
    return tuple(current_app.config["LANGUAGES"])


def _page(**bound: FlaskForm) -> str:
    """The account page; ``bound`` holds the form that was just refused, the others start afresh."""
    user = _own_user()
    overview = services.account_overview(get_session(), user_id=user.user_id)
    locale = user.locale or str(get_locale() or current_app.config["DEFAULT_LOCALE"])
    forms: dict[str, Any] = {
        "name_form": NameForm(formdata=None, display_name=user.display_name),
        "language_form": LanguageForm(formdata=None, locale=locale).with_languages(_languages()),
        "password_form": PasswordForm(formdata=None),
        "email_form": EmailForm(formdata=None),
    }
    forms.update(bound)
    return render_template(
        "account/settings.html",
        account=overview,
        min_length=accounts.MIN_PASSWORD_LENGTH,
        **forms,
    )


def _refuse(field: Field, error: accounts.AccountError) -> None:
    field.errors = [*field.errors, _(error.template) % error.params]


@bp.get("")
@requires(OWN_ACCOUNT)
def settings() -> str:
    """The account: e-mail, name, role, linked person, language, and a form for each change."""
    return _page()


@bp.post("/name")
@requires(OWN_ACCOUNT)
def change_name() -> str | Response:
    """Change the name the site shows."""
    form = NameForm()
    if form.validate_on_submit():
        try:
            accounts.change_display_name(get_session(), user=_own_user(), display_name=form.display_name.data or "")
        except accounts.AccountError as error:
            _refuse(form.display_name, error)
        else:
            get_session().commit()
            flash(_("Your name is saved."), "info")
            return redirect(url_for(".settings"))
    return _page(name_form=form)


@bp.post("/language")
@requires(OWN_ACCOUNT)
def change_language() -> str | Response:
    """Choose the language of the pages and of the site's e-mail; it applies at once."""
    form = LanguageForm().with_languages(_languages())
    if not form.validate_on_submit():
        return _page(language_form=form)
    code = form.locale.data or ""
    accounts.set_locale(get_session(), user=_own_user(), locale=code, languages=_languages())
    get_session().commit()
    session[LANG_SESSION_KEY] = code
    with force_locale(code):
        flash(_("The site now speaks your language."), "info")
    return redirect(url_for(".settings"))


@bp.post("/password")
@requires(OWN_ACCOUNT)
def change_password() -> str | Response:
    """Change the password; every other session of the account ends, this one goes on."""
    form = PasswordForm()
    if form.validate_on_submit():
        user = _own_user()
        try:
            accounts.change_password(
                get_session(), user=user, current=form.current_password.data or "", new=form.new_password.data or ""
            )
        except accounts.AccountError as error:
            wrong_current = error.template == accounts.WRONG_PASSWORD
            _refuse(form.current_password if wrong_current else form.new_password, error)
        else:
            get_session().commit()
            log_in_user(user, remember=_remembered())
            flash(_("Your password is changed. Other devices where you were logged in are now logged out."), "info")
            return redirect(url_for(".settings"))
    return _page(password_form=form)


def _remembered() -> bool:
    """Whether this browser had "remember me", so the new session keeps it."""
    return bool(request.cookies.get(current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")))


@bp.post("/email")
@requires(OWN_ACCOUNT)
def change_email() -> str | Response:
    """Change the e-mail address, after the password."""
    form = EmailForm()
    if form.validate_on_submit():
        try:
            accounts.change_email(
                get_session(),
                user=_own_user(),
                password=form.email_password.data or "",
                new_email=form.new_email.data or "",
            )
        except accounts.AccountError as error:
            wrong_password = error.template == accounts.WRONG_PASSWORD
            _refuse(form.email_password if wrong_password else form.new_email, error)
        else:
            get_session().commit()
            flash(_("Your e-mail address is changed. Use the new one to log in."), "info")
            return redirect(url_for(".settings"))
    return _page(email_form=form)


@bp.route("/delete", methods=["GET", "POST"])
@requires(OWN_ACCOUNT)
def delete() -> str | Response:
    """Confirm with the password, then delete the account; the person in the tree stays."""
    form = DeleteForm()
    if form.validate_on_submit():
        try:
            accounts.delete_own_account(get_session(), user=_own_user(), password=form.delete_password.data or "")
        except accounts.AccountError as error:
            _refuse(form.delete_password, error)
        else:
            get_session().commit()
            logout_user()
            flash(_("Your account is deleted. Your place in the family tree stays."), "info")
            return redirect(url_for("site.home"))
    overview = services.account_overview(get_session(), user_id=current_user.user_id)
    return render_template("account/delete.html", form=form, account=overview)
