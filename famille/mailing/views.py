"""Pages of the site's e-mail: the member's settings, and the pages that e-mail links open.

``/account/email`` is the member's choice of digest and reminders. The unsubscribe and "still right" links work
without logging in: their signed token is the proof (see :mod:`famille.mailing.tokens`). Opening one (GET) only
shows a button, because mail scanners open every link; the button POSTs with its CSRF token. The unsubscribe
address also takes RFC 8058's one-click POST (body ``List-Unsubscribe=One-Click``), which mail programs send
without any page or cookie: that one POST, on that one endpoint, is the only one spared the CSRF check.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from famille.auth.access import requires
from famille.db import get_session
from famille.mailing import services
from famille.mailing.forms import ConfirmForm, MailSettingsForm
from famille.mailing.tokens import read_still_right_token, read_unsubscribe_token
from famille.models import User
from famille.security import csrf

bp = Blueprint("mailing", __name__)

#: The body RFC 8058 mail programs POST to the List-Unsubscribe address.
ONE_CLICK = ("List-Unsubscribe", "One-Click")


def _me() -> User:
    user = get_session().get(User, current_user.user_id)
    if user is None:  # deleted in another tab between the session check and now
        abort(404)
    return user


def _settings_page(user: User, form: MailSettingsForm) -> str:
    return render_template("mailing/settings.html", form=form, linked=user.person_id is not None)


@bp.get("/account/email")
@requires("edit_own")
def settings() -> str:
    """The member's digest and reminder choices."""
    user = _me()
    form = MailSettingsForm(
        formdata=None,
        digest_frequency=user.digest_frequency,
        reminders_enabled=bool(user.reminders_enabled),
        reminder_degree=user.reminder_degree,
    )
    return _settings_page(user, form)


@bp.post("/account/email/settings")
@requires("edit_own")
def save_settings() -> str | Response:
    """Save the digest and reminder choices; a refused form comes back with what was chosen."""
    user, form = _me(), MailSettingsForm()
    if not form.validate_on_submit():
        return _settings_page(user, form)
    chosen = services.MailSettings(
        form.digest_frequency.data, bool(form.reminders_enabled.data), form.reminder_degree.data
    )
    services.save_mail_settings(get_session(), user=user, settings=chosen)
    get_session().commit()
    flash(_("Your e-mail choices are saved."), "info")
    return redirect(url_for(".settings"))


def _invalid_link() -> tuple[str, int]:
    return render_template("mailing/invalid_link.html"), 404


@bp.route("/mail/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt
def unsubscribe(token: str) -> str | tuple[str, int]:
    """Stop one kind of mail: a confirm button, or at once for a mail program's one-click POST."""
    found = read_unsubscribe_token(token)
    if found is None or get_session().get(User, found[0]) is None:
        return _invalid_link()
    user_id, kind = found
    form = ConfirmForm()
    if request.method == "POST":
        if request.form.get(ONE_CLICK[0]) != ONE_CLICK[1]:
            csrf.protect()  # a person's POST from our page: the usual CSRF check (400 without the token)
        services.unsubscribe(get_session(), user_id=user_id, kind=kind)
        get_session().commit()
        return render_template("mailing/unsubscribed.html", kind=kind)
    return render_template("mailing/unsubscribe.html", form=form, kind=kind)


@bp.route("/mail/still-right/<token>", methods=["GET", "POST"])
def still_right(token: str) -> str | tuple[str, int]:
    """The member says their profile links are still right (a button, then a thank-you with a link to edit them)."""
    user_id = read_still_right_token(token)
    user = get_session().get(User, user_id) if user_id is not None else None
    if user is None:
        return _invalid_link()
    form = ConfirmForm()
    if form.validate_on_submit():
        services.confirm_links(get_session(), user_id=user.user_id)
        get_session().commit()
        return render_template("mailing/still_right.html", done=True, person_id=user.person_id, form=form)
    return render_template("mailing/still_right.html", done=False, person_id=user.person_id, form=form)
