"""Sending an invitation by e-mail through a real SMTP server: the right language, text and HTML, a working link."""

from __future__ import annotations

import re

from sqlalchemy import select

from famille.models import Change
from tests.invitations.conftest import LINK, load_invitation
from tests.mailserver import html_of, text_of
from tests.web import post_form

EN = {"Accept-Language": "en"}


def _create(client, **fields) -> tuple[str, str]:
    """Create an invitation through the form; returns (the created page's URL, its page)."""
    data = {
        "person_id": "",
        "role": "member",
        "days": "30",
        "max_uses": "1",
        "message": "",
        "email": "",
        "language": "",
    } | fields
    response = post_form(client, "/invitations/new", data, headers=EN)
    assert response.status_code == 302
    location = response.headers["Location"]
    return location, client.get(location, headers=EN).get_data(as_text=True)


def _send(client, location: str, page: str, **fields):
    token = re.search(r'name="token" type="hidden" value="([^"]+)"', page).group(1)
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    url = location.replace("/created", "/send")
    return client.post(url, data={"token": token, "csrf_token": csrf, **fields}, headers=EN)


def test_the_mail_arrives_in_the_recipients_language_with_a_working_link(
    app, client, login_as, family, smtp_server
) -> None:
    login_as("editor", name="Marc Tremblay")
    location, page = _create(
        client, person_id=str(family["Hélène"]), email="helene@example.org", language="fr", message="À bientôt !"
    )
    assert 'value="helene@example.org"' in page  # the form is prefilled from the invitation
    response = _send(client, location, page, email="helene@example.org", language="fr")
    assert response.status_code == 302 and response.headers["Location"] == location
    after = client.get(location, headers=EN).get_data(as_text=True)
    assert "The invitation was sent to helene@example.org." in after and LINK.search(after)  # still shown
    [message] = smtp_server.to("helene@example.org")
    assert message["Content-Language"] == "fr"
    text, html = text_of(message), html_of(message)
    assert "Hélène" in text and "À bientôt !" in text and "Marc Tremblay" in text
    assert re.search(
        r"\d+ (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)", text
    )
    assert '<html lang="fr">' in html
    token = LINK.search(text).group(1)
    assert LINK.search(html).group(1) == token
    # The link in the mail opens the welcome page for Hélène.
    visitor = app.test_client()
    welcome = visitor.get(f"/join/{token}", headers=EN)
    assert welcome.status_code == 200 and "daughter of Marc Tremblay and Sylvie Côté" in welcome.get_data(as_text=True)
    session = app.extensions["famille.sessionmaker"]()
    assert (
        session.scalar(select(Change.details).where(Change.kind == "invitation_sent"))["email"] == "helene@example.org"
    )
    session.close()


def test_an_english_mail_for_an_english_reader(client, login_as, smtp_server) -> None:
    login_as("editor")
    location, page = _create(client)
    assert _send(client, location, page, email="cousin@example.org", language="en").status_code == 302
    [message] = smtp_server.to("cousin@example.org")
    assert message["Content-Language"] == "en"
    assert re.search(
        r"(January|February|March|April|May|June|July|August|September|October|November|December) \d+,",
        text_of(message),
    )


def test_a_bad_address_is_explained_and_nothing_is_sent(app, client, login_as, smtp_server) -> None:
    login_as("editor")
    location, page = _create(client)
    response = _send(client, location, page, email="not an address", language="en")
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "is not a valid e-mail address" in body and LINK.search(body)
    assert smtp_server.messages == []


def test_an_unreachable_server_is_reported_without_a_500(app, client, login_as, smtp_server) -> None:
    login_as("editor")
    location, page = _create(client)
    app.config["SMTP_PORT"] = 1  # nothing listens there
    response = _send(client, location, page, email="cousin@example.org", language="en")
    assert response.status_code == 200 and "The e-mail could not be sent" in response.get_data(as_text=True)
    assert load_invitation(app, int(location.split("/")[-2])).email == ""  # the failed sending was rolled back


def test_sending_needs_the_token_of_that_invitation(client, login_as, invite, smtp_server) -> None:
    invitation_id, _ = invite()
    login_as("editor")
    location, page = _create(client)
    # The token of the new invitation, sent to another invitation's address: refused, nothing sent.
    response = _send(client, f"/invitations/{invitation_id}/created", page, email="x@example.org", language="en")
    assert response.status_code == 302 and response.headers["Location"] == "/invitations"
    assert smtp_server.messages == []
