"""Chart pages: around a person, descendants, ancestors, how two people are related, the family; SVG or PDF."""

from __future__ import annotations

from flask import Blueprint, Response, abort, jsonify, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from famille.auth.access import current_viewer
from famille.charts.output import JOB_KIND, PENDING, READY, ChartRequest, chart_output
from famille.charts.page import chart_context, is_number, number
from famille.charts.services import KINDS, ChartNotFound
from famille.db import get_session
from famille.jobs import job_state

bp = Blueprint("charts", __name__, url_prefix="/charts")


def _respond(chart: ChartRequest, endpoint: str, **values: int) -> str | Response:
    """Draw ``chart`` for the current viewer: the page, the PDF, a progress page or a 404."""
    fmt = "pdf" if request.args.get("format") == "pdf" else "svg"
    session = get_session()
    viewer = current_viewer()
    try:
        output = chart_output(session, viewer=viewer, request=chart, fmt=fmt)
    except ChartNotFound:
        abort(404)
    if fmt == "pdf" and output.status == READY:
        name = f"chart-{chart.kind}.pdf"
        return Response(
            output.data, mimetype="application/pdf", headers={"Content-Disposition": f"attachment; filename={name}"}
        )
    context = chart_context(session, viewer=viewer, chart=chart, output=output, endpoint=endpoint, values=values)
    status = 202 if output.status == PENDING else 200
    return Response(render_template("charts/chart.html", **context), status=status)


def _common() -> dict:
    return {"days": number("days", 30, 0, 3650)}


@bp.get("/person/<int:person_id>")
def person(person_id: int) -> str | Response:
    """The family around a person: generations up and down, with partners and siblings."""
    chart = ChartRequest("person", person_id, up=number("up", 3, 0, 12), down=number("down", 3, 0, 12), **_common())
    return _respond(chart, "charts.person", person_id=person_id)


@bp.get("/descendants/<int:person_id>")
def descendants(person_id: int) -> str | Response:
    """A person's descendants (the whole branch, or fewer generations)."""
    chart = ChartRequest("descendants", person_id, generations=number("generations", None, 1, 60), **_common())
    return _respond(chart, "charts.descendants", person_id=person_id)


@bp.get("/ancestors/<int:person_id>")
def ancestors(person_id: int) -> str | Response:
    """A person's ancestors (pedigree)."""
    chart = ChartRequest("ancestors", person_id, up=number("up", 5, 1, 30), **_common())
    return _respond(chart, "charts.ancestors", person_id=person_id)


@bp.get("/relationship/<int:a>/<int:b>")
def relationship(a: int, b: int) -> str | Response:
    """How two people are related: the blood paths through their common ancestors."""
    return _respond(ChartRequest("relationship", a, b, **_common()), "charts.relationship", a=a, b=b)


@bp.get("/family")
def family() -> str | Response:
    """The family chart (descendants of the founding couple), or everyone with ``scope=all``."""
    kind = "whole" if request.args.get("scope") == "all" else "family"
    return _respond(ChartRequest(kind, generations=number("generations", None, 1, 60), **_common()), "charts.family")


@bp.get("/")
def index() -> BaseResponse:
    """The controls' form lands here: go to the chart of the chosen kind."""
    kind = request.args.get("kind", "person")
    person_id = number("person_id", None, 1, 2**31 - 1)
    keep = {k: v for k in ("up", "down", "generations", "days") if is_number(v := request.args.get(k, ""))}
    if kind in ("family", "whole"):
        return redirect(url_for("charts.family", scope="all" if kind == "whole" else None, **keep))
    if kind not in KINDS or kind == "relationship" or person_id is None:
        return redirect(url_for("charts.family", **keep))
    return redirect(url_for(f"charts.{kind}", person_id=person_id, **keep))


@bp.get("/jobs/<int:job_id>")
def job_status(job_id: int) -> Response:
    """How far the drawing of a big chart is (for the progress bar)."""
    state = job_state(get_session(), job_id)
    if state is None or state.kind != JOB_KIND:
        abort(404)
    return jsonify(state.as_json())
