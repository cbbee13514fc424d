"""The periods a digest covers: ISO weeks ("2026-W48") and calendar months ("2026-11"), in UTC.

A digest is due on the first run on or after the end of its period: the digest of week W goes out on the first
run of week W+1, whatever day that is, so a cron job that missed a day (or several) skips nothing. The period's
key is what :class:`famille.models.MailSent` records. Pure: no Flask, no session.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

WEEKLY, MONTHLY = "weekly", "monthly"
_WEEK_KEY = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH_KEY = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True, slots=True)
class Period:
    """One digest period: its key, its first day and the day after its last (``end`` is excluded)."""

    frequency: str
    key: str
    first_day: date
    end_day: date

    @property
    def start(self) -> datetime:
        """The period's first moment (UTC)."""
        return midnight(self.first_day)

    @property
    def end(self) -> datetime:
        """The moment just after the period (UTC, excluded)."""
        return midnight(self.end_day)


def midnight(day: date) -> datetime:
    """The first moment of ``day`` in UTC."""
    return datetime.combine(day, time.min, tzinfo=UTC)


def week_of(day: date) -> Period:
    """The ISO week (Monday to Sunday) holding ``day``."""
    year, week, weekday = day.isocalendar()
    monday = day - timedelta(days=weekday - 1)
    return Period(WEEKLY, f"{year}-W{week:02d}", monday, monday + timedelta(days=7))


def month_of(day: date) -> Period:
    """The calendar month holding ``day``."""
    first = day.replace(day=1)
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return Period(MONTHLY, f"{first.year}-{first.month:02d}", first, following)


def period_of(day: date, frequency: str) -> Period:
    """The ``frequency`` ("weekly" or "monthly") period holding ``day``."""
    return month_of(day) if frequency == MONTHLY else week_of(day)


def due_period(today: date, frequency: str) -> Period:
    """The newest period that has ended by ``today``: the one just before today's."""
    return period_of(period_of(today, frequency).first_day - timedelta(days=1), frequency)


def period_from_key(key: str) -> Period | None:
    """The period a recorded key names ("2026-W48", "2026-11"); None for anything else."""
    if match := _WEEK_KEY.match(key):
        try:
            return week_of(date.fromisocalendar(int(match[1]), int(match[2]), 1))
        except ValueError:
            return None
    if match := _MONTH_KEY.match(key):
        year, month = int(match[1]), int(match[2])
        return month_of(date(year, month, 1)) if 1 <= month <= 12 and year >= 1 else None
    return None
