"""What a background job runs: one handler per kind, registered with :func:`job_handler`, and what it receives.

A handler is a plain function taking a :class:`JobContext`; it returns a JSON-able dictionary (the job's result)
or raises :class:`JobError` with a message for the user. It reports progress with ``context.progress(done, total)``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import Flask

ProgressReporter = Callable[[int, int], None]

#: Write progress at most this often (seconds): a handler may report on every record, the database need not know.
PROGRESS_INTERVAL = 0.5


class JobError(Exception):
    """The job cannot be done; ``template % params`` says why, in English (translated when shown)."""

    def __init__(self, template: str, params: dict[str, Any] | None = None) -> None:
        self.template = template
        self.params = params or {}
        super().__init__(template % self.params)


@dataclass(slots=True)
class JobContext:
    """What a handler gets: the app, the job's id and parameters, who asked, and a progress reporter."""

    app: Flask
    job_id: int
    params: dict[str, Any]
    user_id: int | None
    reporter: ProgressReporter | None = None
    done: int = 0
    total: int = 0
    _last_write: float = field(default=0.0, repr=False)

    def progress(self, done: int, total: int) -> None:
        """Record that ``done`` of ``total`` steps are done (written at most every half second, and at the end)."""
        self.done, self.total = done, max(total, done)
        now = time.monotonic()
        if self.reporter is not None and (now - self._last_write >= PROGRESS_INTERVAL or done >= total):
            self._last_write = now
            self.reporter(self.done, self.total)


Handler = Callable[[JobContext], "dict[str, Any] | None"]

_HANDLERS: dict[str, Handler] = {}


def job_handler(kind: str) -> Callable[[Handler], Handler]:
    """Register the decorated function as the handler of jobs of ``kind`` (a later registration replaces it)."""

    def register(function: Handler) -> Handler:
        _HANDLERS[kind] = function
        return function

    return register


def handler_for(kind: str) -> Handler | None:
    """The handler registered for ``kind``, if any."""
    return _HANDLERS.get(kind)
