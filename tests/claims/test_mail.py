"""Claim e-mail through a real SMTP server: editors hear of a claim, the claimant of the decision, each in their
own language, with a link that works."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.mailserver import html_of, text_of
from tests.web import log_in, post_form

EN = {"Accept-Language": "en"}


@pytest.fixture
def people(app, family, make_user, read):
    """A member (French) who will claim Julien, an editor reading French, an admin reading English."""
    ids = {
        "member": make_user("member", email="julien@example.org", name="Julien T."),
        "editor": make_user("editor", email="editrice@example.org", name="Éditrice"),
        "admin": make_user("admin", email="admin@example.org", name="Admin"),
    }
    read.update_user(ids["member"], locale="fr")
    read.update_user(ids["editor"], locale="fr")
    read.update_user(ids["admin"], locale="en")
    return ids


def _claim(client, family) -> None:
    assert log_in(client, "julien@example.org").status_code == 302
    response = post_form(client, f"/this-is-me/{family['Julien']}", {"message": "C'est moi, le frère."}, headers=EN)
    assert response.status_code == 302


def test_editors_are_told_of_a_claim_in_their_language(app, client, family, people, smtp_server) -> None:
    _claim(client, family)
    [to_editor] = smtp_server.to("editrice@example.org")
    [to_admin] = smtp_server.to("admin@example.org")
    assert smtp_server.to("julien@example.org") == []
    # Each is rendered in its reader's language (the words follow once the catalogs translate them).
    assert to_editor["Content-Language"] == "fr" and to_admin["Content-Language"] == "en"
    assert '<html lang="fr">' in html_of(to_editor) and '<html lang="en">' in html_of(to_admin)
    assert "Julien Tremblay" in to_admin["Subject"] and "Claim to approve" in to_admin["Subject"]
    body = text_of(to_admin)
    assert "Julien T." in body and "julien@example.org" in body and "C'est moi, le frère." in body
    assert "Julien Tremblay" in html_of(to_editor) and "C&#39;est moi" in html_of(to_editor)
    link = next(word for word in body.split() if word.startswith("http"))
    editor_client = app.test_client()
    log_in(editor_client, "admin@example.org")
    page = editor_client.get(urlsplit(link).path, headers=EN)
    assert page.status_code == 200 and "C&#39;est moi, le frère." in page.get_data(as_text=True)


def test_the_claimant_hears_of_the_decision(app, client, family, people, read, smtp_server) -> None:
    _claim(client, family)
    editor_client = app.test_client()
    log_in(editor_client, "admin@example.org")
    claim_id = read.claims()[0].claim_id
    post_form(editor_client, f"/approvals/{claim_id}/approve", {}, page="/approvals")
    [message] = smtp_server.to("julien@example.org")
    assert message["Content-Language"] == "fr" and '<html lang="fr">' in html_of(message)
    body = text_of(message)
    assert "Julien Tremblay" in body and "Julien T." in body
    link = next(word for word in body.split() if word.startswith("http"))
    assert client.get(urlsplit(link).path).status_code == 200


def test_a_rejection_is_told_too(app, client, family, people, read, smtp_server) -> None:
    _claim(client, family)
    editor_client = app.test_client()
    log_in(editor_client, "admin@example.org")
    post_form(editor_client, f"/approvals/{read.claims()[0].claim_id}/reject", {}, page="/approvals")
    [message] = smtp_server.to("julien@example.org")
    link = next(word for word in text_of(message).split() if word.startswith("http"))
    assert urlsplit(link).path == "/this-is-me"


def test_without_mail_the_claim_still_goes_through(app, client, family, people, read) -> None:
    assert not app.config["SMTP_HOST"]
    _claim(client, family)
    assert [claim.status for claim in read.claims()] == ["pending"]


def test_a_failing_mail_server_does_not_lose_the_claim(app, client, family, people, read) -> None:
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=1, SMTP_TLS="none")  # nothing listens on port 1
    _claim(client, family)
    assert [claim.status for claim in read.claims()] == ["pending"]
