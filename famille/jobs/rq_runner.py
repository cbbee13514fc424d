"""Jobs on RQ workers: when ``REDIS_URL`` is set, jobs go to the RQ queue "famille" and ``famille worker`` runs them.

Only the job's id travels through Redis; the worker reads everything else from the database, and
:func:`famille.jobs.runner.run_job` makes sure a job runs once even if it is delivered twice.
"""

from __future__ import annotations

from flask import Flask, current_app, has_app_context

from famille.db import session_scope
from famille.jobs.runner import fail_queued, run_job
from famille.markers import N_

QUEUE_NAME = "famille"
#: Imports of very large trees take minutes; RQ's default of 3 minutes would kill them.
JOB_TIMEOUT = 6 * 3600
UNREACHABLE = N_("The background queue (Redis) could not be reached, so the work did not start. Please try again.")

_worker_app: Flask | None = None


def queue_name(app: Flask) -> str:
    """The RQ queue of this site (``JOB_QUEUE`` in the config, "famille" by default)."""
    return str(app.config.get("JOB_QUEUE") or QUEUE_NAME)


def redis_connection(app: Flask):  # noqa: ANN201 - redis.Redis, imported lazily
    """The app's Redis connection (one pool per app)."""
    from redis import Redis

    connection = app.extensions.get("famille.redis")
    if connection is None:
        connection = app.extensions["famille.redis"] = Redis.from_url(app.config["REDIS_URL"])
    return connection


def send_to_queue(app: Flask, job_id: int) -> None:
    """Put job ``job_id`` on the RQ queue; if Redis cannot be reached, the job is marked failed with the reason."""
    from redis.exceptions import RedisError
    from rq import Queue

    queue = Queue(queue_name(app), connection=redis_connection(app))
    try:
        queue.enqueue(
            "famille.jobs.rq_runner.perform",
            job_id,
            job_timeout=JOB_TIMEOUT,
            result_ttl=3600,
            failure_ttl=7 * 86400,
            description=f"famille job {job_id}",
        )
    except RedisError:
        _mark_unreachable(app, job_id)


def _mark_unreachable(app: Flask, job_id: int) -> None:
    with session_scope(app) as session:
        fail_queued(session, job_id, UNREACHABLE)


def perform(job_id: int) -> bool:
    """What an RQ worker calls: run job ``job_id`` with the worker's app (made once per process if needed)."""
    global _worker_app
    if has_app_context():
        app = current_app._get_current_object()  # type: ignore[attr-defined]
    else:
        if _worker_app is None:
            from famille import create_app

            _worker_app = create_app()
        app = _worker_app
    return run_job(app, job_id)
