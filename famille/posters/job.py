"""The "poster" job: select the chart as the member may see it, draw it as a vector PDF with ``dot``, tile it.

Its parameters carry the member's role, account and person (the job rebuilds the :class:`Viewer` from them, so
the poster shows exactly what that member may see) and language; its result says how many pages and people.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from flask_babel import force_locale
from flask_babel import gettext as _

from famille.admin import family_name
from famille.charts.poster import PosterError, PosterOptions, make_poster, poster_layout
from famille.charts.render import render_dot
from famille.charts.services import ChartNotFound, ChartSource, chart_source
from famille.db import session_scope
from famille.jobs import JobContext, JobError, job_handler
from famille.markers import N_
from famille.posters.services import POSTER_KIND, poster_path
from famille.privacy import Viewer

PERSON_GONE = N_("This person is no longer in the family tree.")
TOO_MANY_PEOPLE = N_(
    "This chart holds more than %(limit)s people: too many for one poster. Choose a smaller branch of the family."
)
#: Progress in percent: choosing the people, then ``dot`` (the long part), then the pages one by one.
SELECTED, DRAWN = 10, 60


def _options(params: dict[str, Any]) -> PosterOptions:
    """The job's poster options (bad ones, which the form refuses anyway, end the job with a message)."""
    try:
        return PosterOptions(**params.get("options", {}))
    except TypeError as error:
        raise JobError(N_("The poster's settings are not understood.")) from error


@job_handler(POSTER_KIND)
def build_poster_job(context: JobContext) -> dict[str, Any]:
    """Draw the chart and tile it into instance/posters/<job>.pdf."""
    params, app = context.params, context.app
    context.progress(0, 100)
    with app.test_request_context(), force_locale(params.get("locale") or "fr"):
        source = _chart(context)
        context.progress(SELECTED, 100)
        pdf = render_dot(source.dot, "pdf")
        context.progress(DRAWN, 100)
        options = replace(
            _options(params),
            title=source.title,
            brand=family_name(),
            caption=_("page %(coordinate)s of %(columns)s×%(rows)s"),
            shrink_to_fit=True,  # after minutes of dot, a smaller poster beats a refusal
        )
        try:
            layout = poster_layout(pdf, options)
            poster = make_poster(pdf, options, progress=lambda done, total: _tiled(context, done, total))
        except PosterError as error:
            raise JobError(error.template, error.params) from error
    _save(poster_path(app, context.job_id), poster)
    return {
        "people": source.people,
        "title": source.title,
        "size": len(poster),
        "pages": layout.pages,
        "scale": round(layout.scale * 100),
        "shrunk": options.tiled and layout.scale < options.scale,
    }


def _chart(context: JobContext) -> ChartSource:
    """The chart as the member who asked may see it (the Viewer rebuilt from the job's parameters)."""
    params, app = context.params, context.app
    limit = int(params.get("limit") or app.config["POSTER_MAX_PEOPLE"])
    with session_scope(app) as session:
        try:
            source = chart_source(
                session,
                viewer=Viewer(**params["viewer"]),
                kind=params["kind"],
                person_id=params.get("person_id"),
                limit=limit,
            )
        except ChartNotFound as error:
            raise JobError(PERSON_GONE) from error
    if source.truncated:
        raise JobError(TOO_MANY_PEOPLE, {"limit": limit})
    return source


def _save(target: Path, poster: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(".tmp")
    temporary.write_bytes(poster)
    temporary.replace(target)  # the download never sees half a file


def _tiled(context: JobContext, done: int, total: int) -> None:
    context.progress(DRAWN + (100 - DRAWN) * done // max(total, 1), 100)
