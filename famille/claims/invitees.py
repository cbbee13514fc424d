""" "Not yet invited": the living relatives who have no account, grouped by branch, for editors to invite.

The founding couple is, among the couples where neither partner has parents in the tree, the one with the most
descendants (counted along each line of descent, so a cousin marriage counts its children twice; a tie goes to
the couple imported first). Each child of the founding couple starts a branch: their descendants and the partners
of those descendants, generation by generation, so a branch lists its elders first. A person of two branches
(cousins who married) is listed in the first. The living people who belong to no branch (the founders themselves,
other roots of the tree) come last, under "elsewhere in the tree".

The page reads the family ties as bare ids (two queries; 100,000 people make about 100,000 small rows), computes
the branches in memory, then reads the names of only the people it shows: a capped number per branch, or one page
of a single branch.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from famille.kinship.closeness import CHUNK
from famille.models import Family, FamilyChild, Invitation, Person, User
from famille.privacy import PersonView, Viewer
from famille.visibility import people_views

#: The key of the group of living people outside every branch.
ELSEWHERE = 0


@dataclass(slots=True)
class FamilyGraph:
    """The tree's ties as ids: each family's partners and children, each person's own families."""

    partners: dict[int, tuple[int, ...]] = field(default_factory=dict)
    children: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    families_of: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    has_parents: set[int] = field(default_factory=set)


def load_graph(session: Session) -> FamilyGraph:
    """Every family's partners and children, as ids, in two queries."""
    graph = FamilyGraph()
    for family_id, first, second in session.execute(
        select(Family.family_id, Family.partner1_id, Family.partner2_id).order_by(Family.family_id)
    ):
        graph.partners[family_id] = tuple(p for p in (first, second) if p is not None)
        for partner_id in graph.partners[family_id]:
            graph.families_of[partner_id].append(family_id)
    for family_id, child_id in session.execute(
        select(FamilyChild.family_id, FamilyChild.person_id).order_by(FamilyChild.family_id, FamilyChild.position)
    ):
        graph.children[family_id].append(child_id)
        graph.has_parents.add(child_id)
    return graph


def _families_below(graph: FamilyGraph, family_id: int) -> list[int]:
    return [own for child in graph.children.get(family_id, ()) for own in graph.families_of.get(child, ())]


def _descendant_counts(graph: FamilyGraph) -> dict[int, int]:
    """How many descendants each family has, along each line of descent (iterative: trees run deep)."""
    counts: dict[int, int] = {}
    visiting: set[int] = set()
    for root in graph.partners:
        stack: list[tuple[int, bool]] = [(root, False)]
        while stack:
            family_id, finished = stack.pop()
            if finished:
                below = _families_below(graph, family_id)
                # A family still being visited is a loop in bad data: it adds nothing rather than forever.
                counts[family_id] = len(graph.children.get(family_id, ())) + sum(counts.get(f, 0) for f in below)
                continue
            if family_id in counts or family_id in visiting:
                continue
            visiting.add(family_id)
            stack.append((family_id, True))
            stack.extend((f, False) for f in _families_below(graph, family_id) if f not in counts)
    return counts


def founding_family(graph: FamilyGraph) -> int | None:
    """The founding couple's family: two partners without parents, the most descendants (first imported on a tie)."""
    roots = [
        family_id
        for family_id, partners in graph.partners.items()
        if len(partners) == 2 and not any(p in graph.has_parents for p in partners)
    ]
    if not roots:
        return None
    counts = _descendant_counts(graph)
    return max(roots, key=lambda family_id: (counts.get(family_id, 0), -family_id))


def branches(graph: FamilyGraph, family_id: int) -> list[tuple[int, list[int]]]:
    """Each child of the family with their branch: descendants generation by generation, each with partners."""
    placed: set[int] = set(graph.partners.get(family_id, ()))
    result = []
    for child_id in graph.children.get(family_id, []):
        if child_id in placed:
            continue
        members: list[int] = []
        generation = [child_id]
        placed.add(child_id)
        while generation:
            following: list[int] = []
            for person_id in generation:
                members.append(person_id)
                for own in graph.families_of.get(person_id, ()):
                    for partner_id in graph.partners[own]:
                        if partner_id not in placed:  # listed beside the descendant, not walked: no step-children
                            placed.add(partner_id)
                            members.append(partner_id)
                    for kid in graph.children.get(own, ()):
                        if kid not in placed:
                            placed.add(kid)
                            following.append(kid)
            generation = following
        result.append((child_id, members))
    return result


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
