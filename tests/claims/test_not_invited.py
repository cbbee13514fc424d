""" "Not yet invited": the founding couple, branches, caps and pages, invitation links and markers."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import event

from famille.claims.invitees import ELSEWHERE, not_invited
from famille.models import Invitation
from famille.people.branches import FamilyGraph, branches, founding_family
from famille.privacy import Viewer

EN = {"Accept-Language": "en"}
EDITOR = Viewer(role="editor", user_id=1)
HENRI_BRANCH = ["Marc", "Sylvie", "Diane", "Bernard", "Hélène", "Paul", "Julien", "Nicolas", "Chloé", "Léa", "Zoé"]


def _names(family: dict[str, int], invitees) -> list[str]:
    names = {person_id: name for name, person_id in family.items()}
    return [names[invitee.person.person_id] for invitee in invitees]


def test_branches_of_the_founding_couple(db, family) -> None:
    result = not_invited(db, viewer=EDITOR, per_branch=50)
    assert [person.given_name for person in result.founders] == ["Gaston", "Georgette"]
    henri, armand, elsewhere = result.branches
    assert henri.key == family["Henri"] and henri.head.given_name == "Henri"
    assert _names(family, henri.people) == HENRI_BRANCH and henri.total == 11
    assert armand.head.given_name == "Armand" and _names(family, armand.people) == ["Rémi"]
    assert elsewhere.key == ELSEWHERE and elsewhere.head is None and _names(family, elsewhere.people) == ["Outsider"]
    assert result.total == 13


def test_people_with_an_account_are_not_listed(app, db, family, make_user) -> None:
    make_user("member", person_id=family["Marc"])
    make_user("member", person_id=family["Rémi"])
    result = not_invited(db, viewer=EDITOR, per_branch=50)
    henri, armand, _elsewhere = result.branches
    assert "Marc" not in _names(family, henri.people) and armand.total == 0 and armand.people == []
    assert result.total == 11


def test_branches_are_capped_and_paged(db, family) -> None:
    capped = not_invited(db, viewer=EDITOR, per_branch=3)
    assert _names(family, capped.branches[0].people) == HENRI_BRANCH[:3] and capped.branches[0].total == 11
    page2 = not_invited(db, viewer=EDITOR, only=family["Henri"], page=2, per_page=5)
    [branch] = page2.branches
    assert (branch.page, branch.pages) == (2, 3) and _names(family, branch.people) == HENRI_BRANCH[5:10]
    last = not_invited(db, viewer=EDITOR, only=family["Henri"], page=99, per_page=5)
    assert last.branches[0].page == 3 and _names(family, last.branches[0].people) == ["Zoé"]
    assert not_invited(db, viewer=EDITOR, only=family["Marc"]) is None


def test_queries_do_not_depend_on_how_many_are_listed(app, db, family) -> None:
    statements: list[str] = []
    engine = db.get_bind()

    def count(conn, cursor, statement, parameters, context, executemany) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        not_invited(db, viewer=EDITOR, per_branch=50)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len(statements) <= 8


def _graph(families: list[tuple[int, tuple[int, ...], list[int]]]) -> FamilyGraph:
    graph = FamilyGraph()
    for family_id, partners, children in families:
        graph.partners[family_id] = partners
        graph.children[family_id] = children
        for partner in partners:
            graph.families_of[partner].append(family_id)
        graph.has_parents.update(children)
    return graph


def test_the_founding_couple_rule() -> None:
    """Two root couples: the one with more descendants wins; a single parent is not a couple; a tie goes first."""
    graph = _graph(
        [
            (1, (1, 2), [3]),  # small root couple
            (2, (4, 5), [6, 7]),  # big root couple
            (3, (6, 8), [9, 10]),
            (4, (11,), [12, 13, 14, 15, 16]),  # a single parent with many children: not a couple
        ]
    )
    assert founding_family(graph) == 2
    assert [key for key, _members in branches(graph, 2)] == [6, 7]
    assert branches(graph, 2)[0][1] == [6, 8, 9, 10]  # the child, their partner, then the next generation
    assert founding_family(_graph([(1, (1, 2), [5]), (2, (3, 4), [6])])) == 1
    assert founding_family(FamilyGraph()) is None


def test_a_loop_in_bad_data_ends() -> None:
    """3 is the child of 5, who is the grandchild of 3: the walks must still end."""
    graph = _graph([(1, (1, 2), [3]), (2, (3, 4), [5]), (3, (5, 6), [3])])
    graph.has_parents.discard(1)
    assert founding_family(graph) == 1
    assert branches(graph, 1) == [(3, [3, 4, 5, 6])]


def test_the_page_lists_branches_with_invitation_links(app, client, login_as, family) -> None:
    if "invitations.new" not in app.view_functions:
        app.add_url_rule("/test-invitations/new", endpoint="invitations.new", view_func=lambda: "")
    session = app.extensions["famille.sessionmaker"]()
    now = dt.datetime.now(dt.UTC)
    session.add(Invitation(token_hash="a" * 64, expires_at=now + dt.timedelta(days=9), person_id=family["Julien"]))
    session.add(Invitation(token_hash="b" * 64, expires_at=now - dt.timedelta(days=1), person_id=family["Marc"]))
    session.commit()
    session.close()
    login_as("editor")
    page = client.get("/not-yet-invited", headers=EN).get_data(as_text=True)
    assert (
        "Branch of Henri Tremblay" in page and "Branch of Armand Tremblay" in page and "Elsewhere in the tree" in page
    )
    assert "Gaston Tremblay and Georgette Côté" in page
    assert "13 living relatives have no account yet." in page
    assert page.count("Create an invitation") == 13
    assert f"person_id={family['Zoé']}" in page
    julien = re.search(r"Julien Tremblay.*?</li>", page, re.S).group(0)
    marc = re.search(r"Marc Tremblay.*?</li>", page, re.S).group(0)
    assert "invitation sent, not used yet" in julien and "invitation sent" not in marc
    assert "Henri" not in re.sub(r"<h2.*?</h2>", "", page, flags=re.S)  # the deceased are not invited


def test_no_invitation_link_without_the_invitations_page(app, client, login_as, family) -> None:
    app.view_functions.pop("invitations.new", None)
    login_as("editor")
    page = client.get("/not-yet-invited", headers=EN).get_data(as_text=True)
    assert "Marc Tremblay" in page and "Create an invitation" not in page


@pytest.mark.parametrize(("branch", "status"), [("{Henri}", 200), ("0", 200), ("{Marc}", 404), ("x", 200)])
def test_branch_pages(app, client, login_as, family, branch: str, status: int) -> None:
    app.config["PEOPLE_PER_PAGE"] = 5
    login_as("admin")
    response = client.get(f"/not-yet-invited?branch={branch.format(**family)}&page=2", headers=EN)
    assert response.status_code == status
    if branch == "{Henri}":
        page = response.get_data(as_text=True)
        assert "Page 2 of 3" in page and "Paul" in page and "Zoé" not in page and "All branches" in page
