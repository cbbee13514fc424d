"""How two people are related, as pages and the command line show it: people found by reference, privacy applied.

:mod:`famille.kinship` works on ids and knows nothing of privacy; here the people of the answer (the two, the
common ancestors, everyone on the paths) are loaded in one query and seen through :mod:`famille.visibility`. A
person whose details the viewer may not see is named as the privacy rules say, and their sex is not used for
the relation word (the neutral form is), so that the word does not tell what the name hides.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from famille.kinship.closeness import id_chunks
from famille.kinship.names import Kin, kin_name
from famille.kinship.paths import MAX_ID
from famille.kinship.relationship import Relationship, find_relationship
from famille.kinship.wording import report_lines
from famille.models import Person
from famille.privacy import PersonView, Viewer
from famille.visibility import page_privacy


def find_person(session: Session, reference: str) -> Person | None:
    """A person by site id ("12") or GEDCOM xref ("I12" or "@I12@"); None when there is no such person."""
    text = reference.strip().strip("@").strip()
    if not text:
        return None
    if text.isascii() and text.isdigit():
        return session.get(Person, int(text)) if int(text) <= MAX_ID else None
    # Imports store the xref bare ("I12"); people written by older code kept the at-signs.
    matching = select(Person).where(Person.xref.in_([text, f"@{text}@"])).order_by(Person.person_id).limit(1)
    return session.scalars(matching).first()


def relationship_report(session: Session, first: str, second: str, *, lang: str) -> list[str]:
    """The command line's answer for two references (names both ways, degree, common ancestors).

    Raises LookupError naming the reference that matches nobody.
    """
    people: list[Person] = []
    for reference in (first, second):
        person = find_person(session, reference)
        if person is None:
            raise LookupError(f"no person {reference!r} (give a site id like 12 or a GEDCOM xref like I12)")
        people.append(person)
    a, b = people
    found = find_relationship(session, a.person_id, b.person_id)
    ancestor_ids = [person_id for group in (found.ancestors if found else ()) for person_id in group]
    names = {person.person_id: person.display_name for person in _people(session, ancestor_ids).values()}
    return report_lines(
        found.kin if found else None,
        names=(a.display_name, b.display_name),
        sexes=(a.sex, b.sex),
        ancestors=[[names.get(person_id, "?") for person_id in group] for group in (found.ancestors if found else ())],
        lang=lang,
    )


def _people(session: Session, person_ids: list[int]) -> dict[int, Person]:
    found: dict[int, Person] = {}
    for chunk in id_chunks(person_ids):
        found.update(
            (person.person_id, person) for person in session.scalars(select(Person).where(Person.person_id.in_(chunk)))
        )
    return found


@dataclass(frozen=True, slots=True)
class RelationAnswer:
    """What a page says about two people: each one's relation word for the other, the degree, who links them.

    ``paths`` lists each way from A to B as steps; a step is one person, or the two of a couple of common
    ancestors (the paths through each of them are then shown once).
    """

    a: PersonView
    b: PersonView
    kin: Kin | None
    b_to_a: str = ""
    a_to_b: str = ""
    ancestors: tuple[tuple[PersonView, ...], ...] = ()
    paths: tuple[tuple[tuple[PersonView, ...], ...], ...] = ()

    @property
    def degree(self) -> int | None:
        """The civil degree (by marriage: the affinity degree), None for spouses or when unrelated."""
        return self.kin.degree if self.kin else None


def _collapsed_paths(found: Relationship) -> list[tuple[tuple[int, ...], ...]]:
    couple_of = {person_id: group for group in found.ancestors for person_id in group}
    steps: list[tuple[tuple[int, ...], ...]] = []
    for path in found.paths:
        collapsed = tuple(couple_of.get(person_id, (person_id,)) for person_id in path)
        if collapsed not in steps:
            steps.append(collapsed)
    return steps


def relation_answer(session: Session, *, viewer: Viewer, a: int, b: int, lang: str) -> RelationAnswer | None:
    """How ``b`` is related to ``a``, as ``viewer`` may see it; None when either person does not exist."""
    found = find_relationship(session, a, b)
    ids = [a, b, *(person_id for path in (found.paths if found else ()) for person_id in path)]
    people = _people(session, ids)
    if a not in people or b not in people:
        return None
    privacy = page_privacy(session, viewer, [person_id for person_id, p in people.items() if p.living])
    views = {person_id: privacy.view_person(person) for person_id, person in people.items()}
    if found is None:
        return RelationAnswer(a=views[a], b=views[b], kin=None)
    sex = {person_id: "U" if views[person_id].is_private else people[person_id].sex for person_id in (a, b)}
    return RelationAnswer(
        a=views[a],
        b=views[b],
        kin=found.kin,
        b_to_a=kin_name(found.kin, sex[b], lang),
        a_to_b=kin_name(found.kin.reversed(), sex[a], lang),
        ancestors=tuple(tuple(views[p] for p in group if p in views) for group in found.ancestors),
        paths=tuple(tuple(tuple(views[p] for p in step) for step in path) for path in _collapsed_paths(found)),
    )


def relation_to_viewer(session: Session, *, viewer: Viewer, person: PersonView, lang: str) -> RelationAnswer | None:
    """For a person's page: how that person is related to the viewer's own person, when there is something to say.

    Nothing for visitors, members without a person in the tree, their own page, people whose details they may
    not see, or people not related to them.
    """
    if not viewer.is_member or viewer.person_id is None or viewer.person_id == person.person_id or person.is_private:
        return None
    answer = relation_answer(session, viewer=viewer, a=viewer.person_id, b=person.person_id, lang=lang)
    return answer if answer is not None and answer.kin is not None else None
