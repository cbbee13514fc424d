"""The "poster" job: select the chart as the member may see it, draw it as a vector PDF with ``dot``, tile it.

A big descendants chart is cut into panels packed about square (:mod:`famille.charts.poster_panels`), since one
drawing of it is a strip tens of metres long; the member may still ask for the strip.

Its parameters carry the member's role, account and person (the job rebuilds the :class:`Viewer` from them, so
the poster shows exactly what that member may see) and language; its result says how many pages and people.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from flask_babel import force_locale
from flask_babel import gettext as _

from famille.admin import family_name
from famille.charts.packing import PackingError, render_panels
from famille.charts.poster import PosterError, PosterOptions, make_poster, poster_layout
from famille.charts.poster_panels import PANEL_KINDS, PanelChart, panel_chart
from famille.charts.render import render_dot
from famille.charts.services import ChartNotFound, ChartSource, chart_source
from famille.db import session_scope
from famille.jobs import JobContext, JobError, job_handler
from famille.markers import N_
from famille.posters.forms import ARRANGE_AUTO, ARRANGE_PANELS, ARRANGE_STRIP
from famille.posters.services import POSTER_KIND, poster_path
from famille.privacy import Viewer

PERSON_GONE = N_("This person is no longer in the family tree.")
TOO_MANY_PEOPLE = N_(
    "This chart holds more than %(limit)s people: too many for one poster. Choose a smaller branch of the family."
)
NOT_DRAWN = N_("Graphviz could not draw the poster: %(reason)s.")
#: Progress in percent: choosing the people, then ``dot`` (the long part), then the pages one by one.
SELECTED, DRAWN = 10, 60
#: Descendants charts of this many people or more are drawn as packed panels, unless the member asks for a strip:
#: one drawing of a few thousand people is a strip tens of metres long (``POSTER_PANELS_FROM`` overrides it).
PANELS_FROM = 600
Chart = TypeVar("Chart", ChartSource, PanelChart)


def _options(params: dict[str, Any]) -> PosterOptions:
    """The job's poster options (bad ones, which the form refuses anyway, end the job with a message)."""
    try:
        return PosterOptions(**params.get("options", {}))
    except TypeError as error:
        raise JobError(N_("The poster's settings are not understood.")) from error


@dataclass(frozen=True, slots=True)
class Drawing:
    """The chart drawn as one vector PDF, what it is of, and how many panels it was cut into (0: one drawing)."""

    pdf: bytes
    title: str
    people: int
    panels: int = 0


@job_handler(POSTER_KIND)
def build_poster_job(context: JobContext) -> dict[str, Any]:
    """Draw the chart and tile it into instance/posters/<job>.pdf."""
    params, app = context.params, context.app
    context.progress(0, 100)
    with app.test_request_context(), force_locale(params.get("locale") or "fr"):
        drawing = _drawing(context)
        context.progress(DRAWN, 100)
        options = replace(
            _options(params),
            title=drawing.title,
            brand=family_name(),
            caption=_("page %(coordinate)s of %(columns)s×%(rows)s"),
            shrink_to_fit=True,  # after minutes of dot, a smaller poster beats a refusal
        )
        try:
            layout = poster_layout(drawing.pdf, options)
            poster = make_poster(drawing.pdf, options, progress=lambda done, total: _tiled(context, done, total))
        except PosterError as error:
            raise JobError(error.template, error.params) from error
    _save(poster_path(app, context.job_id), poster)
    return {
        "people": drawing.people,
        "title": drawing.title,
        "size": len(poster),
        "pages": layout.pages,
        "scale": round(layout.scale * 100),
        "shrunk": options.tiled and layout.scale < options.scale,
        "panels": drawing.panels,
    }


def _drawing(context: JobContext) -> Drawing:
    """The chart as a PDF: packed panels for a big descendants chart (or when asked), else one ``dot`` drawing."""
    params = context.params
    arrangement = params.get("arrangement") or ARRANGE_AUTO
    if params["kind"] in PANEL_KINDS and arrangement != ARRANGE_STRIP:
        chart = _select(context, panel_chart)
        threshold = int(context.app.config.get("POSTER_PANELS_FROM", PANELS_FROM))
        if chart.panels and (arrangement == ARRANGE_PANELS or chart.people >= threshold):
            context.progress(SELECTED, 100)
            try:
                pdf = render_panels(chart.sources, "pdf", progress=lambda done, total: _laid_out(context, done, total))
            except PackingError as error:
                raise JobError(NOT_DRAWN, {"reason": str(error)}) from error
            return Drawing(pdf, chart.title, chart.people, len(chart.panels))
    source = _select(context, chart_source)
    context.progress(SELECTED, 100)
    return Drawing(render_dot(source.dot, "pdf"), source.title, source.people)


def _select(context: JobContext, build: Callable[..., Chart]) -> Chart:
    """The chart (whole or in panels) as the member who asked may see it (the Viewer rebuilt from the job)."""
    params, app = context.params, context.app
    limit = int(params.get("limit") or app.config["POSTER_MAX_PEOPLE"])
    with session_scope(app) as session:
        try:
            chart = build(
                session,
                viewer=Viewer(**params["viewer"]),
                kind=params["kind"],
                person_id=params.get("person_id"),
                limit=limit,
            )
        except ChartNotFound as error:
            raise JobError(PERSON_GONE) from error
    if chart.truncated:
        raise JobError(TOO_MANY_PEOPLE, {"limit": limit})
    return chart


def _save(target: Path, poster: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(".tmp")
    temporary.write_bytes(poster)
    temporary.replace(target)  # the download never sees half a file


def _laid_out(context: JobContext, done: int, total: int) -> None:
    """Panels laid out, ``done`` of ``total``: the long part, between choosing the people and tiling."""
    context.progress(SELECTED + (DRAWN - SELECTED) * done // max(total, 1), 100)


def _tiled(context: JobContext, done: int, total: int) -> None:
    context.progress(DRAWN + (100 - DRAWN) * done // max(total, 1), 100)
