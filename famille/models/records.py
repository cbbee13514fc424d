"""GEDCOM records the site does not model in detail (sources, repositories, shared notes, media…) and imports.

They are kept verbatim so an export gives them back, with a title where the record has one for display.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from famille.db import Base


class GedcomRecord(Base):
    """A level-0 record other than INDI and FAM (SOUR, REPO, NOTE, OBJE, SUBM, custom `_` records)."""

    __tablename__ = "gedcom_record"
    __table_args__ = (UniqueConstraint("tag", "xref"),)

    record_id: Mapped[int] = mapped_column(primary_key=True)
    tag: Mapped[str] = mapped_column(String(40))
    xref: Mapped[str | None] = mapped_column(String(64), index=True)
    value: Mapped[str] = mapped_column(Text, default="")
    title: Mapped[str] = mapped_column(String(500), default="")
    extra: Mapped[list[Any]] = mapped_column(JSON, default=list)
    position: Mapped[int] = mapped_column(default=0)


class GedcomImport(Base):
    """One import of a GEDCOM file: where it came from and what it did (the report's figures)."""

    __tablename__ = "gedcom_import"

    import_id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    actor: Mapped[str] = mapped_column(String(200), default="")
    filename: Mapped[str] = mapped_column(String(500), default="")
    source_program: Mapped[str] = mapped_column(String(200), default="")
    encoding: Mapped[str] = mapped_column(String(40), default="")
    gedcom_version: Mapped[str] = mapped_column(String(20), default="")
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    warning_count: Mapped[int] = mapped_column(default=0)
