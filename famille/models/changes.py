"""The change log: every write to the family's data is recorded here, and the data version moves on."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, String, func
from sqlalchemy.orm import Mapped, mapped_column

from famille.db import Base


class Change(Base):
    """One recorded change: who, when, what kind, on whom, and the old and new values."""

    __tablename__ = "change"

    change_id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(), index=True)
    actor: Mapped[str] = mapped_column(String(200), default="")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.user_id", ondelete="SET NULL"), index=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.person_id", ondelete="SET NULL"), index=True)
    family_id: Mapped[int | None] = mapped_column(ForeignKey("family.family_id", ondelete="SET NULL"))
    import_id: Mapped[int | None] = mapped_column(ForeignKey("gedcom_import.import_id", ondelete="SET NULL"))
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class SiteSetting(Base):
    """A site-wide setting or counter kept in the database (the data version, the demo marker…)."""

    __tablename__ = "site_setting"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(String(2000), default="")
