"""The person, family, place and search pages, as a visitor and as a member sees them."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from famille.models import Family, Person, Place, ProfileLink
from tests.imports.helpers import SMALL_FAMILY, run_import

EN = {"Accept-Language": "en"}

FAMILY_WITH_HALF_SIBLING = SMALL_FAMILY.replace(
    "0 @S1@ SOUR",
    """0 @I6@ INDI
1 NAME Luc /Tremblay/
1 SEX M
1 BIRT
2 DATE 1975
1 FAMC @F2@
0 @I7@ INDI
1 NAME Anne /Roy/
1 SEX F
1 FAMS @F2@
0 @F2@ FAM
1 HUSB @I1@
1 WIFE @I7@
1 CHIL @I6@
0 @S1@ SOUR""",
).replace("1 NAME Marc /Tremblay/\n", "1 NAME Marc /Tremblay/\n1 FAMS @F2@\n")


@pytest.fixture
def ids(app, db) -> dict[str, int]:
    run_import(
        app, FAMILY_WITH_HALF_SIBLING.replace("1 NAME Joseph /Tremblay/", "1 NAME Joseph /Tremblay/\n1 SOUR @S1@")
    )
    return dict(db.execute(select(Person.xref, Person.person_id)).all())


def page(client, url: str) -> str:
    response = client.get(url, headers=EN)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def test_deceased_person_is_public(client, ids) -> None:
    html = page(client, f"/people/{ids['I4']}")
    assert "Joseph Tremblay" in html and "Birth" in html and "Death" in html
    assert "Registre de la paroisse" in html  # sources in brief


def test_living_person_is_private_to_visitors(client, ids) -> None:
    html = page(client, f"/people/{ids['I3']}")
    assert "Hélène" not in html and "1987" not in html and "Montréal" not in html
    assert "randonnée" not in html and "Private" in html


def test_member_sees_a_living_person_in_full(client, ids, login_as) -> None:
    login_as("member")
    html = page(client, f"/people/{ids['I3']}")
    assert "Hélène Tremblay" in html and "4 July 1987" in html and "Montréal, Québec, Canada" in html
    assert "Aime la randonnée.\nDeuxième ligne de la note, qui continue ici." in html
    assert "Marc Tremblay" in html and "Sylvie Côté" in html  # parents
    assert "Luc Tremblay" in html and "half-sibling" in html


def test_links_open_safely_and_show_the_platform(client, ids, login_as) -> None:
    login_as("member")
    html = page(client, f"/people/{ids['I1']}")
    assert 'href="https://www.linkedin.com/in/marc-tremblay-demo" rel="me noopener noreferrer"' in html
    assert "LinkedIn: marc-tremblay-demo" in html


def test_notes_are_escaped(app, client, login_as) -> None:
    run_import(app, SMALL_FAMILY.replace("1 NOTE Aime la randonnée.", "1 NOTE <script>alert(1)</script>"))
    login_as("member")
    session = app.extensions["famille.sessionmaker"]()
    helene = session.scalar(select(Person.person_id).where(Person.given_name == "Hélène"))
    session.close()
    html = page(client, f"/people/{helene}")
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


def test_unknown_person_is_a_404(client) -> None:
    assert client.get("/people/999999", headers=EN).status_code == 404


def test_family_page(client, db, ids, login_as) -> None:
    family_id = db.scalar(select(Family.family_id).where(Family.xref == "F1"))
    visitor = page(client, f"/families/{family_id}")
    assert "Marriage" not in visitor  # the couple is living
    login_as("member")
    html = page(client, f"/families/{family_id}")
    assert "Marriage" in html and "20 June 1980" in html and "Hélène Tremblay" in html


def test_places(client, db, ids, login_as) -> None:
    index = page(client, "/places")
    assert "Chicoutimi, Québec, Canada" in index
    montreal = db.scalar(select(Place.place_id).where(Place.name == "Montréal, Québec, Canada"))
    visitor = page(client, f"/places/{montreal}")
    assert "Hélène" not in visitor and "shown to members only" in visitor
    login_as("member")
    assert "Hélène Tremblay" in page(client, f"/places/{montreal}")


def found_names(html: str) -> set[str]:
    """The people a results page lists (not their parents)."""
    results = html.split('<ul class="people results">')[-1].split("</ul>")[0]
    return {match.strip() for match in re.findall(r'<li><a href="/people/\d+">([^<]+)</a>', results)}


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("helene cote", set()),
        ("helene", {"Hélène Tremblay"}),
        ("HÉLÈNE tremb", {"Hélène Tremblay"}),
        ("cote", {"Sylvie Côté"}),
        ("Tremblay 1890", {"Joseph Tremblay"}),
        ("Tremblay 1940-1960", {"Marc Tremblay", "Joseph Tremblay"}),  # born or died in those years
        ("Tremblay 1945-1955", {"Marc Tremblay"}),
        ("1987", {"Hélène Tremblay"}),
        ("nobody", set()),
    ],
)
def test_member_search(client, ids, login_as, query, found) -> None:
    login_as("member")
    assert found_names(page(client, "/search?q=" + query)) == found


def test_search_shows_parents_to_tell_namesakes_apart(client, ids, login_as) -> None:
    login_as("member")
    html = page(client, "/search?q=luc")
    assert "child of" in html and "Anne Roy" in html


def test_visitors_never_find_the_living(client, ids) -> None:
    html = page(client, "/search?q=tremblay")
    assert found_names(html) == {"Joseph Tremblay"} and "1 person found" in html


def test_search_finds_married_and_other_names(app, client, login_as) -> None:
    text = SMALL_FAMILY.replace(
        "1 NAME Sylvie /Côté/", "1 NAME Sylvie /Côté/\n1 NAME Sylvie /Tremblay/\n2 TYPE married"
    )
    run_import(app, text)
    login_as("member")
    assert found_names(page(client, "/search?q=sylvie tremblay")) == {"Sylvie Côté"}


def test_search_survives_odd_input(client) -> None:
    for query in ["", "%", "_", "'; DROP TABLE person; --", "a" * 500, "1890-", "--", "\u2028"]:
        assert client.get("/search", query_string={"q": query}).status_code == 200
    assert client.get("/search", query_string={"q": "a\u0000b"}).status_code == 400


def test_link_rows_come_from_the_file(db, ids) -> None:
    assert db.scalar(select(ProfileLink.platform)) == "linkedin"


def test_close_family_choice_hides_the_person_page_from_distant_members(app, client, db, ids, make_user) -> None:
    from famille.models import User
    from tests.web import log_in

    helene_account = make_user("member", email="helene@example.org", person_id=ids["I3"])
    user = db.get(User, helene_account)
    user.privacy, user.privacy_degree = "close_family", 1
    db.commit()
    make_user("member", email="luc@example.org", person_id=ids["I6"])  # half-brother: 2 degrees
    make_user("member", email="marc@example.org", person_id=ids["I1"])  # father: 1 degree
    log_in(client, "luc@example.org")
    assert "1987" not in page(client, f"/people/{ids['I3']}")
    assert "1987" not in page(client, "/search?q=helene")
    client.post("/logout", data={"csrf_token": __import__("tests.web").web.csrf_token(client, "/")})
    log_in(client, "marc@example.org")
    assert "1987" in page(client, f"/people/{ids['I3']}")


def test_huge_ids_are_404(client) -> None:
    for url in ("/people/99999999999999999", "/families/99999999999999999", "/places/99999999999999999"):
        assert client.get(url).status_code == 404
