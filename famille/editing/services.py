"""What every edit shares: who may edit whom, finding the rows named in a URL, and recording each change.

Editors and admins ("edit_any") edit anyone, their relatives and may delete; a member ("edit_own") edits only the
details (names, sex, events, notes) of the person their account is. Every saved form records one
:class:`~famille.models.Change` with the old and new values and moves the data version on. Services here and in
the neighbouring modules flush but never commit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from famille.editing.living import refresh_living_around
from famille.models import Change, Family, Person
from famille.profiles.services import Actor, actor_of
from famille.site.services import bump_data_version

__all__ = ["Actor", "actor_of"]

SITE_ORIGIN = "site"
# Ids come from URLs and forms; beyond a database integer they are simply not found (never an error).
MAX_ROW_ID = 2**31 - 1


class Editor(Protocol):
    """What the access checks need of whoever asks: an Account or the anonymous visitor."""

    @property
    def person_id(self) -> int | None:
        """The person of the tree this account is, if any."""

    def can(self, permission: str) -> bool:
        """Whether the account's role holds ``permission``."""


class EditError(Exception):
    """An edit refused for a reason the user can act on: an English template (translated when shown), its params,
    and the form field it is about (None: the form as a whole)."""

    def __init__(self, template: str, *, field: str | None = None, **params: Any) -> None:
        super().__init__(template)
        self.template = template
        self.field = field
        self.params = params


@dataclass(frozen=True, slots=True)
class LivingRule:
    """What deciding who is living needs: this year and how many years after birth someone counts as living."""

    current_year: int
    living_years: int


def can_edit_person(account: Editor, person_id: int) -> bool:
    """Whether ``account`` may edit the details (names, sex, events, notes) of ``person_id``."""
    if account.can("edit_any"):
        return True
    return account.can("edit_own") and account.person_id is not None and account.person_id == person_id


def can_edit_relations(account: Editor) -> bool:
    """Whether ``account`` may add or remove relatives, edit families and delete people (editors and admins)."""
    return account.can("edit_any")


def valid_id(row_id: int | None) -> bool:
    """Whether ``row_id`` can name a row at all (a positive database integer)."""
    return row_id is not None and 0 < row_id <= MAX_ROW_ID


def find_person(session: Session, *, person_id: int) -> Person | None:
    """The person ``person_id``, or None when there is none."""
    return session.get(Person, person_id) if valid_id(person_id) else None


def find_family(session: Session, *, family_id: int) -> Family | None:
    """The family ``family_id``, or None when there is none."""
    return session.get(Family, family_id) if valid_id(family_id) else None


def now() -> datetime:
    """The moment of an edit, as ``updated_at`` keeps it."""
    return datetime.now(UTC)


def touch(session: Session, person_ids: list[int]) -> None:
    """Mark these people as just updated (their page shows "last update")."""
    moment = now()
    for person in session.scalars(select(Person).where(Person.person_id.in_(person_ids))):
        person.updated_at = moment


def record(
    session: Session,
    *,
    kind: str,
    actor: Actor,
    details: dict[str, Any],
    person_id: int | None = None,
    family_id: int | None = None,
) -> Change:
    """Log one change and move the data version on (pages and charts cached by it are refreshed)."""
    change = Change(
        kind=kind, actor=actor.name, user_id=actor.user_id, person_id=person_id, family_id=family_id, details=details
    )
    session.add(change)
    bump_data_version(session)
    session.flush()
    return change


def refresh_living(session: Session, rule: LivingRule, *, touched: Iterable[int]) -> None:
    """Set again the living flags an edit can change: a date of birth or death, or a new relative, may change them.

    The rule infers missing birth years from relatives, so one edit can change other people's flags too; only
    those within reach of the ``touched`` people are read and written (:mod:`famille.editing.living`), so an edit
    stays quick in a tree of any size. ``touched``: everyone still in the tree whose birth, death or set of
    parents, children and partners the edit changed (for a removed tie, both sides; for a deleted person, all
    their relatives).
    """
    refresh_living_around(session, touched=touched, current_year=rule.current_year, living_years=rule.living_years)
