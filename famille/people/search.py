"""Search by any part of any name, accent- and case-insensitive, with an optional year or year range.

"helene cote" finds "Hélène Côté"; "Tremblay 1890" finds the Tremblays born (or died) in 1890; "1880-1890"
gives a range. Each word is matched as a prefix against the indexed name words, so it stays fast at any size.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import and_, func, intersect, or_, select
from sqlalchemy.orm import Session

from famille.models import NameToken, Person
from famille.people.parents import parents_of
from famille.privacy import PersonView, Viewer
from famille.text import words
from famille.visibility import page_privacy

MAX_WORDS = 6


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed search: the name words and the years."""

    words: tuple[str, ...]
    first_year: int | None
    last_year: int | None

    @property
    def is_empty(self) -> bool:
        """Whether there is nothing to search for."""
        return not self.words and self.first_year is None


def parse_query(text: str) -> Query:
    """Split the search box's text into name words and a year or year range."""
    text = " ".join(text.split())[:200]
    first = last = None
    ranged = re.search(r"(\d{3,4})\s*(?:-|–|\.\.)\s*(\d{3,4})", text)
    if ranged:
        first, last = sorted((int(ranged[1]), int(ranged[2])))
        text = text[: ranged.start()] + " " + text[ranged.end() :]
    name_words = []
    for word in words(text):
        if word.isdigit() and len(word) in (3, 4) and first is None:
            first = last = int(word)
        elif not word.isdigit():
            name_words.append(word)
    return Query(tuple(dict.fromkeys(name_words))[:MAX_WORDS], first, last)


def _prefix(word: str):  # noqa: ANN202 - a SQL expression
    """Words starting with ``word``, as a range on the index (works alike on SQLite and PostgreSQL)."""
    return and_(NameToken.token >= word, NameToken.token < word + "\uffff")


@dataclass(frozen=True, slots=True)
class SearchResult:
    """One page of results, each as the viewer may see the person."""

    people: list[PersonView]
    total: int
    parents: dict[int, list[PersonView]]


def _matching_ids(query: Query):  # noqa: ANN202 - a SQL selectable
    selects = [select(NameToken.person_id).where(_prefix(word)) for word in query.words]
    return selects[0] if len(selects) == 1 else intersect(*selects)


def search_people(session: Session, *, text: str, viewer: Viewer, limit: int = 50) -> SearchResult:
    """People matching ``text``; visitors never find the living."""
    query = parse_query(text)
    if query.is_empty:
        return SearchResult([], 0, {})
    conditions = []
    if query.words:
        conditions.append(Person.person_id.in_(_matching_ids(query).scalar_subquery()))
    if query.first_year is not None:
        low, high = query.first_year * 10000, query.last_year * 10000 + 9999  # type: ignore[operator]
        conditions.append(or_(Person.birth_sort.between(low, high), Person.death_sort.between(low, high)))
    if not viewer.is_member:
        conditions.append(Person.living.is_(False))
    total = session.scalar(select(func.count()).select_from(Person).where(*conditions)) or 0
    rows = session.scalars(
        select(Person)
        .where(*conditions)
        .order_by(Person.surname_key, Person.given_name, Person.birth_sort)
        .limit(limit)
    ).all()
    privacy = page_privacy(session, viewer, [person.person_id for person in rows if person.living])
    found = [privacy.view_person(person) for person in rows]
    return SearchResult(found, total, parents_of(session, [person.person_id for person in rows], viewer))
