"""A chart for a viewer: select its people, apply privacy, mark recent updates, and write its DOT text.

:func:`chart_source` is the entry point for every page and for the poster. It reads only what the chart needs
(see :mod:`famille.charts.loading`), and every name, date and update goes through :mod:`famille.visibility`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from flask import url_for
from sqlalchemy.orm import Session

from famille.charts import graph as select
from famille.charts import loading, words
from famille.charts.dot import Heading, PersonBox, chart_dot, legend_lines
from famille.kinship.relationship import find_relationship
from famille.models import Person
from famille.people.branches import founding_family, load_graph
from famille.privacy import PersonView, Viewer
from famille.site.services import data_version
from famille.visibility import page_privacy

KINDS = ("person", "descendants", "ancestors", "relationship", "family", "whole")
#: The founding couple's family by data version: finding it reads the whole tree, so once per version.
_FOUNDERS: dict[str, int | None] = {}


class ChartNotFound(LookupError):
    """The chart is about someone who is not in the tree (or a kind that does not exist)."""


@dataclass(frozen=True, slots=True)
class ChartUpdate:
    """A recently changed person of the chart, as the side list shows them."""

    person_id: int
    name: str
    badges: tuple[str, ...]
    when: datetime
    new_since_visit: bool


@dataclass(frozen=True, slots=True)
class ChartSource:
    """A chart ready for ``dot``: its DOT text, how many people it holds, its title and its recent updates.

    ``truncated``: the chart holds more people than the limit asked; then ``dot`` is empty and ``people`` is only
    how many were found before stopping.
    """

    dot: str
    people: int
    title: str
    truncated: bool = False
    updates: tuple[ChartUpdate, ...] = ()
    focus: int | None = None
    #: The same chart without its drawn heading, for the screen (the page shows title and legend beside it).
    screen_dot: str = ""

    def dot_for(self, fmt: str) -> str:
        """The DOT text to draw as ``fmt``: SVG for the screen goes without the heading, PDF for print with it."""
        return self.screen_dot if fmt == "svg" and self.screen_dot else self.dot


def founders(session: Session) -> tuple[int, ...]:
    """The founding couple (partner ids), or () when the tree has none."""
    version = data_version(session)
    if version not in _FOUNDERS:
        graph = load_graph(session)
        family_id = founding_family(graph)
        _FOUNDERS.clear()
        _FOUNDERS[version] = family_id
        return graph.partners.get(family_id, ()) if family_id is not None else ()
    family_id = _FOUNDERS[version]
    if family_id is None:
        return ()
    return next((f.partners for f in loading.own_families_of_family(session, family_id)), ())


def _require(session: Session, *person_ids: int | None) -> list[int]:
    if any(pid is None or session.get(Person, pid) is None for pid in person_ids):
        raise ChartNotFound
    return [pid for pid in person_ids if pid is not None]


def _relationship_paths(session: Session, a: int, b: int) -> tuple[tuple[int, ...], ...]:
    """The paths the relationship page names: by blood, else through a marriage (in-laws, step-relations)."""
    found = find_relationship(session, a, b)
    return found.paths if found is not None else ()


def select_graph(
    session: Session,
    *,
    kind: str,
    person_id: int | None,
    other_id: int | None,
    up: int,
    down: int,
    generations: int | None,
    limit: int | None,
) -> tuple[select.ChartGraph, list[int]]:
    """The chart's people and families, and the people its title names."""
    parents_of = lambda ids: loading.parent_families(session, ids)  # noqa: E731 - loaders bound to the session
    own_of = lambda ids: loading.own_families(session, ids)  # noqa: E731
    if kind == "person":
        (focus,) = _require(session, person_id)
        return select.hourglass(focus, up=up, down=down, parents_of=parents_of, own_of=own_of, limit=limit), [focus]
    if kind == "ancestors":
        (focus,) = _require(session, person_id)
        return select.ancestors(focus, up=up, parents_of=parents_of, limit=limit), [focus]
    if kind == "descendants":
        (focus,) = _require(session, person_id)
        return select.descendants([focus], down=generations, own_of=own_of, limit=limit, focus=focus), [focus]
    if kind == "relationship":
        a, b = _require(session, person_id, other_id)
        paths = _relationship_paths(session, a, b)
        return select.relationship(paths, ends=(a, b), parents_of=parents_of, own_of=own_of), [a, b]
    if kind == "family":
        couple = list(founders(session))
        return select.descendants(couple, down=generations, own_of=own_of, limit=limit), couple
    if kind == "whole":
        if limit is not None and loading.people_count(session) > limit:
            return select.ChartGraph(people=set(), truncated=True), []
        families, people = loading.all_families(session)
        return select.whole(families, people, limit=limit), []
    raise ChartNotFound


def _updates(
    session: Session, views: dict[int, PersonView], *, days: int, since: datetime | None
) -> tuple[ChartUpdate, ...]:
    """The visible people of the chart changed in the last ``days`` (or since the last visit), newest first."""
    now = datetime.now(UTC)
    start = now - timedelta(days=max(days, 0))
    if since is not None:
        since = since if since.tzinfo else since.replace(tzinfo=UTC)
    earliest = min(start, since) if since is not None else start
    shown = [pid for pid, view in views.items() if not view.is_private]
    found: dict[int, tuple[list[str], datetime, bool]] = {}
    for person_id, kind, created_at in loading.changes_since(session, shown, earliest):
        badge = words.BADGE_OF_KIND.get(kind)
        if badge is None:
            continue
        when = created_at if created_at.tzinfo else created_at.replace(tzinfo=UTC)
        badges, _, new = found.get(person_id, ([], when, False))
        if when >= start and badge not in badges:
            badges.append(badge)
        found[person_id] = (badges, when, new or (since is not None and when > since))
    updates = [
        ChartUpdate(pid, words.shown_name(views[pid]), tuple(sorted(b, key=words.BADGES.index)), when, new)
        for pid, (b, when, new) in found.items()
        if b or new
    ]
    return tuple(sorted(updates, key=lambda u: (u.when, u.person_id), reverse=True))


def chart_boxes(
    session: Session,
    graph: select.ChartGraph,
    *,
    viewer: Viewer,
    kind: str,
    named: list[int],
    days: int = 30,
    since: datetime | None = None,
) -> tuple[str, dict[int, PersonBox], tuple[ChartUpdate, ...]]:
    """The chart's title, every person's box as ``viewer`` may see them, and the recent updates shown.

    For a truncated graph only the title is worked out (from the people it is named after).
    """
    facts = loading.person_facts(session, named if graph.truncated else graph.people)
    privacy = page_privacy(session, viewer, [pid for pid, fact in facts.items() if fact.row[5]])
    views = {pid: privacy.view(fact.row) for pid, fact in facts.items()}
    title = words.title(kind, [words.shown_name(views[pid]) for pid in named if pid in views])
    if graph.truncated:
        return title, {}, ()
    updates = _updates(session, views, days=days, since=since)
    by_person = {update.person_id: update for update in updates}
    return title, {pid: _box(views[pid], facts[pid], by_person.get(pid)) for pid in views}, updates


def chart_source(
    session: Session,
    *,
    viewer: Viewer,
    kind: str,
    person_id: int | None = None,
    other_id: int | None = None,
    up: int = 3,
    down: int = 3,
    days: int = 30,
    since: datetime | None = None,
    generations: int | None = None,
    limit: int | None = None,
) -> ChartSource:
    """The chart of ``kind`` as ``viewer`` may see it; raises :class:`ChartNotFound` for people not in the tree.

    ``up``/``down``: generations of the hourglass (``up`` also for ancestors); ``generations``: of descendants
    (None: all); ``limit``: stop selecting past this many people (the result is then ``truncated``).
    """
    graph, named = select_graph(
        session,
        kind=kind,
        person_id=person_id,
        other_id=other_id,
        up=up,
        down=down,
        generations=generations,
        limit=limit,
    )
    title, boxes, updates = chart_boxes(session, graph, viewer=viewer, kind=kind, named=named, days=days, since=since)
    if graph.truncated:
        return ChartSource(dot="", people=len(graph.people), title=title, truncated=True)
    heading = Heading(
        title, words.dated(datetime.now(UTC).date()), legend_lines(words.legend_words(with_new=since is not None))
    )
    badge_words = words.badge_words()
    dot = chart_dot(graph, boxes, heading=heading, badge_words=badge_words)
    screen = chart_dot(graph, boxes, heading=None, badge_words=badge_words)
    return ChartSource(dot=dot, people=len(boxes), title=title, updates=updates, focus=graph.focus, screen_dot=screen)


def _box(view: PersonView, fact: loading.PersonFacts, update: ChartUpdate | None) -> PersonBox:
    """A person's box: what the viewer may see of them, with their marks."""
    return PersonBox(
        person_id=view.person_id,
        name=words.shown_name(view),
        years=words.years(view),
        url=url_for("people.person", person_id=view.person_id),
        is_private=view.is_private,
        living=fact.row[5] and not view.is_private,
        links=0 if view.is_private else fact.links,
        member=fact.member and not view.is_private,
        badges=update.badges if update else (),
        new_since_visit=bool(update and update.new_since_visit),
    )
