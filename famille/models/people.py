"""People, their names, families, events, places and notes: the family tree itself.

Rows that came from a GEDCOM file keep what the file said but the model does not hold (``extra``: the unmodelled
subtrees, verbatim, as node data) so that an export gives it back.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, Text, func
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Mapped, mapped_column, relationship

from famille.db import Base


class Place(Base):
    """A place name as written (``Montréal, Québec, Canada``), shared by every event there."""

    __tablename__ = "place"

    place_id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(500))
    name_key: Mapped[str] = mapped_column(String(500), unique=True)
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]


class Person(Base):
    """One individual of the tree; the listing fields summarise the primary name and vital events."""

    __tablename__ = "person"

    person_id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(64), unique=True)
    xref: Mapped[str | None] = mapped_column(String(64), index=True)
    sex: Mapped[str] = mapped_column(String(1), default="U")
    given_name: Mapped[str] = mapped_column(String(300), default="")
    surname: Mapped[str] = mapped_column(String(300), default="")
    surname_key: Mapped[str] = mapped_column(String(300), default="", index=True)
    nickname: Mapped[str] = mapped_column(String(300), default="")
    married_name: Mapped[str] = mapped_column(String(300), default="")
    search_text: Mapped[str] = mapped_column(Text, default="")
    birth_date: Mapped[str] = mapped_column(String(120), default="")
    birth_sort: Mapped[int | None] = mapped_column(Integer, index=True)
    birth_place: Mapped[str] = mapped_column(String(500), default="")
    death_date: Mapped[str] = mapped_column(String(120), default="")
    death_sort: Mapped[int | None] = mapped_column(Integer)
    death_place: Mapped[str] = mapped_column(String(500), default="")
    is_dead: Mapped[bool] = mapped_column(Boolean, default=False)
    living: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    extra: Mapped[list[Any]] = mapped_column(JSON, default=list)
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    missing_since: Mapped[int | None] = mapped_column(ForeignKey("gedcom_import.import_id"))
    #: "gedcom" for people from a file, "site" for people added on the site (never "absent from the file").
    origin: Mapped[str] = mapped_column(String(10), default="gedcom", server_default="gedcom")
    #: The fields as the last imported file gave them: the common base of a three-way merge with site edits.
    file_fields: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict, server_default="{}")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    names: Mapped[list[PersonName]] = relationship(
        back_populates="person", order_by="PersonName.position", cascade="all, delete-orphan"
    )

    @property
    def display_name(self) -> str:
        """Given name and surname, or a placeholder sign when both are unknown."""
        return " ".join(part for part in (self.given_name, self.surname) if part) or "…"


class PersonName(Base):
    """One NAME structure of a person, in file order (the first is the primary name)."""

    __tablename__ = "person_name"

    name_id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.person_id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name_type: Mapped[str] = mapped_column(String(40), default="")
    full: Mapped[str] = mapped_column(String(500), default="")
    given: Mapped[str] = mapped_column(String(300), default="")
    surname: Mapped[str] = mapped_column(String(300), default="")
    prefix: Mapped[str] = mapped_column(String(100), default="")
    suffix: Mapped[str] = mapped_column(String(100), default="")
    nickname: Mapped[str] = mapped_column(String(300), default="")
    extra: Mapped[list[Any]] = mapped_column(JSON, default=list)

    person: Mapped[Person] = relationship(back_populates="names")


class Family(Base):
    """A couple (one or two partners, or none known) and their children."""

    __tablename__ = "family"

    family_id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(64), unique=True)
    xref: Mapped[str | None] = mapped_column(String(64), index=True)
    partner1_id: Mapped[int | None] = mapped_column(ForeignKey("person.person_id", ondelete="SET NULL"), index=True)
    partner2_id: Mapped[int | None] = mapped_column(ForeignKey("person.person_id", ondelete="SET NULL"), index=True)
    extra: Mapped[list[Any]] = mapped_column(JSON, default=list)
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    missing_since: Mapped[int | None] = mapped_column(ForeignKey("gedcom_import.import_id"))
    origin: Mapped[str] = mapped_column(String(10), default="gedcom", server_default="gedcom")
    file_fields: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict, server_default="{}")


class FamilyChild(Base):
    """A child of a family, in birth order as the file gave it, with the kind of filiation."""

    __tablename__ = "family_child"

    family_id: Mapped[int] = mapped_column(ForeignKey("family.family_id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.person_id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    pedigree: Mapped[str] = mapped_column(String(20), default="birth")


class Event(Base):
    """An event or attribute of a person or of a family (birth, marriage, occupation…)."""

    __tablename__ = "event"

    event_id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.person_id", ondelete="CASCADE"), index=True)
    family_id: Mapped[int | None] = mapped_column(ForeignKey("family.family_id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    tag: Mapped[str] = mapped_column(String(40))
    event_type: Mapped[str] = mapped_column(String(200), default="")
    value: Mapped[str] = mapped_column(Text, default="")
    date_text: Mapped[str] = mapped_column(String(200), default="")
    date_start: Mapped[int | None] = mapped_column(Integer)
    date_end: Mapped[int | None] = mapped_column(Integer)
    place_id: Mapped[int | None] = mapped_column(ForeignKey("place.place_id"), index=True)
    extra: Mapped[list[Any]] = mapped_column(JSON, default=list)

    place: Mapped[Place | None] = relationship()


class Note(Base):
    """A note on a person, a family or an event: its own text, or a pointer to a shared NOTE record."""

    __tablename__ = "note"

    note_id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.person_id", ondelete="CASCADE"), index=True)
    family_id: Mapped[int | None] = mapped_column(ForeignKey("family.family_id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text, default="")
    record_xref: Mapped[str | None] = mapped_column(String(64))
    extra: Mapped[list[Any]] = mapped_column(JSON, default=list)


class NameToken(Base):
    """One searchable word of a person's names (folded: no accents, lower case), for indexed prefix search."""

    __tablename__ = "name_token"

    # Byte-order collation on PostgreSQL so a prefix is a plain range on the index, as on SQLite.
    token: Mapped[str] = mapped_column(
        String(100).with_variant(postgresql.VARCHAR(100, collation="C"), "postgresql"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.person_id", ondelete="CASCADE"), primary_key=True, index=True
    )
