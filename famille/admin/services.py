"""The import page's work: keep the uploaded file, start the dry run, confirm it as the real import, tidy up.

These functions take the app rather than a session: they span the upload folder and background jobs, which run
in their own transactions (see :mod:`famille.jobs`). The upload lives in ``instance/uploads/<random>.ged``
(``UPLOAD_FOLDER`` overrides it; with RQ workers on other machines it must be shared storage) until the real
import is done, or a day after an abandoned dry run.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
import time
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from famille.db import session_scope
from famille.gedcom.reader import GedcomReadError, open_gedcom_file
from famille.jobs import ACTIVE, DONE, JobBusy, JobState, active_job, enqueue, job_state
from famille.markers import N_
from famille.models import Job

IMPORT_KIND = "import"
KEEP_UPLOADS = dt.timedelta(days=1)
UPLOAD_NAME = re.compile(r"^[0-9a-f]{32}\.ged$")

BUSY = N_("An import is already under way. Please wait until it is finished before starting another one.")
EMPTY_UPLOAD = N_("The file is empty. Choose the .ged file exported from your genealogy program.")
NO_FILE = N_("Choose a GEDCOM file (.ged) to import.")
NOT_CONFIRMABLE = N_("This report cannot be confirmed any more. Please upload the file again.")
UPLOAD_GONE = N_("The uploaded file is no longer kept (files wait one day at most). Please upload it again.")


class AdminError(ValueError):
    """Why an admin action was refused (an English template; the web layer translates it)."""

    def __init__(self, template: str, **params: Any) -> None:
        self.template, self.params = template, params
        super().__init__(template % params)


def upload_folder(app: Flask) -> Path:
    """The folder of uploaded GEDCOM files, created when missing."""
    folder = Path(app.config.get("UPLOAD_FOLDER") or Path(app.instance_path) / "uploads")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def upload_path(app: Flask, name: object) -> Path | None:
    """Where the upload called ``name`` is; None for anything that is not one of our upload names."""
    if not isinstance(name, str) or not UPLOAD_NAME.match(name):
        return None
    return upload_folder(app) / name


def display_filename(filename: str | None) -> str:
    """The file's own name as the browser sent it, without any folder, for the report."""
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    return name[:200] or "import.ged"


def save_upload(app: Flask, *, stream: IO[bytes], encoding: str | None) -> str:
    """Keep the uploaded bytes under a random name after checking that they are a GEDCOM file; returns the name."""
    name = secrets.token_hex(16) + ".ged"
    path = upload_folder(app) / name
    with path.open("wb") as target:
        while chunk := stream.read(1024 * 1024):
            target.write(chunk)
    try:
        _check_gedcom(path, encoding)
    except AdminError:
        path.unlink(missing_ok=True)
        raise
    return name


def _check_gedcom(path: Path, encoding: str | None) -> None:
    """Refuse an empty or non-GEDCOM file now, rather than after a wait (only the header is read)."""
    if path.stat().st_size == 0:
        raise AdminError(EMPTY_UPLOAD)
    try:
        open_gedcom_file(path, encoding=encoding or None)
    except GedcomReadError as error:
        raise AdminError(error.template, **error.params) from error


def begin_import(
    app: Flask,
    *,
    stream: IO[bytes] | None,
    filename: str | None,
    encoding: str,
    remove_missing: bool,
    user_id: int | None,
    actor: str,
) -> int:
    """Keep the upload and start its dry run; returns the dry run's job id."""
    with session_scope(app) as session:
        if active_job(session, IMPORT_KIND) is not None:
            raise AdminError(BUSY)
    if stream is None:
        raise AdminError(NO_FILE)
    upload = save_upload(app, stream=stream, encoding=encoding)
    params = {
        "upload": upload,
        "filename": display_filename(filename),
        "encoding": encoding,
        "remove_missing": bool(remove_missing),
        "dry_run": True,
        "actor": actor[:200],
    }
    try:
        return enqueue(app, IMPORT_KIND, params, user_id=user_id, exclusive=True)
    except JobBusy as busy:
        (upload_folder(app) / upload).unlink(missing_ok=True)
        raise AdminError(BUSY) from busy


def conflict_choices(form: Mapping[str, str]) -> dict[str, dict[str, str]]:
    """The organiser's choice for each conflict of the dry run (form fields ``conflict-<person id>-<field>``)."""
    choices: dict[str, dict[str, str]] = {}
    for name, side in form.items():
        person_id, _, field = name.removeprefix("conflict-").partition("-")
        if (
            name.startswith("conflict-")
            and person_id.isdigit()
            and field
            and len(field) <= 120
            and side in ("site", "file")
        ):
            choices.setdefault(person_id, {})[field] = side
    return choices


def confirm_import(
    app: Flask, *, dry_run_job_id: int, user_id: int | None, actor: str, prefer: dict[str, dict[str, str]] | None = None
) -> int:
    """Start the real import of a finished dry run's file (with the organiser's conflict choices); returns its id."""
    with session_scope(app) as session:
        state = job_state(session, dry_run_job_id)
    if not is_confirmable(state):
        raise AdminError(NOT_CONFIRMABLE)
    assert state is not None
    path = upload_path(app, state.params.get("upload"))
    if path is None or not path.is_file():
        raise AdminError(UPLOAD_GONE)
    params = {
        **state.params,
        "dry_run": False,
        "dry_run_job": dry_run_job_id,
        "actor": actor[:200],
        "prefer": prefer or {},
    }
    try:
        return enqueue(app, IMPORT_KIND, params, user_id=user_id, exclusive=True)
    except JobBusy as busy:
        raise AdminError(BUSY) from busy


def is_confirmable(state: JobState | None) -> bool:
    """Whether ``state`` is a finished dry run of an import."""
    return (
        state is not None and state.kind == IMPORT_KIND and bool(state.params.get("dry_run")) and state.status == DONE
    )


def upload_kept(app: Flask, state: JobState) -> bool:
    """Whether the file of an import job is still there (so its dry run can be confirmed)."""
    path = upload_path(app, state.params.get("upload"))
    return path is not None and path.is_file()


def discard_upload(app: Flask, *, job_id: int) -> None:
    """Delete the file of a finished dry run that the admin does not want to import."""
    with session_scope(app) as session:
        state = job_state(session, job_id)
    if is_confirmable(state):
        assert state is not None
        path = upload_path(app, state.params.get("upload"))
        if path is not None:
            path.unlink(missing_ok=True)


def purge_uploads(app: Flask) -> int:
    """Delete uploads older than a day that no queued or running import needs; returns how many went."""
    folder = upload_folder(app)
    with session_scope(app) as session:
        needed = {
            params.get("upload")
            for params in session.scalars(select(Job.params).where(Job.kind == IMPORT_KIND, Job.status.in_(ACTIVE)))
        }
    limit = time.time() - KEEP_UPLOADS.total_seconds()
    removed = 0
    for path in folder.glob("*.ged"):
        if path.name not in needed and path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def current_import(session: Session) -> int | None:
    """The id of the import job queued or running now, if any."""
    job = active_job(session, IMPORT_KIND)
    return job.job_id if job is not None else None


def import_state(session: Session, job_id: int) -> JobState | None:
    """The import job ``job_id`` (None if there is no such job, or it is another kind of job)."""
    state = job_state(session, job_id)
    return state if state is not None and state.kind == IMPORT_KIND else None
