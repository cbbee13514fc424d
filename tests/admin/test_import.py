"""The import page: upload, dry-run report, confirm, progress and the final report; refusals and limits."""

from __future__ import annotations

import html
import io
import re

import pytest
from sqlalchemy import func, select

from famille.models import Change, GedcomImport, Job, Person
from tests.imports.helpers import SMALL_FAMILY, run_import
from tests.jobs.helpers import wait_for_job
from tests.web import csrf_token

EN = {"Accept-Language": "en"}


def upload(client, text: str | bytes, *, filename: str = "famille.ged", **fields: str):
    """POST a file to the import form, as a browser does."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    token = csrf_token(client, "/admin/import")
    form = {"csrf_token": token, "file": (io.BytesIO(data), filename), **fields}
    return client.post("/admin/import", data=form, content_type="multipart/form-data", headers=EN)


def job_id_of(response) -> int:
    match = re.search(r"/admin/import/(\d+)$", response.headers["Location"])
    assert match, response.headers.get("Location")
    return int(match.group(1))


def count(app, model) -> int:
    session = app.extensions["famille.sessionmaker"]()
    try:
        return session.scalar(select(func.count()).select_from(model)) or 0
    finally:
        session.close()


def test_upload_dry_run_confirm_import(app, admin_client, upload_folder) -> None:
    response = upload(admin_client, SMALL_FAMILY)
    assert response.status_code == 302
    dry_id = job_id_of(response)
    assert wait_for_job(app, dry_id).status == "done"
    assert count(app, Person) == 0  # a dry run changes nothing
    page = admin_client.get(f"/admin/import/{dry_id}", headers=EN).get_data(as_text=True)
    assert "What the import will change" in page
    assert re.search(r'data-counts="people">.*?data-count="new">4<', page, re.S)
    assert re.search(r'data-counts="families">.*?data-count="new">1<', page, re.S)
    assert "famille.ged" in page and "Import this file" in page
    assert len(list(upload_folder.glob("*.ged"))) == 1

    token = csrf_token(admin_client, f"/admin/import/{dry_id}")
    response = admin_client.post(f"/admin/import/{dry_id}/confirm", data={"csrf_token": token})
    real_id = job_id_of(response)
    assert real_id != dry_id
    state = wait_for_job(app, real_id)
    assert state.status == "done" and state.progress == state.total > 0
    assert count(app, Person) == 4 and count(app, GedcomImport) == 1
    page = admin_client.get(f"/admin/import/{real_id}", headers=EN).get_data(as_text=True)
    assert "The import is complete" in page
    assert re.search(r'data-counts="people">.*?data-count="new">4<', page, re.S)
    assert list(upload_folder.glob("*.ged")) == []  # the file goes once imported


def test_confirming_twice_imports_once(app, admin_client) -> None:
    admin_client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"  # every request in English, the POSTs too
    dry_id = job_id_of(upload(admin_client, SMALL_FAMILY))
    wait_for_job(app, dry_id)
    token = csrf_token(admin_client, f"/admin/import/{dry_id}")
    wait_for_job(app, job_id_of(admin_client.post(f"/admin/import/{dry_id}/confirm", data={"csrf_token": token})))
    again = admin_client.post(f"/admin/import/{dry_id}/confirm", data={"csrf_token": token}, follow_redirects=True)
    assert "no longer kept" in again.get_data(as_text=True)
    assert count(app, GedcomImport) == 1


def test_report_shows_warnings_with_their_lines_and_the_absent_people(app, admin_client) -> None:
    run_import(app, SMALL_FAMILY)
    indented = SMALL_FAMILY.replace("\n1 NAME Joseph", "\n  1 NAME Joseph")  # a warning on line 26
    smaller = re.sub(r"0 @I2@ INDI\n(1 .*\n|2 .*\n)*", "", indented).replace("1 WIFE @I2@\n", "")
    dry_id = job_id_of(upload(admin_client, smaller, remove_missing="y"))
    assert wait_for_job(app, dry_id).status == "done"
    page = admin_client.get(f"/admin/import/{dry_id}", headers=EN).get_data(as_text=True)
    assert "Warnings (1)" in page and "Line 26" in page and "spaces or tabs" in page
    assert "People absent from the file (1)" in page and "Sylvie Côté" in page
    assert re.search(r'data-counts="people">.*?data-count="removed">1<', page, re.S)
    assert "will be removed" in page
    assert count(app, Person) == 4  # still a dry run


def test_warnings_beyond_200_are_counted(app, admin_client) -> None:
    people = "".join(f"0 @I{n}@ INDI\n  1 NAME P{n} /Test/\n1 FAMC @F{n}@\n" for n in range(1, 260))
    text = f"0 HEAD\n1 CHAR UTF-8\n1 GEDC\n2 VERS 5.5.1\n{people}0 TRLR\n"
    dry_id = job_id_of(upload(admin_client, text))
    state = wait_for_job(app, dry_id)
    assert state.status == "done", state.error
    assert state.result["warning_count"] > 200 and len(state.result["warnings"]) == 200
    page = admin_client.get(f"/admin/import/{dry_id}", headers=EN).get_data(as_text=True)
    more = state.result["warning_count"] - 200
    assert f"… and {more} more warnings." in page


def test_a_second_import_cannot_start_while_one_runs(app, admin_client, db, upload_folder) -> None:
    db.add(Job(kind="import", status="running", params={"dry_run": False}, result={}))
    db.commit()
    response = upload(admin_client, SMALL_FAMILY)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "already under way" in page
    assert list(upload_folder.glob("*.ged")) == []
    assert "See how far it is" in admin_client.get("/admin/import", headers=EN).get_data(as_text=True)
    assert db.scalar(select(func.count()).select_from(Job)) == 1


def test_confirm_is_refused_while_another_import_runs(app, admin_client, db) -> None:
    dry_id = job_id_of(upload(admin_client, SMALL_FAMILY))
    wait_for_job(app, dry_id)
    db.add(Job(kind="import", status="queued", params={"dry_run": True}, result={}))
    db.commit()
    token = csrf_token(admin_client, f"/admin/import/{dry_id}")
    page = admin_client.post(
        f"/admin/import/{dry_id}/confirm", data={"csrf_token": token}, headers=EN, follow_redirects=True
    ).get_data(as_text=True)
    assert "already under way" in page
    assert count(app, Person) == 0


def test_oversized_upload_gets_the_413_page(app, admin_client, upload_folder) -> None:
    app.config["MAX_CONTENT_LENGTH"] = 2000
    response = upload(admin_client, SMALL_FAMILY + "0 @N1@ NOTE " + "x" * 5000 + "\n")
    assert response.status_code == 413
    assert "File too large" in response.get_data(as_text=True)
    assert list(upload_folder.glob("*.ged")) == []


def test_a_jpeg_is_refused_with_the_reason(app, admin_client, upload_folder) -> None:
    response = upload(admin_client, b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(200), filename="photo.jpg")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "This is not a GEDCOM file: it is a JPEG file." in page
    assert list(upload_folder.glob("*")) == [] and count(app, Job) == 0


def test_a_jpeg_is_refused_in_french_too(app, admin_client) -> None:
    token = csrf_token(admin_client, "/admin/import")
    data = {"csrf_token": token, "file": (io.BytesIO(b"\xff\xd8\xff\xe0" + bytes(100)), "photo.jpg")}
    page = admin_client.post(
        "/admin/import", data=data, content_type="multipart/form-data", headers={"Accept-Language": "fr"}
    ).get_data(as_text=True)
    assert "Ce n'est pas un fichier GEDCOM : c'est un fichier JPEG." in html.unescape(page)


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"", "The file is empty"), (b"Bonjour,\nvoici ma famille\n", 'should begin with the line "0 HEAD"')],
)
def test_empty_or_plain_text_is_refused(admin_client, data: bytes, message: str) -> None:
    page = html.unescape(upload(admin_client, data, filename="lettre.ged").get_data(as_text=True))
    assert message in page


def test_no_file_chosen_is_refused_and_the_options_are_kept(admin_client) -> None:
    token = csrf_token(admin_client, "/admin/import")
    page = admin_client.post(
        "/admin/import",
        data={"csrf_token": token, "encoding": "ansel", "remove_missing": "y"},
        content_type="multipart/form-data",
        headers=EN,
    ).get_data(as_text=True)
    assert "Choose a GEDCOM file" in page
    assert '<option selected value="ansel">' in page or 'value="ansel" selected' in page
    assert re.search(r'name="remove_missing"[^>]*checked|checked[^>]*name="remove_missing"', page)


def test_a_refused_import_says_why_and_changes_nothing(app, admin_client, upload_folder) -> None:
    cut = "0 HEAD\n1 CHAR UTF-8\n0 @I1@ INDI\n1 NAME Marc /Tremblay/\n1 FAMS @F1@\n1 FAMC @F2@\n"
    dry_id = job_id_of(upload(admin_client, cut))
    state = wait_for_job(app, dry_id)
    assert state.status == "failed" and "cut short" in state.error
    page = html.unescape(admin_client.get(f"/admin/import/{dry_id}", headers=EN).get_data(as_text=True))
    assert "This file cannot be imported" in page
    assert "The file seems cut short: it has no closing TRLR line and refers to 2 records" in page
    page = html.unescape(admin_client.get(f"/admin/import/{dry_id}", headers={"Accept-Language": "fr"}).get_data(True))
    assert "Le fichier semble tronqué : il n'a pas de ligne de fin TRLR et renvoie à 2 enregistrements" in page
    assert list(upload_folder.glob("*.ged")) == [] and count(app, Person) == 0


def test_discarding_a_dry_run_deletes_the_file(app, admin_client, upload_folder) -> None:
    dry_id = job_id_of(upload(admin_client, SMALL_FAMILY))
    wait_for_job(app, dry_id)
    token = csrf_token(admin_client, f"/admin/import/{dry_id}")
    response = admin_client.post(f"/admin/import/{dry_id}/discard", data={"csrf_token": token})
    assert response.status_code == 302 and list(upload_folder.glob("*.ged")) == []
    page = admin_client.get(f"/admin/import/{dry_id}", headers=EN).get_data(as_text=True)
    assert "Import this file" not in page and "no longer kept" in page


def test_uploads_abandoned_for_a_day_are_deleted(app, admin_client, upload_folder) -> None:
    import os
    import time

    dry_id = job_id_of(upload(admin_client, SMALL_FAMILY))
    wait_for_job(app, dry_id)
    (kept,) = upload_folder.glob("*.ged")
    fresh = upload_folder / ("0" * 32 + ".ged")
    fresh.write_text(SMALL_FAMILY)
    two_days_ago = time.time() - 2 * 86400
    os.utime(kept, (two_days_ago, two_days_ago))
    admin_client.get("/admin/import")
    assert not kept.exists() and fresh.exists()


def test_progress_json_and_page_while_queued(app, admin_client, db) -> None:
    job = Job(kind="import", status="queued", params={"dry_run": True, "filename": "grand.ged"}, result={})
    db.add(job)
    db.commit()
    status = admin_client.get(f"/admin/jobs/{job.job_id}.json").get_json()
    assert status == {
        "job_id": job.job_id,
        "kind": "import",
        "status": "queued",
        "progress": 0,
        "total": 0,
        "percent": None,
        "finished": False,
    }
    page = admin_client.get(f"/admin/import/{job.job_id}", headers=EN).get_data(as_text=True)
    assert "<progress" in page and "Waiting to start" in page and "grand.ged" in page
    assert '<noscript><meta http-equiv="refresh"' in page and "js/progress.js" in page
    assert "<script>" not in page  # the CSP forbids inline scripts


def test_cancelling_a_queued_job(app, admin_client, db) -> None:
    job = Job(kind="import", status="queued", params={"dry_run": True}, result={})
    db.add(job)
    db.commit()
    token = csrf_token(admin_client, f"/admin/import/{job.job_id}")
    admin_client.post(f"/admin/jobs/{job.job_id}/cancel", data={"csrf_token": token})
    db.refresh(job)
    assert job.status == "failed"
    page = admin_client.get(f"/admin/import/{job.job_id}", headers=EN).get_data(as_text=True)
    assert "cancelled before it started" in page


def test_confirm_without_csrf_token_is_refused(app, admin_client) -> None:
    dry_id = job_id_of(upload(admin_client, SMALL_FAMILY))
    wait_for_job(app, dry_id)
    response = admin_client.post(f"/admin/import/{dry_id}/confirm")
    assert response.status_code == 400
    assert count(app, Person) == 0 and count(app, Job) == 1


def test_upload_without_csrf_token_is_refused(app, admin_client) -> None:
    response = admin_client.post(
        "/admin/import",
        data={"file": (io.BytesIO(SMALL_FAMILY.encode()), "f.ged")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400 and count(app, Job) == 0


def test_the_import_is_recorded_in_the_change_log(app, admin_client, db) -> None:
    run_import(app, SMALL_FAMILY)
    dry_id = job_id_of(upload(admin_client, SMALL_FAMILY.replace("Joseph", "Józef")))
    wait_for_job(app, dry_id)
    token = csrf_token(admin_client, f"/admin/import/{dry_id}")
    wait_for_job(app, job_id_of(admin_client.post(f"/admin/import/{dry_id}/confirm", data={"csrf_token": token})))
    actors = set(db.scalars(select(Change.actor).where(Change.kind != "account_created")))
    assert any(actor.startswith("admin-") for actor in actors)


@pytest.mark.parametrize(("role", "expected"), [("visitor", 302), ("member", 403), ("editor", 403), ("admin", 200)])
def test_import_pages_by_role(app, client, login_as, db, role: str, expected: int) -> None:
    job = Job(kind="import", status="done", params={"dry_run": True, "upload": "x"}, result={})
    db.add(job)
    db.commit()
    login_as(role)
    for page in ("/admin/import", f"/admin/import/{job.job_id}", f"/admin/jobs/{job.job_id}.json"):
        response = client.get(page)
        assert response.status_code == expected, page
        if expected == 302:
            assert response.headers["Location"].startswith("/login?next=")
    token = csrf_token(client, "/login") if role == "visitor" else csrf_token(client, "/")
    for action in ("confirm", "discard"):
        response = client.post(f"/admin/import/{job.job_id}/{action}", data={"csrf_token": token})
        assert response.status_code == (302 if role in ("visitor", "admin") else 403)
        if role == "visitor":
            assert response.headers["Location"].startswith("/login")
    assert db.scalar(select(func.count()).select_from(Job)) == 1


def test_unknown_job_is_a_404(admin_client) -> None:
    assert admin_client.get("/admin/import/999").status_code == 404
    assert admin_client.get("/admin/jobs/999.json").status_code == 404


def test_dry_run_lists_conflicts_and_the_organiser_picks_the_file(app, admin_client, db) -> None:
    run_import(app, SMALL_FAMILY)
    marc = db.scalar(select(Person).where(Person.xref == "I1"))
    from famille.models import Event

    birth = db.scalar(select(Event).where(Event.person_id == marc.person_id, Event.tag == "BIRT"))
    birth.date_text = "11 MAR 1950"  # edited on the site
    db.commit()
    dry_id = job_id_of(upload(admin_client, SMALL_FAMILY.replace("2 DATE 12 MAR 1950", "2 DATE 13 MAR 1950")))
    assert wait_for_job(app, dry_id).status == "done"
    page = admin_client.get(f"/admin/import/{dry_id}", headers=EN).get_data(as_text=True)
    assert "Changed both on the site and in the file (1)" in page
    assert "Marc Tremblay — Birth: date" in page
    field = f"conflict-{marc.person_id}-event.BIRT.0.date"
    assert f'name="{field}" value="site" checked' in page
    token = csrf_token(admin_client, f"/admin/import/{dry_id}")
    real_id = job_id_of(admin_client.post(f"/admin/import/{dry_id}/confirm", data={"csrf_token": token, field: "file"}))
    assert wait_for_job(app, real_id).status == "done"
    db.expire_all()
    assert (
        db.scalar(select(Event.date_text).where(Event.person_id == marc.person_id, Event.tag == "BIRT"))
        == "13 MAR 1950"
    )
