"""Running jobs: create the row, hand it to a runner, run its handler once, record how it ended.

The ``job`` row is the truth. A runner (a thread of this process, or an RQ worker anywhere) calls :func:`run_job`,
which first moves the row from ``queued`` to ``running`` with a conditional UPDATE: if two workers get the same job,
only one of them wins that UPDATE and runs it.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from dataclasses import dataclass
from typing import Any

from flask import Flask
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from famille.db import get_engine, session_scope
from famille.jobs.progress import clear_progress, read_progress, report_progress
from famille.jobs.registry import JobContext, JobError, handler_for
from famille.markers import N_
from famille.models import Job

log = logging.getLogger(__name__)

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
ACTIVE = (QUEUED, RUNNING)
#: A job still queued or running after this long was lost (its process stopped): it no longer blocks others.
STALE_QUEUED = dt.timedelta(days=1)
STALE_RUNNING = dt.timedelta(hours=6)

UNKNOWN_KIND = N_("This kind of work is unknown to the site: %(kind)s.")
UNEXPECTED = N_("An unexpected error stopped the work. The details are in the server's log.")
INTERRUPTED = N_("The work was interrupted (the server stopped or restarted before it was done).")
CANCELLED = N_("The work was cancelled before it started.")
LOST_RACE = N_("Another job of the same kind started at the same moment; this one was not run.")


class JobBusy(Exception):
    """A job of an exclusive kind was asked for while another of that kind is queued or running."""

    def __init__(self, kind: str, active_job_id: int | None) -> None:
        self.kind, self.active_job_id = kind, active_job_id
        super().__init__(f"a {kind} job is already queued or running")


@dataclass(frozen=True, slots=True)
class JobState:
    """A job as pages and the JSON endpoint show it."""

    job_id: int
    kind: str
    status: str
    progress: int
    total: int
    params: dict[str, Any]
    result: dict[str, Any]
    error: str
    created_by: int | None

    @property
    def finished(self) -> bool:
        """Whether the job is over (done or failed)."""
        return self.status in (DONE, FAILED)

    @property
    def percent(self) -> int | None:
        """How far along it is, in percent (None while the total is unknown)."""
        if self.status == DONE:
            return 100
        return min(100, self.progress * 100 // self.total) if self.total else None

    def as_json(self) -> dict[str, Any]:
        """What the progress bar needs."""
        return {
            "job_id": self.job_id,
            "kind": self.kind,
            "status": self.status,
            "progress": self.progress,
            "total": self.total,
            "percent": self.percent,
            "finished": self.finished,
        }


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def create_job(session: Session, *, kind: str, params: dict[str, Any], user_id: int | None = None) -> Job:
    """Add a queued job row (flushed, not committed; :func:`dispatch` it after the commit)."""
    job = Job(kind=kind, status=QUEUED, params=params, result={}, error="", created_by=user_id)
    session.add(job)
    session.flush()
    return job


def job_state(session: Session, job_id: int) -> JobState | None:
    """The job ``job_id`` with its latest progress, or None if there is no such job."""
    job = session.get(Job, job_id)
    if job is None:
        return None
    progress, total = job.progress, job.total
    if job.status == RUNNING:
        progress, total = read_progress(session.get_bind(), job_id) or (progress, total)  # type: ignore[arg-type]
    return JobState(
        job_id=job.job_id,
        kind=job.kind,
        status=job.status,
        progress=progress,
        total=total,
        params=dict(job.params or {}),
        result=dict(job.result or {}),
        error=job.error or "",
        created_by=job.created_by,
    )


def _is_stale(job: Job, now: dt.datetime) -> bool:
    def aware(moment: dt.datetime | None) -> dt.datetime | None:
        # SQLite gives naive datetimes; every time here is UTC.
        return moment.replace(tzinfo=dt.UTC) if moment is not None and moment.tzinfo is None else moment

    if job.status == QUEUED:
        created = aware(job.created_at)
        return created is not None and now - created > STALE_QUEUED
    started = aware(job.started_at)
    return started is not None and now - started > STALE_RUNNING


def active_job(session: Session, kind: str) -> Job | None:
    """The queued or running job of ``kind``, if any; lost ones (see STALE_*) are marked failed on the way."""
    now = _now()
    for job in session.scalars(select(Job).where(Job.kind == kind, Job.status.in_(ACTIVE)).order_by(Job.job_id)):
        if not _is_stale(job, now):
            return job
        job.status, job.error, job.finished_at = FAILED, INTERRUPTED, now
        job.result = {"error": {"template": INTERRUPTED, "params": {}}}
    return None


def fail_queued(session: Session, job_id: int, template: str, params: dict[str, Any] | None = None) -> bool:
    """Mark a job that has not started as failed, saying why; False if it already started or ended."""
    params = params or {}
    result = session.execute(
        update(Job)
        .where(Job.job_id == job_id, Job.status == QUEUED)
        .values(
            status=FAILED,
            error=template % params,
            finished_at=_now(),
            result={"error": {"template": template, "params": params}},
        )
    )
    return result.rowcount == 1  # type: ignore[attr-defined]


def cancel_job(session: Session, job_id: int) -> bool:
    """Cancel a job that has not started yet; False if it already started or ended."""
    return fail_queued(session, job_id, CANCELLED)


def enqueue(
    app: Flask, kind: str, params: dict[str, Any], *, user_id: int | None = None, exclusive: bool = False
) -> int:
    """Create a job of ``kind`` and start it in the background; returns its id.

    ``exclusive``: refuse (:class:`JobBusy`) while another job of this kind is queued or running.
    """
    with session_scope(app) as session:
        if exclusive:
            busy = active_job(session, kind)
            if busy is not None:
                raise JobBusy(kind, busy.job_id)
        job_id = create_job(session, kind=kind, params=params, user_id=user_id).job_id
    if exclusive:
        _give_way_to_rival(app, kind, job_id)
    dispatch(app, job_id)
    return job_id


def _give_way_to_rival(app: Flask, kind: str, job_id: int) -> None:
    """Checked after our row is committed: if another job of the kind is active too, ours steps aside.

    Two requests at the same moment both pass the first check; each then sees the other's committed row here,
    so at most one of them runs (at worst neither does, and the user asks again).
    """
    with session_scope(app) as session:
        rival = session.scalar(
            select(Job.job_id).where(Job.kind == kind, Job.status.in_(ACTIVE), Job.job_id != job_id).limit(1)
        )
        if rival is None:
            return
        fail_queued(session, job_id, LOST_RACE)
    raise JobBusy(kind, rival)


def dispatch(app: Flask, job_id: int) -> None:
    """Hand a committed, queued job to the runner: RQ when ``REDIS_URL`` is set, else a thread of this process."""
    if app.config.get("REDIS_URL"):
        from famille.jobs.rq_runner import send_to_queue

        send_to_queue(app, job_id)
        return
    thread = threading.Thread(target=run_job, args=(app, job_id), name=f"famille-job-{job_id}", daemon=True)
    thread.start()


def _claim(app: Flask, job_id: int) -> tuple[str, JobContext] | None:
    """Move the job from queued to running and return its kind and context; None if someone else did."""
    with session_scope(app) as session:
        claimed = session.execute(
            update(Job).where(Job.job_id == job_id, Job.status == QUEUED).values(status=RUNNING, started_at=_now())
        )
        if claimed.rowcount != 1:  # type: ignore[attr-defined]
            return None
        job = session.get(Job, job_id)
        assert job is not None
        return job.kind, JobContext(app=app, job_id=job_id, params=dict(job.params or {}), user_id=job.created_by)


def run_job(app: Flask, job_id: int) -> bool:
    """Run job ``job_id`` if it is still queued; returns whether this call ran it."""
    claimed = _claim(app, job_id)
    if claimed is None:
        return False
    kind, context = claimed
    context.reporter = lambda done, total: report_progress(app, job_id, done, total)
    handler = handler_for(kind)
    try:
        if handler is None:
            raise JobError(UNKNOWN_KIND, {"kind": kind})
        with app.app_context():
            result = handler(context) or {}
    except JobError as error:
        _finish(app, context, FAILED, {"error": {"template": error.template, "params": error.params}}, str(error))
    except Exception as error:  # noqa: BLE001 - a job must end as "failed", whatever went wrong
        log.exception("job %s (%s) failed", job_id, kind)
        _finish(app, context, FAILED, {"error": {"template": UNEXPECTED, "params": {}}}, f"{type(error).__name__}")
    else:
        _finish(app, context, DONE, result, "")
    return True


def _finish(app: Flask, context: JobContext, status: str, result: dict[str, Any], error: str) -> None:
    """Record how the job ended; a job done has done all its steps."""
    total = max(context.total, context.done, 1) if status == DONE else context.total
    done = total if status == DONE else context.done
    with session_scope(app) as session:
        session.execute(
            update(Job)
            .where(Job.job_id == context.job_id)
            .values(status=status, result=result, error=error, progress=done, total=total, finished_at=_now())
        )
    clear_progress(get_engine(app), context.job_id)
