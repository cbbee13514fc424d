"""The records Famille keeps verbatim (sources, repositories, shared notes, media, submitters, HEAD…)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from famille.gedcom.nodes import GedcomNode, node_to_data
from famille.imports.bulk import insert_rows
from famille.models import GedcomRecord

_TITLE_TAGS = ("TITL", "NAME", "ABBR", "FILE")


def record_row(node: GedcomNode, position: int) -> dict[str, Any]:
    """The row of one verbatim record, with a short title for display."""
    title = next((node.value_of(tag) for tag in _TITLE_TAGS if node.value_of(tag)), "") or node.value
    return {
        "tag": node.tag[:40],
        "xref": node.xref,
        "value": node.value,
        "title": " ".join(title.split())[:500],
        "extra": [node_to_data(child) for child in node.children],
        "position": position,
    }


def replace_records(session: Session, rows: list[dict[str, Any]]) -> None:
    """Replace every verbatim record by those of the new file (the site never edits them)."""
    session.execute(delete(GedcomRecord))
    unique: dict[tuple[str, str | None], dict[str, Any]] = {}
    for row in rows:
        key = (row["tag"], row["xref"])
        if row["xref"] is None or key not in unique:
            unique[key if row["xref"] else (row["tag"], f"#{row['position']}")] = row
    insert_rows(session, GedcomRecord, list(unique.values()))
