"""``famille worker``: run the site's background jobs from the RQ queue (when ``FAMILLE_REDIS_URL`` is set)."""

from __future__ import annotations

import sys

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from famille.db import get_engine
from famille.jobs.rq_runner import queue_name, redis_connection


def run_worker(app: Flask, *, queue: str | None = None, burst: bool = False) -> bool:
    """Work on the site's RQ queue (or ``queue``) until stopped, or until it is empty with ``burst``."""
    from rq import Queue, Worker

    connection = redis_connection(app)
    # Each job runs in a forked work horse: it must not share this process's database connections.
    get_engine(app).dispose()
    worker = Worker([Queue(queue or queue_name(app), connection=connection)], connection=connection)
    return worker.work(burst=burst)


@click.command("worker")
@click.option("--burst", is_flag=True, help="Stop once the queue is empty instead of waiting for more jobs.")
@click.option("--queue", "queue", default=None, help="The RQ queue to work on (default: the site's, 'famille').")
@with_appcontext
def worker_command(burst: bool, queue: str | None) -> None:
    """Run background jobs (imports, later posters and digests) from the RQ queue; start as many as you like."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    if not app.config.get("REDIS_URL"):
        click.echo("famille: set FAMILLE_REDIS_URL (redis://…) to run jobs on workers", err=True)
        sys.exit(1)
    run_worker(app, queue=queue, burst=burst)
