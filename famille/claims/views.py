"""Pages: "this is me" (search, claim, withdraw), approvals, "not yet invited" and the member's privacy choice."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from famille import visibility
from famille.auth.access import current_viewer, requires
from famille.claims import invitees, notices, services
from famille.claims.forms import ActionForm, ClaimForm, PrivacyForm
from famille.db import get_session
from famille.models import User
from famille.security import AUTH_LIMIT, limiter

bp = Blueprint("claims", __name__)
# Ids beyond a database integer are a 404 rather than an overflow inside the database driver.
MAX_ID = 2**31 - 1
ID = f"int(min=1, max={MAX_ID})"
SEARCH_MAX = 200
PER_BRANCH = 20


def _me() -> User:
    user = get_session().get(User, current_user.user_id)
    if user is None:  # deleted in another tab between the session check and now
        abort(404)
    return user


def _message(error: services.ClaimError) -> str:
    return _(error.template) % error.params


@bp.get("/this-is-me")
@requires("claim_person")
def search() -> str:
    """Find oneself in the tree (accents and case ignored), or see one's pending claim or linked person."""
    db, viewer, user = get_session(), current_viewer(), _me()
    query = request.args.get("q", "")[:SEARCH_MAX].strip()
    linked = services.candidate(db, person_id=user.person_id, viewer=viewer) if user.person_id else None
    pending = None if linked else services.my_pending_claim(db, user_id=user.user_id, viewer=viewer)
    results = services.search_candidates(db, query=query, viewer=viewer) if query and not linked else []
    return render_template(
        "claims/search.html", query=query, results=results, linked=linked, pending=pending, action_form=ActionForm()
    )


@bp.route(f"/this-is-me/<{ID}:person_id>", methods=["GET", "POST"])
@limiter.limit(AUTH_LIMIT, methods=["POST"])
@requires("claim_person")
def claim(person_id: int) -> str | Response:
    """Confirm "this is me" for one person, with an optional message; the claim then waits for an editor."""
    db = get_session()
    found = services.candidate(db, person_id=person_id, viewer=current_viewer())
    if found is None:
        abort(404)
    form, error = ClaimForm(), None
    if form.validate_on_submit():
        try:
            made = services.make_claim(db, user=_me(), person_id=person_id, message=form.message.data or "")
        except services.ClaimError as refused:
            error = _message(refused)
        else:
            db.commit()
            notices.tell_approvers(db, claim_id=made.claim_id)
            flash(_("Thank you! An editor of the site will check your claim soon."), "info")
            return redirect(url_for(".search"))
    return render_template("claims/claim.html", candidate=found, form=form, error=error)


@bp.post(f"/this-is-me/claims/<{ID}:claim_id>/withdraw")
@requires("claim_person")
def withdraw(claim_id: int) -> Response:
    """Withdraw one's own pending claim."""
    db = get_session()
    if ActionForm().validate_on_submit():
        try:
            services.withdraw_claim(db, user=_me(), claim_id=claim_id)
        except services.ClaimError as refused:
            flash(_message(refused), "error")
        else:
            db.commit()
            flash(_("Your claim is withdrawn."), "info")
    return redirect(url_for(".search"))


@bp.get("/approvals")
@requires("approve_claims")
def approvals() -> str:
    """The claims waiting for a decision, with the person claimed and who claims them."""
    pending = services.pending_claims(get_session(), viewer=current_viewer())
    return render_template("claims/approvals.html", claims=pending, action_form=ActionForm())


@bp.post(f"/approvals/<{ID}:claim_id>/<any(approve, reject):decision>")
@requires("approve_claims")
def decide(claim_id: int, decision: str) -> Response:
    """Approve (link the account to the person) or reject a claim; the claimant is told by e-mail."""
    db = get_session()
    if ActionForm().validate_on_submit():
        act = services.approve_claim if decision == "approve" else services.reject_claim
        try:
            act(db, claim_id=claim_id, editor=_me())
        except services.ClaimError as refused:
            flash(_message(refused), "error")
        else:
            db.commit()
            notices.tell_claimant(db, claim_id=claim_id)
            flash(_("The claim is approved.") if decision == "approve" else _("The claim is rejected."), "info")
    return redirect(url_for(".approvals"))


@bp.get("/not-yet-invited")
@requires("invite")
def not_invited() -> str:
    """Living relatives without an account, by branch of the founding couple, each with a link to invite them."""
    only = request.args.get("branch", type=int)
    if only is not None and not 0 <= only <= MAX_ID:
        abort(404)
    result = invitees.not_invited(
        get_session(),
        viewer=current_viewer(),
        only=only,
        page=request.args.get("page", 1, type=int) or 1,
        per_branch=PER_BRANCH,
        per_page=int(current_app.config["PEOPLE_PER_PAGE"]),
    )
    if result is None:
        abort(404)
    can_invite = "invitations.new" in current_app.view_functions
    return render_template("claims/not_invited.html", result=result, only=only, can_invite=can_invite)


@bp.route("/account/privacy", methods=["GET", "POST"])
@requires("edit_own")
def privacy_settings() -> str | Response:
    """Who may see the member's own living person: every member, or close family within a number of degrees."""
    db, user = get_session(), _me()
    form = PrivacyForm(data={"privacy": user.privacy, "privacy_degree": user.privacy_degree})
    if form.validate_on_submit():
        visibility.set_privacy(db, user=user, privacy=form.privacy.data, degree=form.privacy_degree.data)
        db.commit()
        flash(_("Your privacy choice is saved."), "info")
        return redirect(url_for(".privacy_settings"))
    return render_template("claims/privacy.html", form=form, linked=user.person_id is not None)
