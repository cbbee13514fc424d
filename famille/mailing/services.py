"""What members choose about the site's e-mail, and the actions their links take (unsubscribe, "still right").

Each change of an account's mail settings is recorded as a ``Change`` of kind ``mail_settings_changed`` with the
old and new values; confirming one's profile links records ``links_confirmed``. Neither touches the family tree,
so, like the privacy choice, they do not move the data version.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from famille.mailing.tokens import DIGEST, REMINDER
from famille.markers import N_
from famille.models import Change, ProfileLink, User

DIGEST_CHOICES: tuple[str, ...] = ("weekly", "monthly", "off")
MIN_REMINDER_DEGREE, MAX_REMINDER_DEGREE, DEFAULT_REMINDER_DEGREE = 1, 8, 6
#: How long profile links go unconfirmed before the digest asks whether they are still right.
CONFIRM_AFTER = timedelta(days=365)

#: Who each civil degree adds to the reminders, in a relative's words.
REMINDER_DEGREE_LABELS: dict[int, str] = {
    1: N_("Parents and children"),
    2: N_("Up to brothers, sisters, grandparents and grandchildren"),
    3: N_("Up to uncles, aunts, nephews and nieces"),
    4: N_("Up to first cousins"),
    5: N_("Up to first cousins' children"),
    6: N_("Up to second cousins"),
    7: N_("Up to second cousins' children"),
    8: N_("Up to third cousins"),
}


@dataclass(frozen=True, slots=True)
class MailSettings:
    """One account's choices: the digest's frequency ("off" for none), reminders and how close."""

    digest_frequency: str
    reminders_enabled: bool
    reminder_degree: int


def settings_of(user: User) -> MailSettings:
    """The account's current mail settings."""
    return MailSettings(user.digest_frequency, bool(user.reminders_enabled), user.reminder_degree)


def _record(session: Session, user: User, old: MailSettings) -> None:
    new = settings_of(user)
    if new != old:
        details = {"old": _as_dict(old), "new": _as_dict(new)}
        session.add(Change(kind="mail_settings_changed", user_id=user.user_id, actor=user.email, details=details))


def _as_dict(settings: MailSettings) -> dict[str, object]:
    return {
        "digest": settings.digest_frequency,
        "reminders": settings.reminders_enabled,
        "degree": settings.reminder_degree,
    }


def save_mail_settings(session: Session, *, user: User, settings: MailSettings) -> None:
    """Keep the member's choices (values outside the allowed ones are refused with ValueError)."""
    if settings.digest_frequency not in DIGEST_CHOICES:
        raise ValueError(f"unknown digest frequency {settings.digest_frequency!r}")
    if not MIN_REMINDER_DEGREE <= settings.reminder_degree <= MAX_REMINDER_DEGREE:
        raise ValueError(f"reminder degree out of range: {settings.reminder_degree}")
    old = settings_of(user)
    user.digest_frequency = settings.digest_frequency
    user.reminders_enabled = settings.reminders_enabled
    user.reminder_degree = settings.reminder_degree
    _record(session, user, old)


def unsubscribe(session: Session, *, user_id: int, kind: str) -> User | None:
    """Stop ``kind`` of mail ("digest" or "reminder") for the account; None when the account is gone."""
    user = session.get(User, user_id)
    if user is None:
        return None
    old = settings_of(user)
    if kind == DIGEST:
        user.digest_frequency = "off"
    elif kind == REMINDER:
        user.reminders_enabled = False
    _record(session, user, old)
    return user


def confirm_links(session: Session, *, user_id: int, now: datetime | None = None) -> User | None:
    """Record that the member's profile links are still right; None when the account is gone."""
    user = session.get(User, user_id)
    if user is None:
        return None
    user.links_confirmed_at = now or datetime.now(UTC)
    session.add(
        Change(kind="links_confirmed", user_id=user.user_id, actor=user.email, person_id=user.person_id, details={})
    )
    return user


def _aware(moment: datetime | None) -> datetime | None:
    """SQLite gives back naive datetimes, always stored in UTC."""
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment


def links_need_confirming(session: Session, *, user: User, now: datetime) -> bool:
    """Whether the digest should ask the member if their profile links are still right.

    Yes when their person has links and neither a confirmation nor a new link is less than a year old (adding a
    link is looking at them, so it counts as a confirmation).
    """
    if user.person_id is None:
        return False
    newest = session.scalar(select(func.max(ProfileLink.created_at)).where(ProfileLink.person_id == user.person_id))
    if newest is None:
        return False
    moments = [m for m in (_aware(newest), _aware(user.links_confirmed_at)) if m is not None]
    return max(moments) < now - CONFIRM_AFTER
