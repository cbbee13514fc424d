"""Reading what the directory shows of the people it lists: their listing fields as privacy.py lets the viewer see
them, their profile links (only for those seen in detail) and whether an account is linked to them.

Ids go into ``IN (...)`` in chunks of :data:`famille.kinship.closeness.CHUNK`, so a page of a few hundred people
costs one or two queries of each kind.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from famille.gedcom.dates import parsed_date
from famille.kinship.closeness import id_chunks
from famille.models import Person, ProfileLink, User
from famille.privacy import PersonView
from famille.visibility import PagePrivacy

_LISTING = (Person.person_id, Person.given_name, Person.surname, Person.birth_date, Person.death_date, Person.living)


@dataclass(frozen=True, slots=True)
class LinkView:
    """One profile link as the directory shows it."""

    url: str
    platform: str
    handle: str
    label: str


@dataclass(frozen=True, slots=True)
class Entry:
    """One person of a directory page: as the viewer sees them, their years, links and whether they have an account."""

    person: PersonView
    years: str
    links: tuple[LinkView, ...] = ()
    has_account: bool = False


@dataclass(frozen=True, slots=True)
class ExportRow:
    """One person of a download: seen in detail, with birth year, branch (kind and head) and links."""

    person: PersonView
    birth_year: str
    branch_kind: str
    branch_head: PersonView | None
    links: tuple[LinkView, ...]


def year_of(date_text: str) -> str:
    """The year of a GEDCOM date ("ABT 1952" → "1952"), empty when there is none."""
    year = parsed_date(date_text).year if date_text else None
    return str(year) if year else ""


def years(person: PersonView) -> str:
    """Birth and death years as a list shows them: "1950", "1880–1950", "–1950" or nothing."""
    born, died = year_of(person.birth_date), year_of(person.death_date)
    return f"{born}–{died}" if died else born


def _views(session: Session, privacy: PagePrivacy, ids: Iterable[int]) -> dict[int, PersonView]:
    views: dict[int, PersonView] = {}
    for part in id_chunks(ids):
        for row in session.execute(select(*_LISTING).where(Person.person_id.in_(part))):
            views[row[0]] = privacy.view(tuple(row))
    return views


def _links(session: Session, ids: Iterable[int]) -> dict[int, list[LinkView]]:
    found: dict[int, list[LinkView]] = defaultdict(list)
    columns = (ProfileLink.person_id, ProfileLink.url, ProfileLink.platform, ProfileLink.handle, ProfileLink.label)
    for part in id_chunks(ids):
        rows = session.execute(
            select(*columns)
            .where(ProfileLink.person_id.in_(part))
            .order_by(ProfileLink.person_id, ProfileLink.position, ProfileLink.link_id)
        )
        for person_id, url, platform, handle, label in rows:
            found[person_id].append(LinkView(url, platform, handle or "", label or ""))
    return found


def _with_accounts(session: Session, ids: Iterable[int]) -> set[int]:
    owners: set[int] = set()
    for part in id_chunks(ids):
        owners.update(session.scalars(select(User.person_id).where(User.person_id.in_(part))))
    return owners


def read_entries(
    session: Session, *, privacy: PagePrivacy, shown: list[int], others: Iterable[int], accounts: bool
) -> tuple[dict[int, Entry], dict[int, PersonView]]:
    """The entries of ``shown`` and the views of every person read (``others``: heads of groups, the couple).

    People no longer in the database are left out; the links of people shown as private are never read.
    """
    views = _views(session, privacy, [*shown, *others])
    present = [person_id for person_id in shown if person_id in views]
    links = _links(session, [person_id for person_id in present if not views[person_id].is_private])
    owners = _with_accounts(session, present) if accounts else set()
    entries = {
        person_id: Entry(
            views[person_id], years(views[person_id]), tuple(links.get(person_id, ())), person_id in owners
        )
        for person_id in present
    }
    return entries, views


def read_export_rows(
    session: Session,
    *,
    privacy: PagePrivacy,
    people: list[int],
    branches: dict[int, tuple[str, int | None]],
    heads: Iterable[int],
) -> list[ExportRow]:
    """The download rows of ``people`` in order, leaving out those the viewer may not see in detail."""
    views = _views(session, privacy, [*people, *heads])
    visible = [person_id for person_id in people if person_id in views and not views[person_id].is_private]
    links = _links(session, visible)
    rows = []
    for person_id in visible:
        kind, head = branches[person_id]
        view = views[person_id]
        branch_head = views.get(head) if head is not None else None
        rows.append(ExportRow(view, year_of(view.birth_date), kind, branch_head, tuple(links.get(person_id, ()))))
    return rows
