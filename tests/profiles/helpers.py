"""Helpers for the profile-link tests: a small family with one link of each origin, and reading rows back."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from famille.models import Change, Person, ProfileLink
from famille.profiles.services import Actor, add_link
from tests.imports.helpers import SMALL_FAMILY, run_import

EN = {"Accept-Language": "en"}


@dataclass(frozen=True)
class Family:
    """Ids in the small family: Marc (a link from the file), Hélène (a link added on the site), Joseph (none)."""

    marc: int
    helene: int
    joseph: int
    marc_link: int
    helene_link: int


def build_family(app) -> Family:
    """Import the small family and give Hélène one link added on the site."""
    run_import(app, SMALL_FAMILY)
    session = app.extensions["famille.sessionmaker"]()
    try:
        ids = dict(session.execute(select(Person.xref, Person.person_id)).all())
        marc_link = session.scalar(select(ProfileLink.link_id).where(ProfileLink.person_id == ids["I1"]))
        saved = add_link(
            session,
            person_id=ids["I3"],
            raw="https://www.facebook.com/helene.tremblay.demo",
            label="",
            actor=Actor(user_id=None, name="set-up"),
        )
        session.commit()
        return Family(ids["I1"], ids["I3"], ids["I4"], marc_link, saved.link.link_id)
    finally:
        session.close()


def links_of(app, person_id: int) -> list[ProfileLink]:
    """The person's link rows, in display order."""
    session = app.extensions["famille.sessionmaker"]()
    try:
        query = select(ProfileLink).where(ProfileLink.person_id == person_id)
        return list(session.scalars(query.order_by(ProfileLink.position, ProfileLink.link_id)))
    finally:
        session.close()


def changes_of(app, *kinds: str) -> list[Change]:
    """The recorded changes of these kinds, oldest first."""
    session = app.extensions["famille.sessionmaker"]()
    try:
        return list(session.scalars(select(Change).where(Change.kind.in_(kinds)).order_by(Change.change_id)))
    finally:
        session.close()
