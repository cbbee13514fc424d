"""The known family of tests/claims/family.py, committed, with sexes, a link, and a member who keeps to close family."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from famille.models import NameToken, Person, ProfileLink, User
from famille.privacy import PRIVACY_CLOSE_FAMILY
from famille.text import name_tokens
from tests.claims.family import build_committed

EN = {"Accept-Language": "en"}
FR = {"Accept-Language": "fr"}

MEN = {"Gaston", "Henri", "Armand", "Marc", "Bernard", "Rémi", "Paul", "Julien", "Nicolas"}


@pytest.fixture
def family(app, make_user) -> dict[str, int]:
    """The family's ids by first name; Nicolas has a LinkedIn link; Rémi's account shows him to 1 degree only."""
    ids = build_committed(app)
    session = app.extensions["famille.sessionmaker"]()
    try:
        for person in session.scalars(select(Person)):
            person.sex = "M" if person.given_name in MEN else "F"
            # The people search reads name tokens, which build_family does not write.
            for token in name_tokens(person.given_name, person.surname):
                session.add(NameToken(token=token, person_id=person.person_id))
        session.add(
            ProfileLink(
                person_id=ids["Nicolas"],
                url="https://www.linkedin.com/in/nicolas-roy-test",
                platform="linkedin",
                handle="nicolas-roy-test",
            )
        )
        session.commit()
    finally:
        session.close()
    user_id = make_user("member", person_id=ids["Rémi"])
    session = app.extensions["famille.sessionmaker"]()
    try:
        user = session.get(User, user_id)
        user.privacy, user.privacy_degree = PRIVACY_CLOSE_FAMILY, 1
        session.commit()
    finally:
        session.close()
    return ids
