"""The digest, received by a real SMTP server: to whom, in which language, text and HTML, headers, only when
something changed for that member, weekly or monthly, catching up missed periods, and privacy."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import update

from famille.feed.digest import MAX_ENTRIES
from famille.models import Change
from tests.mailing.family import CHANGED_AT, WEEK_AFTER, Family, build, send, update_user
from tests.mailserver import html_of, text_of

SITE = "https://famille.example.org"


@pytest.fixture
def family(app, make_user, smtp_server) -> Family:
    """The family and its members, mail going to the test server, links on the site's public address."""
    app.config["SITE_URL"] = SITE
    return build(app, make_user)


def _only(inbox, address: str):
    [message] = inbox.to(address)
    return message


def test_each_member_gets_one_weekly_digest_in_their_language(app, family, smtp_server) -> None:
    report = send(app, WEEK_AFTER)
    assert report.sent["digest"] == 4 and not report.failed
    assert sorted(m["X-Envelope-To"] for m in smtp_server.messages) == sorted(
        family.email(name) for name in ("helene", "nicolas", "zephyr", "admin")
    )
    french, english = _only(smtp_server, "helene@example.org"), _only(smtp_server, "nicolas@example.org")
    assert french["Content-Language"] == "fr" and english["Content-Language"] == "en"
    assert text_of(french).startswith("Bonjour Hélène,") and "mercredi 11 mars" in text_of(french)
    assert text_of(english).startswith("Hello Nicolas,") and "Wednesday 11 March" in text_of(english)
    assert "<p>Bonjour Hélène,</p>" in html_of(french) and 'lang="fr"' in html_of(french)
    assert "week of March 9, 2026" in english["Subject"] and "Famille Test" in english["Subject"]


def test_every_digest_has_unsubscribe_headers_and_absolute_links(app, family, smtp_server) -> None:
    send(app, WEEK_AFTER)
    for message in smtp_server.messages:
        header = message["List-Unsubscribe"]
        assert header.startswith(f"<{SITE}/mail/unsubscribe/") and header.endswith(">")
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert header[1:-1] in text_of(message) and header[1:-1] in html_of(message)
        assert f"{SITE}/account/email" in text_of(message)
    english = _only(smtp_server, "nicolas@example.org")
    assert f'href="{SITE}/people/{family.people["Hélène"]}"' in html_of(english)


def test_a_members_own_changes_are_not_news_to_them(app, family, smtp_server) -> None:
    send(app, WEEK_AFTER)
    her_page = f'href="{SITE}/people/{family.people["Hélène"]}"'
    assert her_page in html_of(_only(smtp_server, "nicolas@example.org"))
    assert her_page not in html_of(_only(smtp_server, "helene@example.org"))  # she added the link herself


def test_a_digest_never_names_a_person_its_reader_may_not_see(app, family, smtp_server) -> None:
    send(app, WEEK_AFTER)
    for reader in ("helene@example.org", "nicolas@example.org"):  # Zéphyr shows himself to close family only
        message = _only(smtp_server, reader)
        assert "Zéphyr" not in text_of(message) and "Zéphyr" not in html_of(message)
        assert "Instagram" not in text_of(message)
    assert "Zéphyr Inconnu" in text_of(_only(smtp_server, "admin@example.org"))  # editors and admins see all


@pytest.mark.parametrize("day", [date(2026, 3, 12), date(2026, 3, 15), date(2026, 3, 30)])
def test_nothing_is_sent_for_a_period_without_changes(app, family, smtp_server, day: date) -> None:
    report = send(app, day)
    assert smtp_server.messages == [] and report.sent["digest"] == 0


def test_a_missed_cron_day_skips_nothing(app, family, smtp_server) -> None:
    send(app, date(2026, 3, 19))  # first run of the week is a Thursday
    assert len(smtp_server.messages) == 4


def test_monthly_digests_come_after_the_month(app, family, smtp_server) -> None:
    for name in ("helene", "nicolas", "zephyr", "admin"):
        update_user(app, family.users[name], digest_frequency="monthly")
    send(app, WEEK_AFTER)
    assert smtp_server.messages == []
    send(app, date(2026, 4, 1))
    french = _only(smtp_server, "helene@example.org")
    assert "mars 2026" in french["Subject"] and "mercredi 11 mars" in text_of(french)
    assert "in March 2026" in _only(smtp_server, "nicolas@example.org")["Subject"]


def test_members_who_chose_no_digest_get_none(app, family, smtp_server) -> None:
    update_user(app, family.users["helene"], digest_frequency="off")
    send(app, WEEK_AFTER)
    assert smtp_server.to("helene@example.org") == [] and len(smtp_server.messages) == 3


def test_a_digest_after_missed_weeks_catches_up_from_the_last_one_sent(app, db, family, smtp_server) -> None:
    send(app, WEEK_AFTER)
    smtp_server.messages.clear()
    db.execute(update(Change).where(Change.kind == "link_added").values(created_at=datetime(2026, 3, 25, tzinfo=UTC)))
    db.commit()
    send(app, date(2026, 4, 13))  # due: week 15; weeks 12 to 14 were never sent, the link came in week 13
    english = _only(smtp_server, "nicolas@example.org")
    assert "LinkedIn" in text_of(english) and "March 16, 2026" in text_of(english)
    assert "9 new people" not in text_of(english)  # already in the digest of week 11


def test_the_digest_asks_about_links_unconfirmed_for_a_year(app, family, smtp_server) -> None:
    send(app, WEEK_AFTER)
    french = text_of(_only(smtp_server, "helene@example.org"))
    assert f"{SITE}/mail/still-right/" in french and f"{SITE}/people/{family.people['Hélène']}/links" in french
    assert "/mail/still-right/" not in text_of(_only(smtp_server, "nicolas@example.org"))  # he has no links


def test_changes_at_the_periods_edges_belong_to_one_period(app, db, family, smtp_server) -> None:
    db.execute(update(Change).values(created_at=datetime(2026, 3, 16, tzinfo=UTC)))  # Monday 00:00:00 of W12
    db.commit()
    send(app, WEEK_AFTER)
    assert smtp_server.messages == []
    send(app, date(2026, 3, 23))
    assert len(smtp_server.messages) == 4
    assert CHANGED_AT.date() == date(2026, 3, 11)


def test_a_members_many_own_changes_do_not_hide_the_others(app, db, family, smtp_server) -> None:
    """Hélène made more changes herself this week than a digest lists: the family's changes still reach her."""
    later = CHANGED_AT.replace(hour=18)
    for _ in range(MAX_ENTRIES * 2):
        db.add(
            Change(
                kind="link_added",
                actor="Hélène",
                user_id=family.users["helene"],
                person_id=family.people["Hélène"],
                details={"platform": "website"},
                created_at=later,
            )
        )
    db.commit()
    report = send(app, WEEK_AFTER)
    assert report.sent["digest"] == 4
    text = text_of(_only(smtp_server, "helene@example.org"))
    assert any(line.startswith("- ") for line in text.splitlines())  # the import, made by others
