"""The one place that decides what a viewer may see of a person.

Deceased people are public. A living person is private to visitors: listed as "Private" under their surname, with
no given name, dates, places, notes or links. Accounts and roles (members see everyone) build on :class:`Viewer`.
"""

from __future__ import annotations

from dataclasses import dataclass

from famille.auth.roles import VISITOR as VISITOR_ROLE
from famille.auth.roles import has_permission
from famille.markers import N_

PRIVATE_LABEL = N_("Private")


@dataclass(frozen=True, slots=True)
class Viewer:
    """Who is looking: their role, their account and the person of the tree they are (if any)."""

    role: str = VISITOR_ROLE
    user_id: int | None = None
    person_id: int | None = None

    @property
    def is_member(self) -> bool:
        """Whether the viewer sees the living (members, editors, admins)."""
        return has_permission(self.role, "view_living")


VISITOR = Viewer()


@dataclass(frozen=True, slots=True)
class PersonView:
    """What a viewer may see of one person in a list: name, years and whether details are hidden."""

    person_id: int
    given_name: str
    surname: str
    birth_date: str
    death_date: str
    is_private: bool


def can_see_details(viewer: Viewer, *, living: bool) -> bool:
    """Whether ``viewer`` may see the details (given names, dates, places, notes, links) of a person."""
    return viewer.is_member or not living


def person_view(
    viewer: Viewer,
    *,
    person_id: int,
    given_name: str,
    surname: str,
    birth_date: str,
    death_date: str,
    living: bool,
) -> PersonView:
    """The version of a person's listing fields that ``viewer`` may see."""
    if can_see_details(viewer, living=living):
        return PersonView(person_id, given_name, surname, birth_date, death_date, is_private=False)
    return PersonView(person_id, "", surname, "", "", is_private=True)
