"""``famille send-digests``: send the digests and reminders due today (for cron or a systemd timer).

Idempotent (see :mod:`famille.feed.digest_send`): run it as often as you like, every mail goes once. It prints a
one-line summary and exits 0; it exits 1 with a reason when SMTP is not configured, the date is wrong, or the mail
server refused mail (what it refused is tried again by the next run).
"""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime

import click
from flask import current_app
from flask.cli import with_appcontext

from famille.db import session_scope
from famille.mail import mail_enabled

#: The days a run may be for: a period's neighbours must still be dates (Python's end at years 1 and 9999).
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(9998, 12, 31)


def _fail(message: str) -> None:
    click.echo(f"famille: {message}", err=True)
    sys.exit(1)


@click.command("send-digests")
@click.option("--today", default=None, metavar="YYYY-MM-DD", help="Send what is due on this day (default: today).")
@click.option("--dry-run", is_flag=True, help="List what would be sent; send and record nothing.")
@with_appcontext
def send_digests_command(today: str | None, dry_run: bool) -> None:
    """Send the e-mail digests and birthday reminders due today, each exactly once."""
    from famille.feed.digest_send import send_due
    from famille.schema import upgrade_database

    now = datetime.now(UTC)
    try:
        day = date.fromisoformat(today) if today else now.date()
    except ValueError:
        _fail(f"--today must be a date written YYYY-MM-DD, not {today!r}")
    if not FIRST_DAY <= day <= LAST_DAY:
        _fail(f"--today must be between {FIRST_DAY} and {LAST_DAY}, not {today!r}")
    if not mail_enabled() and not dry_run:
        _fail("e-mail is not configured: set FAMILLE_SMTP_HOST (and the other SMTP settings) first")
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    upgrade_database(app)
    with session_scope(app) as session:
        report = send_due(session, today=day, now=now, dry_run=dry_run)
    for line in report.planned:
        click.echo(line)
    click.echo(report.summary(dry_run=dry_run))
    if report.failed:
        sys.exit(1)
