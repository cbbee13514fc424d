"""News posts: writing, changing and deleting them (each a logged change), and reading them as a viewer may.

A post follows the privacy of the person it is about: whoever may not see that person in detail sees neither the
post nor its photo; a post about nobody in particular is for members only. Its author, editors and admins may
change or delete it. The photo's file is written by :mod:`famille.news.photos`; removing an old one is left to
the caller, after the commit, so that a failed transaction never loses a photo still in use.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from famille.kinship.closeness import close_family
from famille.models import Change, NewsPost, Person
from famille.news.topics import DEFAULT_TOPIC, TOPIC_CHOICES
from famille.privacy import PersonView, Viewer
from famille.profiles.services import Actor
from famille.site.services import bump_data_version
from famille.visibility import people_views, view_one

#: The longest announcement, in characters: a few paragraphs, not an article.
MAX_BODY = 2000
#: How close the relatives offered in the form's person picker are (first cousins and their partners).
PICKER_DEGREES = 4
#: How many posts a person's page shows.
PERSON_PAGE_POSTS = 5


class Account(Protocol):
    """What deciding who may change a post needs of an account."""

    user_id: int | None
    person_id: int | None

    def can(self, permission: str) -> bool: ...


@dataclass(frozen=True, slots=True)
class NewsInput:
    """A post as typed: whom it is about (None: nobody in particular), its topic and its text."""

    person_id: int | None
    topic: str
    body: str


@dataclass(frozen=True, slots=True)
class ShownPost:
    """A post as a page shows it: the post and whom it is about, as the viewer may see them."""

    post: NewsPost
    person: PersonView | None


def clean_body(text: str) -> str:
    """The text as stored: line ends made plain, blank edges trimmed, at most :data:`MAX_BODY` characters."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()[:MAX_BODY]


def can_change(account: Account, post: NewsPost) -> bool:
    """Whether ``account`` may change or delete ``post``: its author, editors and admins."""
    if account.can("edit_any"):
        return True
    return account.user_id is not None and post.author_id == account.user_id and account.can("post_news")


def _record(session: Session, *, kind: str, post: NewsPost, actor: Actor) -> None:
    """Log one change of a post and move the data version on (charts show it among recent updates)."""
    details = {"news_id": post.news_id, "topic": post.topic}
    session.add(Change(kind=kind, actor=actor.name, user_id=actor.user_id, person_id=post.person_id, details=details))
    bump_data_version(session)
    session.flush()


def create_post(session: Session, *, data: NewsInput, photo: tuple[str, int, int] | None, actor: Actor) -> NewsPost:
    """Save a new post by ``actor`` (``photo``: the stored file's name, width and height)."""
    post = NewsPost(author_id=actor.user_id, person_id=data.person_id, topic=_topic(data.topic))
    post.body = clean_body(data.body)
    _set_photo(post, photo)
    session.add(post)
    session.flush()
    _record(session, kind="news_posted", post=post, actor=actor)
    return post


def edit_post(
    session: Session,
    *,
    post: NewsPost,
    data: NewsInput,
    photo: tuple[str, int, int] | None,
    drop_photo: bool,
    actor: Actor,
) -> str:
    """Change a post; returns the name of a photo file no longer used ("" when none), to remove after commit."""
    old_photo = post.photo
    post.person_id, post.topic, post.body = data.person_id, _topic(data.topic), clean_body(data.body)
    if photo is not None or drop_photo:
        _set_photo(post, photo)
    post.updated_at = datetime.now(UTC)
    _record(session, kind="news_edited", post=post, actor=actor)
    return old_photo if old_photo != post.photo else ""


def delete_post(session: Session, *, post: NewsPost, actor: Actor) -> str:
    """Delete a post; returns its photo's file name ("" when none), to remove after commit."""
    photo = post.photo
    _record(session, kind="news_deleted", post=post, actor=actor)
    session.delete(post)
    session.flush()
    return photo


def _topic(topic: str) -> str:
    return topic if topic in TOPIC_CHOICES else DEFAULT_TOPIC


def _set_photo(post: NewsPost, photo: tuple[str, int, int] | None) -> None:
    post.photo, post.photo_width, post.photo_height = photo if photo is not None else ("", 0, 0)


def visible_post(session: Session, *, news_id: int, viewer: Viewer) -> ShownPost | None:
    """The post ``news_id`` if ``viewer`` may see it (None when missing or hidden from them)."""
    post = session.get(NewsPost, news_id)
    if post is None:
        return None
    if post.person_id is None:
        return ShownPost(post, None) if viewer.is_member else None
    person = session.get(Person, post.person_id)
    shown = view_one(session, viewer, person) if person is not None else None
    return ShownPost(post, shown) if shown is not None and not shown.is_private else None


def news_about(session: Session, *, person: PersonView, limit: int = PERSON_PAGE_POSTS) -> list[NewsPost]:
    """The newest posts about a person already checked visible (one query), for their page."""
    if person.is_private:
        return []
    query = select(NewsPost).where(NewsPost.person_id == person.person_id)
    return list(session.scalars(query.order_by(NewsPost.news_id.desc()).limit(limit)))


def may_post_about(session: Session, *, viewer: Viewer, person_id: int | None) -> bool:
    """Whether ``viewer`` may write a post about ``person_id`` (anyone they see in detail; None: nobody)."""
    if person_id is None:
        return viewer.is_member
    person = session.get(Person, person_id)
    return person is not None and not view_one(session, viewer, person).is_private


def picker_people(session: Session, *, viewer: Viewer, also: int | None = None) -> list[PersonView]:
    """Whom the form offers: the viewer's own person first, then close relatives, plus ``also`` if visible."""
    wanted: dict[int, int] = {}
    if viewer.person_id is not None:
        wanted = close_family(session, viewer.person_id, degrees=PICKER_DEGREES)
    if also is not None:
        wanted.setdefault(also, PICKER_DEGREES + 1)
    rows = session.execute(
        select(
            Person.person_id, Person.given_name, Person.surname, Person.birth_date, Person.death_date, Person.living
        ).where(Person.person_id.in_(list(wanted) or [0]))
    ).all()
    rows.sort(key=lambda row: (wanted.get(row[0], 99), row[2], row[1]))
    return [view for view in people_views(session, viewer, rows) if not view.is_private]
