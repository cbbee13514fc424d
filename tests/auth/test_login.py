"""Logging in and out, remember me, the access decorator and the first admin."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from famille.auth.roles import PERMISSIONS, has_permission, rank
from tests.web import PASSWORD, csrf_token, log_in, post_form


def test_roles_are_cumulative() -> None:
    assert PERMISSIONS["visitor"] < PERMISSIONS["member"] < PERMISSIONS["editor"] < PERMISSIONS["admin"]
    assert has_permission("editor", "invite") and not has_permission("member", "invite")
    assert has_permission("admin", "view_living") and not has_permission("visitor", "view_living")
    assert not has_permission("pirate", "view_living")
    assert rank("admin") > rank("editor") > rank("member") > rank("visitor")


def test_login_then_logout(app, client, make_user) -> None:
    make_user("member", email="helene@example.org", name="Hélène")
    response = log_in(client, "Helene@Example.org ")
    assert response.status_code == 302 and response.headers["Location"] == "/"
    page = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Hélène" in page and "Log out" in page
    response = post_form(client, "/logout", {}, page="/")
    assert response.status_code == 302
    assert "Log in" in client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)


def test_wrong_password_keeps_the_email_and_says_so(client, make_user) -> None:
    make_user("member", email="marc@example.org")
    response = post_form(
        client, "/login", {"email": "marc@example.org", "password": "nope"}, headers={"Accept-Language": "en"}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "do not match an account" in page and 'value="marc@example.org"' in page


def test_unknown_email_gets_the_same_answer(client) -> None:
    response = post_form(
        client, "/login", {"email": "nobody@example.org", "password": "x"}, headers={"Accept-Language": "en"}
    )
    assert "do not match an account" in response.get_data(as_text=True)


def test_login_goes_back_to_a_local_page_only(client, make_user) -> None:
    make_user("member", email="sylvie@example.org")
    token = csrf_token(client, "/login")
    data = {"email": "sylvie@example.org", "password": PASSWORD, "csrf_token": token}
    assert client.post("/login", data={**data, "next": "https://evil.example/"}).headers["Location"] == "/"
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    token = csrf_token(client, "/login")
    response = client.post("/login", data={**data, "csrf_token": token, "next": "/surnames"})
    assert response.headers["Location"] == "/surnames"


def test_remember_me_sets_a_lasting_cookie(client, make_user) -> None:
    make_user("member", email="remember@example.org")
    token = csrf_token(client, "/login")
    response = client.post(
        "/login", data={"email": "remember@example.org", "password": PASSWORD, "remember": "y", "csrf_token": token}
    )
    cookies = response.headers.getlist("Set-Cookie")
    assert any(cookie.startswith("remember_token=") and "HttpOnly" in cookie for cookie in cookies)


def test_login_without_csrf_token_is_refused(client, make_user) -> None:
    make_user("member", email="csrf@example.org")
    response = client.post("/login", data={"email": "csrf@example.org", "password": PASSWORD})
    assert response.status_code == 400


def test_session_cookie_is_httponly_and_lax(client, make_user) -> None:
    make_user("member", email="cookie@example.org")
    response = log_in(client, "cookie@example.org")
    session_cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("session="))
    assert "HttpOnly" in session_cookie and "SameSite=Lax" in session_cookie


def test_security_headers(client) -> None:
    headers = client.get("/").headers
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"


@pytest.fixture
def cli(app, monkeypatch):
    from famille.cli import main

    monkeypatch.setattr("famille.cli.create_app", lambda: app)
    runner = CliRunner()
    return lambda *args, stdin=None: runner.invoke(main, list(args), input=stdin, catch_exceptions=False)


def test_fresh_site_explains_how_to_create_the_admin(client) -> None:
    assert "famille create-admin" in client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)


def test_create_admin_from_stdin_then_log_in(cli, client) -> None:
    result = cli("create-admin", "Organiser@Example.org", "--password-stdin", stdin=PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    assert log_in(client, "organiser@example.org").status_code == 302
    assert "famille create-admin" not in client.get("/").get_data(as_text=True)


def test_create_admin_refuses_a_short_password(cli) -> None:
    result = cli("create-admin", "short@example.org", "--password-stdin", stdin="abc\n")
    assert result.exit_code == 1 and "at least" in result.stderr
