"""Where a running job's progress is kept, so that any process of the site can show the progress bar.

On PostgreSQL each report updates the job's row in its own short transaction. SQLite has one writer at a time, and
an import holds the write lock from its first row to its commit: a progress update would wait for the import it
reports on. So on SQLite progress goes to a small file beside the database (SQLite means one machine anyway), and
:func:`read_progress` lays it over the row while the job runs.
"""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask
from sqlalchemy import update
from sqlalchemy.engine import Engine

from famille.db import get_engine, session_scope
from famille.models import Job

RUNNING = "running"


def _side_folder(engine: Engine) -> Path | None:
    """The folder of progress files of a SQLite database (None for other databases, or in memory)."""
    if engine.dialect.name != "sqlite":
        return None
    database = engine.url.database
    if not database or database == ":memory:":
        return None
    return Path(database).with_name(Path(database).name + "-jobs")


def report_progress(app: Flask, job_id: int, done: int, total: int) -> None:
    """Record that ``done`` of ``total`` steps of job ``job_id`` are done."""
    engine = get_engine(app)
    if engine.dialect.name == "sqlite":
        folder = _side_folder(engine)
        if folder is not None:
            folder.mkdir(exist_ok=True)
            temporary = folder / f"{job_id}.tmp"
            temporary.write_text(f"{done} {total}")
            os.replace(temporary, folder / f"{job_id}.progress")  # readers never see half a file
        return
    with session_scope(app) as session:
        session.execute(
            update(Job).where(Job.job_id == job_id, Job.status == RUNNING).values(progress=done, total=total)
        )


def read_progress(engine: Engine, job_id: int) -> tuple[int, int] | None:
    """The progress last reported through the side file, if this database uses one and it exists."""
    folder = _side_folder(engine)
    if folder is None:
        return None
    try:
        done, total = (folder / f"{job_id}.progress").read_text().split()
        return int(done), int(total)
    except (OSError, ValueError):
        return None


def clear_progress(engine: Engine, job_id: int) -> None:
    """Forget the side file of a finished job (its row now holds the final figures)."""
    folder = _side_folder(engine)
    if folder is not None:
        (folder / f"{job_id}.progress").unlink(missing_ok=True)
