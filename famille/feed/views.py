"""The feed page, "Quoi de neuf ?" (blueprint ``feed``): what changed in the family, by day, with filters."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import Blueprint, abort, render_template, request
from flask_babel import get_timezone
from flask_login import current_user

from famille.auth.access import current_viewer
from famille.db import get_session
from famille.feed.page import KIND_FILTERS, feed_page, parse_filters
from famille.feed.words import describe_html
from famille.models import User

bp = Blueprint("feed", __name__)
bp.add_app_template_global(describe_html, "feed_line")


def _previous_visit() -> datetime | None:
    """When the member came before this visit (None for visitors and first visits)."""
    if not current_user.is_authenticated:
        return None
    user = get_session().get(User, current_user.user_id)
    return user.previous_visit_at if user is not None else None


@bp.get("/feed")
def index() -> str:
    """What changed lately, newest first, grouped by day; filters by branch, person, kind, since the last visit."""
    filters = parse_filters(request.args)
    if filters is None:
        abort(404)
    page = feed_page(
        get_session(), viewer=current_viewer(), filters=filters, previous_visit=_previous_visit(), zone=get_timezone()
    )
    if page is None:
        abort(404)
    today = datetime.now(get_timezone()).date()
    return render_template(
        "feed/index.html", page=page, kinds=KIND_FILTERS, today=today, yesterday=today - timedelta(days=1)
    )
