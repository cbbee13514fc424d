"""``famille invite``: print a working link, refuse bad input in one line, revoke, send by e-mail."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from famille.cli import main
from famille.models import Invitation
from tests.invitations.conftest import LINK, load_invitation
from tests.mailserver import text_of

EN = {"Accept-Language": "en"}


@pytest.fixture
def run(app, monkeypatch):
    """Run a ``famille`` command against the test app; returns the click result."""
    monkeypatch.setattr("famille.cli.create_app", lambda: app)
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, list(args), catch_exceptions=False)

    return invoke


def _only_invitation(app) -> Invitation:
    session = app.extensions["famille.sessionmaker"]()
    try:
        [invitation] = session.scalars(select(Invitation)).all()
        return invitation
    finally:
        session.close()


def test_invite_prints_a_working_link_for_a_person(app, run, family) -> None:
    result = run("invite", "--person", "@I3@", "--role", "editor", "--uses", "2", "--days", "10")
    assert result.exit_code == 0, result.stderr
    link = result.stdout.strip()
    assert link.startswith("http://127.0.0.1:5000/join/") and "\n" not in link
    assert "for Hélène Tremblay: editor, 2 use(s)" in result.stderr
    invitation = _only_invitation(app)
    assert (invitation.person_id, invitation.role, invitation.max_uses, invitation.created_by) == (
        family["Hélène"],
        "editor",
        2,
        None,
    )
    token = LINK.search(link).group(1)
    assert token not in invitation.token_hash
    page = app.test_client().get(f"/join/{token}", headers=EN).get_data(as_text=True)
    assert "You are Hélène, daughter of Marc Tremblay and Sylvie Côté." in page


def test_the_link_uses_site_url_and_the_person_may_be_named_by_number(app, run, family) -> None:
    app.config["SITE_URL"] = "https://famille.example.org/"
    result = run("invite", "--person", str(family["Luc"]))
    assert result.exit_code == 0
    assert result.stdout.startswith("https://famille.example.org/join/")
    assert _only_invitation(app).person_id == family["Luc"]
    assert run("invite", "--person", "I4").exit_code == 0  # the xref without its @ signs


def test_a_family_wide_link_by_default(app, run) -> None:
    result = run("invite")
    assert result.exit_code == 0 and LINK.search(result.stdout)
    invitation = _only_invitation(app)
    assert (invitation.person_id, invitation.role, invitation.max_uses) == (None, "member", 1)


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (("--person", "@I99@"), "no person @I99@ in the tree"),
        (("--role", "pirate"), "unknown role: pirate"),
        (("--uses", "0"), "between 1 and 500"),
        (("--days", "400"), "between 1 and 365 days"),
        (("--days", "0"), "between 1 and 365 days"),
        (("--email", "not-an-address"), "is not a valid e-mail address"),
        (("--language", "de"), "Unknown language: de"),
        (("--revoke", "42"), "no invitation number 42"),
    ],
)
def test_errors_are_one_line_on_stderr(app, run, family, args, reason) -> None:
    result = run("invite", *args)
    assert result.exit_code == 1
    assert result.stderr.startswith("famille: ") and reason in result.stderr and result.stderr.count("\n") == 1
    assert result.stdout == ""
    session = app.extensions["famille.sessionmaker"]()
    assert session.scalar(select(Invitation.invitation_id)) is None
    session.close()


def test_revoke(app, run) -> None:
    run("invite")
    invitation_id = _only_invitation(app).invitation_id
    result = run("invite", "--revoke", str(invitation_id))
    assert result.exit_code == 0 and f"Invitation #{invitation_id} is revoked" in result.stdout
    assert load_invitation(app, invitation_id).revoked_at is not None
    again = run("invite", "--revoke", str(invitation_id))
    assert again.exit_code == 1 and "already revoked" in again.stderr


def test_with_an_address_and_smtp_the_link_is_mailed(app, run, family, smtp_server) -> None:
    result = run("invite", "--person", "@I3@", "--email", "Helene@Example.org", "--language", "en", "--message", "Hi!")
    assert result.exit_code == 0 and "Sent to helene@example.org" in result.stderr
    [message] = smtp_server.to("helene@example.org")
    assert message["Content-Language"] == "en" and "Hi!" in text_of(message)
    assert LINK.search(text_of(message)).group(0) == result.stdout.strip()


def test_with_an_address_but_no_smtp_the_link_is_only_printed(app, run) -> None:
    result = run("invite", "--email", "cousin@example.org")
    assert result.exit_code == 0 and LINK.search(result.stdout)
    assert "E-mail is not configured" in result.stderr
    assert _only_invitation(app).email == "cousin@example.org"
