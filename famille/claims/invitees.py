""" "Not yet invited": the living relatives who have no account, grouped by branch, for editors to invite.

Branches are those of :mod:`famille.people.branches`. The living people who belong to no branch (the founders
themselves, other roots of the tree) come last, under "elsewhere in the tree".

The page reads the family ties as bare ids (two queries; 100,000 people make about 100,000 small rows), computes
the branches in memory, then reads the names of only the people it shows: a capped number per branch, or one page
of a single branch.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from famille.kinship.closeness import CHUNK
from famille.models import Invitation, Person, User
from famille.people.branches import FamilyGraph, branches, founding_family, load_graph
from famille.privacy import PersonView, Viewer
from famille.visibility import people_views

#: The key of the group of living people outside every branch.
ELSEWHERE = 0


def uninvited_ids(session: Session) -> set[int]:
    """The living people no account is linked to."""
    linked = exists().where(User.person_id == Person.person_id)
    return set(session.scalars(select(Person.person_id).where(Person.living.is_(True), ~linked)))


def _open_invitations(session: Session, person_ids: list[int]) -> set[int]:
    """Which of ``person_ids`` have an invitation still usable (not revoked, used up or expired)."""
    now = dt.datetime.now(dt.UTC)
    found: set[int] = set()
    for start in range(0, len(person_ids), CHUNK):
        rows = session.execute(
            select(Invitation.person_id, Invitation.expires_at, Invitation.uses, Invitation.max_uses).where(
                Invitation.person_id.in_(person_ids[start : start + CHUNK]), Invitation.revoked_at.is_(None)
            )
        )
        for person_id, expires_at, uses, max_uses in rows:
            # SQLite gives back naive datetimes: they were stored in UTC.
            expiry = expires_at if expires_at.tzinfo else expires_at.replace(tzinfo=dt.UTC)
            if expiry > now and uses < max_uses:
                found.add(person_id)
    return found


def _views(session: Session, viewer: Viewer, person_ids: list[int]) -> dict[int, PersonView]:
    listing = (Person.person_id, Person.given_name, Person.surname, Person.birth_date, Person.death_date, Person.living)
    rows = []
    for start in range(0, len(person_ids), CHUNK):
        rows += session.execute(select(*listing).where(Person.person_id.in_(person_ids[start : start + CHUNK]))).all()
    return {view.person_id: view for view in people_views(session, viewer, [tuple(row) for row in rows])}


@dataclass(frozen=True, slots=True)
class Invitee:
    """A living relative without an account, and whether an invitation for them is still open."""

    person: PersonView
    invited: bool


@dataclass(frozen=True, slots=True)
class BranchList:
    """One branch (or "elsewhere"): its head, the people shown, how many there are, which page."""

    key: int
    head: PersonView | None
    people: list[Invitee]
    total: int
    page: int
    pages: int


@dataclass(frozen=True, slots=True)
class NotInvited:
    """The founding couple and, branch by branch, the living relatives not yet on the site."""

    founders: list[PersonView]
    branches: list[BranchList]
    total: int


def _groups(graph: FamilyGraph, wanted: set[int]) -> tuple[int | None, list[tuple[int, list[int]]]]:
    """The founding family and each group's uninvited people in order, "elsewhere" last."""
    founders = founding_family(graph)
    groups = (
        [(key, [p for p in members if p in wanted]) for key, members in branches(graph, founders)] if founders else []
    )
    in_branches = {p for _key, members in groups for p in members}
    return founders, [*groups, (ELSEWHERE, sorted(wanted - in_branches))]


def not_invited(
    session: Session,
    *,
    viewer: Viewer,
    only: int | None = None,
    page: int = 1,
    per_branch: int = 20,
    per_page: int = 50,
) -> NotInvited | None:
    """Each branch with its first ``per_branch`` people, or one page of the branch ``only`` (None if unknown)."""
    wanted = uninvited_ids(session)
    graph = load_graph(session)
    founders, groups = _groups(graph, wanted)
    if only is not None:
        groups = [group for group in groups if group[0] == only]
        if not groups:
            return None
    size = per_page if only is not None else per_branch
    slices = []
    for key, members in groups:
        pages = max(1, -(-len(members) // size))
        current = min(max(page, 1), pages) if only is not None else 1
        slices.append((key, members, current, pages, members[(current - 1) * size : current * size]))
    founder_ids = list(graph.partners.get(founders, ())) if founders else []
    shown = [p for *_rest, part in slices for p in part]
    views = _views(session, viewer, sorted({*shown, *founder_ids, *(key for key, *_ in slices if key)}))
    invited = _open_invitations(session, sorted(set(shown)))
    lists = [
        BranchList(
            key, views.get(key), [Invitee(views[p], p in invited) for p in part if p in views], len(members), cur, pages
        )
        for key, members, cur, pages, part in slices
    ]
    return NotInvited(founders=[views[p] for p in founder_ids if p in views], branches=lists, total=len(wanted))
