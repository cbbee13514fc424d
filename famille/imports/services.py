"""Importing a GEDCOM file: read it, merge it with the tree already on the site, report what changed.

One call is one transaction in the caller's session (this function flushes, never commits): on any error the
caller rolls back and the database is exactly as it was; a dry run is the same work, rolled back.

Matching a person of the file to one already on the site: by _UID first; a record without _UID by its xref,
when the file comes from the same program as the previous import (the same "lineage"); anyone else is new.
Everything the site owns (links added on the site, accounts, claims, news, the change log) keeps its rows.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from famille.gedcom.mapping import FamilyData, PersonData, Problem, map_family, map_person
from famille.gedcom.reader import NO_TRLR, GedcomReader, GedcomReadError, open_gedcom
from famille.imports.families import merge_pedigrees, write_families
from famille.imports.finish import dangling_pointers, record_changes, refuse_if_cut_short, settle_missing
from famille.imports.living import recompute_living
from famille.imports.matching import DeletedOnSite, RecordIndex, deleted_on_site
from famille.imports.people import Preference, insert_people, merge_links, rewrite_people
from famille.imports.records import record_row, replace_records
from famille.imports.report import ImportRefused, ImportReport, ReportWarning
from famille.imports.rows import PlaceCache
from famille.imports.tuning import bigger_page_cache, fewer_full_collections
from famille.markers import N_
from famille.models import Family, GedcomImport, Person
from famille.site.services import DEMO_KEY, bump_data_version, is_demo, set_setting

BATCH_SIZE = 2000
#: Report progress (for the progress bar of the import page) every this many records.
PROGRESS_EVERY = 500
_RECORD_START = re.compile(rb"[\r\n][ \t]*0[ \t]")

Progress = Callable[[int, int], None]


class _PeopleWriter:
    """Collects people in batches and writes each batch: new ones inserted, changed ones rewritten."""

    def __init__(self, session: Session, index: RecordIndex, places: PlaceCache, report: ImportReport, actor: str):
        self.session, self.index, self.places, self.report, self.actor = session, index, places, report, actor
        self.prefer: Preference = lambda _person_id: {}
        self.declined = DeletedOnSite()
        self.skipped: set[str] = set()
        self.ids: dict[str, int] = {}
        self.famc: dict[tuple[str, str], str] = {}
        self.fams: set[tuple[str, str]] = set()
        self.new: list[PersonData] = []
        self.changed: list[tuple[int, PersonData]] = []
        self.added_ids: list[int] = []
        self.updated_ids: list[int] = []

    def add(self, data: PersonData) -> None:
        if self.declined.covers(data):
            self.report.declined += 1
            self.skipped.add(data.xref or "")
            return
        for family_xref, pedigree in data.parent_families:
            self.famc[(data.xref or "", family_xref)] = pedigree
        self.fams.update((data.xref or "", family_xref) for family_xref in data.spouse_families)
        person_id = self.index.match(data)
        if person_id is None:
            self.new.append(data)
        elif self.index.digest.get(person_id) == data.content_hash():
            self.report.people.unchanged += 1
            self._remember(data, person_id)
        else:
            self.changed.append((person_id, data))
        if len(self.new) + len(self.changed) >= BATCH_SIZE:
            self.flush()

    def _remember(self, data: PersonData, person_id: int) -> None:
        if data.xref:
            self.ids[data.xref] = person_id

    def flush(self) -> None:
        new_ids = insert_people(self.session, self.new, self.places)
        self.report.conflicts += rewrite_people(self.session, self.changed, self.places, prefer=self.prefer)
        pairs = list(zip(new_ids, self.new, strict=True)) + self.changed
        added, removed = merge_links(self.session, pairs, actor=self.actor)
        self.report.links_added += added
        self.report.links_removed += removed
        for person_id, data in pairs:
            self._remember(data, person_id)
        self.added_ids.extend(new_ids)
        self.updated_ids.extend(person_id for person_id, _d in self.changed)
        self.report.people.new += len(self.new)
        self.report.people.updated += len(self.changed)
        self.new, self.changed = [], []


def _same_lineage(session: Session, reader: GedcomReader) -> bool:
    """Whether xrefs can identify people: the previous import came from the same program."""
    previous = session.scalar(
        select(GedcomImport.source_program).order_by(GedcomImport.import_id.desc()).offset(1).limit(1)
    )
    return previous is None or previous == (reader.source_program or "")[:200]


def _open(data: bytes, encoding: str | None) -> GedcomReader:
    try:
        return open_gedcom(data, encoding=encoding)
    except GedcomReadError as error:
        raise ImportRefused(error.template, error.params) from error
    except LookupError as error:
        raise ImportRefused(N_("Unknown encoding: %(name)s"), {"name": encoding or ""}) from error


def estimate_records(data: bytes) -> int:
    """About how many level-0 records ``data`` holds, counted on the raw bytes (for a progress bar's total)."""
    head = data[:512]
    if head.count(b"\x00") > len(head) // 4:  # UTF-16: each ASCII character comes with a NUL byte
        return max(data.count(b"\n\x000\x00 \x00"), data.count(b"\x00\n\x000\x00 "))
    return sum(1 for _match in _RECORD_START.finditer(data))


def import_gedcom(
    session: Session,
    *,
    data: bytes,
    filename: str,
    encoding: str | None = None,
    dry_run: bool = False,
    remove_missing: bool = False,
    actor: str = "",
    living_years: int = 110,
    progress: Progress | None = None,
    prefer: dict[int, dict[str, str]] | None = None,
) -> ImportReport:
    """Import ``data`` (the bytes of a GEDCOM file) into the tree; raises :class:`ImportRefused` if it cannot.

    ``progress(done, total)`` is called every few hundred records (``total`` is an estimate). ``prefer`` settles
    conflicts between site edits and the file: for a person id, which side wins each field ("site" or "file";
    the key "*" for all of that person's fields, the person id 0 for everyone); the site wins otherwise.
    """
    reader = _open(data, encoding)
    total = estimate_records(data) if progress else 0
    report = ImportReport(
        filename=filename,
        encoding=reader.encoding,
        gedcom_version=reader.version or "",
        source_program=reader.source_program or "",
        dry_run=dry_run,
    )
    if is_demo(session):
        from famille.imports.wipe import wipe_tree

        wipe_tree(session)
        set_setting(session, DEMO_KEY, "0")
    had_people = session.scalar(select(Person.person_id).limit(1)) is not None
    batch = GedcomImport(
        actor=actor[:200],
        filename=filename[:500],
        source_program=report.source_program[:200],
        encoding=report.encoding[:40],
        gedcom_version=report.gedcom_version[:20],
    )
    session.add(batch)
    session.flush()
    report.import_id = batch.import_id
    with fewer_full_collections(), bigger_page_cache(session):
        _merge(
            session,
            reader,
            report,
            actor=actor,
            remove_missing=remove_missing,
            had_people=had_people,
            progress=(lambda done: progress(done, max(total, done))) if progress else None,
            prefer=prefer or {},
        )
        recompute_living(session, current_year=dt.date.today().year, living_years=living_years)
    batch.counts = report.counts()
    batch.warning_count = len(report.warnings)
    bump_data_version(session)
    session.flush()
    return report


def _merge(
    session: Session,
    reader: GedcomReader,
    report: ImportReport,
    *,
    actor: str,
    remove_missing: bool,
    had_people: bool,
    progress: Callable[[int], None] | None = None,
    prefer: dict[int, dict[str, str]],
) -> None:
    """Read every record and write it: people in batches, then families, records, and the absent ones."""
    match_xrefs = _same_lineage(session, reader)
    places = PlaceCache(session)
    writer = _PeopleWriter(session, RecordIndex(session, Person, match_xrefs=match_xrefs), places, report, actor)
    writer.prefer = lambda person_id: {**prefer.get(0, {}), **prefer.get(person_id, {})}
    writer.declined = deleted_on_site(session, match_xrefs=match_xrefs)
    families: list[FamilyData] = []
    problems: list[Problem] = []
    records = [record_row(reader.header, 0)]
    for count, record in enumerate(reader.records(), 1):
        if progress is not None and count % PROGRESS_EVERY == 0:
            progress(count)
        if record.tag == "INDI":
            writer.add(map_person(record, problems))
        elif record.tag == "FAM":
            families.append(map_family(record, problems))
        else:
            records.append(record_row(record, len(records)))
    writer.flush()
    report.warnings = [ReportWarning(w.line, w.template, w.params) for w in reader.warnings]
    report.warnings += [ReportWarning(p.line, p.template, p.params) for p in problems]
    # People deleted on the site are not "missing": their ties are simply left out, like them.
    known = writer.ids | dict.fromkeys(writer.skipped, 0)
    dangling = dangling_pointers(families, [*writer.famc, *writer.fams], known)
    refuse_if_cut_short(dangling, has_trailer=not any(w.template == NO_TRLR for w in reader.warnings))
    report.warnings += dangling
    merge_pedigrees(families, writer.famc)
    family_index = RecordIndex(session, Family, match_xrefs=match_xrefs)
    report.families = write_families(session, families, index=family_index, people=writer.ids, places=places)
    replace_records(session, records)
    report.records = len(records) - 1
    missing = settle_missing(
        session,
        report,
        missing_people=writer.index.missing(),
        missing_families=family_index.missing(),
        remove=remove_missing,
    )
    record_changes(
        session,
        report,
        added=writer.added_ids if had_people else [],
        updated=writer.updated_ids,
        missing=missing,
        actor=actor,
    )
