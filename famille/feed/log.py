"""The change log read back as a feed: what changed in the family, as one viewer may see it.

Each recorded change a relative cares about becomes a :class:`FeedEntry` of one of the :data:`FEED_KINDS`: a new
person, a birth, a marriage or a death (events added with those tags), a person updated, a profile link added or
changed, a relative who joined the site, an import of the tree, a news post. Account housekeeping (passwords,
e-mail addresses, privacy choices) never shows.

Privacy: a change about a person the viewer may not see in detail is left out, not blurred — so a member who
chose "close family only" never appears in the feed of a member outside that circle; a marriage shows only when
both partners may be seen; a news post follows the privacy of the person it is about, and one about nobody is for
members only. An import shows as one summary; the people it added or changed are listed one by one only when
they were few (:data:`IMPORT_FOLD_ABOVE`).

Queries are bounded whatever the size of the log: the newest changes are read in batches (at most
:data:`MAX_ROUNDS` of them), each batch with a fixed number of queries for its people, families and news posts.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from famille.feed.words import describe
from famille.kinship.closeness import CHUNK
from famille.models import Change, Family, NewsPost, Person, User
from famille.privacy import PersonView, Viewer
from famille.visibility import PagePrivacy, PersonRow, Sight, privacy_of_listed, sight_for

__all__ = ["FEED_KINDS", "FeedEntry", "describe", "feed_entries", "feed_kind"]

#: The kinds of entry the feed shows, in the order filters list them.
FEED_KINDS: tuple[str, ...] = (
    "news",
    "person_added",
    "birth",
    "marriage",
    "death",
    "person_updated",
    "link_added",
    "link_changed",
    "joined",
    "import",
)

#: Changes told as "was updated" (from a file, or edited on the site).
UPDATE_KINDS = ("person_updated", "person_edited", "event_added", "event_changed", "relation_added")
#: The event tags told as what they are rather than as an update.
EVENT_KINDS = {"BIRT": "birth", "MARR": "marriage", "DEAT": "death"}
#: Which recorded change kinds each feed kind comes from.
SOURCES: dict[str, tuple[str, ...]] = {
    "news": ("news_posted",),
    "person_added": ("person_added",),
    "birth": ("event_added",),
    "marriage": ("event_added",),
    "death": ("event_added",),
    "person_updated": UPDATE_KINDS,
    "link_added": ("link_added",),
    "link_changed": ("link_changed",),
    "joined": ("claim_approved", "invitation_accepted"),
    "import": ("import",),
}
#: An import that added or changed more people than this shows as its summary only.
IMPORT_FOLD_ABOVE = 10
IMPORT_PERSON_KINDS = ("person_added", "person_updated")
#: A person's listing fields, as privacy.py's rows hold them.
LISTING = (Person.person_id, Person.given_name, Person.surname, Person.birth_date, Person.death_date, Person.living)
#: At most this many batches of the log are read for one call.
MAX_ROUNDS = 5


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One change as the feed shows it.

    ``kind`` is one of :data:`FEED_KINDS` (``change_kind`` is the kind recorded in the log); ``person`` is whom it
    is about (the first partner of a marriage, ``partner`` the second); ``news`` is the post of a "news" entry and
    ``author`` its author's name (members only); ``details`` are the change's recorded details.
    """

    change_id: int
    kind: str
    created_at: datetime
    person: PersonView | None
    details: dict[str, Any]
    news: NewsPost | None = None
    partner: PersonView | None = None
    author: str = ""
    change_kind: str = ""


def feed_kind(change: Change) -> str | None:
    """The feed kind of a recorded change, or None when the feed does not show it."""
    details = change.details or {}
    if change.kind == "event_added":
        tag = ((details.get("new") or {}).get("tag")) or ""
        if tag in EVENT_KINDS:
            return EVENT_KINDS[tag]
    for kind, sources in SOURCES.items():
        if kind in EVENT_KINDS.values():
            continue  # told above from the event's tag
        if change.kind in sources:
            # A family's event other than a marriage has nobody to name: it is not news.
            return kind if kind in ("import", "news") or change.person_id is not None else None
    return None


def _big_imports(session: Session) -> list[int]:
    """The imports that touched too many people to list them one by one."""
    big = []
    for import_id, details in session.execute(select(Change.import_id, Change.details).where(Change.kind == "import")):
        people = (details or {}).get("people") or {}
        if import_id is not None and people.get("new", 0) + people.get("updated", 0) > IMPORT_FOLD_ABOVE:
            big.append(import_id)
    return big


def _base_query(
    session: Session,
    *,
    wanted: set[str],
    since: datetime | None,
    until: datetime | None,
    person_ids: set[int] | None,
) -> Select[tuple[Change]]:
    raw = sorted({source for kind in wanted for source in SOURCES[kind]})
    query = select(Change).where(Change.kind.in_(raw))
    if since is not None:
        query = query.where(Change.created_at > since)
    if until is not None:
        query = query.where(Change.created_at < until)
    if person_ids is not None and len(person_ids) <= CHUNK:
        # A few people: the database filters; a whole branch is filtered batch by batch instead (see _subjects).
        couples = select(Family.family_id).where(
            or_(Family.partner1_id.in_(person_ids), Family.partner2_id.in_(person_ids))
        )
        # A post is about whom it is about now (an edit may have changed that), not whom it was first about.
        posts = select(NewsPost.news_id).where(NewsPost.person_id.in_(person_ids))
        query = query.where(
            or_(
                Change.person_id.in_(person_ids),
                Change.family_id.in_(couples),
                Change.details["news_id"].as_integer().in_(posts),
            )
        )
    big = _big_imports(session) if wanted & {"person_added", "person_updated"} else []
    if big:
        query = query.where(
            or_(Change.import_id.is_(None), Change.kind.notin_(IMPORT_PERSON_KINDS), Change.import_id.notin_(big))
        )
    return query


def feed_entries(
    session: Session,
    *,
    viewer: Viewer,
    since: datetime | None = None,
    until: datetime | None = None,
    kinds: Collection[str] | None = None,
    person_ids: Collection[int] | None = None,
    limit: int = 100,
    before: int | None = None,
) -> list[FeedEntry]:
    """The ``limit`` newest feed entries ``viewer`` may see, newest first.

    ``since``/``until`` bound the time (exclusive), ``kinds`` keeps some of :data:`FEED_KINDS`, ``person_ids``
    keeps changes about those people (or a couple of them), ``before`` keeps changes older than that change id
    (the "older" page). Fewer than ``limit`` may come back when the newest changes are mostly hidden ones.
    """
    wanted = set(FEED_KINDS) if kinds is None else set(kinds) & set(FEED_KINDS)
    people = None if person_ids is None else set(person_ids)
    if not wanted or limit <= 0 or people == set():
        return []
    query = _base_query(session, wanted=wanted, since=since, until=until, person_ids=people)
    batch = min(max(limit * 3, 50), 1000)
    sight = sight_for(session, viewer)
    entries: list[FeedEntry] = []
    for _round in range(MAX_ROUNDS):
        page = query if before is None else query.where(Change.change_id < before)
        rows = list(session.scalars(page.order_by(Change.change_id.desc()).limit(batch)))
        entries += _entries_of(session, rows, sight=sight, wanted=wanted, people=people)
        if len(rows) < batch or len(entries) >= limit:
            break
        before = rows[-1].change_id
    return entries[:limit]


@dataclass(slots=True)
class _Batch:
    """What one batch of changes refers to, loaded in a few queries."""

    partners: dict[int, tuple[int, ...]]
    news: dict[int, NewsPost]
    authors: dict[int, str]
    views: dict[int, PersonView]


def _news_id(change: Change) -> int | None:
    value = (change.details or {}).get("news_id")
    return value if isinstance(value, int) else None


def _load_batch(session: Session, changes: list[Change], sight: Sight) -> _Batch:
    family_ids = {c.family_id for c in changes if c.family_id is not None and c.person_id is None}
    partners = {
        family_id: tuple(p for p in (first, second) if p is not None)
        for family_id, first, second in session.execute(
            select(Family.family_id, Family.partner1_id, Family.partner2_id).where(
                Family.family_id.in_(family_ids or {0})
            )
        )
    }
    news_ids = {n for n in map(_news_id, changes) if n is not None}
    news = {p.news_id: p for p in session.scalars(select(NewsPost).where(NewsPost.news_id.in_(news_ids or {0})))}
    author_ids = {p.author_id for p in news.values() if p.author_id is not None}
    accounts: list[tuple[int, str, int | None]] = []
    if author_ids and sight.viewer.is_member:
        query = select(User.user_id, User.display_name, User.person_id).where(User.user_id.in_(author_ids))
        accounts = [(user_id, name, person_id) for user_id, name, person_id in session.execute(query)]
    wanted_people = {c.person_id for c in changes if c.person_id is not None}
    wanted_people |= {p for pair in partners.values() for p in pair}
    wanted_people |= {p.person_id for p in news.values() if p.person_id is not None}
    wanted_people |= {person_id for _user, _name, person_id in accounts if person_id is not None}
    views = _views(session, wanted_people, sight)
    # An author who chose "close family only" is not named to members outside it.
    authors = {
        user_id: name
        for user_id, name, person_id in accounts
        if person_id is None or (person_id in views and not views[person_id].is_private)
    }
    return _Batch(partners, news, authors, views)


def _views(session: Session, person_ids: set[int], sight: Sight) -> dict[int, PersonView]:
    """The people of a batch as the viewer sees them (those removed since are absent)."""
    ordered = sorted(person_ids)
    rows: list[PersonRow] = []
    for start in range(0, len(ordered), CHUNK):
        rows += session.execute(select(*LISTING).where(Person.person_id.in_(ordered[start : start + CHUNK]))).all()
    privacy = PagePrivacy(sight=sight, choices=privacy_of_listed(session, sight.viewer, [r[0] for r in rows if r[5]]))
    return {row[0]: privacy.view(row) for row in rows}


def _entries_of(
    session: Session, changes: list[Change], *, sight: Sight, wanted: set[str], people: set[int] | None
) -> list[FeedEntry]:
    """The entries of one batch of changes that the viewer may see, in the batch's order."""
    kinds = {c.change_id: feed_kind(c) for c in changes}
    shown = [c for c in changes if kinds[c.change_id] in wanted]
    batch = _load_batch(session, shown, sight)
    entries = []
    for change in shown:
        entry = _entry(change, kinds[change.change_id] or "", batch, sight.viewer)
        if entry is not None and (people is None or _subjects(change, entry) & people):
            entries.append(entry)
    return entries


def _subjects(change: Change, entry: FeedEntry) -> set[int]:
    """Whom an entry is about (for the person and branch filters)."""
    found = {p.person_id for p in (entry.person, entry.partner) if p is not None}
    if change.person_id is not None and entry.kind != "news":  # a post may have changed subject since
        found.add(change.person_id)
    return found


def _entry(change: Change, kind: str, batch: _Batch, viewer: Viewer) -> FeedEntry | None:
    """The entry of one change, or None when the viewer may not see it (or what it was about is gone)."""
    details = dict(change.details or {})
    common = {"change_id": change.change_id, "created_at": change.created_at, "details": details}
    if kind == "import":
        return FeedEntry(kind=kind, person=None, change_kind=change.kind, **common)
    if kind == "news":
        return _news_entry(change, batch, viewer, common)
    if kind == "marriage" and change.person_id is None:
        couple = [batch.views.get(p) for p in batch.partners.get(change.family_id or 0, ())]
        if not couple or any(view is None or view.is_private for view in couple):
            return None
        partner = couple[1] if len(couple) > 1 else None
        return FeedEntry(kind=kind, person=couple[0], partner=partner, change_kind=change.kind, **common)
    view = batch.views.get(change.person_id or 0)
    if view is None or view.is_private:
        return None
    return FeedEntry(kind=kind, person=view, change_kind=change.kind, **common)


def _news_entry(change: Change, batch: _Batch, viewer: Viewer, common: dict[str, Any]) -> FeedEntry | None:
    post = batch.news.get(_news_id(change) or 0)
    if post is None:
        return None  # deleted since
    if post.person_id is None:
        if not viewer.is_member:
            return None
        view = None
    else:
        view = batch.views.get(post.person_id)
        if view is None or view.is_private:
            return None
    author = batch.authors.get(post.author_id or 0, "")
    return FeedEntry(kind="news", person=view, news=post, author=author, change_kind=change.kind, **common)
