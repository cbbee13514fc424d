"""The "how are we related" page: two people chosen by id or found by name, then the answer about them."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from famille.models import Person
from famille.network.services import MAX_ID, RelationAnswer, relation_answer
from famille.people.search import search_people
from famille.privacy import PersonView, Viewer
from famille.visibility import view_one

#: How many people a name search offers to choose from.
CANDIDATES = 20


@dataclass(frozen=True, slots=True)
class Side:
    """One of the two people: chosen (``person_id``), or the name typed and the people it matches."""

    person_id: int | None = None
    person: PersonView | None = None
    text: str = ""
    candidates: list[PersonView] = field(default_factory=list)
    total: int = 0


@dataclass(frozen=True, slots=True)
class PickerPage:
    """What the page shows: both sides, and the answer once both people are chosen."""

    a: Side
    b: Side
    answer: RelationAnswer | None = None


def _side(session: Session, *, viewer: Viewer, person_id: int | None, text: str) -> Side | None:
    """The side as asked; None when ``person_id`` names nobody."""
    if person_id is not None:
        person = session.get(Person, person_id)
        return Side(person_id, view_one(session, viewer, person), text) if person is not None else None
    if not text.strip():
        return Side(text=text)
    found = search_people(session, text=text, viewer=viewer, limit=CANDIDATES)
    if len(found.people) == 1:
        return Side(found.people[0].person_id, found.people[0], text)
    return Side(text=text, candidates=found.people, total=found.total)


def picker_page(
    session: Session, *, viewer: Viewer, a: int | None, b: int | None, a_text: str, b_text: str, lang: str
) -> PickerPage | None:
    """The page for the people asked (ids win over names); None when an id names nobody (a forged address).

    With neither id nor name for the first person, it is the viewer's own person (when they have one).
    """
    if any(person_id is not None and not 0 < person_id <= MAX_ID for person_id in (a, b)):
        return None
    if a is None and not a_text.strip():
        a = viewer.person_id
    first = _side(session, viewer=viewer, person_id=a, text=a_text)
    second = _side(session, viewer=viewer, person_id=b, text=b_text)
    if first is None or second is None:
        return None
    if first.person_id is None or second.person_id is None:
        return PickerPage(first, second)
    answer = relation_answer(session, viewer=viewer, a=first.person_id, b=second.person_id, lang=lang)
    return PickerPage(first, second, answer) if answer is not None else None
