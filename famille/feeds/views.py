"""Feeds and dates: the member's secret feed addresses, the feeds themselves, and the page of dates.

``/account/feeds`` lists the member's two addresses (the family feed, the calendar) with buttons to make, remake
or revoke each one; a new address is shown once, on the page that answers the button. The feeds need no log-in:
the token in the address is the credential, so an unknown or revoked token, or a deactivated account, is a 404.
``/dates`` shows the coming birthdays and anniversaries and "on this day", as the viewer may see them.
"""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response

from famille.auth.access import current_viewer, requires
from famille.auth.resets import absolute_url
from famille.db import get_session
from famille.feed.dates import on_this_day, upcoming_occasions
from famille.feeds import documents, services
from famille.feeds.forms import FeedActionForm
from famille.models import User

bp = Blueprint("feeds", __name__)

KIND = "<any(atom, ics):kind>"
#: Feed readers poll often; they may keep a copy this long (seconds), and ask again with the ETag.
FEED_MAX_AGE = 900
DATES_DAYS = 30
#: A big family has many birthdays a month: the page lists this many, and the roundest past events of the day.
DATES_SHOWN, PAST_SHOWN = 200, 30


def _me() -> User:
    user = get_session().get(User, current_user.user_id)
    if user is None:  # deleted in another tab between the session check and now
        abort(404)
    return user


def _settings_page(user: User, new: dict[str, str] | None = None) -> str:
    tokens = services.feed_tokens(get_session(), user_id=user.user_id)
    return render_template("feeds/settings.html", tokens=tokens, new=new or {}, form=FeedActionForm())


@bp.get("/account/feeds")
@requires("edit_own")
def settings() -> str:
    """The member's feed addresses: whether each exists, when made and last read, and the buttons."""
    return _settings_page(_me())


@bp.post(f"/account/feeds/{KIND}/new")
@requires("edit_own")
def issue(kind: str) -> str:
    """Make (or remake) an address and show it, once."""
    if not FeedActionForm().validate_on_submit():
        abort(400)
    user, db = _me(), get_session()
    try:
        token = services.issue_token(db, user=user, kind=kind)
        db.commit()
    except IntegrityError:
        # Two presses at once both found no address and both made one: the second now renews the first's.
        db.rollback()
        token = services.issue_token(db, user=user, kind=kind)
        db.commit()
    endpoint = "feeds.atom" if kind == services.ATOM else "feeds.calendar"
    return _settings_page(user, new={kind: absolute_url(endpoint, token=token)})


@bp.post(f"/account/feeds/{KIND}/revoke")
@requires("edit_own")
def revoke(kind: str) -> Response:
    """Revoke an address: feed readers that use it get nothing from now on."""
    if not FeedActionForm().validate_on_submit():
        abort(400)
    db = get_session()
    if services.revoke_token(db, user=_me(), kind=kind):
        db.commit()
        flash(_("The address was revoked: it no longer works."), "success")
    return redirect(url_for("feeds.settings"))


def _feed(body: bytes, mimetype: str) -> Response:
    """A feed response that readers may keep a while and ask again for with its ETag (304 when unchanged)."""
    response = make_response(body)
    response.headers["Content-Type"] = f"{mimetype}; charset=utf-8"
    response.headers["Cache-Control"] = f"private, max-age={FEED_MAX_AGE}"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Robots-Tag"] = "noindex"
    response.add_etag()
    return response.make_conditional(request)


def _reader(token: str, kind: str) -> User:
    db = get_session()
    user = services.reader_of(db, token=token, kind=kind)
    if user is None:
        abort(404)
    db.commit()  # the "last read" time
    return user


@bp.get("/feeds/<token>/family.atom")
def atom(token: str) -> Response:
    """The family feed of the member whose token this is, as they may see it (no log-in: the token is the key)."""
    user = _reader(token, services.ATOM)
    return _feed(documents.atom_for(get_session(), user=user, token=token), "application/atom+xml")


@bp.get("/feeds/<token>/birthdays.ics")
def calendar(token: str) -> Response:
    """The member's calendar of birthdays and anniversaries (no log-in: the token is the key)."""
    user = _reader(token, services.ICS)
    return _feed(documents.calendar_for(get_session(), user=user, today=date.today()), "text/calendar")


@bp.get("/dates")
def dates() -> str:
    """The coming 30 days' birthdays and anniversaries, by day, and on this day in the family's history."""
    db, viewer, today = get_session(), current_viewer(), date.today()
    occasions = upcoming_occasions(db, viewer=viewer, start=today, days=DATES_DAYS)
    return render_template(
        "feeds/dates.html",
        occasions=occasions[:DATES_SHOWN],
        more=max(len(occasions) - DATES_SHOWN, 0),
        past=on_this_day(db, viewer=viewer, day=today, limit=PAST_SHOWN),
        today=today,
        days=DATES_DAYS,
    )
