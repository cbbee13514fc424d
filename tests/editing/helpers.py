"""Helpers for the editing tests: the small family's ids, rows read back, and forms posted with their token."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.test import TestResponse

from famille.models import Change, Family, NameToken, Person
from tests.imports.helpers import SMALL_FAMILY, run_import

EN = {"Accept-Language": "en"}
FR = {"Accept-Language": "fr"}
_TOKEN = re.compile(r'name="(?:\w+-)?csrf_token"[^>]*value="([^"]+)"')


@dataclass(frozen=True)
class Tree:
    """Ids in the small family: Marc and Sylvie (a couple, family F1), their daughter Hélène, and Joseph alone."""

    marc: int
    sylvie: int
    helene: int
    joseph: int
    couple: int


def build_tree(app) -> Tree:
    """Import the small family and return its ids."""
    run_import(app, SMALL_FAMILY)
    session = app.extensions["famille.sessionmaker"]()
    try:
        ids = dict(session.execute(select(Person.xref, Person.person_id)).all())
        couple = session.scalar(select(Family.family_id))
        return Tree(ids["I1"], ids["I2"], ids["I3"], ids["I4"], couple)
    finally:
        session.close()


def token(client: FlaskClient, page: str) -> str:
    """A CSRF token from ``page`` (any form's: they are all valid for the session)."""
    response = client.get(page, headers=EN)
    match = _TOKEN.search(response.get_data(as_text=True))
    assert match, f"no CSRF token on {page} ({response.status_code})"
    return match.group(1)


def post(client: FlaskClient, url: str, data: dict, *, page: str | None = None, prefix: str = "") -> TestResponse:
    """POST ``data`` to ``url`` with a CSRF token taken from ``page`` (default: ``url``), in English."""
    key = f"{prefix}-csrf_token" if prefix else "csrf_token"
    return client.post(url, data={**data, key: token(client, page or url)}, headers=EN)


def person_row(app, person_id: int) -> Person | None:
    """The person's row as the database holds it now."""
    session = app.extensions["famille.sessionmaker"]()
    try:
        return session.get(Person, person_id)
    finally:
        session.close()


def tokens_of(app, person_id: int) -> set[str]:
    """The person's search words."""
    session = app.extensions["famille.sessionmaker"]()
    try:
        return set(session.scalars(select(NameToken.token).where(NameToken.person_id == person_id)))
    finally:
        session.close()


def changes_of(app, *kinds: str) -> list[Change]:
    """The recorded changes of these kinds, oldest first."""
    session = app.extensions["famille.sessionmaker"]()
    try:
        return list(session.scalars(select(Change).where(Change.kind.in_(kinds)).order_by(Change.change_id)))
    finally:
        session.close()


def text_of(response: TestResponse) -> str:
    """The page's text, HTML entities as the browser shows them."""
    return html.unescape(response.get_data(as_text=True))
