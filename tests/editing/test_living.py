"""Living flags set near an edit: always what the whole-tree rule gives, and nothing read or written beyond reach.

The property test builds small random families through the editing services, with most birth years unknown so
that years are inferred along chains of relatives, makes random edits (dates of birth and death, relatives added,
ties removed, people deleted) and after each one checks that recomputing every flag over the whole tree changes
nothing: the flags the edit set near itself are exactly the rule's.
"""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from famille.editing.deletion import delete_person
from famille.editing.events import EventInput, Owner, add_event, change_event, remove_event
from famille.editing.people import NewPerson, create_person
from famille.editing.relations import Addition, add_new_relative, find_tie, link_relative, remove_tie
from famille.editing.services import EditError, LivingRule, actor_of, refresh_living
from famille.imports.living import INFERENCE_ROUNDS, recompute_living
from famille.models import Event, Family, FamilyChild, Person

#: 2026 − 110: born in 1916 or before means no longer living; years chosen around it so flags differ.
RULE = LivingRule(current_year=2026, living_years=110)
KNOWN_BIRTHS = 0.2
ACTOR = actor_of(user_id=None, display_name="Test", email="test@example.org")


def _everyone(session: Session) -> list[int]:
    return list(session.scalars(select(Person.person_id).order_by(Person.person_id)))


def _flags(session: Session) -> dict[int, bool]:
    return {person_id: living for person_id, living in session.execute(select(Person.person_id, Person.living))}


def _global_changes(session: Session) -> int:
    session.flush()
    return recompute_living(session, current_year=RULE.current_year, living_years=RULE.living_years)


def _new_person(rng: random.Random, name: str) -> NewPerson:
    birth = rng.randint(1840, 2000) if rng.random() < KNOWN_BIRTHS else None  # mostly unknown: years get inferred
    return NewPerson(given=name, surname="Test", sex=rng.choice("MFU"), birth_year=birth, died=rng.random() < 0.15)


def _addition(session: Session, rng: random.Random, person_id: int) -> Addition:
    relation = rng.choice(("parent", "partner", "child"))
    family_id = None
    if relation == "child":
        own = session.scalars(
            select(Family.family_id).where((Family.partner1_id == person_id) | (Family.partner2_id == person_id))
        ).all()
        family_id = rng.choice([None, *own])
    return Addition(relation, family_id, rng.choice(("birth", "adopted")))


def _link(session: Session, rng: random.Random) -> str:
    person, other = (session.get(Person, pid) for pid in rng.sample(_everyone(session), 2))
    addition = _addition(session, rng, person.person_id)
    link_relative(session, person=person, other=other, addition=addition, actor=ACTOR, rule=RULE)
    return f"link {other.person_id} as {addition} of {person.person_id}"


def _new_relative(session: Session, rng: random.Random) -> str:
    person = session.get(Person, rng.choice(_everyone(session)))
    addition = _addition(session, rng, person.person_id)
    new = _new_person(rng, "New")
    add_new_relative(session, person=person, new=new, addition=addition, actor=ACTOR, rule=RULE)
    return f"new {addition} of {person.person_id}"


def _vital(session: Session, rng: random.Random, tag: str) -> str:
    person_id = rng.choice(_everyone(session))
    owner = Owner(person_id=person_id)
    row = session.scalars(select(Event).where(Event.person_id == person_id, Event.tag == tag)).first()
    date_text = str(rng.randint(1840, 2020)) if rng.random() < 0.8 else ""
    if row is None:
        add_event(session, owner=owner, event=EventInput(tag=tag, date_text=date_text), actor=ACTOR, rule=RULE)
        return f"add {tag} {date_text!r} to {person_id}"
    if rng.random() < 0.4:
        remove_event(session, owner=owner, row=row, actor=ACTOR, rule=RULE)
        return f"remove {tag} of {person_id}"
    change_event(session, owner=owner, row=row, event=EventInput(tag=tag, date_text=date_text), actor=ACTOR, rule=RULE)
    return f"change {tag} of {person_id} to {date_text!r}"


def _unlink(session: Session, rng: random.Random) -> str:
    family = session.get(Family, rng.choice(session.scalars(select(Family.family_id)).all() or [0]))
    if family is None:
        return "no family to unlink"
    children = session.scalars(select(FamilyChild.person_id).where(FamilyChild.family_id == family.family_id)).all()
    partners = [pid for pid in (family.partner1_id, family.partner2_id) if pid is not None]
    choices = [(child, "parents", None) for child in children]
    choices += [(one, "partner", other) for one in partners for other in partners if one != other]
    choices += [(one, "child", child) for one in partners for child in children]
    if not choices:
        return "nothing to unlink"
    person_id, relation, other_id = rng.choice(choices)
    tie = find_tie(session, person_id=person_id, relation=relation, family_id=family.family_id, other_id=other_id)
    assert tie is not None
    remove_tie(session, person=session.get(Person, person_id), tie=tie, actor=ACTOR, rule=RULE)
    return f"remove {relation} tie {person_id}-{other_id} in family {family.family_id}"


def _delete(session: Session, rng: random.Random) -> str:
    person = session.get(Person, rng.choice(_everyone(session)))
    delete_person(session, person=person, actor=ACTOR, rule=RULE)
    return f"delete {person.person_id}"


EDITS: list[tuple[Callable[[Session, random.Random], str], int]] = [
    (_link, 2),
    (_new_relative, 6),
    (lambda session, rng: _vital(session, rng, "BIRT"), 4),
    (lambda session, rng: _vital(session, rng, "DEAT"), 2),
    (_unlink, 3),
    (_delete, 1),
]


def _random_edit(session: Session, rng: random.Random) -> str:
    edit = rng.choices([edit for edit, _weight in EDITS], weights=[weight for _edit, weight in EDITS])[0]
    if edit is _delete and len(_everyone(session)) < 8:
        edit = _new_relative
    try:
        return edit(session, rng)
    except EditError as refused:  # a tie the services refuse (a loop, a third parent…) changes nothing
        session.rollback()
        return f"refused: {refused.template}"


@pytest.mark.parametrize("seed", range(12))
def test_flags_set_near_an_edit_are_those_of_the_whole_tree_rule(db, seed: int) -> None:
    rng = random.Random(seed)
    for index in range(10):
        create_person(db, new=_new_person(rng, f"P{index}"))
    _global_changes(db)
    db.commit()
    spread = inferred = 0
    for step in range(100):
        before = _flags(db)
        done = _random_edit(db, rng)
        after = _flags(db)
        assert _global_changes(db) == 0, f"seed {seed}, step {step}: {done}"
        spread += sum(1 for pid, living in after.items() if pid in before and before[pid] != living)
        inferred += _decided_by_inference(db)
        db.commit()
    assert spread > 0 and inferred > 0, "no flag changed, or none by an inferred year: the test proves nothing"


def _decided_by_inference(session: Session) -> int:
    """How many people of unknown birth year and no known death count as no longer living (from relatives)."""
    query = select(Person.person_id).where(
        Person.birth_sort.is_(None), Person.is_dead.is_(False), Person.living.is_(False)
    )
    return len(session.scalars(query).all())


def _line_of_descent(session: Session, births: list[int | None]) -> list[int]:
    """People each the child of the one before, born in these years (None: unknown); flags set by the rule."""
    people = [
        create_person(session, new=NewPerson(given=f"G{index}", birth_year=year)) for index, year in enumerate(births)
    ]
    for parent, child in zip(people, people[1:], strict=False):
        link_relative(session, person=parent, other=child, addition=Addition("child"), actor=ACTOR, rule=RULE)
    _global_changes(session)
    session.commit()
    return [person.person_id for person in people]


def _set_birth(session: Session, person_id: int, year: int) -> None:
    row = session.scalars(select(Event).where(Event.person_id == person_id, Event.tag == "BIRT")).one()
    event = EventInput(tag="BIRT", date_text=str(year))
    change_event(session, owner=Owner(person_id=person_id), row=row, event=event, actor=ACTOR, rule=RULE)


def test_a_birth_year_reaches_descendants_as_far_as_the_rule_infers_and_no_further(db) -> None:
    line = _line_of_descent(db, [1850, None, None, None, None, None])
    assert [_flags(db)[pid] for pid in line] == [False, False, False, True, True, True]  # 1875, 1900, 1925, 1950
    db.execute(update(Person).where(Person.person_id == line[5]).values(living=False))  # out of reach: left alone
    _set_birth(db, line[0], 1790)  # 1815, 1840, 1865, 1890: the fourth generation is no longer living
    assert [_flags(db)[pid] for pid in line] == [False] * 6  # the fifth, five ties away, was not written
    assert _global_changes(db) == 1


def test_a_year_inferred_from_beyond_the_reach_still_counts(db) -> None:
    line = _line_of_descent(db, [1850, None, None, None, None, 2000])
    assert [_flags(db)[pid] for pid in line] == [False, False, False, True, True, True]  # 1875, 1900, 1950, 1975
    _set_birth(db, line[0], 1790)
    assert [_flags(db)[pid] for pid in line] == [False, False, False, True, True, True]  # 1815, 1840, 1950, 1975
    assert _global_changes(db) == 0


def test_people_already_loaded_see_their_new_flag(db) -> None:
    line = _line_of_descent(db, [1950, None])
    child = db.get(Person, line[1])
    assert child.living is True
    _set_birth(db, line[0], 1800)
    assert child.living is False


def test_refresh_with_nobody_touched_changes_nothing(db) -> None:
    _line_of_descent(db, [1800, None])
    db.execute(update(Person).values(living=True))
    refresh_living(db, RULE, touched=[])
    refresh_living(db, RULE, touched=[2**31 - 1])  # someone no longer in the tree
    assert set(_flags(db).values()) == {True} and _global_changes(db) == 2
    assert INFERENCE_ROUNDS == 4  # the lines of descent above are drawn for four rounds
