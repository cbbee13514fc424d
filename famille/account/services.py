"""What the account page shows: the account, its role explained, and the person of the tree it is linked to."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from famille.auth.roles import ADMIN, EDITOR, MEMBER
from famille.markers import N_
from famille.models import Person, User

#: Each role's name and what it lets the account do, in words a relative understands.
ROLE_LABELS: dict[str, tuple[str, str]] = {
    MEMBER: (N_("Member"), N_("You see the whole family and can edit your own details.")),
    EDITOR: (N_("Editor"), N_("You can edit anyone's details, invite relatives and approve claims.")),
    ADMIN: (N_("Admin"), N_("You organise the site: imports, settings and accounts.")),
}


@dataclass(frozen=True, slots=True)
class LinkedPerson:
    """The account's person in the tree, as the account page names and links it."""

    person_id: int
    name: str
    surname_key: str


@dataclass(frozen=True, slots=True)
class AccountOverview:
    """Everything the account page shows about one account."""

    email: str
    display_name: str
    role: str
    role_label: str
    role_description: str
    locale: str
    person: LinkedPerson | None


def account_overview(session: Session, *, user_id: int) -> AccountOverview | None:
    """The account and its linked person, in one query; None when the account is gone."""
    row = session.execute(
        select(User, Person).outerjoin(Person, Person.person_id == User.person_id).where(User.user_id == user_id)
    ).first()
    if row is None:
        return None
    user, person = row
    label, description = ROLE_LABELS.get(user.role, (user.role, ""))
    linked = LinkedPerson(person.person_id, person.display_name, person.surname_key) if person is not None else None
    return AccountOverview(
        email=user.email,
        display_name=user.display_name,
        role=user.role,
        role_label=label,
        role_description=description,
        locale=user.locale,
        person=linked,
    )
