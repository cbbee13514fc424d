"""Birthday and anniversary reminders: for relatives within the member's chosen closeness, a week before and on
the day (Geni's rule).

"Within the closeness" is the civil degree of :func:`famille.kinship.closeness.close_family` from the member's own
person (their partners included at the relative's degree), up to ``User.reminder_degree``. A member whose account
has no person in the tree gets no reminders: there is no "close" without a place in the family. The occasions and
their privacy come from :func:`famille.feed.dates.upcoming_occasions`, read as that member.

The week-ahead reminder is due on any run in the seven days before the occasion, so a cron job that missed a day
still sends it; the on-the-day reminder only on the day itself (a "today" reminder a day late would be wrong).
Each reminder has its own key in ``MailSent`` ("2026-12-03:birthday:1234:week"), so one is never sent twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from famille.feed.dates import Occasion, upcoming_occasions
from famille.kinship.closeness import close_family
from famille.models import User
from famille.privacy import Viewer

WEEK_AHEAD = 7
ON_THE_DAY, WEEK_BEFORE = "day", "week"


@dataclass(frozen=True, slots=True)
class Reminder:
    """One occasion to remind of, and whether it is the week-before or the on-the-day reminder."""

    occasion: Occasion
    when: str
    period_key: str


def viewer_of(user: User) -> Viewer:
    """The member as privacy.py sees them: what their mail may show is what their pages show."""
    return Viewer(role=user.role, user_id=user.user_id, person_id=user.person_id)


def reminder_key(occasion: Occasion, when: str) -> str:
    """The reminder's key in ``MailSent``: the day, the kind, who (person or couple) and which reminder."""
    who = occasion.family_id if occasion.kind == "anniversary" else occasion.people[0].person_id
    return f"{occasion.on.isoformat()}:{occasion.kind}:{who}:{when}"


def due_reminders(session: Session, *, user: User, today: date) -> list[Reminder]:
    """The reminders due for ``user`` on ``today`` (week-ahead ones for the next seven days, and today's)."""
    if not user.reminders_enabled or user.person_id is None:
        return []
    relatives = close_family(session, user.person_id, degrees=user.reminder_degree)
    relatives.pop(user.person_id, None)
    if not relatives:
        return []
    occasions = upcoming_occasions(
        session, viewer=viewer_of(user), start=today, days=WEEK_AHEAD + 1, person_ids=set(relatives)
    )
    reminders: list[Reminder] = []
    for occasion in occasions:
        if any(person.person_id == user.person_id for person in occasion.people):
            continue  # one's own birthday or wedding needs no reminder
        if occasion.on - today > timedelta(days=WEEK_AHEAD):
            continue
        when = ON_THE_DAY if occasion.on == today else WEEK_BEFORE
        reminders.append(Reminder(occasion, when, reminder_key(occasion, when)))
    return reminders
