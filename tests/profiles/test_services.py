"""The link services on their own: who may edit, labels, actors, and what the service writes."""

from __future__ import annotations

import pytest

from famille.auth.access import Account, Anonymous
from famille.links import LinkError
from famille.profiles.services import (
    ADDED,
    MERGED,
    Actor,
    actor_of,
    add_link,
    can_edit_links,
    change_link,
    clean_label,
    find_link,
    find_person,
)
from tests.profiles.helpers import build_family


def _account(role: str, person_id: int | None) -> Account:
    return Account(
        user_id=1,
        email="a@example.org",
        display_name="",
        role=role,
        person_id=person_id,
        session_version=1,
        locale="",
    )


@pytest.mark.parametrize(
    ("role", "own_person", "target", "allowed"),
    [
        ("member", 7, 7, True),
        ("member", 7, 8, False),
        ("member", None, 7, False),
        ("editor", None, 7, True),
        ("editor", 3, 7, True),
        ("admin", None, 7, True),
        ("stranger-role", 7, 7, False),
    ],
)
def test_can_edit_links(role: str, own_person: int | None, target: int, allowed: bool) -> None:
    assert can_edit_links(_account(role, own_person), target) is allowed


def test_a_visitor_can_edit_nothing() -> None:
    assert can_edit_links(Anonymous(), 1) is False


def test_labels_are_kept_on_one_line_and_short() -> None:
    assert clean_label("  Pottery \n blog\t") == "Pottery blog"
    assert clean_label("x" * 500) == "x" * 200


def test_the_actor_is_the_display_name_or_the_email() -> None:
    assert actor_of(user_id=4, display_name=" Hélène ", email="h@example.org") == Actor(4, "Hélène")
    assert actor_of(user_id=4, display_name="  ", email="h@example.org") == Actor(4, "h@example.org")


def test_lookups_refuse_impossible_ids(db) -> None:
    assert find_person(db, person_id=0) is None and find_person(db, person_id=2**70) is None
    assert find_link(db, person_id=1, link_id=-5) is None and find_link(db, person_id=1, link_id=2**64) is None


def test_the_service_adds_merges_and_refuses(app, db) -> None:
    family = build_family(app)
    actor = Actor(None, "test")
    first = add_link(db, person_id=family.joseph, raw="@joseph@Mastodon.Social", label="", actor=actor)
    assert first.outcome == ADDED and first.link.platform == "mastodon"
    assert first.link.url == "https://mastodon.social/@joseph" and first.link.handle == "@joseph@mastodon.social"
    again = add_link(db, person_id=family.joseph, raw="https://mastodon.social/@Joseph", label="", actor=actor)
    assert again.outcome == MERGED and again.link.link_id == first.link.link_id and not again.label_filled
    with pytest.raises(LinkError):
        add_link(db, person_id=family.joseph, raw="javascript:alert(1)", label="", actor=actor)
    with pytest.raises(LinkError):
        change_link(db, link=first.link, raw="data:,x", label="", actor=actor)
    assert first.link.url == "https://mastodon.social/@joseph"


def test_positions_follow_the_order_of_adding(app, db) -> None:
    family = build_family(app)
    actor = Actor(None, "test")
    links = [
        add_link(db, person_id=family.joseph, raw=raw, label="", actor=actor).link
        for raw in ("github.com/a", "github.com/b", "github.com/c")
    ]
    assert [link.position for link in links] == [0, 1, 2]
