"""Living flags set again around an edit, reading only the people the edit can reach, never the whole tree.

The rule (:mod:`famille.imports.living`) infers an unknown birth year from parents, children and partners, in
``INFERENCE_ROUNDS`` rounds; a known year never changes. So, with R = ``INFERENCE_ROUNDS``, the year the rule gives
a person X is a function of the walks of at most R ties from X whose every person but the last has an unknown
year (a known year ends the walk: it is used, not looked through), and of the known years where they end: round k
computes an unknown year from the relatives' years after round k − 1, and a known year is never recomputed, so
unrolling the rounds from X follows exactly those walks. Call D(X) the people on those walks: if X's year is known,
D(X) is X alone.

*Who can change.* An edit changes the known years, deaths and ties of some people: the "touched" ones. The
callers name every person still in the tree whose own year, death or set of relatives (parents, children,
partners) the edit changed: for a removed tie both sides, for a deleted person all their relatives. A person X
with no touched person in D(X) keeps the very same walks, ties and end years, hence the same year and (their own
death unchanged) the same flag: built step by step from X, each walk only ever extends from an untouched person,
whose year and relatives are what they were. (A walk that used a removed tie reached one of its sides first, and
both sides are touched.) So the flags that can change are those of the affected set A: the touched people and
every person of unknown year reached from them, in the tree after the edit, by at most R ties through people of
unknown year only.

*What they need.* The year of X in A depends only on D(X). Loading N, everyone reached from A by at most R ties
through unknown years only, and the complete ties of every person of N expanded on the way, the rounds run on
N alone give each X in A exactly the year they give over the whole tree; people at N's edge, whose ties were not
all loaded, may get another year, but their flags are not written.

Both walks ask the database only for the ties of their frontier (``IN (...)`` in chunks). In a tree where most
years are known they stop within a step or two; at worst they reach 2R ties from the touched people.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from famille.imports.living import INFERENCE_ROUNDS, infer_birth_years
from famille.kinship.closeness import id_chunks
from famille.models import Family, FamilyChild, Person

#: How many ids go into one ``IN (...)``: well under SQLite's limit on bound parameters.


@dataclass(slots=True)
class _Neighbourhood:
    """The part of the tree read so far: known birth years, and the complete ties of the people expanded."""

    years: dict[int, int | None] = field(default_factory=dict)
    parents: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    children: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    partners: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    expanded: set[int] = field(default_factory=set)

    def unknown(self, person_id: int) -> bool:
        """Whether the person's birth year is unknown (the rule may infer it, walks go on through them)."""
        return self.years.get(person_id) is None

    def relatives(self, person_id: int) -> Iterator[int]:
        """Parents, children and partners of an expanded person."""
        yield from self.parents.get(person_id, ())
        yield from self.children.get(person_id, ())
        yield from self.partners.get(person_id, ())


def _load_years(session: Session, hood: _Neighbourhood, person_ids: Iterable[int]) -> None:
    """Read the known birth years of people not seen yet (the year as :func:`recompute_living` takes it)."""
    for chunk in id_chunks(set(person_ids) - hood.years.keys()):
        for person_id, birth in session.execute(
            select(Person.person_id, Person.birth_sort).where(Person.person_id.in_(chunk))
        ):
            hood.years[person_id] = birth // 10000 if birth is not None else None


def _expand(session: Session, hood: _Neighbourhood, person_ids: Iterable[int]) -> None:
    """Read all the ties of these people (the same ties :func:`recompute_living` builds), then their years."""
    wanted = set(person_ids) - hood.expanded
    for chunk in id_chunks(wanted):
        as_partner = or_(Family.partner1_id.in_(chunk), Family.partner2_id.in_(chunk))
        for first, second in session.execute(select(Family.partner1_id, Family.partner2_id).where(as_partner)):
            if first is not None and second is not None:
                for one, other in ((first, second), (second, first)):
                    if one in wanted:
                        hood.partners[one].append(other)
        as_parent = select(Family.partner1_id, Family.partner2_id, FamilyChild.person_id).join(
            FamilyChild, FamilyChild.family_id == Family.family_id
        )
        for first, second, child_id in session.execute(as_parent.where(as_partner)):
            for parent_id in (first, second):
                if parent_id in wanted:
                    hood.children[parent_id].append(child_id)
        for first, second, child_id in session.execute(as_parent.where(FamilyChild.person_id.in_(chunk))):
            hood.parents[child_id].extend(pid for pid in (first, second) if pid is not None)
    hood.expanded |= wanted
    _load_years(session, hood, (other for person_id in wanted for other in hood.relatives(person_id)))


def _reach(session: Session, hood: _Neighbourhood, starts: set[int], *, from_known_starts: bool) -> set[int]:
    """Everyone reached from ``starts`` by at most R ties, going on only through people of unknown year.

    With ``from_known_starts`` the first step leaves every start, whatever their year (a touched person's change
    spreads to their relatives even when their own year is known).
    """
    _load_years(session, hood, starts)
    reached = set(starts)
    frontier = {pid for pid in starts if from_known_starts or hood.unknown(pid)}
    for _step in range(INFERENCE_ROUNDS):
        if not frontier:
            break
        _expand(session, hood, frontier)
        found = {other for pid in frontier for other in hood.relatives(pid)} - reached
        reached |= found
        frontier = {pid for pid in found if hood.unknown(pid)}
    return reached


def _write_flags(session: Session, years: dict[int, int | None], affected: Collection[int], threshold: int) -> int:
    """Store the rule's flag of the ``affected`` people where it differs; returns how many changed.

    A bulk UPDATE by the ORM, so objects already in the session see their new flag too.
    """
    changed: dict[bool, list[int]] = {True: [], False: []}
    for chunk in id_chunks(affected):
        query = select(Person.person_id, Person.is_dead, Person.living).where(Person.person_id.in_(chunk))
        for person_id, is_dead, was_living in session.execute(query):
            year = years.get(person_id)
            living = not is_dead and (year is None or year > threshold)
            if living != was_living:
                changed[living].append(person_id)
    for living, person_ids in changed.items():
        for chunk in id_chunks(person_ids):
            session.execute(update(Person).where(Person.person_id.in_(chunk)).values(living=living))
    return len(changed[True]) + len(changed[False])


def refresh_living_around(session: Session, *, touched: Iterable[int], current_year: int, living_years: int) -> int:
    """Set again the living flags an edit of the ``touched`` people can change; returns how many changed.

    Gives every flag the value :func:`~famille.imports.living.recompute_living` would give (see the module's
    docstring for why), provided the flags were right before the edit and ``touched`` names everyone whose year,
    death or relatives the edit changed.
    """
    session.flush()
    hood = _Neighbourhood()
    starts = set(touched)
    reached = _reach(session, hood, starts, from_known_starts=True)
    affected = {pid for pid in reached if pid in starts or hood.unknown(pid)} & hood.years.keys()
    needed = _reach(session, hood, affected, from_known_starts=False)
    years = infer_birth_years({pid: hood.years.get(pid) for pid in needed}, hood.parents, hood.children, hood.partners)
    return _write_flags(session, years, affected, current_year - living_years)
