"""Jobs on RQ workers, against the Redis server at 127.0.0.1:6379 (each test has a queue of its own)."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner

import tests.jobs.handlers  # noqa: F401 - registers the test handlers
from famille.jobs import enqueue
from tests.conftest import REPO_ROOT
from tests.imports.helpers import SMALL_FAMILY
from tests.jobs.helpers import state_of

REDIS_URL = os.environ.get("FAMILLE_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture
def rq_app(app):
    """The app sending its jobs to a fresh RQ queue of this test's own; the queue is deleted afterwards."""
    from redis import Redis
    from redis.exceptions import RedisError
    from rq import Queue

    connection = Redis.from_url(REDIS_URL)
    try:
        connection.ping()
    except RedisError as error:
        pytest.skip(f"no Redis server at {REDIS_URL}: {error}")
    app.config["REDIS_URL"] = REDIS_URL
    app.config["JOB_QUEUE"] = f"famille-test-{uuid.uuid4().hex}"
    yield app
    Queue(app.config["JOB_QUEUE"], connection=connection).delete(delete_jobs=True)
    connection.close()


def rq_queue(app):
    from rq import Queue

    from famille.jobs.rq_runner import redis_connection

    return Queue(app.config["JOB_QUEUE"], connection=redis_connection(app))


def rq_returns(app) -> list[object]:
    """What ``perform`` returned for each RQ job of the queue that finished."""
    from rq.job import Job as RqJob

    queue = rq_queue(app)
    ids = queue.finished_job_registry.get_job_ids()
    return [RqJob.fetch(rq_id, connection=queue.connection).return_value() for rq_id in ids]


def work_once(app) -> None:
    """Run the queue's jobs in this process (an RQ SimpleWorker in burst mode, inside the app context)."""
    from rq import SimpleWorker

    queue = rq_queue(app)
    with app.app_context():
        SimpleWorker([queue], connection=queue.connection).work(burst=True)


def test_with_redis_a_job_waits_for_a_worker(rq_app) -> None:
    job_id = enqueue(rq_app, "test.count", {"steps": 3})
    assert state_of(rq_app, job_id).status == "queued"  # no thread ran it
    assert rq_queue(rq_app).count == 1
    work_once(rq_app)
    state = state_of(rq_app, job_id)
    assert state.status == "done" and state.progress == state.total == 3


def test_a_job_delivered_twice_runs_once(rq_app, tmp_path: Path) -> None:
    marker = tmp_path / "runs.txt"
    job_id = enqueue(rq_app, "test.count", {"marker": str(marker)})
    rq_queue(rq_app).enqueue("famille.jobs.rq_runner.perform", job_id)  # the same job, once more
    work_once(rq_app)
    assert len(marker.read_text().splitlines()) == 1
    assert sorted(rq_returns(rq_app)) == [False, True]  # the second delivery found the job already done
    assert state_of(rq_app, job_id).status == "done"


def test_two_worker_processes_run_a_job_once(rq_app, database_url: str, tmp_path: Path) -> None:
    marker = tmp_path / "runs.txt"
    job_id = enqueue(rq_app, "test.count", {"marker": str(marker), "sleep": 1})
    rq_queue(rq_app).enqueue("famille.jobs.rq_runner.perform", job_id)
    command = [sys.executable, "-m", "tests.jobs.worker_process", database_url, REDIS_URL, rq_app.config["JOB_QUEUE"]]
    workers = [subprocess.Popen(command, cwd=REPO_ROOT) for _ in range(2)]
    assert [worker.wait(120) for worker in workers] == [0, 0]
    assert len(marker.read_text().splitlines()) == 1
    state = state_of(rq_app, job_id)
    assert state.status == "done" and state.result["counted"] == 10
    assert rq_queue(rq_app).count == 0 and sorted(rq_returns(rq_app)) == [False, True]


def test_famille_worker_runs_an_import(rq_app, monkeypatch, tmp_path: Path) -> None:
    folder = tmp_path / "uploads"
    folder.mkdir()
    rq_app.config["UPLOAD_FOLDER"] = str(folder)
    name = "b" * 32 + ".ged"
    (folder / name).write_text(SMALL_FAMILY, encoding="utf-8")
    job_id = enqueue(rq_app, "import", {"upload": name, "filename": "f.ged", "dry_run": False}, exclusive=True)
    monkeypatch.setattr("famille.cli.create_app", lambda: rq_app)
    from famille.cli import main

    result = CliRunner().invoke(main, ["worker", "--burst", "--queue", rq_app.config["JOB_QUEUE"]])
    assert result.exit_code == 0, result.output
    state = state_of(rq_app, job_id)
    assert state.status == "done", state.error
    assert state.result["counts"]["people"]["new"] == 4 and not (folder / name).exists()


def test_famille_worker_needs_redis(app, monkeypatch) -> None:
    monkeypatch.setattr("famille.cli.create_app", lambda: app)
    from famille.cli import main

    result = CliRunner().invoke(main, ["worker", "--burst"])
    assert result.exit_code == 1 and "FAMILLE_REDIS_URL" in result.output


def test_an_unreachable_redis_fails_the_job_with_the_reason(app) -> None:
    app.config["REDIS_URL"] = "redis://127.0.0.1:1/0"
    job_id = enqueue(app, "test.count", {})
    state = state_of(app, job_id)
    assert state.status == "failed" and "could not be reached" in state.error
