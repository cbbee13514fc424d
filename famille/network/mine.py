"""My network: a member's relatives grouped by the civil degree, each with the relation word and profile links.

Group 1 holds parents and children; 2 grandparents, brothers and sisters, grandchildren; 3 uncles and aunts,
nephews and nieces, great-grandparents; 4 first cousins, great-uncles…; and so on up to the chosen limit. The
partner of a blood relative sits in that relative's group, "by marriage"; the member's own partners come first
(group 0).

Queries are bounded whatever the number of relatives: one walk of the family by frontier (a few queries per
degree), then the parents, partners, listing fields and links of everyone found, each in chunks of 500. The
relation words are worked out in memory from those parents: every person on a shortest path between the member
and a relative within the limit is a relative within the limit too, so nothing else needs loading.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from famille.kinship.closeness import id_chunks, partner_loader, tie_loader, walk_relatives
from famille.kinship.names import Kin, kin_name
from famille.kinship.paths import blood_lines, parent_loader
from famille.models import Person, ProfileLink
from famille.privacy import PersonView, Viewer
from famille.visibility import page_privacy

DEFAULT_DEGREE = 4
MAX_DEGREE = 8
#: A group shows at most this many relatives (the farthest degrees of a big family hold thousands).
MAX_PER_GROUP = 300


@dataclass(frozen=True, slots=True)
class Relative:
    """One relative as the page lists them."""

    person: PersonView
    relation: str
    links: tuple[ProfileLink, ...] = ()


@dataclass(slots=True)
class NetworkGroup:
    """The relatives at one degree (0: the member's partners)."""

    degree: int
    relatives: list[Relative] = field(default_factory=list)
    total: int = 0


@dataclass(frozen=True, slots=True)
class NetworkPage:
    """The member's network up to ``limit`` degrees."""

    limit: int
    groups: list[NetworkGroup]


def clamp_limit(value: int | None) -> int:
    """The degree limit asked for, within 1…MAX_DEGREE (the default when missing)."""
    return DEFAULT_DEGREE if value is None else min(max(value, 1), MAX_DEGREE)


def relatives_kin(me: int, *, limit: int, session: Session) -> dict[int, Kin]:
    """Everyone related to ``me`` within ``limit`` degrees (blood, then partners of blood relatives), with the Kin."""
    blood = walk_relatives([me], limit=limit, load_ties=tie_loader(session))
    parents = parent_loader(session)(set(blood))

    def known_parents(person_ids: set[int]) -> dict[int, set[int]]:
        return {person_id: parents.get(person_id, set()) for person_id in person_ids}

    kins: dict[int, Kin] = {}
    for person_id in blood:
        lines = blood_lines(me, person_id, load_parents=known_parents) if person_id != me else []
        if lines:
            kins[person_id] = Kin(lines[0].up, lines[0].down, half=lines[0].half)
    for person_id, partners in partner_loader(session)(set(blood)).items():
        for partner_id in partners - set(blood):
            kin = Kin(0, 0, marriage="spouse") if person_id == me else kins.get(person_id)
            if kin is None:
                continue
            if kin.marriage is None:
                kin = Kin(kin.up, kin.down, marriage="relative_partner")
            held = kins.get(partner_id)
            if held is None or (held.degree or 0) > (kin.degree or 0):
                kins[partner_id] = kin
    return kins


def _rows(session: Session, person_ids: Collection[int]) -> list[Person]:
    found: list[Person] = []
    for chunk in id_chunks(person_ids):
        found.extend(session.scalars(select(Person).where(Person.person_id.in_(chunk))))
    return found


def _links(session: Session, person_ids: Collection[int]) -> dict[int, list[ProfileLink]]:
    found: dict[int, list[ProfileLink]] = {}
    for chunk in id_chunks(person_ids):
        query = select(ProfileLink).where(ProfileLink.person_id.in_(chunk)).order_by(ProfileLink.position)
        for link in session.scalars(query):
            found.setdefault(link.person_id, []).append(link)
    return found


def my_network(session: Session, *, viewer: Viewer, limit: int, lang: str) -> NetworkPage | None:
    """The viewer's relatives up to ``limit`` degrees, by group; None when the viewer has no person in the tree."""
    if viewer.person_id is None or session.get(Person, viewer.person_id) is None:
        return None
    limit = clamp_limit(limit)
    kins = relatives_kin(viewer.person_id, limit=limit, session=session)
    people = sorted(_rows(session, kins), key=lambda p: (p.surname_key, p.given_name, p.birth_sort or 0))
    privacy = page_privacy(session, viewer, [person.person_id for person in people if person.living])
    views = {person.person_id: privacy.view_person(person) for person in people}
    groups = {degree: NetworkGroup(degree) for degree in range(limit + 1)}
    shown: list[tuple[Person, Kin]] = []
    for person in people:
        kin = kins[person.person_id]
        group = groups[kin.degree or 0]
        group.total += 1
        if group.total <= MAX_PER_GROUP:
            shown.append((person, kin))
    links = _links(session, [p.person_id for p, _ in shown if not views[p.person_id].is_private])
    for person, kin in shown:
        view = views[person.person_id]
        relation = kin_name(kin, "U" if view.is_private else person.sex, lang)
        relative = Relative(view, relation, tuple(links.get(person.person_id, ())))
        groups[kin.degree or 0].relatives.append(relative)
    return NetworkPage(limit=limit, groups=[group for group in groups.values() if group.total])
