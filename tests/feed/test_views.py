"""The feed page: by day, in the reader's language, privacy as the reader, filters, since the last visit."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from flask_babel import force_locale, gettext
from sqlalchemy import select, update

from famille.models import Change, NewsPost, User
from famille.privacy import PRIVACY_CLOSE_FAMILY
from tests.editing.helpers import EN, FR, Tree, build_tree
from tests.feed.helpers import add_life_event, in_session
from tests.web import log_in


@pytest.fixture
def tree(app) -> Tree:
    built = build_tree(app)
    add_life_event(app, tag="DEAT", date="3 MAR 1960", person_id=built.joseph)
    add_life_event(app, tag="OCCU", date="2020", person_id=built.helene)
    add_life_event(app, tag="MARR", date="20 JUN 1980", family_id=built.couple)
    return built


def _feed(client, query: str = "", headers=EN) -> str:
    response = client.get(f"/feed{query}", headers=headers)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _age_changes(app, days: int) -> None:
    """Move every change ``days`` back in time (the feed groups by day)."""
    moment = dt.datetime.now(dt.UTC) - dt.timedelta(days=days)
    in_session(app, lambda s: s.execute(update(Change).values(created_at=moment)))


def test_visitors_see_the_deceased_and_the_import_only(client, tree) -> None:
    page = _feed(client)
    assert "Today" in page and "Death of" in page and f'href="/people/{tree.joseph}"' in page
    assert "The family tree was updated: 4 new people, 0 changed." in page
    assert "Hélène" not in page and "Marriage of" not in page


def test_members_see_everything_with_links_to_each_person(client, tree, login_as) -> None:
    login_as("member")
    page = _feed(client)
    assert re.search(rf'<a href="/people/{tree.marc}">Marc Tremblay</a> and <a href="/people/{tree.sylvie}">', page)
    assert f'<a href="/people/{tree.helene}">Hélène Tremblay</a> was updated.' in page
    assert "Marriage of" in page and "20 June 1980" in page


def test_the_page_speaks_french(app, client, tree, login_as) -> None:
    login_as("member")
    page = _feed(client, headers=FR)
    with app.test_request_context(headers=FR):
        today, death = gettext("Today"), gettext("Death of %(who)s: %(date)s.", who="X", date="3 mars 1960")
    assert '<html lang="fr">' in page and f">{today}</h2>" in page
    assert death.split("X")[0] in page and "3 mars 1960" in page and "20 juin 1980" in page


def test_days_are_grouped_yesterday_and_older(app, client, tree, login_as) -> None:
    _age_changes(app, 1)
    add_life_event(app, tag="OCCU", date="2021", person_id=tree.joseph)
    login_as("member")
    page = _feed(client)
    assert page.index(">Today</h2>") < page.index(">Yesterday</h2>")
    _age_changes(app, 10)
    day = (dt.datetime.now(dt.UTC) - dt.timedelta(days=10)).date()
    with force_locale("en"), client.application.test_request_context():
        from flask_babel import format_date

        assert format_date(day, "full") in _feed(client)


def test_a_close_family_only_member_is_not_in_a_strangers_feed(app, client, tree, make_user) -> None:
    helene = make_user("member", person_id=tree.helene)
    in_session(
        app,
        lambda s: s.execute(
            update(User).where(User.user_id == helene).values(privacy=PRIVACY_CLOSE_FAMILY, privacy_degree=1)
        ),
    )
    make_user("member", email="joseph@example.org", person_id=tree.joseph)
    make_user("member", email="marc@example.org", person_id=tree.marc)
    log_in(client, "joseph@example.org")
    assert "Hélène" not in _feed(client)
    log_in(client, "marc@example.org")
    assert "Hélène Tremblay</a> was updated." in _feed(client)


def test_filters_by_kind_person_and_branch(client, tree, login_as) -> None:
    login_as("member")
    deaths = _feed(client, "?kind=deaths")
    assert "Death of" in deaths and "Marriage of" not in deaths and "was updated" not in deaths
    close = _feed(client, f"?person={tree.helene}")
    assert "Marriage of" in close and "Hélène Tremblay</a> was updated." in close and "Death of" not in close
    assert "Changes about Hélène Tremblay and their close family." in close
    branch = _feed(client, f"?branch={tree.helene}")
    assert "Hélène Tremblay</a> was updated." in branch and "Death of" not in branch
    assert f'<option value="{tree.helene}" selected>' in branch


@pytest.mark.parametrize(
    "query",
    [
        "?kind=nonsense",
        "?person=999999",
        "?branch=999999",
        "?person=abc",
        "?before=-1",
        "?person=1" + "0" * 30,
        "?person=%C2%B2",
        "?branch=%C2%B2",
        "?before=%C2%B2",
        "?before=%EF%BC%91",
    ],
)
def test_odd_filters_are_not_found(client, tree, login_as, query) -> None:
    login_as("member")
    assert client.get(f"/feed{query}").status_code == 404


def test_since_the_last_visit(app, client, tree, make_user) -> None:
    _age_changes(app, 5)
    user_id = make_user("member", email="m@example.org")
    log_in(client, "m@example.org")
    assert "Since your last visit" not in _feed(client)  # a first visit has no "last visit"
    two_days_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=2)
    in_session(app, lambda s: s.execute(update(User).where(User.user_id == user_id).values(last_seen_at=two_days_ago)))
    add_life_event(app, tag="OCCU", date="2022", person_id=tree.joseph)
    log_in(client, "m@example.org")
    page = _feed(client)
    assert "Since your last visit" in page and page.count('class="feed-entry is-new"') == 1
    only_new = _feed(client, "?new=1")
    assert only_new.count('class="feed-entry') == 1 and "Joseph Tremblay</a> was updated." in only_new


def test_older_pages(app, client, tree, login_as) -> None:
    for year in range(60):
        add_life_event(app, tag="OCCU", date=str(1900 + year), person_id=tree.joseph)
    login_as("member")
    first = _feed(client)
    assert first.count('class="feed-entry') == 50
    older = re.search(r'<a rel="next" href="([^"]+)"', first).group(1).replace("&amp;", "&")
    second = _feed(client, older.removeprefix("/feed"))
    assert second.count('class="feed-entry') == 64 - 50 and 'rel="next"' not in second


def test_news_posts_show_in_the_feed_with_their_text(app, client, tree, login_as, db) -> None:
    author = login_as("member", name="Hélène")
    db.add(NewsPost(author_id=author, person_id=tree.joseph, topic="other", body="Souvenir de <b>Joseph</b>"))
    db.flush()
    post = db.scalar(select(NewsPost))
    db.add(
        Change(
            kind="news_posted",
            person_id=tree.joseph,
            user_id=author,
            details={"news_id": post.news_id, "topic": "other"},
        )
    )
    db.commit()
    page = _feed(client)
    assert "News of <a" in page and "Souvenir de &lt;b&gt;Joseph&lt;/b&gt;" in page and "Posted by Hélène" in page
    visitor = app.test_client()
    assert "Posted by" not in _feed(visitor) and "Souvenir de" in _feed(visitor)


def test_filtering_by_someone_hidden_lists_none_of_their_family(app, client, tree, make_user) -> None:
    helene = make_user("member", person_id=tree.helene)
    in_session(
        app,
        lambda s: s.execute(
            update(User).where(User.user_id == helene).values(privacy=PRIVACY_CLOSE_FAMILY, privacy_degree=1)
        ),
    )
    make_user("member", email="joseph@example.org", person_id=tree.joseph)
    log_in(client, "joseph@example.org")
    assert "Marriage of" in _feed(client)  # Hélène's parents' marriage is not hidden from Joseph…
    hidden = _feed(client, f"?person={tree.helene}")
    # …but asking for Hélène's close family must not tell him who her parents are.
    assert "Marriage of" not in hidden and 'class="feed-entry' not in hidden and "Hélène" not in hidden
    assert _feed(client, f"?person={tree.marc}").count('class="feed-entry') >= 1
