"""Profile links on a person, edited on the site: who may, adding, changing and removing, each change recorded.

Whatever is typed goes through :func:`famille.links.normalize_link`, so one profile has one address and a second
copy of a link merges into the first instead of making a row. A link added or edited here is the site's
(``origin="site"``): a later GEDCOM import removes only links that came from a file and are no longer in it, so it
never undoes what a relative did on the site. Every write records a :class:`~famille.models.Change` and moves the
data version on; these functions flush but never commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from famille.links import normalize_link
from famille.models import Change, Person, ProfileLink
from famille.privacy import PersonView, Viewer
from famille.site.services import bump_data_version
from famille.visibility import view_one

SITE_ORIGIN = "site"
MAX_LABEL_LENGTH = 200
_MAX_HANDLE_LENGTH = 300
_MAX_ACTOR_LENGTH = 200
# Ids come from the URL; SQLite refuses integers beyond 8 bytes with an error, so such an id is simply not found.
_MAX_ROW_ID = 2**63 - 1

#: What saving a link did.
ADDED, MERGED, CHANGED, UNCHANGED = "added", "merged", "changed", "unchanged"


class LinkEditor(Protocol):
    """What :func:`can_edit_links` needs of whoever asks: an Account or the anonymous visitor."""

    @property
    def person_id(self) -> int | None:
        """The person of the tree this account is, if any."""

    def can(self, permission: str) -> bool:
        """Whether the account's role holds ``permission``."""


@dataclass(frozen=True, slots=True)
class Actor:
    """Who makes a change, as the change log and ``added_by`` record it."""

    user_id: int | None
    name: str


@dataclass(frozen=True, slots=True)
class LinksPage:
    """A person's links as the editing page lists them."""

    person: PersonView
    links: list[ProfileLink]


@dataclass(frozen=True, slots=True)
class SavedLink:
    """The link a save ended on, what the save did (:data:`ADDED`…) and whether a given label filled an empty one."""

    link: ProfileLink
    outcome: str
    label_filled: bool = False


def can_edit_links(account: LinkEditor, person_id: int) -> bool:
    """Whether ``account`` may add, change and remove the links of ``person_id``.

    Editors and admins may on anyone ("edit_any"); a member only on the person their account is ("edit_own").
    """
    if account.can("edit_any"):
        return True
    return account.can("edit_own") and account.person_id is not None and account.person_id == person_id


def actor_of(*, user_id: int | None, display_name: str, email: str) -> Actor:
    """The actor for an account: its display name, or its e-mail address when it has none."""
    return Actor(user_id=user_id, name=(display_name.strip() or email)[:_MAX_ACTOR_LENGTH])


def clean_label(label: str) -> str:
    """A label on one line, without runs of spaces, at most :data:`MAX_LABEL_LENGTH` characters."""
    return " ".join(label.split())[:MAX_LABEL_LENGTH]


def find_person(session: Session, *, person_id: int) -> Person | None:
    """The person ``person_id``, or None when there is none."""
    return session.get(Person, person_id) if 0 < person_id <= _MAX_ROW_ID else None


def find_link(session: Session, *, person_id: int, link_id: int) -> ProfileLink | None:
    """The link ``link_id`` when it belongs to ``person_id`` (a link reached through another person is not found)."""
    link = session.get(ProfileLink, link_id) if 0 < link_id <= _MAX_ROW_ID else None
    return link if link is not None and link.person_id == person_id else None


def person_heading(session: Session, *, person_id: int, viewer: Viewer) -> PersonView | None:
    """The person's name and years as ``viewer`` may see them, or None when there is no such person."""
    person = find_person(session, person_id=person_id)
    return None if person is None else view_one(session, viewer, person)


def links_page(session: Session, *, person_id: int, viewer: Viewer) -> LinksPage | None:
    """The person and their links in display order (two queries), or None when there is no such person."""
    heading = person_heading(session, person_id=person_id, viewer=viewer)
    if heading is None:
        return None
    links = session.scalars(
        select(ProfileLink)
        .where(ProfileLink.person_id == person_id)
        .order_by(ProfileLink.position, ProfileLink.link_id)
    )
    return LinksPage(person=heading, links=list(links))


def add_link(session: Session, *, person_id: int, raw: str, label: str, actor: Actor) -> SavedLink:
    """Add the link typed as ``raw`` to the person; a link they already have is merged, not added twice.

    Raises :class:`famille.links.LinkError` when ``raw`` is refused. Merging fills an empty label with ``label``.
    """
    found = normalize_link(raw)
    label = clean_label(label)
    existing = _link_with_url(session, person_id=person_id, url=found.url)
    if existing is not None:
        return _merge_label(session, existing, label=label, actor=actor)
    last = session.scalar(select(func.max(ProfileLink.position)).where(ProfileLink.person_id == person_id))
    link = ProfileLink(
        person_id=person_id,
        url=found.url,
        platform=found.platform,
        handle=(found.handle or "")[:_MAX_HANDLE_LENGTH],
        label=label,
        origin=SITE_ORIGIN,
        added_by=actor.name,
        position=0 if last is None else last + 1,
    )
    session.add(link)
    session.flush()
    _record(session, kind="link_added", link=link, actor=actor, old=None, new=_snapshot(link))
    return SavedLink(link, ADDED)


def change_link(session: Session, *, link: ProfileLink, raw: str, label: str, actor: Actor) -> SavedLink:
    """Change a link's address and label; it becomes the site's (a re-import will not undo the change).

    When the new address is one the person already has in another link, the two merge: the edited one goes.
    Raises :class:`famille.links.LinkError` when ``raw`` is refused.
    """
    found = normalize_link(raw)
    label = clean_label(label)
    if found.url == link.url and label == link.label:
        return SavedLink(link, UNCHANGED)
    other = _link_with_url(session, person_id=link.person_id, url=found.url)
    if other is not None and other.link_id != link.link_id:
        old = _snapshot(link)
        session.delete(link)
        session.flush()
        _record(session, kind="link_removed", link=link, actor=actor, old=old, new=None, merged_into=other.url)
        return _merge_label(session, other, label=label, actor=actor)
    old = _snapshot(link)
    link.url, link.platform = found.url, found.platform
    link.handle = (found.handle or "")[:_MAX_HANDLE_LENGTH]
    link.label, link.origin = label, SITE_ORIGIN
    session.flush()
    _record(session, kind="link_changed", link=link, actor=actor, old=old, new=_snapshot(link))
    return SavedLink(link, CHANGED)


def remove_link(session: Session, *, link: ProfileLink, actor: Actor) -> None:
    """Remove a link from its person, whether it came from a GEDCOM file or from the site."""
    old = _snapshot(link)
    session.delete(link)
    session.flush()
    _record(session, kind="link_removed", link=link, actor=actor, old=old, new=None)


def _link_with_url(session: Session, *, person_id: int, url: str) -> ProfileLink | None:
    return session.scalar(select(ProfileLink).where(ProfileLink.person_id == person_id, ProfileLink.url == url))


def _merge_label(session: Session, link: ProfileLink, *, label: str, actor: Actor) -> SavedLink:
    """A link typed again: only an empty label may change (a label already chosen is kept)."""
    if not label or link.label:
        return SavedLink(link, MERGED)
    old = _snapshot(link)
    link.label, link.origin = label, SITE_ORIGIN
    session.flush()
    _record(session, kind="link_changed", link=link, actor=actor, old=old, new=_snapshot(link))
    return SavedLink(link, MERGED, label_filled=True)


def _snapshot(link: ProfileLink) -> dict[str, str]:
    """The values of a link the change log keeps as "old" and "new"."""
    return {
        "url": link.url,
        "platform": link.platform,
        "handle": link.handle,
        "label": link.label,
        "origin": link.origin,
    }


def _record(
    session: Session,
    *,
    kind: str,
    link: ProfileLink,
    actor: Actor,
    old: dict[str, str] | None,
    new: dict[str, str] | None,
    **extra: Any,
) -> None:
    """Log one change of a link and move the data version on (pages and charts cached by it are refreshed)."""
    details: dict[str, Any] = {"link_id": link.link_id, "old": old, "new": new, **extra}
    session.add(Change(kind=kind, actor=actor.name, user_id=actor.user_id, person_id=link.person_id, details=details))
    bump_data_version(session)
