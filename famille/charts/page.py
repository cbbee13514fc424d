"""What a chart page shows around the drawing: controls' values, links, search results, the updates list."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from flask import current_app, request, url_for
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import Session

from famille.charts import words
from famille.charts.output import PENDING, TOO_BIG, ChartOutput, ChartRequest
from famille.jobs import job_state
from famille.models import User
from famille.people.search import search_people
from famille.privacy import Viewer

_PROLOGUE = re.compile(r"^.*?(?=<svg)", re.DOTALL)
#: The query arguments a chart's own links keep (anything else, like ``person_id`` or ``_scheme``, would clash
#: with ``url_for``'s own arguments).
CHART_ARGS = ("up", "down", "generations", "days", "scope")


def number(name: str, default: int | None, low: int, high: int) -> int | None:
    """A whole number from the query string, kept within [low, high]; the default when missing or not a number."""
    raw = request.args.get(name, "").strip()
    if not is_number(raw):
        return default
    return min(max(int(raw), low), high)


def is_number(raw: str) -> bool:
    """Whether ``raw`` is a plain whole number of ASCII digits (``isdigit`` alone lets "²" and "١" through)."""
    return raw.isascii() and raw.isdigit() and len(raw) <= 12


def last_visit(session: Session, viewer: Viewer) -> datetime | None:
    """A member's previous visit (their "new since your last visit" mark starts there); None for visitors."""
    if viewer.user_id is None or not viewer.is_member:
        return None
    return session.scalar(select(User.previous_visit_at).where(User.user_id == viewer.user_id))


def inline_svg(data: bytes) -> Markup:
    """The SVG drawn by ``dot`` to put inside the page (without its XML prologue); ``dot`` escaped every text."""
    return Markup(_PROLOGUE.sub("", data.decode("utf-8"), count=1))  # noqa: S704 - made by dot from escaped labels


def _fewer(chart: ChartRequest, endpoint: str, values: dict[str, int]) -> list[tuple[int, str]]:
    """Links to the same chart with fewer generations, when the kind has generations."""
    if chart.kind in ("descendants", "family", "whole"):
        return [(n, url_for(endpoint, generations=n, **values)) for n in (2, 3, 4, 5)]
    if chart.kind in ("person", "ancestors"):
        return [(n, url_for(endpoint, up=n, down=min(chart.down, n), **values)) for n in (1, 2) if n < max(chart.up, 1)]
    return []


def chart_context(
    session: Session, *, viewer: Viewer, chart: ChartRequest, output: ChartOutput, endpoint: str, values: dict[str, int]
) -> dict[str, Any]:
    """Everything templates/charts/chart.html needs besides the chart itself."""
    meta = output.meta or {}
    query = {key: request.args[key] for key in CHART_ARGS if key in request.args}
    text = request.args.get("q", "")[:200].strip()
    found = search_people(session, text=text, viewer=viewer, limit=10).people if text else []
    svg = inline_svg(output.data) if output.status not in (PENDING, TOO_BIG) and output.data else None
    since = last_visit(session, viewer)
    updates = [_with_visit(dict(u, when=_when(u["when"])), since) for u in meta.get("updates", [])]
    return {
        "chart": chart,
        "output": output,
        "meta": meta,
        "title": meta.get("title") or words.title("whole", []),
        "svg": svg,
        "updates": updates,
        "badge_words": words.badge_words(),
        "legend": words.legend_words(with_new=since is not None),
        "new_since_visit": " ".join(f"person-{u['person_id']}" for u in updates if u["new_since_visit"]),
        "pdf_url": url_for(endpoint, **values, **query, format="pdf"),
        "here": url_for(endpoint, **values, **query),
        "query": query,
        "fewer": _fewer(chart, endpoint, values) if output.status == TOO_BIG else [],
        "poster_url": _poster_url(chart) if output.status == TOO_BIG else None,
        "found": found,
        "query_text": text,
        "in_chart": {p.person_id for p in found if svg is not None and f'id="person&#45;{p.person_id}"' in svg},
        "job": job_state(session, output.job_id) if output.job_id is not None else None,
        "max_people": int(current_app.config["CHART_MAX_PEOPLE"]),
    }


def _with_visit(update: dict[str, Any], since: datetime | None) -> dict[str, Any]:
    """An update of the drawing's list, marked new when it came after the member's previous visit."""
    when = update["when"]
    if since is not None and when is not None:
        when, since = (moment if moment.tzinfo else moment.replace(tzinfo=UTC) for moment in (when, since))
    update["new_since_visit"] = bool(since is not None and when is not None and when > since)
    return update


def _when(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


def _poster_url(chart: ChartRequest) -> str | None:
    """The poster of this chart, when the site has posters."""
    if "posters.new" not in current_app.view_functions:
        return None
    try:
        return url_for("posters.new", kind=chart.kind, person_id=chart.person_id)
    except Exception:  # noqa: BLE001 - the poster page may take other arguments; then offer it plain
        return url_for("posters.new")
