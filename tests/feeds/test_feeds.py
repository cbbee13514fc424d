"""Secret feed addresses: made, remade and revoked from the settings page, stored hashed, and the Atom feed and
the calendar they lead to — valid (read back by real parsers), filtered as their member may see, 404 otherwise."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import feedparser
import pytest
from icalendar import Calendar
from sqlalchemy import func, select

from famille.models import Change, FeedToken, Person, User
from famille.privacy import PRIVACY_CLOSE_FAMILY
from tests.imports.helpers import SMALL_FAMILY, run_import
from tests.web import csrf_token, log_in

ADDRESS = re.compile(r'value="(http://localhost/feeds/([A-Za-z0-9_-]+)/(family\.atom|birthdays\.ics))"')


@pytest.fixture
def family(app, db) -> dict[str, int]:
    """The small family imported (Marc and Sylvie living and married, Hélène their daughter), and a profile link
    added for Hélène on the site; ids by xref."""
    run_import(app, SMALL_FAMILY)
    ids = {xref: person_id for xref, person_id in db.execute(select(Person.xref, Person.person_id))}
    db.add(Change(kind="link_added", actor="test", person_id=ids["I3"], details={"platform": "linkedin"}))
    db.commit()
    return ids


def _make_address(client, kind: str) -> tuple[str, str]:
    """Press "make my address" for ``kind``; the (address, token) the page shows once."""
    token = csrf_token(client, "/account/feeds")
    page = client.post(f"/account/feeds/{kind}/new", data={"csrf_token": token}).get_data(as_text=True)
    match = ADDRESS.search(page)
    assert match, page
    return match.group(1), match.group(2)


def _member(app, make_user, *, person_id: int | None = None, locale: str = "en", **fields: object) -> tuple:
    """A member's account (with ``fields`` set on it) and a test client logged in as them."""
    user_id = make_user("member", person_id=person_id)
    session = app.extensions["famille.sessionmaker"]()
    user = session.get(User, user_id)
    user.locale = locale
    for name, value in fields.items():
        setattr(user, name, value)
    email = user.email
    session.commit()
    session.close()
    client = app.test_client()
    log_in(client, email)
    return user_id, client


def test_an_address_is_shown_once_and_stored_only_as_its_hash(app, db, family, make_user, database_url) -> None:
    user_id, client = _member(app, make_user)
    address, token = _make_address(client, "atom")
    row = db.scalar(select(FeedToken).where(FeedToken.user_id == user_id))
    assert row.kind == "atom" and row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in client.get("/account/feeds").get_data(as_text=True)
    if database_url.startswith("sqlite:///"):
        db.close()
        assert token.encode() not in Path(database_url.removeprefix("sqlite:///")).read_bytes()
    assert app.test_client().get(address).status_code == 200


def test_remaking_replaces_the_address_and_revoking_ends_it(app, family, make_user) -> None:
    _, client = _member(app, make_user)
    old, _ = _make_address(client, "ics")
    new, _ = _make_address(client, "ics")
    reader = app.test_client()
    assert reader.get(old).status_code == 404
    assert reader.get(new).status_code == 200
    token = csrf_token(client, "/account/feeds")
    response = client.post("/account/feeds/ics/revoke", data={"csrf_token": token}, follow_redirects=True)
    assert "revoked" in response.get_data(as_text=True)
    assert reader.get(new).status_code == 404


def test_unknown_tokens_posts_without_csrf_and_deactivated_accounts_get_nothing(app, db, family, make_user) -> None:
    user_id, client = _member(app, make_user)
    address, _ = _make_address(client, "atom")
    reader = app.test_client()
    assert reader.get("/feeds/not-a-token/family.atom").status_code == 404
    assert reader.get(address.replace("family.atom", "birthdays.ics")).status_code == 404  # wrong kind
    assert reader.get("/feeds/" + "x" * 5000 + "/family.atom").status_code == 404
    assert client.post("/account/feeds/atom/new").status_code == 400
    assert client.post("/account/feeds/other/new", data={"csrf_token": "x"}).status_code in (400, 404)
    db.get(User, user_id).is_active = False
    db.commit()
    assert reader.get(address).status_code == 404


def test_the_atom_feed_is_valid_atom_with_stable_ids_and_absolute_links(app, family, make_user) -> None:
    _, client = _member(app, make_user, person_id=family["I1"])
    address, _ = _make_address(client, "atom")
    reader = app.test_client()
    response = reader.get(address)
    assert response.headers["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert "max-age" in response.headers["Cache-Control"] and response.headers["ETag"]
    parsed = feedparser.parse(response.data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10" and parsed.feed.language == "en"
    assert parsed.feed.id.startswith("tag:localhost,") and parsed.feed.title and parsed.feed.updated
    assert parsed.feed.author == "Famille Test"
    assert parsed.entries, "the import made entries"
    for entry in parsed.entries:
        assert entry.id.startswith("tag:localhost,") and entry.title and entry.updated
        assert entry.link.startswith("http://localhost/")
    again = feedparser.parse(reader.get(address).data)
    assert [e.id for e in again.entries] == [e.id for e in parsed.entries]
    person_links = {e.link for e in parsed.entries}
    assert f"http://localhost/people/{family['I3']}" in person_links
    assert reader.get(address, headers={"If-None-Match": response.headers["ETag"]}).status_code == 304


def _events(data: bytes) -> dict[str, object]:
    calendar = Calendar.from_ical(data)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_the_calendar_is_valid_icalendar_with_yearly_all_day_events(app, family, make_user) -> None:
    _, client = _member(app, make_user, person_id=family["I1"])
    address, _ = _make_address(client, "ics")
    response = app.test_client().get(address)
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.data)
    assert str(calendar["VERSION"]) == "2.0" and calendar["PRODID"]
    events = _events(response.data)
    marc = events[f"birthday-{family['I1']}@localhost"]
    assert marc.decoded("DTSTART").isoformat() == "1950-03-12"  # a date: an all-day event
    assert marc["RRULE"]["FREQ"] == ["YEARLY"]
    assert "Marc Tremblay" in str(marc["SUMMARY"]) and str(marc["URL"]) == f"http://localhost/people/{family['I1']}"
    assert f"birthday-{family['I3']}@localhost" in events
    assert f"birthday-{family['I2']}@localhost" not in events  # "about 1952": no day to celebrate
    wedding = [uid for uid in events if uid.startswith("anniversary-")]
    assert len(wedding) == 1 and events[wedding[0]].decoded("DTSTART").isoformat() == "1980-06-20"
    assert set(_events(app.test_client().get(address).data)) == set(events)  # UIDs stay the same
    assert all(len(line) <= 75 for line in response.data.split(b"\r\n"))  # folded lines


def test_feeds_follow_the_members_privacy(app, db, family, make_user) -> None:
    """Hélène chose "close family only" (1 degree): her father's feeds show her, an unlinked member's do not."""
    make_user("member", person_id=family["I3"])
    helene = db.scalar(select(User).where(User.person_id == family["I3"]))
    helene.privacy, helene.privacy_degree = PRIVACY_CLOSE_FAMILY, 1
    db.commit()
    _, father = _member(app, make_user, person_id=family["I1"])
    _, outsider = _member(app, make_user)
    reader = app.test_client()
    for client, sees in ((father, True), (outsider, False)):
        calendar = _events(reader.get(_make_address(client, "ics")[0]).data)
        assert (f"birthday-{family['I3']}@localhost" in calendar) is sees
        assert f"birthday-{family['I1']}@localhost" in calendar
        atom = feedparser.parse(reader.get(_make_address(client, "atom")[0]).data)
        assert any("Hélène" in entry.title for entry in atom.entries) is sees


def test_a_member_in_the_tree_gets_the_birthdays_of_their_chosen_closeness(app, family, make_user) -> None:
    """Marc's calendar (1 degree) holds his daughter's birthday and his own wedding; Joseph, related to no one,
    gets only his own side of the tree; a member not in the tree gets everyone they may see."""
    reader = app.test_client()
    _, marc = _member(app, make_user, person_id=family["I1"], reminder_degree=1)
    events = _events(reader.get(_make_address(marc, "ics")[0]).data)
    assert f"birthday-{family['I3']}@localhost" in events
    assert any(uid.startswith("anniversary-") for uid in events)
    _, joseph = _member(app, make_user, person_id=family["I4"], reminder_degree=6)
    events = _events(reader.get(_make_address(joseph, "ics")[0]).data)
    assert f"birthday-{family['I3']}@localhost" not in events and f"birthday-{family['I1']}@localhost" not in events
    _, outsider = _member(app, make_user)
    events = _events(reader.get(_make_address(outsider, "ics")[0]).data)
    assert {f"birthday-{family['I1']}@localhost", f"birthday-{family['I3']}@localhost"} <= set(events)


def test_two_presses_at_once_give_one_working_address_not_an_error(app, db, family, make_user, monkeypatch) -> None:
    from famille.feeds import services

    _, client = _member(app, make_user)
    _make_address(client, "ics")
    real, calls = services.feed_tokens, []

    def as_if_not_made_yet(session, *, user_id):
        calls.append(user_id)
        return {} if len(calls) == 1 else real(session, user_id=user_id)

    monkeypatch.setattr(services, "feed_tokens", as_if_not_made_yet)
    address, _token = _make_address(client, "ics")
    assert len(calls) >= 2  # the first try collided with the address already made, the second renewed it
    assert app.test_client().get(address).status_code == 200
    assert db.scalar(select(func.count()).select_from(FeedToken)) == 1
