"""The organiser's pages: GEDCOM import (dry run, confirm, progress), site settings, accounts.

Every POST here is checked for its CSRF token by CSRFProtect before the view runs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response

from famille.admin import accounts, services
from famille.admin import settings as site_settings
from famille.admin.forms import ImportForm, RoleForm, SettingsForm
from famille.admin.services import AdminError
from famille.auth.access import requires
from famille.db import get_session
from famille.jobs import cancel_job, job_state

bp = Blueprint("admin", __name__, url_prefix="/admin")


def translated(template: str, params: dict[str, Any] | None = None) -> str:
    """An English message template in the reader's language; the template as it is if its parameters do not fit."""
    try:
        return _(template) % (params or {})
    except (KeyError, TypeError, ValueError):
        return template


def _app() -> Any:
    return current_app._get_current_object()  # type: ignore[attr-defined]


@bp.app_template_filter("translated")
def translated_filter(template: str, params: dict[str, Any] | None = None) -> str:
    """Templates translate stored message templates with ``template|translated(params)``."""
    return translated(template, params)


@bp.route("/import", methods=["GET", "POST"])
@requires("import")
def import_form() -> str | Response:
    """Upload a GEDCOM file; its dry run starts at once."""
    form = ImportForm()
    if form.validate_on_submit():
        upload = form.file.data
        try:
            job_id = services.begin_import(
                _app(),
                stream=upload.stream if upload else None,
                filename=upload.filename if upload else None,
                encoding=form.encoding.data or "",
                remove_missing=bool(form.remove_missing.data),
                user_id=current_user.user_id,
                actor=current_user.email,
            )
        except AdminError as error:
            form.file.errors = [*form.file.errors, translated(error.template, error.params)]
        else:
            return redirect(url_for(".import_job", job_id=job_id))
    else:
        services.purge_uploads(_app())
    return render_template("admin/import_form.html", form=form, active_job_id=services.current_import(get_session()))


@bp.get("/import/<int:job_id>")
@requires("import")
def import_job(job_id: int) -> str:
    """An import's progress while it runs, then its report (a dry run's report ends with the Confirm button)."""
    state = services.import_state(get_session(), job_id)
    if state is None:
        abort(404)
    return render_template(
        "admin/import_job.html",
        job=state,
        confirmable=services.is_confirmable(state) and services.upload_kept(_app(), state),
    )


@bp.post("/import/<int:job_id>/confirm")
@requires("import")
def import_confirm(job_id: int) -> Response:
    """Start the real import of a dry run's file."""
    try:
        new_id = services.confirm_import(
            _app(),
            dry_run_job_id=job_id,
            user_id=current_user.user_id,
            actor=current_user.email,
            prefer=services.conflict_choices(request.form),
        )
    except AdminError as error:
        flash(translated(error.template, error.params), "error")
        return redirect(url_for(".import_job", job_id=job_id))
    return redirect(url_for(".import_job", job_id=new_id))


@bp.post("/import/<int:job_id>/discard")
@requires("import")
def import_discard(job_id: int) -> Response:
    """Drop a dry run's file without importing it."""
    services.discard_upload(_app(), job_id=job_id)
    flash(_("The file was not imported and is no longer kept."), "info")
    return redirect(url_for(".import_form"))


@bp.get("/jobs/<int:job_id>.json")
@requires("import")
def job_status(job_id: int) -> Response:
    """A job's status and progress, for the progress bar."""
    state = job_state(get_session(), job_id)
    if state is None:
        abort(404)
    return jsonify(state.as_json())


@bp.post("/jobs/<int:job_id>/cancel")
@requires("import")
def job_cancel(job_id: int) -> Response:
    """Cancel a job that has not started (no worker took it)."""
    db = get_session()
    cancelled = cancel_job(db, job_id)
    db.commit()
    if not cancelled:
        flash(_("This work had already started or ended; it was not cancelled."), "error")
    return redirect(url_for(".import_job", job_id=job_id))


@bp.route("/settings", methods=["GET", "POST"])
@requires("site_settings")
def settings() -> str | Response:
    """The family's name, the welcome text, the private site and what visitors see of the living."""
    db = get_session()
    form = SettingsForm(obj=site_settings.load_settings(db))
    if form.validate_on_submit():
        new = site_settings.SiteSettings(
            family_name=form.family_name.data or "",
            welcome_text=form.welcome_text.data or "",
            private_site=bool(form.private_site.data),
            visitor_names=form.visitor_names.data or "",
        )
        changed = site_settings.update_settings(db, new=new, actor=current_user.email, user_id=current_user.user_id)
        db.commit()
        flash(_("The settings are saved.") if changed else _("Nothing was changed."), "info")
        return redirect(url_for(".settings"))
    return render_template("admin/settings.html", form=form, default_name=current_app.config["FAMILY_NAME"])


@bp.get("/accounts")
@requires("manage_accounts")
def accounts_list() -> str:
    """Every account: e-mail, name, role, person, last log-in; role changes and deactivation."""
    return render_template("admin/accounts.html", accounts=accounts.list_accounts(get_session()), role_form=RoleForm())


def _actor() -> dict[str, Any]:
    return {"actor": current_user.email, "actor_id": current_user.user_id}


def _account_action(change: Callable[[Session], bool]) -> Response:
    """Apply ``change`` to the accounts, commit, and say how it went."""
    db = get_session()
    try:
        changed = change(db)
    except AdminError as error:
        db.rollback()
        flash(translated(error.template, error.params), "error")
    else:
        db.commit()
        flash(_("The account is updated.") if changed else _("Nothing was changed."), "info")
    return redirect(url_for(".accounts_list"))


@bp.post("/accounts/<int:user_id>/role")
@requires("manage_accounts")
def account_role(user_id: int) -> Response:
    """Change an account's role (never the last admin's)."""
    form = RoleForm()
    if not form.validate_on_submit():
        flash(_("Choose one of the roles."), "error")
        return redirect(url_for(".accounts_list"))
    return _account_action(lambda db: accounts.change_role(db, user_id=user_id, role=form.role.data, **_actor()))


@bp.post("/accounts/<int:user_id>/deactivate")
@requires("manage_accounts")
def account_deactivate(user_id: int) -> Response:
    """Deactivate an account: it is logged out everywhere and cannot log in."""
    return _account_action(lambda db: accounts.set_active(db, user_id=user_id, active=False, **_actor()))


@bp.post("/accounts/<int:user_id>/reactivate")
@requires("manage_accounts")
def account_reactivate(user_id: int) -> Response:
    """Let a deactivated account log in again."""
    return _account_action(lambda db: accounts.set_active(db, user_id=user_id, active=True, **_actor()))
