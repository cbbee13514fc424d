"""The home page, the language switch and the error pages."""

from __future__ import annotations

import re

import pytest

from tests.imports.helpers import SMALL_FAMILY, run_import


def test_empty_home_explains_how_to_import(client) -> None:
    page = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Famille Test" in page
    assert "famille import-gedcom" in page


def test_home_shows_counts_and_surnames(app, client) -> None:
    run_import(app, SMALL_FAMILY)
    page = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<strong data-count="people">4</strong>' in page
    assert '<strong data-count="families">1</strong>' in page
    assert '<strong data-count="surnames">2</strong>' in page
    assert 'href="/surnames/cote">Côté</a>' in page
    assert 'href="/surnames/tremblay">Tremblay</a>' in page


def test_surname_page_hides_the_living_from_visitors(app, client) -> None:
    run_import(app, SMALL_FAMILY)
    page = client.get("/surnames/tremblay", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Joseph Tremblay" in page  # deceased: public
    assert "Hélène" not in page and "Marc" not in page  # living: private to visitors
    assert page.count("(Private)") == 2
    assert "1890" in page


def test_unknown_surname_is_a_friendly_404(client) -> None:
    response = client.get("/surnames/nobody", headers={"Accept-Language": "en"})
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("header", "expected"),
    [("fr-CA,fr;q=0.9", 'lang="fr"'), ("en-US,en;q=0.8", 'lang="en"'), ("de-DE", 'lang="fr"')],
)
def test_language_follows_the_browser_then_the_default(client, header, expected) -> None:
    page = client.get("/", headers={"Accept-Language": header}).get_data(as_text=True)
    assert expected in page


def test_chosen_language_is_remembered(client) -> None:
    response = client.get("/lang/en?next=/surnames", headers={"Accept-Language": "fr"})
    assert response.status_code == 302 and response.headers["Location"] == "/surnames"
    page = client.get("/", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert 'lang="en"' in page


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:x"])
def test_language_switch_never_redirects_elsewhere(client, target) -> None:
    response = client.get("/lang/fr", query_string={"next": target})
    assert response.headers["Location"] == "/"


def test_too_large_upload_gets_a_413_page(app, client) -> None:
    from flask import request

    @app.post("/upload-probe")
    def upload_probe() -> str:
        return str(len(request.form))

    app.config["MAX_CONTENT_LENGTH"] = 10
    response = client.post("/upload-probe", data={"file": "x" * 100}, headers={"Accept-Language": "en"})
    assert response.status_code == 413
    assert "File too large" in response.get_data(as_text=True)


def test_error_pages_as_json_when_asked(client) -> None:
    response = client.get("/surnames/nobody", headers={"Accept": "application/json"})
    assert response.status_code == 404 and response.get_json()["status"] == 404


def test_unexpected_error_is_a_friendly_500(app, client) -> None:
    @app.get("/boom")
    def boom() -> str:
        raise RuntimeError("boom")

    response = client.get("/boom", headers={"Accept-Language": "en"})
    assert response.status_code == 500
    assert "Something went wrong" in response.get_data(as_text=True)


def test_dates_are_shown_in_the_readers_language(app, client) -> None:
    run_import(app, SMALL_FAMILY.replace("2 DATE 1890", "2 DATE ABT 1890"))
    english = client.get("/surnames/tremblay", headers={"Accept-Language": "en"}).get_data(as_text=True)
    french = client.get("/surnames/tremblay", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert "about 1890" in english and "vers 1890" in french


def test_home_shows_what_is_new_without_the_living_to_visitors(app, client, login_as) -> None:
    run_import(app, SMALL_FAMILY)
    updated = SMALL_FAMILY.replace("1 NAME Joseph /Tremblay/", "1 NAME Joseph-Arthur /Tremblay/").replace(
        "1 NAME Hélène /Tremblay/", "1 NAME Hélène /Tremblay-Roy/"
    )
    run_import(app, updated)
    visitor = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "What&#39;s new" in visitor or "What's new" in visitor
    news = visitor.split('class="news"')[1].split("</section>")[0]
    assert re.search(r"Joseph-Arthur Tremblay</a>.*?was updated", news, re.S)
    assert "Hélène" not in visitor
    assert "The family tree was updated: 0 new people, 2 changed." in visitor
    login_as("member")
    member = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    news = member.split('class="news"')[1].split("</section>")[0]
    assert re.search(r"Hélène Tremblay-Roy</a>.*?was updated", news, re.S)


def test_member_sees_their_place_in_the_family(app, client, db, make_user) -> None:
    from sqlalchemy import select

    from famille.models import Person
    from tests.web import log_in

    run_import(app, SMALL_FAMILY)
    ids = dict(db.execute(select(Person.xref, Person.person_id)).all())
    make_user("member", email="marc@example.org", person_id=ids["I1"])
    make_user("member", email="helene@example.org", person_id=ids["I3"])
    log_in(client, "helene@example.org")
    page = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    section = page.split('class="my-place"')[1].split("</section>")[0]
    assert "Your parents:" in section and "Sylvie Côté" in section
    joined = section.split('class="joined"')[1]
    assert "Marc Tremblay" in joined and "1 degree" in joined and "Sylvie" not in joined


def test_welcome_text_from_the_settings(app, client, db) -> None:
    from famille.site.services import set_setting

    set_setting(db, "welcome_text", "Bienvenue à la famille!\nÀ bientôt.")
    db.commit()
    page = client.get("/", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert "Bienvenue à la famille!\nÀ bientôt." in page
