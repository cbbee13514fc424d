"""The network pages through the web: the person-page sentence, the picker, My network; roles, privacy, odd input."""

from __future__ import annotations

import re

import pytest

from tests.network.conftest import EN, FR

PAGES = ["/relationship", "/network"]


@pytest.mark.parametrize("url", PAGES)
def test_visitors_are_sent_to_log_in(client, family, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_person_page_says_how_the_member_is_related(client, login_as, family) -> None:
    login_as("member", person_id=family["Hélène"])
    html = client.get(f"/people/{family['Nicolas']}", headers=EN).get_data(as_text=True)
    assert "Nicolas Roy is your first cousin (4th degree)." in html
    assert f"/relationship?a={family['Hélène']}&amp;b={family['Nicolas']}" in html
    html = client.get(f"/people/{family['Diane']}", headers=FR).get_data(as_text=True)
    assert "tante" in html and "3e degré" in html
    html = client.get(f"/people/{family['Paul']}", headers=EN).get_data(as_text=True)
    assert "is your husband." in html


def test_person_page_links_the_relationship_chart_when_there_is_one(app, client, login_as, family) -> None:
    login_as("member", person_id=family["Hélène"])
    html = client.get(f"/people/{family['Nicolas']}", headers=EN).get_data(as_text=True)
    chart = f"/charts/relationship/{family['Hélène']}/{family['Nicolas']}"
    assert (chart in html) == ("charts.relationship" in app.view_functions)


def test_no_sentence_for_visitors_the_unclaimed_oneself_strangers_or_private_people(client, login_as, family) -> None:
    assert 'class="kinship"' not in client.get(f"/people/{family['Gaston']}", headers=EN).get_data(as_text=True)
    login_as("member")
    assert 'class="kinship"' not in client.get(f"/people/{family['Nicolas']}", headers=EN).get_data(as_text=True)
    client.get("/logout")
    login_as("member", person_id=family["Hélène"])
    for name in ("Hélène", "Outsider", "Rémi"):  # herself; no tie; Rémi shows himself to 1 degree only
        html = client.get(f"/people/{family[name]}", headers=EN).get_data(as_text=True)
        assert 'class="kinship"' not in html, name


def test_the_picker_answers_both_ways_with_degree_ancestors_and_paths(client, login_as, family) -> None:
    login_as("member", person_id=family["Hélène"])
    html = client.get(f"/relationship?b={family['Zoé']}", headers=EN).get_data(as_text=True)
    assert "Zoé Roy is Hélène Tremblay&#39;s first cousin once removed." in html
    assert "Hélène Tremblay is Zoé Roy&#39;s first cousin once removed." in html
    assert "Degree of kinship (civil count): 5th degree" in html
    assert re.search(r"Henri Tremblay</a>.*and.*Huguette Gagnon</a>", html)
    paths = re.findall(r"<li>(.*?)</li>", html.split('class="paths"')[1].split("</ol>")[0], re.S)
    assert len(paths) == 1  # the two paths through Henri and through Huguette, shown once with the couple


def test_the_picker_in_french_elides_and_agrees(client, login_as, family) -> None:
    login_as("member", person_id=family["Hélène"])
    html = client.get(f"/relationship?a={family['Nicolas']}&b={family['Hélène']}", headers=FR).get_data(as_text=True)
    assert "Hélène Tremblay est cousine germaine de Nicolas Roy." in html
    assert "Nicolas Roy est cousin germain d&#39;Hélène Tremblay." in html


def test_the_picker_by_names(client, login_as, family) -> None:
    login_as("member", person_id=family["Hélène"])
    html = client.get("/relationship?a_name=Julien&b_name=Tremblay", headers=EN).get_data(as_text=True)
    assert "Who do you mean by “Tremblay”?" in html
    assert f"b={family['Marc']}" in html and f"a={family['Julien']}" in html
    html = client.get(f"/relationship?a={family['Julien']}&b={family['Marc']}", headers=EN).get_data(as_text=True)
    assert "Marc Tremblay is Julien Tremblay&#39;s father." in html
    html = client.get("/relationship?a_name=Zzzz", headers=EN).get_data(as_text=True)
    assert "Nobody matches “Zzzz”." in html


def test_by_marriage_unrelated_and_oneself(client, login_as, family) -> None:
    login_as("member", person_id=family["Hélène"])
    html = client.get(f"/relationship?b={family['Hélène']}", headers=EN).get_data(as_text=True)
    assert "This is one and the same person." in html and "the same person." not in html.replace("one and the", "")
    html = client.get(f"/relationship?b={family['Bernard']}", headers=EN).get_data(as_text=True)
    assert "Bernard Roy is Hélène Tremblay&#39;s uncle by marriage." in html
    assert "Degree by marriage: 3rd degree" in html
    html = client.get(f"/relationship?b={family['Outsider']}", headers=EN).get_data(as_text=True)
    assert "No relationship is recorded between these two people" in html


def test_a_private_living_person_is_not_leaked(client, login_as, family) -> None:
    login_as("member", person_id=family["Hélène"])
    html = client.get(f"/relationship?b={family['Rémi']}", headers=EN).get_data(as_text=True)
    assert "Rémi" not in html and "1948" not in html
    assert "Private" in html
    assert "uncle or aunt à la mode" not in html and "first cousin once removed" in html  # no sex-revealing word
    french = client.get(f"/relationship?b={family['Rémi']}", headers=FR).get_data(as_text=True)
    assert "oncle ou tante à la mode de Bretagne" in french and "Rémi" not in french


@pytest.mark.parametrize("query", ["a=999999", "b=999999", "a=99999999999999999999999", "b=-3", "a=0", f"b={2**31}"])
def test_forged_and_huge_ids_are_not_found(client, login_as, family, query: str) -> None:
    login_as("member", person_id=family["Hélène"])
    assert client.get(f"/relationship?{query}", headers=EN).status_code == 404


@pytest.mark.parametrize("query", ["a=abc", "b=1.5", "a_name=" + "x" * 5000, "degree=abc"])
def test_odd_input_is_harmless(client, login_as, family, query: str) -> None:
    login_as("member", person_id=family["Hélène"])
    assert client.get(f"/relationship?{query}", headers=EN).status_code == 200
    assert client.get(f"/network?{query}", headers=EN).status_code == 200


def test_my_network_groups_relatives_by_degree_with_links(client, login_as, family) -> None:
    login_as("member", person_id=family["Hélène"])
    html = client.get("/", headers=EN).get_data(as_text=True)
    assert '<a href="/network">My network</a>' in html
    html = client.get("/network", headers=EN).get_data(as_text=True)
    groups = dict(re.findall(r'data-degree="(\d)".*?</h2>(.*?)</section>', html, re.S))
    assert set(groups) == {"0", "1", "2", "3", "4"}
    assert "Paul Bouchard" in groups["0"] and "husband" in groups["0"]
    assert "Marc Tremblay" in groups["1"] and "Léa Bouchard" in groups["1"] and "daughter" in groups["1"]
    assert "Julien Tremblay" in groups["2"] and "brother" in groups["2"]
    assert "Bernard Roy" in groups["3"] and "uncle by marriage" in groups["3"]
    assert "Nicolas Roy" in groups["4"] and "linkedin.com/in/nicolas-roy-test" in groups["4"]
    assert "Rémi" not in html  # degree 5: beyond the default limit
    html = client.get("/network?degree=99", headers=EN).get_data(as_text=True)
    assert 'data-degree="5"' in html and "Private" in html and "Rémi" not in html


def test_my_network_without_a_person_explains_and_links_to_claims(client, login_as, family) -> None:
    login_as("member")
    response = client.get("/network", headers=EN)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "not yet linked to a person of the tree" in html and 'href="/this-is-me"' in html


def test_my_network_queries_are_bounded(app, client, login_as, family) -> None:
    from sqlalchemy import event

    login_as("member", person_id=family["Hélène"])
    engine = app.extensions["famille.engine"]
    count = [0]
    listener = lambda *args: count.__setitem__(0, count[0] + 1)  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        client.get("/network?degree=8", headers=EN)
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert count[0] < 60
