"""Sending e-mail through the site's SMTP settings, in the recipient's language, as text and HTML.

Without ``SMTP_HOST`` the site works without e-mail: :func:`mail_enabled` is false and pages offer links to copy
instead. Messages are rendered from ``templates/mail/NAME.txt`` and ``templates/mail/NAME.html``.
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

from flask import current_app, render_template
from flask_babel import force_locale


class MailError(RuntimeError):
    """The message could not be handed to the mail server."""


def mail_enabled() -> bool:
    """Whether the site has an SMTP server to send through."""
    return bool(current_app.config.get("SMTP_HOST"))


def build_message(
    *, to: str, subject: str, template: str, locale: str, headers: dict[str, str] | None = None, **context: object
) -> EmailMessage:
    """A text + HTML message from ``templates/mail/<template>.txt|.html``, rendered in ``locale``."""
    config = current_app.config
    with force_locale(locale or config["DEFAULT_LOCALE"]):
        text = render_template(f"mail/{template}.txt", **context)
        html = render_template(f"mail/{template}.html", **context)
        subject = str(subject)
    message = EmailMessage()
    sender = config.get("MAIL_FROM") or f"famille@{config.get('SERVER_NAME') or 'localhost'}"
    message["From"] = formataddr((config["FAMILY_NAME"], sender))
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain=sender.partition("@")[2] or None)
    for name, value in (headers or {}).items():
        del message[name]  # a given header replaces the default one (Message-ID) instead of repeating it
        message[name] = value
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    message["Content-Language"] = locale  # after set_content, which drops Content-* headers
    return message


def send_message(message: EmailMessage) -> None:
    """Hand ``message`` to the SMTP server (plain, STARTTLS or SSL as configured)."""
    config = current_app.config
    host, port, mode = config["SMTP_HOST"], int(config["SMTP_PORT"]), str(config["SMTP_TLS"]).lower()
    try:
        if mode == "ssl":
            server: smtplib.SMTP = smtplib.SMTP_SSL(host, port, timeout=30, context=ssl.create_default_context())
        else:
            server = smtplib.SMTP(host, port, timeout=30)
        with server:
            if mode == "starttls":
                server.starttls(context=ssl.create_default_context())
            if config.get("SMTP_USER"):
                server.login(config["SMTP_USER"], config["SMTP_PASSWORD"])
            server.send_message(message)
    except (OSError, smtplib.SMTPException) as error:
        raise MailError(str(error)) from error


def send_mail(
    *, to: str, subject: str, template: str, locale: str, headers: dict[str, str] | None = None, **context: object
) -> None:
    """Render and send one message (see :func:`build_message`); ``headers`` are added to it (List-Unsubscribe…)."""
    message = build_message(to=to, subject=subject, template=template, locale=locale, headers=headers, **context)
    send_message(message)
