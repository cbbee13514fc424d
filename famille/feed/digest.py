"""The digest of what changed: for one member and one period, the feed as that member may see it.

MyHeritage's rule: a digest is sent only when something changed *for that member* — an entry of the feed they may
see, made by someone else (their own edits are no news to them). Privacy is the feed's: entries come from
:func:`famille.feed.log.feed_entries` read as the member, so a person they may not see never appears.

A digest normally covers its period. When earlier digests were missed (the member had nothing new, or the site
was down for a while) nothing is lost: the window starts where the last digest sent ended, at most
:data:`CATCH_UP` before the period.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import groupby

from sqlalchemy import select
from sqlalchemy.orm import Session

from famille.feed.digest_periods import Period, period_from_key
from famille.feed.log import FeedEntry, feed_entries
from famille.feed.reminders import viewer_of
from famille.mailing.services import links_need_confirming
from famille.mailing.tokens import DIGEST
from famille.models import Change, MailSent, User

#: At most this many entries in one mail; the rest is on the site.
MAX_ENTRIES = 40
#: A member's own changes are skipped page by page; this many pages at most (a bounded number of queries).
MAX_PAGES = 5
#: How far before its period a digest reaches back to cover missed ones.
CATCH_UP = timedelta(days=31)
#: ``feed_entries`` bounds are exclusive: start a hair before midnight so a change at 00:00:00 is not lost.
_JUST_BEFORE = timedelta(microseconds=1)


@dataclass(frozen=True, slots=True)
class DigestContent:
    """What one digest says: its period and window, the entries grouped by day, and whether to ask about links."""

    period: Period
    since: datetime
    days: list[tuple[date, list[FeedEntry]]]
    more: bool
    confirm_links: bool

    @property
    def count(self) -> int:
        """How many entries the mail lists."""
        return sum(len(entries) for _, entries in self.days)


def digest_since(session: Session, *, user_id: int, period: Period) -> datetime:
    """Where the digest's window starts: the period's start, or the end of the last digest sent if earlier."""
    last_key = session.scalar(
        select(MailSent.period_key)
        .where(MailSent.user_id == user_id, MailSent.kind == DIGEST, MailSent.status == "sent")
        .order_by(MailSent.sent_at.desc(), MailSent.mail_id.desc())
        .limit(1)
    )
    last = period_from_key(last_key) if last_key else None
    if last is None:
        return period.start
    # Never before the catch-up limit, never again over what the last digest covered, never past the period.
    return min(max(last.end, period.start - CATCH_UP), period.end)


def _by_others(session: Session, entries: list[FeedEntry], user_id: int) -> list[FeedEntry]:
    """The entries not made by ``user_id`` (one query for the whole list)."""
    ids = [entry.change_id for entry in entries]
    own = set(
        session.scalars(select(Change.change_id).where(Change.change_id.in_(ids or [0]), Change.user_id == user_id))
    )
    return [entry for entry in entries if entry.change_id not in own]


def _news_for(session: Session, *, user: User, since: datetime, until: datetime) -> tuple[list[FeedEntry], bool]:
    """The newest :data:`MAX_ENTRIES` entries made by others in the window, and whether there are more.

    Page after page: a member who made many changes themself must still hear of the others' older ones.
    """
    viewer, kept, before = viewer_of(user), [], None
    for _page in range(MAX_PAGES):
        found = feed_entries(session, viewer=viewer, since=since, until=until, limit=MAX_ENTRIES + 1, before=before)
        kept += _by_others(session, found, user.user_id)
        if len(found) <= MAX_ENTRIES or len(kept) > MAX_ENTRIES:
            break
        before = min(entry.change_id for entry in found)
    return kept[:MAX_ENTRIES], len(kept) > MAX_ENTRIES


def digest_content(session: Session, *, user: User, period: Period, now: datetime) -> DigestContent | None:
    """The digest of ``period`` for ``user``, or None when nothing changed for them."""
    since = digest_since(session, user_id=user.user_id, period=period)
    if since >= period.end:
        return None
    entries, more = _news_for(session, user=user, since=since - _JUST_BEFORE, until=period.end)
    if not entries:
        return None
    days = [(day, list(group)) for day, group in groupby(entries, key=lambda entry: entry.created_at.date())]
    return DigestContent(
        period=period,
        since=since,
        days=days,
        more=more,
        confirm_links=links_need_confirming(session, user=user, now=now),
    )
