"""Fixtures of the invitation tests: a small family in the tree, and invitations made through the service."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select

from famille.invitations import services
from famille.models import Invitation, Person
from tests.imports.helpers import run_import

# Hélène (daughter of Marc and Sylvie, sister of Luc), her partner Antoine and their daughter Léa; Joseph, long dead.
FAMILY = """0 HEAD
1 GEDC
2 VERS 5.5.1
2 FORM LINEAGE-LINKED
1 CHAR UTF-8
0 @I1@ INDI
1 NAME Marc /Tremblay/
1 SEX M
1 BIRT
2 DATE 12 MAR 1950
1 FAMS @F1@
0 @I2@ INDI
1 NAME Sylvie /Côté/
1 SEX F
1 BIRT
2 DATE ABT 1952
1 FAMS @F1@
0 @I3@ INDI
1 NAME Hélène /Tremblay/
1 SEX F
1 BIRT
2 DATE 4 JUL 1987
1 FAMC @F1@
1 FAMS @F2@
0 @I4@ INDI
1 NAME Luc /Tremblay/
1 SEX M
1 BIRT
2 DATE 1990
1 FAMC @F1@
0 @I5@ INDI
1 NAME Antoine /Gagnon/
1 SEX M
1 FAMS @F2@
0 @I6@ INDI
1 NAME Léa /Gagnon/
1 BIRT
2 DATE 2015
1 FAMC @F2@
0 @I7@ INDI
1 NAME Joseph /Tremblay/
1 SEX M
1 BIRT
2 DATE 1890
1 DEAT
2 DATE 1960
0 @F1@ FAM
1 HUSB @I1@
1 WIFE @I2@
1 CHIL @I3@
1 CHIL @I4@
0 @F2@ FAM
1 HUSB @I5@
1 WIFE @I3@
1 CHIL @I6@
0 TRLR
"""

LINK = re.compile(r"https?://[^\s\"'<>]+/join/([A-Za-z0-9_-]+)")


@pytest.fixture
def family(app) -> dict[str, int]:
    """Import the family; returns the person ids by given name ("Hélène" → 3…)."""
    run_import(app, FAMILY)
    session = app.extensions["famille.sessionmaker"]()
    try:
        return {p.given_name: p.person_id for p in session.scalars(select(Person))}
    finally:
        session.close()


@pytest.fixture
def invite(app):
    """Create an invitation through the service (as an admin by default); returns (invitation id, raw token).

    ``expired=True`` backdates the expiry, ``revoked=True`` revokes it, ``used=n`` counts n uses already.
    """

    def make(
        *, expired: bool = False, revoked: bool = False, used: int = 0, created_by: int | None = None, **options
    ) -> tuple[int, str]:
        session = app.extensions["famille.sessionmaker"]()
        try:
            made = services.create_invitation(
                session, inviter_role="admin", created_by=created_by, actor="test", **options
            )
            invitation = made.invitation
            if expired:
                invitation.expires_at = services.utcnow() - dt.timedelta(days=1)
            if revoked:
                invitation.revoked_at = services.utcnow()
            invitation.uses = used
            session.commit()
            return invitation.invitation_id, made.token
        finally:
            session.close()

    return make


def load_invitation(app, invitation_id: int) -> Invitation:
    """A fresh copy of an invitation row."""
    session = app.extensions["famille.sessionmaker"]()
    try:
        return session.get(Invitation, invitation_id)
    finally:
        session.close()
