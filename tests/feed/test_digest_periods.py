"""Digest periods: ISO weeks and months, which one is due on a day, and keys read back."""

from __future__ import annotations

from datetime import date

import pytest

from famille.feed.digest_periods import due_period, month_of, period_from_key, week_of


def test_an_iso_week_runs_monday_to_sunday() -> None:
    week = week_of(date(2026, 3, 11))
    assert (week.key, week.first_day, week.end_day) == ("2026-W11", date(2026, 3, 9), date(2026, 3, 16))
    assert week.start.isoformat() == "2026-03-09T00:00:00+00:00"


def test_the_first_days_of_january_may_belong_to_the_last_week_of_the_year_before() -> None:
    assert week_of(date(2027, 1, 1)).key == "2026-W53"
    assert week_of(date(2025, 12, 29)).key == "2026-W01"


@pytest.mark.parametrize(
    ("today", "key"),
    [
        (date(2026, 3, 16), "2026-W11"),  # Monday after the week
        (date(2026, 3, 22), "2026-W11"),  # cron missed the whole week but Sunday: still that week
        (date(2026, 3, 15), "2026-W10"),  # Sunday of W11: W11 has not ended
    ],
)
def test_the_weekly_digest_due_is_the_week_before_todays(today: date, key: str) -> None:
    assert due_period(today, "weekly").key == key


def test_the_monthly_digest_due_is_the_month_before() -> None:
    assert due_period(date(2026, 1, 5), "monthly").key == "2025-12"
    assert month_of(date(2025, 12, 31)).end_day == date(2026, 1, 1)


@pytest.mark.parametrize("key", ["2026-W11", "2026-W53", "2026-03", "2025-12"])
def test_keys_read_back_as_their_period(key: str) -> None:
    period = period_from_key(key)
    assert period is not None and period.key == key


@pytest.mark.parametrize("key", ["2026-W60", "2025-W53", "2026-13", "2026-00", "x", "", "2026-03-01:birthday:4:day"])
def test_other_keys_read_as_nothing(key: str) -> None:
    assert period_from_key(key) is None
