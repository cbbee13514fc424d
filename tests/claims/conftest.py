"""Fixtures of the claims tests: the known family on a real site, and reading rows back."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from famille.models import Change, Claim, User
from tests.claims.family import build_committed


@pytest.fixture
def family(app) -> dict[str, int]:
    """The known family of tests/claims/family.py, committed; each first name's person_id."""
    return build_committed(app)


class Reader:
    """Reads rows back in a fresh session, as the next request would see them."""

    def __init__(self, app) -> None:
        self.app = app

    def _session(self):
        return self.app.extensions["famille.sessionmaker"]()

    def user(self, user_id: int) -> User:
        with self._session() as session:
            return session.get_one(User, user_id)

    def claims(self) -> list[Claim]:
        with self._session() as session:
            return list(session.scalars(select(Claim).order_by(Claim.claim_id)))

    def change_kinds(self) -> list[str]:
        with self._session() as session:
            return list(session.scalars(select(Change.kind).order_by(Change.change_id)))

    def update_user(self, user_id: int, **values: object) -> None:
        with self._session() as session:
            user = session.get_one(User, user_id)
            for name, value in values.items():
                setattr(user, name, value)
            session.commit()


@pytest.fixture
def read(app) -> Reader:
    """A :class:`Reader` on the app's database."""
    return Reader(app)
