"""Reading invitations and people for the editors' pages: the invitations list and the person picker.

Each page costs a fixed number of queries (the invitations, then who joined through them), whatever the
family's size. What editors see of a person still goes through privacy.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased

from famille.invitations.services import aware, invitable_roles, invitation_state, utcnow
from famille.models import Invitation, InvitationUse, Person, User
from famille.privacy import PersonView, Viewer
from famille.text import fold
from famille.visibility import page_privacy

SEARCH_LIMIT = 25


@dataclass(frozen=True, slots=True)
class Joined:
    """Someone who joined through an invitation (empty name: the account was deleted since)."""

    name: str
    used_at: dt.datetime


@dataclass(frozen=True, slots=True)
class InvitationRow:
    """One line of the invitations page."""

    invitation_id: int
    state: str
    uses: int
    max_uses: int
    role: str
    created_at: dt.datetime
    expires_at: dt.datetime
    creator: str
    person: PersonView | None
    email: str
    joined: list[Joined]
    can_change: bool


@dataclass(frozen=True, slots=True)
class InvitationPage:
    """A page of invitations, newest first."""

    rows: list[InvitationRow]
    page: int
    pages: int
    total: int


def _joined(session: Session, invitation_ids: list[int]) -> dict[int, list[Joined]]:
    rows = session.execute(
        select(InvitationUse.invitation_id, InvitationUse.used_at, User.display_name, User.email)
        .outerjoin(User, User.user_id == InvitationUse.user_id)
        .where(InvitationUse.invitation_id.in_(invitation_ids))
        .order_by(InvitationUse.used_at, InvitationUse.use_id)
    ).all()
    joined: dict[int, list[Joined]] = {}
    for invitation_id, used_at, name, email in rows:
        joined.setdefault(invitation_id, []).append(Joined(name or email or "", aware(used_at)))
    return joined


def list_invitations(
    session: Session, *, viewer: Viewer, viewer_role: str, page: int, per_page: int, now: dt.datetime | None = None
) -> InvitationPage:
    """The invitations, newest first, with their state, creator, person and who joined through them."""
    total = session.scalar(select(func.count()).select_from(Invitation)) or 0
    pages = max(1, -(-total // per_page))
    page = min(max(page, 1), pages)
    creator = aliased(User)
    rows = session.execute(
        select(Invitation, creator.display_name, creator.email, Person)
        .outerjoin(creator, creator.user_id == Invitation.created_by)
        .outerjoin(Person, Person.person_id == Invitation.person_id)
        .order_by(Invitation.created_at.desc(), Invitation.invitation_id.desc())
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    joined = _joined(session, [row[0].invitation_id for row in rows])
    sight = page_privacy(session, viewer, [row[3].person_id for row in rows if row[3] is not None and row[3].living])
    allowed = invitable_roles(viewer_role)
    moment = now or utcnow()
    result = [
        InvitationRow(
            invitation_id=invitation.invitation_id,
            state=invitation_state(invitation, now=moment),
            uses=invitation.uses,
            max_uses=invitation.max_uses,
            role=invitation.role,
            created_at=aware(invitation.created_at),
            expires_at=aware(invitation.expires_at),
            creator=name or email or "",
            person=sight.view_person(person) if person is not None else None,
            email=invitation.email,
            joined=joined.get(invitation.invitation_id, []),
            can_change=invitation.role in allowed,
        )
        for invitation, name, email, person in rows
    ]
    return InvitationPage(rows=result, page=page, pages=pages, total=total)


@dataclass(frozen=True, slots=True)
class PersonChoice:
    """A person offered by the picker, and whether an account already claims them."""

    person: PersonView
    has_account: bool


def _choices(session: Session, query: Select[tuple[Person]], viewer: Viewer) -> list[PersonChoice]:
    rows = session.execute(query.add_columns(User.user_id).outerjoin(User, User.person_id == Person.person_id)).all()
    sight = page_privacy(session, viewer, [person.person_id for person, _ in rows if person.living])
    return [PersonChoice(sight.view_person(person), user_id is not None) for person, user_id in rows]


def search_people(session: Session, *, query: str, viewer: Viewer, limit: int = SEARCH_LIMIT) -> list[PersonChoice]:
    """People whose names hold every word of ``query``, accents and case aside (``helene trem`` finds Hélène)."""
    words = fold(query).split()
    if not words:
        return []
    statement = select(Person)
    for word in words[:8]:
        statement = statement.where(Person.search_text.contains(word, autoescape=True))
    statement = statement.order_by(Person.surname_key, Person.given_name, Person.birth_sort, Person.person_id).limit(
        limit
    )
    return _choices(session, statement, viewer)


def person_choice(session: Session, *, person_id: int, viewer: Viewer) -> PersonChoice | None:
    """The picker's entry for one person (the one already chosen), or None if there is no such person."""
    found = _choices(session, select(Person).where(Person.person_id == person_id), viewer)
    return found[0] if found else None
