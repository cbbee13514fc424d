"""Background work through one small interface: :func:`enqueue` a job of a kind; its registered handler runs it.

Jobs run in a thread of the process that asked for them by default, and on RQ workers (``famille worker``) when
``REDIS_URL`` is set, so that a site served by several processes or machines runs each job once. Handlers are
registered with :func:`job_handler`; pages follow a job through :func:`job_state`.
"""

from famille.jobs.registry import JobContext, JobError, job_handler
from famille.jobs.runner import (
    ACTIVE,
    DONE,
    FAILED,
    QUEUED,
    RUNNING,
    JobBusy,
    JobState,
    active_job,
    cancel_job,
    enqueue,
    job_state,
    run_job,
)

__all__ = [
    "ACTIVE",
    "DONE",
    "FAILED",
    "QUEUED",
    "RUNNING",
    "JobBusy",
    "JobContext",
    "JobError",
    "JobState",
    "active_job",
    "cancel_job",
    "enqueue",
    "job_handler",
    "job_state",
    "run_job",
]
