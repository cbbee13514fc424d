"""The e-mail pages: settings, unsubscribing from a real mail's link (a button, or the mail program's one-click
POST without any cookie), the "still right" link, and what forged or odd input gets."""

from __future__ import annotations

from datetime import UTC, date, datetime
from urllib.parse import urlsplit

import pytest
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import select, update

from famille.models import Change, User
from tests.mailing.family import WEEK_AFTER, Family, build, send
from tests.mailserver import text_of
from tests.web import csrf_token, log_in, post_form


@pytest.fixture
def family(app, make_user, smtp_server) -> Family:
    return build(app, make_user)


@pytest.fixture
def english(client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def _user(db, user_id: int) -> User:
    db.expire_all()
    return db.get(User, user_id)


def _path(url: str) -> str:
    return urlsplit(url).path


def _unsubscribe_path(inbox, address: str) -> str:
    [message] = inbox.to(address)
    return _path(message["List-Unsubscribe"].strip("<>"))


def test_settings_page_saves_the_choices(app, english, family, db) -> None:
    log_in(english, family.email("nicolas"))
    page = english.get("/account/email").get_data(as_text=True)
    assert "Up to third cousins" in page and '<option selected value="6">Up to second cousins</option>' in page
    assert 'checked id="digest_frequency-0"' in page and 'value="weekly"' in page
    data = {"digest_frequency": "monthly", "reminders_enabled": "y", "reminder_degree": "8"}
    response = post_form(english, "/account/email/settings", data, page="/account/email")
    assert response.status_code == 302 and response.headers["Location"] == "/account/email"
    user = _user(db, family.users["nicolas"])
    assert (user.digest_frequency, user.reminders_enabled, user.reminder_degree) == ("monthly", True, 8)
    change = db.scalars(select(Change).where(Change.kind == "mail_settings_changed")).one()
    assert change.details["old"]["digest"] == "weekly" and change.details["new"]["degree"] == 8


@pytest.mark.parametrize(
    "data",
    [
        {"digest_frequency": "daily", "reminder_degree": "6"},
        {"digest_frequency": "weekly", "reminder_degree": "99"},
        {"digest_frequency": "weekly", "reminder_degree": "abc"},
        {},
    ],
)
def test_odd_choices_get_a_message_and_change_nothing(app, english, family, db, data: dict) -> None:
    log_in(english, family.email("nicolas"))
    response = post_form(english, "/account/email/settings", data, page="/account/email")
    assert response.status_code == 200 and "Please choose" in response.get_data(as_text=True)
    user = _user(db, family.users["nicolas"])
    assert (user.digest_frequency, user.reminder_degree) == ("weekly", 6)


def test_members_without_a_person_are_told_why_they_get_no_reminders(app, english, family) -> None:
    log_in(english, family.email("admin"))
    assert "you will receive none until it is" in english.get("/account/email").get_data(as_text=True)


def test_the_account_page_links_to_the_mail_settings(app, english, family) -> None:
    log_in(english, family.email("nicolas"))
    assert 'href="/account/email"' in english.get("/account").get_data(as_text=True)


def test_unsubscribe_from_a_mails_link_with_the_button(app, english, family, smtp_server, db) -> None:
    send(app, WEEK_AFTER)
    path = _unsubscribe_path(smtp_server, "nicolas@example.org")
    page = english.get(path)
    assert page.status_code == 200 and "Stop them" in page.get_data(as_text=True)
    assert _user(db, family.users["nicolas"]).digest_frequency == "weekly"  # opening the link changes nothing
    done = english.post(path, data={"csrf_token": csrf_token(english, path)})
    assert done.status_code == 200 and _user(db, family.users["nicolas"]).digest_frequency == "off"
    assert _user(db, family.users["nicolas"]).reminders_enabled  # only the kind of mail it came with


def test_one_click_unsubscribe_from_a_mail_program_needs_no_cookie_nor_token(app, family, smtp_server, db) -> None:
    send(app, WEEK_AFTER)
    path = _unsubscribe_path(smtp_server, "helene@example.org")
    mail_program = app.test_client()
    response = mail_program.post(path, data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and _user(db, family.users["helene"]).digest_frequency == "off"
    smtp_server.messages.clear()
    db.execute(update(Change).values(created_at=datetime(2026, 3, 18, tzinfo=UTC)))  # news in the next week
    db.commit()
    send(app, date(2026, 3, 23))
    assert smtp_server.to("helene@example.org") == [] and len(smtp_server.messages) == 3


def test_other_posts_to_the_unsubscribe_address_need_the_csrf_token(app, family, smtp_server, db) -> None:
    send(app, WEEK_AFTER)
    path = _unsubscribe_path(smtp_server, "helene@example.org")
    for data in ({}, {"List-Unsubscribe": "yes"}, {"anything": "x"}):
        assert app.test_client().post(path, data=data).status_code == 400
    assert _user(db, family.users["helene"]).digest_frequency == "weekly"


@pytest.mark.parametrize("token", ["x", "WzEsImRpZ2VzdCJd.AAAAAA.forged", "W10" * 40, "%00"])
def test_forged_links_get_a_friendly_404(app, client, family, token: str) -> None:
    for url in (f"/mail/unsubscribe/{token}", f"/mail/still-right/{token}"):
        response = client.get(url)
        assert response.status_code in (400, 404)
        assert client.post(url, data={"List-Unsubscribe": "One-Click"}).status_code in (400, 404)


@pytest.mark.parametrize("user_id", [2**31, 2**70, -1, 0, True, 1.5, "1"])
def test_signed_links_naming_an_impossible_account_get_a_404(app, client, family, user_id: object) -> None:
    """Should a signing key ever leak (or a bug sign a wrong value), odd ids find no account instead of a 500."""
    links = {
        "/mail/unsubscribe/": URLSafeTimedSerializer("test-secret", salt="famille.mail.unsubscribe").dumps(
            [user_id, "digest"]
        ),
        "/mail/still-right/": URLSafeTimedSerializer("test-secret", salt="famille.mail.still-right").dumps(user_id),
    }
    for path, token in links.items():
        assert client.get(path + token).status_code == 404
    assert (
        client.post(
            "/mail/unsubscribe/" + links["/mail/unsubscribe/"], data={"List-Unsubscribe": "One-Click"}
        ).status_code
        == 404
    )


def test_a_link_of_a_deleted_account_does_not_work(app, family, smtp_server, db) -> None:
    send(app, WEEK_AFTER)
    path = _unsubscribe_path(smtp_server, "zephyr@example.org")
    db.delete(db.get(User, family.users["zephyr"]))
    db.commit()
    assert app.test_client().post(path, data={"List-Unsubscribe": "One-Click"}).status_code == 404


def test_still_right_link_confirms_the_links(app, english, family, smtp_server, db) -> None:
    send(app, WEEK_AFTER)
    [message] = smtp_server.to("helene@example.org")
    url = next(word for word in text_of(message).split() if "/mail/still-right/" in word)
    page = english.get(_path(url))
    assert page.status_code == 200 and _user(db, family.users["helene"]).links_confirmed_at is None
    assert f"/people/{family.people['Hélène']}/links" in page.get_data(as_text=True)
    done = english.post(_path(url), data={"csrf_token": csrf_token(english, _path(url))})
    assert done.status_code == 200 and "Thank you" in done.get_data(as_text=True)
    assert _user(db, family.users["helene"]).links_confirmed_at is not None
    assert db.scalars(select(Change.user_id).where(Change.kind == "links_confirmed")).all() == [family.users["helene"]]
    assert english.post(_path(url), data={}).status_code == 400  # no token, no confirmation
