"""The facts :mod:`famille.privacy` decides on, gathered for one page in a bounded number of queries; and the
member's own choice of privacy.

A page lists rows of people; before it shows them, it asks :func:`people_views` (or builds a :class:`Sight`
itself): the ``visitor_names`` setting (one query), the privacy choices of the accounts linked to the living
people listed (one query per 500 people, only for members who do not see everyone), and — only when one of them
chose "close family only" — one walk of the viewer's kin, shared by the whole page.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from famille.kinship.closeness import CHUNK, kin_of
from famille.models import Change, Person, User
from famille.privacy import (
    DEFAULT_PRIVACY_DEGREE,
    PRIVACY_CHOICES,
    PRIVACY_MEMBERS,
    VISITOR_NAMES_KEY,
    PersonView,
    Viewer,
    can_see_details,
    clamp_degree,
    person_view,
    visitor_names_choice,
)
from famille.site.services import get_setting


def visitor_names(session: Session) -> str:
    """The site's ``visitor_names`` setting: which part of a private person's name visitors see."""
    return visitor_names_choice(get_setting(session, VISITOR_NAMES_KEY, ""))


@dataclass(frozen=True, slots=True)
class AccountPrivacy:
    """The privacy choice of the account linked to a person."""

    privacy: str = PRIVACY_MEMBERS
    privacy_degree: int = DEFAULT_PRIVACY_DEGREE


def account_privacy(session: Session, person_ids: Collection[int]) -> dict[int, AccountPrivacy]:
    """The privacy choices of the accounts linked to ``person_ids`` (people without an account are absent)."""
    ordered = sorted(set(person_ids))
    found: dict[int, AccountPrivacy] = {}
    for start in range(0, len(ordered), CHUNK):
        rows = session.execute(
            select(User.person_id, User.privacy, User.privacy_degree).where(
                User.person_id.in_(ordered[start : start + CHUNK])
            )
        )
        for person_id, privacy, degree in rows:
            found[person_id] = AccountPrivacy(privacy or PRIVACY_MEMBERS, degree or DEFAULT_PRIVACY_DEGREE)
    return found


@dataclass(slots=True)
class KinLookup:
    """How close the viewer's person is to others: one walk, widened only if a later question reaches farther."""

    session: Session
    person_id: int
    _limit: int = -1
    _degrees: dict[int, int] = field(default_factory=dict)

    def __call__(self, person_id: int, limit: int) -> int | None:
        """The degree between the viewer's person and ``person_id`` (None beyond ``limit``)."""
        if limit > self._limit:
            self._degrees = kin_of(self.session, self.person_id, degrees=limit)
            self._limit = limit
        degree = self._degrees.get(person_id)
        return degree if degree is not None and degree <= limit else None


@dataclass(frozen=True, slots=True)
class Sight:
    """A viewer with what a page needs to apply the rules: the names setting and the kinship lookup."""

    viewer: Viewer
    visitor_names: str
    degree_to: KinLookup | None


def sight_for(session: Session, viewer: Viewer) -> Sight:
    """The :class:`Sight` of ``viewer`` for one page (the kin walk happens only if a page needs it)."""
    lookup = KinLookup(session, viewer.person_id) if viewer.person_id is not None else None
    return Sight(viewer=viewer, visitor_names=visitor_names(session), degree_to=lookup)


def set_privacy(session: Session, *, user: User, privacy: str, degree: int) -> None:
    """Record the member's choice of who sees their living person (and how close, for "close family")."""
    if privacy not in PRIVACY_CHOICES:
        raise ValueError(f"unknown privacy {privacy!r}")
    old = {"privacy": user.privacy, "degree": user.privacy_degree}
    user.privacy, user.privacy_degree = privacy, clamp_degree(degree)
    new = {"privacy": user.privacy, "degree": user.privacy_degree}
    if new != old:
        session.add(
            Change(
                kind="privacy_changed",
                user_id=user.user_id,
                actor=user.email,
                person_id=user.person_id,
                details={"old": old, "new": new},
            )
        )


def privacy_of_listed(session: Session, viewer: Viewer, living_ids: Collection[int]) -> dict[int, AccountPrivacy]:
    """The privacy choices that matter to ``viewer`` among the living people listed (none for visitors, editors)."""
    if not viewer.is_member or viewer.sees_everyone or not living_ids:
        return {}
    return account_privacy(session, living_ids)


@dataclass(frozen=True, slots=True)
class PagePrivacy:
    """Everything privacy.py needs to decide, for one viewer, about the people of one page."""

    sight: Sight
    choices: dict[int, AccountPrivacy]

    def can_see(self, person_id: int, *, living: bool) -> bool:
        """Whether the viewer may see this person's details (dates, places, notes, links)."""
        choice = self.choices.get(person_id, AccountPrivacy())
        return can_see_details(
            self.sight.viewer,
            living=living,
            person_id=person_id,
            privacy=choice.privacy,
            privacy_degree=choice.privacy_degree,
            degree_to=self.sight.degree_to,
        )

    def view(self, row: PersonRow) -> PersonView:
        """A listing row (person_id, given_name, surname, birth_date, death_date, living) as the viewer sees it."""
        person_id, given_name, surname, birth_date, death_date, living = row
        choice = self.choices.get(person_id, AccountPrivacy())
        return person_view(
            self.sight.viewer,
            person_id=person_id,
            given_name=given_name,
            surname=surname,
            birth_date=birth_date,
            death_date=death_date,
            living=living,
            privacy=choice.privacy,
            privacy_degree=choice.privacy_degree,
            degree_to=self.sight.degree_to,
            visitor_names=self.sight.visitor_names,
        )

    def view_person(self, person: Person) -> PersonView:
        """An ORM person as the viewer sees it."""
        return self.view(
            (person.person_id, person.given_name, person.surname, person.birth_date, person.death_date, person.living)
        )


def page_privacy(session: Session, viewer: Viewer, living_ids: Collection[int]) -> PagePrivacy:
    """The facts for a page listing (at most) the living people ``living_ids``: two queries, plus one kin walk
    later if one of them chose "close family only"."""
    return PagePrivacy(sight=sight_for(session, viewer), choices=privacy_of_listed(session, viewer, living_ids))


#: A row as pages select it: person_id, given_name, surname, birth_date, death_date, living.
PersonRow = tuple[int, str, str, str, str, bool]


def people_views(session: Session, viewer: Viewer, rows: Iterable[PersonRow]) -> list[PersonView]:
    """The rows as ``viewer`` may see them, in order; a bounded number of queries whatever the number of rows."""
    rows = list(rows)
    privacy = page_privacy(session, viewer, [row[0] for row in rows if row[5]])
    return [privacy.view(row) for row in rows]


def view_one(session: Session, viewer: Viewer, person: Person) -> PersonView:
    """One person as ``viewer`` may see them (a page showing a single person)."""
    return page_privacy(session, viewer, [person.person_id] if person.living else []).view_person(person)
