"""Password reset by e-mail link: the mail, the single-use link, its expiry, and what an outsider can learn."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from famille.models import PasswordReset, User
from tests.mailserver import html_of, text_of
from tests.web import PASSWORD, csrf_token, log_in, post_form

NEW_PASSWORD = "a brand new long password"
LINK = re.compile(r"https?://\S+/password/reset/[\w-]+")


@pytest.fixture
def english(client):
    """The client, reading the site in English."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def _account(app, email: str, *, locale: str = "") -> int:
    from famille.auth.services import create_user

    session = app.extensions["famille.sessionmaker"]()
    try:
        user = create_user(session, email=email, password=PASSWORD, display_name="Hélène", locale=locale)
        session.commit()
        return user.user_id
    finally:
        session.close()


def _resets(app) -> list[PasswordReset]:
    session = app.extensions["famille.sessionmaker"]()
    try:
        return list(session.scalars(select(PasswordReset)))
    finally:
        session.close()


def _ask(client, email: str, **kwargs: object):
    return post_form(client, "/password/forgot", {"email": email}, **kwargs)


def _link_sent_to(inbox, email: str) -> str:
    [message] = inbox.to(email)
    match = LINK.search(text_of(message))
    assert match, text_of(message)
    return match.group(0)


def _choose(client, path: str, password: str = NEW_PASSWORD, confirm: str | None = None):
    return post_form(client, path, {"password": password, "confirm": password if confirm is None else confirm})


def test_mail_arrives_in_the_accounts_language_with_a_working_link(app, client, smtp_server) -> None:
    _account(app, "helene@example.org", locale="en")
    # The page is read in French, but the account chose English: the mail follows the account.
    page = _ask(client, "Helene@Example.org", headers={"Accept-Language": "fr"})
    assert page.status_code == 200
    [message] = smtp_server.to("helene@example.org")
    assert message["Content-Language"] == "en" and message["Subject"] == "Reset your password on Famille Test"
    assert "Hello Hélène," in text_of(message) and '<html lang="en">' in html_of(message)
    link = _link_sent_to(smtp_server, "helene@example.org")
    assert f'href="{link}"' in html_of(message)
    assert link.startswith("http://localhost/password/reset/")

    form = client.get(urlsplit(link).path, headers={"Accept-Language": "en"})
    assert form.status_code == 200 and "Choose a new password" in form.get_data(as_text=True)
    assert form.headers["Referrer-Policy"] == "no-referrer"
    done = _choose(client, urlsplit(link).path)
    assert done.status_code == 302 and done.headers["Location"] == "/"
    assert "Log out" in client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)

    other = app.test_client()
    assert log_in(other, "helene@example.org").status_code == 200  # the old password no longer opens it
    assert log_in(other, "helene@example.org", NEW_PASSWORD).status_code == 302


def test_mail_follows_the_page_when_the_account_chose_no_language(app, client, smtp_server) -> None:
    _account(app, "marc@example.org")
    _ask(client, "marc@example.org", headers={"Accept-Language": "fr"})
    [message] = smtp_server.to("marc@example.org")
    assert message["Content-Language"] == "fr" and '<html lang="fr">' in html_of(message)


def test_link_is_built_from_site_url_when_set(app, client, smtp_server) -> None:
    app.config["SITE_URL"] = "https://famille.example.org/"
    _account(app, "site@example.org")
    _ask(client, "site@example.org")
    assert _link_sent_to(smtp_server, "site@example.org").startswith("https://famille.example.org/password/reset/")


def test_only_the_hash_of_a_long_random_token_is_stored(app, client, smtp_server) -> None:
    _account(app, "hash@example.org")
    _ask(client, "hash@example.org")
    token = _link_sent_to(smtp_server, "hash@example.org").rsplit("/", 1)[1]
    assert len(token) >= 43  # 32 random bytes in URL-safe base64
    [reset] = _resets(app)
    assert reset.token_hash == hashlib.sha256(token.encode()).hexdigest() and token not in reset.token_hash
    hours = (reset.expires_at - reset.created_at).total_seconds() / 3600
    assert 1.9 < hours < 2.1


def test_link_works_only_once(app, english, smtp_server) -> None:
    _account(app, "once@example.org")
    _ask(english, "once@example.org")
    path = urlsplit(_link_sent_to(smtp_server, "once@example.org")).path
    assert _choose(english, path).status_code == 302
    again = english.get(path)
    assert again.status_code == 410 and "already used" in again.get_data(as_text=True)
    assert (
        english.post(path, data={"csrf_token": csrf_token(english, "/login"), "password": "x" * 20}).status_code == 410
    )


def test_expired_link_is_refused_with_its_own_message(app, english, smtp_server) -> None:
    _account(app, "late@example.org")
    _ask(english, "late@example.org")
    path = urlsplit(_link_sent_to(smtp_server, "late@example.org")).path
    session = app.extensions["famille.sessionmaker"]()
    session.scalar(select(PasswordReset)).expires_at = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
    session.commit()
    session.close()
    response = english.get(path)
    page = response.get_data(as_text=True)
    assert response.status_code == 410 and "has expired" in page and "already used" not in page
    assert "Ask for a new link" in page


def test_wrong_link_is_refused_with_its_own_message(english) -> None:
    response = english.get("/password/reset/not-a-real-token")
    page = response.get_data(as_text=True)
    assert response.status_code == 404 and "not valid" in page and "has expired" not in page


def test_unknown_address_gets_the_same_page_and_no_mail(app, english, smtp_server) -> None:
    _account(app, "known@example.org")
    known = _ask(english, "known@example.org").get_data(as_text=True)
    unknown = _ask(english, "stranger@example.org").get_data(as_text=True)
    assert "Check your e-mail" in unknown
    assert known.replace("known@example.org", "X") == unknown.replace("stranger@example.org", "X")
    assert smtp_server.to("stranger@example.org") == [] and len(smtp_server.messages) == 1
    assert len(_resets(app)) == 1


def test_weak_or_mismatched_password_keeps_the_link_usable(app, english, smtp_server) -> None:
    _account(app, "weak@example.org")
    _ask(english, "weak@example.org")
    path = urlsplit(_link_sent_to(smtp_server, "weak@example.org")).path
    short = _choose(english, path, "short")
    assert short.status_code == 200 and "at least 10 characters" in short.get_data(as_text=True)
    different = _choose(english, path, NEW_PASSWORD, "something else entirely")
    assert "not the same" in different.get_data(as_text=True)
    assert NEW_PASSWORD not in different.get_data(as_text=True)  # passwords are never written back
    assert _choose(english, path).status_code == 302


def test_reset_ends_every_other_session(app, english, smtp_server) -> None:
    _account(app, "two@example.org")
    elsewhere = app.test_client()
    log_in(elsewhere, "two@example.org")
    assert elsewhere.get("/account").status_code == 200
    _ask(english, "two@example.org")
    _choose(english, urlsplit(_link_sent_to(smtp_server, "two@example.org")).path)
    assert elsewhere.get("/account").headers["Location"].startswith("/login")


def test_a_new_password_spends_every_open_link(app, english, smtp_server) -> None:
    _account(app, "many@example.org")
    _ask(english, "many@example.org")
    _ask(english, "many@example.org")
    first, second = (LINK.search(text_of(m)).group(0) for m in smtp_server.to("many@example.org"))
    assert _choose(english, urlsplit(second).path).status_code == 302
    assert english.get(urlsplit(first).path).status_code == 410


def test_links_per_account_are_capped(app, english, smtp_server) -> None:
    _account(app, "flood@example.org")
    for _ in range(5):
        assert "Check your e-mail" in _ask(english, "flood@example.org").get_data(as_text=True)
    assert len(smtp_server.to("flood@example.org")) == 3


def test_without_smtp_the_page_says_to_ask_the_organiser(app, english) -> None:
    _account(app, "nomail@example.org")
    page = english.get("/password/forgot").get_data(as_text=True)
    assert "E-mail is not configured on this site" in page and "organiser" in page
    assert 'name="email"' not in page
    # Without e-mail the page holds no form; the token comes from the log-in page.
    assert _ask(english, "nomail@example.org", page="/login").status_code == 200
    assert _resets(app) == []


def test_the_login_page_links_to_the_reset(english) -> None:
    assert 'href="/password/forgot"' in english.get("/login").get_data(as_text=True)


def test_csrf_token_is_required(app, client, smtp_server) -> None:
    _account(app, "csrf@example.org")
    assert client.post("/password/forgot", data={"email": "csrf@example.org"}).status_code == 400
    assert smtp_server.messages == []
    _ask(client, "csrf@example.org")
    path = urlsplit(_link_sent_to(smtp_server, "csrf@example.org")).path
    response = client.post(path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 400
    assert client.get(path).status_code == 200  # still unused


def test_forgot_password_is_rate_limited(app, english, smtp_server) -> None:
    token = csrf_token(english, "/password/forgot")
    answers = [
        english.post("/password/forgot", data={"email": "x@example.org", "csrf_token": token}) for _ in range(11)
    ]
    assert [r.status_code for r in answers[:10]] == [200] * 10
    assert answers[10].status_code == 429 and "Too many attempts" in answers[10].get_data(as_text=True)


def test_reset_page_is_rate_limited(english) -> None:
    codes = [english.get("/password/reset/guess-" + str(n)).status_code for n in range(11)]
    assert codes[:10] == [404] * 10 and codes[10] == 429


def test_login_applies_the_accounts_language(app, client) -> None:
    _account(app, "lang@example.org", locale="en")
    log_in(client, "lang@example.org")
    assert '<html lang="en">' in client.get("/", headers={"Accept-Language": "fr"}).get_data(as_text=True)


def test_inactive_account_gets_no_link(app, english, smtp_server) -> None:
    user_id = _account(app, "gone@example.org")
    session = app.extensions["famille.sessionmaker"]()
    session.get(User, user_id).is_active = False
    session.commit()
    session.close()
    assert "Check your e-mail" in _ask(english, "gone@example.org").get_data(as_text=True)
    assert smtp_server.messages == []
