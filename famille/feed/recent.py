"""The newest changes of the tree, in human words, as the viewer may see them (for the home page).

The home page shows the first lines of the feed (:mod:`famille.feed.log`): the same kinds of change, the same
privacy (a change about a person the viewer may not see is left out, not shown blurred), the same words.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from famille.feed.log import FeedEntry, feed_entries
from famille.privacy import Viewer


def recent_changes(session: Session, *, viewer: Viewer, limit: int = 10) -> list[FeedEntry]:
    """The ``limit`` newest feed entries the viewer may see, newest first (a few queries whatever the log's size)."""
    return feed_entries(session, viewer=viewer, limit=limit)
