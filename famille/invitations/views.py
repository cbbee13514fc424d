"""The editors' invitation pages: the list, creating one, the link shown once, sending, revoking, extending.

The public pages that a link opens (``/join/…``) are in :mod:`famille.invitations.join`, on the same blueprint.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from famille.auth.access import current_viewer, requires
from famille.db import get_session
from famille.invitations import listing, messages, services
from famille.invitations.forms import (
    ROLE_LABELS,
    ExtendForm,
    InvitationForm,
    RevokeForm,
    SendForm,
    language_choices,
)
from famille.invitations.services import InvitationError
from famille.invitations.welcome import life_years
from famille.mail import MailError, mail_enabled
from famille.models import Invitation
from famille.privacy import PersonView

bp = Blueprint("invitations", __name__)

PER_PAGE = 50
# The raw token waits in the creator's own (signed, HttpOnly) session cookie between the POST that made it and
# the page that shows it, and is removed when shown: a reload of that page no longer shows the link.
_SHOWN_ONCE_KEY = "invitation_tokens"


def translated(error: InvitationError | Exception) -> str:
    """The message of a service error in the reader's language."""
    template, params = getattr(error, "template", str(error)), getattr(error, "params", {})
    return _(template, **params)


def _actor() -> dict[str, object]:
    return {"actor": current_user.email, "user_id": current_user.user_id}


def _languages() -> tuple[str, ...]:
    return tuple(current_app.config["LANGUAGES"])


def _stash(invitation_id: int, token: str) -> None:
    session[_SHOWN_ONCE_KEY] = {**session.get(_SHOWN_ONCE_KEY, {}), str(invitation_id): token}


def _unstash(invitation_id: int) -> str | None:
    tokens = dict(session.get(_SHOWN_ONCE_KEY, {}))
    token = tokens.pop(str(invitation_id), None)
    session[_SHOWN_ONCE_KEY] = tokens
    return token


def _no_store(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/invitations")
@requires("invite")
def index() -> str:
    """Every invitation with its state, who created it, for whom, and who joined through it."""
    page = request.args.get("page", 1, type=int) or 1
    result = listing.list_invitations(
        get_session(), viewer=current_viewer(), viewer_role=current_user.role, page=page, per_page=PER_PAGE
    )
    return render_template("invitations/index.html", result=result)


def _person_choices(form: InvitationForm, query: str) -> list[listing.PersonChoice]:
    """Offer the people found by ``query``, plus the one already chosen, as the form's choices."""
    db, viewer = get_session(), current_viewer()
    found = listing.search_people(db, query=query, viewer=viewer) if query else []
    chosen = request.values.get("person_id", "")
    if chosen.isdigit() and len(chosen) < 10 and all(str(c.person.person_id) != chosen for c in found):
        extra = listing.person_choice(db, person_id=int(chosen), viewer=viewer)
        found = [extra, *found] if extra else found
    form.person_id.choices = [("", _("Nobody in particular: a link for anyone in the family"))] + [
        (str(c.person.person_id), " ".join(filter(None, [c.person.given_name, c.person.surname, _years(c.person)])))
        for c in found
    ]
    if request.method == "GET":
        form.person_id.data = chosen if chosen in {str(c.person.person_id) for c in found} else ""
    return found


def _years(view: PersonView) -> str:
    years = life_years(view.birth_date, view.death_date)
    return f"({years})" if years else ""


@bp.route("/invitations/new", methods=["GET", "POST"])
@requires("invite")
def new() -> str | Response:
    """Create an invitation: a person picker (search by name), role, expiry, uses, message, address, language."""
    form = InvitationForm(days=current_app.config["INVITATION_DAYS"])
    form.role.choices = [(role, ROLE_LABELS[role]) for role in services.invitable_roles(current_user.role)]
    form.language.choices = language_choices(_languages(), blank=_("The site's language"))
    query = request.args.get("q", "").strip()[:200]
    found = _person_choices(form, query)
    if form.validate_on_submit():
        db = get_session()
        try:
            made = services.create_invitation(
                db,
                inviter_role=current_user.role,
                created_by=current_user.user_id,
                actor=current_user.email,
                person_id=int(form.person_id.data) if form.person_id.data else None,
                role=form.role.data,
                days=form.days.data,
                max_uses=form.max_uses.data,
                message=form.message.data or "",
                email=form.email.data or "",
                language=form.language.data or "",
                languages=_languages(),
            )
        except InvitationError as error:
            form.form_errors.append(translated(error))
        else:
            db.commit()
            _stash(made.invitation.invitation_id, made.token)
            return redirect(url_for(".created", invitation_id=made.invitation.invitation_id))
    taken = {str(c.person.person_id) for c in found if c.has_account}
    return render_template("invitations/new.html", form=form, query=query, found=found, taken=taken)


def _created_page(invitation: Invitation, token: str, form: SendForm) -> Response:
    """The link, its messages in every language, the mailto: link and the send form (never cached)."""
    text = messages.invitation_text(get_session(), invitation, token)
    languages = _languages()
    page = render_template(
        "invitations/created.html",
        invitation=invitation,
        text=text,
        ready={code: messages.message_in(text, code) for code in languages},
        mailto=messages.mailto_href(
            text, to=invitation.email, locales=(invitation.language,) if invitation.language else languages
        ),
        send_form=form if mail_enabled() else None,
        token=token,
    )
    return _no_store(Response(page, mimetype="text/html"))


def _send_form(invitation: Invitation, token: str | None = None) -> SendForm:
    form = SendForm(token=token, email=invitation.email, language=invitation.language)
    form.language.choices = language_choices(_languages())
    return form


@bp.get("/invitations/<int(max=2147483647):invitation_id>/created")
@requires("invite")
def created(invitation_id: int) -> str | Response:
    """The new link, shown once: a reload finds it gone (only its hash is kept)."""
    invitation = get_session().get(Invitation, invitation_id) or abort(404)
    token = _unstash(invitation_id)
    if token is None or not services.token_matches(invitation, token):
        return _no_store(Response(render_template("invitations/shown_once.html", invitation=invitation)))
    return _created_page(invitation, token, _send_form(invitation, token))


@bp.post("/invitations/<int(max=2147483647):invitation_id>/send")
@requires("invite")
def send(invitation_id: int) -> Response:
    """Send the link just created by e-mail, in the language chosen; back to the link's page."""
    db = get_session()
    invitation = db.get(Invitation, invitation_id) or abort(404)
    form = _send_form(invitation)
    token = form.token.data or ""
    if not mail_enabled() or not services.token_matches(invitation, token):
        flash(_("This link is no longer shown here; create a new invitation to send one."), "error")
        return redirect(url_for(".index"))
    if form.validate_on_submit():
        try:
            address = services.record_sending(
                db, invitation=invitation, email=form.email.data or "", language=form.language.data, **_actor()
            )
            messages.send_invitation(
                messages.invitation_text(db, invitation, token), to=address, locale=form.language.data
            )
        except (InvitationError, MailError) as error:
            db.rollback()
            form.email.errors.append(_("The e-mail could not be sent: %(reason)s", reason=translated(error)))
        else:
            db.commit()
            flash(_("The invitation was sent to %(email)s.", email=address), "info")
            _stash(invitation_id, token)
            return redirect(url_for(".created", invitation_id=invitation_id))
    return _created_page(invitation, token, form)


@bp.post("/invitations/<int(max=2147483647):invitation_id>/revoke")
@requires("invite")
def revoke(invitation_id: int) -> Response:
    """Revoke an invitation: its link stops working; who already joined stays."""
    if RevokeForm().validate_on_submit():
        db = get_session()
        try:
            services.revoke_invitation(db, invitation_id=invitation_id, actor_role=current_user.role, **_actor())
        except InvitationError as error:
            flash(translated(error), "error")
        else:
            db.commit()
            flash(_("Invitation %(id)s is revoked: its link no longer works.", id=invitation_id), "info")
    return redirect(url_for(".index"))


@bp.post("/invitations/<int(max=2147483647):invitation_id>/extend")
@requires("invite")
def extend(invitation_id: int) -> Response:
    """Give an invitation more days."""
    form = ExtendForm()
    if not form.validate_on_submit():
        flash(_("Give a number of days between 1 and %(max)d.", max=services.MAX_DAYS), "error")
        return redirect(url_for(".index"))
    db = get_session()
    try:
        services.extend_invitation(
            db, invitation_id=invitation_id, days=form.days.data, actor_role=current_user.role, **_actor()
        )
    except InvitationError as error:
        flash(translated(error), "error")
    else:
        db.commit()
        flash(_("Invitation %(id)s is extended by %(days)d days.", id=invitation_id, days=form.days.data), "info")
    return redirect(url_for(".index"))


from famille.invitations import join as _join  # noqa: E402, F401 - registers the public /join pages on bp
