"""The feed page ("Quoi de neuf ?"): its filters, and the entries grouped by day, a page at a time.

Filters: a branch of the family (a child of the founding couple and their line, as the directory groups them), a
person and their close family, a kind of change, and — for members — only what came since their previous visit.
The page is public like the person pages: visitors see what privacy lets them (the private-site setting, like on
every public page, sends them to log in instead).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo

from flask_babel import lazy_gettext
from sqlalchemy import select
from sqlalchemy.orm import Session

from famille.directory.snapshot import tree_snapshot
from famille.feed.log import LISTING, FeedEntry, feed_entries
from famille.kinship.closeness import close_family
from famille.models import Person
from famille.privacy import PersonView, Viewer
from famille.visibility import people_views, view_one

#: Entries shown a page.
PER_PAGE = 50
#: "A person and their close family": parents, children, brothers and sisters, grandparents, and their partners.
CLOSE_DEGREES = 2
#: The kinds of change a reader may pick, with the feed kinds each stands for.
KIND_FILTERS: dict[str, tuple[object, tuple[str, ...]]] = {
    "news": (lazy_gettext("News posts"), ("news",)),
    "people": (lazy_gettext("New people"), ("person_added",)),
    "births": (lazy_gettext("Births"), ("birth",)),
    "marriages": (lazy_gettext("Marriages"), ("marriage",)),
    "deaths": (lazy_gettext("Deaths"), ("death",)),
    "updates": (lazy_gettext("Updates"), ("person_updated",)),
    "links": (lazy_gettext("Profile links"), ("link_added", "link_changed")),
    "joined": (lazy_gettext("Relatives joining"), ("joined",)),
    "imports": (lazy_gettext("Tree imports"), ("import",)),
}
_LARGEST_ID = 2**31 - 1


@dataclass(frozen=True, slots=True)
class FeedFilters:
    """What the reader asked for (each None when not asked)."""

    kind: str | None = None
    branch: int | None = None
    person: int | None = None
    since_last_visit: bool = False
    before: int | None = None

    def query(self, **changes: object) -> dict[str, object]:
        """The filters as URL query arguments, with ``changes`` applied (None drops an argument)."""
        values: dict[str, object] = {
            "kind": self.kind,
            "branch": self.branch,
            "person": self.person,
            "new": "1" if self.since_last_visit else None,
            "before": self.before,
        }
        values.update(changes)
        return {key: value for key, value in values.items() if value is not None}


def _positive(text: str | None) -> int | None:
    """A query argument as an id: ASCII digits only, within the database's integers (anything else: not asked)."""
    # isdigit() alone lets "²" through, which int() then refuses.
    if not text or not (text.isascii() and text.isdigit()) or len(text) > 10 or not 0 < int(text) <= _LARGEST_ID:
        return None
    return int(text)


def parse_filters(args: Mapping[str, str]) -> FeedFilters | None:
    """The filters from the query string; None when one names something that cannot exist (a 404)."""
    kind = args.get("kind") or None
    if kind is not None and kind not in KIND_FILTERS:
        return None
    ids = {name: args.get(name) or None for name in ("branch", "person", "before")}
    parsed = {name: _positive(text) for name, text in ids.items()}
    if any(text is not None and parsed[name] is None for name, text in ids.items()):
        return None
    return FeedFilters(kind, parsed["branch"], parsed["person"], args.get("new") == "1", parsed["before"])


@dataclass(slots=True)
class FeedPage:
    """One page of the feed: entries grouped by day (newest first) and what the filters need."""

    filters: FeedFilters
    days: list[tuple[date, list[FeedEntry]]] = field(default_factory=list)
    branches: list[PersonView] = field(default_factory=list)
    person: PersonView | None = None
    older: int | None = None
    previous_visit: datetime | None = None
    #: The entries that came since the reader's previous visit (marked "new").
    new_ids: set[int] = field(default_factory=set)


def as_utc(moment: datetime) -> datetime:
    """A stored time as an aware UTC time (SQLite gives them back without their zone)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _by_day(entries: list[FeedEntry], zone: tzinfo) -> list[tuple[date, list[FeedEntry]]]:
    days: list[tuple[date, list[FeedEntry]]] = []
    for entry in entries:
        day = as_utc(entry.created_at).astimezone(zone).date()
        if not days or days[-1][0] != day:
            days.append((day, []))
        days[-1][1].append(entry)
    return days


def _branch_heads(session: Session, viewer: Viewer) -> tuple[list[PersonView], dict[int, list[int]]]:
    """The heads of the family's branches as the viewer sees them, and each branch's people."""
    lines = tree_snapshot(session).lines
    members = {head: people for head, people in lines.branches}
    rows = session.execute(select(*LISTING).where(Person.person_id.in_(list(members) or [0]))).all()
    views = {view.person_id: view for view in people_views(session, viewer, rows)}
    return [views[head] for head in members if head in views], members


def feed_page(
    session: Session, *, viewer: Viewer, filters: FeedFilters, previous_visit: datetime | None, zone: tzinfo = UTC
) -> FeedPage | None:
    """The page of the feed the filters ask for, as ``viewer`` may see it; None for an unknown branch or person."""
    page = FeedPage(filters=filters, previous_visit=previous_visit if viewer.is_member else None)
    heads, members = _branch_heads(session, viewer)
    page.branches = heads
    person_ids: set[int] | None = None
    if filters.branch is not None:
        if filters.branch not in members:
            return None
        person_ids = set(members[filters.branch])
    if filters.person is not None:
        person = session.get(Person, filters.person)
        if person is None:
            return None
        page.person = view_one(session, viewer, person)
        # Someone the viewer may not see keeps their family to themself: the filter must not list who it is.
        hidden = page.person.is_private
        close = {filters.person} if hidden else set(close_family(session, filters.person, degrees=CLOSE_DEGREES))
        person_ids = close if person_ids is None else person_ids & close
    since = page.previous_visit if filters.since_last_visit else None
    kinds = KIND_FILTERS[filters.kind][1] if filters.kind else None
    found = feed_entries(
        session,
        viewer=viewer,
        since=since,
        kinds=kinds,
        person_ids=person_ids,
        limit=PER_PAGE + 1,
        before=filters.before,
    )
    if len(found) > PER_PAGE:
        found = found[:PER_PAGE]
        page.older = found[-1].change_id
    page.days = _by_day(found, zone)
    if page.previous_visit is not None:
        after = as_utc(page.previous_visit)
        page.new_ids = {entry.change_id for entry in found if as_utc(entry.created_at) > after}
    return page
