"""Posters of a wide branch as packed panels: the job completes, every name is there, fewer pages than the strip."""

from __future__ import annotations

from io import BytesIO

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from famille.models import Person
from tests.imports.helpers import run_import
from tests.jobs.helpers import wait_for_job
from tests.posters.test_posters import EN, TILED, form_url, job_of, post_poster


def wide_family(shape: list | None = None) -> str:
    """A GEDCOM branch: a couple whose children, grandchildren… follow ``shape`` (default: 3 children each over
    four generations, 161 people with the partners), so wide that one drawing of it is a long strip.

    Everyone was born before 1900 and has died, so a member's poster shows every name.
    """
    lines = ["0 HEAD", "1 GEDC", "2 VERS 5.5.1", "2 FORM LINEAGE-LINKED", "1 CHAR UTF-8"]
    people: list[tuple[str, str, str | None, list[str]]] = []  # xref, name, parents' family, own families
    families: list[tuple[str, str, str, list[str]]] = []
    counter = iter(range(1, 10_000))

    def person(name: str, child_of: str | None) -> str:
        xref = f"I{next(counter)}"
        people.append((xref, name, child_of, []))
        return xref

    def family(head: str, shape: list) -> None:
        fam = f"F{next(counter)}"
        spouse = person(f"Conjoint{fam} /Roy/", None)
        children = [person(f"Enfant{fam}x{n} /Gagnon/", fam) for n in range(len(shape))]
        families.append((fam, head, spouse, children))
        for child, below in zip(children, shape, strict=True):
            if below:
                family(child, below)

    family(person("Fondateur /Gagnon/", None), shape if shape is not None else BRANCHING)
    own = {xref: [f for f, a, b, _ in families if xref in (a, b)] for xref, *_ in people}
    for xref, name, child_of, _ in people:
        lines += [f"0 @{xref}@ INDI", f"1 NAME {name}", "1 BIRT", "2 DATE 1850", "1 DEAT", "2 DATE 1920"]
        lines += [f"1 FAMC @{child_of}@"] if child_of else []
        lines += [f"1 FAMS @{fam}@" for fam in own[xref]]
    for fam, husband, wife, children in families:
        lines += [f"0 @{fam}@ FAM", f"1 HUSB @{husband}@", f"1 WIFE @{wife}@"]
        lines += [f"1 CHIL @{child}@" for child in children]
    return "\n".join([*lines, "0 TRLR", ""])


#: Three children each, over four generations below the founding couple.
BRANCHING: list = [[[[[]] * 3] * 3] * 3] * 3


@pytest.fixture
def founder(app, db) -> int:
    run_import(app, wide_family())
    return db.scalar(select(Person.person_id).where(Person.xref == "I1"))


def _poster(app, client, founder: int, **fields: str):
    state = wait_for_job(app, job_of(post_poster(client, form_url(founder), {**TILED, **fields})))
    assert state.status == "done", state.error
    return state


def test_a_panelled_poster_has_every_name_and_fewer_pages_than_the_strip(app, client, login_as, founder) -> None:
    login_as("member")
    panels = _poster(app, client, founder, arrangement="panels")
    strip = _poster(app, client, founder, arrangement="strip")
    assert panels.result["panels"] > 1 and strip.result["panels"] == 0
    assert panels.result["people"] == strip.result["people"] == 161
    assert panels.result["scale"] == strip.result["scale"] == 100
    assert panels.result["pages"] < strip.result["pages"]

    page = client.get(f"/posters/{panels.job_id}", headers=EN).get_data(as_text=True)
    assert f"{panels.result['panels']} panels" in page
    pdf = client.get(f"/posters/{panels.job_id}/download").data
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages).split())
    assert "continued in panel B" in text and "B — descendants of" in text
    for name in ("Fondateur Gagnon", "Conjoint"):
        assert name in text


def test_a_big_branch_gets_panels_by_itself(app, client, login_as, founder) -> None:
    app.config["POSTER_PANELS_FROM"] = 100
    login_as("member")
    assert _poster(app, client, founder).result["panels"] > 1
    app.config["POSTER_PANELS_FROM"] = 162
    assert _poster(app, client, founder).result["panels"] == 0


def test_the_form_offers_panels_for_descendants_only(client, login_as, founder) -> None:
    login_as("member")
    page = client.get(form_url(founder), headers=EN).get_data(as_text=True)
    assert "Packed panels" in page and "One long strip" in page
    other = client.get(f"/posters/new?kind=ancestors&person_id={founder}", headers=EN).get_data(as_text=True)
    assert "Packed panels" not in other
