"""E-mail goes through a real SMTP server, in the recipient's language, as text and HTML."""

from __future__ import annotations

import pytest

from famille.mail import MailError, mail_enabled, send_mail
from tests.mailserver import html_of, text_of


def test_without_smtp_mail_is_off(app) -> None:
    with app.app_context():
        assert not mail_enabled()


def test_message_arrives_as_text_and_html(app, smtp_server) -> None:
    with app.test_request_context():
        assert mail_enabled()
        send_mail(to="helene@example.org", subject="Bonjour", template="test", locale="fr", name="Hélène")
    [message] = smtp_server.to("helene@example.org")
    assert message["Subject"] == "Bonjour" and message["Content-Language"] == "fr"
    assert "Famille Test" in message["From"] and "famille@example.org" in message["From"]
    assert "Hélène" in text_of(message) and "<p>" in html_of(message)


def test_unreachable_server_raises_mail_error(app) -> None:
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=1)
    with app.test_request_context(), pytest.raises(MailError):
        send_mail(to="x@example.org", subject="x", template="test", locale="en", name="x")
