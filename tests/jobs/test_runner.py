"""The job interface with the in-process runner: a job runs once in a thread, reports progress, ends done or failed."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

import tests.jobs.handlers as handlers
from famille.demo import generate_demo_gedcom
from famille.jobs import JobBusy, enqueue, run_job
from famille.jobs.progress import report_progress
from famille.jobs.runner import create_job
from famille.models import Job, Person
from tests.jobs.helpers import state_of, wait_for_job


def queued_job(app, kind: str, params: dict) -> int:
    """A queued job row that no runner has been told about."""
    session = app.extensions["famille.sessionmaker"]()
    try:
        job_id = create_job(session, kind=kind, params=params).job_id
        session.commit()
        return job_id
    finally:
        session.close()


def test_a_job_runs_in_the_background_and_reaches_its_total(app, make_user) -> None:
    user_id = make_user("admin")
    job_id = enqueue(app, "test.count", {"steps": 7}, user_id=user_id)
    state = wait_for_job(app, job_id)
    assert state.status == "done" and state.progress == state.total == 7 and state.percent == 100
    assert state.result == {"counted": 7, "user_id": user_id}
    assert state.as_json()["finished"] is True


def test_progress_is_visible_while_the_job_runs(app, admin_client_factory) -> None:
    handlers.paused_at_half.clear()
    handlers.resume.clear()
    job_id = enqueue(app, "test.paused", {})
    try:
        assert handlers.paused_at_half.wait(10)
        status = admin_client_factory().get(f"/admin/jobs/{job_id}.json").get_json()
        assert status["status"] == "running" and (status["progress"], status["total"]) == (50, 100)
        assert status["percent"] == 50 and status["finished"] is False
    finally:
        handlers.resume.set()
    assert wait_for_job(app, job_id).status == "done"


def test_a_job_runs_once_when_two_runners_race(app, tmp_path: Path) -> None:
    marker = tmp_path / "runs.txt"
    job_id = queued_job(app, "test.count", {"marker": str(marker), "sleep": 0.2})
    outcomes: list[bool] = []
    threads = [threading.Thread(target=lambda: outcomes.append(run_job(app, job_id))) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(outcomes) == [False, True]
    assert len(marker.read_text().splitlines()) == 1
    assert state_of(app, job_id).status == "done"
    assert run_job(app, job_id) is False  # a finished job never runs again


def test_a_refusal_is_kept_for_the_user(app) -> None:
    state = wait_for_job(app, enqueue(app, "test.refuse", {}))
    assert state.status == "failed" and state.error == "Nothing to do for Hélène."
    assert state.result["error"] == {"template": "Nothing to do for %(name)s.", "params": {"name": "Hélène"}}


def test_an_unexpected_error_fails_the_job(app) -> None:
    state = wait_for_job(app, enqueue(app, "test.crash", {}))
    assert state.status == "failed" and state.error == "RuntimeError"
    assert "unexpected error" in state.result["error"]["template"]


def test_an_unknown_kind_fails_the_job(app) -> None:
    state = wait_for_job(app, enqueue(app, "test.nobody-knows", {}))
    assert state.status == "failed" and "test.nobody-knows" in state.error


def test_an_exclusive_kind_waits_for_the_running_one(app, db) -> None:
    db.add(Job(kind="test.count", status="running", started_at=dt.datetime.now(dt.UTC), params={}, result={}))
    db.commit()
    with pytest.raises(JobBusy):
        enqueue(app, "test.count", {}, exclusive=True)
    assert db.scalar(select(func.count()).select_from(Job)) == 1
    other_kind = enqueue(app, "test.refuse", {}, exclusive=True)
    assert wait_for_job(app, other_kind).status == "failed"


def test_a_lost_job_stops_blocking_its_kind(app, db) -> None:
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=2)
    lost = Job(kind="test.count", status="running", started_at=long_ago, params={}, result={})
    db.add(lost)
    db.commit()
    job_id = enqueue(app, "test.count", {"steps": 2}, exclusive=True)
    assert wait_for_job(app, job_id).status == "done"
    assert state_of(app, lost.job_id).status == "failed"
    assert "interrupted" in state_of(app, lost.job_id).error


def test_the_import_reports_its_progress(app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "uploads"
    folder.mkdir()
    app.config["UPLOAD_FOLDER"] = str(folder)
    name = "a" * 32 + ".ged"
    (folder / name).write_text(generate_demo_gedcom(), encoding="utf-8")
    reports: list[tuple[int, int]] = []

    def spy(app_, job_id: int, done: int, total: int) -> None:
        reports.append((done, total))
        report_progress(app_, job_id, done, total)

    monkeypatch.setattr("famille.jobs.runner.report_progress", spy)
    params = {"upload": name, "filename": "demo.ged", "dry_run": False, "actor": "test"}
    state = wait_for_job(app, enqueue(app, "import", params, exclusive=True))
    assert state.status == "done", state.error
    assert reports and reports[0][0] == 500 and all(done <= total for done, total in reports)
    assert state.progress == state.total >= reports[-1][1]
    session = app.extensions["famille.sessionmaker"]()
    try:
        assert session.scalar(select(func.count()).select_from(Person)) == state.result["counts"]["people"]["new"]
    finally:
        session.close()
    assert not (folder / name).exists()


@pytest.fixture
def admin_client_factory(app, make_user):
    """Make a new test client logged in as an admin."""
    from famille.models import User
    from tests.web import log_in

    def make():
        client = app.test_client()
        session = app.extensions["famille.sessionmaker"]()
        email = session.get(User, make_user("admin")).email
        session.close()
        log_in(client, email)
        return client

    return make
