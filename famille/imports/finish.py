"""The end of an import: pointers checked, people absent from the file settled, the changes recorded."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from famille.gedcom.mapping import FamilyData
from famille.imports.bulk import insert_rows, update_rows
from famille.imports.report import ImportRefused, ImportReport, ReportWarning
from famille.markers import N_
from famille.models import Change, Family, Person

MAX_EXAMPLES = 5
MAX_LISTED_MISSING = 200
DANGLING = N_("@%(source)s@ refers to @%(target)s@, which is not in the file; that tie was left out.")


def dangling_pointers(
    families: list[FamilyData], ties: list[tuple[str, str]], people: dict[str, int]
) -> list[ReportWarning]:
    """Warnings for families naming people not in the file, and people naming families not in it.

    ``ties`` are the (person xref, family xref) pairs of the people's FAMC and FAMS lines. Such ties are left
    out of the tree; the records themselves are imported.
    """
    found: list[ReportWarning] = []
    for family in families:
        named = [family.partner1, family.partner2, *(child for child, _p in family.children)]
        found += [
            ReportWarning(family.line, DANGLING, {"source": family.xref, "target": xref})
            for xref in named
            if xref and xref not in people
        ]
    family_xrefs = {family.xref for family in families}
    found += [
        ReportWarning(None, DANGLING, {"source": person, "target": family})
        for person, family in ties
        if family not in family_xrefs
    ]
    return found


def refuse_if_cut_short(dangling: list[ReportWarning], *, has_trailer: bool) -> None:
    """Refuse a file that lacks its closing TRLR line and refers to records it does not hold: it was cut short."""
    if dangling and not has_trailer:
        examples = ", ".join(f"@{w.params['source']}@ → @{w.params['target']}@" for w in dangling[:MAX_EXAMPLES])
        raise ImportRefused(
            N_(
                "The file seems cut short: it has no closing TRLR line and refers to %(count)s records that are "
                "not in it (%(examples)s). Export it again from your genealogy program."
            ),
            {"count": len(dangling), "examples": examples},
        )


def settle_missing(
    session: Session, report: ImportReport, *, missing_people: set[int], missing_families: set[int], remove: bool
) -> list[int]:
    """Mark (or, when asked, remove) people and families that the new file no longer has."""
    ids = sorted(missing_people)
    rows = session.execute(
        select(Person.person_id, Person.given_name, Person.surname).where(
            Person.person_id.in_(ids[:MAX_LISTED_MISSING])
        )
    ).all()
    report.missing_people = [(pid, f"{given} {surname}".strip()) for pid, given, surname in rows]
    family_ids = sorted(missing_families)
    if remove:
        for chunk in _chunks(family_ids):
            session.execute(delete(Family).where(Family.family_id.in_(chunk)))
        for chunk in _chunks(ids):
            session.execute(delete(Person).where(Person.person_id.in_(chunk)))
        report.people.removed, report.families.removed = len(ids), len(family_ids)
        return ids
    if ids:
        update_rows(session, Person, [{"person_id": pid, "missing_since": report.import_id} for pid in ids])
    if family_ids:
        update_rows(session, Family, [{"family_id": fid, "missing_since": report.import_id} for fid in family_ids])
    report.people.missing, report.families.missing = len(ids), len(family_ids)
    return ids


def _chunks(ids: list[int], size: int = 500) -> list[list[int]]:
    return [ids[start : start + size] for start in range(0, len(ids), size)]


def record_changes(
    session: Session, report: ImportReport, *, added: list[int], updated: list[int], missing: list[int], actor: str
) -> None:
    """Record the import itself, and each person it added, changed or found absent (for the feed and charts)."""
    base = {"actor": actor[:200], "import_id": report.import_id}
    rows = [{**base, "kind": "import", "person_id": None, "details": report.counts()}]
    rows += [{**base, "kind": "person_added", "person_id": pid, "details": {}} for pid in added]
    rows += [{**base, "kind": "person_updated", "person_id": pid, "details": {}} for pid in updated]
    kind = "person_removed" if report.people.removed else "person_missing"
    rows += [
        {**base, "kind": kind, "person_id": None if report.people.removed else pid, "details": {"person_id": pid}}
        for pid in missing
    ]
    insert_rows(session, Change, rows)
