"""Reading the tree for pages: counts, the surname index and the people under one surname."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from famille.models import Family, Person
from famille.privacy import PersonView, Viewer
from famille.site.services import data_version
from famille.visibility import people_views


@dataclass(frozen=True, slots=True)
class SurnameEntry:
    """One surname of the index: its key (accent- and case-free), the spelling shown, how many people bear it."""

    key: str
    surname: str
    count: int


@dataclass(frozen=True, slots=True)
class Overview:
    """The figures of the home page."""

    people: int
    families: int
    surnames: int


def family_overview(session: Session) -> Overview:
    """How many people, families and distinct surnames the tree holds."""
    people = session.scalar(select(func.count()).select_from(Person)) or 0
    families = session.scalar(select(func.count()).select_from(Family)) or 0
    surnames = (
        session.scalar(select(func.count(func.distinct(Person.surname_key))).where(Person.surname_key != "")) or 0
    )
    return Overview(people=people, families=families, surnames=surnames)


#: Surname indexes by (database, data version, limit): grouping 100,000 people takes a tenth of a second, and the
#: index only changes when the data version moves. Old versions are dropped as new ones come.
_SURNAME_CACHE: dict[tuple[str, str, int | None], list[SurnameEntry]] = {}


def surname_index(session: Session, *, limit: int | None = None) -> list[SurnameEntry]:
    """Surnames with their counts, alphabetical without regard to accents; the most common first if ``limit``."""
    key = (str(session.get_bind().url), data_version(session), limit)
    cached = _SURNAME_CACHE.get(key)
    if cached is None:
        if len(_SURNAME_CACHE) > 16:
            _SURNAME_CACHE.clear()
        cached = _SURNAME_CACHE[key] = _surname_index(session, limit=limit)
    return cached


def _surname_index(session: Session, *, limit: int | None) -> list[SurnameEntry]:
    count = func.count().label("n")
    query = (
        select(Person.surname_key, func.min(Person.surname), count)
        .where(Person.surname_key != "")
        .group_by(Person.surname_key)
    )
    if limit is not None:
        query = query.order_by(count.desc(), Person.surname_key).limit(limit)
    rows = session.execute(query).all()
    entries = [SurnameEntry(key=key, surname=surname, count=n) for key, surname, n in rows]
    return sorted(entries, key=lambda entry: entry.key)


@dataclass(frozen=True, slots=True)
class PeoplePage:
    """One page of the people bearing a surname."""

    surname: str
    people: list[PersonView]
    page: int
    pages: int
    total: int


def people_with_surname(
    session: Session, *, surname_key: str, viewer: Viewer, page: int, per_page: int
) -> PeoplePage | None:
    """The people whose surname folds to ``surname_key``, by birth then name, as ``viewer`` may see them."""
    total = session.scalar(select(func.count()).select_from(Person).where(Person.surname_key == surname_key)) or 0
    if total == 0:
        return None
    pages = max(1, -(-total // per_page))
    page = min(max(page, 1), pages)
    rows = session.execute(
        select(
            Person.person_id,
            Person.given_name,
            Person.surname,
            Person.birth_date,
            Person.death_date,
            Person.living,
        )
        .where(Person.surname_key == surname_key)
        .order_by(Person.birth_sort.is_(None), Person.birth_sort, Person.given_name, Person.person_id)
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    people = people_views(session, viewer, rows)
    surname = rows[0][2] if rows else surname_key  # the page's own title, even when its people are private
    return PeoplePage(surname=surname, people=people, page=page, pages=pages, total=total)
