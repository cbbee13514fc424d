"""``famille invite``: create an invitation from the command line and print its link, or revoke one.

The link is printed alone on standard output (``LINK=$(famille invite --person @I3@)``); what it is for goes to
standard error. Errors print a one-line reason on standard error and exit with status 1.
"""

from __future__ import annotations

import sys

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from famille.auth.roles import ACCOUNT_ROLES, ADMIN, MEMBER
from famille.db import session_scope
from famille.invitations import messages, services
from famille.invitations.services import InvitationError
from famille.mail import MailError, mail_enabled
from famille.models import Person

ACTOR = "command line"


def _fail(message: str) -> None:
    click.echo(f"famille: {message}", err=True)
    sys.exit(1)


def find_person(session: Session, key: str) -> Person | None:
    """The person named by a GEDCOM xref (``@I3@`` or ``I3``) or, failing that, by a number of the site."""
    bare = key.strip().strip("@")
    if not bare:
        return None
    person = session.scalars(
        select(Person).where(or_(Person.xref == f"@{bare}@", Person.xref == bare)).order_by(Person.person_id)
    ).first()
    if person is None and bare.isdigit() and len(bare) < 10:
        person = session.get(Person, int(bare))
    return person


def _create(
    *, person: str | None, role: str, uses: int, days: int, email: str, message: str, language: str
) -> tuple[str, messages.InvitationText, str]:
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    with session_scope(app) as session:
        person_id = None
        if person is not None:
            found = find_person(session, person)
            if found is None:
                raise InvitationError(
                    "no person %(key)s in the tree (give a GEDCOM xref like @I3@ or a number)", key=person
                )
            person_id = found.person_id
        made = services.create_invitation(
            session,
            inviter_role=ADMIN,
            created_by=None,
            actor=ACTOR,
            person_id=person_id,
            role=role,
            days=days,
            max_uses=uses,
            message=message,
            email=email,
            language=language,
            languages=tuple(app.config["LANGUAGES"]),
        )
        text = messages.invitation_text(session, made.invitation, made.token)
        summary = f"Invitation #{made.invitation.invitation_id}" + (f" for {text.person_name}" if person_id else "")
        summary += f": {role}, {uses} use(s), valid until {text.expires_at:%Y-%m-%d}."
        return summary, text, made.invitation.email


@click.command("invite")
@click.option("--person", default=None, help="The person it is for: a GEDCOM xref (@I3@) or a person number.")
@click.option("--role", default=MEMBER, show_default=True, help="Role of the accounts: member, editor or admin.")
@click.option("--uses", default=1, show_default=True, type=int, help="How many people may join with the link.")
@click.option("--days", default=None, type=int, help="Days before the link expires [default: INVITATION_DAYS, 30].")
@click.option("--email", default="", help="The invitee's address; with SMTP configured, the link is sent there.")
@click.option("--message", default="", help="A personal message shown with the invitation.")
@click.option("--language", default="", help="The invitee's language (fr or en) for the e-mail.")
@click.option(
    "--revoke",
    "revoke_id",
    default=None,
    type=click.IntRange(1, 2**31 - 1),
    metavar="ID",
    help="Revoke invitation ID instead.",
)
@with_appcontext
def invite_command(
    person: str | None,
    role: str,
    uses: int,
    days: int | None,
    email: str,
    message: str,
    language: str,
    revoke_id: int | None,
) -> None:
    """Create an invitation and print its link (or revoke one with --revoke ID)."""
    from famille.schema import upgrade_database

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    upgrade_database(app)
    if revoke_id is not None:
        _revoke(revoke_id)
        return
    if role not in ACCOUNT_ROLES:
        _fail(f"unknown role: {role} (choose member, editor or admin)")
    try:
        summary, text, address = _create(
            person=person,
            role=role,
            uses=uses,
            days=days if days is not None else int(app.config["INVITATION_DAYS"]),
            email=email,
            message=message,
            language=language,
        )
    except InvitationError as error:
        _fail(str(error))
    click.echo(text.url)
    click.echo(summary, err=True)
    if address:
        _send(text, address, language or str(app.config["DEFAULT_LOCALE"]))


def _send(text: messages.InvitationText, address: str, locale: str) -> None:
    if not mail_enabled():
        click.echo("E-mail is not configured (FAMILLE_SMTP_HOST): send the link yourself.", err=True)
        return
    try:
        messages.send_invitation(text, to=address, locale=locale)
    except MailError as error:
        _fail(f"the invitation was created, but the e-mail to {address} could not be sent: {error}")
    click.echo(f"Sent to {address}.", err=True)


def _revoke(invitation_id: int) -> None:
    try:
        with session_scope(current_app._get_current_object()) as session:  # type: ignore[attr-defined]
            services.revoke_invitation(
                session, invitation_id=invitation_id, actor_role=ADMIN, actor=ACTOR, user_id=None
            )
    except InvitationError as error:
        _fail(str(error))
    click.echo(f"Invitation #{invitation_id} is revoked.")
