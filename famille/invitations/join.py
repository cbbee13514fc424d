"""The pages an invitation link opens (public: the token is the key): welcome, join, log in and join, the card.

Every endpoint here is named ``accept…`` so that famille/security.py sends ``Referrer-Policy: no-referrer`` and
the token in the address never leaks to another site; none of these pages may be cached either.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import current_app, flash, redirect, render_template, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_user
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response

from famille.admin import family_name
from famille.auth.access import account_of
from famille.auth.roles import MEMBER
from famille.auth.services import AccountError
from famille.db import get_session
from famille.i18n import LANG_SESSION_KEY
from famille.invitations import joining, messages, services
from famille.invitations.forms import JoinForm, JoinLoginForm, RegisterForm, language_choices
from famille.invitations.qr import qr_svg
from famille.invitations.services import InvitationError, Lookup
from famille.invitations.views import bp, translated
from famille.invitations.welcome import close_family, you_are
from famille.models import Invitation
from famille.privacy import Viewer
from famille.security import AUTH_LIMIT, limiter

#: One budget for every POST that accepts an invitation, so that spreading guesses over the forms gains nothing.
_ACCEPT_LIMIT = limiter.shared_limit(AUTH_LIMIT, scope="invitations.accept", methods=["POST"])

#: The friendly page's HTTP status for each reason a link cannot be used.
_STATUS = {services.UNKNOWN: 404, services.USED_UP: 410, services.EXPIRED: 410, services.REVOKED: 410}


def _page(template: str, status: int = 200, **context: object) -> Response:
    response = Response(render_template(template, **context), status=status, mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    return response


def _unusable(found: Lookup) -> Response:
    """Say why the link does not work and whom to ask for a new one."""
    inviter = messages.inviter_name(get_session(), found.invitation) if found.invitation else ""
    return _page(
        "invitations/unusable.html", _STATUS[found.problem or services.UNKNOWN], problem=found.problem, inviter=inviter
    )


def _welcome(token: str, invitation: Invitation, form: RegisterForm | JoinForm, *, error: str = "") -> Response:
    """The welcome page: who invites, to which family, and for whom, with that person's close family."""
    db = get_session()
    if not error:  # say at once if this person is already taken, before anyone types a password
        problem = joining.problem_for(db, invitation=invitation, user_id=current_user.user_id)
        error = translated(problem) if problem else ""
    family = sentence = None
    if invitation.person_id is not None:
        # The token holder is about to become this person: the link was made for them by an editor, who chose to
        # show them their own close family. privacy.py decides what that family member may see (role "member").
        viewer = Viewer(role=MEMBER, person_id=invitation.person_id)
        family = close_family(db, person_id=invitation.person_id, viewer=viewer)
        if family is not None:
            template, params = you_are(family)
            sentence = _(template, **params)
    return _page(
        "invitations/welcome.html",
        token=token,
        invitation=invitation,
        inviter=messages.inviter_name(db, invitation),
        family=family,
        sentence=sentence,
        form=form,
        error=error,
    )


def _join(
    token: str,
    attempt: Callable[[], joining.Joined],
    on_error: Callable[[Invitation, str], Response],
    language: str = "",
) -> Response:
    """Run one way of joining; on success log in and go home, else say why (the form keeps what was typed)."""
    db = get_session()
    try:
        joined = attempt()
        db.commit()
    except (InvitationError, AccountError, IntegrityError) as error:
        db.rollback()
        found = services.find_invitation(db, token)
        if not found.usable or found.invitation is None:
            return _unusable(found)
        # The unique person_id of accounts is the last guard when two accounts race for one person.
        conflict = isinstance(error, IntegrityError)
        return on_error(
            found.invitation, _("This person is already linked to another account.") if conflict else translated(error)
        )
    login_user(account_of(joined.user))
    if language:
        session[LANG_SESSION_KEY] = language
    if joined.person is not None:
        flash(_("Welcome, you are now linked to %(name)s.", name=joined.person.display_name), "info")
    else:
        flash(_("Welcome to %(family)s!", family=family_name()), "info")
    return redirect(url_for("site.home"))


def _register_form(invitation: Invitation) -> RegisterForm:
    form = RegisterForm(email=invitation.email, language=invitation.language or str(get_locale() or ""))
    form.language.choices = language_choices(tuple(current_app.config["LANGUAGES"]))
    return form


@bp.route("/join/<token>", methods=["GET", "POST"])
@_ACCEPT_LIMIT
def accept(token: str) -> Response:
    """The welcome page of a link; a new account (or the one logged in) joins from here."""
    db = get_session()
    found = services.find_invitation(db, token)
    if not found.usable or found.invitation is None:
        return _unusable(found)
    invitation = found.invitation
    form: RegisterForm | JoinForm = JoinForm() if current_user.is_authenticated else _register_form(invitation)

    def again(invitation: Invitation, error: str) -> Response:
        return _welcome(token, invitation, form, error=error)

    if isinstance(form, JoinForm) and form.validate_on_submit():
        return _join(token, lambda: joining.join_as(db, invitation=invitation, user_id=current_user.user_id), again)
    if isinstance(form, RegisterForm) and form.validate_on_submit():
        return _join(
            token,
            lambda: joining.join_with_new_account(
                db,
                invitation=invitation,
                email=form.email.data or "",
                password=form.password.data or "",
                display_name=form.display_name.data or "",
                locale=form.language.data or "",
            ),
            again,
            language=form.language.data or "",
        )
    return _welcome(token, invitation, form)


@bp.route("/join/<token>/login", methods=["GET", "POST"])
@_ACCEPT_LIMIT
def accept_login(token: str) -> Response:
    """Join with an account one already has: log in, and the invitation is accepted with it."""
    db = get_session()
    found = services.find_invitation(db, token)
    if not found.usable or found.invitation is None:
        return _unusable(found)
    invitation = found.invitation
    form = JoinLoginForm(email=invitation.email)

    def again(invitation: Invitation, error: str) -> Response:
        return _page("invitations/join_login.html", token=token, invitation=invitation, form=form, error=error)

    if form.validate_on_submit():
        email, password = form.email.data or "", form.password.data or ""
        return _join(
            token,
            lambda: joining.join_with_existing_account(db, invitation=invitation, email=email, password=password),
            again,
        )
    return again(invitation, "")


@bp.get("/join/<token>/card")
def accept_card(token: str) -> Response:
    """A card to print for the reunion: the link written out and as a QR code."""
    db = get_session()
    found = services.find_invitation(db, token)
    if not found.usable or found.invitation is None:
        return _unusable(found)
    text = messages.invitation_text(db, found.invitation, token)
    return _page("invitations/card.html", text=text, qr=qr_svg(text.url, title=_("Invitation link")))
