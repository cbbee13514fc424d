"""Profile links: where each relative is online (LinkedIn, Facebook, a blog, an e-mail address…)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from famille.db import Base


class ProfileLink(Base):
    """One link on a person; ``origin`` says whether it came from a GEDCOM file or was added on the site."""

    __tablename__ = "profile_link"
    __table_args__ = (UniqueConstraint("person_id", "url"),)

    link_id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.person_id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(String(2048))
    platform: Mapped[str] = mapped_column(String(40))
    handle: Mapped[str] = mapped_column(String(300), default="")
    label: Mapped[str] = mapped_column(String(200), default="")
    origin: Mapped[str] = mapped_column(String(20), default="site")
    added_by: Mapped[str] = mapped_column(String(200), default="")
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
