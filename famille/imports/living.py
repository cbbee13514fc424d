"""The living flag, by rule: no death or burial, and born less than ``LIVING_YEARS`` years ago.

An unknown birth year is inferred from close relatives (parents about 25 years older, children about 25 years
younger, partners about the same age); someone whose age cannot be inferred at all counts as living.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from famille.imports.bulk import update_rows
from famille.models import Family, FamilyChild, Person

GENERATION_YEARS = 25
INFERENCE_ROUNDS = 4


def _relatives(session: Session) -> tuple[dict[int, list[int]], dict[int, list[int]], dict[int, list[int]]]:
    """Parents, children and partners of everyone, as id lists."""
    partners_of: dict[int, list[int]] = defaultdict(list)
    members: dict[int, list[int]] = {}
    for family_id, first, second in session.execute(select(Family.family_id, Family.partner1_id, Family.partner2_id)):
        couple = [pid for pid in (first, second) if pid is not None]
        members[family_id] = couple
        if len(couple) == 2:
            partners_of[couple[0]].append(couple[1])
            partners_of[couple[1]].append(couple[0])
    parents_of: dict[int, list[int]] = defaultdict(list)
    children_of: dict[int, list[int]] = defaultdict(list)
    for family_id, child_id in session.execute(select(FamilyChild.family_id, FamilyChild.person_id)):
        for parent_id in members.get(family_id, []):
            parents_of[child_id].append(parent_id)
            children_of[parent_id].append(child_id)
    return parents_of, children_of, partners_of


def infer_birth_years(
    known: dict[int, int | None],
    parents_of: dict[int, list[int]],
    children_of: dict[int, list[int]],
    partners_of: dict[int, list[int]],
) -> dict[int, int | None]:
    """Birth years, the unknown ones estimated from relatives whose year is known or already estimated."""
    years = dict(known)
    for _round in range(INFERENCE_ROUNDS):
        guesses: dict[int, int] = {}
        for person_id, year in years.items():
            if year is not None:
                continue
            candidates = [years[p] + GENERATION_YEARS for p in parents_of.get(person_id, ()) if years.get(p)]
            candidates += [years[c] - GENERATION_YEARS for c in children_of.get(person_id, ()) if years.get(c)]
            candidates += [years[s] for s in partners_of.get(person_id, ()) if years.get(s)]
            if candidates:
                guesses[person_id] = max(candidates)
        if not guesses:
            break
        years.update(guesses)
    return years


def recompute_living(session: Session, *, current_year: int, living_years: int) -> int:
    """Set everyone's living flag by the rule; returns how many flags changed."""
    rows = session.execute(select(Person.person_id, Person.birth_sort, Person.is_dead, Person.living)).all()
    known = {pid: (birth // 10000 if birth is not None else None) for pid, birth, _dead, _living in rows}
    years = infer_birth_years(known, *_relatives(session))
    threshold = current_year - living_years
    changes = []
    for person_id, _birth, is_dead, was_living in rows:
        year = years.get(person_id)
        living = not is_dead and (year is None or year > threshold)
        if living != was_living:
            changes.append({"person_id": person_id, "living": living})
    if changes:
        update_rows(session, Person, changes)
    return len(changes)
