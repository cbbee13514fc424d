"""The directory service on the known family: grouping by branch and generation, ancestors, filters, counts,
caps and pages, privacy, and a bounded number of queries."""

from __future__ import annotations

from sqlalchemy import event

from famille.directory.selection import BY_GENERATION, NO_LINK, Selection, parse_selection
from famille.directory.services import ELSEWHERE, TOP, directory, export_rows, not_connected
from famille.models import User
from famille.privacy import PRIVACY_CLOSE_FAMILY, Viewer
from famille.profiles.services import Actor, add_link

MEMBER = Viewer(role="member", user_id=1)
EDITOR = Viewer(role="editor", user_id=2)
HENRI_BRANCH = ["Huguette", "Hélène", "Paul", "Marc", "Léa"]


def _names(group) -> list[str]:
    return [entry.person.given_name for entry in group.entries]


def _layout(result) -> list[tuple[str, int, list[str]]]:
    return [(group.kind, group.total, _names(group)) for group in result.groups]


def test_by_branch_lists_the_living_of_each_branch_then_elsewhere(db, family) -> None:
    result = directory(db, viewer=MEMBER, selection=Selection())
    assert [person.given_name for person in result.top] == ["Gaston", "Georgette"]
    assert _layout(result) == [
        ("branch", 5, HENRI_BRANCH),  # each descendant with their partner, generation by generation
        ("branch", 3, ["Armand", "Émilie", "Rémi"]),
        ("elsewhere", 1, ["Ôdile"]),
    ]
    henri, armand, elsewhere = result.groups
    assert (henri.key, henri.head.given_name, armand.head.given_name) == (family["Henri"], "Henri", "Armand")
    assert elsewhere.key == ELSEWHERE and elsewhere.head is None
    assert result.total == 9
    helene = henri.entries[1]
    assert helene.years == "1960" and henri.entries[4].years == "1990"  # "ABT 1990" gives its year
    assert [(link.platform, link.handle) for link in helene.links] == [
        ("linkedin", "helene-tremblay-test"),
        ("email", "helene@example.org"),
    ]


def test_everyone_includes_the_dead_and_the_founders(db, family) -> None:
    result = directory(db, viewer=MEMBER, selection=Selection(everyone=True))
    assert _layout(result) == [
        ("top", 2, ["Gaston", "Georgette"]),
        ("branch", 6, ["Henri", "Huguette", "Hélène", "Paul", "Marc", "Léa"]),
        ("branch", 4, ["Armand", "Émilie", "Rémi", "Zoé"]),
        ("elsewhere", 1, ["Ôdile"]),
    ]
    henri = result.groups[1].entries[0]
    assert henri.years == "1925–2000"


def test_by_generation_counts_from_the_founding_couple(db, family) -> None:
    result = directory(db, viewer=MEMBER, selection=Selection(by=BY_GENERATION, everyone=True))
    assert [(group.kind, group.key, _names(group)) for group in result.groups] == [
        ("top", TOP, ["Gaston", "Georgette"]),
        ("generation", 1, ["Henri", "Huguette", "Armand", "Émilie"]),
        ("generation", 2, ["Hélène", "Paul", "Marc", "Rémi", "Zoé"]),
        ("generation", 3, ["Léa"]),
        ("elsewhere", ELSEWHERE, ["Ôdile"]),
    ]
    living = directory(db, viewer=MEMBER, selection=Selection(by=BY_GENERATION))
    assert [(group.key, group.total) for group in living.groups] == [(1, 3), (2, 4), (3, 1), (ELSEWHERE, 1)]


def test_a_chosen_ancestor_splits_by_their_children(db, family) -> None:
    result = directory(db, viewer=MEMBER, selection=Selection(ancestor=family["Henri"], everyone=True))
    assert [person.given_name for person in result.top] == ["Henri", "Huguette"]
    assert _layout(result) == [
        ("top", 2, ["Henri", "Huguette"]),
        ("branch", 3, ["Hélène", "Paul", "Léa"]),
        ("branch", 1, ["Marc"]),
    ]  # nobody outside Henri's descent
    by_generation = directory(
        db, viewer=MEMBER, selection=Selection(ancestor=family["Henri"], by=BY_GENERATION, everyone=True)
    )
    assert [(group.key, _names(group)) for group in by_generation.groups] == [
        (TOP, ["Henri", "Huguette"]),
        (1, ["Hélène", "Paul", "Marc"]),
        (2, ["Léa"]),
    ]
    childless = directory(db, viewer=MEMBER, selection=Selection(ancestor=family["Ôdile"]))
    assert _layout(childless) == [("top", 1, ["Ôdile"])]
    assert directory(db, viewer=MEMBER, selection=Selection(ancestor=999_999)) is None


def test_platform_filters_and_counts(db, family) -> None:
    linkedin = directory(db, viewer=MEMBER, selection=Selection(platform="linkedin"))
    assert [_names(group) for group in linkedin.groups] == [["Hélène", "Léa"]]  # empty groups are left out
    assert all(any(link.platform == "linkedin" for link in e.links) for g in linkedin.groups for e in g.entries)
    facebook = directory(db, viewer=MEMBER, selection=Selection(platform="facebook"))
    assert [_names(group) for group in facebook.groups] == [["Huguette", "Marc"]]
    none = directory(db, viewer=MEMBER, selection=Selection(platform=NO_LINK))
    assert [_names(group) for group in none.groups] == [["Armand", "Émilie", "Rémi"], ["Ôdile"]]
    assert linkedin.counts == {
        "linkedin": 2,
        "email": 1,
        "facebook": 2,
        "website": 1,
        "instagram": 1,
        NO_LINK: 4,
    }  # the same counts whatever the filter: people of the selection on each platform
    with_dead = directory(db, viewer=MEMBER, selection=Selection(platform="linkedin", everyone=True))
    assert with_dead.counts["linkedin"] == 3 and [_names(g) for g in with_dead.groups] == [["Hélène", "Léa"], ["Zoé"]]


def test_caps_and_pages_of_one_group(db, family) -> None:
    capped = directory(db, viewer=MEMBER, selection=Selection(), per_branch=2)
    assert [(_names(group), group.total) for group in capped.groups][0] == (HENRI_BRANCH[:2], 5)
    page = directory(db, viewer=MEMBER, selection=Selection(group=family["Henri"], page=2), per_page=2)
    [group] = page.groups
    assert (group.page, group.pages, _names(group)) == (2, 3, HENRI_BRANCH[2:4])
    last = directory(db, viewer=MEMBER, selection=Selection(group=family["Henri"], page=99), per_page=2)
    assert (last.groups[0].page, _names(last.groups[0])) == (3, ["Léa"])
    elsewhere = directory(db, viewer=MEMBER, selection=Selection(group=ELSEWHERE))
    assert _layout(elsewhere) == [("elsewhere", 1, ["Ôdile"])]
    generation = directory(db, viewer=MEMBER, selection=Selection(by=BY_GENERATION, group=2))
    assert _names(generation.groups[0]) == ["Hélène", "Paul", "Marc", "Rémi"]
    assert directory(db, viewer=MEMBER, selection=Selection(group=family["Marc"])) is None  # not a branch head
    assert directory(db, viewer=MEMBER, selection=Selection(by=BY_GENERATION, group=9)) is None


def test_a_close_family_choice_hides_details_and_links_from_outsiders(app, db, family, make_user) -> None:
    helene = make_user("member", person_id=family["Hélène"])
    session = app.extensions["famille.sessionmaker"]()
    session.get(User, helene).privacy = PRIVACY_CLOSE_FAMILY
    session.get(User, helene).privacy_degree = 1
    session.commit()
    session.close()
    outsider = Viewer(role="member", user_id=99, person_id=family["Ôdile"])
    result = directory(db, viewer=outsider, selection=Selection())
    shown = result.groups[0].entries[1]
    assert shown.person.is_private and shown.person.given_name == "" and shown.links == () and shown.years == ""
    assert result.counts["linkedin"] == 1 and "email" not in result.counts  # her links are not counted either
    filtered = directory(db, viewer=outsider, selection=Selection(platform="linkedin"))
    assert [_names(group) for group in filtered.groups] == [["Léa"]]
    assert "Hélène" not in [e.person.given_name for e in not_connected(db, viewer=outsider).groups[0].entries]
    rows = export_rows(db, viewer=outsider, selection=Selection())
    assert "Hélène" not in [row.person.given_name for row in rows] and len(rows) == 8
    # Her daughter (one degree away), an editor and Hélène herself see her in full.
    herself = Viewer(role="member", user_id=helene, person_id=family["Hélène"])
    for viewer in (Viewer(role="member", user_id=98, person_id=family["Léa"]), EDITOR, herself):
        seen = directory(db, viewer=viewer, selection=Selection()).groups[0].entries[1]
        assert seen.person.given_name == "Hélène" and len(seen.links) == 2


def test_not_connected_lists_the_living_without_links_and_who_has_an_account(db, family, make_user) -> None:
    make_user("member", person_id=family["Rémi"])
    result = not_connected(db, viewer=MEMBER)
    assert _layout(result) == [("branch", 3, ["Armand", "Émilie", "Rémi"]), ("elsewhere", 1, ["Ôdile"])]
    assert [entry.has_account for entry in result.groups[0].entries] == [False, False, True]
    assert not_connected(db, viewer=MEMBER, group=family["Henri"]).groups[0].entries == []


def test_a_new_link_shows_at_once(app, db, family) -> None:
    """The tree snapshot is kept per data version: a link added on the site moves it on."""
    assert "Rémi" in _names(not_connected(db, viewer=MEMBER).groups[0])
    session = app.extensions["famille.sessionmaker"]()
    add_link(session, person_id=family["Rémi"], raw="github.com/remi-test", label="", actor=Actor(None, "test"))
    session.commit()
    session.close()
    db.expire_all()
    assert "Rémi" not in _names(not_connected(db, viewer=MEMBER).groups[0])
    github = directory(db, viewer=MEMBER, selection=Selection(platform="github"))
    assert [_names(group) for group in github.groups] == [["Rémi"]] and github.counts["github"] == 1


def test_queries_do_not_grow_with_the_people_listed(db, family) -> None:
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany) -> None:
        statements.append(statement)

    directory(db, viewer=MEMBER, selection=Selection())  # reads the snapshot of this data version
    event.listen(db.get_bind(), "before_cursor_execute", count)
    try:
        directory(db, viewer=MEMBER, selection=Selection(everyone=True))
        known = len(statements)
        directory(db, viewer=MEMBER, selection=Selection(group=family["Henri"]))
    finally:
        event.remove(db.get_bind(), "before_cursor_execute", count)
    assert known <= 6 and len(statements) - known <= 6


def test_odd_query_strings_are_read_without_fuss() -> None:
    odd = parse_selection({"by": "<b>", "platform": "<script>", "branch": "abc", "page": "-1", "all": "yes"})
    assert odd == Selection()
    assert parse_selection({"by": "generation", "generation": " 2 ", "page": "3", "all": "1"}) == Selection(
        by=BY_GENERATION, group=2, page=3, everyone=True
    )
    assert parse_selection({"branch": "1" * 30, "ancestor": "12"}).group is None  # too long to be an id
    assert Selection(platform="linkedin", ancestor=4).args(ancestor="") == {"platform": "linkedin"}
    assert Selection(group=7, page=2).current_args(print=1, page=None) == {"branch": 7, "print": 1}


def test_a_viewer_who_does_not_see_the_living_gets_them_private_and_uncounted(db, family) -> None:
    """The pages are for members, but the service itself follows privacy.py for anyone."""
    result = directory(db, viewer=Viewer(), selection=Selection(everyone=True))
    henri = result.groups[1]
    assert [(entry.person.given_name, entry.person.is_private) for entry in henri.entries][:3] == [
        ("Henri", False),
        ("", True),
        ("", True),
    ]
    assert all(entry.links == () for entry in henri.entries[1:])
    assert result.counts == {"linkedin": 1, NO_LINK: 3}  # Zoé's link; Gaston, Georgette and Henri without
    assert [_names(g) for g in directory(db, viewer=Viewer(), selection=Selection(platform="linkedin")).groups] == []
