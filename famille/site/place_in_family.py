"""A member's place in the family, for the home page: their parents, brothers and sisters, and the relatives
close to them who have joined the site."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from famille.kinship.closeness import close_family
from famille.models import Person, User
from famille.people.relatives import Relative, load_relatives
from famille.privacy import PersonView, Viewer
from famille.visibility import page_privacy

#: Relatives who joined are looked for up to second cousins (degree 6 by the civil count).
JOINED_DEGREES = 6
JOINED_SHOWN = 24


@dataclass(slots=True)
class PlaceInFamily:
    """The member's person and their nearest relatives."""

    person: PersonView
    parents: list[Relative] = field(default_factory=list)
    siblings: list[Relative] = field(default_factory=list)
    joined: list[tuple[PersonView, int]] = field(default_factory=list)


def place_in_family(session: Session, *, viewer: Viewer) -> PlaceInFamily | None:
    """The viewer's place in the family, or None when their account is not linked to a person."""
    if viewer.person_id is None:
        return None
    me = session.get(Person, viewer.person_id)
    if me is None:
        return None
    relatives = load_relatives(session, person_id=me.person_id, viewer=viewer)
    kin = close_family(session, me.person_id, degrees=JOINED_DEGREES)
    kin.pop(me.person_id, None)
    members = list(session.scalars(select(User.person_id).where(User.person_id.in_(list(kin) or [0]))))
    nearest = sorted(members, key=lambda pid: (kin[pid], pid))[:JOINED_SHOWN]
    people = {p.person_id: p for p in session.scalars(select(Person).where(Person.person_id.in_(nearest or [0])))}
    privacy = page_privacy(session, viewer, [pid for pid, p in people.items() if p.living] + [me.person_id])
    joined = [(privacy.view_person(people[pid]), kin[pid]) for pid in nearest if pid in people]
    return PlaceInFamily(privacy.view_person(me), relatives.parents, relatives.siblings, joined)
