"""Poster pages: the form, the progress of the job, and the download of the finished PDF.

Members and above only: a poster is heavy work (``dot`` on thousands of people), which visitors should not be able
to start at will, and it is made for one account (it shows what that member may see, and only they download it).
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, jsonify, redirect, render_template, request, send_file, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from famille.admin.views import translated
from famille.auth.access import current_viewer, requires
from famille.charts.poster import CUSTOM_RANGE, OVERLAP_RANGE, SCALE_RANGE, PosterError
from famille.db import get_session
from famille.posters import job as _job  # noqa: F401 - importing registers the "poster" job handler
from famille.posters import services
from famille.posters.forms import PosterForm

bp = Blueprint("posters", __name__, url_prefix="/posters")
PERMISSION = "see_members"
#: Which form field shows each refusal of the poster module (others go beside the paper).
_FIELD_OF = {CUSTOM_RANGE: "width_mm", OVERLAP_RANGE: "overlap", SCALE_RANGE: "scale"}


def _app() -> Any:
    return current_app._get_current_object()  # type: ignore[attr-defined]


@bp.route("/new", methods=["GET", "POST"])
@requires(PERMISSION)
def new() -> str | Response:
    """The poster form for ``?kind=family`` or ``?kind=descendants&person_id=N``; POST starts the job."""
    viewer, db = current_viewer(), get_session()
    subject = services.poster_subject(
        db, viewer=viewer, kind=request.args.get("kind"), person_id=request.args.get("person_id")
    )
    if subject is None:
        abort(404)
    busy = services.active_poster(db, user_id=viewer.user_id)
    form = PosterForm()
    if busy is None and form.validate_on_submit():
        try:
            job_id = services.start_poster(
                _app(),
                viewer=viewer,
                subject=subject,
                options=form.options(),
                locale=str(get_locale() or "fr"),
                arrangement=form.arrangement.data or "auto",
            )
        except PosterError as error:
            field = getattr(form, _FIELD_OF.get(error.template, "paper"))
            field.errors = [*field.errors, translated(error.template, error.params)]
        else:
            return redirect(url_for(".job", job_id=job_id))
    return render_template("posters/new.html", form=form, subject=subject, busy=busy)


def _own_state(job_id: int) -> Any:
    state = services.poster_state(get_session(), job_id=job_id, user_id=current_user.user_id)
    if state is None:
        abort(404)
    return state


@bp.get("/<int:job_id>")
@requires(PERMISSION)
def job(job_id: int) -> str:
    """The poster's progress while it is made, then its download link (or why it could not be made)."""
    state = _own_state(job_id)
    kept = services.poster_file(_app(), state) is not None
    return render_template("posters/job.html", job=state, kept=kept)


@bp.get("/<int:job_id>.json")
@requires(PERMISSION)
def status(job_id: int) -> Response:
    """The job's status and progress, for the progress bar."""
    return jsonify(_own_state(job_id).as_json())


@bp.get("/<int:job_id>/download")
@requires(PERMISSION)
def download(job_id: int) -> Response:
    """The finished poster as a PDF attachment."""
    path = services.poster_file(_app(), _own_state(job_id))
    if path is None:
        abort(404)
    name = _("poster-%(number)s.pdf", number=job_id)
    return send_file(path, mimetype="application/pdf", as_attachment=True, download_name=name)
