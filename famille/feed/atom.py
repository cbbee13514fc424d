"""The family feed as an Atom document (RFC 4287), for feed readers.

Each entry is one :class:`famille.feed.log.FeedEntry`, titled by :func:`famille.feed.log.describe` in the current
Babel locale. Its id is a tag URI (RFC 4151) built from the site's host, the day the change was recorded and the
change's number, so it never changes and never collides with another site's. The standard library's XML writer
is enough here: Atom is a handful of elements, and it escapes every text we put in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from xml.etree import ElementTree as ET

from famille.feed.log import FeedEntry

ATOM_NS = "http://www.w3.org/2005/Atom"
#: The day in every feed id (a tag URI names its authority as of a date; any fixed day will do).
TAG_DAY = "2024-01-01"


@dataclass(frozen=True, slots=True)
class AtomSite:
    """What the document says of the site: its host (for ids), title, the feed's own and the site's address."""

    host: str
    title: str
    self_url: str
    site_url: str
    person_url: Callable[[int], str]
    author: str
    lang: str


def _utc(moment: datetime) -> datetime:
    """``moment`` in UTC (SQLite gives back naive datetimes, always stored in UTC)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _stamp(moment: datetime) -> str:
    return _utc(moment).isoformat(timespec="seconds").replace("+00:00", "Z")


def entry_id(entry: FeedEntry, host: str) -> str:
    """The entry's permanent id: ``tag:<host>,<day recorded>:change/<number>``."""
    return f"tag:{host},{_utc(entry.created_at).date().isoformat()}:change/{entry.change_id}"


def _updated(entry: FeedEntry) -> datetime:
    edited = entry.news.updated_at if entry.news is not None else None
    return max(_utc(entry.created_at), _utc(edited)) if edited is not None else _utc(entry.created_at)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def _entry(feed: ET.Element, entry: FeedEntry, site: AtomSite, describe: Callable[[FeedEntry], str]) -> None:
    element = _sub(feed, "entry")
    _sub(element, "id", entry_id(entry, site.host))
    _sub(element, "title", describe(entry), type="text")
    _sub(element, "updated", _stamp(_updated(entry)))
    _sub(element, "published", _stamp(entry.created_at))
    if entry.author:
        _sub(_sub(element, "author"), "name", entry.author)
    link = site.person_url(entry.person.person_id) if entry.person is not None else site.site_url
    _sub(element, "link", rel="alternate", type="text/html", href=link)
    if entry.news is not None and entry.news.body:
        _sub(element, "content", entry.news.body, type="text")
    _sub(element, "category", term=entry.kind)


def atom_document(
    entries: Sequence[FeedEntry], *, site: AtomSite, describe: Callable[[FeedEntry], str], now: datetime
) -> bytes:
    """The Atom feed of ``entries`` (newest first), UTF-8 with its XML declaration.

    The feed's ``updated`` is its newest entry's, or ``now`` when there is none yet.
    """
    ET.register_namespace("", ATOM_NS)
    feed = ET.Element(f"{{{ATOM_NS}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": site.lang})
    _sub(feed, "id", f"tag:{site.host},{TAG_DAY}:feed")
    _sub(feed, "title", site.title, type="text")
    newest = max((_updated(entry) for entry in entries), default=_utc(now))
    _sub(feed, "updated", _stamp(newest))
    _sub(_sub(feed, "author"), "name", site.author)
    _sub(feed, "link", rel="self", type="application/atom+xml", href=site.self_url)
    _sub(feed, "link", rel="alternate", type="text/html", href=site.site_url)
    _sub(feed, "generator", "Famille")
    for entry in entries:
        _entry(feed, entry, site, describe)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
