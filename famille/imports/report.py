"""What an import did, or would do in a dry run: counts, warnings with line numbers, people absent from the file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from famille.markers import N_


class ImportRefused(Exception):
    """The file cannot be imported; nothing was changed. ``template % params`` says why, in English."""

    def __init__(self, template: str, params: dict[str, Any] | None = None) -> None:
        self.template = template
        self.params = params or {}
        super().__init__(str(self))

    def __str__(self) -> str:
        return self.template % self.params


@dataclass(slots=True)
class ReportWarning:
    """A tolerated fault of the file, with the line it is on."""

    line: int | None
    template: str
    params: dict[str, Any]

    def __str__(self) -> str:
        text = self.template % self.params
        return f"line {self.line}: {text}" if self.line else text


@dataclass(slots=True)
class Tally:
    """New, updated, unchanged and absent records of one kind."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    missing: int = 0
    removed: int = 0

    def as_dict(self) -> dict[str, int]:
        """The figures as a plain dictionary (for the change log and JSON)."""
        return {
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "missing": self.missing,
            "removed": self.removed,
        }


@dataclass(slots=True)
class ImportReport:
    """The whole report of one import."""

    filename: str
    encoding: str
    gedcom_version: str
    source_program: str
    dry_run: bool
    people: Tally = field(default_factory=Tally)
    families: Tally = field(default_factory=Tally)
    #: Records of people deleted on the site, left out of the import.
    declined: int = 0
    links_added: int = 0
    links_removed: int = 0
    records: int = 0
    warnings: list[ReportWarning] = field(default_factory=list)
    missing_people: list[tuple[int, str]] = field(default_factory=list)
    #: Fields changed both on the site and in the file (PersonConflict: person id, name, field, both values).
    conflicts: list[Any] = field(default_factory=list)
    import_id: int | None = None

    def counts(self) -> dict[str, Any]:
        """Every figure of the report, for the change log."""
        return {
            "people": self.people.as_dict(),
            "families": self.families.as_dict(),
            "links_added": self.links_added,
            "links_removed": self.links_removed,
            "records": self.records,
            "declined": self.declined,
            "warnings": len(self.warnings),
            "conflicts": len(self.conflicts),
        }

    def summary_lines(self) -> list[str]:
        """The report as short English lines, for the command line."""
        people, families = self.people, self.families
        return [
            N_("File: %(file)s (%(encoding)s, GEDCOM %(version)s, from %(program)s)")
            % {
                "file": self.filename,
                "encoding": self.encoding,
                "version": self.gedcom_version or "?",
                "program": self.source_program or "?",
            },
            f"People: {people.new} new, {people.updated} updated, {people.unchanged} unchanged, "
            f"{people.missing} absent from the file, {people.removed} removed",
            f"Families: {families.new} new, {families.updated} updated, {families.unchanged} unchanged, "
            f"{families.missing} absent from the file, {families.removed} removed",
            f"Profile links: {self.links_added} added, {self.links_removed} removed",
            f"People deleted on the site, left out: {self.declined}",
            f"Other records (sources, notes, media…): {self.records}",
            f"Warnings: {len(self.warnings)}",
            f"Conflicts between site edits and the file: {len(self.conflicts)}",
        ]
