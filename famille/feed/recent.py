"""The newest changes of the tree, in human words, as the viewer may see them (for the home page).

Only changes a relative cares about are shown (people added or updated, links, relatives joining, imports);
account housekeeping (passwords, e-mail changes) never is. A change about a person the viewer may not see is
left out, not shown blurred.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from famille.models import Change, Person
from famille.privacy import PersonView, Viewer
from famille.visibility import page_privacy

#: The kinds of change shown as news, and what they say.
#: Changes that news shows as "was updated" (from a file, or edited on the site).
UPDATE_KINDS = ("person_updated", "person_edited", "event_added", "event_changed", "relation_added")

NEWS_KINDS = (
    "import",
    "person_added",
    *UPDATE_KINDS,
    "link_added",
    "link_changed",
    "claim_approved",
    "invitation_accepted",
)


@dataclass(frozen=True, slots=True)
class NewsItem:
    """One change as news: its kind, when, about whom, and its figures (for imports)."""

    kind: str
    created_at: datetime
    person: PersonView | None
    details: dict


def recent_changes(session: Session, *, viewer: Viewer, limit: int = 10) -> list[NewsItem]:
    """The ``limit`` newest changes the viewer may see, newest first (a few queries whatever the log's size)."""
    rows = session.scalars(
        select(Change).where(Change.kind.in_(NEWS_KINDS)).order_by(Change.change_id.desc()).limit(limit * 5)
    ).all()
    people_ids = {row.person_id for row in rows if row.person_id}
    people = {p.person_id: p for p in session.scalars(select(Person).where(Person.person_id.in_(people_ids or {0})))}
    privacy = page_privacy(session, viewer, [pid for pid, p in people.items() if p.living])
    items: list[NewsItem] = []
    for change in rows:
        person = people.get(change.person_id) if change.person_id else None
        if change.person_id and person is None:
            continue  # the person was removed since
        shown = privacy.view_person(person) if person is not None else None
        if shown is not None and shown.is_private:
            continue
        kind = "person_updated" if change.kind in UPDATE_KINDS else change.kind
        items.append(NewsItem(kind, change.created_at, shown, change.details or {}))
        if len(items) == limit:
            break
    return items
