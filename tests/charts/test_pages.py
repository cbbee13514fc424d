"""Chart pages: privacy, recent updates, the cache and its invalidation, PDF, big and too-big charts, odd input."""

from __future__ import annotations

import time
import unicodedata
from io import BytesIO

import pytest
from pypdf import PdfReader

from famille.charts import render
from famille.jobs import job_state
from famille.models import Person
from famille.profiles.services import Actor, add_link
from tests.charts.helpers import import_family
from tests.charts.helpers import svg_of as _svg


@pytest.fixture
def family(app) -> dict[str, int]:
    return import_family(app)


def _add_link(app, person_id: int) -> None:
    session = app.extensions["famille.sessionmaker"]()
    try:
        add_link(session, person_id=person_id, raw="https://example.org/blog", label="", actor=Actor(None, "test"))
        session.commit()
    finally:
        session.close()


def test_visitor_chart_hides_the_living_and_a_member_sees_them(app, client, login_as, family) -> None:
    visitor = _svg(client.get(f"/charts/person/{family['I11']}?up=3&down=1"))
    assert "Élodie" not in visitor and "1985" not in visitor
    assert "Paul Gagnon" in visitor and "1922–2000" in visitor  # the dead are public
    login_as("member")
    member = _svg(client.get(f"/charts/person/{family['I11']}?up=3&down=1"))
    assert "Élodie Gagnon" in member and "1985–" in member


def test_nodes_link_to_person_pages(client, family) -> None:
    svg = _svg(client.get(f"/charts/descendants/{family['I1']}"))
    assert f'xlink:href="/people/{family["I8"]}"' in svg
    assert 'target="_top"' in svg


def test_cached_chart_is_not_drawn_again_until_the_data_changes(app, client, family) -> None:
    url = f"/charts/person/{family['I4']}"
    first = client.get(url)
    count = render.RENDERS["count"]
    second = client.get(url)
    assert render.RENDERS["count"] == count
    assert _svg(first) == _svg(second)
    _add_link(app, family["I4"])
    third = client.get(url)
    assert render.RENDERS["count"] == count + 1
    assert "recent" in _svg(third)


def test_recent_updates_are_highlighted_and_listed_but_not_those_of_hidden_people(app, client, login_as, family):
    _add_link(app, family["I4"])  # Paul, dead: public
    _add_link(app, family["I11"])  # Élodie, living: private to visitors
    page = client.get("/charts/family").get_data(as_text=True)
    updates = page[page.index('class="chart-updates"') :]
    assert f'data-focus="person-{family["I4"]}"' in updates
    assert f'data-focus="person-{family["I11"]}"' not in updates
    assert 'class="node person recent"' in page
    svg = _svg(client.get("/charts/family"))
    assert f'id="person&#45;{family["I11"]}" class="node person private"' in svg  # not highlighted
    login_as("member")
    page = client.get("/charts/family").get_data(as_text=True)
    assert f'data-focus="person-{family["I11"]}"' in page[page.index('class="chart-updates"') :]
    old = client.get("/charts/family?days=0").get_data(as_text=True)
    assert f'data-focus="person-{family["I4"]}"' not in old[old.index('class="chart-updates"') :]


def test_hourglass_shows_half_siblings_and_the_legend_says_how(client, family) -> None:
    response = client.get(f"/charts/person/{family['I4']}?up=1&down=0", headers={"Accept-Language": "en"})
    svg = _svg(response)
    assert "Henri Gagnon" in svg and "Rose Lévesque" in svg  # half-brother and his mother
    legend = response.get_data(as_text=True).split('class="chart-legend"')[1]
    assert "half-siblings hang from another couple" in legend
    assert "half&#45;siblings" not in svg  # the page's legend, not the screen drawing, says it
    pdf = client.get(f"/charts/person/{family['I4']}?up=1&down=0&format=pdf", headers={"Accept-Language": "en"})
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(pdf.data)).pages)
    assert "half-siblings hang from another couple" in unicodedata.normalize("NFKC", " ".join(text.split()))


def test_pdf_download(client, family) -> None:
    response = client.get(f"/charts/ancestors/{family['I11']}?format=pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")
    assert "attachment" in response.headers["Content-Disposition"]


def test_screen_drawing_leaves_title_and_legend_to_the_page_and_the_pdf_draws_them(client, family) -> None:
    english = {"Accept-Language": "en"}
    svg = _svg(client.get(f"/charts/ancestors/{family['I11']}", headers=english))
    pdf = client.get(f"/charts/ancestors/{family['I11']}?format=pdf", headers=english).data
    # The PDF's font joins "fi" into one glyph: compare its text in compatibility form.
    text = unicodedata.normalize("NFKC", " ".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages))
    assert "Drawn on" not in svg and "profile links" not in svg and 'id="person&#45;' in svg
    assert "Drawn on" in text and "profile links" in text


def test_too_big_chart_explains_itself(app, client, family) -> None:
    app.config["CHART_MAX_PEOPLE"] = 4
    response = client.get(f"/charts/descendants/{family['I1']}")
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<svg" not in text
    assert "too big" in text or "trop" in text
    assert f"/charts/descendants/{family['I1']}?generations=2" in text


def test_big_chart_is_drawn_by_a_job_and_shown_when_ready(app, client, db, family) -> None:
    app.config["CHART_INLINE_MAX"] = 2
    response = client.get("/charts/family?scope=all")
    assert response.status_code == 202
    text = response.get_data(as_text=True)
    assert "data-status-url" in text and "<svg" not in text
    job_id = int(text.split("/charts/jobs/")[1].split('"')[0])
    for _ in range(200):
        db.expire_all()
        state = job_state(db, job_id)
        if state is not None and state.finished:
            break
        time.sleep(0.1)
    assert state is not None and state.status == "done", state
    assert client.get(f"/charts/jobs/{job_id}").get_json()["finished"] is True
    ready = client.get("/charts/family?scope=all")
    assert ready.status_code == 200 and "Élodie" not in _svg(ready) and "Paul Gagnon" in _svg(ready)


@pytest.mark.parametrize(
    "url",
    [
        "/charts/person/999999",
        "/charts/person/99999999999999999999",
        "/charts/descendants/0",
        "/charts/ancestors/2147483648",
        "/charts/relationship/1/999999",
        "/charts/jobs/999999",
    ],
)
def test_forged_or_huge_ids_are_not_found(client, family, url) -> None:
    assert client.get(url).status_code == 404


def test_odd_numbers_in_the_query_are_kept_within_bounds(client, family) -> None:
    for query in ("up=abc&down=-3", "up=99999999999999999999&days=1e9", "generations=0&days=+5"):
        assert client.get(f"/charts/person/{family['I4']}?{query}").status_code == 200
        assert client.get(f"/charts/family?{query}").status_code == 200


@pytest.mark.parametrize("digits", ["²", "١٢", "①", "１"])
def test_digits_that_are_not_ascii_are_ignored_not_a_crash(client, family, digits: str) -> None:
    # str.isdigit() says yes to "²" but int() refuses it: such values are dropped, never a 500.
    assert client.get(f"/charts/person/{family['I4']}?days={digits}&up={digits}").status_code == 200
    assert client.get(f"/charts/person/{family['I4']}?format=pdf&days={digits}").status_code == 200
    jump = client.get(f"/charts/?kind=person&person_id={family['I4']}&up={digits}&down=2")
    assert jump.status_code == 302 and jump.headers["Location"].endswith(f"/charts/person/{family['I4']}?down=2")


@pytest.mark.parametrize(
    "query", ["person_id=5", "a=1&b=2", "_method=POST", "endpoint=x", "_scheme=javascript&_external=1", "_anchor=x"]
)
def test_query_arguments_named_like_url_for_arguments_are_ignored(client, family, query: str) -> None:
    for url in (f"/charts/person/{family['I4']}", f"/charts/relationship/{family['I8']}/{family['I10']}"):
        response = client.get(f"{url}?days=7&{query}")
        assert response.status_code == 200
        page = response.get_data(as_text=True)
        assert "javascript:" not in page and f'href="{url}?days=7&amp;format=pdf"' in page


def test_relationship_chart_and_the_controls_form(client, family, db) -> None:
    response = client.get(f"/charts/relationship/{family['I8']}/{family['I10']}")
    assert response.status_code == 200
    assert "Claude Gagnon" in _svg(response) and "Sophie Bélanger" in _svg(response)
    jump = client.get(f"/charts/?kind=descendants&person_id={family['I1']}&generations=2")
    assert jump.headers["Location"].endswith(f"/charts/descendants/{family['I1']}?generations=2")
    assert db.get(Person, family["I1"]) is not None


def test_relationship_chart_follows_the_blood_paths_through_the_common_ancestor(client, family) -> None:
    svg = _svg(client.get(f"/charts/relationship/{family['I8']}/{family['I6']}"))
    # Claude → Paul → Jean ← Henri: Jean is the common ancestor; Rose (Henri's mother) is not on the path.
    assert "Paul Gagnon" in svg and "Jean Gagnon" in svg
    assert "Rose Lévesque" not in svg and "Anne Roy" not in svg


def test_relationship_chart_by_marriage_goes_through_the_couple(client, family) -> None:
    # Anne Roy is Louise's sister-in-law: Anne — Paul (her husband) — Jean and Marie — Louise.
    svg = _svg(client.get(f"/charts/relationship/{family['I7']}/{family['I3']}"))
    assert "Paul Gagnon" in svg and "Jean Gagnon" in svg
    assert f"<title>p{family['I7']}&#45;&gt;f" in svg  # Anne joined to her couple's point with Paul
    assert "Claude Gagnon" not in svg  # their son is not on the way


def test_new_since_the_last_visit_is_marked_over_a_drawing_shared_between_visits(app, client, db, login_as, family):
    from datetime import UTC, datetime, timedelta

    from famille.models import Change, User

    user_id = login_as("member")
    now = datetime.now(UTC)
    db.add(Change(kind="link_added", actor="test", person_id=family["I6"], created_at=now - timedelta(days=5)))
    db.commit()
    _add_link(app, family["I4"])
    user = db.get(User, user_id)
    user.previous_visit_at = now - timedelta(days=2)
    db.commit()
    page = client.get("/charts/family").get_data(as_text=True)
    marked = page.split('data-new-since-visit="')[1].split('"')[0].split()
    assert marked == [f"person-{family['I4']}"]  # Henri's link came before the visit: recent, not new
    assert page.count('<li class="new-since-visit">') == 1  # and the side list says which
    count = render.RENDERS["count"]
    user.previous_visit_at = now - timedelta(days=10)  # a later visit of the same member
    db.commit()
    page = client.get("/charts/family").get_data(as_text=True)
    assert render.RENDERS["count"] == count  # the drawing came from the cache
    marked = page.split('data-new-since-visit="')[1].split('"')[0].split()
    assert sorted(marked) == sorted([f"person-{family['I4']}", f"person-{family['I6']}"])
