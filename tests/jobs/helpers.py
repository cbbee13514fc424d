"""Helpers for tests of background jobs: wait for a job to end, read its row."""

from __future__ import annotations

import time

from famille.jobs import JobState, job_state


def state_of(app, job_id: int) -> JobState:
    """The job's state, read in a fresh session."""
    session = app.extensions["famille.sessionmaker"]()
    try:
        state = job_state(session, job_id)
        assert state is not None, f"no job {job_id}"
        return state
    finally:
        session.close()


def wait_for_job(app, job_id: int, *, timeout: float = 60.0) -> JobState:
    """Wait until the job is done or failed (it runs in a thread of the test process) and return its state."""
    deadline = time.monotonic() + timeout
    while True:
        state = state_of(app, job_id)
        if state.finished:
            return state
        assert time.monotonic() < deadline, f"job {job_id} still {state.status} after {timeout} s"
        time.sleep(0.05)
