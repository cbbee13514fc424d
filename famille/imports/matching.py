"""Finding, among the rows already on the site, the one a record of the new file describes.

By _UID first. A record without _UID by its xref, but only when the file comes from the same program as the
previous import (xrefs mean nothing across programs). Each row is matched at most once.
"""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session


class Identified(Protocol):
    """What matching needs of a mapped record."""

    uid: str | None
    xref: str | None


class RecordIndex:
    """The rows of one table (people or families): ids by _UID and by xref, with their digests."""

    def __init__(self, session: Session, model: type, *, match_xrefs: bool) -> None:
        key = model.__table__.primary_key.columns[0]
        # Rows added on the site were never in a file: they are neither matched nor "absent from the file".
        rows = session.execute(
            select(key, model.uid, model.xref, model.content_hash).where(model.origin == "gedcom")
        ).all()
        self.by_uid = {uid: row_id for row_id, uid, _x, _h in rows}
        self.by_xref = {xref: row_id for row_id, _u, xref, _h in rows if xref} if match_xrefs else {}
        self.digest = {row_id: digest for row_id, _u, _x, digest in rows}
        self.seen: set[int] = set()

    def match(self, data: Identified) -> int | None:
        """The id of the existing row ``data`` describes, if any."""
        found = self.by_uid.get(data.uid) if data.uid else self.by_xref.get(data.xref or "")
        if found is None or found in self.seen:
            return None
        self.seen.add(found)
        return found

    def missing(self) -> set[int]:
        """The rows no record of the file matched."""
        return set(self.digest) - self.seen


class DeletedOnSite:
    """The file's people an editor deleted on the site: a re-import must not bring them back."""

    def __init__(self, uids: set[str] | None = None, xrefs: set[str] | None = None) -> None:
        self.uids, self.xrefs = uids or set(), xrefs or set()

    def covers(self, data: Identified) -> bool:
        """Whether ``data`` is the record of someone deleted on the site."""
        return data.uid in self.uids if data.uid else (data.xref or "") in self.xrefs


def deleted_on_site(session: Session, *, match_xrefs: bool) -> DeletedOnSite:
    """The _UIDs (and, from the same file lineage, the xrefs) of the file's people deleted on the site."""
    from famille.models import Change

    uids, xrefs = set(), set()
    for (details,) in session.execute(select(Change.details).where(Change.kind == "person_deleted")):
        old = (details or {}).get("old") or {}
        if old.get("origin", "gedcom") != "gedcom":
            continue
        if old.get("uid"):
            uids.add(old["uid"])
        if match_xrefs and old.get("xref"):
            xrefs.add(old["xref"])
    return DeletedOnSite(uids, xrefs)
