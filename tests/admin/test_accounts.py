"""The accounts page: the list, role changes, deactivation; the last admin always stays."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from famille.models import Change, Person, User
from tests.imports.helpers import SMALL_FAMILY, run_import
from tests.web import csrf_token, log_in

EN = {"Accept-Language": "en"}


def post(client, path: str, **data: str):
    token = csrf_token(client, "/admin/accounts")
    return client.post(path, data={**data, "csrf_token": token}, headers=EN, follow_redirects=True)


def user(db, user_id: int) -> User:
    db.expire_all()
    found = db.get(User, user_id)
    assert found is not None
    return found


@pytest.mark.parametrize(("role", "expected"), [("visitor", 302), ("member", 403), ("editor", 403), ("admin", 200)])
def test_accounts_pages_by_role(app, client, login_as, make_user, db, role: str, expected: int) -> None:
    target = make_user("member", email="target@example.org")
    login_as(role)
    assert client.get("/admin/accounts").status_code == expected
    token = csrf_token(client, "/login" if role == "visitor" else "/")
    for action, data in (("role", {"role": "editor"}), ("deactivate", {}), ("reactivate", {})):
        response = client.post(f"/admin/accounts/{target}/{action}", data={**data, "csrf_token": token})
        assert response.status_code == (302 if role in ("visitor", "admin") else 403), action
        if role == "visitor":
            assert response.headers["Location"].startswith("/login?next=")
    changed = user(db, target)
    assert (changed.role == "editor") == (role == "admin") and changed.is_active


def test_list_shows_each_account_with_its_person(app, client, login_as, make_user, db) -> None:
    run_import(app, SMALL_FAMILY)
    helene = db.scalar(select(Person.person_id).where(Person.given_name == "Hélène"))
    make_user("member", email="helene@example.org", name="Hélène T.", person_id=helene)
    make_user("editor", email="marc@example.org")
    login_as("admin", email="organiser@example.org")
    page = client.get("/admin/accounts", headers=EN).get_data(as_text=True)
    assert "helene@example.org" in page and "Hélène T." in page and "Hélène Tremblay" in page
    assert "marc@example.org" in page and "organiser@example.org" in page
    assert page.count("<tr data-account=") == 3
    assert "Never" in page  # the editor never logged in


def test_changing_a_role_is_logged(app, client, login_as, make_user, db) -> None:
    target = make_user("member", email="cousin@example.org")
    admin_id = login_as("admin")
    page = post(client, f"/admin/accounts/{target}/role", role="editor").get_data(as_text=True)
    assert "The account is updated." in page
    assert user(db, target).role == "editor"
    change = db.scalar(select(Change).where(Change.kind == "role_changed"))
    assert change.user_id == target and change.details == {"old": "member", "new": "editor", "by": admin_id}


def test_an_unknown_role_is_refused(app, client, login_as, make_user, db) -> None:
    target = make_user("member")
    login_as("admin")
    page = post(client, f"/admin/accounts/{target}/role", role="emperor").get_data(as_text=True)
    assert "Choose one of the roles." in page and user(db, target).role == "member"


def test_the_last_admin_cannot_be_demoted_or_deactivated(app, client, login_as, db) -> None:
    admin_id = login_as("admin")
    page = post(client, f"/admin/accounts/{admin_id}/role", role="member").get_data(as_text=True)
    assert "last administrator" in page and user(db, admin_id).role == "admin"
    assert client.get("/admin/accounts").status_code == 200


def test_an_admin_can_step_down_when_another_remains(app, client, login_as, make_user, db) -> None:
    other = make_user("admin", email="other-admin@example.org")
    admin_id = login_as("admin")
    post(client, f"/admin/accounts/{admin_id}/role", role="editor")
    assert user(db, admin_id).role == "editor"
    assert client.get("/admin/accounts").status_code == 403
    log_in(client, "other-admin@example.org")
    page = post(client, f"/admin/accounts/{other}/role", role="member").get_data(as_text=True)
    assert "last administrator" in page and user(db, other).role == "admin"


def test_a_deactivated_admin_does_not_count(app, client, login_as, make_user, db) -> None:
    other = make_user("admin", email="sleeping@example.org")
    admin_id = login_as("admin")
    post(client, f"/admin/accounts/{other}/deactivate")
    assert not user(db, other).is_active
    page = post(client, f"/admin/accounts/{admin_id}/role", role="member").get_data(as_text=True)
    assert "last administrator" in page and user(db, admin_id).role == "admin"


def test_deactivation_logs_out_and_reactivation_lets_in(app, client, login_as, make_user, db) -> None:
    target = make_user("member", email="cousine@example.org")
    cousin = app.test_client()
    assert log_in(cousin, "cousine@example.org").status_code == 302
    login_as("admin")
    page = post(client, f"/admin/accounts/{target}/deactivate").get_data(as_text=True)
    assert "Deactivated" in page and not user(db, target).is_active
    assert "Log in" in cousin.get("/", headers=EN).get_data(as_text=True)  # the old session is gone
    assert log_in(cousin, "cousine@example.org").status_code == 200  # and no new one
    post(client, f"/admin/accounts/{target}/reactivate")
    assert user(db, target).is_active
    assert log_in(cousin, "cousine@example.org").status_code == 302
    kinds = db.scalars(select(Change.kind).where(Change.user_id == target).order_by(Change.change_id)).all()
    assert kinds == ["account_created", "account_deactivated", "account_reactivated"]


def test_nobody_deactivates_their_own_account(app, client, login_as, make_user, db) -> None:
    make_user("admin")
    admin_id = login_as("admin")
    page = post(client, f"/admin/accounts/{admin_id}/deactivate").get_data(as_text=True)
    assert "cannot deactivate your own account" in page and user(db, admin_id).is_active


def test_an_unknown_account_gets_a_clear_message(client, login_as) -> None:
    login_as("admin")
    page = post(client, "/admin/accounts/9999/deactivate").get_data(as_text=True)
    assert "does not exist" in page


def test_account_changes_without_csrf_token_are_refused(app, client, login_as, make_user, db) -> None:
    target = make_user("member")
    login_as("admin")
    assert client.post(f"/admin/accounts/{target}/role", data={"role": "admin"}).status_code == 400
    assert client.post(f"/admin/accounts/{target}/deactivate").status_code == 400
    assert user(db, target).role == "member" and user(db, target).is_active
