"""`famille send-digests` against a real SMTP server: a one-line summary, run twice sends once, a refusal or a
crash in the middle of a batch never loses a mail nor sends one twice, and no SMTP settings is a clear error."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from famille.cli import main
from famille.feed import digest_send
from famille.feed.digest_send import STALE_CLAIM
from famille.models import MailSent
from tests.mailing.family import WEEK_AFTER, Family, build, send

DAY = WEEK_AFTER.isoformat()
EVERYONE = ["admin@example.org", "helene@example.org", "nicolas@example.org", "zephyr@example.org"]


@pytest.fixture
def family(app, make_user) -> Family:
    return build(app, make_user)


@pytest.fixture
def run(app, monkeypatch):
    """Run ``famille`` with arguments against the test app; returns the click result."""
    monkeypatch.setattr("famille.cli.create_app", lambda: app)

    def invoke(*args: str):
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return invoke


def _received(inbox) -> list[str]:
    return sorted(m["X-Envelope-To"] for m in inbox.messages)


def _rows(db) -> Counter:
    db.expire_all()
    return Counter(db.scalars(select(MailSent.status)))


def test_run_twice_sends_each_digest_once(family, run, smtp_server, db) -> None:
    first = run("send-digests", "--today", DAY)
    assert first.exit_code == 0 and first.output.strip() == "Sent 4 digests and 0 reminder mails."
    second = run("send-digests", "--today", DAY)
    assert second.exit_code == 0 and second.output.strip() == "Sent 0 digests and 0 reminder mails."
    assert _received(smtp_server) == EVERYONE
    assert _rows(db) == {"sent": 4}


def test_dry_run_lists_and_sends_nothing(family, run, smtp_server, db) -> None:
    result = run("send-digests", "--today", DAY, "--dry-run")
    assert result.exit_code == 0 and "digest to helene@example.org (2026-W11)" in result.output
    assert result.output.strip().endswith("Dry run: 4 mails would be sent; nothing was sent or recorded.")
    assert smtp_server.messages == [] and _rows(db) == {}


def test_without_smtp_settings_the_command_says_so(family, run, app) -> None:
    result = CliRunner().invoke(main, ["send-digests"])
    assert result.exit_code == 1 and "SMTP_HOST" in result.output


@pytest.mark.parametrize("day", ["2026-02-30", "0001-01-01", "9999-12-31"])
def test_a_wrong_date_is_refused(family, run, smtp_server, day: str) -> None:
    result = run("send-digests", "--today", day)
    assert result.exit_code == 1 and "--today must be" in result.output and smtp_server.messages == []


def test_a_refusal_in_the_middle_is_sent_by_the_next_run(family, run, smtp_server, db) -> None:
    original, calls = smtp_server.handle_DATA, []

    async def refuse_the_second(server, session, envelope) -> str:
        calls.append(envelope.rcpt_tos)
        if len(calls) == 2:
            return "451 Try again later"
        return await original(server, session, envelope)

    smtp_server.handle_DATA = refuse_the_second
    first = run("send-digests", "--today", DAY)
    assert first.exit_code == 1 and "Sent 3 digests" in first.output and "1 refused" in first.output
    assert len(smtp_server.messages) == 3 and _rows(db) == {"sent": 3}  # the refused claim was given back
    second = run("send-digests", "--today", DAY)
    assert second.exit_code == 0 and "Sent 1 digests" in second.output
    assert _received(smtp_server) == EVERYONE


class Crash(BaseException):
    """The process dying (as a KeyboardInterrupt or a kill would): nothing after it runs."""


def _crash_on_second(monkeypatch, *, after_acceptance: bool, first_takes: timedelta = timedelta(0)) -> None:
    """The second mail kills the run (before or after the server took it); the first one takes ``first_takes``."""
    real, calls, clock = digest_send.send_message, [], [0.0]
    monkeypatch.setattr(digest_send, "monotonic", lambda: clock[0])

    def send_message(message) -> None:
        calls.append(message["To"])
        if len(calls) == 2 and not after_acceptance:
            raise Crash
        real(message)
        clock[0] += first_takes.total_seconds()
        if len(calls) == 2:
            raise Crash

    monkeypatch.setattr(digest_send, "send_message", send_message)


def test_a_crash_after_the_server_accepted_never_sends_twice_soon(app, family, smtp_server, db, monkeypatch) -> None:
    _crash_on_second(monkeypatch, after_acceptance=True)
    now = datetime(2026, 3, 16, 7, 0, tzinfo=UTC)
    with pytest.raises(Crash):
        send(app, WEEK_AFTER, now)
    assert len(smtp_server.messages) == 2 and _rows(db) == {"sent": 1, "claimed": 1}
    monkeypatch.undo()
    report = send(app, WEEK_AFTER, now + timedelta(minutes=5))  # the next run: the rest, not the claimed one
    assert report.sent["digest"] == 2 and report.busy == 0
    assert sorted(Counter(_received(smtp_server)).values()) == [1, 1, 1, 1]
    assert _rows(db) == {"sent": 3, "claimed": 1}


def test_a_stale_claim_is_sent_again_with_the_same_message_id(app, family, smtp_server, db, monkeypatch) -> None:
    """Our choice: after a crash nobody knows whether the claimed mail left; once the claim is older than any run
    takes, it is sent again rather than lost, with the same Message-ID so mail programs show it once."""
    _crash_on_second(monkeypatch, after_acceptance=True)
    now = datetime(2026, 3, 16, 7, 0, tzinfo=UTC)
    with pytest.raises(Crash):
        send(app, WEEK_AFTER, now)
    monkeypatch.undo()
    send(app, WEEK_AFTER, now + STALE_CLAIM + timedelta(minutes=1))
    counts = Counter(_received(smtp_server))
    [twice] = [address for address, count in counts.items() if count == 2]
    first, again = smtp_server.to(twice)
    assert first["Message-ID"] == again["Message-ID"] and sorted(counts) == EVERYONE
    assert _rows(db) == {"sent": 4}


def test_a_crash_before_the_server_accepted_loses_nothing(app, family, smtp_server, db, monkeypatch) -> None:
    _crash_on_second(monkeypatch, after_acceptance=False)
    now = datetime(2026, 3, 16, 7, 0, tzinfo=UTC)
    with pytest.raises(Crash):
        send(app, WEEK_AFTER, now)
    monkeypatch.undo()
    send(app, WEEK_AFTER, now + timedelta(minutes=5))
    assert len(smtp_server.messages) == 3  # the claimed one waits: another run might still be sending it
    send(app, WEEK_AFTER, now + STALE_CLAIM + timedelta(minutes=1))
    assert _received(smtp_server) == EVERYONE  # each exactly once
    send(app, WEEK_AFTER, now + timedelta(hours=5))
    assert len(smtp_server.messages) == 4 and _rows(db) == {"sent": 4}


def test_a_mail_another_run_is_sending_is_left_to_it(app, family, smtp_server, db) -> None:
    now = datetime(2026, 3, 16, 7, 0, tzinfo=UTC)
    helene = family.users["helene"]
    db.add(MailSent(user_id=helene, kind="digest", period_key="2026-W11", created_at=now))
    db.commit()
    send(app, WEEK_AFTER, now + timedelta(minutes=1))
    assert smtp_server.to("helene@example.org") == [] and len(smtp_server.messages) == 3
    assert db.scalar(select(func.count()).select_from(MailSent).where(MailSent.status == "claimed")) == 1


def test_a_long_runs_claims_are_stamped_when_made_not_when_the_run_began(
    app, family, smtp_server, db, monkeypatch
) -> None:
    """The first mail takes 40 minutes (a slow server); the run dies after the second left. A run started 45
    minutes after the first must see a 5-minute-old claim, not a 45-minute-old one, and leave it alone."""
    _crash_on_second(monkeypatch, after_acceptance=True, first_takes=timedelta(minutes=40))
    now = datetime(2026, 3, 16, 7, 0, tzinfo=UTC)
    with pytest.raises(Crash):
        send(app, WEEK_AFTER, now)
    monkeypatch.undo()
    claimed = db.scalar(select(MailSent.created_at).where(MailSent.status == "claimed"))
    assert claimed.replace(tzinfo=UTC) == now + timedelta(minutes=40)
    send(app, WEEK_AFTER, now + timedelta(minutes=45))
    assert sorted(Counter(_received(smtp_server)).values()) == [1, 1, 1, 1]


def test_a_mail_that_cannot_be_made_is_skipped_unclaimed_and_the_rest_goes(
    app, family, run, smtp_server, db, monkeypatch
) -> None:
    real = digest_send.build_message

    def build_message(**kwargs: object):
        if kwargs["to"] == "helene@example.org":
            raise ValueError("a header the mail library refuses")
        return real(**kwargs)

    monkeypatch.setattr(digest_send, "build_message", build_message)
    first = run("send-digests", "--today", DAY)
    assert first.exit_code == 1 and "1 refused" in first.output and "helene@example.org" in first.output
    assert len(smtp_server.messages) == 3 and _rows(db) == {"sent": 3}
    monkeypatch.undo()
    monkeypatch.setattr("famille.cli.create_app", lambda: app)
    assert run("send-digests", "--today", DAY).exit_code == 0
    assert _received(smtp_server) == EVERYONE
