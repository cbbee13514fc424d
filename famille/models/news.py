"""News posts, members' secret feed addresses, and the record of e-mails sent (digests and reminders).

Feed tokens are stored only as SHA-256 hashes, like invitation tokens: the address is shown once, when made.
Every digest or reminder is recorded before it is sent, keyed by member, kind and period, so that sending twice
(or again after a crash half-way) never mails the same thing twice.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from famille.db import Base


class NewsPost(Base):
    """A short announcement by a member about themselves or a relative, with at most one photo."""

    __tablename__ = "news_post"

    news_id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.user_id", ondelete="SET NULL"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.person_id", ondelete="SET NULL"), index=True)
    #: What it announces: "birth", "job", "move", "wedding", "other".
    topic: Mapped[str] = mapped_column(String(20), default="other")
    body: Mapped[str] = mapped_column(Text, default="")
    #: The re-encoded photo's file name in the upload folder ("" without a photo).
    photo: Mapped[str] = mapped_column(String(200), default="")
    photo_width: Mapped[int] = mapped_column(Integer, default=0)
    photo_height: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(), index=True)
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class FeedToken(Base):
    """A member's secret address for a feed ("atom" or "ics"): revocable, regenerable, stored hashed."""

    __tablename__ = "feed_token"
    __table_args__ = (UniqueConstraint("user_id", "kind"),)

    token_id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.user_id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class MailSent(Base):
    """One digest or reminder for one member and one period: claimed before sending, marked sent after."""

    __tablename__ = "mail_sent"
    __table_args__ = (UniqueConstraint("user_id", "kind", "period_key"),)

    mail_id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.user_id", ondelete="CASCADE"), index=True)
    #: "digest", "reminder" (birthdays and anniversaries).
    kind: Mapped[str] = mapped_column(String(20))
    #: Which period or occasion: "2026-W48", "2026-11", "2026-12-03:1234:birthday:week"…
    period_key: Mapped[str] = mapped_column(String(120))
    #: "claimed" while being sent, "sent" once the SMTP server accepted it.
    status: Mapped[str] = mapped_column(String(10), default="claimed")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
