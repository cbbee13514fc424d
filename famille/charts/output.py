"""A chart as a page needs it: from the cache, drawn at once, or drawn by a background job when big.

Small charts are drawn during the request; a chart of more than ``CHART_INLINE_MAX`` people is drawn by a
``chart`` job (the page polls it), and a chart of more than ``CHART_MAX_PEOPLE`` is not drawn at all: the page
explains and offers fewer generations or the poster.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from flask import Flask, current_app
from flask_babel import force_locale, get_locale
from sqlalchemy.orm import Session

from famille.charts import cache, loading, render
from famille.charts.services import chart_source
from famille.db import session_scope
from famille.jobs import JobContext, enqueue, job_handler, job_state
from famille.privacy import Viewer
from famille.site.services import data_version
from famille.visibility import visitor_names

JOB_KIND = "chart"
READY, TOO_BIG, PENDING = "ready", "too_big", "pending"


@dataclass(frozen=True, slots=True)
class ChartRequest:
    """What a chart page asks for (all plain values, so a job can carry it)."""

    kind: str
    person_id: int | None = None
    other_id: int | None = None
    up: int = 3
    down: int = 3
    generations: int | None = None
    days: int = 30

    def source_arguments(self) -> dict[str, Any]:
        """The keyword arguments of :func:`chart_source` for this request.

        A member's "new since your last visit" is not one of them: it is marked on the page over the cached
        drawing, so that the drawing stays shared from one visit to the next.
        """
        return asdict(self)


@dataclass(frozen=True, slots=True)
class ChartOutput:
    """The answer to a page: ready (``data`` and ``meta``), too big (``meta``), or pending (``job_id``)."""

    status: str
    data: bytes = b""
    meta: dict[str, Any] | None = None
    job_id: int | None = None


def cache_root(app: Flask) -> Path:
    """Where rendered charts are kept: instance/cache/charts."""
    return Path(app.instance_path) / "cache" / "charts"


def _key(session: Session, viewer: Viewer, request: ChartRequest, fmt: str) -> str:
    sees = "all" if viewer.sees_everyone else ("member" if viewer.is_member else "visitor")
    return cache.cache_key(
        {
            "request": asdict(request),
            "fmt": fmt,
            "sees": sees,
            "viewer_person": viewer.person_id if viewer.is_member else None,
            "visitor_names": visitor_names(session),
            "accounts": cache.cache_key({"marks": loading.account_marks(session)}),
            "locale": str(get_locale()),
            "day": datetime.now(UTC).date().isoformat(),
        }
    )


def chart_output(session: Session, *, viewer: Viewer, request: ChartRequest, fmt: str) -> ChartOutput:
    """The chart from the cache, drawn now, or handed to a job; raises ChartNotFound for unknown people."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    root, version = cache_root(app), data_version(session)
    key = _key(session, viewer, request, fmt)
    cached = cache.read(root, version, key, fmt)
    if cached is not None:
        return ChartOutput(cached[1]["status"], cached[0], cached[1])
    limit = int(app.config["CHART_MAX_PEOPLE"])
    probe = chart_source(session, viewer=viewer, limit=limit, **request.source_arguments())
    if probe.truncated or probe.people <= int(app.config["CHART_INLINE_MAX"]):
        data = b"" if probe.truncated else render.render_dot(probe.dot_for(fmt), fmt)
        cache.write(root, version, key, fmt, data, draw_meta(probe))
        return ChartOutput(TOO_BIG if probe.truncated else READY, data, draw_meta(probe))
    job_id = cache.job_marker(root, version, key)
    state = job_state(session, job_id) if job_id is not None else None
    if state is None or state.finished:
        params = {"request": asdict(request), "fmt": fmt, "viewer": asdict(viewer), "key": key}
        params.update(version=version, limit=limit, locale=str(get_locale()))
        job_id = enqueue(app, JOB_KIND, params, user_id=viewer.user_id)
        cache.mark_job(root, version, key, job_id)
    return ChartOutput(PENDING, job_id=job_id)


def draw_meta(source: Any) -> dict[str, Any]:  # noqa: ANN401 - a ChartSource
    """The facts kept beside a drawing."""
    return {
        "status": TOO_BIG if source.truncated else READY,
        "title": source.title,
        "people": source.people,
        "focus": source.focus,
        "updates": [asdict(update) for update in source.updates],
    }


@job_handler(JOB_KIND)
def draw_chart_job(context: JobContext) -> dict[str, Any]:
    """Draw a big chart in the background and keep it in the cache where the page will look."""
    params = context.params
    request = ChartRequest(**params["request"])
    viewer = Viewer(**params["viewer"])
    context.progress(1, 4)
    locale = params.get("locale") or "fr"
    with context.app.test_request_context(), force_locale(locale), session_scope(context.app) as session:
        source = chart_source(session, viewer=viewer, limit=int(params["limit"]), **request.source_arguments())
        context.progress(2, 4)
        data = b"" if source.truncated else render.render_dot(source.dot_for(params["fmt"]), params["fmt"])
        context.progress(3, 4)
        root = cache_root(context.app)
        cache.write(root, params["version"], params["key"], params["fmt"], data, draw_meta(source))
    return {"people": source.people, "status": TOO_BIG if source.truncated else READY}
