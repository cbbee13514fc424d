"""Job handlers used by the tests (registered on import, in the test process or in a worker process)."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Any

from famille.jobs import JobContext, JobError, job_handler
from famille.markers import N_

#: Tests that pause the "test.paused" handler mid-way set these.
paused_at_half = threading.Event()
resume = threading.Event()


@job_handler("test.count")
def count_steps(context: JobContext) -> dict[str, Any]:
    """Count to ``params["steps"]``, reporting progress; append a line to ``params["marker"]`` for each run."""
    marker = context.params.get("marker")
    if marker:
        with Path(marker).open("a") as handle:
            handle.write(f"{os.getpid()}\n")
    time.sleep(float(context.params.get("sleep", 0)))
    steps = int(context.params.get("steps", 10))
    for step in range(1, steps + 1):
        context.progress(step, steps)
    return {"counted": steps, "user_id": context.user_id}


@job_handler("test.paused")
def pause_halfway(context: JobContext) -> dict[str, Any]:
    """Report half of the work done, then wait until the test lets it finish."""
    context.progress(50, 100)
    paused_at_half.set()
    resume.wait(30)
    return {}


@job_handler("test.refuse")
def refuse(context: JobContext) -> dict[str, Any]:
    """Fail with a message for the user."""
    raise JobError(N_("Nothing to do for %(name)s."), {"name": "Hélène"})


@job_handler("test.crash")
def crash(context: JobContext) -> dict[str, Any]:
    """Fail unexpectedly."""
    raise RuntimeError("boom")
