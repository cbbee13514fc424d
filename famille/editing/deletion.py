"""Deleting a person (editors and admins), after a page that says what goes with them.

Their names, events, notes, links and claims go; the families they were in lose them (a family left with nobody
goes too); an account linked to them stays, unlinked. The change log keeps who they were (name, dates, ``_UID``).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from famille.editing.people import person_snapshot
from famille.editing.relations import drop_if_empty
from famille.editing.services import Actor, LivingRule, record, refresh_living, touch
from famille.editing.ties import Ties, own_families, parent_rows, partners_of, person_ties
from famille.models import Claim, Event, FamilyChild, Invitation, NameToken, Note, Person, PersonName, ProfileLink, User
from famille.privacy import Viewer


@dataclass(frozen=True, slots=True)
class DeletionSummary:
    """What deleting a person removes, for the confirmation page."""

    names: int
    events: int
    notes: int
    links: int
    ties: Ties
    accounts: list[str]


def _count(session: Session, model: type, person_id: int) -> int:
    return session.scalar(select(func.count()).select_from(model).where(model.person_id == person_id)) or 0


def deletion_summary(session: Session, *, person: Person, viewer: Viewer) -> DeletionSummary:
    """How many names, events, notes and links go, the families that lose the person, the accounts unlinked."""
    pid = person.person_id
    accounts = session.execute(select(User.display_name, User.email).where(User.person_id == pid)).all()
    return DeletionSummary(
        names=_count(session, PersonName, pid),
        events=_count(session, Event, pid),
        notes=_count(session, Note, pid),
        links=_count(session, ProfileLink, pid),
        ties=person_ties(session, person_id=pid, viewer=viewer),
        accounts=[name or email for name, email in accounts],
    )


def delete_person(session: Session, *, person: Person, actor: Actor, rule: LivingRule) -> None:
    """Delete ``person`` and what is only theirs; families lose them, accounts are unlinked, not deleted."""
    pid = person.person_id
    old = {**person_snapshot(person), "uid": person.uid, "xref": person.xref, "origin": person.origin}
    as_child = [family for family, _pedigree in parent_rows(session, pid)]
    as_partner = own_families(session, pid)
    relatives = {other for family in as_child + as_partner for other in partners_of(family)} - {pid}
    relatives |= set(
        session.scalars(
            select(FamilyChild.person_id).where(FamilyChild.family_id.in_([f.family_id for f in as_partner] or [0]))
        )
    ) - {pid}
    unlinked = list(session.scalars(select(User.user_id).where(User.person_id == pid)))
    session.execute(update(User).where(User.person_id == pid).values(person_id=None))
    session.execute(update(Invitation).where(Invitation.person_id == pid).values(person_id=None))
    for model in (NameToken, Event, Note, ProfileLink, FamilyChild, Claim):
        session.execute(delete(model).where(model.person_id == pid))
    for family in as_partner:
        if family.partner1_id == pid:
            family.partner1_id = None
        if family.partner2_id == pid:
            family.partner2_id = None
    session.delete(person)
    session.flush()
    for family in {family.family_id: family for family in as_child + as_partner}.values():
        drop_if_empty(session, family)
    touch(session, sorted(relatives))
    refresh_living(session, rule, touched=relatives)  # the person's relatives lose a parent, child or partner
    details = {"person_id": pid, "old": old, "new": None, "unlinked_accounts": unlinked}
    record(session, kind="person_deleted", actor=actor, details=details)
