"""The demo as a newcomer sees it: recent news and links in the feed, dates to come, charts with recent updates,
no account to log in with — and a real import that leaves nothing of it behind."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from famille.demo_site import IMPORT_DAYS_AGO, load_demo_site
from famille.feed.dates import on_this_day, upcoming_occasions
from famille.feed.log import feed_entries
from famille.models import Change, NewsPost, Person, ProfileLink, User
from famille.privacy import Viewer
from famille.site.services import is_demo
from tests.imports.helpers import SMALL_FAMILY, run_import

ADMIN = Viewer(role="admin", user_id=1)


@pytest.fixture
def demo(app) -> datetime:
    """The demo loaded now, as ``famille demo`` does; returns the moment of the load."""
    now = datetime.now(UTC)
    with app.extensions["famille.sessionmaker"]() as session:
        load_demo_site(session, living_years=int(app.config["LIVING_YEARS"]), now=now)
        session.commit()
    return now


def test_the_feed_has_three_weeks_of_news_links_and_new_relatives(app, db, demo) -> None:
    entries = feed_entries(db, viewer=ADMIN, since=demo - timedelta(days=30))
    kinds = [entry.kind for entry in entries]
    news = [entry for entry in entries if entry.kind == "news"]
    assert {"birth", "job", "move", "wedding", "other"} == {entry.news.topic for entry in news if entry.news}
    assert {"link_added", "person_added", "birth", "marriage"} <= set(kinds)
    assert "import" not in kinds  # five weeks back
    ages = [(demo - entry.created_at.replace(tzinfo=entry.created_at.tzinfo or UTC)).days for entry in entries]
    assert min(ages) <= 2 and max(ages) >= 17 and len(set(ages)) >= 6, "spread over three weeks"
    ids = [entry.change_id for entry in entries]
    assert ids == sorted(ids, reverse=True)
    times = [entry.created_at for entry in entries]
    assert times == sorted(times, reverse=True), "the log's order and its dates agree"
    imported = db.scalar(select(Change.created_at).where(Change.kind == "import"))
    assert imported is not None and (demo - imported.replace(tzinfo=imported.tzinfo or UTC)).days == IMPORT_DAYS_AGO


def test_feed_page_and_home_page_show_the_activity(app, client, login_as, demo) -> None:
    login_as("member")
    feed = client.get("/feed", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "News of " in feed and "a new job" in feed and "New profile link for " in feed
    assert "Nouveau défi" in feed  # the post's own words
    home = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "News of " in home and "New profile link for " in home


def test_dates_page_and_home_page_show_birthdays_to_come(app, client, db, login_as, demo) -> None:
    today = demo.date()
    occasions = upcoming_occasions(db, viewer=ADMIN, start=today, days=30)
    birthdays = [o for o in occasions if o.kind == "birthday"]
    assert len(birthdays) >= 6 and any(o.on == today for o in birthdays)
    assert len([o for o in occasions if o.kind == "anniversary"]) >= 3
    login_as("admin")
    page = client.get("/dates").get_data(as_text=True)
    assert birthdays[0].people[0].given_name in page
    home = client.get("/").get_data(as_text=True)
    assert 'class="occasion-birthday"' in home and 'class="occasion-anniversary"' in home


def test_on_this_day_recalls_the_deceased_even_to_visitors(app, client, db, demo) -> None:
    past = on_this_day(db, viewer=Viewer(), day=demo.date())
    assert len([event for event in past if event.kind == "death"]) >= 2
    home = client.get("/").get_data(as_text=True)
    assert 'class="on-this-day"' in home


def test_a_chart_marks_the_recently_changed(app, client, db, login_as, demo) -> None:
    post = db.scalars(select(NewsPost).where(NewsPost.topic == "job")).one()
    login_as("member")
    page = client.get(f"/charts/person/{post.person_id}").get_data(as_text=True)
    updates = page[page.index('class="chart-updates"') :]
    assert f'data-focus="person-{post.person_id}"' in updates
    assert re.search(rf'id="person&#45;{post.person_id}" class="node person recent', page)
    older = client.get(f"/charts/person/{post.person_id}?days=0").get_data(as_text=True)
    assert 'class="node person recent' not in older


def test_the_demo_makes_no_account_and_names_relatives_as_authors(db, demo) -> None:
    assert db.scalar(select(func.count()).select_from(User)) == 0
    posts = list(db.scalars(select(NewsPost)))
    assert posts and all(post.author_id is None for post in posts)
    actors = set(db.scalars(select(Change.actor).where(Change.kind == "news_posted")))
    names = {f"{given} {surname}" for given, surname in db.execute(select(Person.given_name, Person.surname))}
    assert actors and actors <= names


def test_a_real_import_leaves_nothing_of_the_demo(app, db, login_as, demo) -> None:
    run_import(app, SMALL_FAMILY)
    db.expire_all()
    assert not is_demo(db)
    assert db.scalar(select(func.count()).select_from(NewsPost)) == 0
    assert set(db.scalars(select(Change.kind))) <= {"import", "person_added", "person_updated"}
    assert db.scalar(select(func.count()).select_from(ProfileLink).where(ProfileLink.origin == "site")) == 0
    assert db.scalar(select(func.count()).select_from(Person)) < 50
    assert all(entry.kind != "news" for entry in feed_entries(db, viewer=ADMIN))


def test_loading_at_a_given_day_counts_the_dates_from_it(app, db) -> None:
    today, now = date(2026, 12, 20), datetime(2026, 12, 20, 15, 0, tzinfo=UTC)
    load_demo_site(db, living_years=110, today=today, now=now)
    db.flush()
    occasions = upcoming_occasions(db, viewer=ADMIN, start=today, days=30)
    assert any(o.on.year == 2027 for o in occasions), "the window crosses the new year"
    assert len([o for o in occasions if o.kind == "birthday"]) >= 6
    latest = db.scalar(select(func.max(Change.created_at)))
    assert latest is not None and latest.replace(tzinfo=latest.tzinfo or UTC) <= now
