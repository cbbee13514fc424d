"""How two people are related: by blood when they can be, otherwise by marriage.

Blood comes first (:mod:`famille.kinship.paths`): the closest common ancestors give the :class:`Kin` (the most even
split when several). Without a blood tie, marriage is tried: the two are partners (spouse); or the second is a
blood relative of one of the first's partners (a parent-in-law, a step-child, a partner's cousin…); or the second
is the partner of one of the first's blood relatives (a step-parent, a child-in-law, an uncle's wife…). The
closest of those wins (smallest degree, then the most even). Other chains of marriages (a brother-in-law's
brother) are not named: the relationship is then None.

:func:`relate` is pure (loaders passed in); :func:`find_relationship` binds it to a session, with the parents
cached for the whole question since the marriage step climbs the same ancestries again.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from famille.kinship.closeness import PartnerLoader, partner_loader
from famille.kinship.names import Kin
from famille.kinship.paths import MAX_ID, BloodLine, ParentLoader, blood_lines, parent_loader


@dataclass(frozen=True, slots=True)
class Relationship:
    """What ``b`` is to ``a``: the :class:`Kin`, the paths as person ids (a first, b last), the common ancestors.

    ``through`` is, by marriage, the partner the relation goes through (a's partner or b's partner).
    """

    a: int
    b: int
    kin: Kin
    paths: tuple[tuple[int, ...], ...]
    ancestors: tuple[tuple[int, ...], ...] = ()
    through: int | None = None

    @property
    def degree(self) -> int | None:
        """The civil degree (the affinity degree by marriage), None for a spouse or the person themselves."""
        return self.kin.degree


def _from_lines(a: int, b: int, lines: list[BloodLine]) -> Relationship:
    first = lines[0]
    ancestors: list[tuple[int, ...]] = []
    for line in lines:
        ancestors.extend(group for group in line.ancestors if group not in ancestors)
    return Relationship(
        a=a,
        b=b,
        kin=Kin(first.up, first.down, half=first.half),
        paths=tuple(path for line in lines for path in line.paths),
        ancestors=tuple(ancestors),
    )


def _by_marriage(a: int, b: int, load_parents: ParentLoader, load_partners: PartnerLoader) -> Relationship | None:
    partners = load_partners({a, b})
    if b in partners.get(a, set()):
        return Relationship(a=a, b=b, kin=Kin(0, 0, marriage="spouse"), paths=((a, b),), through=b)
    found: list[tuple[tuple[int, int, int], Relationship]] = []
    for partner in sorted(partners.get(a, set())):
        lines = blood_lines(partner, b, load_parents=load_parents)
        if lines:
            line = lines[0]
            paths = tuple((a, *path) for path in line.paths)
            kin = Kin(line.up, line.down, marriage="partner_relative")
            found.append(((line.degree, abs(line.up - line.down), partner), _married(a, b, kin, paths, line, partner)))
    for partner in sorted(partners.get(b, set())):
        lines = blood_lines(a, partner, load_parents=load_parents)
        if lines:
            line = lines[0]
            paths = tuple((*path, b) for path in line.paths)
            kin = Kin(line.up, line.down, marriage="relative_partner")
            found.append(((line.degree, abs(line.up - line.down), partner), _married(a, b, kin, paths, line, partner)))
    return min(found, key=lambda item: item[0])[1] if found else None


def _married(
    a: int, b: int, kin: Kin, paths: tuple[tuple[int, ...], ...], line: BloodLine, through: int
) -> Relationship:
    return Relationship(a=a, b=b, kin=kin, paths=paths, ancestors=line.ancestors, through=through)


def relate(a: int, b: int, *, load_parents: ParentLoader, load_partners: PartnerLoader) -> Relationship | None:
    """What ``b`` is to ``a`` (blood first, then marriage), or None when the tree shows no such tie."""
    lines = blood_lines(a, b, load_parents=load_parents)
    if lines:
        return _from_lines(a, b, lines)
    return _by_marriage(a, b, load_parents, load_partners)


def cached(load_parents: ParentLoader) -> ParentLoader:
    """The same loader, asking for each person's parents only once."""
    known: dict[int, set[int]] = {}

    def load(person_ids: set[int]) -> dict[int, set[int]]:
        missing = person_ids - known.keys()
        if missing:
            loaded = load_parents(missing)
            known.update({person_id: loaded.get(person_id, set()) for person_id in missing})
        return {person_id: known[person_id] for person_id in person_ids}

    return load


def find_relationship(session: Session, a: int, b: int) -> Relationship | None:
    """What person ``b`` is to person ``a`` in the tree, or None (unknown ids are simply unrelated)."""
    load_partners = partner_loader(session)
    return relate(
        a,
        b,
        load_parents=cached(parent_loader(session)),
        # Ids no row can have are left out of the query (PostgreSQL refuses them): such people have no partner.
        load_partners=lambda person_ids: load_partners({i for i in person_ids if 0 < i <= MAX_ID}),
    )
