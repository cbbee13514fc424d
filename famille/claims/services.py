""" "This is me": a member finds their person in the tree and claims it; an editor approves or rejects.

One person has at most one account, one account at most one person: both are checked when the claim is made and
again when it is approved, since the tree or the accounts may have changed in between (the unique index on
``user_account.person_id`` is the last guard). Each step is recorded as a Change.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from famille.markers import N_
from famille.models import Change, Claim, Family, FamilyChild, Person, User
from famille.privacy import PersonView, Viewer
from famille.text import fold
from famille.visibility import page_privacy

PENDING, APPROVED, REJECTED, WITHDRAWN = "pending", "approved", "rejected", "withdrawn"
SEARCH_LIMIT = 30
MESSAGE_MAX = 1000
_SEARCH_WORDS = 6
_LISTING = (Person.person_id, Person.given_name, Person.surname, Person.birth_date, Person.death_date, Person.living)


class ClaimError(ValueError):
    """Why a claim cannot be made or decided (an English template; the web layer translates it)."""

    def __init__(self, template: str, **params: object) -> None:
        self.template, self.params = template, params
        super().__init__(template % params)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A person a member might be: name and years, parents (to tell namesakes apart), and whether taken."""

    person: PersonView
    parents: list[PersonView]
    taken: bool


def _views_with_parents(
    session: Session, viewer: Viewer, person_ids: list[int]
) -> tuple[dict[int, PersonView], dict[int, list[int]]]:
    """The people and their parents as ``viewer`` may see them, in three queries."""
    parents: dict[int, list[int]] = defaultdict(list)
    if person_ids:
        ties = session.execute(
            select(FamilyChild.person_id, Family.partner1_id, Family.partner2_id)
            .join(Family, Family.family_id == FamilyChild.family_id)
            .where(FamilyChild.person_id.in_(person_ids))
            .order_by(FamilyChild.person_id, FamilyChild.pedigree != "birth", Family.family_id)
        )
        for child_id, first, second in ties:
            for parent_id in (first, second):
                if parent_id is not None and parent_id not in parents[child_id] and len(parents[child_id]) < 2:
                    parents[child_id].append(parent_id)
    wanted = set(person_ids) | {p for ids in parents.values() for p in ids}
    rows = session.execute(select(*_LISTING).where(Person.person_id.in_(wanted))).all() if wanted else []
    privacy = page_privacy(session, viewer, [row[0] for row in rows if row[5]])
    return {row[0]: privacy.view(tuple(row)) for row in rows}, parents


def search_candidates(session: Session, *, query: str, viewer: Viewer, limit: int = SEARCH_LIMIT) -> list[Candidate]:
    """People whose names contain every word of ``query`` (accents and case ignored), with their parents."""
    words = fold(query).split()[:_SEARCH_WORDS]
    if not words:
        return []
    conditions = [Person.search_text.contains(word, autoescape=True) for word in words]
    ids = list(
        session.scalars(
            select(Person.person_id)
            .where(*conditions)
            .order_by(Person.surname_key, Person.given_name, Person.birth_sort, Person.person_id)
            .limit(limit)
        )
    )
    views, parents = _views_with_parents(session, viewer, ids)
    taken = set(session.scalars(select(User.person_id).where(User.person_id.in_(ids)))) if ids else set()
    return [
        Candidate(views[pid], [views[p] for p in parents.get(pid, []) if p in views], pid in taken)
        for pid in ids
        if pid in views
    ]


def candidate(session: Session, *, person_id: int, viewer: Viewer) -> Candidate | None:
    """One person as a candidate for a claim (None if not in the tree)."""
    views, parents = _views_with_parents(session, viewer, [person_id])
    if person_id not in views:
        return None
    taken = session.scalar(select(User.user_id).where(User.person_id == person_id)) is not None
    return Candidate(views[person_id], [views[p] for p in parents.get(person_id, []) if p in views], taken)


def pending_claim_of(session: Session, *, user_id: int) -> Claim | None:
    """The member's claim waiting for approval, if any."""
    return session.scalar(
        select(Claim).where(Claim.user_id == user_id, Claim.status == PENDING).order_by(Claim.claim_id.desc()).limit(1)
    )


@dataclass(frozen=True, slots=True)
class MyClaim:
    """The member's pending claim, as their "this is me" page shows it."""

    claim_id: int
    created_at: dt.datetime
    candidate: Candidate


def my_pending_claim(session: Session, *, user_id: int, viewer: Viewer) -> MyClaim | None:
    """The member's claim waiting for approval, with the person claimed."""
    claim = pending_claim_of(session, user_id=user_id)
    found = candidate(session, person_id=claim.person_id, viewer=viewer) if claim else None
    return MyClaim(claim.claim_id, claim.created_at, found) if claim and found else None


def _record(session: Session, *, kind: str, actor: User, claim: Claim, **details: object) -> None:
    session.add(
        Change(
            kind=kind,
            user_id=actor.user_id,
            actor=actor.email,
            person_id=claim.person_id,
            details={"claim_id": claim.claim_id, **details},
        )
    )


def make_claim(session: Session, *, user: User, person_id: int, message: str = "") -> Claim:
    """Claim ``person_id`` for ``user``: it waits for an editor's approval."""
    if user.person_id is not None:
        raise ClaimError(N_("Your account is already linked to a person of the tree."))
    if session.get(Person, person_id) is None:
        raise ClaimError(N_("This person is not in the family tree."))
    if session.scalar(select(User.user_id).where(User.person_id == person_id)) is not None:
        raise ClaimError(N_("This person already has an account."))
    if pending_claim_of(session, user_id=user.user_id) is not None:
        raise ClaimError(N_("You already have a claim waiting for approval. Withdraw it first to claim someone else."))
    claim = Claim(user_id=user.user_id, person_id=person_id, status=PENDING, message=message.strip()[:MESSAGE_MAX])
    session.add(claim)
    session.flush()
    _record(session, kind="claim_made", actor=user, claim=claim)
    return claim


def withdraw_claim(session: Session, *, user: User, claim_id: int) -> Claim:
    """Withdraw the member's own pending claim."""
    claim = session.get(Claim, claim_id)
    if claim is None or claim.user_id != user.user_id or claim.status != PENDING:
        raise ClaimError(N_("This claim is no longer waiting for approval."))
    claim.status = WITHDRAWN
    claim.decided_at = dt.datetime.now(dt.UTC)
    _record(session, kind="claim_withdrawn", actor=user, claim=claim)
    return claim


def _pending(session: Session, claim_id: int) -> tuple[Claim, User]:
    claim = session.get(Claim, claim_id)
    if claim is None or claim.status != PENDING:
        raise ClaimError(N_("This claim has already been decided."))
    return claim, session.get_one(User, claim.user_id)


def _decide(claim: Claim, *, status: str, editor: User) -> None:
    claim.status = status
    claim.decided_by = editor.user_id
    claim.decided_at = dt.datetime.now(dt.UTC)


def approve_claim(session: Session, *, claim_id: int, editor: User) -> Claim:
    """Link the claimant's account to the claimed person; refused if either is already linked."""
    claim, claimant = _pending(session, claim_id)
    if claimant.person_id is not None:
        raise ClaimError(N_("The account %(email)s is already linked to a person."), email=claimant.email)
    if session.scalar(select(User.user_id).where(User.person_id == claim.person_id)) is not None:
        raise ClaimError(N_("This person already has an account: reject this claim."))
    claimant.person_id = claim.person_id
    _decide(claim, status=APPROVED, editor=editor)
    session.flush()
    _record(session, kind="claim_approved", actor=editor, claim=claim, claimant=claimant.user_id)
    return claim


def reject_claim(session: Session, *, claim_id: int, editor: User) -> Claim:
    """Turn the claim down; the member may claim again."""
    claim, claimant = _pending(session, claim_id)
    _decide(claim, status=REJECTED, editor=editor)
    _record(session, kind="claim_rejected", actor=editor, claim=claim, claimant=claimant.user_id)
    return claim


@dataclass(frozen=True, slots=True)
class PendingClaim:
    """A claim on the approvals page: who claims whom, when, with what message, and whether it can be approved."""

    claim_id: int
    created_at: dt.datetime
    message: str
    claimant_name: str
    claimant_email: str
    claimant_linked: bool
    person: PersonView
    parents: list[PersonView]
    person_taken: bool


def pending_claims(session: Session, *, viewer: Viewer, limit: int = 200) -> list[PendingClaim]:
    """The claims waiting for a decision, oldest first, in a bounded number of queries."""
    rows = session.execute(
        select(Claim, User)
        .join(User, User.user_id == Claim.user_id)
        .where(Claim.status == PENDING)
        .order_by(Claim.created_at, Claim.claim_id)
        .limit(limit)
    ).all()
    person_ids = sorted({claim.person_id for claim, _user in rows})
    views, parents = _views_with_parents(session, viewer, person_ids)
    taken = set(session.scalars(select(User.person_id).where(User.person_id.in_(person_ids)))) if rows else set()
    return [
        PendingClaim(
            claim_id=claim.claim_id,
            created_at=claim.created_at,
            message=claim.message,
            claimant_name=user.display_name,
            claimant_email=user.email,
            claimant_linked=user.person_id is not None,
            person=views[claim.person_id],
            parents=[views[p] for p in parents.get(claim.person_id, []) if p in views],
            person_taken=claim.person_id in taken,
        )
        for claim, user in rows
        if claim.person_id in views
    ]
