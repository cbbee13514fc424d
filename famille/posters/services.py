"""Wall posters for members: what a poster is of, starting its background job, following it, its file.

A poster is a chart of thousands of people: drawing it with ``dot`` and tiling it takes longer than a request may,
so a "poster" job does it (see :mod:`famille.posters.job`) and the page follows its progress. The job draws the
chart as the asking member may see it, and only that member may follow the job and download its file.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from famille.charts.poster import PosterOptions, check_options
from famille.jobs import ACTIVE, DONE, JobState, enqueue, job_state
from famille.models import Job, Person
from famille.privacy import PersonView, Viewer
from famille.visibility import view_one

POSTER_KIND = "poster"
#: Charts a poster can show: about one person, or the founding couple's descendants ("family") and everyone.
PERSON_KINDS = ("descendants", "ancestors", "person")
WHOLE_KINDS = ("family", "whole")
#: Finished posters are deleted after this long: they are easy to make again and the tree changes.
KEEP_SECONDS = 7 * 24 * 3600
MAX_ROW_ID = 2**31 - 1


@dataclass(frozen=True, slots=True)
class PosterSubject:
    """What the poster shows: a kind of chart and, for descendants, whose (as the viewer may see them)."""

    kind: str
    person_id: int | None = None
    person: PersonView | None = None


def poster_subject(
    session: Session, *, viewer: Viewer, kind: str | None, person_id: str | None
) -> PosterSubject | None:
    """The subject named by a page's query (``kind``, default the family; ``person_id``), or None if there is none."""
    kind = kind or "family"
    if kind in WHOLE_KINDS:
        return PosterSubject(kind=kind)
    if kind not in PERSON_KINDS or not person_id or not person_id.isdigit() or not 0 < int(person_id) <= MAX_ROW_ID:
        return None
    person = session.get(Person, int(person_id))
    if person is None:
        return None
    return PosterSubject(kind=kind, person_id=person.person_id, person=view_one(session, viewer, person))


def poster_folder(app: Flask) -> Path:
    """Where finished posters are kept: ``POSTER_FOLDER``, else instance/posters (shared storage with RQ workers)."""
    configured = app.config.get("POSTER_FOLDER")
    return Path(configured) if configured else Path(app.instance_path) / "posters"


def poster_path(app: Flask, job_id: int) -> Path:
    """The file of poster job ``job_id``."""
    return poster_folder(app) / f"{int(job_id)}.pdf"


def purge_posters(app: Flask, *, now: float | None = None) -> int:
    """Delete posters older than :data:`KEEP_SECONDS`; returns how many went."""
    folder, now = poster_folder(app), time.time() if now is None else now
    removed = 0
    for path in folder.glob("*.pdf") if folder.is_dir() else ():
        try:
            if now - path.stat().st_mtime > KEEP_SECONDS:
                path.unlink()
                removed += 1
        except OSError:  # another process removed it first
            continue
    return removed


def job_options(options: PosterOptions) -> dict[str, Any]:
    """The options a poster job carries (the captions are worded by the job, in the member's language)."""
    kept = asdict(options)
    for worded in ("title", "brand", "caption"):
        kept.pop(worded)
    return kept


def start_poster(
    app: Flask,
    *,
    viewer: Viewer,
    subject: PosterSubject,
    options: PosterOptions,
    locale: str,
    arrangement: str = "auto",
) -> int:
    """Start the poster job; returns its id. Raises PosterError for options that can make no poster.

    ``arrangement``: for descendants, "panels" (packed, about square), "strip" (one drawing) or "auto" (panels
    past ``POSTER_PANELS_FROM`` people).
    """
    check_options(options)
    purge_posters(app)
    params = {
        "kind": subject.kind,
        "person_id": subject.person_id,
        "options": job_options(options),
        "viewer": asdict(viewer),
        "locale": locale,
        "arrangement": arrangement,
        # Past this many people even a poster is no use (and ``dot`` would run for a very long time).
        "limit": int(app.config["POSTER_MAX_PEOPLE"]),
    }
    return enqueue(app, POSTER_KIND, params, user_id=viewer.user_id)


def active_poster(session: Session, *, user_id: int | None) -> int | None:
    """The member's poster job still queued or running, if any (one at a time each: ``dot`` is heavy)."""
    if user_id is None:
        return None
    return session.scalar(
        select(Job.job_id)
        .where(Job.kind == POSTER_KIND, Job.created_by == user_id, Job.status.in_(ACTIVE))
        .order_by(Job.job_id.desc())
        .limit(1)
    )


def poster_state(session: Session, *, job_id: int, user_id: int | None) -> JobState | None:
    """Poster job ``job_id`` if it is the member's own (a poster shows what its maker may see), else None."""
    state = job_state(session, job_id) if 0 < job_id <= MAX_ROW_ID else None
    if state is None or state.kind != POSTER_KIND or user_id is None or state.created_by != user_id:
        return None
    return state


def poster_file(app: Flask, state: JobState) -> Path | None:
    """The finished poster's file, if the job is done and the file is still kept."""
    path = poster_path(app, state.job_id)
    return path if state.status == DONE and path.is_file() else None
