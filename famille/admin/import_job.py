"""The "import" job: a dry run or the real import of an uploaded GEDCOM file, in its own transaction.

Its result is the import report as plain JSON (counts, the first warnings, the people absent from the file), which
the import page shows in the reader's language.
"""

from __future__ import annotations

from typing import Any

from famille.admin.services import IMPORT_KIND, UPLOAD_GONE, upload_path
from famille.imports.report import ImportRefused, ImportReport
from famille.imports.services import import_gedcom
from famille.jobs import JobContext, JobError, job_handler

WARNINGS_KEPT = 200
MISSING_KEPT = 500
CONFLICTS_KEPT = 500


def _plain(value: object) -> object:
    """A warning parameter as JSON can hold it."""
    return value if isinstance(value, str | int | float | bool) or value is None else str(value)


def report_result(report: ImportReport) -> dict[str, Any]:
    """The report as the job's JSON result (the first warnings and absent people, with how many in all)."""
    return {
        "filename": report.filename,
        "encoding": report.encoding,
        "gedcom_version": report.gedcom_version,
        "source_program": report.source_program,
        "dry_run": report.dry_run,
        "counts": report.counts(),
        "warnings": [
            {"line": w.line, "template": w.template, "params": {k: _plain(v) for k, v in w.params.items()}}
            for w in report.warnings[:WARNINGS_KEPT]
        ],
        "warning_count": len(report.warnings),
        "missing_people": [[person_id, name] for person_id, name in report.missing_people[:MISSING_KEPT]],
        "missing_count": len(report.missing_people),
        "conflicts": [
            [c.person_id, c.name, c.conflict.field, _plain(c.conflict.site), _plain(c.conflict.file)]
            for c in report.conflicts[:CONFLICTS_KEPT]
        ],
        "conflict_count": len(report.conflicts),
    }


@job_handler(IMPORT_KIND)
def run_import_job(context: JobContext) -> dict[str, Any]:
    """Import the job's upload (rolled back for a dry run); the file goes after the real import or a refusal."""
    params = context.params
    dry_run = bool(params.get("dry_run"))
    path = upload_path(context.app, params.get("upload"))
    try:
        data = path.read_bytes() if path is not None else None
    except OSError:
        data = None
    if path is None or data is None:
        raise JobError(UPLOAD_GONE)
    try:
        report = _import(context, data, dry_run=dry_run)
    except ImportRefused as refusal:
        path.unlink(missing_ok=True)  # it can never be imported: no use keeping it
        raise JobError(refusal.template, {k: _plain(v) for k, v in refusal.params.items()}) from refusal
    finally:
        if not dry_run:
            path.unlink(missing_ok=True)
    return report_result(report)


def _preferences(raw: object) -> dict[int, dict[str, str]]:
    """The organiser's choices for conflicts, as kept in the job's JSON parameters (person ids as strings)."""
    if not isinstance(raw, dict):
        return {}
    return {int(pid): dict(choices) for pid, choices in raw.items() if str(pid).isdigit() and isinstance(choices, dict)}


def _import(context: JobContext, data: bytes, *, dry_run: bool) -> ImportReport:
    """One transaction: committed for the real import, rolled back after a dry run or any error."""
    params, app = context.params, context.app
    session = app.extensions["famille.sessionmaker"]()
    try:
        report = import_gedcom(
            session,
            data=data,
            filename=str(params.get("filename") or "import.ged"),
            encoding=params.get("encoding") or None,
            dry_run=dry_run,
            remove_missing=bool(params.get("remove_missing")),
            actor=str(params.get("actor") or ""),
            living_years=int(app.config["LIVING_YEARS"]),
            progress=context.progress,
            prefer=_preferences(params.get("prefer")),
        )
        if dry_run:
            session.rollback()
        else:
            session.commit()
        return report
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
