"""The parents of many people at once (to tell namesakes apart in lists), in two queries."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from famille.models import Family, FamilyChild, Person
from famille.privacy import PersonView, Viewer
from famille.visibility import page_privacy


def parents_of(session: Session, person_ids: list[int], viewer: Viewer) -> dict[int, list[PersonView]]:
    """Each person's parents (birth family first), as ``viewer`` may see them."""
    if not person_ids:
        return {}
    rows = session.execute(
        select(FamilyChild.person_id, Family.partner1_id, Family.partner2_id)
        .join(Family, Family.family_id == FamilyChild.family_id)
        .where(FamilyChild.person_id.in_(person_ids))
        .order_by(FamilyChild.person_id, FamilyChild.pedigree != "birth", Family.family_id)
    ).all()
    wanted = {pid for _child, first, second in rows for pid in (first, second) if pid}
    people = {p.person_id: p for p in session.scalars(select(Person).where(Person.person_id.in_(wanted or {0})))}
    privacy = page_privacy(session, viewer, [pid for pid, p in people.items() if p.living])
    result: dict[int, list[PersonView]] = {}
    for child, first, second in rows:
        listed = result.setdefault(child, [])
        if len(listed) >= 2:
            continue
        listed.extend(privacy.view_person(people[pid]) for pid in (first, second) if pid in people)
    return result
