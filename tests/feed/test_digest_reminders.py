"""Birthday and anniversary reminders through a real SMTP server: the week before and on the day, only for
relatives within the member's closeness, once each, in the member's language."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from flask_babel import force_locale, gettext
from sqlalchemy import update

from famille.models import Person
from tests.mailing.family import BIRTHDAY, Family, build, send, update_user
from tests.mailserver import html_of, text_of


@pytest.fixture
def family(app, make_user, smtp_server) -> Family:
    """The family; the digests are off so that only reminders arrive."""
    found = build(app, make_user)
    for user_id in found.users.values():
        update_user(app, user_id, digest_frequency="off")
    return found


def _reminders(inbox, address: str) -> list[str]:
    """The reminder lines of the mails to ``address``."""
    return [line[2:] for m in inbox.to(address) for line in text_of(m).splitlines() if line.startswith("- ")]


def test_on_the_day_and_a_week_before(app, family, smtp_server) -> None:
    send(app, BIRTHDAY)
    assert _reminders(smtp_server, "nicolas@example.org") == [
        "Today: Hélène Tremblay's birthday (39 years old)",
        "Friday 12 June: wedding anniversary of Marc Tremblay & Sylvie Côté (44 years)",
        "Wednesday 17 June: Julie Tremblay's birthday (36 years old)",
    ]
    [french] = smtp_server.to("helene@example.org")
    assert french["Content-Language"] == "fr" and text_of(french).startswith("Bonjour Hélène,")
    lines = _reminders(smtp_server, "helene@example.org")
    assert len(lines) == 3 and "Nicolas Roy" in lines[0] and "vendredi 12 juin" in lines[1]
    assert "mercredi 17 juin" in lines[2] and "Julie Tremblay" in lines[2]
    assert f"/people/{family.people['Julie']}" in html_of(french)
    assert french["List-Unsubscribe"].startswith("<http") and "/mail/unsubscribe/" in french["List-Unsubscribe"]


def test_no_reminder_of_ones_own_birthday_nor_of_people_outside_the_family(app, family, smtp_server) -> None:
    send(app, BIRTHDAY)
    assert not any("Hélène" in line for line in _reminders(smtp_server, "helene@example.org"))
    everything = [text_of(m) for m in smtp_server.messages]
    assert not any("Zéphyr" in text for text in everything)  # born the same day, related to nobody
    assert smtp_server.to("zephyr@example.org") == [] and smtp_server.to("admin@example.org") == []


def _in_french(app, message: str) -> str:
    """``message`` as the French catalog has it (holds whether or not the catalogs are compiled yet)."""
    with app.test_request_context(), force_locale("fr"):
        return gettext(message)


def test_each_reminder_is_sent_once_then_the_day_one_on_the_day(app, family, smtp_server) -> None:
    send(app, BIRTHDAY)
    send(app, BIRTHDAY)
    send(app, BIRTHDAY + timedelta(days=1))
    assert len(smtp_server.to("helene@example.org")) == 1
    send(app, date(2026, 6, 12))
    last = _reminders(smtp_server, "helene@example.org")[-1]
    assert last.startswith(_in_french(app, "Today")) and "Marc Tremblay & Sylvie Côté" in last
    send(app, date(2026, 6, 17))
    last = _reminders(smtp_server, "helene@example.org")[-1]
    assert len(smtp_server.to("helene@example.org")) == 3 and "Julie" in last
    assert len(smtp_server.to("nicolas@example.org")) == 3


def test_a_week_ahead_reminder_is_not_lost_when_cron_missed_days(app, family, smtp_server) -> None:
    send(app, date(2026, 6, 14))  # nothing ran from 10 to 13 June: Julie's birthday on the 17th is still reminded
    [line] = _reminders(smtp_server, "helene@example.org")
    assert line.startswith("mercredi 17 juin") and "Julie Tremblay" in line


def test_only_relatives_within_the_chosen_closeness(app, family, smtp_server) -> None:
    update_user(app, family.users["helene"], reminder_degree=2)  # parents, sister: not her first cousin
    send(app, BIRTHDAY)
    lines = _reminders(smtp_server, "helene@example.org")
    assert len(lines) == 2 and not any("Nicolas" in line for line in lines)


def test_no_reminders_when_off_or_without_a_person_in_the_tree(app, family, smtp_server) -> None:
    update_user(app, family.users["helene"], reminders_enabled=False)
    update_user(app, family.users["nicolas"], person_id=None)
    send(app, BIRTHDAY)
    assert smtp_server.messages == []


def test_a_name_with_a_line_break_stays_on_the_subjects_one_line(app, family, smtp_server) -> None:
    """A given name holding a line break (an import's continuation line, say) can neither break the mail's headers
    nor add one: the subject is made one line and every member still gets their reminder."""
    with app.app_context():
        session = app.extensions["famille.sessionmaker"]()
        session.execute(
            update(Person)
            .where(Person.person_id == family.people["Julie"])
            .values(given_name="Julie\r\nBcc: intruder@example.org")
        )
        session.commit()
        session.close()
    report = send(app, date(2026, 6, 17))
    assert report.failed == [] and report.sent["reminder"] == 2
    [message] = smtp_server.to("nicolas@example.org")
    assert message["Subject"].strip() == "Today: Julie Bcc: intruder@example.org Tremblay's birthday (36 years old)"
    assert message["Bcc"] is None and smtp_server.to("intruder@example.org") == []
