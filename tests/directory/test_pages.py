"""The directory pages through the web: each role, the layouts, filters, links, "not yet connected" and odd input."""

from __future__ import annotations

import csv
import io
import re

import pytest
from flask_babel import gettext

from famille.models import User
from famille.privacy import PRIVACY_CLOSE_FAMILY
from tests.directory.conftest import EN

PAGES = [
    "/directory",
    "/directory?by=generation&all=1",
    "/directory?print=1",
    "/directory/not-connected",
    "/directory/download.vcf",
    "/directory/download.csv",
]


@pytest.mark.parametrize("url", PAGES)
def test_visitors_are_sent_to_log_in(client, family, url) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


@pytest.mark.parametrize("role", ["member", "editor", "admin"])
@pytest.mark.parametrize("url", PAGES)
def test_members_editors_and_admins_see_every_page(client, login_as, family, role, url) -> None:
    login_as(role)
    response = client.get(url, headers=EN)
    assert response.status_code == 200
    assert "Rémi Tremblay" in response.get_data(as_text=True)


def _entries(html: str) -> list[str]:
    """The names of the people listed on a directory page, in order."""
    return re.findall(r'<a class="who" href="/people/\d+">\s*([^<]*?)\s*</a>', html)


def test_the_directory_lists_branches_with_links_and_counts(client, login_as, family) -> None:
    login_as("member")
    html = client.get("/", headers=EN).get_data(as_text=True)
    assert '<a href="/directory">Directory</a>' in html  # the main menu links to it
    html = client.get("/directory", headers=EN).get_data(as_text=True)
    assert "Branch of Henri Tremblay" in html and "Branch of Armand Tremblay" in html
    assert "Elsewhere in the tree" in html and "9 living relatives listed." in html
    assert _entries(html) == [
        "Huguette Gagnon", "Hélène Tremblay", "Paul Bouchard", "Marc Tremblay", "Léa Bouchard",
        "Armand Tremblay", "Émilie Roy", "Rémi Tremblay", "Ôdile Inconnu",
    ]  # fmt: skip
    link = re.search(r'<a class="profile-link" href="https://www.linkedin.com/in/helene-tremblay-test"[^>]*>', html)
    assert link and 'rel="me noopener noreferrer"' in link.group(0)
    assert '<span class="handle">helene-tremblay-test</span>' in html and "/static/icons/linkedin.svg" in html
    counts_nav = html[html.index('<nav class="platform-counts"') :].split("</nav>")[0]
    counts = dict(re.findall(r'data-platform="(\w+)".*?<span class="count">(\d+)</span>', counts_nav, re.S))
    assert counts == {"linkedin": "2", "facebook": "2", "instagram": "1", "email": "1", "website": "1", "none": "4"}
    assert f'href="/directory?ancestor={family["Henri"]}"' in html  # split a branch by its children


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("platform=linkedin", ["Hélène Tremblay", "Léa Bouchard"]),
        ("platform=facebook", ["Huguette Gagnon", "Marc Tremblay"]),
        ("platform=none", ["Armand Tremblay", "Émilie Roy", "Rémi Tremblay", "Ôdile Inconnu"]),
        ("platform=linkedin&all=1", ["Hélène Tremblay", "Léa Bouchard", "Zoé Tremblay"]),
        ("by=generation&platform=linkedin", ["Hélène Tremblay", "Léa Bouchard"]),
    ],
)
def test_each_filter(client, login_as, family, query, names) -> None:
    login_as("member")
    html = client.get(f"/directory?{query}", headers=EN).get_data(as_text=True)
    assert _entries(html) == names


def test_grouping_by_generation_and_below_an_ancestor(client, login_as, family) -> None:
    login_as("member")
    html = client.get("/directory?by=generation", headers=EN).get_data(as_text=True)
    assert re.findall(r"<h2[^>]*>\s*(Generation \d)", html) == ["Generation 1", "Generation 2", "Generation 3"]
    assert "generation 1 is their children" in html
    html = client.get(f"/directory?ancestor={family['Henri']}", headers=EN).get_data(as_text=True)
    assert _entries(html) == ["Huguette Gagnon", "Hélène Tremblay", "Paul Bouchard", "Léa Bouchard", "Marc Tremblay"]
    assert "Back to the whole family" in html and "Elsewhere in the tree" not in html


def test_one_branch_a_page_at_a_time(app, client, login_as, family) -> None:
    app.config["PEOPLE_PER_PAGE"] = 2
    login_as("member")
    html = client.get(f"/directory?branch={family['Henri']}&page=2", headers=EN).get_data(as_text=True)
    assert _entries(html) == ["Paul Bouchard", "Marc Tremblay"] and "Page 2 of 3" in html
    following = re.search(r'<a rel="next" href="([^"]+)"', html).group(1)
    assert sorted(following.split("?")[1].split("&amp;")) == [f"branch={family['Henri']}", "page=3"]


def test_the_print_layout_is_one_line_per_person_without_navigation(client, login_as, family) -> None:
    login_as("member")
    html = client.get("/directory?print=1", headers=EN).get_data(as_text=True)
    assert "<nav" not in html and "site-header" not in html and "<form" not in html
    lines = re.findall(r'<li class="entry">(.*?)</li>', html, re.S)
    assert len(lines) == 9 and all("\n" not in re.sub(r"\s+", " ", line).strip() for line in lines)
    assert "LinkedIn: helene-tremblay-test" in html and "E-mail: helene@example.org" in html
    page = client.get("/directory?platform=linkedin", headers=EN).get_data(as_text=True)
    assert 'href="/directory?platform=linkedin&amp;print=1"' in page  # the Print button keeps the filter
    assert 'media="print"' in page


def test_close_family_hides_the_person_from_an_outsider_member(app, client, login_as, family, make_user) -> None:
    helene = make_user("member", person_id=family["Hélène"])
    session = app.extensions["famille.sessionmaker"]()
    session.get(User, helene).privacy = PRIVACY_CLOSE_FAMILY
    session.commit()
    session.close()
    login_as("member")
    html = client.get("/directory", headers=EN).get_data(as_text=True)
    assert "Hélène" not in html and "helene-tremblay-test" not in html and "helene@example.org" not in html
    assert "Private" in html
    assert "Hélène" not in client.get("/directory/download.csv").get_data(as_text=True)


def test_not_connected_offers_editors_an_invitation(client, login_as, family, make_user) -> None:
    make_user("member", person_id=family["Rémi"])
    login_as("editor")
    html = client.get("/directory/not-connected", headers=EN).get_data(as_text=True)
    assert _entries(html) == ["Armand Tremblay", "Émilie Roy", "Rémi Tremblay", "Ôdile Inconnu"]
    assert f'href="/invitations/new?person_id={family["Armand"]}"' in html
    assert f'/invitations/new?person_id={family["Rémi"]}"' not in html and "has an account" in html
    assert "4 living relatives have no profile link yet." in html


def test_members_can_nudge_but_not_invite(client, login_as, family) -> None:
    login_as("member")
    html = client.get("/directory/not-connected", headers=EN).get_data(as_text=True)
    assert "Armand Tremblay" in html and "/invitations/new" not in html
    html = client.get(f"/directory/not-connected?branch={family['Armand']}", headers=EN).get_data(as_text=True)
    assert _entries(html) == ["Armand Tremblay", "Émilie Roy", "Rémi Tremblay"] and "All branches" in html


@pytest.mark.parametrize(
    "query",
    [
        "branch=abc",
        "page=-1",
        "page=abc&branch=",
        "platform=<script>alert(1)</script>",
        "by=<b>&generation=x",
        "ancestor=abc",
        "all=2&by=",
        "branch=1e9&print=yes",
        "page=99999999999999999999999",
    ],
)
def test_odd_query_strings_never_fail(client, login_as, family, query) -> None:
    login_as("member")
    for path in ("/directory", "/directory/not-connected", "/directory/download.csv"):
        response = client.get(f"{path}?{query}", headers=EN)
        assert response.status_code == 200, (path, query)
        assert "<script>alert" not in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "query",
    [
        "branch=999999",
        "branch=99999999999999999999",
        "ancestor=99999999999999",
        "ancestor=-4",
        "generation=7&by=generation",
    ],
)
def test_unknown_groups_and_ancestors_are_not_found(client, login_as, family, query) -> None:
    login_as("member")
    assert client.get(f"/directory?{query}", headers=EN).status_code == 404
    assert client.get(f"/directory/download.vcf?{query}", headers=EN).status_code == 404


def test_the_pages_speak_french(app, client, login_as, family) -> None:
    login_as("member")
    for url in ("/directory", "/directory?print=1", "/directory/not-connected"):
        response = client.get(url, headers={"Accept-Language": "fr"})
        assert response.status_code == 200 and '<html lang="fr">' in response.get_data(as_text=True)
    with app.test_request_context(headers={"Accept-Language": "fr"}):
        expected = [gettext("Name"), gettext("Birth year"), gettext("Branch")]
    text = client.get("/directory/download.csv", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert next(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))[:3] == expected
