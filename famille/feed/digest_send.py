"""Sending what is due today, once: digests and reminders, each claimed in the database before it leaves.

For each mail: its ``MailSent`` rows (one per period or occasion it covers) are inserted as "claimed" and
COMMITTED; then the mail goes to the SMTP server; once the server accepted it, the rows are marked "sent" and
committed. So (this module commits, unlike services: a claim must be durable before the mail leaves):

- run twice, the second run finds every row "sent" and sends nothing;
- two runs at once: the unique (user, kind, period) row lets only one of them claim a mail;
- the SMTP server refuses or is unreachable: the claim is deleted again, and the next run sends it;
- the process dies between claiming and marking (killed, power cut): the row stays "claimed" and nobody knows
  whether the server got the mail. We choose to **re-send** such a claim once it is older than
  :data:`STALE_CLAIM` (longer than any run takes, so a run still working is never overtaken). A missed birthday
  or digest is worse than a rare double, and the double carries the same Message-ID as the first copy, which mail
  programs show once. The window in which a double can happen is only the instant between the server's "250 OK"
  and the commit of "sent".

Claims are stamped with the moment they are made (the run's clock goes on from the ``now`` it was given), not
with the moment the run started: a run that takes longer than :data:`STALE_CLAIM` to reach a member must not hand a
second run a claim that looks stale the instant it is made.

The message is rendered before it is claimed, and a mail that cannot be made (a template error, a header the
mail library refuses) is reported and skipped without a claim: one member's odd data never stops everyone's mail.
After :data:`MAX_FAILURES_IN_A_ROW` refusals in a row the run stops (the server is likely down): the rest is sent
by the next run.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from time import monotonic

from sqlalchemy import ColumnElement, and_, delete, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from famille.feed.digest import digest_content
from famille.feed.digest_mail import Outgoing, digest_mail, reminder_mail
from famille.feed.digest_periods import MONTHLY, WEEKLY, due_period
from famille.feed.reminders import due_reminders
from famille.mail import MailError, build_message, send_message
from famille.mailing.tokens import DIGEST, REMINDER
from famille.models import MailSent, User

CLAIMED, SENT = "claimed", "sent"
STALE_CLAIM = timedelta(minutes=30)
MAX_FAILURES_IN_A_ROW = 3

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RunClock:
    """A run's time: ``start`` (given, so tests and ``--today`` runs can say when they are), then going on as the
    monotonic clock does."""

    start: datetime
    began: float = field(default_factory=lambda: monotonic())  # looked up when made: tests may move the clock

    def now(self) -> datetime:
        """The moment it is now, on the run's time."""
        return self.start + timedelta(seconds=monotonic() - self.began)


@dataclass(slots=True)
class BatchReport:
    """What a run did: mails sent (by kind), refused, skipped because another run holds them, and dry-run lines."""

    sent: dict[str, int] = field(default_factory=lambda: {DIGEST: 0, REMINDER: 0})
    failed: list[str] = field(default_factory=list)
    busy: int = 0
    planned: list[str] = field(default_factory=list)
    stopped: bool = False
    failures_in_a_row: int = 0

    def summary(self, *, dry_run: bool = False) -> str:
        """One line for the command's output."""
        if dry_run:
            return f"Dry run: {len(self.planned)} mails would be sent; nothing was sent or recorded."
        line = f"Sent {self.sent[DIGEST]} digests and {self.sent[REMINDER]} reminder mails"
        if self.failed:
            line += f"; {len(self.failed)} refused (will be retried next run): {self.failed[0]}"
        if self.busy:
            line += f"; {self.busy} left to another run sending them now"
        return line + ("; stopped early." if self.stopped else ".")


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def open_keys(session: Session, *, user_id: int, kind: str, keys: list[str], now: datetime) -> set[str]:
    """The keys neither sent nor being sent: no row yet, or a claim older than :data:`STALE_CLAIM`."""
    rows = session.execute(
        select(MailSent.period_key, MailSent.status, MailSent.created_at).where(
            MailSent.user_id == user_id, MailSent.kind == kind, MailSent.period_key.in_(keys)
        )
    )
    taken = {key for key, status, created in rows if status == SENT or _aware(created) > now - STALE_CLAIM}
    return set(keys) - taken


def due_mails(session: Session, *, user: User, today: date, now: datetime) -> list[Outgoing]:
    """The mails due for ``user`` today and not yet sent: their digest (if something changed) and reminders."""
    mails: list[Outgoing] = []
    if user.digest_frequency in (WEEKLY, MONTHLY):
        period = due_period(today, user.digest_frequency)
        if open_keys(session, user_id=user.user_id, kind=DIGEST, keys=[period.key], now=now):
            content = digest_content(session, user=user, period=period, now=now)
            if content is not None:
                mails.append(digest_mail(user, content))
    reminders = due_reminders(session, user=user, today=today)
    if reminders:
        keys = [reminder.period_key for reminder in reminders]
        still_open = open_keys(session, user_id=user.user_id, kind=REMINDER, keys=keys, now=now)
        kept = [reminder for reminder in reminders if reminder.period_key in still_open]
        if kept:
            mails.append(reminder_mail(user, kept))
    return mails


def _claim(session: Session, mail: Outgoing, *, now: datetime) -> bool:
    """Claim every key of ``mail`` (new rows, or stale claims taken over) at ``now`` and commit; False if another
    run has one."""
    try:
        for key in mail.keys:
            row = and_(MailSent.user_id == mail.user_id, MailSent.kind == mail.kind, MailSent.period_key == key)
            stale = and_(MailSent.status == CLAIMED, MailSent.created_at < now - STALE_CLAIM)
            taken = session.execute(update(MailSent).where(row, stale).values(created_at=now))
            if not taken.rowcount:  # type: ignore[attr-defined]
                session.add(MailSent(user_id=mail.user_id, kind=mail.kind, period_key=key, created_at=now))
                session.flush()
        session.commit()
    except IntegrityError:
        session.rollback()
        return False
    return True


def _claimed_rows(mail: Outgoing) -> ColumnElement[bool]:
    """The rows ``mail`` claimed (and that nothing marked sent since)."""
    return and_(
        MailSent.user_id == mail.user_id,
        MailSent.kind == mail.kind,
        MailSent.period_key.in_(mail.keys),
        MailSent.status == CLAIMED,
    )


def _message(mail: Outgoing, report: BatchReport) -> EmailMessage | None:
    """The rendered message of ``mail``, or None (reported) when it cannot be made."""
    try:
        return build_message(
            to=mail.to,
            subject=mail.subject,
            template=mail.template,
            locale=mail.locale,
            headers=mail.headers(),
            **mail.context,
        )
    except Exception as error:  # one member's odd data must not stop the whole batch
        log.exception("could not make the %s mail to %s", mail.kind, mail.to)
        report.failed.append(f"{mail.kind} to {mail.to}: {error}")
        return None


def deliver(session: Session, mail: Outgoing, *, clock: RunClock, report: BatchReport) -> None:
    """Make, claim, send and mark one mail (see the module's rules); the outcome goes into ``report``."""
    message = _message(mail, report)
    if message is None:
        return
    if not _claim(session, mail, now=clock.now()):
        report.busy += 1
        return
    try:
        send_message(message)
    except MailError as error:
        session.execute(delete(MailSent).where(_claimed_rows(mail)))  # not sent: the next run tries again
        session.commit()
        report.failed.append(f"{mail.kind} to {mail.to}: {error}")
        report.failures_in_a_row += 1
        return
    session.execute(update(MailSent).where(_claimed_rows(mail)).values(status=SENT, sent_at=clock.now()))
    session.commit()
    report.sent[mail.kind] += 1
    report.failures_in_a_row = 0


def recipients(session: Session) -> list[int]:
    """The accounts that may receive a digest or reminders: active, with an address, and one of them wanted."""
    wanted = or_(
        User.digest_frequency.in_((WEEKLY, MONTHLY)),
        and_(User.reminders_enabled.is_(True), User.person_id.is_not(None)),
    )
    query = select(User.user_id).where(User.is_active.is_(True), User.email != "", wanted).order_by(User.user_id)
    return list(session.scalars(query))


def send_due(session: Session, *, today: date, now: datetime, dry_run: bool = False) -> BatchReport:
    """Send every digest and reminder due on ``today`` that was not sent yet (``dry_run``: only list them)."""
    report, clock = BatchReport(), RunClock(now)
    for user_id in recipients(session):
        user = session.get(User, user_id)
        if user is None:  # deleted while the run goes on
            continue
        for mail in due_mails(session, user=user, today=today, now=clock.now()):
            if dry_run:
                report.planned.append(f"{mail.kind} to {mail.to} ({', '.join(mail.keys)})")
                continue
            deliver(session, mail, clock=clock, report=report)
            if report.failures_in_a_row >= MAX_FAILURES_IN_A_ROW:
                report.stopped = True
                return report
    return report
