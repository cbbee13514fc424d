"""Poster pages: the form and its refusals, the job drawing the real chart with `dot`, the download, who may see it."""

from __future__ import annotations

import re
from io import BytesIO

import pytest
from flask_babel import force_locale
from pypdf import PdfReader
from sqlalchemy import func, select

from famille.charts.poster import MM, PosterOptions, plan_layout
from famille.charts.render import render_dot
from famille.charts.services import chart_source
from famille.jobs.runner import create_job
from famille.models import Job, Person
from famille.posters import services
from famille.privacy import Viewer
from tests.imports.helpers import SMALL_FAMILY, run_import
from tests.jobs.helpers import wait_for_job
from tests.web import csrf_token, log_in

EN = {"Accept-Language": "en"}
TILED = {"layout": "tiled", "paper": "A4", "orientation": "auto", "overlap": "10", "scale": "100"}


@pytest.fixture
def marc(app, db) -> int:
    """The small family imported; Marc Tremblay's id (his descendants: Marc, Sylvie and Hélène, all living)."""
    run_import(app, SMALL_FAMILY)
    return db.scalar(select(Person.person_id).where(Person.xref == "I1"))


def form_url(person_id: int) -> str:
    return f"/posters/new?kind=descendants&person_id={person_id}"


def post_poster(client, url: str, fields: dict[str, str]):
    return client.post(url, data={**fields, "csrf_token": csrf_token(client, url)}, headers=EN)


def job_count(app) -> int:
    session = app.extensions["famille.sessionmaker"]()
    try:
        return session.scalar(select(func.count()).select_from(Job).where(Job.kind == services.POSTER_KIND)) or 0
    finally:
        session.close()


def job_of(response) -> int:
    match = re.search(r"/posters/(\d+)$", response.headers.get("Location", ""))
    assert match, (response.status_code, response.headers.get("Location"))
    return int(match.group(1))


def pdf_pages(data: bytes) -> list:
    return list(PdfReader(BytesIO(data)).pages)


def test_visitors_are_sent_to_log_in(client, marc) -> None:
    for url in (form_url(marc), "/posters/new?kind=family", "/posters/1", "/posters/1.json", "/posters/1/download"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"], url
    assert client.post("/posters/new?kind=family", data=TILED).status_code in (302, 400)
    assert job_count(client.application) == 0


def test_form_names_the_chart(client, login_as, marc) -> None:
    login_as("member")
    page = client.get(form_url(marc), headers=EN).get_data(as_text=True)
    assert "Poster of the descendants of Marc Tremblay" in page
    assert 'name="paper"' in page and 'value="Tabloid"' in page and 'value="A0"' in page
    assert "Poster of the family" in client.get("/posters/new?kind=family", headers=EN).get_data(as_text=True)
    assert "Poster of the family" in client.get("/posters/new", headers=EN).get_data(as_text=True)
    assert "Poster of everyone" in client.get("/posters/new?kind=whole", headers=EN).get_data(as_text=True)
    page = client.get(f"/posters/new?kind=ancestors&person_id={marc}", headers=EN).get_data(as_text=True)
    assert "Poster of the ancestors of Marc Tremblay" in page


def test_pages_answer_in_french(app, client, login_as, marc) -> None:
    login_as("member")
    french = {"Accept-Language": "fr"}
    response = client.get(form_url(marc), headers=french)
    assert response.status_code == 200 and '<html lang="fr"' in response.get_data(as_text=True)
    url = form_url(marc)
    refused = client.post(url, data={**TILED, "overlap": "99", "csrf_token": csrf_token(client, url)}, headers=french)
    assert refused.status_code == 200 and 'class="errors"' in refused.get_data(as_text=True)


@pytest.mark.parametrize(
    "query",
    [
        "?kind=relationship",
        "?kind=ancestors",
        "?kind=person&person_id=",
        "?kind=descendants",
        "?kind=descendants&person_id=abc",
        "?kind=descendants&person_id=0",
        "?kind=descendants&person_id=-3",
        "?kind=descendants&person_id=987654",
        "?kind=descendants&person_id=99999999999999999999999",
    ],
)
def test_forged_subjects_are_not_found(client, login_as, marc, query) -> None:
    login_as("member")
    assert client.get(f"/posters/new{query}").status_code == 404


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"paper": "B5"}, "Not a valid choice"),
        ({"layout": "sheet", "paper": "custom", "width_mm": "", "height_mm": ""}, "Give the width and height"),
        ({"layout": "sheet", "paper": "custom", "width_mm": "50", "height_mm": "700"}, "Between 100 and 5000 mm."),
        ({"layout": "sheet", "paper": "custom", "width_mm": "900", "height_mm": "99999999"}, "Between 100 and 5000"),
        ({"overlap": "80"}, "between 0 and 50"),
        ({"overlap": "ten"}, "integer"),
        ({"scale": "0"}, "between 5 and 400"),
        ({"orientation": "sideways"}, "Not a valid choice"),
        ({"layout": "both"}, "Not a valid choice"),
    ],
)
def test_bad_settings_are_explained_and_kept(app, client, login_as, marc, fields, message) -> None:
    login_as("member")
    response = post_poster(client, form_url(marc), {**TILED, **fields})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in page
    assert 'class="errors"' in page
    for value in fields.values():
        if value and value.isdigit():
            assert f'value="{value}"' in page  # what was typed is kept
    assert job_count(app) == 0


def test_tiled_poster_is_made_and_downloaded(app, client, login_as, marc) -> None:
    login_as("member")
    response = post_poster(client, form_url(marc), {**TILED, "paper": "A4", "scale": "300"})
    job_id = job_of(response)
    state = wait_for_job(app, job_id)
    assert state.status == "done", state.error
    assert client.get(f"/posters/{job_id}.json").get_json()["finished"] is True

    expected = _expected_pages(app, marc, PosterOptions(paper="A4", scale=3.0))
    assert expected > 1 and state.result["pages"] == expected
    page = client.get(f"/posters/{job_id}", headers=EN).get_data(as_text=True)
    assert "Your poster is ready" in page and f"{expected} pages" in page

    download = client.get(f"/posters/{job_id}/download")
    assert download.status_code == 200 and download.mimetype == "application/pdf"
    assert "attachment" in download.headers["Content-Disposition"]
    pages = pdf_pages(download.data)
    assert len(pages) == expected
    text = pages[0].extract_text()
    assert "Hélène" in text  # a member sees the living; the chart's names stay text
    assert "Famille Test" in text and re.search(r"page A1 of \d+×\d+", text)


def _expected_pages(app, person_id: int, options: PosterOptions) -> int:
    """The pages the same chart should take, from the real `dot` drawing of it seen by a member."""
    with app.test_request_context(), force_locale("en"):
        session = app.extensions["famille.sessionmaker"]()
        try:
            source = chart_source(session, viewer=Viewer(role="member"), kind="descendants", person_id=person_id)
        finally:
            session.close()
        box = pdf_pages(render_dot(source.dot, "pdf"))[0].mediabox
    return plan_layout(float(box.width), float(box.height), options).pages


def test_single_sheet_for_a_print_shop(app, client, login_as, marc) -> None:
    login_as("editor")
    fields = {**TILED, "layout": "sheet", "paper": "custom", "width_mm": "900", "height_mm": "1500"}
    job_id = job_of(post_poster(client, "/posters/new?kind=family", fields))
    assert wait_for_job(app, job_id).status == "done"
    (sheet,) = pdf_pages(client.get(f"/posters/{job_id}/download").data)
    sides = sorted(round(float(side) / MM) for side in (sheet.mediabox.width, sheet.mediabox.height))
    assert sides == [900, 1500]


def test_poster_shows_what_its_maker_may_see(app, marc) -> None:
    subject = services.PosterSubject(kind="descendants", person_id=marc)
    with app.test_request_context():
        seen_by_visitor = services.start_poster(
            app, viewer=Viewer(), subject=subject, options=PosterOptions(paper="A3"), locale="en"
        )
    assert wait_for_job(app, seen_by_visitor).status == "done"
    text = pdf_pages(services.poster_path(app, seen_by_visitor).read_bytes())[0].extract_text()
    assert "Tremblay" in text  # visitors see the surname of the living (the default setting)
    assert "Hélène" not in text and "Sylvie" not in text and "1987" not in text


def test_only_the_maker_sees_and_downloads_the_poster(app, client, login_as, make_user, marc) -> None:
    login_as("member")
    job_id = job_of(post_poster(client, form_url(marc), TILED))
    assert wait_for_job(app, job_id).status == "done"
    assert client.get(f"/posters/{job_id}/download").status_code == 200
    admin = app.test_client()
    make_user("admin", email="organiser@example.org")
    log_in(admin, "organiser@example.org")
    for url in (f"/posters/{job_id}", f"/posters/{job_id}.json", f"/posters/{job_id}/download"):
        assert admin.get(url).status_code == 404, url


def test_other_jobs_and_missing_ones_are_not_found(app, client, login_as, marc) -> None:
    user_id = login_as("admin")
    session = app.extensions["famille.sessionmaker"]()
    other = create_job(session, kind="import", params={}, user_id=user_id).job_id
    waiting = create_job(session, kind=services.POSTER_KIND, params={"kind": "family"}, user_id=user_id).job_id
    session.commit()
    session.close()
    for url in (f"/posters/{other}", "/posters/987654", "/posters/0.json", f"/posters/{waiting}/download"):
        assert client.get(url).status_code == 404, url
    page = client.get(f"/posters/{waiting}", headers=EN).get_data(as_text=True)
    assert "Making the poster" in page and f"/posters/{waiting}.json" in page


def test_one_poster_at_a_time_each(app, client, login_as, marc) -> None:
    user_id = login_as("member")
    session = app.extensions["famille.sessionmaker"]()
    waiting = create_job(session, kind=services.POSTER_KIND, params={"kind": "family"}, user_id=user_id).job_id
    session.commit()
    session.close()
    response = post_poster(client, "/posters/new?kind=family", TILED)
    assert response.status_code == 200
    assert f"/posters/{waiting}" in response.get_data(as_text=True)
    assert job_count(app) == 1


def test_a_person_gone_before_the_job_runs_is_explained(app, client, login_as, marc) -> None:
    login_as("member")
    subject = services.PosterSubject(kind="descendants", person_id=987654)
    with app.test_request_context():
        job_id = services.start_poster(
            app, viewer=Viewer(role="member"), subject=subject, options=PosterOptions(), locale="en"
        )
    state = wait_for_job(app, job_id)
    assert state.status == "failed"
    assert state.result["error"]["template"] == "This person is no longer in the family tree."
    assert not services.poster_path(app, job_id).exists()


def test_old_posters_are_purged(app, tmp_path) -> None:
    folder = services.poster_folder(app)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "1.pdf").write_bytes(b"%PDF-")
    assert services.purge_posters(app) == 0
    assert services.purge_posters(app, now=(folder / "1.pdf").stat().st_mtime + services.KEEP_SECONDS + 1) == 1
    assert not (folder / "1.pdf").exists()


def test_a_chart_over_the_people_limit_is_refused_with_a_reason(app, client, login_as, marc) -> None:
    app.config["POSTER_MAX_PEOPLE"] = 2  # Marc's descendants with partners are three
    login_as("member")
    job_id = job_of(post_poster(client, form_url(marc), TILED))
    state = wait_for_job(app, job_id)
    assert state.status == "failed" and state.result["error"]["params"] == {"limit": 2}
    page = client.get(f"/posters/{job_id}", headers=EN).get_data(as_text=True)
    assert "more than 2 people" in page and "Try other settings" in page
    assert client.get(f"/posters/{job_id}/download").status_code == 404


def test_a_poster_over_the_page_limit_is_shrunk_and_says_so(app, client, login_as, marc, monkeypatch) -> None:
    monkeypatch.setattr("famille.charts.poster.MAX_PAGES", 2)
    login_as("member")
    job_id = job_of(post_poster(client, form_url(marc), {**TILED, "scale": "300"}))  # 8 A4 pages at 300 %
    state = wait_for_job(app, job_id)
    assert state.status == "done" and state.result["shrunk"] and state.result["scale"] < 300
    assert len(pdf_pages(client.get(f"/posters/{job_id}/download").data)) == state.result["pages"] <= 2
    page = client.get(f"/posters/{job_id}", headers=EN).get_data(as_text=True)
    assert f"printed at {state.result['scale']} % of its size" in page
