"""The feed read from the change log: each kind of change in words (en, fr), privacy as the reader, filters."""

from __future__ import annotations

import datetime as dt

import pytest
from flask_babel import force_locale, gettext
from sqlalchemy import select, update

from famille.feed.log import FEED_KINDS
from famille.models import Change, User
from famille.privacy import PRIVACY_CLOSE_FAMILY, VISITOR, Viewer
from tests.editing.helpers import Tree, build_tree
from tests.feed.helpers import ACTOR, add_life_event, add_profile_link, entries, in_session, join, lines
from tests.imports.helpers import SMALL_FAMILY, run_import

MEMBER = Viewer(role="member", user_id=None, person_id=None)


@pytest.fixture
def tree(app) -> Tree:
    return build_tree(app)


def _with_more_people(count: int) -> str:
    people = "".join(f"0 @P{n}@ INDI\n1 NAME Person{n} /Gagnon/\n1 BIRT\n2 DATE 1850\n" for n in range(count))
    return SMALL_FAMILY.replace("0 @S1@ SOUR", people + "0 @S1@ SOUR")


def test_an_import_is_summarised_and_the_few_people_it_changed_listed(app, tree) -> None:
    assert lines(app, MEMBER) == ["The family tree was updated: 4 new people, 0 changed."]
    run_import(app, _with_more_people(1).replace("1 NAME Joseph /Tremblay/", "1 NAME Joseph-Arthur /Tremblay/"))
    found = lines(app, MEMBER)
    assert set(found[:3]) == {
        "The family tree was updated: 1 new person, 1 changed.",
        "Person0 Gagnon was added to the tree.",
        "Joseph-Arthur Tremblay was updated.",
    }
    with app.test_request_context(), force_locale("fr"):
        added = gettext("%(who)s was added to the tree.", who="Person0 Gagnon")
    assert added in lines(app, MEMBER, "fr")


def test_a_big_import_shows_as_its_summary_only(app, tree) -> None:
    run_import(app, _with_more_people(12))
    assert lines(app, MEMBER) == [
        "The family tree was updated: 12 new people, 0 changed.",
        "The family tree was updated: 4 new people, 0 changed.",
    ]


def test_births_marriages_and_deaths_in_english_and_french(app, tree) -> None:
    add_life_event(app, tag="BIRT", date="2 FEB 1890", person_id=tree.joseph)
    add_life_event(app, tag="MARR", date="20 JUN 1980", family_id=tree.couple)
    add_life_event(app, tag="DEAT", date="ABT 1961", person_id=tree.joseph)
    english = lines(app, MEMBER, kinds=["birth", "marriage", "death"])
    assert english == [
        "Death of Joseph Tremblay: about 1961.",
        "Marriage of Marc Tremblay and Sylvie Côté: 20 June 1980.",
        "Birth of Joseph Tremblay: 2 February 1890.",
    ]
    french = lines(app, MEMBER, "fr", kinds=["birth", "marriage", "death"])
    with app.test_request_context(), force_locale("fr"):
        assert french[0] == gettext("Death of %(who)s: %(date)s.", who="Joseph Tremblay", date="vers 1961")
        assert french[1] == gettext(
            "Marriage of %(who)s and %(other)s: %(date)s.",
            who="Marc Tremblay",
            other="Sylvie Côté",
            date="20 juin 1980",
        )
    assert "2 février 1890" in french[2]


def test_other_events_and_edits_read_as_updates(app, tree) -> None:
    add_life_event(app, tag="OCCU", date="2001", person_id=tree.joseph)
    add_life_event(app, tag="DIV", date="1990", family_id=tree.couple)
    assert lines(app, MEMBER, kinds=["person_updated"]) == ["Joseph Tremblay was updated."]
    assert entries(app, MEMBER, kinds=["marriage"]) == []


def test_profile_links_and_joining(app, tree, make_user) -> None:
    add_profile_link(app, person_id=tree.joseph, url="https://www.linkedin.com/in/joseph-t")
    editor = make_user("editor")
    helene = make_user("member", name="Hélène")
    join(app, user_id=helene, person_id=tree.helene, editor_id=editor)
    found = lines(app, MEMBER, kinds=["link_added", "joined"])
    assert found == ["Hélène Tremblay joined the site.", "New profile link for Joseph Tremblay: LinkedIn."]
    with app.test_request_context(), force_locale("fr"):
        expected = gettext("%(who)s joined the site.", who="Hélène Tremblay")
    assert lines(app, MEMBER, "fr", kinds=["joined"]) == [expected]


def test_visitors_see_no_living_person(app, tree) -> None:
    add_life_event(app, tag="MARR", date="1980", family_id=tree.couple)
    add_life_event(app, tag="OCCU", date="1920", person_id=tree.joseph)
    add_life_event(app, tag="OCCU", date="2020", person_id=tree.helene)
    seen = entries(app, VISITOR)
    assert [entry.kind for entry in seen] == ["person_updated", "import"]
    assert seen[0].person.person_id == tree.joseph
    member = entries(app, MEMBER)
    assert [entry.kind for entry in member] == ["person_updated", "person_updated", "marriage", "import"]


def _close_family_only(app, tree: Tree, make_user) -> None:
    """Hélène has an account and chose "close family only" (1 degree: her parents)."""
    user_id = make_user("member", person_id=tree.helene)
    in_session(
        app,
        lambda s: s.execute(
            update(User).where(User.user_id == user_id).values(privacy=PRIVACY_CLOSE_FAMILY, privacy_degree=1)
        ),
    )
    add_life_event(app, tag="OCCU", date="2020", person_id=tree.helene)


def test_a_close_family_only_member_stays_out_of_other_members_feeds(app, tree, make_user) -> None:
    _close_family_only(app, tree, make_user)
    stranger = Viewer(role="member", user_id=99, person_id=tree.joseph)
    nobody = Viewer(role="member", user_id=98, person_id=None)
    for viewer in (stranger, nobody):
        assert tree.helene not in {e.person.person_id for e in entries(app, viewer) if e.person}
    father = Viewer(role="member", user_id=97, person_id=tree.marc)
    editor = Viewer(role="editor", user_id=96, person_id=None)
    for viewer in (father, editor):
        assert tree.helene in {e.person.person_id for e in entries(app, viewer) if e.person}


def test_filters_by_kind_person_time_and_older_pages(app, tree) -> None:
    add_life_event(app, tag="OCCU", date="2001", person_id=tree.joseph)
    add_life_event(app, tag="MARR", date="1980", family_id=tree.couple)
    add_life_event(app, tag="OCCU", date="2002", person_id=tree.joseph)
    about_marc = entries(app, MEMBER, person_ids=[tree.marc])
    assert [e.kind for e in about_marc] == ["marriage"]
    everyone = entries(app, MEMBER)
    assert [e.kind for e in everyone] == ["person_updated", "marriage", "person_updated", "import"]
    older = entries(app, MEMBER, before=everyone[0].change_id, limit=2)
    assert [e.change_id for e in older] == [e.change_id for e in everyone[1:3]]
    assert entries(app, MEMBER, kinds=["nonsense"]) == [] and entries(app, MEMBER, person_ids=[]) == []
    future = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    assert entries(app, MEMBER, since=future) == []
    assert len(entries(app, MEMBER, until=future)) == 4


def test_a_branch_sized_filter_is_applied_batch_by_batch(app, tree) -> None:
    add_life_event(app, tag="OCCU", date="2001", person_id=tree.joseph)
    add_life_event(app, tag="OCCU", date="2001", person_id=tree.marc)
    many = [tree.joseph, *range(10_000_000, 10_000_600)]
    assert {e.person.person_id for e in entries(app, MEMBER, person_ids=many) if e.person} == {tree.joseph}


def test_people_removed_since_are_left_out(app, tree, db) -> None:
    db.add(Change(kind="person_edited", person_id=None, details={}))
    db.add(Change(kind="news_posted", person_id=None, details={"news_id": 12345, "topic": "job"}))
    db.commit()
    assert [e.kind for e in entries(app, MEMBER)] == ["import"]


def test_queries_do_not_grow_with_the_log(app, tree) -> None:
    from sqlalchemy import event

    from famille.db import get_engine

    for n in range(30):
        add_life_event(app, tag="OCCU", date=str(1990 + n), person_id=tree.joseph)
    counted: list[str] = []
    engine = get_engine(app)
    listener = lambda *args: counted.append(args[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        assert len(entries(app, MEMBER, limit=5)) == 5
        small = len(counted)
        counted.clear()
        assert len(entries(app, MEMBER, limit=30)) == 30
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert len(counted) == small


def test_every_kind_is_known() -> None:
    assert set(FEED_KINDS) >= {"news", "birth", "marriage", "death", "person_added", "joined", "import"}


def _post_news(app, *, person_id: int | None, author: int, topic: str = "job") -> int:
    from famille.news.services import NewsInput, create_post
    from famille.profiles.services import Actor

    data = NewsInput(person_id=person_id, topic=topic, body="Nouvel emploi!")
    return in_session(app, lambda s: create_post(s, data=data, photo=None, actor=Actor(author, "Hélène")).news_id)


def test_news_posts_in_english_and_french_and_gone_once_deleted(app, tree, make_user) -> None:
    from famille.models import NewsPost
    from famille.news.services import delete_post

    author = make_user("member", name="Hélène")
    news_id = _post_news(app, person_id=tree.joseph, author=author)
    _post_news(app, person_id=None, author=author, topic="move")
    member = Viewer(role="member", user_id=author, person_id=None)
    assert lines(app, member, kinds=["news"]) == ["News: a move.", "News of Joseph Tremblay: a new job."]
    [entry] = [e for e in entries(app, member, kinds=["news"]) if e.person]
    assert entry.news.body == "Nouvel emploi!" and entry.author == "Hélène"
    with app.test_request_context(), force_locale("fr"):
        expected = gettext("News of %(who)s: %(topic)s.", who="Joseph Tremblay", topic=gettext("a new job"))
    assert lines(app, member, "fr", kinds=["news"])[1] == expected
    assert lines(app, VISITOR, kinds=["news"]) == ["News of Joseph Tremblay: a new job."]  # about nobody: members only
    assert entries(app, VISITOR, kinds=["news"])[0].author == ""
    in_session(app, lambda s: delete_post(s, post=s.get(NewsPost, news_id), actor=ACTOR))
    assert lines(app, member, kinds=["news"]) == ["News: a move."]


def test_changed_links_and_invitations_accepted(app, tree, db) -> None:
    from famille.models import ProfileLink
    from famille.profiles.services import change_link

    add_profile_link(app, person_id=tree.joseph, url="https://www.linkedin.com/in/joseph-t")
    in_session(
        app,
        lambda s: change_link(
            s,
            link=s.scalar(select(ProfileLink).where(ProfileLink.person_id == tree.joseph)),
            raw="https://www.facebook.com/joseph.tremblay.demo",
            label="",
            actor=ACTOR,
        ),
    )
    # As invitations/joining.py records it; one without a person has nobody to name.
    db.add(Change(kind="invitation_accepted", person_id=tree.joseph, details={"invitation_id": 1, "role": "member"}))
    db.add(Change(kind="invitation_accepted", person_id=None, details={"invitation_id": 2, "role": "member"}))
    db.commit()
    assert lines(app, MEMBER, kinds=["link_changed", "joined"]) == [
        "Joseph Tremblay joined the site.",
        "Profile link of Joseph Tremblay changed: Facebook.",
    ]


def test_names_and_dates_are_escaped_in_html_lines(app, tree, db) -> None:
    from famille.feed.words import describe_html
    from famille.models import Person

    add_life_event(app, tag="DEAT", date="<b>1960</b>", person_id=tree.joseph)
    db.get(Person, tree.joseph).given_name = "<script>alert(1)</script>"
    db.commit()
    [entry] = entries(app, MEMBER, kinds=["death"])
    with app.test_request_context(), force_locale("en"):
        html = str(describe_html(entry))
    assert "<script>" not in html and "&lt;script&gt;" in html and "<b>" not in html
    assert html.startswith(f'Death of <a href="/people/{tree.joseph}">')


def test_news_of_no_particular_topic_names_only_whom_it_is_about(app, tree, make_user) -> None:
    author = make_user("member", name="Hélène")
    _post_news(app, person_id=tree.joseph, author=author, topic="other")
    _post_news(app, person_id=None, author=author, topic="other")
    member = Viewer(role="member", user_id=author, person_id=None)
    assert lines(app, member, kinds=["news"]) == ["News for the whole family.", "News of Joseph Tremblay."]


def test_an_author_who_chose_close_family_only_is_not_named_to_others(app, tree, make_user) -> None:
    author = make_user("member", name="Hélène", person_id=tree.helene)
    in_session(
        app,
        lambda s: s.execute(
            update(User).where(User.user_id == author).values(privacy=PRIVACY_CLOSE_FAMILY, privacy_degree=1)
        ),
    )
    _post_news(app, person_id=tree.joseph, author=author)
    stranger = Viewer(role="member", user_id=99, person_id=tree.joseph)
    father = Viewer(role="member", user_id=97, person_id=tree.marc)
    [seen_by_stranger] = entries(app, stranger, kinds=["news"])
    [seen_by_father] = entries(app, father, kinds=["news"])
    assert (seen_by_stranger.author, seen_by_father.author) == ("", "Hélène")


def test_a_post_moved_to_someone_else_follows_them_in_the_person_filter(app, tree, make_user) -> None:
    from famille.models import NewsPost
    from famille.news.services import NewsInput, edit_post

    author = make_user("member", name="Hélène")
    news_id = _post_news(app, person_id=tree.joseph, author=author)
    moved = NewsInput(person_id=tree.helene, topic="job", body="Nouvel emploi!")
    in_session(
        app,
        lambda s: edit_post(s, post=s.get(NewsPost, news_id), data=moved, photo=None, drop_photo=False, actor=ACTOR),
    )
    for wanted, count in (({tree.helene}, 1), ({tree.joseph}, 0)):
        found = entries(app, MEMBER, kinds=["news"], person_ids=wanted)
        assert [e.news.news_id for e in found] == [news_id] * count
