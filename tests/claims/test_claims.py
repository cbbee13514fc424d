""" "This is me": searching, claiming, approving, rejecting, withdrawing; one person ↔ one account."""

from __future__ import annotations

from famille.claims.services import APPROVED, PENDING, REJECTED, WITHDRAWN
from tests.web import csrf_token, log_in, post_form

EN = {"Accept-Language": "en"}


def _claim(client, person_id: int, message: str = "", **kwargs):
    return post_form(client, f"/this-is-me/{person_id}", {"message": message}, headers=EN, **kwargs)


def _decide(client, claim_id: int, decision: str):
    return post_form(client, f"/approvals/{claim_id}/{decision}", {}, page="/approvals", headers=EN)


def test_search_ignores_accents_and_case_and_shows_parents(client, login_as, family) -> None:
    login_as("member")
    page = client.get("/this-is-me?q=HELENE tremblay", headers=EN).get_data(as_text=True)
    assert "Hélène" in page and "1987" in page  # members see the living
    assert "child of" in page and "Marc" in page and "Sylvie" in page
    assert f"/this-is-me/{family['Hélène']}" in page
    assert "Julien" not in page
    nothing = client.get("/this-is-me?q=zzzz", headers=EN).get_data(as_text=True)
    assert "Nobody in the tree matches" in nothing and "zzzz" in nothing


def test_search_treats_wildcards_as_letters(client, login_as, family) -> None:
    login_as("member")
    page = client.get("/this-is-me?q=%25", headers=EN).get_data(as_text=True)
    assert "Nobody in the tree matches" in page


def test_claim_then_approve_links_the_account(app, client, login_as, family, read) -> None:
    member = login_as("member", name="Hélène T.")
    response = _claim(client, family["Hélène"], "Je suis la fille de Marc.")
    assert response.status_code == 302 and response.headers["Location"].endswith("/this-is-me")
    page = client.get("/this-is-me", headers=EN).get_data(as_text=True)
    assert "Your claim is waiting for approval" in page and "Withdraw my claim" in page
    [claim] = read.claims()
    assert (claim.status, claim.user_id, claim.person_id) == (PENDING, member, family["Hélène"])
    assert claim.message == "Je suis la fille de Marc."

    editor_client = app.test_client()
    _make_and_log_in(app, editor_client, "editor", "editor@example.org")
    approvals = editor_client.get("/approvals", headers=EN).get_data(as_text=True)
    assert "Hélène T." in approvals and "Je suis la fille de Marc." in approvals and "Approve" in approvals
    response = _decide(editor_client, claim.claim_id, "approve")
    assert response.status_code == 302
    assert read.user(member).person_id == family["Hélène"]
    assert read.claims()[0].status == APPROVED and read.claims()[0].decided_by is not None
    assert [kind for kind in read.change_kinds() if kind.startswith("claim")] == ["claim_made", "claim_approved"]
    assert "No claim is waiting" in editor_client.get("/approvals", headers=EN).get_data(as_text=True)
    linked = client.get("/this-is-me", headers=EN).get_data(as_text=True)
    assert "Your account is linked to this person" in linked and "Hélène" in linked


def _make_and_log_in(app, client, role: str, email: str, **values: object) -> int:
    from famille.auth.services import create_user
    from tests.web import PASSWORD

    session = app.extensions["famille.sessionmaker"]()
    user = create_user(session, email=email, password=PASSWORD, role=role)
    for name, value in values.items():
        setattr(user, name, value)
    session.commit()
    user_id = user.user_id
    session.close()
    assert log_in(client, email).status_code == 302
    return user_id


def test_reject_leaves_the_account_free_to_claim_again(app, client, login_as, family, read) -> None:
    member = login_as("member")
    _claim(client, family["Julien"])
    editor_client = app.test_client()
    _make_and_log_in(app, editor_client, "editor", "editor@example.org")
    assert _decide(editor_client, read.claims()[0].claim_id, "reject").status_code == 302
    assert read.claims()[0].status == REJECTED and read.user(member).person_id is None
    assert "claim_rejected" in read.change_kinds()
    assert _claim(client, family["Julien"]).status_code == 302
    assert [c.status for c in read.claims()] == [REJECTED, PENDING]


def test_a_member_withdraws_their_pending_claim(client, login_as, family, read) -> None:
    login_as("member")
    _claim(client, family["Julien"])
    claim_id = read.claims()[0].claim_id
    response = post_form(client, f"/this-is-me/claims/{claim_id}/withdraw", {}, page="/this-is-me", headers=EN)
    assert response.status_code == 302 and read.claims()[0].status == WITHDRAWN
    assert "Withdraw my claim" not in client.get("/this-is-me", headers=EN).get_data(as_text=True)


def test_one_pending_claim_at_a_time(client, login_as, family, read) -> None:
    login_as("member")
    _claim(client, family["Julien"])
    response = _claim(client, family["Marc"], "second try")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "already have a claim waiting" in page and "second try" in page
    assert len(read.claims()) == 1


def test_a_person_with_an_account_cannot_be_claimed(client, login_as, make_user, family, read) -> None:
    make_user("member", person_id=family["Marc"])
    login_as("member")
    search = client.get("/this-is-me?q=marc", headers=EN).get_data(as_text=True)
    assert "already has an account" in search and f'href="/this-is-me/{family["Marc"]}"' not in search
    response = _claim(client, family["Marc"])
    assert response.status_code == 200 and "already has an account" in response.get_data(as_text=True)
    assert read.claims() == []


def test_an_account_already_linked_cannot_claim(client, login_as, family, read) -> None:
    login_as("member", person_id=family["Julien"])
    page = client.get("/this-is-me?q=helene", headers=EN).get_data(as_text=True)
    assert "Your account is linked to this person" in page and f"/this-is-me/{family['Hélène']}" not in page
    response = _claim(client, family["Hélène"])
    assert "already linked to a person" in response.get_data(as_text=True) and read.claims() == []


def test_approval_refused_when_the_person_was_linked_meanwhile(app, client, login_as, family, read) -> None:
    """Two members claim the same person: once one is approved, the other cannot be."""
    login_as("member")
    _claim(client, family["Julien"])
    other = app.test_client()
    _make_and_log_in(app, other, "member", "other@example.org")
    _claim(other, family["Julien"])
    first, second = read.claims()
    editor_client = app.test_client()
    _make_and_log_in(app, editor_client, "editor", "editor@example.org")
    _decide(editor_client, first.claim_id, "approve")
    page = editor_client.get("/approvals", headers=EN).get_data(as_text=True)
    assert "This person already has an account." in page
    response = _decide(editor_client, second.claim_id, "approve")
    flashed = editor_client.get("/approvals", headers=EN).get_data(as_text=True)
    assert response.status_code == 302 and "already has an account" in flashed
    assert read.claims()[1].status == PENDING and read.user(second.user_id).person_id is None


def test_approval_refused_when_the_claimant_got_linked_meanwhile(app, client, login_as, family, read) -> None:
    member = login_as("member")
    _claim(client, family["Julien"])
    read.update_user(member, person_id=family["Marc"])  # e.g. through an invitation for Marc
    editor_client = app.test_client()
    _make_and_log_in(app, editor_client, "editor", "editor@example.org")
    _decide(editor_client, read.claims()[0].claim_id, "approve")
    assert read.user(member).person_id == family["Marc"] and read.claims()[0].status == PENDING


def test_deciding_twice_or_an_unknown_claim_is_refused_kindly(app, client, login_as, family, read) -> None:
    login_as("member")
    _claim(client, family["Julien"])
    editor_client = app.test_client()
    _make_and_log_in(app, editor_client, "editor", "editor@example.org")
    claim_id = read.claims()[0].claim_id
    _decide(editor_client, claim_id, "reject")
    assert _decide(editor_client, claim_id, "approve").status_code == 302
    assert "already been decided" in editor_client.get("/approvals", headers=EN).get_data(as_text=True)
    assert _decide(editor_client, 9999, "approve").status_code == 302
    assert read.claims()[0].status == REJECTED


def test_unknown_person_is_a_404_and_long_messages_are_refused(client, login_as, family, read) -> None:
    login_as("member")
    assert client.get("/this-is-me/999999").status_code == 404
    response = _claim(client, family["Julien"], "x" * 1001)
    assert response.status_code == 200 and "under 1000 characters" in response.get_data(as_text=True)
    assert read.claims() == []


def test_claims_are_rate_limited(client, login_as, family) -> None:
    login_as("member")
    token = csrf_token(client, f"/this-is-me/{family['Julien']}")
    codes = [client.post(f"/this-is-me/{family['Julien']}", data={"csrf_token": token}).status_code for _ in range(11)]
    assert codes[:10].count(429) == 0 and codes[10] == 429
