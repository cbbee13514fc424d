"""The invitation services: tokens and their hashes, states, role limits, revoking, extending, accepting."""

from __future__ import annotations

import datetime as dt

import pytest
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select, text

from famille.auth.services import create_user
from famille.db import get_engine
from famille.invitations import joining, listing, services
from famille.invitations.services import InvitationError
from famille.invitations.welcome import close_family, life_years, you_are
from famille.models import Change, Invitation, InvitationUse, User
from famille.privacy import Viewer
from tests.invitations.conftest import load_invitation
from tests.web import PASSWORD


@pytest.fixture
def session(app):
    session = app.extensions["famille.sessionmaker"]()
    yield session
    session.rollback()
    session.close()


def test_token_is_long_random_and_only_its_hash_is_stored(app, session, family) -> None:
    made = services.create_invitation(
        session, inviter_role="editor", created_by=None, actor="t", person_id=family["Hélène"]
    )
    session.commit()
    assert len(made.token) >= 32  # 24 random bytes: 192 bits
    assert made.invitation.token_hash == services.hash_token(made.token) and len(made.invitation.token_hash) == 64
    other = services.create_invitation(session, inviter_role="editor", created_by=None, actor="t")
    assert other.token != made.token
    # Nothing in any table holds the raw token.
    with get_engine(app).connect() as connection:
        for table in ("invitation", "change", "invitation_use"):
            for row in connection.execute(text(f"SELECT * FROM {table}")):  # noqa: S608 - fixed table names
                assert made.token not in repr(tuple(row))


def test_states_in_order(session) -> None:
    now = services.utcnow()
    later, earlier = now + dt.timedelta(days=3), now - dt.timedelta(days=3)

    def state(**fields) -> str:
        values = {"uses": 0, "max_uses": 2, "expires_at": later, "revoked_at": None, **fields}
        return services.invitation_state(Invitation(**values), now=now)

    assert state() == "pending"
    assert state(uses=1) == "used"
    assert state(uses=2) == "used_up"
    assert state(expires_at=earlier) == "expired"
    assert state(revoked_at=now, uses=2, expires_at=earlier) == "revoked"
    assert state(uses=2, expires_at=earlier) == "used_up"


def test_lookup_says_why_a_link_does_not_work(invite, session) -> None:
    _, good = invite()
    _, expired = invite(expired=True)
    _, revoked = invite(revoked=True)
    _, used_up = invite(max_uses=2, used=2)
    assert services.find_invitation(session, good).usable
    assert services.find_invitation(session, expired).problem == "expired"
    assert services.find_invitation(session, revoked).problem == "revoked"
    assert services.find_invitation(session, used_up).problem == "used_up"
    tampered = good[:-1] + ("A" if good[-1] != "A" else "B")
    for token in (tampered, "", "short", good + "x" * 80, "../../etc/passwd", "é" * 40):
        found = services.find_invitation(session, token)
        assert found.problem == "unknown" and found.invitation is None


def test_role_limits() -> None:
    assert services.invitable_roles("member") == ()
    assert services.invitable_roles("editor") == ("member", "editor")
    assert services.invitable_roles("admin") == ("member", "editor", "admin")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"inviter_role": "editor", "role": "admin"}, "You may not invite someone as admin."),
        ({"inviter_role": "member"}, "You may not invite someone as member."),
        ({"days": 0}, "between 1 and 365 days"),
        ({"days": 366}, "between 1 and 365 days"),
        ({"max_uses": 0}, "between 1 and 500"),
        ({"max_uses": 501}, "between 1 and 500"),
        ({"person_id": 999999}, "no person number 999999"),
        ({"email": "not-an-address"}, "is not a valid e-mail address"),
        ({"language": "de"}, "Unknown language: de"),
        ({"message": "x" * 2001}, "at most 2000 characters"),
    ],
)
def test_creation_refuses_bad_input(session, options, message) -> None:
    arguments = {"inviter_role": "admin", "created_by": None, "actor": "t", **options}
    with pytest.raises(InvitationError) as caught:
        services.create_invitation(session, **arguments)
    assert message in str(caught.value)
    assert session.scalar(select(Invitation.invitation_id)) is None


def test_no_invitation_for_a_person_who_already_has_an_account(session, family, make_user) -> None:
    make_user("member", person_id=family["Hélène"])
    with pytest.raises(InvitationError, match="Hélène Tremblay already has an account"):
        services.create_invitation(
            session, inviter_role="admin", created_by=None, actor="t", person_id=family["Hélène"]
        )


def test_revoke_and_extend_are_recorded(app, invite, session) -> None:
    invitation_id, _ = invite()
    before = services.aware(load_invitation(app, invitation_id).expires_at)
    services.extend_invitation(
        session, invitation_id=invitation_id, days=10, actor_role="editor", actor="ed@example.org", user_id=None
    )
    session.commit()
    after = services.aware(load_invitation(app, invitation_id).expires_at)
    assert dt.timedelta(days=9, hours=23) < after - before < dt.timedelta(days=10, hours=1)
    services.revoke_invitation(
        session, invitation_id=invitation_id, actor_role="editor", actor="ed@example.org", user_id=None
    )
    session.commit()
    assert services.invitation_state(load_invitation(app, invitation_id)) == "revoked"
    with pytest.raises(InvitationError, match="already revoked"):
        services.revoke_invitation(session, invitation_id=invitation_id, actor_role="editor", actor="x", user_id=None)
    with pytest.raises(InvitationError, match="cannot be extended"):
        services.extend_invitation(
            session, invitation_id=invitation_id, days=5, actor_role="editor", actor="x", user_id=None
        )
    kinds = list(
        session.scalars(select(Change.kind).where(Change.kind.like("invitation_%")).order_by(Change.change_id))
    )
    assert kinds == ["invitation_created", "invitation_extended", "invitation_revoked"]


def test_an_expired_invitation_is_extended_from_now(app, invite, session) -> None:
    invitation_id, token = invite(expired=True)
    services.extend_invitation(
        session, invitation_id=invitation_id, days=3, actor_role="admin", actor="a", user_id=None
    )
    session.commit()
    left = services.aware(load_invitation(app, invitation_id).expires_at) - services.utcnow()
    assert dt.timedelta(days=2, hours=23) < left <= dt.timedelta(days=3)
    assert services.find_invitation(session, token).usable


def test_an_editor_cannot_extend_an_admin_invitation(invite, session) -> None:
    invitation_id, _ = invite(role="admin")
    with pytest.raises(InvitationError, match="as admin"):
        services.extend_invitation(
            session, invitation_id=invitation_id, days=3, actor_role="editor", actor="e", user_id=None
        )


def _new_user(session, email: str, role: str = "member") -> User:
    return create_user(session, email=email, password=PASSWORD, role=role)


def test_accepting_links_the_person_raises_the_role_and_counts_the_use(app, invite, session, family) -> None:
    invitation_id, token = invite(person_id=family["Hélène"], role="editor")
    invitation = services.find_invitation(session, token).invitation
    user = _new_user(session, "helene@example.org")
    joined = joining.accept_invitation(session, invitation=invitation, user=user)
    session.commit()
    assert joined.person.person_id == family["Hélène"]
    assert user.person_id == family["Hélène"] and user.role == "editor"
    assert load_invitation(app, invitation_id).uses == 1
    use = session.scalar(select(InvitationUse))
    assert use.invitation_id == invitation_id and use.user_id == user.user_id
    change = session.scalar(select(Change).where(Change.kind == "invitation_accepted"))
    assert change.person_id == family["Hélène"] and change.user_id == user.user_id


def test_accepting_never_lowers_a_role(invite, session) -> None:
    _, token = invite(role="member")
    admin = _new_user(session, "boss@example.org", role="admin")
    joining.accept_invitation(session, invitation=services.find_invitation(session, token).invitation, user=admin)
    assert admin.role == "admin"


def test_a_one_use_link_cannot_be_used_by_two_racing_people(app, invite, family) -> None:
    """Both read the invitation while it was unused; the database's conditional UPDATE lets only one in."""
    _, token = invite()
    maker = app.extensions["famille.sessionmaker"]
    first, second = maker(), maker()
    try:
        first_invitation = services.find_invitation(first, token).invitation
        second_invitation = services.find_invitation(second, token).invitation
        assert first_invitation.uses == second_invitation.uses == 0
        second.rollback()  # end the read, as a request would, keeping the loaded (stale) object
        joining.accept_invitation(first, invitation=first_invitation, user=_new_user(first, "one@example.org"))
        first.commit()
        with pytest.raises(InvitationError, match="can no longer be used"):
            joining.accept_invitation(second, invitation=second_invitation, user=_new_user(second, "two@example.org"))
        second.rollback()
    finally:
        first.close()
        second.close()
    check = maker()
    try:
        assert check.scalar(select(Invitation.uses)) == 1
        assert list(check.scalars(select(User.email))) == ["one@example.org"]
    finally:
        check.close()


def test_a_person_claimed_by_another_account_is_refused(invite, session, family, make_user) -> None:
    _, token = invite(person_id=family["Hélène"])
    make_user("member", email="first@example.org", person_id=family["Hélène"])
    invitation = services.find_invitation(session, token).invitation
    with pytest.raises(InvitationError, match="already linked to another account"):
        joining.accept_invitation(session, invitation=invitation, user=_new_user(session, "second@example.org"))


def test_an_account_linked_to_someone_else_is_refused(invite, session, family) -> None:
    _, token = invite(person_id=family["Hélène"])
    user = _new_user(session, "luc@example.org")
    user.person_id = family["Luc"]
    invitation = services.find_invitation(session, token).invitation
    with pytest.raises(InvitationError, match="already linked to Luc Tremblay"):
        joining.accept_invitation(session, invitation=invitation, user=user)
    assert invitation.uses == 0


def test_close_family_and_the_you_are_sentence(app, session, family) -> None:
    near = close_family(session, person_id=family["Hélène"], viewer=Viewer(role="member"))
    assert [r.name for r in near.parents] == ["Marc Tremblay", "Sylvie Côté"]
    assert [r.name for r in near.siblings] == ["Luc Tremblay"]
    assert [r.name for r in near.partners] == ["Antoine Gagnon"]
    assert [(r.name, r.years) for r in near.children] == [("Léa Gagnon", "2015")]
    template, params = you_are(near)
    with app.test_request_context("/"), force_locale("en"):
        assert _(template, **params) == "You are Hélène, daughter of Marc Tremblay and Sylvie Côté."
    luc = close_family(session, person_id=family["Luc"], viewer=Viewer(role="member"))
    assert you_are(luc)[0] == "You are %(name)s, son of %(parent1)s and %(parent2)s."
    lea = close_family(session, person_id=family["Léa"], viewer=Viewer(role="member"))
    assert you_are(lea) == (
        "You are %(name)s, child of %(parent1)s and %(parent2)s.",
        {"name": "Léa", "parent1": "Antoine Gagnon", "parent2": "Hélène Tremblay"},
    )
    joseph = close_family(session, person_id=family["Joseph"], viewer=Viewer(role="member"))
    assert you_are(joseph) == ("You are %(name)s.", {"name": "Joseph"})
    assert close_family(session, person_id=999999, viewer=Viewer(role="member")) is None


def test_close_family_goes_through_privacy(session, family) -> None:
    """A visitor's view hides the living: privacy.py decides, not the template."""
    near = close_family(session, person_id=family["Hélène"], viewer=Viewer())
    assert near.parents[0].view.is_private and near.parents[0].name == "Tremblay" and near.parents[0].years == ""


def test_life_years() -> None:
    assert life_years("12 MAR 1950", "") == "1950"
    assert life_years("1890", "1960") == "1890–1960"
    assert life_years("", "ABT 1960") == "– 1960"
    assert life_years("", "") == "" and life_years("nonsense", "") == ""


def test_search_ignores_accents_and_case(session, family, make_user) -> None:
    make_user("member", person_id=family["Hélène"])
    found = listing.search_people(session, query="HELENE trem", viewer=Viewer(role="editor"))
    assert [(c.person.given_name, c.has_account) for c in found] == [("Hélène", True)]
    assert [
        c.person.given_name for c in listing.search_people(session, query="gagnon", viewer=Viewer(role="editor"))
    ] == [
        "Antoine",
        "Léa",
    ]
    assert listing.search_people(session, query="100%_", viewer=Viewer(role="editor")) == []
    assert listing.search_people(session, query="   ", viewer=Viewer(role="editor")) == []


def test_close_family_respects_a_relatives_own_privacy_choice(app, session, family, make_user) -> None:
    """Luc chose "close family only" within 1 degree: his sister (2 degrees) does not see him; his mother does."""
    luc = session.get(User, make_user("member", person_id=family["Luc"]))
    luc.privacy, luc.privacy_degree = "close_family", 1
    session.commit()
    as_helene = close_family(
        session, person_id=family["Hélène"], viewer=Viewer(role="member", person_id=family["Hélène"])
    )
    [sibling] = as_helene.siblings
    assert sibling.view.is_private and sibling.years == ""
    as_sylvie = close_family(
        session, person_id=family["Sylvie"], viewer=Viewer(role="member", person_id=family["Sylvie"])
    )
    assert [(r.name, r.view.is_private) for r in as_sylvie.children] == [
        ("Hélène Tremblay", False),
        ("Luc Tremblay", False),
    ]
