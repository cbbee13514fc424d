"""Helpers for the feed tests: changes made through the real services, and the feed read back as a viewer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask_babel import force_locale
from sqlalchemy.orm import Session

from famille.claims.services import approve_claim, make_claim
from famille.editing.events import EventInput, Owner, add_event
from famille.editing.services import LivingRule
from famille.feed.log import FeedEntry, describe, feed_entries
from famille.models import User
from famille.privacy import Viewer
from famille.profiles.services import Actor, add_link

ACTOR = Actor(user_id=None, name="test")
RULE = LivingRule(current_year=2026, living_years=110)


def in_session(app, work: Callable[[Session], Any]) -> Any:
    """Run ``work`` in a session of ``app`` and commit, as a request would."""
    with app.extensions["famille.sessionmaker"]() as session:
        result = work(session)
        session.commit()
        return result


def add_life_event(app, *, tag: str, date: str, person_id: int | None = None, family_id: int | None = None) -> None:
    """Add an event (BIRT, MARR, DEAT…) through the editing service."""
    owner = Owner(person_id=person_id, family_id=family_id)
    in_session(
        app, lambda s: add_event(s, owner=owner, event=EventInput(tag=tag, date_text=date), actor=ACTOR, rule=RULE)
    )


def add_profile_link(app, *, person_id: int, url: str) -> None:
    """Add a profile link through the links service."""
    in_session(app, lambda s: add_link(s, person_id=person_id, raw=url, label="", actor=ACTOR))


def join(app, *, user_id: int, person_id: int, editor_id: int) -> None:
    """The member claims ``person_id`` and an editor approves: they joined the site."""

    def work(session: Session) -> None:
        claim = make_claim(session, user=session.get(User, user_id), person_id=person_id)
        session.flush()
        approve_claim(session, claim_id=claim.claim_id, editor=session.get(User, editor_id))

    in_session(app, work)


def entries(app, viewer: Viewer, **options: Any) -> list[FeedEntry]:
    """The feed as ``viewer`` sees it."""
    return in_session(app, lambda s: feed_entries(s, viewer=viewer, **options))


def lines(app, viewer: Viewer, lang: str = "en", **options: Any) -> list[str]:
    """The feed's lines as ``viewer`` reads them in ``lang``."""
    found = entries(app, viewer, **options)
    with app.test_request_context(), force_locale(lang):
        return [describe(entry) for entry in found]
