"""The directory: who a selection lists, group by group (capped, or one group a page at a time), with their links
as the viewer may see them; "not yet connected"; and the rows of the downloads.

A page costs a bounded number of queries whatever the family's size: the data version (and, once per version, the
snapshot of :mod:`famille.directory.snapshot`), the accounts that chose "close family only" and the privacy facts
for them (:func:`famille.visibility.page_privacy`), then the names and links of only the people shown. Someone the
viewer may not see in detail is listed as private, without links, and never matches a platform filter (that they
have no link, or one on LinkedIn, is a detail too).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from itertools import chain
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from famille.directory.rows import Entry, ExportRow, read_entries, read_export_rows
from famille.directory.selection import BY_GENERATION, NO_LINK, Selection
from famille.directory.snapshot import Lines, TreeSnapshot, ancestor_lines, tree_snapshot
from famille.models import User
from famille.privacy import PRIVACY_CLOSE_FAMILY, PersonView, Viewer
from famille.visibility import PagePrivacy, page_privacy

#: Keys of the two groups that are no one's branch: the couple (or ancestor) on top, and the rest of the tree.
TOP, ELSEWHERE = 0, -1
TOP_KIND, BRANCH_KIND, GENERATION_KIND, ELSEWHERE_KIND = "top", "branch", "generation", "elsewhere"


class _Members(NamedTuple):
    """A group before capping: its kind, key, head (a branch's) and people in order."""

    kind: str
    key: int
    head: int | None
    people: list[int]


class _Slice(NamedTuple):
    """What a page shows of a group: its people on the page, how many in all, the page and the number of pages."""

    group: _Members
    shown: list[int]
    total: int
    page: int
    pages: int


@dataclass(frozen=True, slots=True)
class Group:
    """One branch, generation, the couple on top or "elsewhere": the people shown, how many, which page."""

    key: int
    kind: str
    head: PersonView | None
    entries: list[Entry]
    total: int
    page: int
    pages: int


@dataclass(frozen=True, slots=True)
class Directory:
    """A selection's groups, how many people it lists, and how many of them are on each platform."""

    selection: Selection
    top: list[PersonView]
    groups: list[Group]
    total: int
    counts: dict[str, int]


@dataclass(frozen=True, slots=True)
class _Scope:
    """The selected people group by group, before capping, and how the viewer sees them."""

    groups: list[_Members]
    top: tuple[int, ...]
    lines: Lines
    privacy: PagePrivacy
    counts: Counter[str]


@dataclass(frozen=True, slots=True)
class _Sight:
    """Whether the viewer sees people in detail, as privacy.py decides: the rule for the living and for the dead,
    and the exceptions made by accounts that chose "close family only"."""

    privacy: PagePrivacy
    for_living: bool
    for_dead: bool
    exceptions: dict[int, bool]

    def visible(self, people: list[int], living: frozenset[int]) -> list[int]:
        """Those of ``people`` the viewer sees in detail, in order."""
        if self.for_living and self.for_dead:  # a member: only the exceptions can hide someone
            hidden = {person_id for person_id, seen in self.exceptions.items() if not seen}
            return [person_id for person_id in people if person_id not in hidden] if hidden else people
        return [
            person_id
            for person_id in people
            if (self.exceptions.get(person_id, self.for_living) if person_id in living else self.for_dead)
        ]


def _sight(session: Session, viewer: Viewer, living: frozenset[int]) -> _Sight:
    """The page's privacy facts: two or three queries, however many people the page lists."""
    chosen: list[int] = []
    if viewer.is_member and not viewer.sees_everyone:
        restricted = select(User.person_id).where(User.privacy == PRIVACY_CLOSE_FAMILY, User.person_id.is_not(None))
        chosen = sorted(set(session.scalars(restricted)) & living)
    privacy = page_privacy(session, viewer, chosen)
    # Only an account's own choice makes one person differ from another: no person has the id 0, so this asks
    # for the rule that holds for everyone else, once instead of 30,000 times.
    return _Sight(
        privacy,
        for_living=privacy.can_see(0, living=True),
        for_dead=privacy.can_see(0, living=False),
        exceptions={person_id: privacy.can_see(person_id, living=True) for person_id in chosen},
    )


def _raw_groups(snapshot: TreeSnapshot, lines: Lines, *, by: str, founding: bool, only: int | None) -> list[_Members]:
    """Every group of the grouping asked for (or only the group ``only``), in order, with all its people."""
    groups = [_Members(TOP_KIND, TOP, None, list(lines.top))]
    if by == BY_GENERATION:
        generations: dict[int, list[int]] = {}
        for _head, members in lines.branches:
            for person_id in members:
                generations.setdefault(lines.generation.get(person_id, 1), []).append(person_id)
        groups += [_Members(GENERATION_KIND, number, None, generations[number]) for number in sorted(generations)]
    else:
        groups += [_Members(BRANCH_KIND, head, head, members) for head, members in lines.branches]
    if founding:
        groups.append(_Members(ELSEWHERE_KIND, ELSEWHERE, None, list(snapshot.elsewhere)))
    return [group for group in groups if only is None or group.key == only]


def _filtered(
    people: list[int], *, selection: Selection, snapshot: TreeSnapshot, sight: _Sight, counts: Counter[str]
) -> list[int]:
    """The people of one group that the selection keeps; counts, on the way, who is on each platform.

    Someone the viewer may not see in detail is listed as private when there is no platform filter, and is
    neither counted nor matched by any filter: that they have no link, or one on LinkedIn, is a detail too.
    """
    living, platforms = snapshot.living, snapshot.platforms
    listed = people if selection.everyone else [person_id for person_id in people if person_id in living]
    seen = sight.visible(listed, living)
    linked = [person_id for person_id in seen if person_id in platforms]
    counts.update(chain.from_iterable(platforms[person_id] for person_id in linked))
    counts[NO_LINK] += len(seen) - len(linked)
    if selection.platform is None:
        return listed
    if selection.platform == NO_LINK:
        return [person_id for person_id in seen if person_id not in platforms]
    return [person_id for person_id in linked if selection.platform in platforms[person_id]]


def _scope(session: Session, *, viewer: Viewer, selection: Selection) -> _Scope | None:
    """Who the selection lists, group by group; None when its ancestor or group does not exist."""
    snapshot = tree_snapshot(session)
    lines = snapshot.lines
    if selection.ancestor is not None:
        found = bisect_left(snapshot.everyone, selection.ancestor)
        if found == len(snapshot.everyone) or snapshot.everyone[found] != selection.ancestor:
            return None
        lines = ancestor_lines(snapshot.graph, selection.ancestor)
    raw = _raw_groups(snapshot, lines, by=selection.by, founding=selection.ancestor is None, only=selection.group)
    if selection.group is not None and not raw:
        return None
    sight = _sight(session, viewer, snapshot.living)
    counts: Counter[str] = Counter()
    groups = [
        group._replace(
            people=_filtered(group.people, selection=selection, snapshot=snapshot, sight=sight, counts=counts)
        )
        for group in raw
    ]
    return _Scope(groups, lines.top, lines, sight.privacy, counts)


def _slices(scope: _Scope, *, only: bool, page: int, size: int) -> list[_Slice]:
    """What the page shows of each group: the first ``size`` people, or page ``page`` of the one group asked for.

    Empty groups are left out of the overview; the one group asked for is shown even when empty.
    """
    result = []
    for group in scope.groups:
        if not group.people and not only:
            continue
        pages = max(1, -(-len(group.people) // size))
        current = min(page, pages) if only else 1
        shown = group.people[(current - 1) * size : current * size]
        result.append(_Slice(group, shown, len(group.people), current, pages))
    return result


def directory(
    session: Session,
    *,
    viewer: Viewer,
    selection: Selection,
    per_branch: int = 50,
    per_page: int = 50,
    accounts: bool = False,
) -> Directory | None:
    """The groups of ``selection``, each capped at ``per_branch`` people, or one page of ``selection.group``.

    None when the ancestor or the group asked for does not exist. ``accounts`` tells, for each person shown,
    whether an account is linked to them.
    """
    scope = _scope(session, viewer=viewer, selection=selection)
    if scope is None:
        return None
    only = selection.group is not None
    slices = _slices(scope, only=only, page=selection.page, size=per_page if only else per_branch)
    shown = [person_id for part in slices for person_id in part.shown]
    heads = [part.group.head for part in slices if part.group.head is not None]
    entries, views = read_entries(
        session, privacy=scope.privacy, shown=shown, others=[*heads, *scope.top], accounts=accounts
    )
    groups = [
        Group(
            key=part.group.key,
            kind=part.group.kind,
            head=views.get(part.group.head) if part.group.head is not None else None,
            entries=[entries[person_id] for person_id in part.shown if person_id in entries],
            total=part.total,
            page=part.page,
            pages=part.pages,
        )
        for part in slices
    ]
    return Directory(
        selection=selection,
        top=[views[p] for p in scope.top if p in views],
        groups=groups,
        total=sum(len(group.people) for group in scope.groups),
        counts=dict(scope.counts),
    )


def not_connected(
    session: Session,
    *,
    viewer: Viewer,
    group: int | None = None,
    page: int = 1,
    per_branch: int = 50,
    per_page: int = 50,
) -> Directory | None:
    """The living relatives without any profile link the viewer can see, by branch of the founding couple."""
    selection = Selection(platform=NO_LINK, group=group, page=page)
    return directory(
        session, viewer=viewer, selection=selection, per_branch=per_branch, per_page=per_page, accounts=True
    )


def _branch_of(scope: _Scope, person_id: int) -> tuple[str, int | None]:
    head = scope.lines.branch_of.get(person_id)
    if head is not None:
        return BRANCH_KIND, head
    return (TOP_KIND, None) if person_id in scope.top else (ELSEWHERE_KIND, None)


def export_rows(session: Session, *, viewer: Viewer, selection: Selection) -> list[ExportRow] | None:
    """Every person of ``selection`` the viewer may see in detail (no cap, no page), with their branch and links.

    None when the ancestor or the group asked for does not exist.
    """
    scope = _scope(session, viewer=viewer, selection=selection)
    if scope is None:
        return None
    listed = list(dict.fromkeys(person_id for group in scope.groups for person_id in group.people))
    branches = {person_id: _branch_of(scope, person_id) for person_id in listed}
    heads = {head for _kind, head in branches.values() if head is not None}
    return read_export_rows(session, privacy=scope.privacy, people=listed, branches=branches, heads=heads)
