"""The one place that decides what a viewer may see of a person.

The rules:

- Deceased people are public: everyone sees them in full.
- A living person is private to visitors (not logged in): they appear as "Private", without dates, places, notes
  or links; their name is shown as the site setting ``visitor_names`` says — ``surname`` (the default: surname
  shown, given name hidden), ``none`` (nothing but "Private") or ``full`` (the whole name, still nothing else).
- Members and above see every living person, except one whose account chose the privacy ``close_family`` with a
  degree N: then only the person themself, editors and admins, and members whose own person is within N degrees
  of kinship of them (see :mod:`famille.kinship.closeness`) see the details; other members see them as visitors
  do. The privacy ``members`` (the default) lets every member see.

This module imports neither Flask nor a session: the caller passes the facts (living, the account's privacy
choice, the ``visitor_names`` setting) and, for ``close_family``, a function telling how close the viewer is.
:mod:`famille.visibility` gathers those facts for a page in a bounded number of queries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from famille.auth.roles import VISITOR as VISITOR_ROLE
from famille.auth.roles import has_permission
from famille.markers import N_

PRIVATE_LABEL = N_("Private")

#: The site setting saying which part of a private person's name visitors see, and its values.
VISITOR_NAMES_KEY = "visitor_names"
NAMES_SURNAME, NAMES_NONE, NAMES_FULL = "surname", "none", "full"
VISITOR_NAMES_CHOICES: tuple[str, ...] = (NAMES_SURNAME, NAMES_NONE, NAMES_FULL)

#: A member's choice of who sees their living person (``User.privacy``) and the degrees allowed with it.
PRIVACY_MEMBERS, PRIVACY_CLOSE_FAMILY = "members", "close_family"
PRIVACY_CHOICES: tuple[str, ...] = (PRIVACY_MEMBERS, PRIVACY_CLOSE_FAMILY)
MIN_PRIVACY_DEGREE, MAX_PRIVACY_DEGREE, DEFAULT_PRIVACY_DEGREE = 1, 8, 4

#: ``degree_to(person_id, limit)``: how many degrees separate the viewer's person from ``person_id`` (looking no
#: further than ``limit``), or None when farther or unrelated.
DegreeLookup = Callable[[int, int], int | None]


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

    @property
    def sees_everyone(self) -> bool:
        """Whether the viewer sees even those who chose "close family only" (editors and admins)."""
        return has_permission(self.role, "edit_any")


VISITOR = Viewer()


def visitor_names_choice(value: str | None) -> str:
    """The ``visitor_names`` setting as stored, or the default when unset or unknown."""
    return value if value in VISITOR_NAMES_CHOICES else NAMES_SURNAME


def clamp_degree(degree: int | None) -> int:
    """A privacy degree within the allowed range (the default when missing)."""
    if degree is None:
        return DEFAULT_PRIVACY_DEGREE
    return min(max(int(degree), MIN_PRIVACY_DEGREE), MAX_PRIVACY_DEGREE)


def can_see_details(
    viewer: Viewer,
    *,
    living: bool,
    person_id: int | None = None,
    privacy: str = PRIVACY_MEMBERS,
    privacy_degree: int = DEFAULT_PRIVACY_DEGREE,
    degree_to: DegreeLookup | None = None,
) -> bool:
    """Whether ``viewer`` may see the details (given names, dates, places, notes, links) of a person.

    ``privacy`` and ``privacy_degree`` are the choice of the account linked to the person (if any); ``degree_to``
    is needed only to let members of the close family in (without it, they are treated as outside).
    """
    if not living:
        return True
    if not viewer.is_member:
        return False
    if privacy != PRIVACY_CLOSE_FAMILY or viewer.sees_everyone:
        return True
    if viewer.person_id is None or person_id is None:
        return False
    if viewer.person_id == person_id:
        return True
    if degree_to is None:
        return False
    limit = clamp_degree(privacy_degree)
    degree = degree_to(person_id, limit)
    return degree is not None and degree <= limit


def private_name(*, given_name: str, surname: str, visitor_names: str) -> tuple[str, str]:
    """The (given name, surname) shown of a person whose details are hidden."""
    choice = visitor_names_choice(visitor_names)
    if choice == NAMES_FULL:
        return given_name, surname
    if choice == NAMES_NONE:
        return "", ""
    return "", surname


@dataclass(frozen=True, slots=True)
class PersonView:
    """What a viewer may see of one person in a list: name, years and whether details are hidden."""

    person_id: int
    given_name: str
    surname: str
    birth_date: str
    death_date: str
    is_private: bool


def person_view(
    viewer: Viewer,
    *,
    person_id: int,
    given_name: str,
    surname: str,
    birth_date: str,
    death_date: str,
    living: bool,
    privacy: str = PRIVACY_MEMBERS,
    privacy_degree: int = DEFAULT_PRIVACY_DEGREE,
    degree_to: DegreeLookup | None = None,
    visitor_names: str = NAMES_SURNAME,
) -> PersonView:
    """The version of a person's listing fields that ``viewer`` may see (see :func:`can_see_details`)."""
    shown = can_see_details(
        viewer,
        living=living,
        person_id=person_id,
        privacy=privacy,
        privacy_degree=privacy_degree,
        degree_to=degree_to,
    )
    if shown:
        return PersonView(person_id, given_name, surname, birth_date, death_date, is_private=False)
    given, family = private_name(given_name=given_name, surname=surname, visitor_names=visitor_names)
    return PersonView(person_id, given, family, "", "", is_private=True)


@dataclass(frozen=True, slots=True)
class PersonRecord:
    """Everything a page may show of a person: names, dates and places, notes and profile links."""

    person_id: int
    given_name: str
    surname: str
    nickname: str = ""
    married_name: str = ""
    birth_date: str = ""
    birth_place: str = ""
    death_date: str = ""
    death_place: str = ""
    notes: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    is_private: bool = False


def visible_record(
    viewer: Viewer,
    record: PersonRecord,
    *,
    living: bool,
    privacy: str = PRIVACY_MEMBERS,
    privacy_degree: int = DEFAULT_PRIVACY_DEGREE,
    degree_to: DegreeLookup | None = None,
    visitor_names: str = NAMES_SURNAME,
) -> PersonRecord:
    """``record`` as ``viewer`` may see it: whole, or reduced to the name the site shows of private people."""
    shown = can_see_details(
        viewer,
        living=living,
        person_id=record.person_id,
        privacy=privacy,
        privacy_degree=privacy_degree,
        degree_to=degree_to,
    )
    if shown:
        return replace(record, is_private=False)
    given, family = private_name(given_name=record.given_name, surname=record.surname, visitor_names=visitor_names)
    return PersonRecord(record.person_id, given, family, is_private=True)
